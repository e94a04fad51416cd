//! Sync for Payroll deliveries: bodies built from the spec's webhook examples, signed the way
//! Codat signs them, verified and decoded into `SyncForPayrollEvent`.

use codat_client::webhooks::WebhookError;
use codat_sync_payroll::webhooks::SyncForPayrollEvent;
use serde_json::{json, Value};

/// The event types with a variant of their own.
const EVENTS: [&str; 2] = ["client.rateLimit.reached", "client.rateLimit.reset"];

fn spec() -> Option<Value> {
    codat_product_tests::spec(env!("CARGO_MANIFEST_DIR"), "Codat-Sync-Payroll.json")
}

fn verify(body: &Value) -> Result<SyncForPayrollEvent, WebhookError> {
    codat_product_tests::verify(body)
}

#[test]
fn the_specs_webhook_examples_verify_and_decode() {
    let Some(spec) = spec() else { return };
    let webhooks = spec["webhooks"]
        .as_object()
        .expect("the spec lists webhooks");
    let mut decoded = 0;
    for event_type in EVENTS {
        let item = &webhooks[event_type];
        let examples = item["post"]["requestBody"]["content"]["application/json"]["examples"]
            .as_object()
            .unwrap();
        for example in examples.values() {
            let body = &example["value"];
            assert_eq!(body["eventType"], event_type);
            let event = verify(body).unwrap();
            assert_eq!(event.event_type(), event_type);
            let envelope = match (&event, event_type) {
                (SyncForPayrollEvent::RateLimitReached(e), "client.rateLimit.reached")
                | (SyncForPayrollEvent::RateLimitReset(e), "client.rateLimit.reset") => e,
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
fn the_specs_other_webhook_entries_are_the_same_events_deprecated() {
    let Some(spec) = spec() else { return };
    let webhooks = spec["webhooks"].as_object().unwrap();
    let mut names: Vec<&str> = webhooks.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "Client rate limit reached",
            "Client rate limit reset",
            "client.rateLimit.reached",
            "client.rateLimit.reset"
        ]
    );
    // Keyed by title, deprecated, and pointing to the dotted event of the same meaning:
    // no variant of their own.
    for (title, event_type) in [
        ("Client rate limit reached", "client.rateLimit.reached"),
        ("Client rate limit reset", "client.rateLimit.reset"),
    ] {
        let post = &webhooks[title]["post"];
        assert_eq!(post["deprecated"], true, "{title}");
        let description = post["description"].as_str().unwrap();
        assert!(description.contains(event_type), "{title}: {description}");
    }
}

#[test]
fn the_specs_webhook_schema_is_the_platform_rate_limit_envelope() {
    let Some(spec) = spec() else { return };
    for event_type in EVENTS {
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
    codat_product_tests::check_unknown_events_are_kept::<SyncForPayrollEvent>(
        |event| match event {
            SyncForPayrollEvent::Unrecognized {
                event_type,
                payload,
            } => Some((event_type.as_str(), payload)),
            _ => None,
        },
    );
}

#[test]
fn a_forged_or_malformed_delivery_is_refused() {
    codat_product_tests::check_forgeries_are_refused::<SyncForPayrollEvent>(
        &json!({"eventType": "client.rateLimit.reached",
               "payload": {"dailyQuota": 12000, "quotaRemaining": 0}}),
        |event| matches!(event, SyncForPayrollEvent::RateLimitReached(_)),
        &[json!({"eventType": "client.rateLimit.reset", "payload": {"dailyQuota": "lots"}})],
    );
}
