//! Retries, Retry-After, timeouts, faults and rate-limit headers, over loopback servers. Waits
//! between attempts go through a virtual timer, so nothing here really sleeps for a backoff.
#![allow(deprecated)]

use crate::support;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use codat_client::{endpoint, Codat, CodatBuilder, Error, Resource, RetryPolicy};
use serde_json::json;
use support::{Captured, Fault, FaultServer, VirtualTimer};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk_resilience_secret";
const COMPANY: &str = "8a210b68-6988-11ed-a1eb-0242ac120002";
const PATH: &str =
    "/companies/8a210b68-6988-11ed-a1eb-0242ac120002/connectionManagement/accessToken";

fn builder(base_url: &str, timer: &Arc<VirtualTimer>) -> CodatBuilder {
    Codat::builder()
        .api_key(KEY)
        .base_url(base_url)
        .timer(timer.clone())
}

async fn get(codat: &Codat) -> Result<Option<String>, Error> {
    codat
        .connection_management()
        .get_access_token(COMPANY)
        .await
        .map(|t| t.access_token)
}

fn ok_token() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"accessToken": "tok"}))
}

fn codat_error(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_json(json!({"statusCode": status, "error": "busy", "correlationId": "c1"}))
}

/// Answers `first` to the first `times` requests of the seed path, then `then`.
async fn answer_then(
    server: &MockServer,
    first: ResponseTemplate,
    times: u64,
    then: ResponseTemplate,
) {
    Mock::given(path(PATH))
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(path(PATH))
        .respond_with(then)
        .with_priority(2)
        .mount(server)
        .await;
}

/// A POST operation, declared here, to check what is repeated for a non-idempotent method.
struct Refresh<'a>(&'a Codat);

impl Resource for Refresh<'_> {
    fn codat(&self) -> &Codat {
        self.0
    }
}

impl Refresh<'_> {
    #[endpoint(POST, "/companies/<company_id>/data/all", errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    async fn all(&self, company_id: &str) -> Result<(), Error>;
}

#[tokio::test]
async fn two_503s_then_success_takes_three_attempts() {
    let server = MockServer::builder().start().await;
    answer_then(&server, codat_error(503), 2, ok_token()).await;
    let timer = VirtualTimer::new();
    let codat = builder(&server.uri(), &timer).build().unwrap();
    assert_eq!(get(&codat).await.unwrap().as_deref(), Some("tok"));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    let sleeps = timer.sleeps();
    assert_eq!(sleeps.len(), 2);
    assert!(
        sleeps[0] <= Duration::from_millis(500) && sleeps[1] <= Duration::from_millis(750),
        "{sleeps:?}"
    );
}

#[tokio::test]
async fn retry_after_seconds_is_waited_exactly() {
    let server = MockServer::builder().start().await;
    answer_then(
        &server,
        codat_error(429).insert_header("retry-after", "1"),
        1,
        ok_token(),
    )
    .await;
    let timer = VirtualTimer::new();
    let codat = builder(&server.uri(), &timer).build().unwrap();
    get(&codat).await.unwrap();
    assert_eq!(timer.sleeps(), vec![Duration::from_secs(1)]);
}

#[tokio::test]
async fn retry_after_http_date_is_waited_until() {
    let server = MockServer::builder().start().await;
    let at = httpdate(SystemTime::now() + Duration::from_secs(4));
    answer_then(
        &server,
        codat_error(429).insert_header("retry-after", at.as_str()),
        1,
        ok_token(),
    )
    .await;
    let timer = VirtualTimer::new();
    let codat = builder(&server.uri(), &timer).build().unwrap();
    get(&codat).await.unwrap();
    let sleeps = timer.sleeps();
    // The date has one-second resolution: the wait is between 3 and 4 seconds.
    assert_eq!(sleeps.len(), 1);
    assert!(
        sleeps[0] >= Duration::from_secs(2) && sleeps[0] <= Duration::from_secs(4),
        "{sleeps:?}"
    );
}

fn httpdate(at: SystemTime) -> String {
    // RFC 7231 IMF-fixdate, computed here rather than by the code under test.
    let secs = at.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs();
    let days = secs / 86_400;
    let (h, m, s) = ((secs / 3600) % 24, (secs / 60) % 60, secs % 60);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let name = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(month - 1) as usize];
    format!("{weekday}, {day:02} {name} {year} {h:02}:{m:02}:{s:02} GMT")
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    for status in [400u16, 401, 404] {
        let server = MockServer::builder().start().await;
        Mock::given(path(PATH))
            .respond_with(codat_error(status))
            .expect(1)
            .mount(&server)
            .await;
        let timer = VirtualTimer::new();
        let codat = builder(&server.uri(), &timer).build().unwrap();
        let err = get(&codat).await.unwrap_err();
        assert_eq!(err.status(), Some(status));
        assert!(!err.is_retryable());
        assert!(timer.sleeps().is_empty());
    }
}

