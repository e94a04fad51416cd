//! The declaration shapes beyond path, query and JSON body, over loopback servers: headers and
//! idempotency keys, query groups, downloads, multipart uploads, responses with their metadata,
//! deprecation warnings, and lists paged by continuation token. The operations here are the
//! macro's golden expansions, compiled as an outside crate compiles them.
#![allow(deprecated)]
// Included as source, the expansions show clippy the `Into` that lets a declaration return an
// error type of its own; from the macro it is not linted.
#![allow(clippy::useless_conversion)]
// The expansions are of `pub` methods of a library resource, included here in a test binary.
#![allow(unreachable_pub)]

use crate::support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use codat_client::models::companies::{Companies, Company, CompanyRequestBody};
use codat_client::models::connection_management::ConnectionManagementAccessToken;
use codat_client::paging::{self, CursorPaged, PageParams};
use codat_client::{Codat, Download, Error, MultiStatus, Resource, Response, RetryPolicy, Upload};
use futures_util::StreamExt;
use serde_json::json;
use support::VirtualTimer;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A resource of this test crate, as an SDK author outside codat-client would write one.
#[derive(Clone, Copy, Debug)]
struct ConnectionManagement<'a>(&'a Codat);

impl Resource for ConnectionManagement<'_> {
    fn codat(&self) -> &Codat {
        self.0
    }
}

#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct BillPrototype {
    reference: String,
    amount: f64,
}

#[derive(Debug, serde::Deserialize)]
struct Bill {
    id: String,
}

#[derive(Debug, serde::Serialize)]
struct AccountPrototype {
    id: String,
}

#[derive(Debug, serde::Deserialize)]
struct Account {
    id: String,
}

#[derive(Debug, serde::Deserialize)]
struct AccountResult {
    id: String,
    error: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Attachment {
    id: String,
    file_size: Option<u64>,
}

// The golden files are `impl ConnectionManagement<'_> { ... }` blocks.
include!("../codat-macros/tests/golden/get_access_token.expanded.rs");
include!("../codat-macros/tests/golden/list_companies.expanded.rs");
include!("../codat-macros/tests/golden/replace_company.expanded.rs");
include!("../codat-macros/tests/golden/create_bill.expanded.rs");
include!("../codat-macros/tests/golden/download_attachment.expanded.rs");
include!("../codat-macros/tests/golden/upload_attachment.expanded.rs");
include!("../codat-macros/tests/golden/list_with_metadata.expanded.rs");
include!("../codat-macros/tests/golden/create_batch.expanded.rs");

const BILLS: &str = "/companies/c1/connections/k1/payables/bills";

fn client(url: &str, timer: &Arc<VirtualTimer>) -> Codat {
    Codat::builder()
        .api_key("k")
        .base_url(url)
        .timer(timer.clone())
        .build()
        .unwrap()
}

fn bill() -> BillPrototype {
    BillPrototype {
        reference: "INV-1".into(),
        amount: 12.5,
    }
}

/// Every stream and server wait here gets a limit of its own.
async fn within<T>(work: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), work)
        .await
        .expect("finished within 20 s")
}

fn is_uuid_v4(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| bytes[i] == b'-')
        && bytes[14] == b'4'
        && text
            .chars()
            .filter(|c| *c != '-')
            .all(|c| c.is_ascii_hexdigit())
}

#[tokio::test]
async fn a_given_idempotency_key_is_sent_and_a_missing_one_is_generated_per_call() {
    let server = MockServer::builder().start().await;
    Mock::given(method("POST"))
        .and(path(BILLS))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "b1"})))
        .mount(&server)
        .await;
    let timer = VirtualTimer::new();
    let codat = client(&server.uri(), &timer);
    let bills = ConnectionManagement(&codat);
    bills
        .create_bill("c1", "k1", Some("my-key-1"), &bill())
        .await
        .unwrap();
    bills.create_bill("c1", "k1", None, &bill()).await.unwrap();
    bills.create_bill("c1", "k1", None, &bill()).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let keys: Vec<&str> = requests
        .iter()
        .map(|r| r.headers["idempotency-key"].to_str().unwrap())
        .collect();
    assert_eq!(keys[0], "my-key-1");
    // A given key is not joined by a generated one.
    for request in &requests {
        assert_eq!(request.headers.get_all("idempotency-key").iter().count(), 1);
    }
    assert!(is_uuid_v4(keys[1]) && is_uuid_v4(keys[2]), "{keys:?}");
    assert_ne!(keys[1], keys[2], "one key per call");
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(body, json!({"reference": "INV-1", "amount": 12.5}));
}

/// Answers each POST to the bills path with the next of `answers` (the last repeats).
async fn answering(server: &MockServer, answers: Vec<ResponseTemplate>) {
    server.reset().await;
    let count = answers.len() as u64;
    for (i, answer) in answers.into_iter().enumerate() {
        let mock = Mock::given(method("POST"))
            .and(path(BILLS))
            .respond_with(answer)
            .with_priority(i as u8 + 1);
        let mock = if (i as u64) + 1 < count {
            mock.up_to_n_times(1)
        } else {
            mock
        };
        mock.mount(server).await;
    }
}

async fn keys_sent(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            r.headers.get("idempotency-key").map_or("-".into(), |v| {
                String::from_utf8_lossy(v.as_bytes()).into_owned()
            })
        })
        .collect()
}

