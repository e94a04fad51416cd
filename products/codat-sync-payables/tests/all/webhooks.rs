//! Sync for Payables deliveries: the spec's webhook examples, signed the way Codat signs them,
//! verified and decoded into `SyncForPayablesEvent`; unknown event types kept, forged and
//! malformed deliveries refused.

use codat_product_tests::webhook_tests;
use codat_sync_payables::webhooks::SyncForPayablesEvent;

webhook_tests!(SyncForPayablesEvent, rate_limits in "Codat-Sync-Payables.json", 2);

#[test]
fn the_spec_lists_only_the_rate_limit_events() {
    let events = ["client.rateLimit.reached", "client.rateLimit.reset"];
    codat_product_tests::check_webhook_names("Codat-Sync-Payables.json", &events);
}