#[tokio::test]
async fn max_attempts_is_respected() {
    let server = MockServer::builder().start().await;
    Mock::given(path(PATH))
        .respond_with(codat_error(503))
        .expect(4)
        .mount(&server)
        .await;
    let timer = VirtualTimer::new();
    let codat = builder(&server.uri(), &timer)
        .retry_policy(RetryPolicy::default().max_attempts(4))
        .build()
        .unwrap();
    let err = get(&codat).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert!(err.is_retryable());
    assert_eq!(timer.sleeps().len(), 3);
}

#[tokio::test]
async fn max_elapsed_is_respected() {
    let server = MockServer::builder().start().await;
    Mock::given(path(PATH))
        .respond_with(codat_error(429).insert_header("retry-after", "10"))
        .expect(3)
        .mount(&server)
        .await;
    let timer = VirtualTimer::new();
    let policy = RetryPolicy::default()
        .max_attempts(100)
        .max_elapsed(Duration::from_secs(25));
    let codat = builder(&server.uri(), &timer)
        .retry_policy(policy)
        .build()
        .unwrap();
    let err = get(&codat).await.unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(10)));
    assert_eq!(timer.sleeps(), vec![Duration::from_secs(10); 2]);
}

#[tokio::test]
async fn per_call_policy_overrides_the_client() {
    let server = MockServer::builder().start().await;
    Mock::given(path(PATH))
        .respond_with(codat_error(503))
        .expect(1)
        .mount(&server)
        .await;
    let timer = VirtualTimer::new();
    let codat = builder(&server.uri(), &timer).build().unwrap();
    get(&codat.with_retry_policy(RetryPolicy::disabled()))
        .await
        .unwrap_err();
    assert!(timer.sleeps().is_empty());
}

#[tokio::test]
async fn a_post_is_repeated_with_its_key_after_a_500_and_the_last_error_names_the_key() {
    let server = MockServer::builder().start().await;
    let url = format!("/companies/{COMPANY}/data/all");
    Mock::given(method("POST"))
        .and(path(url.as_str()))
        .respond_with(codat_error(500))
        .expect(5)
        .mount(&server)
        .await;
    let timer = VirtualTimer::new();
    let codat = builder(&server.uri(), &timer).build().unwrap();
    let err = Refresh(&codat).all(COMPANY).await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    let keys = sent_keys(&server).await;
    assert_eq!(keys.len(), 5, "every attempt the policy allows");
    assert!(
        keys.iter().all(|k| k == &keys[0]),
        "one key for the call: {keys:?}"
    );
    assert_eq!(err.idempotency_key(), Some(keys[0].as_str()));
    assert!(err.to_string().contains(&keys[0]), "{err}");
    assert!(
        !err.is_idempotency_key_reused(),
        "a generated key is never reused"
    );

    // 429 says the request was refused; 204 decodes as `()`.
    refuse_once_then_accept(&server, codat_error(429).insert_header("retry-after", "2")).await;
    Refresh(&codat).all(COMPANY).await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    assert_eq!(timer.sleeps().last(), Some(&Duration::from_secs(2)));
}

/// Resets `server`, then answers the first POST with `first` and the rest with 204.
async fn refuse_once_then_accept(server: &MockServer, first: ResponseTemplate) {
    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .with_priority(2)
        .mount(server)
        .await;
}

/// The `Idempotency-Key` of every request `server` received, in order (`-` for none).
async fn sent_keys(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            r.headers
                .get("idempotency-key")
                .map_or("-".to_owned(), |v| v.to_str().unwrap().to_owned())
        })
        .collect()
}

#[tokio::test]
async fn dropped_connections_are_retried() {
    let server = FaultServer::start(vec![Fault::Close, Fault::Close, Fault::Ok]).await;
    let timer = VirtualTimer::new();
    let codat = builder(&server.url, &timer).build().unwrap();
    assert_eq!(get(&codat).await.unwrap().as_deref(), Some("ok"));
    assert_eq!(server.connections(), 3);
}

