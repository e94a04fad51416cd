//! Waiting for Lending's reports over loopback: a credit model generated and followed to
//! completion (by id and as `latest`), a report that fails, and an Excel workbook built.

use codat_client::wait::Status;
use codat_client::Error;
use codat_lending::manage_reports::ReportType;
use codat_lending::models::ExcelReportTypes;
use codat_lending::{Lending, ReportId};
use codat_product_tests::{codat, no_waits, scripted, within, COMPANY};
use futures_util::TryStreamExt;
use serde_json::{json, Value};

const AUTH: &str = "Basic d2FpdC10ZXN0LWtleQ==";
const REPORT: &str = "6fb40d5e-b13e-11ed-afa1-0242ac120002";

fn report(status: &str) -> (u16, Value) {
    (
        200,
        json!({"id": REPORT, "type": "creditModel", "status": status,
               "requestedDate": "2024-05-01T10:00:00Z",
               "errorMessage": if status == "Error" { json!("not enough months of data") } else { Value::Null }}),
    )
}

#[tokio::test]
async fn a_report_is_followed_by_id_and_as_latest() {
    for (id, segment) in [
        (ReportId::Id(REPORT.parse().unwrap()), REPORT),
        (ReportId::Latest, "latest"),
    ] {
        let path = format!("/companies/{COMPANY}/reports/creditModel/{segment}/status");
        let (server, polls) = scripted(
            AUTH,
            "GET",
            &path,
            vec![
                report("InProgress"),
                report("InProgress"),
                report("Complete"),
            ],
        )
        .await;
        let lending = Lending::new(&codat("wait-test-key", &server));
        let seen: Vec<String> = within(
            lending
                .manage_reports()
                .wait_for_report(COMPANY, &ReportType::CreditModel, id, no_waits())
                .map(|r| r.label())
                .try_collect(),
        )
        .await
        .unwrap();
        assert_eq!(seen, ["InProgress", "Complete"]);
        assert_eq!(polls.load(std::sync::atomic::Ordering::SeqCst), 3);
    }
}

#[tokio::test]
async fn a_failed_report_is_an_error_with_its_message() {
    let path = format!("/companies/{COMPANY}/reports/creditModel/latest/status");
    let (server, _) = scripted(
        AUTH,
        "GET",
        &path,
        vec![report("InProgress"), report("Error")],
    )
    .await;
    let lending = Lending::new(&codat("wait-test-key", &server));
    let error = within(
        lending
            .manage_reports()
            .wait_for_report(
                COMPANY,
                &ReportType::CreditModel,
                ReportId::Latest,
                no_waits(),
            )
            .finish(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, Error::OperationFailed { status, message: Some(m) } if status == "Error" && m == "not enough months of data"),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_workbook_is_followed_until_built() {
    let path = format!("/data/companies/{COMPANY}/assess/excel");
    let status = |in_progress: bool, success: bool| {
        (
            200,
            json!({"inProgress": in_progress, "success": success, "reportType": "audit", "fileSize": 2048}),
        )
    };
    let (server, _) = scripted(
        AUTH,
        "GET",
        &path,
        vec![status(true, false), status(false, true)],
    )
    .await;
    let lending = Lending::new(&codat("wait-test-key", &server));
    let built = within(
        lending
            .excel_reports()
            .wait_for_workbook(COMPANY, &ExcelReportTypes::Audit, no_waits())
            .finish(),
    )
    .await
    .unwrap();
    assert_eq!(built.file_size, Some(2048));
    assert_eq!(built.label(), "built");
    let requests = server.received_requests().await.unwrap();
    assert!(requests
        .iter()
        .all(|r| r.url.query() == Some("reportType=audit")));

    let (server, _) = scripted(
        AUTH,
        "GET",
        &path,
        vec![(
            200,
            json!({"inProgress": false, "success": false, "errorMessage": "no data"}),
        )],
    )
    .await;
    let lending = Lending::new(&codat("wait-test-key", &server));
    let error = within(
        lending
            .excel_reports()
            .wait_for_workbook(COMPANY, &ExcelReportTypes::Audit, no_waits())
            .finish(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, Error::OperationFailed { status, .. } if status == "failed"),
        "{error:?}"
    );
}
