//! Helpers the product crates' tests share: reading the product's OpenAPI spec and finding its
//! operations and examples, a wiremock server that answers one request and refuses the rest,
//! the client those tests build, and deliveries signed the way Codat signs webhooks.
//!
//! The spec is read from the folder in `CODAT_SPEC_DIR`, else from `shared/codat` beside the
//! workspace ([`spec_dir`]), once per test binary ([`spec_file`]). Without it the checks that need it are skipped and say so, except
//! with `CI=true`, where they fail.
//!
//! What every product checks the same way is table-driven here: its operations ([`Op`], with
//! [`op_tests!`]) and its page streams ([`List`], with [`list_tests!`]), so that a product's
//! tests list its operations and streams once and keep only what is its own.

mod lists;
mod ops;
mod timer;
mod webhooks;

pub use lists::{check_concurrency, check_error_and_drop, check_order_and_end, check_walks};
pub use lists::{ids, number_param, pages_asked, Id, List, Paging, Read, Shape};
pub use ops::{answering, compare, file_json, prune, spec_file, to_json, without_nulls};
pub use ops::{check_declared, check_errors, check_examples, check_path_values};
pub use ops::{Answer, Args, BoxFuture, Call, Op, Product, Sent, Success};
pub use timer::VirtualTimer;
pub use webhooks::{check_rate_limit_events, check_report_events};
pub use webhooks::{check_webhook_names, webhook_examples, webhook_media, webhook_names};

/// What the macros of this crate name; not for use.
#[doc(hidden)]
pub mod __private {
    pub use futures_util::{StreamExt, TryStreamExt};
}

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

/// The folder of Codat's specs: `CODAT_SPEC_DIR`, else `shared/codat` beside the workspace.
pub fn spec_dir() -> PathBuf {
    std::env::var_os("CODAT_SPEC_DIR").map_or_else(
        // This crate is `products/codat-product-tests` in the workspace.
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/codat"),
        PathBuf::from,
    )
}