#[tokio::test]
async fn faults_end_in_typed_errors() {
    for fault in [Fault::CloseMidBody, Fault::Garbage, Fault::Close] {
        let server = FaultServer::start(vec![fault]).await;
        let timer = VirtualTimer::new();
        let codat = builder(&server.url, &timer)
            .retry_policy(RetryPolicy::default().max_attempts(3))
            .build()
            .unwrap();
        let err = get(&codat).await.unwrap_err();
        assert!(matches!(err, Error::Transport { .. }), "{fault:?}: {err:?}");
        assert!(err.is_retryable());
        assert_eq!(server.connections(), 3, "{fault:?}: every attempt retried");
        assert!(!format!("{err:?}").contains(KEY));
    }
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_within_the_bound() {
    let server = FaultServer::start(vec![Fault::Silence]).await;
    let timer = VirtualTimer::new();
    // Per attempt: 100 ms, retried; the whole call: 400 ms.
    let codat = builder(&server.url, &timer)
        .timeout(Duration::from_millis(100))
        .total_timeout(Some(Duration::from_millis(400)))
        .retry_policy(
            RetryPolicy::default()
                .max_attempts(100)
                .initial_interval(Duration::ZERO),
        )
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = get(&codat).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "bounded, took {:?}",
        started.elapsed()
    );
    assert!(
        server.connections() >= 2,
        "per-attempt timeouts were retried"
    );

    // Without retries, the per-attempt timeout alone ends the call.
    let once = codat
        .with_retry_policy(RetryPolicy::disabled())
        .with_total_timeout(None);
    let err = get(&once).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                source: Some(_),
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn rate_limit_headers_are_kept_on_errors_and_on_the_client() {
    let server = MockServer::builder().start().await;
    answer_then(
        &server,
        ok_token()
            .insert_header("x-rate-limit-limit", "1000")
            .insert_header("x-rate-limit-remaining", "998")
            .insert_header("x-rate-limit-reset", "2026-11-24T14:00:00Z"),
        1,
        codat_error(429)
            .insert_header("x-rate-limit-limit", "1000")
            .insert_header("x-rate-limit-remaining", "0"),
    )
    .await;
    let timer = VirtualTimer::new();
    let codat = builder(&server.uri(), &timer)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    assert!(codat.rate_limit().is_none());
    get(&codat).await.unwrap();
    let rate = codat.rate_limit().unwrap();
    assert_eq!((rate.limit, rate.remaining), (Some(1000), Some(998)));
    assert_eq!(rate.reset.as_deref(), Some("2026-11-24T14:00:00Z"));
    let err = get(&codat).await.unwrap_err();
    assert_eq!(err.rate_limit().unwrap().remaining, Some(0));
    // Clones and per-call variants share what was last seen.
    assert_eq!(
        codat
            .with_retry_policy(RetryPolicy::default())
            .rate_limit()
            .unwrap()
            .remaining,
        Some(0)
    );
}

#[tokio::test]
async fn one_span_per_call_and_a_debug_event_per_retry_without_the_key() {
    let server = MockServer::builder().start().await;
    answer_then(&server, codat_error(503), 1, ok_token()).await;
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let timer = VirtualTimer::new();
    let codat = builder(&server.uri(), &timer).build().unwrap();
    get(&codat).await.unwrap();
    drop(_guard);
    let log = captured.text();
    assert!(
        log.contains("retrying") && log.contains("reason=Status(503)"),
        "{log}"
    );
    assert!(!log.contains(KEY) && !log.contains("c2tf"), "{log}");
    // One span per attempt, then the call's: each field once, named as OpenTelemetry's HTTP
    // client conventions name them.
    let closed: Vec<&str> = log.lines().filter(|l| l.contains(" close ")).collect();
    assert_eq!(closed.len(), 3, "{log}");
    assert!(
        closed[0].contains("codat.attempt{codat.attempt=1 http.response.status_code=503}"),
        "{}",
        closed[0]
    );
    assert!(
        closed[1].contains("codat.attempt{codat.attempt=2 http.response.status_code=200}"),
        "{}",
        closed[1]
    );
    let call = closed[2];
    for field in [
        "codat.operation=\"get_access_token\"",
        "codat.product=\"codat-client\"",
        "http.request.method=\"GET\"",
        "url.template=\"/companies/<company_id>/connectionManagement/accessToken\"",
        "codat.attempts=2",
        "http.response.status_code=200",
        "duration_ms=",
    ] {
        assert_eq!(call.matches(field).count(), 1, "{field} in {call}");
    }
    assert!(!log.contains("no retry left"), "{log}");
}

#[tokio::test]
async fn a_warning_says_when_retries_run_out() {
    let server = MockServer::builder().start().await;
    answer_then(&server, codat_error(503), 10, ok_token()).await;
    let (captured, _guard) = support::capture_logs(tracing::Level::WARN);
    let timer = VirtualTimer::new();
    let codat = builder(&server.uri(), &timer)
        .retry_policy(RetryPolicy::default().max_attempts(3))
        .build()
        .unwrap();
    let err = get(&codat).await.unwrap_err();
    drop(_guard);
    let log = captured.text();
    let warnings: Vec<&str> = log.lines().filter(|l| l.contains(" WARN ")).collect();
    assert_eq!(warnings.len(), 1, "{log}");
    assert!(
        warnings[0].contains("no retry left") && warnings[0].contains("attempts=3"),
        "{}",
        warnings[0]
    );
    assert_eq!(err.status(), Some(503));
    // A status not worth repeating is no warning.
    let server = MockServer::builder().start().await;
    answer_then(&server, codat_error(404), 1, ok_token()).await;
    let (captured, _guard) = support::capture_logs(tracing::Level::WARN);
    let codat = builder(&server.uri(), &timer).build().unwrap();
    get(&codat).await.unwrap_err();
    drop(_guard);
    assert!(!captured.text().contains("WARN"), "{}", captured.text());
}

/// A listener on 127.0.0.1 whose accept queue is full and never drained: a new connection's
/// handshake gets no answer, so connecting times out, with nothing sent.
struct FullBacklog {
    url: String,
    _listener: tokio::net::TcpListener,
    _queued: Vec<std::net::TcpStream>,
}

impl FullBacklog {
    fn start() -> FullBacklog {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let listener = socket.listen(1).unwrap();
        let addr = listener.local_addr().unwrap();
        // Fill the queue: each of these completes its handshake and waits to be accepted.
        let mut queued = Vec::new();
        for _ in 0..8 {
            match std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(100)) {
                Ok(stream) => queued.push(stream),
                Err(_) => break,
            }
        }
        FullBacklog {
            url: format!("http://{addr}"),
            _listener: listener,
            _queued: queued,
        }
    }
}

