//! Waiting for Spend Insights reports over loopback: a report started and followed until done
//! or failed (by the id Codat gave, or as `latest` when it gave none), a start refused or
//! retried, and an existing report followed by id and as `latest`.

use codat_client::wait::{State, Status};
use codat_client::Error;
use codat_product_tests::{no_waits, within, COMPANY};
use codat_spend_insights::manage_reports::ReportType;
use codat_spend_insights::models::ReportOperation;
use codat_spend_insights::ReportId;
use codat_test::{MockCodat, Reply};
use futures_util::TryStreamExt;
use serde_json::{json, Value};

/// `Basic` and the tests' key in base64, worked out independently of the client.
const AUTH: &str = "Basic c3BlbmQtaW5zaWdodHMtdGVzdC1rZXk=";
const REPORT: &str = "6fb40d5e-b13e-11ed-afa1-0242ac120002";
const GENERATE: &str = "manage_reports::generate_report";
const STATUS: &str = "manage_reports::get_report_status";

fn report(status: &str) -> Value {
    json!({"id": REPORT, "type": "spendAnalysis", "status": status,
           "requestedDate": "2024-05-01T10:00:00Z",
           "errorMessage": if status == "Error" { json!("no bills in the period") } else { Value::Null }})
}

/// The report with each of `statuses`, in turn.
fn reports(statuses: &[&str]) -> Vec<Value> {
    statuses.iter().map(|status| report(status)).collect()
}

/// A mock where the n-th start of the test company's spend analysis report answers the n-th of
/// `starts` and the n-th read of its status at `status_segment` answers the n-th of `statuses`
/// (the last of each repeats). Only calls to exactly those paths with the test key are
/// answered (the mock knows an operation from its declaration, so a wrong template would
/// otherwise go unseen), a start only without a body, a status read only without a query or
/// an idempotency key; any other call fails the test.
async fn report_mock(
    starts: Vec<(u16, Value)>,
    status_segment: &str,
    statuses: Vec<Value>,
) -> MockCodat {
    let mock = MockCodat::start().await;
    let start_path = format!("/companies/{COMPANY}/reports/spendAnalysis");
    let status_path = format!("{start_path}/{status_segment}/status");
    // An empty list: the test expects no such call, so none is answered.
    if !starts.is_empty() {
        mock.on(GENERATE)
            .header("authorization", AUTH)
            .matching(move |call| call.path() == start_path && call.body().is_empty())
            .replies(
                starts
                    .iter()
                    .map(|(status, body)| Reply::json(*status, body)),
            );
    }
    if !statuses.is_empty() {
        mock.on(STATUS)
            .header("authorization", AUTH)
            .matching(move |call| {
                call.path() == status_path
                    && call.query_pairs().is_empty()
                    && call.header("idempotency-key").is_none()
            })
            .replies(statuses.iter().map(Reply::ok));
    }
    mock
}

/// How many starts and status reads `mock` got.
fn counts(mock: &MockCodat) -> (usize, usize) {
    (mock.calls_to(GENERATE).len(), mock.calls_to(STATUS).len())
}

use crate::spend;

/// A spend analysis report started on `mock` and waited for to its end.
async fn generate(mock: &MockCodat) -> Result<ReportOperation, Error> {
    let spend = spend(mock);
    let watch =
        spend
            .manage_reports()
            .generate_and_wait(COMPANY, &ReportType::SpendAnalysis, no_waits());
    within(watch.finish()).await
}

#[tokio::test]
async fn a_report_is_started_once_then_followed_by_its_id_until_complete() {
    let mock = report_mock(
        vec![(202, report("InProgress"))],
        REPORT,
        reports(&["InProgress", "InProgress", "Complete"]),
    )
    .await;
    let spend = spend(&mock);
    let reports = spend.manage_reports();
    let watch = reports.generate_and_wait(COMPANY, &ReportType::SpendAnalysis, no_waits());
    // Nothing is sent before the watch is polled.
    assert!(mock.calls().is_empty());
    let seen: Vec<ReportOperation> = within(watch.try_collect()).await.unwrap();
    let labels: Vec<String> = seen.iter().map(Status::label).collect();
    // The start's own answer is the first status; unchanged statuses are not repeated.
    assert_eq!(labels, ["InProgress", "Complete"]);
    assert_eq!(seen.last().unwrap().state(), Some(State::Succeeded));
    assert_eq!(seen.last().unwrap().id.as_deref(), Some(REPORT));
    assert_eq!(counts(&mock), (1, 3), "started once, read thrice");
}