/// The spec `file_name` (`Codat-Sync-Payables.json`, say) as JSON, from [`spec_dir`].
///
/// `None`, after printing why, when the file cannot be read.
///
/// # Panics
///
/// When the file cannot be read and `CI=true`, or when it is not JSON.
pub fn spec(file_name: &str) -> Option<Value> {
    let path = spec_dir().join(file_name);
    let read = std::fs::read(&path);
    if let Err(e) = &read {
        let ci = std::env::var("CI").as_deref() == Ok("true");
        assert!(!ci, "{}: {e}; CI needs the spec", path.display());
        println!("skipped: the spec's examples: {}: {e}", path.display());
    }
    let bytes = read.ok()?;
    Some(serde_json::from_slice(&bytes).expect("the spec is JSON"))
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

// ---- fixtures ----------------------------------------------------------------------------------

/// The paging parameters the list tests send; [`PAGING_QUERY`] is how they are sent.
pub fn paging() -> codat_client::paging::PageParams {
    codat_client::paging::PageParams::new()
        .page(2)
        .page_size(50)
        .query("status=Active")
        .order_by("-modifiedDate")
}

/// [`paging`] as sent.
pub const PAGING_QUERY: &str = "page=2&pageSize=50&query=status%3DActive&orderBy=-modifiedDate";

/// A page of `results`, the first of one: what a list serves without the spec.
pub fn page_fixture(results: Value) -> Value {
    json!({"results": results, "pageNumber": 1, "pageSize": 100, "totalResults": 1})
}

/// A finished push operation with `data` (unless `null`): what a write serves without the
/// spec.
pub fn push_fixture(data: Value) -> Value {
    let mut body = json!({
        "changes": [{"type": "Created", "recordRef": {"id": "rec-9", "dataType": "accounts"}}],
        "dataType": "accounts",
        "companyId": COMPANY,
        "pushOperationKey": "1b6ee3f4-4a33-4d2e-9c0a-7a4a0f5d0001",
        "dataConnectionKey": CONNECTION,
        "requestedOnUtc": "2024-05-01T10:00:00Z",
        "completedOnUtc": "2024-05-01T10:00:05Z",
        "timeoutInMinutes": 30,
        "status": "Success",
        "statusCode": 200
    });
    if !data.is_null() {
        body["data"] = data;
    }
    body
}

/// What can be written, as Codat describes it: what an options read serves without the spec.
pub fn push_option_fixture() -> Value {
    json!({
        "type": "Object", "displayName": "Record", "description": "Record", "required": true,
        "properties": {
            "name": {"type": "String", "displayName": "Name", "description": "Name", "required": true}
        }
    })
}

// ---- the client and the server --------------------------------------------------------------

/// A client with the API key `key`, sending to `server`, that never retries.
///
/// # Panics
///
/// When the client cannot be built.
pub fn codat(key: &str, server: &MockServer) -> Codat {
    builder(key, &server.uri()).build().unwrap()
}

/// The settings of [`codat`], sending to `base_url`, for a test that adds its own.
pub fn builder(key: &str, base_url: &str) -> codat_client::CodatBuilder {
    let builder = Codat::builder().api_key(key).base_url(base_url);
    builder.retry_policy(RetryPolicy::disabled())
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
    let server = MockServer::builder().start().await;
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
    let server = MockServer::builder().start().await;
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

/// The API key of the waiting tests.
pub const WAIT_KEY: &str = "wait-test-key";

/// A product's client and the server of scripted answers it sends to.
#[derive(Debug)]
pub struct Polled<P> {
    /// The client, with the [`WAIT_KEY`].
    pub client: P,
    /// The server; answers while this lives.
    pub server: MockServer,
    count: Arc<AtomicUsize>,
}

impl<P> Polled<P> {
    /// How many polls were answered.
    pub fn polls(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }
}

/// A server that answers the n-th GET of `full_path` with the [`WAIT_KEY`] with the n-th of
/// `script` (the last repeats), and the product's client (`client`) sending to it.
pub async fn polled<P>(
    client: fn(&Codat) -> P,
    full_path: &str,
    script: Vec<(u16, Value)>,
) -> Polled<P> {
    let auth = "Basic d2FpdC10ZXN0LWtleQ==";
    let (server, count) = scripted(auth, "GET", full_path, script).await;
    let client = client(&codat(WAIT_KEY, &server));
    Polled {
        client,
        server,
        count,
    }
}

/// Every status `watch` yields, or the error that ends it.
pub async fn seen<S>(
    watch: codat_client::wait::Watch<'_, S>,
) -> Result<Vec<S>, codat_client::Error> {
    use futures_util::TryStreamExt;
    within(watch.try_collect()).await
}

/// What `watch` ends with.
pub async fn end<S: codat_client::wait::Status + Send>(
    watch: codat_client::wait::Watch<'_, S>,
) -> Result<S, codat_client::Error> {
    within(watch.finish()).await
}

/// Checks that `error` is the failure of background work that ended in `status`, with
/// Codat's `message` when given.
///
/// # Panics
///
/// When it is not.
pub fn check_failed(error: &codat_client::Error, status: &str, message: Option<&str>) {
    let codat_client::Error::OperationFailed {
        status: got,
        message: said,
    } = error
    else {
        panic!("not a failure: {error:?}");
    };
    assert_eq!(got, status, "{error:?}");
    if let Some(message) = message {
        assert_eq!(said.as_deref(), Some(message), "{error:?}");
    }
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

/// Checks that `request`'s body is one `multipart/form-data` part named `file`: the file
/// `file_name` of `content_type`, holding `content` byte for byte.
///
/// # Panics
///
/// When it is not.
pub fn check_one_file_part(request: &Request, file_name: &str, content_type: &str, content: &[u8]) {
    let header = header_of(request, "content-type").unwrap();
    let boundary = header
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart body");
    let body = &request.body;
    assert!(body.starts_with(format!("--{boundary}\r\n").as_bytes()));
    let start = body.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let closing = format!("\r\n--{boundary}--");
    let end = body
        .windows(closing.len())
        .rposition(|w| w == closing.as_bytes())
        .unwrap();
    let head = String::from_utf8_lossy(&body[..start]);
    assert!(head.contains("name=\"file\""), "{head}");
    assert!(
        head.contains(&format!("filename=\"{file_name}\"")),
        "{head}"
    );
    let type_line = format!("content-type: {content_type}");
    assert!(head.to_ascii_lowercase().contains(&type_line), "{head}");
    assert_eq!(&body[start..end], content);
}

/// A server on 127.0.0.1 that, for every connection, announces `announced` bytes of
/// `content_type`, sends `sent` and hangs up: a download that ends early. Gives its URL.
pub fn cut_short_server(
    content_type: &'static str,
    announced: usize,
    sent: &'static [u8],
) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let (mut head, mut byte) = (Vec::new(), [0u8; 1]);
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ncontent-length: {announced}\r\n\r\n"
            );
            let _ = stream.write_all(response.as_bytes());
            let _ = stream.write_all(sent);
        }
    });
    url
}

/// Checks that `download`, which ends early, is an error rather than a short file: read whole
/// (it announced `announced` bytes), and as a stream, which ends with the error.
///
/// # Panics
///
/// When it is not.
pub async fn check_cut_short(
    download: impl Future<Output = Result<codat_client::Download, codat_client::Error>>,
    again: impl Future<Output = Result<codat_client::Download, codat_client::Error>>,
    announced: u64,
) {
    use futures_util::StreamExt;
    let download = within(download).await.unwrap();
    assert_eq!(download.content_length(), Some(announced));
    let err = within(download.bytes()).await.unwrap_err();
    assert!(
        matches!(err, codat_client::Error::Transport { .. }),
        "{err:?}"
    );
    let mut chunks = within(again).await.unwrap().into_stream();
    let mut results = Vec::new();
    while let Some(chunk) = within(chunks.next()).await {
        results.push(chunk.is_ok());
    }
    assert_eq!(
        results.last(),
        Some(&false),
        "the stream ends with the error"
    );
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