/// A port on 127.0.0.1 with nothing listening: connecting is refused at once.
fn refused_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    url
}

#[tokio::test]
async fn a_post_whose_connect_times_out_is_retried_since_nothing_was_sent() {
    let server = FullBacklog::start();
    let timer = VirtualTimer::new();
    let codat = builder(&server.url, &timer)
        .connect_timeout(Duration::from_millis(100))
        .retry_policy(RetryPolicy::default().max_attempts(3))
        .build()
        .unwrap();
    let err = tokio::time::timeout(Duration::from_secs(10), Refresh(&codat).all(COMPANY))
        .await
        .expect("bounded by the connect timeout")
        .unwrap_err();
    assert!(err.is_connect_failure(), "{err:?}");
    assert_eq!(timer.sleeps().len(), 2, "{err:?}: both retries made");
}

#[tokio::test]
async fn a_post_whose_connection_is_refused_is_retried() {
    let timer = VirtualTimer::new();
    let codat = builder(&refused_url(), &timer)
        .retry_policy(RetryPolicy::default().max_attempts(4))
        .build()
        .unwrap();
    let err = Refresh(&codat).all(COMPANY).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.is_connect_failure());
    assert_eq!(timer.sleeps().len(), 3);
}

#[tokio::test]
async fn a_post_that_may_have_been_acted_on_is_repeated_since_its_key_makes_that_safe() {
    // The connection drops after the request went out, or no answer comes in time.
    for fault in [Fault::Close, Fault::Silence] {
        let server = FaultServer::start(vec![fault]).await;
        let timer = VirtualTimer::new();
        let codat = builder(&server.url, &timer)
            .timeout(Duration::from_millis(200))
            .retry_policy(RetryPolicy::default().max_attempts(3))
            .build()
            .unwrap();
        let err = Refresh(&codat).all(COMPANY).await.unwrap_err();
        assert!(!err.is_connect_failure(), "{fault:?}: {err:?}");
        assert_eq!(server.connections(), 3, "{fault:?}: {err:?}");
        let key = err.idempotency_key().expect("the error names the key");
        assert!(err.to_string().contains(key), "{fault:?}: {err}");
    }
    // A 2xx came: the write was done. An operation that returns nothing does not read the
    // body, so a body cut short does not turn that success into an error.
    let server = FaultServer::start(vec![Fault::CloseMidBody]).await;
    let timer = VirtualTimer::new();
    let codat = builder(&server.url, &timer).build().unwrap();
    Refresh(&codat).all(COMPANY).await.unwrap();
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn a_post_that_got_503_is_repeated_with_or_without_retry_after() {
    let server = MockServer::builder().start().await;
    refuse_once_then_accept(&server, codat_error(503)).await;
    let timer = VirtualTimer::new();
    let codat = builder(&server.uri(), &timer).build().unwrap();
    Refresh(&codat).all(COMPANY).await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    assert_eq!(timer.sleeps().len(), 1);

    refuse_once_then_accept(&server, codat_error(503).insert_header("retry-after", "3")).await;
    Refresh(&codat).all(COMPANY).await.unwrap();
    let keys = sent_keys(&server).await;
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1]);
    assert_eq!(timer.sleeps().last(), Some(&Duration::from_secs(3)));
}

