//! Sync for Commerce deliveries: the spec's `connection.deleted` event, its body assembled from
//! the examples its schema documents (the spec gives the event no whole example), signed the
//! way Codat signs deliveries, verified and decoded into `SyncForCommerceEvent`.

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use codat_client::webhooks::{Webhook, WebhookError};
use codat_sync_commerce::webhooks::SyncForCommerceEvent;
use serde_json::{json, Map, Value};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fn spec() -> Option<Value> {
    let dir = std::env::var_os("CODAT_SPEC_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/codat"));
    let path = dir.join("Codat-Sync-Commerce.json");
    match std::fs::read(&path) {
        Ok(bytes) => Some(serde_json::from_slice(&bytes).expect("the spec is JSON")),
        Err(e) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("{}: {e}; CI needs the spec", path.display())
        }
        Err(e) => {
            println!("skipped: {}: {e}", path.display());
            None
        }
    }
}

/// A value of `schema` from the examples it and its parts document.
fn example_of(root: &Value, schema: &Value, depth: usize) -> Value {
    assert!(depth < 16, "the example nests too deep");
    if let Some(example) = schema.get("example") {
        return example.clone();
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let target = reference
            .trim_start_matches("#/")
            .split('/')
            .fold(root, |at, key| &at[key]);
        return example_of(root, target, depth + 1);
    }
    if let Some(first) = schema
        .get("examples")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return first.clone();
    }
    if let Some(first) = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return first.clone();
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        let mut merged = Map::new();
        for part in parts {
            if let Value::Object(fields) = example_of(root, part, depth + 1) {
                merged.extend(fields);
            }
        }
        return Value::Object(merged);
    }
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        return Value::Object(
            properties
                .iter()
                .map(|(name, p)| (name.clone(), example_of(root, p, depth + 1)))
                .collect(),
        );
    }
    match schema["type"].as_str() {
        Some("array") => json!([example_of(root, &schema["items"], depth + 1)]),
        Some("integer") => json!(1),
        Some("number") => json!(2.5),
        Some("boolean") => json!(true),
        Some("string") => json!("text"),
        _ => json!({}),
    }
}

/// The headers Codat sends with a delivery of `body`, signed now.
fn signed(webhook: &Webhook, id: &str, body: &[u8]) -> http::HeaderMap {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let mut headers = http::HeaderMap::new();
    headers.insert("webhook-id", id.parse().unwrap());
    headers.insert("webhook-timestamp", now.to_string().parse().unwrap());
    headers.insert(
        "webhook-signature",
        webhook.sign(id, now, body).parse().unwrap(),
    );
    headers
}

fn verify(body: &Value) -> Result<SyncForCommerceEvent, WebhookError> {
    let webhook = Webhook::new(SECRET).unwrap();
    let bytes = serde_json::to_vec(body).unwrap();
    let headers = signed(&webhook, "msg_1", &bytes);
    webhook.verify_as::<SyncForCommerceEvent>(&headers, &bytes)
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
            let mut body = example_of(&spec, schema, 0);
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

#[test]
fn an_unknown_event_type_decodes_as_unknown() {
    let body = json!({
        "id": "e-1",
        "eventType": "connection.created",
        "generatedDate": "2024-09-01T00:00:00Z",
        "payload": {"connection": {"id": "c-1"}}
    });
    match verify(&body).unwrap() {
        SyncForCommerceEvent::Unknown {
            event_type,
            payload,
        } => {
            assert_eq!(event_type, "connection.created");
            assert_eq!(payload, body["payload"]);
        }
        other => panic!("{other:?}"),
    }
    // Without a payload at all, the payload is null.
    let event = verify(&json!({"eventType": "something.new"})).unwrap();
    assert_eq!(event.event_type(), "something.new");
    assert!(
        matches!(
            event,
            SyncForCommerceEvent::Unknown {
                payload: Value::Null,
                ..
            }
        ),
        "{event:?}"
    );
}

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
        Err(WebhookError::Decode(_))
    ));
}
