//! Waiting for Codat's background work over a loopback server that moves an operation through
//! its states poll by poll, with the virtual timer (nothing really sleeps): completion with
//! the changes streamed, failure, the deadline, 429 and 503 on the way, a 404 at once,
//! cancellation, a status the client does not know, an exhausted rate limit, and the
//! Platform adapters (pulls, several pulls, pushes, a connection being linked). The grace for a
//! pull just queued is tested in codat-client's own tests (platform/waiting.rs).

use crate::support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use codat_client::models::refresh_data::{DataType, DatasetStatus, PullOperation};
use codat_client::wait::{State, Status, WaitOptions, Watch};
use codat_client::{Codat, CodatBuilder, Error, RetryPolicy};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::{json, Value};
use support::VirtualTimer;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const COMPANY: &str = "8a210b68-6988-11ed-a1eb-0242ac120002";
const DATASET: &str = "943accd0-4247-42d8-865b-363c8629e1da";
const PULL_PATH: &str =
    "/companies/8a210b68-6988-11ed-a1eb-0242ac120002/data/history/943accd0-4247-42d8-865b-363c8629e1da";

fn pull(status: &str, progress: i64) -> Value {
    json!({
        "id": DATASET,
        "companyId": COMPANY,
        "connectionId": "2e9d2c44-f675-40ba-8049-353bfcb5e171",
        "dataType": "invoices",
        "status": status,
        "requested": "2024-05-01T10:00:00Z",
        "progress": progress,
        "isCompleted": status == "Complete",
        "isErrored": status.ends_with("Error"),
        "errorMessage": if status.ends_with("Error") { json!("the accounting software refused the token") } else { Value::Null },
    })
}

/// `Basic` and the test key in base64.
const AUTH: &str = "Basic d2FpdC10ZXN0LWtleQ==";

/// A server whose `route` answers the n-th GET with `script[n]` (the last repeats).
async fn scripted(route: &str, script: Vec<ResponseTemplate>) -> (MockServer, Arc<AtomicUsize>) {
    codat_product_tests::scripted_responses(AUTH, "GET", route, script).await
}

fn ok(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

fn client(server: &MockServer, timer: &Arc<VirtualTimer>) -> Codat {
    builder(server, timer).build().unwrap()
}

/// The settings of [`client`], for a test that adds its own.
fn builder(server: &MockServer, timer: &Arc<VirtualTimer>) -> CodatBuilder {
    Codat::builder()
        .api_key("wait-test-key")
        .base_url(server.uri())
        .retry_policy(RetryPolicy::disabled())
        .timer(timer.clone())
}

/// A pull whose first poll says none are left in a window that resets at `reset`, then is
/// complete; with the count of polls answered.
async fn queued_with_none_left_until(reset: &str) -> (MockServer, Arc<AtomicUsize>) {
    scripted(
        PULL_PATH,
        vec![
            ok(pull("Queued", 0))
                .insert_header("x-rate-limit-remaining", "0")
                .insert_header("x-rate-limit-reset", reset),
            ok(pull("Complete", 100)),
        ],
    )
    .await
}

/// No jitter, so the waits can be compared exactly.
fn exact() -> WaitOptions {
    WaitOptions::new().jitter(0.0)
}

fn secs(waits: &[Duration]) -> Vec<f64> {
    waits.iter().map(Duration::as_secs_f64).collect()
}

async fn within<T>(work: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), work)
        .await
        .expect("finished within 20 s")
}

/// Waits for the dataset's pull to end exactly, within 20 s.
async fn pulled(codat: &Codat) -> Result<PullOperation, Error> {
    within(
        codat
            .refresh_data()
            .wait_for_pull(COMPANY, DATASET, exact())
            .finish(),
    )
    .await
}

