//! Helpers the product crates' tests share: reading the product's OpenAPI spec and finding its
//! operations and examples, a wiremock server that answers one request and refuses the rest,
//! the client those tests build, and deliveries signed the way Codat signs webhooks.
//!
//! The spec is read from the folder in `CODAT_SPEC_DIR`, else from `../../../shared/codat`
//! next to the calling crate. Without it the checks that need it are skipped and say so, except
//! with `CI=true`, where they fail.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use codat_client::webhooks::{Webhook, WebhookError, WebhookEvent};
use codat_client::{Codat, RetryPolicy};
use serde_json::{json, Map, Value};
use wiremock::matchers::{any, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The id of the company the tests send to.
pub const COMPANY: &str = "8a210b68-6988-11ed-a1eb-0242ac120002";

/// The id of the test company's connection the tests send to.
pub const CONNECTION: &str = "2e9d2c44-f675-40ba-8049-353bfcb5e171";

// ---- the spec -------------------------------------------------------------------------------

/// The spec `file_name` (`Codat-Sync-Payables.json`, say) as JSON, from the folder in
/// `CODAT_SPEC_DIR`, else from `../../../shared/codat` relative to `manifest_dir` (the calling
/// crate's `env!("CARGO_MANIFEST_DIR")`).
///
/// `None`, after printing why, when the file cannot be read.
///
/// # Panics
///
/// When the file cannot be read and `CI=true`, or when it is not JSON.
pub fn spec(manifest_dir: &str, file_name: &str) -> Option<Value> {
    let dir = std::env::var_os("CODAT_SPEC_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(manifest_dir).join("../../../shared/codat"));
    let path = dir.join(file_name);
    match std::fs::read(&path) {
        Ok(bytes) => Some(serde_json::from_slice(&bytes).expect("the spec is JSON")),
        Err(e) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("{}: {e}; CI needs the spec", path.display())
        }
        Err(e) => {
            println!("skipped: the spec's examples: {}: {e}", path.display());
            None
        }
    }
}

/// The operation at the path template `spec_path` and `verb` (lower case) in `spec`; `None`
/// without the spec or without that path.
///
/// # Panics
///
/// When the spec has the path but not the verb.
pub fn operation<'s>(spec: Option<&'s Value>, spec_path: &str, verb: &str) -> Option<&'s Value> {
    let op = spec?.get("paths")?.get(spec_path)?.get(verb);
    assert!(op.is_some(), "{verb} {spec_path} is not in the spec");
    op
}

/// The value of the first of the named `examples` of a media type object (a response's or a
/// request body's `content["application/json"]`), if it has any.
pub fn example(media: &Value) -> Option<Value> {
    media
        .get("examples")
        .and_then(Value::as_object)
        .and_then(|named| named.values().next())
        .map(|e| e["value"].clone())
}

/// Every named example of a media type object, its name and value, in the spec's order.
pub fn examples(media: &Value) -> Vec<(String, Value)> {
    media
        .get("examples")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, e)| (name.clone(), e["value"].clone()))
        .collect()
}

/// Follows local `$ref`s (`#/...`) from `node` to the schema they name in `root`.
///
/// # Panics
///
/// When a reference names nothing.
pub fn resolve<'s>(root: &'s Value, mut node: &'s Value) -> &'s Value {
    while let Some(reference) = node.get("$ref").and_then(Value::as_str) {
        // A JSON pointer: through array indices too, with `~1` and `~0` unescaped.
        node = reference
            .strip_prefix('#')
            .and_then(|pointer| root.pointer(pointer))
            .unwrap_or_else(|| panic!("unresolved {reference}"));
    }
    node
}

/// A value of `schema` (its `$ref`s resolved in `root`) from what the spec documents: its own
/// `example`, the first of its `x-examples`, `examples` or `enum`, else one built from its
/// parts' examples, with a plain value of its type where nothing is documented.
///
/// # Panics
///
/// When the schema nests more than 16 deep or a reference names nothing.
pub fn example_of(root: &Value, schema: &Value) -> Value {
    built_example(root, schema, 0)
}

