//! Sync for Payroll deliveries: the spec's webhook examples, signed the way Codat signs them,
//! verified and decoded into `SyncForPayrollEvent`; unknown event types kept, forged and
//! malformed deliveries refused.

use codat_product_tests::{spec_file, webhook_names, webhook_tests};
use codat_sync_payroll::webhooks::SyncForPayrollEvent;

webhook_tests!(SyncForPayrollEvent, rate_limits in "Codat-Sync-Payroll.json", 2);

#[test]
fn the_specs_other_webhook_entries_are_the_same_events_deprecated() {
    let Some(spec) = spec_file("Codat-Sync-Payroll.json") else {
        return;
    };
    let names = webhook_names(spec);
    let expected = [
        "Client rate limit reached",
        "Client rate limit reset",
        "client.rateLimit.reached",
        "client.rateLimit.reset",
    ];
    assert_eq!(names, expected);
    // Keyed by title, deprecated, and pointing to the dotted event of the same meaning:
    // no variant of their own.
    for (title, event_type) in expected[..2].iter().zip(&expected[2..]) {
        let post = &spec["webhooks"][title]["post"];
        assert_eq!(post["deprecated"], true, "{title}");
        let description = post["description"].as_str().unwrap();
        assert!(description.contains(event_type), "{title}: {description}");
    }
}