#[tokio::test]
async fn a_retry_after_too_large_for_a_number_waits_the_longest_wait() {
    let server = MockServer::builder().start().await;
    let huge = codat_error(503).insert_header("retry-after", "184467440737095516160");
    answer_then(&server, huge, 1, ok_token()).await;
    let timer = VirtualTimer::new();
    let codat = builder(&server.uri(), &timer)
        .retry_policy(RetryPolicy::default().max_interval(Duration::from_secs(7)))
        .build()
        .unwrap();
    assert_eq!(get(&codat).await.unwrap().as_deref(), Some("tok"));
    assert_eq!(timer.sleeps(), vec![Duration::from_secs(7)]);
}

#[tokio::test]
async fn a_retry_whose_wait_would_pass_the_total_timeout_does_not_start() {
    let server = MockServer::builder().start().await;
    answer_then(
        &server,
        codat_error(503).insert_header("retry-after", "30"),
        1,
        ok_token(),
    )
    .await;
    let timer = VirtualTimer::new();
    let codat = builder(&server.uri(), &timer)
        .total_timeout(Some(Duration::from_secs(5)))
        .build()
        .unwrap();
    let err = get(&codat).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
    assert!(timer.sleeps().is_empty(), "no wait started");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn limits_too_large_to_add_mean_no_limit_not_a_panic() {
    let server = MockServer::builder().start().await;
    answer_then(
        &server,
        codat_error(429).insert_header("retry-after", "99999999999999999999"),
        1,
        ok_token(),
    )
    .await;
    let timer = VirtualTimer::new();
    let codat = builder(&server.uri(), &timer)
        .timeout(Duration::MAX)
        .total_timeout(Some(Duration::MAX))
        .retry_policy(
            RetryPolicy::default()
                .max_interval(Duration::MAX)
                .max_elapsed(Duration::MAX),
        )
        .build()
        .unwrap();
    assert_eq!(get(&codat).await.unwrap().as_deref(), Some("tok"));
    assert_eq!(timer.sleeps(), vec![Duration::MAX]);
}

#[tokio::test]
async fn with_the_call_span_filtered_out_the_callers_span_gets_no_call_fields() {
    use tracing::Instrument;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::Layer;

    let server = MockServer::builder().start().await;
    answer_then(&server, codat_error(503), 1, ok_token()).await;
    let captured = Captured::default();
    let writer = captured.clone();
    let layer = tracing_subscriber::fmt::layer()
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_filter(tracing_subscriber::filter::filter_fn(|meta| {
            meta.name() != "codat.call"
        }));
    let subscriber = tracing_subscriber::registry().with(layer);
    let _guard = tracing::subscriber::set_default(subscriber);
    let timer = VirtualTimer::new();
    let codat = builder(&server.uri(), &timer).build().unwrap();
    // An application span that happens to have fields of the same names.
    let app = tracing::info_span!(
        "app.request",
        attempt = tracing::field::Empty,
        status = tracing::field::Empty
    );
    get(&codat).instrument(app).await.unwrap();
    drop(_guard);
    let log = captured.text();
    assert!(!log.contains("codat.call"), "{log}");
    let closed: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("app.request") && line.contains(" close "))
        .collect();
    assert_eq!(closed.len(), 1, "{log}");
    assert!(
        !closed[0].contains("attempt=") && !closed[0].contains("status="),
        "{}",
        closed[0]
    );
}