#[tokio::test]
async fn a_pull_that_completes_streams_each_change_once() {
    let (server, polls) = scripted(
        PULL_PATH,
        vec![
            ok(pull("Queued", 0)),
            ok(pull("Queued", 0)),
            ok(pull("Fetching", 40)),
            ok(pull("Fetching", 40)),
            ok(pull("Complete", 100)),
        ],
    )
    .await;
    let timer = VirtualTimer::new();
    let codat = client(&server, &timer);
    let seen: Vec<PullOperation> = within(
        codat
            .refresh_data()
            .wait_for_pull(COMPANY, DATASET, exact())
            .try_collect(),
    )
    .await
    .unwrap();
    let statuses: Vec<(String, i64)> = seen
        .iter()
        .map(|p| (p.status.to_string(), p.progress))
        .collect();
    assert_eq!(
        statuses,
        [
            ("Queued".into(), 0),
            ("Fetching".into(), 40),
            ("Complete".into(), 100)
        ]
    );
    assert_eq!(polls.load(Ordering::SeqCst), 5);
    // At once, then 1 s growing by 1.5.
    assert_eq!(secs(&timer.sleeps()), [1.0, 1.5, 2.25, 3.375]);

    // `finish` gives the final status alone.
    let (server, _) = scripted(
        PULL_PATH,
        vec![ok(pull("Mapping", 80)), ok(pull("Complete", 100))],
    )
    .await;
    let codat = client(&server, &VirtualTimer::new());
    let done = pulled(&codat).await.unwrap();
    assert_eq!(done.status, DatasetStatus::Complete);
}

