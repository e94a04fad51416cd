//! Waiting for Spend Insights reports over loopback: a report started and followed until done
//! or failed (by the id Codat gave, or as `latest` when it gave none), a start refused or
//! retried, and an existing report followed by id and as `latest`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use codat_client::wait::{State, Status};
use codat_client::Error;
use codat_product_tests::{codat, no_waits, scripted, within, COMPANY};
use codat_spend_insights::manage_reports::ReportType;
use codat_spend_insights::models::ReportOperation;
use codat_spend_insights::{ReportId, SpendInsights};
use futures_util::TryStreamExt;
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const AUTH: &str = "Basic d2FpdC10ZXN0LWtleQ==";
const REPORT: &str = "6fb40d5e-b13e-11ed-afa1-0242ac120002";

fn report(status: &str) -> Value {
    json!({"id": REPORT, "type": "spendAnalysis", "status": status,
           "requestedDate": "2024-05-01T10:00:00Z",
           "errorMessage": if status == "Error" { json!("no bills in the period") } else { Value::Null }})
}

/// A server where POST starts a report with the n-th of `starts` and GET of its status at
/// `status_segment` answers the n-th of `statuses` (the last of each repeats); the counts are
/// of the requests each got.
async fn report_server(
    starts: Vec<(u16, Value)>,
    status_segment: &str,
    statuses: Vec<Value>,
) -> (MockServer, Arc<AtomicUsize>, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let (posts, gets) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    // Every status read is a GET without a key.
    Mock::given(method("GET"))
        .and(wiremock::matchers::header_exists("idempotency-key"))
        .respond_with(ResponseTemplate::new(418))
        .mount(&server)
        .await;
    let counter = posts.clone();
    Mock::given(method("POST"))
        .and(path(format!("/companies/{COMPANY}/reports/spendAnalysis")))
        .and(header("authorization", AUTH))
        .respond_with(move |request: &Request| {
            assert!(request.body.is_empty(), "a start sends nothing");
            let n = counter.fetch_add(1, Ordering::SeqCst);
            let (status, body) = &starts[n.min(starts.len() - 1)];
            ResponseTemplate::new(*status).set_body_json(body)
        })
        .mount(&server)
        .await;
    let counter = gets.clone();
    Mock::given(method("GET"))
        .and(path(format!(
            "/companies/{COMPANY}/reports/spendAnalysis/{status_segment}/status"
        )))
        .and(header("authorization", AUTH))
        .respond_with(move |request: &Request| {
            assert_eq!(request.url.query(), None);
            let n = counter.fetch_add(1, Ordering::SeqCst);
            ResponseTemplate::new(200).set_body_json(&statuses[n.min(statuses.len() - 1)])
        })
        .mount(&server)
        .await;
    (server, posts, gets)
}

fn spend(server: &MockServer) -> SpendInsights {
    SpendInsights::new(&codat("wait-test-key", server))
}