#[tokio::test]
async fn a_report_that_fails_ends_the_wait_with_its_message() {
    let mock = report_mock(
        vec![(202, report("InProgress"))],
        REPORT,
        reports(&["InProgress", "Error"]),
    )
    .await;
    let error = generate(&mock).await.unwrap_err();
    codat_product_tests::check_failed(&error, "Error", Some("no bills in the period"));
    assert_eq!(counts(&mock), (1, 2));
}

#[tokio::test]
async fn a_start_that_is_already_done_or_failed_ends_at_once() {
    let mock = report_mock(vec![(202, report("Complete"))], REPORT, reports(&["Error"])).await;
    let done = generate(&mock).await.unwrap();
    assert_eq!(done.label(), "Complete");
    assert_eq!(counts(&mock), (1, 0), "no status read");

    let mock = report_mock(vec![(202, report("Error"))], REPORT, reports(&["Complete"])).await;
    let error = generate(&mock).await.unwrap_err();
    assert!(matches!(&error, Error::OperationFailed { .. }), "{error:?}");
    assert_eq!(counts(&mock), (1, 0), "no status read");
}

#[tokio::test]
async fn a_start_without_an_id_is_followed_as_the_latest_report() {
    for start in [
        json!({"status": "InProgress", "type": "spendAnalysis"}),
        json!({"id": "not-a-uuid", "status": "InProgress"}),
    ] {
        let mock = report_mock(vec![(202, start)], "latest", reports(&["Complete"])).await;
        let done = generate(&mock).await.unwrap();
        assert_eq!(done.id.as_deref(), Some(REPORT));
        assert_eq!(counts(&mock), (1, 1));
    }
}

#[tokio::test]
async fn a_start_refused_ends_the_wait_and_one_answered_503_is_asked_again() {
    let conflict = json!({"statusCode": 409, "error": "The dataset is still syncing",
                          "correlationId": "c-409"});
    let mock = report_mock(vec![(409, conflict)], REPORT, reports(&["Complete"])).await;
    let error = generate(&mock).await.unwrap_err();
    assert!(matches!(&error, Error::Api { .. }), "{error:?}");
    assert_eq!(error.status(), Some(409));
    assert_eq!(counts(&mock), (1, 0), "not asked again");

    let unavailable = json!({"statusCode": 503, "error": "Try again later"});
    let mock = report_mock(
        vec![(503, unavailable), (202, report("InProgress"))],
        REPORT,
        reports(&["Complete"]),
    )
    .await;
    let done = generate(&mock).await.unwrap();
    assert_eq!(done.label(), "Complete");
    assert_eq!(counts(&mock), (2, 1), "started after the 503");
    // Both starts carry one key: had the first reached Codat, the second gets its answer.
    let keys: Vec<String> = mock
        .calls_to(GENERATE)
        .iter()
        .map(|call| call.header("idempotency-key").unwrap().to_owned())
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1]);
    assert!(uuid::Uuid::parse_str(&keys[0]).is_ok(), "{keys:?}");
    // Another watch starts with a key of its own.
    let mock = report_mock(vec![(202, report("Complete"))], REPORT, vec![]).await;
    let spend = spend(&mock);
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
    let keys: Vec<String> = mock
        .calls()
        .iter()
        .map(|call| call.header("idempotency-key").unwrap().to_owned())
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
        let mock = report_mock(
            vec![],
            segment,
            reports(&["InProgress", "InProgress", "Complete"]),
        )
        .await;
        let seen: Vec<String> = within(
            spend(&mock)
                .manage_reports()
                .wait_for_report(COMPANY, &ReportType::SpendAnalysis, id, no_waits())
                .map(|r| r.label())
                .try_collect(),
        )
        .await
        .unwrap();
        assert_eq!(seen, ["InProgress", "Complete"]);
        assert_eq!(counts(&mock), (0, 3));
    }
}

#[tokio::test]
async fn a_status_this_crate_does_not_know_is_waited_through() {
    let mock = report_mock(
        vec![],
        "latest",
        vec![report("Queued"), json!({"id": REPORT}), report("Complete")],
    )
    .await;
    let seen: Vec<ReportOperation> = within(
        spend(&mock)
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
    assert_eq!(counts(&mock), (0, 3));
}

#[tokio::test]
async fn a_watch_outlives_the_handle_it_was_made_from() {
    let mock = report_mock(
        vec![(202, report("InProgress"))],
        REPORT,
        reports(&["Complete"]),
    )
    .await;
    let watch = {
        let spend = spend(&mock);
        let company = COMPANY.to_owned();
        spend
            .manage_reports()
            .generate_and_wait(&company, &ReportType::SpendAnalysis, no_waits())
    };
    let done = within(tokio::spawn(watch.finish())).await.unwrap().unwrap();
    assert_eq!(done.label(), "Complete");
}