#[tokio::test]
async fn a_failed_pull_is_an_error_with_its_status_and_message() {
    let (server, polls) = scripted(
        PULL_PATH,
        vec![
            ok(pull("Fetching", 10)),
            ok(pull("FetchError", 10)),
            ok(pull("Complete", 100)),
        ],
    )
    .await;
    let codat = client(&server, &VirtualTimer::new());
    let items: Vec<Result<PullOperation, Error>> = within(
        codat
            .refresh_data()
            .wait_for_pull(COMPANY, DATASET, exact())
            .collect(),
    )
    .await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(items[1].as_ref().unwrap().status, DatasetStatus::FetchError);
    match &items[2] {
        Err(Error::OperationFailed { status, message }) => {
            assert_eq!(status, "invoices FetchError");
            assert_eq!(
                message.as_deref(),
                Some("the accounting software refused the token")
            );
        }
        other => panic!("{other:?}"),
    }
    let shown = items[2].as_ref().unwrap_err().to_string();
    assert!(
        shown.contains("FetchError") && shown.contains("refused the token"),
        "{shown}"
    );
    // Nothing is polled after the failure.
    assert_eq!(polls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn an_operation_that_never_ends_stops_at_the_deadline() {
    let (server, polls) = scripted(PULL_PATH, vec![ok(pull("Fetching", 50))]).await;
    let timer = VirtualTimer::new();
    let codat = client(&server, &timer);
    let options = exact()
        .initial_interval(Duration::from_secs(1))
        .multiplier(2.0)
        .max_interval(Duration::from_secs(4))
        .timeout(Duration::from_secs(10));
    let error = within(
        codat
            .refresh_data()
            .wait_for_pull(COMPANY, DATASET, options)
            .finish(),
    )
    .await
    .unwrap_err();
    match &error {
        Error::WaitTimedOut {
            waited,
            status,
            last_error,
        } => {
            assert_eq!(*waited, Duration::from_secs(9));
            assert_eq!(status.as_deref(), Some("invoices Fetching"));
            assert!(last_error.is_none());
        }
        other => panic!("{other:?}"),
    }
    // 1, 2, 4, then 2 of the 3 s left: the last poll leaves itself the first interval (1 s)
    // to be answered before the deadline, and there is no room for another.
    assert_eq!(secs(&timer.sleeps()), [1.0, 2.0, 4.0, 2.0]);
    assert_eq!(polls.load(Ordering::SeqCst), 5);
    assert!(error.to_string().contains("invoices Fetching"), "{error}");
}

#[tokio::test]
async fn rate_limits_and_server_errors_on_the_way_are_waited_out() {
    let (server, polls) = scripted(
        PULL_PATH,
        vec![
            ok(pull("Queued", 0)),
            ResponseTemplate::new(429)
                .insert_header("retry-after", "7")
                .set_body_json(json!({"statusCode": 429, "error": "Too many requests", "correlationId": "c-429"})),
            ResponseTemplate::new(503).set_body_string("<html>busy</html>"),
            ok(pull("Complete", 100)),
        ],
    )
    .await;
    let timer = VirtualTimer::new();
    let codat = client(&server, &timer);
    let done = pulled(&codat).await.unwrap();
    assert_eq!(done.status, DatasetStatus::Complete);
    assert_eq!(polls.load(Ordering::SeqCst), 4);
    // The 429's Retry-After (7 s) outweighs the 1.5 s the backoff had reached.
    assert_eq!(secs(&timer.sleeps()), [1.0, 7.0, 2.25]);
}

#[tokio::test]
async fn a_deadline_reached_through_errors_keeps_the_last_one() {
    let (server, _) = scripted(
        PULL_PATH,
        vec![ResponseTemplate::new(503).set_body_string("down for maintenance")],
    )
    .await;
    let codat = client(&server, &VirtualTimer::new());
    let options = exact().timeout(Duration::from_secs(5));
    let error = within(
        codat
            .refresh_data()
            .wait_for_pull(COMPANY, DATASET, options)
            .finish(),
    )
    .await
    .unwrap_err();
    let Error::WaitTimedOut {
        status, last_error, ..
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(*status, None);
    assert_eq!(last_error.as_ref().and_then(|e| e.status()), Some(503));
    assert!(
        error
            .to_string()
            .contains("; last status: none read; the last poll failed: "),
        "{error}"
    );
    assert!(std::error::Error::source(&error).is_some());
}

#[tokio::test]
async fn an_operation_that_does_not_exist_fails_at_once() {
    let (server, polls) = scripted(
        PULL_PATH,
        vec![ResponseTemplate::new(404).set_body_json(json!({
            "statusCode": 404, "service": "PublicApi", "error": "Dataset not found",
            "correlationId": "c-404", "canBeRetried": "Unknown", "detailedErrorCode": 0
        }))],
    )
    .await;
    let timer = VirtualTimer::new();
    let codat = client(&server, &timer);
    let error = pulled(&codat).await.unwrap_err();
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.correlation_id(), Some("c-404"));
    assert_eq!(polls.load(Ordering::SeqCst), 1);
    assert!(timer.sleeps().is_empty());
}

#[tokio::test]
async fn dropping_the_watch_stops_polling() {
    let (server, polls) = scripted(
        PULL_PATH,
        vec![ok(pull("Queued", 0)), ok(pull("Fetching", 5))],
    )
    .await;
    let codat = client(&server, &VirtualTimer::new());
    let mut watch = codat
        .refresh_data()
        .wait_for_pull(COMPANY, DATASET, exact());
    let first = within(watch.next()).await.unwrap().unwrap();
    assert_eq!(first.status, DatasetStatus::Queued);
    drop(watch);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(polls.load(Ordering::SeqCst), 1);

    // A wait abandoned by a timeout around it stops too.
    let (server, polls) = scripted(PULL_PATH, vec![ok(pull("Fetching", 5))]).await;
    let slow = WaitOptions::new().timeout(Duration::MAX);
    let abandoned = tokio::time::timeout(
        Duration::from_millis(300),
        // Real sleeps here: the default timer.
        Codat::builder()
            .api_key("wait-test-key")
            .base_url(server.uri())
            .build()
            .unwrap()
            .refresh_data()
            .wait_for_pull(COMPANY, DATASET, slow)
            .finish(),
    )
    .await;
    assert!(abandoned.is_err());
    let asked = polls.load(Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(polls.load(Ordering::SeqCst), asked);
}

#[tokio::test]
async fn a_read_that_cannot_be_queued_fails_before_any_wait() {
    let server = MockServer::builder().start().await;
    Mock::given(method("POST"))
        .and(path(format!("/companies/{COMPANY}/data/queue/invoices")))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "statusCode": 404, "service": "PublicApi", "error": "Company not found",
            "correlationId": "c-q404", "canBeRetried": "Unknown", "detailedErrorCode": 0
        })))
        .mount(&server)
        .await;
    let timer = VirtualTimer::new();
    let codat = client(&server, &timer);
    let error = within(codat.refresh_data().refresh_and_watch(
        COMPANY,
        &[DataType::Invoices],
        exact(),
    ))
    .await
    .unwrap_err();
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.correlation_id(), Some("c-q404"));
    assert!(timer.sleeps().is_empty());
}