fn built_example(root: &Value, schema: &Value, depth: usize) -> Value {
    if let Some(example) = schema.get("example") {
        return example.clone();
    }
    if schema.get("$ref").is_some() {
        return built_example(root, resolve(root, schema), depth);
    }
    if let Some(first) = schema
        .get("x-examples")
        .and_then(Value::as_object)
        .and_then(|named| named.values().next())
    {
        return first.clone();
    }
    if let Some(first) = schema
        .get("examples")
        .and_then(Value::as_array)
        .and_then(|listed| listed.first())
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
    assert!(depth < 16, "the example nests too deep");
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        // Objects merge; a part that is not an object (a date, say, with a description
        // beside it) is the example.
        let mut merged = Map::new();
        let mut scalar = None;
        for part in parts {
            match built_example(root, part, depth + 1) {
                Value::Object(fields) => merged.extend(fields),
                other => scalar = scalar.or(Some(other)),
            }
        }
        return match scalar {
            Some(value) if merged.is_empty() => value,
            _ => Value::Object(merged),
        };
    }
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        return Value::Object(
            properties
                .iter()
                .map(|(name, property)| (name.clone(), built_example(root, property, depth + 1)))
                .collect(),
        );
    }
    if let Some(values) = schema.get("additionalProperties").filter(|v| v.is_object()) {
        return json!({ "sample": built_example(root, values, depth + 1) });
    }
    match schema["type"].as_str() {
        Some("array") => json!([built_example(root, &schema["items"], depth + 1)]),
        Some("integer") => json!(1),
        Some("number") => json!(2.5),
        Some("boolean") => json!(true),
        Some("string") => json!("text"),
        _ => json!({}),
    }
}

/// The statuses (4xx and 5xx) `operation` lists as errors; `None` if it lists no responses.
///
/// # Panics
///
/// When a 4xx or 5xx key is not a number (`4XX`, say).
pub fn spec_errors(operation: &Value) -> Option<Vec<u16>> {
    let responses = operation["responses"].as_object()?;
    Some(
        responses
            .keys()
            .filter(|s| s.starts_with('4') || s.starts_with('5'))
            .map(|s| s.parse().unwrap())
            .collect(),
    )
}