fn codat_status(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_json(json!({"statusCode": status, "error": "busy", "correlationId": "c-9"}))
}

fn created() -> ResponseTemplate {
    ResponseTemplate::new(201).set_body_json(json!({"id": "b1"}))
}

#[tokio::test]
async fn a_key_given_per_call_is_sent_unchanged_on_every_attempt() {
    let server = MockServer::builder().start().await;
    answering(
        &server,
        vec![codat_status(500), codat_status(503), created()],
    )
    .await;
    let timer = VirtualTimer::new();
    let codat = client(&server.uri(), &timer);
    let keyed = codat.with_idempotency_key("bill-INV-1");
    let bill_made = ConnectionManagement(&keyed)
        .create_bill("c1", "k1", None, &bill())
        .await
        .unwrap();
    assert_eq!(bill_made.id, "b1");
    assert_eq!(keys_sent(&server).await, ["bill-INV-1"; 3]);
    // Reads through the same client carry no key.
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"accessToken": "t"})))
        .mount(&server)
        .await;
    ConnectionManagement(&keyed)
        .get_access_token("c1")
        .await
        .unwrap();
    assert_eq!(keys_sent(&server).await.last().unwrap(), "-");
}

#[tokio::test]
async fn an_empty_key_is_refused_and_nothing_goes_out() {
    let server = MockServer::builder().start().await;
    answering(
        &server,
        vec![codat_status(500), codat_status(500), created()],
    )
    .await;
    let timer = VirtualTimer::new();
    let codat = client(&server.uri(), &timer);
    for blank in ["", "   "] {
        let err = ConnectionManagement(&codat)
            .create_bill("c1", "k1", Some(blank), &bill())
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidHeader {
                    name: "Idempotency-Key",
                    ..
                }
            ),
            "{blank:?}: {err:?}"
        );
        let err = ConnectionManagement(&codat.with_idempotency_key(blank))
            .create_bill("c1", "k1", None, &bill())
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidHeader { .. }), "{err:?}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_409_for_a_key_in_use_is_waited_out_and_repeated_with_the_same_key() {
    let server = MockServer::builder().start().await;
    answering(
        &server,
        vec![
            codat_status(409).insert_header("retry-after", "2"),
            codat_status(409),
            created(),
        ],
    )
    .await;
    let timer = VirtualTimer::new();
    let codat = client(&server.uri(), &timer);
    ConnectionManagement(&codat)
        .create_bill("c1", "k1", None, &bill())
        .await
        .unwrap();
    let keys = keys_sent(&server).await;
    assert_eq!(keys.len(), 3);
    assert!(
        keys.iter().all(|k| k == &keys[0]) && is_uuid_v4(&keys[0]),
        "{keys:?}"
    );
    let sleeps = timer.sleeps();
    assert_eq!(sleeps.len(), 2);
    assert_eq!(sleeps[0], Duration::from_secs(2), "Retry-After honoured");
}

#[tokio::test]
async fn a_422_to_a_reused_key_says_so_and_is_not_repeated() {
    let server = MockServer::builder().start().await;
    answering(&server, vec![codat_status(422)]).await;
    let timer = VirtualTimer::new();
    let codat = client(&server.uri(), &timer);
    let err = ConnectionManagement(&codat.with_idempotency_key("bill-INV-1"))
        .create_bill("c1", "k1", None, &bill())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(422));
    assert!(err.is_idempotency_key_reused());
    assert_eq!(err.idempotency_key(), Some("bill-INV-1"));
    let text = err.to_string();
    assert!(text.contains("Idempotency-Key bill-INV-1"), "{text}");
    assert!(text.contains("reused with another body"), "{text}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    // With a key the client made, a 422 is something else: it says nothing of reuse.
    let err = ConnectionManagement(&codat)
        .create_bill("c1", "k1", None, &bill())
        .await
        .unwrap_err();
    assert!(!err.is_idempotency_key_reused());
    assert!(!err.to_string().contains("reused"), "{err}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, failure_persistence: None, ..Default::default() })]

    /// Any key a caller gives is either sent unchanged on every attempt or refused with
    /// nothing sent.
    #[test]
    fn any_key_given_is_sent_unchanged_on_every_attempt_or_refused(
        key in proptest::prop_oneof![
            "[ -~]{0,40}",
            "\\PC{0,12}",
            proptest::string::string_regex("[a-z]{0,3}[\\r\\n\\t\\x00 ][a-z]{0,3}").unwrap(),
        ],
        per_call in proptest::bool::ANY,
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let server = MockServer::builder().start().await;
            answering(&server, vec![codat_status(503), created()]).await;
            let timer = VirtualTimer::new();
            let codat = client(&server.uri(), &timer);
            let result = if per_call {
                ConnectionManagement(&codat.with_idempotency_key(key.clone()))
                    .create_bill("c1", "k1", None, &bill())
                    .await
            } else {
                ConnectionManagement(&codat)
                    .create_bill("c1", "k1", Some(&key), &bill())
                    .await
            };
            let keys = keys_sent(&server).await;
            match result {
                Ok(_) => {
                    assert_eq!(keys.len(), 2, "{key:?}");
                    let sent = server.received_requests().await.unwrap();
                    for request in &sent {
                        assert_eq!(request.headers["idempotency-key"].as_bytes(), key.as_bytes(), "{key:?}");
                    }
                }
                Err(err) => {
                    assert!(matches!(err, Error::InvalidHeader { .. }), "{key:?}: {err:?}");
                    assert!(keys.is_empty(), "{key:?}: nothing sent");
                    let blank = key.trim_matches(|c: char| c.is_ascii_whitespace()) != key
                        || key.bytes().all(|b| b.is_ascii_whitespace());
                    let not_a_header = reqwest::header::HeaderValue::from_str(&key).is_err();
                    assert!(blank || not_a_header, "{key:?} refused without reason");
                }
            }
        });
    }
}