#[tokio::test]
async fn a_status_the_client_does_not_know_is_reported_and_waited_past() {
    let (server, _) = scripted(
        PULL_PATH,
        vec![ok(pull("Teleporting", 20)), ok(pull("Complete", 100))],
    )
    .await;
    let codat = client(&server, &VirtualTimer::new());
    let seen: Vec<PullOperation> = within(
        codat
            .refresh_data()
            .wait_for_pull(COMPANY, DATASET, exact())
            .try_collect(),
    )
    .await
    .unwrap();
    assert_eq!(
        seen[0].status,
        DatasetStatus::Unrecognized("Teleporting".into())
    );
    assert_eq!(seen[0].state(), None);
    assert_eq!(seen[1].state(), Some(State::Succeeded));

    // Unknown until the deadline: the error names it; never a success.
    let (server, _) = scripted(PULL_PATH, vec![ok(pull("Teleporting", 20))]).await;
    let codat = client(&server, &VirtualTimer::new());
    let error = within(
        codat
            .refresh_data()
            .wait_for_pull(COMPANY, DATASET, exact().timeout(Duration::from_secs(3)))
            .finish(),
    )
    .await
    .unwrap_err();
    assert!(error.to_string().contains("Teleporting"), "{error}");
}

#[tokio::test]
async fn an_exhausted_rate_limit_slows_polling_to_the_longest_wait() {
    let (server, _) = scripted(
        PULL_PATH,
        vec![
            ok(pull("Queued", 0)).insert_header("x-rate-limit-remaining", "0"),
            ok(pull("Complete", 100)),
        ],
    )
    .await;
    let timer = VirtualTimer::new();
    let codat = client(&server, &timer);
    pulled(&codat).await.unwrap();
    assert_eq!(secs(&timer.sleeps()), [30.0]);
}

#[tokio::test]
async fn several_pulls_are_queued_and_watched_together() {
    let server = MockServer::builder().start().await;
    for (data_type, id) in [("invoices", "p-1"), ("bills", "p-2")] {
        Mock::given(method("POST"))
            .and(path(format!("/companies/{COMPANY}/data/queue/{data_type}")))
            .respond_with(ok({
                let mut p = pull("Initial", 0);
                p["id"] = json!(id);
                p["dataType"] = json!(data_type);
                p
            }))
            .expect(1)
            .mount(&server)
            .await;
        let polls = Arc::new(AtomicUsize::new(0));
        Mock::given(method("GET"))
            .and(path(format!("/companies/{COMPANY}/data/history/{id}")))
            .respond_with(move |_: &Request| {
                let n = polls.fetch_add(1, Ordering::SeqCst);
                // The bills pull finishes later than the invoices one.
                let (status, progress) = match (id, n) {
                    ("p-1", 0) => ("Fetching", 50),
                    ("p-1", _) => ("Complete", 100),
                    (_, 0 | 1) => ("Mapping", 60),
                    _ => ("Complete", 100),
                };
                let mut p = pull(status, progress);
                p["id"] = json!(id);
                p["dataType"] = json!(if id == "p-1" { "invoices" } else { "bills" });
                ResponseTemplate::new(200).set_body_json(p)
            })
            .mount(&server)
            .await;
    }
    let codat = client(&server, &VirtualTimer::new());
    let types = [DataType::Invoices, DataType::Bills];
    let progress: Vec<(i64, usize)> = within(
        codat
            .refresh_data()
            .refresh_and_watch(COMPANY, &types, exact())
            .await
            .unwrap()
            .map(|p| (p.progress(), p.ended()))
            .try_collect(),
    )
    .await
    .unwrap();
    assert_eq!(progress, [(55, 0), (80, 1), (100, 2)]);
}

