//! Sync for Expenses deliveries: bodies taken from the spec's webhook examples and built from
//! their schemas, signed the way Codat signs them, verified and decoded into
//! `SyncForExpensesEvent`; unknown types, forged signatures and malformed payloads.

use codat_client::webhooks::WebhookError;
use codat_product_tests::{example_of, spec_file, webhook_examples, webhook_media};
use codat_product_tests::{webhook_names, webhook_tests};
use codat_sync_expenses::webhooks::{
    ExpensesSyncTransactionStatus, ExpensesSyncWebhook, SyncForExpensesEvent,
};
use serde_json::{json, Value};

/// The event types with a variant of their own, and the schema each body follows.
const EVENTS: [(&str, &str); 4] = [
    ("expenses.sync.successful", "ExpensesSyncWebhook"),
    ("expenses.sync.unsuccessful", "ExpensesSyncWebhook"),
    ("client.rateLimit.reached", "ClientRateLimitWebhook"),
    ("client.rateLimit.reset", "ClientRateLimitWebhook"),
];

fn spec() -> Option<&'static Value> {
    spec_file("Codat-Sync-Expenses.json")
}

fn verify(body: &Value) -> Result<SyncForExpensesEvent, WebhookError> {
    codat_product_tests::verify(body)
}

webhook_tests!(SyncForExpensesEvent, rate_limits in "Codat-Sync-Expenses.json", 2);

/// Checks a decoded sync outcome against the body it came from.
fn check_sync(event: &ExpensesSyncWebhook, body: &Value) {
    assert_eq!(event.id.as_deref(), body["id"].as_str());
    assert_eq!(
        event.generated_date.as_ref().map(|d| d.as_str()),
        body["generatedDate"].as_str()
    );
    let payload = &body["payload"];
    assert_eq!(event.payload.sync_id.as_deref(), payload["syncId"].as_str());
    let company = event.payload.reference_company.as_ref().unwrap();
    assert_eq!(
        company.id.as_deref(),
        payload["referenceCompany"]["id"].as_str()
    );
    assert_eq!(
        company.name.as_deref(),
        payload["referenceCompany"]["name"].as_str()
    );
    let sent = payload["transactions"].as_array().unwrap();
    let got = event.payload.transactions.as_ref().unwrap();
    assert_eq!(got.len(), sent.len());
    for (transaction, json) in got.iter().zip(sent) {
        assert_eq!(transaction.id.as_deref(), json["id"].as_str());
        assert_eq!(
            transaction.status.as_ref().map(|s| s.as_str()),
            json["status"].as_str()
        );
        assert_eq!(
            transaction.error_message.as_deref(),
            json["errorMessage"].as_str()
        );
    }
}

/// Checks a decoded delivery of `event_type` against the body it came from.
fn check(event: &SyncForExpensesEvent, event_type: &str, body: &Value) {
    assert_eq!(event.event_type(), event_type);
    match (event, event_type) {
        (SyncForExpensesEvent::SyncSuccessful(e), "expenses.sync.successful")
        | (SyncForExpensesEvent::SyncUnsuccessful(e), "expenses.sync.unsuccessful") => {
            check_sync(e, body);
        }
        (SyncForExpensesEvent::RateLimitReached(e), "client.rateLimit.reached")
        | (SyncForExpensesEvent::RateLimitReset(e), "client.rateLimit.reset") => {
            assert_eq!(e.id.as_deref(), body["id"].as_str());
            assert_eq!(
                e.payload.daily_quota,
                body["payload"]["dailyQuota"].as_i64()
            );
        }
        other => panic!("{event_type} decoded as {other:?}"),
    }
}

#[test]
fn the_spec_lists_these_four_events() {
    let Some(spec) = spec() else { return };
    let names = webhook_names(spec);
    let mut ours: Vec<&str> = EVENTS.iter().map(|(name, _)| *name).collect();
    ours.sort_unstable();
    assert_eq!(names, ours);
    for (event_type, schema) in EVENTS {
        assert_eq!(
            webhook_media(spec, event_type)["schema"]["$ref"],
            format!("#/components/schemas/{schema}"),
            "{event_type}"
        );
    }
}

#[test]
fn the_specs_webhook_examples_verify_and_decode() {
    let Some(spec) = spec() else { return };
    let mut decoded = 0;
    for (event_type, _) in &EVENTS[..2] {
        for body in webhook_examples(spec, event_type) {
            let event = verify(body).unwrap_or_else(|e| panic!("{event_type}: {e}"));
            check(&event, event_type, body);
            decoded += 1;
        }
    }
    assert_eq!(decoded, 2);
}

#[test]
fn bodies_built_from_the_schemas_verify_and_decode() {
    let Some(spec) = spec() else { return };
    for (event_type, schema) in EVENTS {
        let mut body = example_of(
            spec,
            &json!({"$ref": format!("#/components/schemas/{schema}")}),
        );
        // The schema's own example names one event type; each variant gets its own.
        body["eventType"] = json!(event_type);
        let event = verify(&body).unwrap_or_else(|e| panic!("{event_type}: {e}\n{body}"));
        check(&event, event_type, &body);
    }
}

#[test]
fn the_unsuccessful_example_says_which_transaction_failed_and_why() {
    let Some(spec) = spec() else { return };
    let body = &spec["webhooks"]["expenses.sync.unsuccessful"]["post"]["requestBody"]["content"]
        ["application/json"]["examples"]["Unsuccessful"]["value"];
    let Ok(SyncForExpensesEvent::SyncUnsuccessful(event)) = verify(body) else {
        panic!("not an unsuccessful sync")
    };
    let failed: Vec<_> = event
        .payload
        .transactions
        .unwrap()
        .into_iter()
        .filter(|t| t.status == Some(ExpensesSyncTransactionStatus::Failed))
        .collect();
    assert_eq!(failed.len(), 1);
    assert!(failed[0]
        .error_message
        .as_deref()
        .is_some_and(|m| !m.is_empty()));
}

#[test]
fn an_unknown_transaction_status_decodes_as_unknown() {
    let body = json!({
        "id": "ba29118f-5406-4e59-b05c-ba307ca38d01",
        "eventType": "expenses.sync.unsuccessful",
        "payload": {
            "syncId": "ee2eb431-c0fa-4dc9-93fa-d29781c12bcd",
            "transactions": [
                {"id": "t-1", "status": "Retrying", "errorMessage": null},
                {"id": "t-2", "status": "Unknown"}
            ]
        }
    });
    let Ok(SyncForExpensesEvent::SyncUnsuccessful(event)) = verify(&body) else {
        panic!("not an unsuccessful sync")
    };
    let statuses: Vec<_> = event
        .payload
        .transactions
        .unwrap()
        .into_iter()
        .map(|t| t.status)
        .collect();
    assert_eq!(
        statuses,
        [
            Some(ExpensesSyncTransactionStatus::Unrecognized(
                "Retrying".into()
            )),
            Some(ExpensesSyncTransactionStatus::Unknown)
        ]
    );
    assert_eq!(event.payload.reference_company, None);
}

#[test]
fn a_forged_or_malformed_delivery_is_refused() {
    codat_product_tests::check_forgeries_are_refused::<SyncForExpensesEvent>(
        &json!({"eventType": "expenses.sync.successful",
               "payload": {"syncId": "s-1", "transactions": []}}),
        |event| matches!(event, SyncForExpensesEvent::SyncSuccessful(_)),
        &[
            json!({"eventType": "expenses.sync.successful", "payload": {"transactions": "none"}}),
            json!({"eventType": "client.rateLimit.reset", "payload": {"dailyQuota": "lots"}}),
        ],
    );
}