#[tokio::test]
async fn a_header_value_with_a_line_break_is_refused_and_nothing_is_sent() {
    let server = MockServer::builder().start().await;
    let timer = VirtualTimer::new();
    let codat = client(&server.uri(), &timer);
    for key in ["a\r\nX-Admin: 1", "a\nb", "a\rb"] {
        let err = ConnectionManagement(&codat)
            .create_bill("c1", "k1", Some(key), &bill())
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidHeader {
                    name: "Idempotency-Key",
                    ..
                }
            ),
            "{err:?}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// A server that reads each whole request (head and body), records it, drops the first
/// connection without answering, and answers the rest with 201.
async fn drop_first_after_reading() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    tokio::spawn(async move {
        let mut n = 0;
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            // Head, then as many body bytes as Content-Length says.
            let request = loop {
                let Ok(read) = stream.read(&mut chunk).await else {
                    break None;
                };
                if read == 0 {
                    break None;
                }
                buf.extend_from_slice(&chunk[..read]);
                let text = String::from_utf8_lossy(&buf).into_owned();
                if let Some(end) = text.find("\r\n\r\n") {
                    let length = text[..end]
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length:")
                                .map(|v| v.trim().parse::<usize>().unwrap())
                        })
                        .unwrap_or(0);
                    if buf.len() >= end + 4 + length {
                        break Some(text);
                    }
                }
            };
            let Some(request) = request else { continue };
            record.lock().unwrap().push(request);
            n += 1;
            if n == 1 {
                drop(stream);
                continue;
            }
            let _ = stream
                .write_all(b"HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: 11\r\nconnection: close\r\n\r\n{\"id\":\"b1\"}")
                .await;
        }
    });
    (url, seen)
}

#[tokio::test]
async fn a_post_with_an_idempotency_key_is_retried_with_the_same_key_and_body() {
    let (url, seen) = drop_first_after_reading().await;
    let timer = VirtualTimer::new();
    let codat = client(&url, &timer);
    let created = within(ConnectionManagement(&codat).create_bill("c1", "k1", None, &bill()))
        .await
        .unwrap();
    assert_eq!(created.id, "b1");
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2, "retried once after the dropped attempt");
    let key = |request: &str| {
        request
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("idempotency-key:")
                    .map(|v| v.trim().to_owned())
            })
            .unwrap()
    };
    let body = |request: &str| request.split("\r\n\r\n").nth(1).unwrap().to_owned();
    assert_eq!(key(&seen[0]), key(&seen[1]));
    assert!(is_uuid_v4(&key(&seen[0])));
    assert_eq!(body(&seen[0]), body(&seen[1]));
    assert_eq!(timer.sleeps().len(), 1);

    // A POST whose declaration names no key gets one too (an upload here), so it is repeated
    // after the dropped attempt with the same key and the same file.
    let (url, seen) = drop_first_after_reading().await;
    let codat = client(&url, &timer);
    within(ConnectionManagement(&codat).upload_attachment("b1", Upload::from_bytes(&b"x"[..])))
        .await
        .unwrap();
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    assert_eq!(key(&seen[0]), key(&seen[1]));
    assert!(is_uuid_v4(&key(&seen[0])));
    // The same file in both (each multipart body has a boundary of its own).
    for request in &seen {
        assert!(
            request.ends_with("\r\n\r\nx\r\n") || request.contains("\r\n\r\nx\r\n--"),
            "{request}"
        );
    }
}

/// A server that answers every request with `head` and then `body_len` bytes of `fill`, sent
/// in pieces of `piece` bytes with `pause` between them (after a stall of `stall` before the
/// piece at `stall_at`). Returns its URL and how many body bytes it managed to send.
async fn trickling(
    head: &'static str,
    body_len: usize,
    piece: usize,
    pause: Duration,
    stall: Option<(usize, Duration)>,
) -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let sent = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = sent.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 8192];
                let _ = stream.read(&mut buf).await;
                let head = head.replace("{len}", &body_len.to_string());
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = vec![b' '; piece];
                let mut written = 0;
                while written < body_len {
                    if stall.is_some_and(|(at, _)| at == written) {
                        tokio::time::sleep(stall.unwrap().1).await;
                    }
                    let n = piece.min(body_len - written);
                    if stream.write_all(&chunk[..n]).await.is_err() {
                        return;
                    }
                    written += n;
                    counter.fetch_add(n, std::sync::atomic::Ordering::SeqCst);
                    if !pause.is_zero() {
                        tokio::time::sleep(pause).await;
                    }
                }
            });
        }
    });
    (url, sent)
}