#[tokio::test]
async fn a_report_is_started_once_then_followed_by_its_id_until_complete() {
    let (server, posts, gets) = report_server(
        vec![(202, report("InProgress"))],
        REPORT,
        vec![
            report("InProgress"),
            report("InProgress"),
            report("Complete"),
        ],
    )
    .await;
    let spend = spend(&server);
    let watch =
        spend
            .manage_reports()
            .generate_and_wait(COMPANY, &ReportType::SpendAnalysis, no_waits());
    // Nothing is sent before the watch is polled.
    assert_eq!(posts.load(Ordering::SeqCst), 0);
    let seen: Vec<ReportOperation> = within(watch.try_collect()).await.unwrap();
    let labels: Vec<String> = seen.iter().map(Status::label).collect();
    // The start's own answer is the first status; unchanged statuses are not repeated.
    assert_eq!(labels, ["InProgress", "Complete"]);
    assert_eq!(seen.last().unwrap().state(), Some(State::Succeeded));
    assert_eq!(seen.last().unwrap().id.as_deref(), Some(REPORT));
    assert_eq!(posts.load(Ordering::SeqCst), 1, "started once");
    assert_eq!(gets.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_report_that_fails_ends_the_wait_with_its_message() {
    let (server, posts, gets) = report_server(
        vec![(202, report("InProgress"))],
        REPORT,
        vec![report("InProgress"), report("Error")],
    )
    .await;
    let error = within(
        spend(&server)
            .manage_reports()
            .generate_and_wait(COMPANY, &ReportType::SpendAnalysis, no_waits())
            .finish(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, Error::OperationFailed { status, message: Some(m) }
            if status == "Error" && m == "no bills in the period"),
        "{error:?}"
    );
    assert_eq!(posts.load(Ordering::SeqCst), 1);
    assert_eq!(gets.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_start_that_is_already_done_or_failed_ends_at_once() {
    let (server, _, gets) = report_server(
        vec![(202, report("Complete"))],
        REPORT,
        vec![report("Error")],
    )
    .await;
    let done = within(
        spend(&server)
            .manage_reports()
            .generate_and_wait(COMPANY, &ReportType::SpendAnalysis, no_waits())
            .finish(),
    )
    .await
    .unwrap();
    assert_eq!(done.label(), "Complete");
    assert_eq!(gets.load(Ordering::SeqCst), 0, "no status read");

    let (server, _, gets) = report_server(
        vec![(202, report("Error"))],
        REPORT,
        vec![report("Complete")],
    )
    .await;
    let error = within(
        spend(&server)
            .manage_reports()
            .generate_and_wait(COMPANY, &ReportType::SpendAnalysis, no_waits())
            .finish(),
    )
    .await
    .unwrap_err();
    assert!(matches!(&error, Error::OperationFailed { .. }), "{error:?}");
    assert_eq!(gets.load(Ordering::SeqCst), 0, "no status read");
}

#[tokio::test]
async fn a_start_without_an_id_is_followed_as_the_latest_report() {
    for start in [
        json!({"status": "InProgress", "type": "spendAnalysis"}),
        json!({"id": "not-a-uuid", "status": "InProgress"}),
    ] {
        let (server, _, gets) =
            report_server(vec![(202, start)], "latest", vec![report("Complete")]).await;
        let done = within(
            spend(&server)
                .manage_reports()
                .generate_and_wait(COMPANY, &ReportType::SpendAnalysis, no_waits())
                .finish(),
        )
        .await
        .unwrap();
        assert_eq!(done.id.as_deref(), Some(REPORT));
        assert_eq!(gets.load(Ordering::SeqCst), 1);
    }
}

#[tokio::test]
async fn a_start_refused_ends_the_wait_and_one_answered_503_is_asked_again() {
    let conflict = json!({"statusCode": 409, "error": "The dataset is still syncing",
                          "correlationId": "c-409"});
    let (server, posts, gets) =
        report_server(vec![(409, conflict)], REPORT, vec![report("Complete")]).await;
    let error = within(
        spend(&server)
            .manage_reports()
            .generate_and_wait(COMPANY, &ReportType::SpendAnalysis, no_waits())
            .finish(),
    )
    .await
    .unwrap_err();
    assert!(matches!(&error, Error::Api { .. }), "{error:?}");
    assert_eq!(error.status(), Some(409));
    assert_eq!(posts.load(Ordering::SeqCst), 1, "not asked again");
    assert_eq!(gets.load(Ordering::SeqCst), 0);

    let unavailable = json!({"statusCode": 503, "error": "Try again later"});
    let (server, posts, gets) = report_server(
        vec![(503, unavailable), (202, report("InProgress"))],
        REPORT,
        vec![report("Complete")],
    )
    .await;
    let done = within(
        spend(&server)
            .manage_reports()
            .generate_and_wait(COMPANY, &ReportType::SpendAnalysis, no_waits())
            .finish(),
    )
    .await
    .unwrap();
    assert_eq!(done.label(), "Complete");
    assert_eq!(posts.load(Ordering::SeqCst), 2, "started after the 503");
    assert_eq!(gets.load(Ordering::SeqCst), 1);
    // Both starts carry one key: had the first reached Codat, the second gets its answer.
    let keys: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.method.as_str() == "POST")
        .map(|r| {
            r.headers
                .get("idempotency-key")
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1]);
    assert!(uuid::Uuid::parse_str(&keys[0]).is_ok(), "{keys:?}");
    // Another watch starts with a key of its own.
    let (server, _, _) = report_server(vec![(202, report("Complete"))], REPORT, vec![]).await;
    let spend = spend(&server);
    for _ in 0..2 {
        within(
            spend
                .manage_reports()
                .generate_and_wait(COMPANY, &ReportType::SpendAnalysis, no_waits())
                .finish(),
        )
        .await
        .unwrap();
    }
    let keys: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.headers.get("idempotency-key").unwrap().clone())
        .collect();
    assert_eq!(keys.len(), 2);
    assert_ne!(keys[0], keys[1]);
}

#[tokio::test]
async fn an_existing_report_is_followed_by_id_and_as_latest() {
    for (id, segment) in [
        (ReportId::Id(REPORT.parse().unwrap()), REPORT),
        (ReportId::Latest, "latest"),
    ] {
        let path = format!("/companies/{COMPANY}/reports/spendAnalysis/{segment}/status");
        let (server, polls) = scripted(
            AUTH,
            "GET",
            &path,
            vec![
                (200, report("InProgress")),
                (200, report("InProgress")),
                (200, report("Complete")),
            ],
        )
        .await;
        let seen: Vec<String> = within(
            spend(&server)
                .manage_reports()
                .wait_for_report(COMPANY, &ReportType::SpendAnalysis, id, no_waits())
                .map(|r| r.label())
                .try_collect(),
        )
        .await
        .unwrap();
        assert_eq!(seen, ["InProgress", "Complete"]);
        assert_eq!(polls.load(Ordering::SeqCst), 3);
    }
}

#[tokio::test]
async fn a_status_this_crate_does_not_know_is_waited_through() {
    let path = format!("/companies/{COMPANY}/reports/spendAnalysis/latest/status");
    let (server, polls) = scripted(
        AUTH,
        "GET",
        &path,
        vec![
            (200, report("Queued")),
            (200, json!({"id": REPORT})),
            (200, report("Complete")),
        ],
    )
    .await;
    let seen: Vec<ReportOperation> = within(
        spend(&server)
            .manage_reports()
            .wait_for_report(
                COMPANY,
                &ReportType::SpendAnalysis,
                ReportId::Latest,
                no_waits(),
            )
            .try_collect(),
    )
    .await
    .unwrap();
    let labels: Vec<String> = seen.iter().map(Status::label).collect();
    assert_eq!(labels, ["Queued", "no status", "Complete"]);
    assert_eq!(seen[0].state(), None);
    assert_eq!(seen[1].state(), None);
    assert_eq!(polls.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_watch_outlives_the_handle_it_was_made_from() {
    let (server, _, _) = report_server(
        vec![(202, report("InProgress"))],
        REPORT,
        vec![report("Complete")],
    )
    .await;
    let watch = {
        let spend = spend(&server);
        let company = COMPANY.to_owned();
        spend
            .manage_reports()
            .generate_and_wait(&company, &ReportType::SpendAnalysis, no_waits())
    };
    let done = within(tokio::spawn(watch.finish())).await.unwrap().unwrap();
    assert_eq!(done.label(), "Complete");
}