#[tokio::test]
async fn one_failed_pull_of_several_fails_the_group_after_all_end() {
    let server = MockServer::builder().start().await;
    for (data_type, id, end) in [
        ("invoices", "p-1", "Complete"),
        ("bills", "p-2", "AuthError"),
    ] {
        let mut queued = pull("Queued", 0);
        queued["id"] = json!(id);
        Mock::given(method("POST"))
            .and(path(format!("/companies/{COMPANY}/data/queue/{data_type}")))
            .respond_with(ok(queued))
            .mount(&server)
            .await;
        let mut ended = pull(end, 100);
        ended["id"] = json!(id);
        ended["dataType"] = json!(data_type);
        Mock::given(method("GET"))
            .and(path(format!("/companies/{COMPANY}/data/history/{id}")))
            .respond_with(ok(ended))
            .mount(&server)
            .await;
    }
    let codat = client(&server, &VirtualTimer::new());
    let types = [DataType::Invoices, DataType::Bills];
    let watch = within(
        codat
            .refresh_data()
            .refresh_and_watch(COMPANY, &types, exact()),
    )
    .await
    .unwrap();
    let error = within(watch.finish()).await.unwrap_err();
    match error {
        Error::OperationFailed { status, message } => {
            assert_eq!(status, "invoices Complete, bills AuthError");
            assert_eq!(
                message.as_deref(),
                Some("bills AuthError: the accounting software refused the token")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_push_and_a_connection_are_waited_for() {
    let key = "97d60846-f07a-4d42-b5a0-0bdcc6ebf56b";
    let push = |status: &str| {
        ok(json!({
            "companyId": COMPANY, "pushOperationKey": key,
            "dataConnectionKey": "2e9d2c44-f675-40ba-8049-353bfcb5e171",
            "requestedOnUtc": "2024-05-01T10:00:00Z", "status": status, "statusCode": 200,
            "errorMessage": if status == "Failed" { json!("the supplier is archived") } else { Value::Null },
        }))
    };
    let route = format!("/companies/{COMPANY}/push/{key}");
    let (server, _) = scripted(&route, vec![push("Pending"), push("Success")]).await;
    let codat = client(&server, &VirtualTimer::new());
    let done = within(
        codat
            .push_data()
            .wait_for_push(COMPANY, key, exact())
            .finish(),
    )
    .await
    .unwrap();
    assert_eq!(done.label(), "Success");

    let (server, _) = scripted(&route, vec![push("Pending"), push("Failed")]).await;
    let codat = client(&server, &VirtualTimer::new());
    let error = within(
        codat
            .push_data()
            .wait_for_push(COMPANY, key, exact())
            .finish(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, Error::OperationFailed { status, message: Some(m) } if status == "Failed" && m == "the supplier is archived"),
        "{error:?}"
    );

    let connection = |status: &str| {
        ok(json!({
            "id": "2e9d2c44-f675-40ba-8049-353bfcb5e171", "integrationId": "bf083d72",
            "sourceId": "56e6575a", "sourceType": "Accounting", "platformName": "Xero",
            "linkUrl": "https://link.codat.io/x", "status": status, "created": "2024-05-01T10:00:00Z"
        }))
    };
    let route = format!("/companies/{COMPANY}/connections/2e9d2c44-f675-40ba-8049-353bfcb5e171");
    let (server, polls) = scripted(
        &route,
        vec![
            connection("PendingAuth"),
            connection("PendingAuth"),
            connection("Linked"),
        ],
    )
    .await;
    let codat = client(&server, &VirtualTimer::new());
    let seen: Vec<String> = within(
        codat
            .connections()
            .wait_until_linked(COMPANY, "2e9d2c44-f675-40ba-8049-353bfcb5e171", exact())
            .map(|c| c.label())
            .try_collect(),
    )
    .await
    .unwrap();
    assert_eq!(seen, ["PendingAuth", "Linked"]);
    assert_eq!(polls.load(Ordering::SeqCst), 3);

    let (server, _) = scripted(&route, vec![connection("Deauthorized")]).await;
    let codat = client(&server, &VirtualTimer::new());
    let error = within(
        codat
            .connections()
            .wait_until_linked(COMPANY, "2e9d2c44-f675-40ba-8049-353bfcb5e171", exact())
            .finish(),
    )
    .await
    .unwrap_err();
    // A connection has no message of its own: none is made up.
    assert!(
        matches!(&error, Error::OperationFailed { status, message: None } if status == "Deauthorized"),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_company_data_status_is_watched_until_nothing_runs() {
    let status = |invoices: &str, bills: &str| {
        ok(json!({
            "invoices": {"dataType": "invoices", "currentStatus": invoices, "lastSuccessfulSync": "2024-05-01T10:00:00Z"},
            "bills": {"dataType": "bills", "currentStatus": bills},
            "customers": null
        }))
    };
    let route = format!("/companies/{COMPANY}/dataStatus");
    let (server, _) = scripted(
        &route,
        vec![
            status("Queued", "Fetching"),
            status("Complete", "Fetching"),
            status("Complete", "Complete"),
        ],
    )
    .await;
    let codat = client(&server, &VirtualTimer::new());
    let labels: Vec<String> = within(
        codat
            .refresh_data()
            .wait_for_data_status(COMPANY, exact())
            .map(|s| s.label())
            .try_collect(),
    )
    .await
    .unwrap();
    assert_eq!(
        labels,
        [
            "bills Fetching, invoices Queued",
            "bills Fetching, invoices Complete",
            "bills Complete, invoices Complete"
        ]
    );
}

#[tokio::test]
async fn a_data_type_whose_read_failed_fails_the_company_data_status() {
    let status = |bills: &str| {
        ok(json!({
            "invoices": {"dataType": "invoices", "currentStatus": "Complete"},
            "bills": {"dataType": "bills", "currentStatus": bills},
        }))
    };
    let route = format!("/companies/{COMPANY}/dataStatus");
    let (server, _) = scripted(&route, vec![status("Fetching"), status("FetchError")]).await;
    let codat = client(&server, &VirtualTimer::new());
    let error = within(
        codat
            .refresh_data()
            .wait_for_data_status(COMPANY, exact())
            .finish(),
    )
    .await
    .unwrap_err();
    match error {
        Error::OperationFailed { status, message } => {
            assert_eq!(status, "bills FetchError, invoices Complete");
            assert_eq!(message.as_deref(), Some("bills FetchError"));
        }
        other => panic!("{other:?}"),
    }

    // All complete: no failure message is made up for a success.
    let (server, _) = scripted(&route, vec![status("Complete")]).await;
    let codat = client(&server, &VirtualTimer::new());
    let done = within(
        codat
            .refresh_data()
            .wait_for_data_status(COMPANY, exact())
            .finish(),
    )
    .await
    .unwrap();
    assert_eq!(done.failure_message(), None);
}

/// A status for watches over a poll written in the test: `Running` or `Done`.
#[derive(Clone, Debug, PartialEq)]
struct Step(&'static str);

impl Status for Step {
    fn state(&self) -> Option<State> {
        Some(if self.0 == "Done" {
            State::Succeeded
        } else {
            State::Running
        })
    }

    fn label(&self) -> String {
        self.0.to_owned()
    }
}

/// A client for watches whose polls never call it.
fn offline(timer: &Arc<VirtualTimer>) -> Codat {
    Codat::builder()
        .api_key("wait-test-key")
        .base_url("http://127.0.0.1:9")
        .timer(timer.clone())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_slow_poll_is_cut_at_the_deadline() {
    // The second answer would come after 30 s; the wait allows 400 ms in all.
    let (server, polls) = scripted(
        PULL_PATH,
        vec![
            ok(pull("Queued", 0)),
            ok(pull("Fetching", 10)).set_delay(Duration::from_secs(30)),
        ],
    )
    .await;
    // The real clock and a real slow answer.
    let codat = Codat::builder()
        .api_key("wait-test-key")
        .base_url(server.uri())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let options = exact()
        .initial_interval(Duration::from_millis(50))
        .timeout(Duration::from_millis(400));
    let started = std::time::Instant::now();
    let error = tokio::time::timeout(
        Duration::from_secs(5),
        codat
            .refresh_data()
            .wait_for_pull(COMPANY, DATASET, options)
            .finish(),
    )
    .await
    .expect("the deadline ended the wait, not the slow answer")
    .unwrap_err();
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(400) && took < Duration::from_secs(3),
        "{took:?}"
    );
    let Error::WaitTimedOut {
        waited,
        status,
        last_error,
    } = &error
    else {
        panic!("{error:?}");
    };
    assert!(*waited >= Duration::from_millis(400), "{waited:?}");
    assert_eq!(status.as_deref(), Some("invoices Queued"));
    assert!(last_error.is_none(), "{last_error:?}");
    assert_eq!(polls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_poll_cut_at_the_deadline_counts_the_whole_timeout_as_waited() {
    // With the virtual clock the cut poll's own time is not on the clock: the wait still
    // says it lasted its whole timeout.
    let timer = VirtualTimer::new();
    let codat = offline(&timer);
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let options = exact()
        .initial_interval(Duration::from_millis(100))
        .timeout(Duration::from_millis(300));
    let error = within(
        codat_client::wait::watch(&codat, options, move || {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            async move {
                if n > 0 {
                    std::future::pending::<()>().await;
                }
                Ok(Step("Running"))
            }
        })
        .finish(),
    )
    .await
    .unwrap_err();
    let Error::WaitTimedOut { waited, status, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(*waited, Duration::from_millis(300));
    assert_eq!(status.as_deref(), Some("Running"));
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(secs(&timer.sleeps()), [0.1]);
}

#[tokio::test]
async fn a_watch_clock_starts_at_its_first_poll() {
    let (server, _) = scripted(
        PULL_PATH,
        vec![ok(pull("Queued", 0)), ok(pull("Complete", 100))],
    )
    .await;
    let timer = VirtualTimer::new();
    let codat = client(&server, &timer);
    let watch = codat.refresh_data().wait_for_pull(
        COMPANY,
        DATASET,
        exact().timeout(Duration::from_secs(5)),
    );
    // A minute passes between making the watch and polling it.
    codat_client::Timer::sleep(&*timer, Duration::from_secs(60)).await;
    let done = within(watch.finish()).await.unwrap();
    assert_eq!(done.status, DatasetStatus::Complete);
    assert_eq!(secs(&timer.sleeps()), [60.0, 1.0]);
}

/// A watch over polls that always answer `Running`, counting them.
async fn always_running(timer: &Arc<VirtualTimer>, options: WaitOptions) -> (Error, usize) {
    let codat = offline(timer);
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let error = within(
        codat_client::wait::watch(&codat, options, move || {
            counter.fetch_add(1, Ordering::SeqCst);
            async { Ok(Step("Running")) }
        })
        .finish(),
    )
    .await
    .unwrap_err();
    (error, calls.load(Ordering::SeqCst))
}

#[tokio::test]
async fn a_wait_that_would_end_on_the_deadline_less_the_first_interval_is_the_last() {
    let timer = VirtualTimer::new();
    let options = exact()
        .initial_interval(Duration::from_secs(1))
        .multiplier(2.0)
        .max_interval(Duration::from_secs(4))
        .timeout(Duration::from_secs(8));
    let (error, polls) = always_running(&timer, options).await;
    // At 3 s the next wait (4 s) ends 1 s before the deadline, just the time the last poll
    // is given: it is the last.
    assert_eq!(secs(&timer.sleeps()), [1.0, 2.0, 4.0]);
    assert_eq!(polls, 4);
    assert!(
        matches!(&error, Error::WaitTimedOut { waited, .. } if *waited == Duration::from_secs(7)),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_poll_answered_after_the_deadline_ends_the_wait_without_another() {
    // The poll itself moves the virtual clock past the deadline.
    let timer = VirtualTimer::new();
    let codat = offline(&timer);
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let clock = timer.clone();
    let error = within(
        codat_client::wait::watch(&codat, exact().timeout(Duration::from_secs(5)), move || {
            counter.fetch_add(1, Ordering::SeqCst);
            let slow = codat_client::Timer::sleep(&*clock, Duration::from_secs(10));
            async move {
                slow.await;
                Ok(Step("Running"))
            }
        })
        .finish(),
    )
    .await
    .unwrap_err();
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let Error::WaitTimedOut { waited, status, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(*waited, Duration::from_secs(10));
    assert_eq!(status.as_deref(), Some("Running"));
}

/// The waits of a pull watched to its end when the first answer says no requests remain in a
/// window that resets at `reset`.
async fn waits_after_none_left_until(reset: &str) -> Vec<f64> {
    let (server, _) = scripted(
        PULL_PATH,
        vec![
            ok(pull("Queued", 0))
                .insert_header("x-rate-limit-remaining", "0")
                .insert_header("x-rate-limit-reset", reset),
            ok(pull("Fetching", 50)),
            ok(pull("Complete", 100)),
        ],
    )
    .await;
    let timer = VirtualTimer::new();
    let codat = client(&server, &timer);
    pulled(&codat).await.unwrap();
    secs(&timer.sleeps())
}

#[tokio::test]
async fn a_rate_limit_reading_whose_reset_has_passed_no_longer_slows_polling() {
    // Only the first answer has the headers: none left, in a window that reset long ago.
    assert_eq!(
        waits_after_none_left_until("2015-01-01T00:00:00Z").await,
        [1.0, 1.5]
    );
}

#[tokio::test]
async fn a_hold_the_client_will_not_wait_but_the_watch_can_is_waited_out_by_the_watch() {
    // None left for 100 s, to a client that waits at most 1 s: the next poll fails with
    // RateLimited, and the watch, with minutes left, polls again once the hold has lifted.
    let (server, polls) = queued_with_none_left_until("100").await;
    let timer = VirtualTimer::new();
    let codat = builder(&server, &timer)
        .max_rate_limit_wait(Duration::from_secs(1))
        .build()
        .unwrap();
    let done = pulled(&codat).await.unwrap();
    assert_eq!(done.status, DatasetStatus::Complete);
    // Two answered polls; the one between them was held and never sent.
    assert_eq!(polls.load(Ordering::SeqCst), 2);
    let waits = secs(&timer.sleeps());
    assert_eq!(waits.len(), 2, "{waits:?}");
    // The longest interval while none are left, then the rest of the hold.
    assert_eq!(waits[0], 30.0);
    assert!(waits[1] > 69.0 && waits[1] <= 70.0, "{waits:?}");
}

#[tokio::test]
async fn a_window_that_resets_after_the_deadline_ends_the_wait_at_once() {
    // None left until 2999: the next poll is held past the watch's deadline.
    let (server, _) = queued_with_none_left_until("2999-01-01T00:00:00Z").await;
    let timer = VirtualTimer::new();
    let codat = client(&server, &timer);
    let error = pulled(&codat).await.unwrap_err();
    let Error::RateLimited { wait, .. } = &error else {
        panic!("{error:?}");
    };
    assert!(*wait > Duration::from_secs(86_400 * 365), "{wait:?}");
    // One wait of the longest interval after the first poll; the second was never sent.
    assert_eq!(secs(&timer.sleeps()), [30.0]);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

/// A watch as a service makes one: in a function that owns the client and the ids, returned
/// to the caller, who moves it to another task.
fn pull_watch(codat: Codat, company: String, dataset: String) -> Watch<'static, PullOperation> {
    codat
        .refresh_data()
        .wait_for_pull(&company, &dataset, exact())
}

#[tokio::test]
async fn a_watch_outlives_the_client_and_ids_it_was_made_from() {
    let (server, polls) = scripted(
        PULL_PATH,
        vec![ok(pull("Fetching", 40)), ok(pull("Complete", 100))],
    )
    .await;
    let watch = pull_watch(
        client(&server, &VirtualTimer::new()),
        COMPANY.to_owned(),
        DATASET.to_owned(),
    );
    let progress = tokio::spawn(watch.map(|pull| pull.progress).try_collect::<Vec<i64>>());
    assert_eq!(within(progress).await.unwrap().unwrap(), [40, 100]);
    assert_eq!(polls.load(Ordering::SeqCst), 2);
}