#[tokio::test]
async fn a_json_body_past_the_limit_is_refused_and_not_read_whole() {
    // 8 MiB of JSON whitespace: valid JSON once an object follows, but past a 1 MiB limit.
    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n";
    let (url, sent) = trickling(head, 8 << 20, 64 << 10, Duration::ZERO, None).await;
    let timer = VirtualTimer::new();
    let codat = client(&url, &timer).with_max_response_body(1 << 20);
    let err = within(ConnectionManagement(&codat).get_access_token("c1"))
        .await
        .unwrap_err();
    let Error::ResponseTooLarge { limit, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*limit, 1 << 20);
    assert_eq!(err.status(), Some(200));
    assert_eq!(
        err.response().unwrap().content_type.as_deref(),
        Some("application/json")
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    let sent = sent.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        sent < 8 << 20,
        "reading stopped near the limit: {sent} bytes sent"
    );

    // Announced as too long: refused before the body is read.
    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {len}\r\n\r\n";
    let (url, _) = trickling(head, 2 << 20, 64 << 10, Duration::ZERO, None).await;
    let codat = client(&url, &timer).with_max_response_body(1 << 20);
    let err = within(ConnectionManagement(&codat).get_access_token("c1"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
    assert!(err.to_string().contains("1048576 bytes"), "{err}");
}

impl ConnectionManagement<'_> {
    /// A write that answers nothing the caller reads.
    #[codat_client::endpoint(POST, "/companies/<company_id>/data/all", errors = [500])]
    async fn refresh_all(self, company_id: &str) -> Result<(), Error>;
}

#[tokio::test]
async fn the_body_of_a_write_that_returns_nothing_is_not_read() {
    // 256 MiB announced and sent as fast as the socket takes it: an operation that returns
    // `()` reads a little, then drops the connection.
    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {len}\r\n\r\n";
    let (url, sent) = trickling(head, 256 << 20, 64 << 10, Duration::ZERO, None).await;
    let timer = VirtualTimer::new();
    let codat = client(&url, &timer);
    within(ConnectionManagement(&codat).refresh_all("c1"))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let sent = sent.load(std::sync::atomic::Ordering::SeqCst);
    assert!(sent < 32 << 20, "{sent} bytes sent");
}

/// A new empty folder under the system's temporary folder.
fn scratch_folder(name: &str) -> std::path::PathBuf {
    let folder = std::env::temp_dir().join(format!("codat-{name}-{:x}", fastrand_seed()));
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

fn fastrand_seed() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

#[tokio::test]
async fn a_saved_download_replaces_the_file_only_when_whole() {
    let folder = scratch_folder("save");
    let target = folder.join("report.pdf");
    std::fs::write(&target, b"the good copy").unwrap();
    let timer = VirtualTimer::new();

    // Announced 10,000 bytes, 5,000 sent, then the connection closes.
    let cut = "HTTP/1.1 200 OK\r\ncontent-type: application/pdf\r\ncontent-length: 10000\r\n\r\n";
    let (url, _) = trickling(cut, 5000, 1000, Duration::ZERO, None).await;
    let codat = client(&url, &timer);
    let download = within(ConnectionManagement(&codat).download_attachment("b1", "a1"))
        .await
        .unwrap();
    let err = within(download.save_to(&target)).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(std::fs::read(&target).unwrap(), b"the good copy");
    let left: Vec<_> = std::fs::read_dir(&folder).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file left: {left:?}");

    // A whole body replaces it.
    let whole = "HTTP/1.1 200 OK\r\ncontent-type: application/pdf\r\ncontent-length: {len}\r\n\r\n";
    let (url, _) = trickling(whole, 12_345, 1000, Duration::ZERO, None).await;
    let codat = client(&url, &timer);
    let download = within(ConnectionManagement(&codat).download_attachment("b1", "a1"))
        .await
        .unwrap();
    assert_eq!(within(download.save_to(&target)).await.unwrap(), 12_345);
    assert_eq!(std::fs::read(&target).unwrap(), vec![b' '; 12_345]);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);

    // A folder that does not exist: a typed error naming the path.
    let missing = folder.join("no/such/folder/report.pdf");
    let download = within(ConnectionManagement(&codat).download_attachment("b1", "a1"))
        .await
        .unwrap();
    let err = within(download.save_to(&missing)).await.unwrap_err();
    assert!(
        matches!(&err, Error::Save { path: Some(path), .. } if path == &missing),
        "{err:?}"
    );
    assert!(err.to_string().contains("report.pdf"), "{err}");
    // Written to a writer of the caller's.
    let download = within(ConnectionManagement(&codat).download_attachment("b1", "a1"))
        .await
        .unwrap();
    let mut buffer = Vec::new();
    assert_eq!(
        within(download.write_to(&mut buffer)).await.unwrap(),
        12_345
    );
    assert_eq!(buffer.len(), 12_345);
    std::fs::remove_dir_all(&folder).unwrap();
}

#[tokio::test]
async fn a_download_outlasts_the_total_timeout_while_bytes_keep_coming() {
    // 20 pieces 50 ms apart: about a second, against a total timeout of 300 ms and a
    // per-attempt timeout of 200 ms.
    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/pdf\r\ncontent-length: {len}\r\n\r\n";
    let (url, _) = trickling(head, 20 * 1000, 1000, Duration::from_millis(50), None).await;
    let codat = Codat::builder()
        .api_key("k")
        .base_url(&url)
        .timeout(Duration::from_millis(200))
        .total_timeout(Some(Duration::from_millis(300)))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let download = within(ConnectionManagement(&codat).download_attachment("b1", "a1"))
        .await
        .unwrap();
    let bytes = within(download.bytes()).await.unwrap();
    assert_eq!(bytes.len(), 20_000);
    assert!(
        started.elapsed() > Duration::from_millis(300),
        "outlasted the total timeout"
    );

    // A silence longer than the per-attempt timeout between two chunks ends it.
    let (url, _) = trickling(
        head,
        10 * 1000,
        1000,
        Duration::ZERO,
        Some((5000, Duration::from_millis(600))),
    )
    .await;
    let codat = Codat::builder()
        .api_key("k")
        .base_url(&url)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let mut download = within(ConnectionManagement(&codat).download_attachment("b1", "a1"))
        .await
        .unwrap();
    let mut got = 0;
    let err = loop {
        match within(download.chunk()).await {
            Ok(Some(chunk)) => got += chunk.len(),
            Ok(None) => panic!("the stall was not noticed"),
            Err(err) => break err,
        }
    };
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(got, 5000, "the bytes before the stall came");

    // A head that never comes is still bounded by the per-attempt timeout.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            open.push(stream);
        }
    });
    let codat = Codat::builder()
        .api_key("k")
        .base_url(&url)
        .timeout(Duration::from_millis(100))
        .total_timeout(Some(Duration::from_millis(250)))
        .timer(VirtualTimer::new())
        .build()
        .unwrap();
    let err = within(ConnectionManagement(&codat).download_attachment("b1", "a1"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
}

#[tokio::test]
async fn a_download_keeps_type_length_and_name_and_streams_its_body() {
    let server = MockServer::builder().start().await;
    let pdf: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    Mock::given(method("GET"))
        .and(path("/bills/b1/attachments/a1/download"))
        // A file of any type is accepted, not only JSON.
        .and(header("accept", "*/*"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(pdf.clone(), "application/pdf")
                .insert_header(
                    "content-disposition",
                    "attachment; filename=\"fallback.pdf\"; filename*=UTF-8''bill%2042.pdf",
                ),
        )
        .mount(&server)
        .await;
    Mock::given(path("/bills/b1/attachments/missing/download"))
        .respond_with(ResponseTemplate::new(404).set_body_json(
            json!({"statusCode": 404, "error": "Attachment not found", "correlationId": "dl-404"}),
        ))
        .mount(&server)
        .await;
    let timer = VirtualTimer::new();
    let codat = client(&server.uri(), &timer);
    let files = ConnectionManagement(&codat);

    let download = files.download_attachment("b1", "a1").await.unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(download.content_type(), Some("application/pdf"));
    assert_eq!(download.content_length(), Some(pdf.len() as u64));
    assert_eq!(download.file_name().as_deref(), Some("bill 42.pdf"));
    assert!(download.headers().contains_key("content-disposition"));
    let debug = format!("{download:?}");
    assert!(
        debug.contains("application/pdf") && debug.contains("bill 42.pdf"),
        "{debug}"
    );
    assert_eq!(download.bytes().await.unwrap(), pdf);

    let mut received = Vec::new();
    let mut chunks = files
        .download_attachment("b1", "a1")
        .await
        .unwrap()
        .into_stream();
    while let Some(chunk) = within(chunks.next()).await {
        received.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(received, pdf);

    let err = files
        .download_attachment("b1", "missing")
        .await
        .unwrap_err();
    assert_eq!(
        err.error_message().unwrap().error.as_deref(),
        Some("Attachment not found")
    );
    assert_eq!(err.correlation_id(), Some("dl-404"));
}

#[tokio::test]
async fn a_download_that_ends_early_is_an_error_not_a_short_file() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut head = [0u8; 4096];
            let _ = stream.read(&mut head).await;
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/pdf\r\ncontent-length: 1000\r\n\r\n%PDF-1.7 only the start")
                .await;
            let _ = stream.shutdown().await;
        }
    });
    let timer = VirtualTimer::new();
    let codat = client(&url, &timer);
    let download = ConnectionManagement(&codat)
        .download_attachment("b1", "a1")
        .await
        .unwrap();
    assert_eq!(download.content_length(), Some(1000));
    let err = within(download.bytes()).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");

    let mut chunks = ConnectionManagement(&codat)
        .download_attachment("b1", "a1")
        .await
        .unwrap()
        .into_stream();
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