/// Numbers as f64, so that `1800` in the spec equals the `1800.0` an `f64` field writes.
pub fn normalized(value: &Value) -> Value {
    match value {
        Value::Number(n) => json!(n.as_f64().unwrap()),
        Value::Array(items) => Value::Array(items.iter().map(normalized).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), normalized(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

// ---- the client and the server --------------------------------------------------------------

/// A client with the API key `key`, sending to `server`, that never retries.
///
/// # Panics
///
/// When the client cannot be built.
pub fn codat(key: &str, server: &MockServer) -> Codat {
    Codat::builder()
        .api_key(key)
        .base_url(server.uri())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

/// A server that answers `verb` on exactly `full_path`, only with the `authorization` header
/// `auth`, with `status` and `body`; anything else gets a 599 naming what was expected.
pub async fn serve(
    auth: &str,
    verb: &str,
    full_path: &str,
    status: u16,
    body: &Value,
) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(full_path))
        .and(header("authorization", auth))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .with_priority(1)
        .mount(&server)
        .await;
    let expected = format!("{verb} {full_path} with the test key");
    Mock::given(any())
        .respond_with(move |request: &Request| {
            ResponseTemplate::new(599).set_body_string(format!(
                "expected {expected}, got {} {}",
                request.method,
                request.url.path()
            ))
        })
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

/// A server that answers `verb` on exactly `full_path`, with the `authorization` header
/// `auth`, with the n-th of `script`'s statuses and bodies for the n-th request (the last one
/// repeats): an operation moving through its states. The count is of requests answered.
pub async fn scripted(
    auth: &str,
    verb: &str,
    full_path: &str,
    script: Vec<(u16, Value)>,
) -> (MockServer, Arc<AtomicUsize>) {
    let responses = script
        .into_iter()
        .map(|(status, body)| ResponseTemplate::new(status).set_body_json(body))
        .collect();
    scripted_responses(auth, verb, full_path, responses).await
}

/// [`scripted`] with whole responses (headers too).
pub async fn scripted_responses(
    auth: &str,
    verb: &str,
    full_path: &str,
    script: Vec<ResponseTemplate>,
) -> (MockServer, Arc<AtomicUsize>) {
    assert!(!script.is_empty(), "a script needs at least one answer");
    let server = MockServer::start().await;
    let count = Arc::new(AtomicUsize::new(0));
    let counter = count.clone();
    Mock::given(method(verb))
        .and(path(full_path))
        .and(header("authorization", auth))
        .respond_with(move |_: &Request| {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            script[n.min(script.len() - 1)].clone()
        })
        .mount(&server)
        .await;
    (server, count)
}

/// Waiting options that poll again at once: tests of the waiting helpers do not sleep.
pub fn no_waits() -> codat_client::wait::WaitOptions {
    codat_client::wait::WaitOptions::new()
        .initial_interval(Duration::ZERO)
        .max_interval(Duration::ZERO)
        .timeout(Duration::from_secs(10))
}

/// Every request `server` got, in order.
///
/// # Panics
///
/// When the server does not record requests.
pub async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

/// The one request `server` got, checked for the `authorization` header `auth`.
///
/// # Panics
///
/// When the server got none or several, or the header is not `auth`.
pub async fn only_request(server: &MockServer, auth: &str) -> Request {
    let mut all = requests(server).await;
    assert_eq!(all.len(), 1, "one request: {all:?}");
    let request = all.pop().unwrap();
    assert_eq!(header_of(&request, "authorization"), Some(auth));
    request
}

/// The value of the header `name` of `request`, if it has one.
///
/// # Panics
///
/// When the value is not visible ASCII.
pub fn header_of<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).map(|v| v.to_str().unwrap())
}

/// The JSON body of `request`, checked for its content type.
///
/// # Panics
///
/// When the content type is not `application/json` or the body is not JSON.
pub fn json_body(request: &Request) -> Value {
    assert_eq!(header_of(request, "content-type"), Some("application/json"));
    serde_json::from_slice(&request.body).unwrap()
}

/// `work`, given 20 seconds, so that a stream walk that loops fails instead of hanging.
///
/// # Panics
///
/// When `work` takes longer.
pub async fn within<T>(work: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), work)
        .await
        .expect("finished within 20 s")
}

// ---- webhooks -------------------------------------------------------------------------------

