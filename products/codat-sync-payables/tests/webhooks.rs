//! Sync for Payables deliveries: bodies built from the spec's webhook examples, signed the way
//! Codat signs them, verified and decoded into `SyncForPayablesEvent`.

use codat_client::webhooks::{Webhook, WebhookError};
use codat_product_tests::{signed, SECRET};
use codat_sync_payables::webhooks::SyncForPayablesEvent;
use serde_json::{json, Value};

fn spec() -> Option<Value> {
    codat_product_tests::spec(env!("CARGO_MANIFEST_DIR"), "Codat-Sync-Payables.json")
}

fn verify(body: &Value) -> Result<SyncForPayablesEvent, WebhookError> {
    codat_product_tests::verify(body)
}

#[test]
fn the_specs_webhook_examples_verify_and_decode() {
    let Some(spec) = spec() else { return };
    let webhooks = spec["webhooks"]
        .as_object()
        .expect("the spec lists webhooks");
    assert_eq!(webhooks.len(), 2, "{:?}", webhooks.keys());
    let mut decoded = 0;
    for (event_type, item) in webhooks {
        let examples = item["post"]["requestBody"]["content"]["application/json"]["examples"]
            .as_object()
            .unwrap();
        for example in examples.values() {
            let body = &example["value"];
            assert_eq!(body["eventType"], event_type.as_str());
            let event = verify(body).unwrap();
            assert_eq!(event.event_type(), event_type);
            let envelope = match (&event, event_type.as_str()) {
                (SyncForPayablesEvent::RateLimitReached(e), "client.rateLimit.reached")
                | (SyncForPayablesEvent::RateLimitReset(e), "client.rateLimit.reset") => e,
                other => panic!("{event_type} decoded as {other:?}"),
            };
            assert_eq!(envelope.id.as_deref(), body["id"].as_str());
            assert_eq!(
                envelope.payload.daily_quota,
                body["payload"]["dailyQuota"].as_i64()
            );
            assert_eq!(
                envelope.payload.quota_remaining,
                body["payload"]["quotaRemaining"].as_i64()
            );
            assert_eq!(
                envelope.payload.expiry_date.as_ref().map(|d| d.as_str()),
                body["payload"]["expiryDate"].as_str()
            );
            decoded += 1;
        }
    }
    assert_eq!(decoded, 2);
}

#[test]
fn the_specs_webhook_schema_is_the_platform_rate_limit_envelope() {
    let Some(spec) = spec() else { return };
    for event_type in ["client.rateLimit.reached", "client.rateLimit.reset"] {
        let schema = &spec["webhooks"][event_type]["post"]["requestBody"]["content"]
            ["application/json"]["schema"]["$ref"];
        assert_eq!(schema, "#/components/schemas/ClientRateLimitWebhook");
    }
    // Every property the schema names is one the envelope and its payload read.
    let schema = &spec["components"]["schemas"]["ClientRateLimitWebhook"];
    let properties: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    for name in &properties {
        assert!(
            ["id", "eventType", "generatedDate", "payload"].contains(&name.as_str()),
            "{name}"
        );
    }
}

#[test]
fn an_unknown_event_type_decodes_as_unknown() {
    codat_product_tests::check_unknown_events_are_kept::<SyncForPayablesEvent>(
        |event| match event {
            SyncForPayablesEvent::Unrecognized {
                event_type,
                payload,
            } => Some((event_type.as_str(), payload)),
            _ => None,
        },
    );
}

#[test]
fn a_forged_or_malformed_delivery_is_refused() {
    let webhook = Webhook::new(SECRET).unwrap();
    let body = serde_json::to_vec(&json!({
        "eventType": "client.rateLimit.reached",
        "payload": {"dailyQuota": 12000, "quotaRemaining": 0}
    }))
    .unwrap();
    let headers = signed(&webhook, "msg_2", &body);
    let mut forged = body.clone();
    forged.extend_from_slice(b" ");
    assert!(matches!(
        webhook.verify_as::<SyncForPayablesEvent>(&headers, &forged),
        Err(WebhookError::InvalidSignature)
    ));
    // Signed, but a known type whose payload is not the rate-limit payload: a decode error.
    let wrong = serde_json::to_vec(&json!({
        "eventType": "client.rateLimit.reset",
        "payload": {"dailyQuota": "lots"}
    }))
    .unwrap();
    let headers = signed(&webhook, "msg_3", &wrong);
    assert!(matches!(
        webhook.verify_as::<SyncForPayablesEvent>(&headers, &wrong),
        Err(WebhookError::Decode { .. })
    ));
}