/// The parts of a multipart body: (headers, content) after the first boundary.
fn multipart_part(request: &Request) -> (String, Vec<u8>) {
    let content_type = request.headers["content-type"].to_str().unwrap().to_owned();
    let boundary = content_type.split("boundary=").nth(1).unwrap().to_owned();
    let body = &request.body;
    let text = String::from_utf8_lossy(body);
    let start = text.find("\r\n\r\n").unwrap() + 4;
    let end = body
        .windows(boundary.len())
        .rposition(|w| w == boundary.as_bytes())
        .unwrap()
        - 4; // "\r\n--"
    (text[..start].to_owned(), body[start..end].to_vec())
}

#[tokio::test]
async fn uploads_from_bytes_a_file_and_a_reader_arrive_whole() {
    let server = MockServer::builder().start().await;
    Mock::given(method("POST"))
        .and(path("/bills/b1/attachments"))
        .respond_with(|request: &Request| {
            ResponseTemplate::new(201)
                .set_body_json(json!({"id": "a1", "fileSize": request.body.len()}))
        })
        .mount(&server)
        .await;
    let timer = VirtualTimer::new();
    let codat = client(&server.uri(), &timer);
    let content: Vec<u8> = (0..300_000u32).map(|i| (i % 253) as u8).collect();
    let file = std::env::temp_dir().join(format!("codat-rs-upload-{}.pdf", std::process::id()));
    std::fs::write(&file, &content).unwrap();

    let uploads = [
        Upload::from_bytes(content.clone())
            .file_name("invoice.pdf")
            .content_type("application/pdf"),
        Upload::from_path(&file).content_type("application/pdf"),
        Upload::from_reader(std::io::Cursor::new(content.clone())).file_name("streamed.bin"),
    ];
    for upload in uploads {
        let attachment = ConnectionManagement(&codat)
            .upload_attachment("b1", upload)
            .await
            .unwrap();
        assert_eq!(attachment.id, "a1");
        assert!(attachment.file_size.unwrap() > content.len() as u64);
    }
    std::fs::remove_file(&file).unwrap();
    let requests = server.received_requests().await.unwrap();
    let names = [
        "filename=\"invoice.pdf\"",
        &format!(
            "filename=\"{}\"",
            file.file_name().unwrap().to_string_lossy()
        ),
        "filename=\"streamed.bin\"",
    ];
    for (request, name) in requests.iter().zip(names) {
        assert!(request.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("multipart/form-data; boundary="));
        let (head, body) = multipart_part(request);
        assert!(head.contains("name=\"file\""), "{head}");
        assert!(head.contains(name), "{head}");
        assert_eq!(body, content, "{name}");
    }
    assert!(multipart_part(&requests[2])
        .0
        .contains("application/octet-stream"));
}