/// The signing secret of the webhook tests.
pub const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// The headers Codat sends with the delivery `id` of `body`, signed now with `webhook`.
///
/// # Panics
///
/// When the clock is before 1970 or `id` cannot be a header value.
pub fn signed(webhook: &Webhook, id: &str, body: &[u8]) -> http::HeaderMap {
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

/// `body` delivered as `msg_1`, signed with [`SECRET`], then verified and decoded as `E`.
///
/// # Errors
///
/// What [`Webhook::verify_as`] returns for the delivery.
///
/// # Panics
///
/// When [`SECRET`] is not a secret, or as [`signed`] does.
pub fn verify<E: WebhookEvent>(body: &Value) -> Result<E, WebhookError> {
    let webhook = Webhook::new(SECRET).unwrap();
    let bytes = serde_json::to_vec(body).unwrap();
    let headers = signed(&webhook, "msg_1", &bytes);
    webhook.verify_as::<E>(&headers, &bytes)
}

/// Checks that an event type the product does not know decodes as its unknown variant,
/// keeping the type and the payload as sent (`null` when the delivery has none), rather than
/// failing. `unknown` gives the event type and payload of the unknown variant, and `None` for
/// any other variant.
///
/// # Panics
///
/// When a delivery is refused, decodes as another variant, or loses its type or payload.
pub fn check_unknown_events_are_kept<E: WebhookEvent + std::fmt::Debug>(
    unknown: impl Fn(&E) -> Option<(&str, &Value)>,
) {
    let body = json!({
        "id": "e-1",
        "eventType": "something.codat.adds.later",
        "generatedDate": "2024-09-01T00:00:00Z",
        "payload": {"id": "x-1", "nested": {"list": [1, 2], "flag": true}}
    });
    let event = verify::<E>(&body).unwrap();
    let (event_type, payload) =
        unknown(&event).unwrap_or_else(|| panic!("not the unknown variant: {event:?}"));
    assert_eq!(event_type, "something.codat.adds.later");
    assert_eq!(payload, &body["payload"]);
    let bare = verify::<E>(&json!({"eventType": "something.new"})).unwrap();
    let (event_type, payload) =
        unknown(&bare).unwrap_or_else(|| panic!("not the unknown variant: {bare:?}"));
    assert_eq!(event_type, "something.new");
    assert_eq!(payload, &Value::Null);
}

/// Checks what verification refuses: `body` signed with [`SECRET`] verifies and `is_it`
/// holds for what it decodes to; the same delivery with one byte more, or signed with another
/// secret, is an invalid signature; and each of `misshapen` (a known type whose payload is
/// not its shape), signed, is a decode error.
///
/// # Panics
///
/// When any of those does not hold.
pub fn check_forgeries_are_refused<E: WebhookEvent + std::fmt::Debug>(
    body: &Value,
    is_it: impl Fn(&E) -> bool,
    misshapen: &[Value],
) {
    let webhook = Webhook::new(SECRET).unwrap();
    let bytes = serde_json::to_vec(body).unwrap();
    let headers = signed(&webhook, "msg_2", &bytes);
    let event = webhook.verify_as::<E>(&headers, &bytes).unwrap();
    assert!(is_it(&event), "{event:?}");
    let mut forged = bytes.clone();
    forged.extend_from_slice(b" ");
    assert!(matches!(
        webhook.verify_as::<E>(&headers, &forged),
        Err(WebhookError::InvalidSignature)
    ));
    let other = Webhook::new("whsec_dGhpcyBpcyBub3QgdGhlIHNlY3JldA==").unwrap();
    let headers = signed(&other, "msg_3", &bytes);
    assert!(matches!(
        webhook.verify_as::<E>(&headers, &bytes),
        Err(WebhookError::InvalidSignature)
    ));
    for wrong in misshapen {
        let bytes = serde_json::to_vec(wrong).unwrap();
        let headers = signed(&webhook, "msg_4", &bytes);
        let result = webhook.verify_as::<E>(&headers, &bytes);
        assert!(
            matches!(result, Err(WebhookError::Decode { .. })),
            "{wrong}: {result:?}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_follow_json_pointers() {
        let root = json!({
            "components": {"schemas": {
                "Date": {"type": "string", "example": "2024-01-31"},
                "Account": {"allOf": [{"properties": {"id": {"type": "string", "example": "a-1"}}}]},
                "a/b": {"type": "integer", "example": 7}
            }}
        });
        let into_array = json!({"$ref": "#/components/schemas/Account/allOf/0/properties/id"});
        assert_eq!(resolve(&root, &into_array)["example"], "a-1");
        let escaped = json!({"$ref": "#/components/schemas/a~1b"});
        assert_eq!(resolve(&root, &escaped)["example"], 7);
        // A date with a description beside it is a date, not an object.
        let described =
            json!({"allOf": [{"$ref": "#/components/schemas/Date"}, {"description": "when"}]});
        assert_eq!(example_of(&root, &described), "2024-01-31");
        let account = json!({"$ref": "#/components/schemas/Account"});
        assert_eq!(example_of(&root, &account), json!({"id": "a-1"}));
    }

    #[test]
    #[should_panic(expected = "unresolved #/components/schemas/Missing")]
    fn a_reference_to_nothing_is_named() {
        resolve(&json!({}), &json!({"$ref": "#/components/schemas/Missing"}));
    }
}
