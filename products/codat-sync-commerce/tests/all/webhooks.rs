//! Sync for Commerce deliveries: the spec's `connection.deleted` event, its body assembled from
//! the examples its schema documents (the spec gives the event no whole example), signed the
//! way Codat signs deliveries, verified and decoded into `SyncForCommerceEvent`.

use codat_client::webhooks::{Webhook, WebhookError};
use codat_product_tests::{signed, webhook_tests, SECRET};
use codat_sync_commerce::webhooks::SyncForCommerceEvent;
use serde_json::{json, Value};

fn spec() -> Option<Value> {
    codat_product_tests::spec("Codat-Sync-Commerce.json")
}

fn verify(body: &Value) -> Result<SyncForCommerceEvent, WebhookError> {
    codat_product_tests::verify(body)
}

/// A `connection.deleted` delivery written here, for runs without the spec.
fn fixture() -> Value {
    json!({
        "id": "ba29118f-5406-4e59-b05c-ba307ca38d01",
        "eventType": "connection.deleted",
        "generatedDate": "2024-06-01T12:00:00Z",
        "payload": {
            "referenceCompany": {"id": "8a210b68-6988-11ed-a1eb-0242ac120002", "name": "Corner Café"},
            "connection": {
                "id": "2e9d2c44-f675-40ba-8049-353bfcb5e171", "integrationId": "i-1",
                "sourceId": "s-1", "platformName": "Square", "linkUrl": "https://link.example",
                "status": "Deauthorized", "created": "2024-01-01T00:00:00Z", "sourceType": "Commerce"
            }
        }
    })
}

#[test]
fn the_specs_webhook_event_verifies_and_decodes() {
    let body = match spec() {
        Some(spec) => {
            let webhooks = spec["webhooks"]
                .as_object()
                .expect("the spec lists webhooks");
            assert_eq!(
                webhooks.keys().collect::<Vec<_>>(),
                ["connection.deleted"],
                "the spec's events"
            );
            let schema = &webhooks["connection.deleted"]["post"]["requestBody"]["content"]
                ["application/json"]["schema"];
            assert_eq!(schema["$ref"], "#/components/schemas/ConnectionWebhook");
            let mut body = codat_product_tests::example_of(&spec, schema);
            // The schema's `eventType` examples list every connection event: this one is
            // delivered with its own name.
            body["eventType"] = json!("connection.deleted");
            body
        }
        None => fixture(),
    };
    let event = verify(&body).unwrap();
    assert_eq!(event.event_type(), "connection.deleted");
    let SyncForCommerceEvent::ConnectionDeleted(envelope) = event else {
        panic!("decoded as {event:?}");
    };
    assert_eq!(envelope.id.as_deref(), body["id"].as_str());
    assert_eq!(
        envelope.generated_date.as_ref().map(|d| d.as_str()),
        body["generatedDate"].as_str()
    );
    let company = envelope.payload.reference_company.as_ref().unwrap();
    assert_eq!(
        company.id.as_deref(),
        body["payload"]["referenceCompany"]["id"].as_str()
    );
    let connection = envelope.payload.connection.as_ref().unwrap();
    assert_eq!(
        Some(connection.id.as_str()),
        body["payload"]["connection"]["id"].as_str()
    );
    assert_eq!(
        Some(connection.platform_name.as_str()),
        body["payload"]["connection"]["platformName"].as_str()
    );
}

#[test]
fn the_written_delivery_decodes_too() {
    let body = fixture();
    match verify(&body).unwrap() {
        SyncForCommerceEvent::ConnectionDeleted(envelope) => {
            assert_eq!(envelope.event_type, "connection.deleted");
            let company = envelope.payload.reference_company.unwrap();
            assert_eq!(company.name.as_deref(), Some("Corner Café"));
        }
        other => panic!("{other:?}"),
    }
}

webhook_tests!(SyncForCommerceEvent);

#[test]
fn a_forged_or_malformed_delivery_is_refused() {
    let webhook = Webhook::new(SECRET).unwrap();
    let body = serde_json::to_vec(&fixture()).unwrap();
    let headers = signed(&webhook, "msg_2", &body);
    let mut forged = body.clone();
    forged.extend_from_slice(b" ");
    assert!(matches!(
        webhook.verify_as::<SyncForCommerceEvent>(&headers, &forged),
        Err(WebhookError::InvalidSignature)
    ));
    // Signed, but the known type with a payload that is not a connection's: a decode error.
    let wrong = serde_json::to_vec(&json!({
        "eventType": "connection.deleted",
        "payload": {"connection": "gone"}
    }))
    .unwrap();
    let headers = signed(&webhook, "msg_3", &wrong);
    assert!(matches!(
        webhook.verify_as::<SyncForCommerceEvent>(&headers, &wrong),
        Err(WebhookError::Decode { .. })
    ));
}