#[tokio::test]
async fn a_retried_upload_is_sent_again_whole_unless_its_reader_is_spent() {
    let server = MockServer::builder().start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "1")
                .set_body_json(json!({"statusCode": 429, "error": "slow down"})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "a1"})))
        .with_priority(2)
        .mount(&server)
        .await;
    let timer = VirtualTimer::new();
    let codat = client(&server.uri(), &timer);
    ConnectionManagement(&codat)
        .upload_attachment("b1", Upload::from_bytes(&b"first and second"[..]))
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        multipart_part(&requests[0]).1,
        multipart_part(&requests[1]).1
    );

    // A reader cannot be read twice: the 429 is not retried, and the error says why.
    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "1")
                .set_body_json(json!({"statusCode": 429, "error": "slow down"})),
        )
        .mount(&server)
        .await;
    let reader = std::io::Cursor::new(b"read once".to_vec());
    let err = ConnectionManagement(&codat)
        .upload_attachment("b1", Upload::from_reader(reader))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UploadNotReplayable { .. }), "{err:?}");
    assert_eq!(err.status(), Some(429));
    assert!(err.to_string().contains("cannot be read again"), "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

/// Optional parameters declared downstream: query parameters and a header in one group.
#[derive(Clone, Debug, Default, codat_client::ParamGroup)]
#[non_exhaustive]
pub struct TenantFilter {
    /// Tags to match.
    #[query]
    pub tags: Option<String>,
    /// A status filter, under a wire name of its own.
    #[query("statusQuery")]
    pub status: Option<String>,
    /// The tenant, sent as a header.
    #[header("X-Tenant")]
    pub tenant: Option<String>,
    /// At most this many.
    #[query]
    pub max_results: Option<i32>,
}

impl ConnectionManagement<'_> {
    /// Companies, with paging and the downstream group.
    #[codat_client::endpoint(GET, "/companies", errors = [401])]
    pub async fn list_filtered(
        &self,
        #[params] paging: PageParams,
        #[params] filter: TenantFilter,
    ) -> Result<Companies, Error>;
}

