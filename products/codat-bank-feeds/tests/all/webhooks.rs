//! Bank Feeds deliveries: bodies built from the spec's webhook schemas and examples, signed
//! the way Codat signs them, verified and decoded into `BankFeedsEvent`; unknown event types
//! kept, forged and malformed deliveries refused.

use codat_bank_feeds::models::{
    CreateSourceAccountResponse, SourceAccountStatus, SourceAccountV2AccountType,
};
use codat_bank_feeds::webhooks::{BankFeedsEvent, SourceAccountWebhook};
use codat_product_tests::webhook_tests;
use codat_product_tests::{example_of, spec_file, verify, webhook_examples, webhook_media};
use serde_json::{json, Value};

/// The event types the spec lists, each with a variant of its own.
const EVENTS: [&str; 4] = [
    "bankFeeds.sourceAccount.connected",
    "bankFeeds.sourceAccount.disconnected",
    "client.rateLimit.reached",
    "client.rateLimit.reset",
];

fn spec() -> Option<&'static Value> {
    spec_file("Codat-Bank-Feeds.json")
}

webhook_tests!(BankFeedsEvent, rate_limits in "Codat-Bank-Feeds.json", 2);

/// The envelope of a source account event, or a panic naming what it decoded as.
fn source_account(event: &BankFeedsEvent, event_type: &str) -> SourceAccountWebhook {
    assert_eq!(event.event_type(), event_type);
    match (event, event_type) {
        (BankFeedsEvent::SourceAccountConnected(e), "bankFeeds.sourceAccount.connected")
        | (BankFeedsEvent::SourceAccountDisconnected(e), "bankFeeds.sourceAccount.disconnected") => {
            e.clone()
        }
        other => panic!("{event_type} decoded as {other:?}"),
    }
}

/// What a decoded source account event must agree with of the body it came from.
fn check(event_type: &str, body: &Value) {
    let envelope = source_account(&verify(body).unwrap(), event_type);
    let payload = &body["payload"];
    assert_eq!(envelope.id.as_deref(), body["id"].as_str());
    let generated = envelope.generated_date.as_ref().map(|d| d.as_str());
    assert_eq!(generated, body["generatedDate"].as_str());
    let company = envelope.payload.reference_company.as_ref().unwrap();
    assert_eq!(
        company.id.as_deref(),
        payload["referenceCompany"]["id"].as_str()
    );
    let connection = envelope.payload.connection_id.as_deref();
    assert_eq!(connection, payload["connectionId"].as_str());
    let (id, name) = match envelope.payload.source_account.as_ref().unwrap() {
        CreateSourceAccountResponse::SourceAccountV2(a) => {
            (a.id.clone(), Some(a.account_name.clone()))
        }
        CreateSourceAccountResponse::SourceAccount(a) => (a.id.clone(), a.account_name.clone()),
        CreateSourceAccountResponse::Other(v) => panic!("no known shape: {v}"),
    };
    assert_eq!(Some(id.as_str()), payload["sourceAccount"]["id"].as_str());
    assert_eq!(
        name.as_deref(),
        payload["sourceAccount"]["accountName"].as_str()
    );
}

#[test]
fn the_spec_lists_exactly_these_events() {
    codat_product_tests::check_webhook_names("Codat-Bank-Feeds.json", &EVENTS);
}

#[test]
fn the_specs_source_account_examples_verify_and_decode() {
    let Some(spec) = spec() else { return };
    let mut decoded = 0;
    for event_type in &EVENTS[..2] {
        for body in webhook_examples(spec, event_type) {
            check(event_type, body);
            decoded += 1;
        }
    }
    assert_eq!(decoded, 2);
}

#[test]
fn bodies_built_from_the_specs_schemas_verify_and_decode() {
    let Some(spec) = spec() else { return };
    for event_type in EVENTS {
        let mut body = example_of(spec, &webhook_media(spec, event_type)["schema"]);
        // The schema's own example of the type names one event; each gets its own.
        body["eventType"] = json!(event_type);
        if !event_type.starts_with("bankFeeds.") {
            let event = verify::<BankFeedsEvent>(&body)
                .unwrap_or_else(|e| panic!("{event_type}: {e}: {body}"));
            assert_eq!(event.event_type(), event_type);
            continue;
        }
        // A `oneOf` builds as `{}`: one body per alternative (both versions of the account).
        let alternatives = spec
            .pointer("/components/schemas/SourceAccountWebhook/definitions/sourceAccountWebhookPayload/properties/sourceAccount/oneOf")
            .and_then(Value::as_array)
            .expect("the payload's account is either version");
        assert_eq!(alternatives.len(), 2);
        for alternative in alternatives {
            body["payload"]["sourceAccount"] = example_of(spec, alternative);
            check(event_type, &body);
        }
    }
}

#[test]
fn a_source_account_of_version_2_is_told_from_version_1() {
    let body = json!({
        "id": "ba29118f-5406-4e59-b05c-ba307ca38d01",
        "eventType": "bankFeeds.sourceAccount.connected",
        "generatedDate": "2024-06-01T00:00:00Z",
        "payload": {
            "companyId": "0498e921-9b53-4396-a412-4f2f5983b0a2",
            "connectionId": "2e9d2c44-f675-40ba-8049-353bfcb5e171",
            "sourceAccount": {"id": "acc-001", "accountName": "Current", "accountType": "savings",
                              "accountNumber": "12345670", "currency": "GBP", "balance": 10,
                              "status": "connected"}
        }
    });
    let event = verify(&body).unwrap();
    let envelope = source_account(&event, "bankFeeds.sourceAccount.connected");
    // The deprecated company id is still read.
    assert_eq!(
        envelope.payload.company_id.as_deref(),
        Some("0498e921-9b53-4396-a412-4f2f5983b0a2")
    );
    let Some(CreateSourceAccountResponse::SourceAccountV2(account)) =
        envelope.payload.source_account
    else {
        panic!("{envelope:?}");
    };
    assert_eq!(account.account_type, SourceAccountV2AccountType::Savings);

    // Without the fields version 2 requires, it is version 1.
    let mut v1 = body.clone();
    v1["eventType"] = json!("bankFeeds.sourceAccount.disconnected");
    v1["payload"]["sourceAccount"] = json!({"id": "acc-002", "status": "disconnected"});
    let event = verify(&v1).unwrap();
    let envelope = source_account(&event, "bankFeeds.sourceAccount.disconnected");
    let Some(CreateSourceAccountResponse::SourceAccount(account)) = envelope.payload.source_account
    else {
        panic!("{envelope:?}");
    };
    assert_eq!(account.status, Some(SourceAccountStatus::Disconnected));
}

#[test]
fn a_forged_or_malformed_delivery_is_refused() {
    codat_product_tests::check_forgeries_are_refused::<BankFeedsEvent>(
        &json!({"eventType": "bankFeeds.sourceAccount.disconnected",
               "payload": {"connectionId": "k1", "sourceAccount": {"id": "acc-1"}}}),
        |event| matches!(event, BankFeedsEvent::SourceAccountDisconnected(_)),
        &[
            json!({"eventType": "bankFeeds.sourceAccount.connected", "payload": {"connectionId": 7}}),
            json!({"eventType": "client.rateLimit.reset", "payload": {"dailyQuota": "lots"}}),
            json!({"eventType": "bankFeeds.sourceAccount.connected"}),
        ],
    );
}