#[tokio::test]
async fn a_group_declared_downstream_sends_its_query_and_headers_by_name() {
    let server = MockServer::builder().start().await;
    Mock::given(method("GET"))
        .and(path("/companies"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"results": [], "pageNumber": 1, "pageSize": 10, "totalResults": 0}),
        ))
        .mount(&server)
        .await;
    let timer = VirtualTimer::new();
    let codat = client(&server.uri(), &timer);
    let resource = ConnectionManagement(&codat);
    resource
        .list_filtered(
            PageParams::new().page_size(10),
            TenantFilter::new()
                .tags("region=uk")
                .status("status=Active")
                .tenant("t-1")
                .max_results(5),
        )
        .await
        .unwrap();
    resource
        .list_filtered(PageParams::new(), TenantFilter::new())
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].url.query(),
        Some("pageSize=10&tags=region%3Duk&statusQuery=status%3DActive&maxResults=5")
    );
    assert_eq!(requests[0].headers.get("x-tenant").unwrap(), "t-1");
    assert_eq!(requests[1].url.query(), None);
    assert!(requests[1].headers.get("x-tenant").is_none());
    let op = codat_client::operations()
        .find(|op| op.name == "list_filtered")
        .unwrap();
    assert_eq!(
        op.query_names().collect::<Vec<_>>(),
        [
            "page",
            "pageSize",
            "query",
            "orderBy",
            "tags",
            "statusQuery",
            "maxResults"
        ]
    );
    assert_eq!(op.header_names().collect::<Vec<_>>(), ["X-Tenant"]);
    // A header value with a line break refuses the call before anything is sent.
    let err = resource
        .list_filtered(
            PageParams::new(),
            TenantFilter::new().tenant("a\r\nX-Injected: 1"),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidHeader {
                name: "X-Tenant",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_query_group_and_the_response_metadata() {
    let server = MockServer::builder().start().await;
    Mock::given(method("GET"))
        .and(path("/companies"))
        .and(query_param("page", "3"))
        .and(query_param("pageSize", "50"))
        .and(query_param("orderBy", "-createdDate"))
        .and(query_param("tags", "region=uk"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-correlation-id", "meta-1")
                .set_body_json(
                    json!({"results": [], "pageNumber": 3, "pageSize": 50, "totalResults": 100}),
                ),
        )
        .mount(&server)
        .await;
    let timer = VirtualTimer::new();
    let codat = client(&server.uri(), &timer);
    let params = PageParams::new()
        .page(3)
        .page_size(50)
        .query("name~Acme")
        .order_by("-createdDate");
    let response = ConnectionManagement(&codat)
        .list_with_metadata(params, Some("region=uk"))
        .await
        .unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.content_type(), Some("application/json"));
    assert_eq!(response.header("x-correlation-id"), Some("meta-1"));
    assert_eq!(response.value.page_number, 3);
    let query = server.received_requests().await.unwrap()[0]
        .url
        .query()
        .unwrap()
        .to_owned();
    assert_eq!(
        query,
        "page=3&pageSize=50&query=name~Acme&orderBy=-createdDate&tags=region%3Duk"
    );
    // The group's names are in the operation's metadata, for the spec checks.
    let op = codat_client::operations()
        .find(|op| op.name == "list_with_metadata")
        .unwrap();
    assert_eq!(
        op.query_names().collect::<Vec<_>>(),
        ["tags", "page", "pageSize", "query", "orderBy"]
    );
    assert_eq!(op.product, "codat-tests");
    assert_eq!(op.module, "e2e::shapes");
}

#[tokio::test]
async fn a_deprecation_header_is_logged_once_per_operation() {
    let server = MockServer::builder().start().await;
    Mock::given(path("/companies/c1"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("deprecation", "@1735689600")
                .insert_header("sunset", "Wed, 31 Dec 2025 23:59:59 GMT")
                .set_body_json(json!({"id": "c1", "name": "Acme", "redirect": "https://link"})),
        )
        .mount(&server)
        .await;
    let (captured, _guard) = support::capture_logs(tracing::Level::WARN);
    let timer = VirtualTimer::new();
    let codat = client(&server.uri(), &timer);
    let company = CompanyRequestBody {
        name: "Acme".into(),
        ..Default::default()
    };
    for _ in 0..3 {
        let replaced: Company = ConnectionManagement(&codat)
            .replace("c1", Some(&company))
            .await
            .unwrap();
        assert_eq!(replaced.id, "c1");
    }
    drop(_guard);
    let log = captured.text();
    assert_eq!(log.matches("deprecated").count(), 1, "{log}");
    assert!(log.contains("path=\"/companies/<company_id>\""), "{log}");
    assert!(log.contains("Wed, 31 Dec 2025"), "{log}");
}

/// A page of a list paged by continuation token.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokenPage {
    results: Vec<String>,
    continuation_token: Option<String>,
}

impl CursorPaged for TokenPage {
    type Item = String;
    fn into_items(self) -> (Vec<String>, Option<String>) {
        (self.results, self.continuation_token)
    }
}

/// One scripted page: its items and next token, or an error status.
type ScriptedPage = Result<(Vec<&'static str>, Option<&'static str>), u16>;

/// Serves `pages` in order.
async fn token_server(pages: Vec<ScriptedPage>) -> MockServer {
    let server = MockServer::builder().start().await;
    let pages = Arc::new(pages);
    Mock::given(path("/suppliers"))
        .respond_with(move |request: &Request| {
            let token = request
                .url
                .query_pairs()
                .find(|(k, _)| k == "continuationToken")
                .map(|(_, v)| v.into_owned());
            let index = match token.as_deref() {
                None => 0,
                Some(t) => t.trim_start_matches('t').parse::<usize>().unwrap(),
            };
            match &pages[index.min(pages.len() - 1)] {
                Ok((items, next)) => ResponseTemplate::new(200)
                    .set_body_json(json!({"results": items, "continuationToken": next})),
                Err(status) => ResponseTemplate::new(*status)
                    .set_body_json(json!({"statusCode": status, "error": "boom"})),
            }
        })
        .mount(&server)
        .await;
    server
}

/// Lists suppliers by continuation token, as a product crate declares it.
#[derive(Clone, Copy)]
struct Suppliers<'a>(&'a Codat);

impl Resource for Suppliers<'_> {
    fn codat(&self) -> &Codat {
        self.0
    }
}

impl<'a> Suppliers<'a> {
    #[codat_client::endpoint(GET, "/suppliers", errors = [500])]
    async fn list(self, #[query] continuation_token: Option<&str>) -> Result<TokenPage, Error>;

    fn list_all(self) -> futures_util::stream::BoxStream<'a, Result<String, Error>> {
        paging::cursor_items(move |token| async move { self.list(token.as_deref()).await })
    }
}

async fn walk_tokens(server: &MockServer) -> (Vec<Result<String, Error>>, Vec<Option<String>>) {
    let timer = VirtualTimer::new();
    let codat = client(&server.uri(), &timer).with_retry_policy(RetryPolicy::disabled());
    let items = within(Suppliers(&codat).list_all().collect::<Vec<_>>()).await;
    let tokens = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "continuationToken")
                .map(|(_, v)| v.into_owned())
        })
        .collect();
    (items, tokens)
}

#[tokio::test]
async fn a_token_list_is_walked_until_no_token_comes() {
    let server = token_server(vec![
        Ok((vec!["s1", "s2"], Some("t1"))),
        Ok((vec!["s3"], Some("t2"))),
        Ok((vec!["s4"], None)),
    ])
    .await;
    let (items, tokens) = walk_tokens(&server).await;
    let items: Vec<String> = items.into_iter().map(Result::unwrap).collect();
    assert_eq!(items, ["s1", "s2", "s3", "s4"]);
    assert_eq!(tokens, [None, Some("t1".into()), Some("t2".into())]);
}

#[tokio::test]
async fn a_repeated_token_ends_the_walk_with_an_error_not_a_loop() {
    let server = token_server(vec![
        Ok((vec!["s1"], Some("t1"))),
        Ok((vec!["s2"], Some("t1"))),
    ])
    .await;
    let (items, tokens) = walk_tokens(&server).await;
    assert_eq!(items.len(), 3);
    assert_eq!(items[1].as_ref().unwrap(), "s2");
    assert!(matches!(&items[2], Err(Error::RepeatedCursor { token }) if token == "t1"));
    assert_eq!(tokens.len(), 2, "the repeated token is never requested");
}

#[tokio::test]
async fn a_token_walk_stops_at_the_first_error() {
    let server = token_server(vec![
        Ok((vec!["s1"], Some("t1"))),
        Err(500),
        Ok((vec!["s3"], None)),
    ])
    .await;
    let (items, tokens) = walk_tokens(&server).await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[1].as_ref().unwrap_err().status(), Some(500));
    assert_eq!(tokens.len(), 2);
}

#[tokio::test]
async fn a_token_walk_can_be_dropped_early_and_an_empty_token_ends_it() {
    let server = token_server(vec![
        Ok((vec!["s1", "s2"], Some("t1"))),
        Ok((vec!["s3"], Some(""))),
    ])
    .await;
    let timer = VirtualTimer::new();
    let codat = client(&server.uri(), &timer);
    let first: Vec<_> = within(Suppliers(&codat).list_all().take(1).collect::<Vec<_>>()).await;
    assert_eq!(first.len(), 1);
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "no page fetched ahead"
    );
    server.reset().await;
    let server = token_server(vec![
        Ok((vec!["s1", "s2"], Some("t1"))),
        Ok((vec!["s3"], Some(""))),
    ])
    .await;
    let (items, tokens) = walk_tokens(&server).await;
    assert_eq!(items.len(), 3);
    assert_eq!(tokens.len(), 2);
}

#[tokio::test]
async fn golden_operations_run_as_declared() {
    let server = MockServer::builder().start().await;
    Mock::given(path("/companies/c1/connectionManagement/accessToken"))
        .and(header("authorization", "Basic aw=="))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"accessToken": "tok"})))
        .mount(&server)
        .await;
    Mock::given(path("/companies"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"results": [], "pageNumber": 1, "pageSize": 100, "totalResults": 0}),
        ))
        .mount(&server)
        .await;
    let timer = VirtualTimer::new();
    let codat = client(&server.uri(), &timer);
    let token: ConnectionManagementAccessToken = ConnectionManagement(&codat)
        .get_access_token("c1")
        .await
        .unwrap();
    assert_eq!(token.access_token.as_deref(), Some("tok"));
    let companies: Companies = ConnectionManagement(&codat)
        .list(Some(1), None, None, None, None)
        .await
        .unwrap();
    assert_eq!(companies.total_results, 0);
    // Operations that take no idempotency key send none, and a GET says nothing of a body.
    for request in server.received_requests().await.unwrap() {
        assert!(request.headers.get("idempotency-key").is_none());
        assert!(request.headers.get("content-length").is_none());
    }
    let _: Option<Response<Companies>> = None;
    let _: Option<Download> = None;
}

#[tokio::test]
async fn a_top_level_array_body_and_a_partial_success() {
    let server = MockServer::builder().start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!([{"id": "a1"}, {"id": "a2"}])))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/accounts/batch"))
        .and(wiremock::matchers::body_json(
            json!([{"id": "a1"}, {"id": "a2"}]),
        ))
        .respond_with(
            ResponseTemplate::new(207)
                .set_body_json(json!([{"id": "a1"}, {"id": "a2", "error": "duplicate"}])),
        )
        .mount(&server)
        .await;
    let timer = VirtualTimer::new();
    let codat = client(&server.uri(), &timer);
    let accounts = [
        AccountPrototype { id: "a1".into() },
        AccountPrototype { id: "a2".into() },
    ];
    let whole = ConnectionManagement(&codat)
        .create_batch(&accounts)
        .await
        .unwrap();
    let MultiStatus::Complete(created) = whole else {
        panic!("a 201 is a whole success")
    };
    let ids: Vec<&str> = created.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a1", "a2"]);
    let result = ConnectionManagement(&codat)
        .create_batch(&accounts)
        .await
        .unwrap();
    let MultiStatus::Partial(items) = result else {
        panic!("a 207 must not pass for a whole success")
    };
    assert_eq!(items[1].id, "a2");
    assert_eq!(items[1].error.as_deref(), Some("duplicate"));
    assert!(items[0].error.is_none());
}
