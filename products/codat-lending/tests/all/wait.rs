//! Waiting for Lending's reports over loopback: a credit model generated and followed to
//! completion (by id and as `latest`), a report that fails, and an Excel workbook built or
//! failing.

use codat_client::wait::Status;
use codat_lending::manage_reports::ReportType;
use codat_lending::models::ExcelReportTypes;
use codat_lending::{Lending, ReportId};
use codat_product_tests::{end, no_waits, polled, seen, Polled, COMPANY};
use serde_json::{json, Value};

const REPORT: &str = "6fb40d5e-b13e-11ed-afa1-0242ac120002";

/// The credit model's status at `segment` (its id or `latest`), polls answering `statuses`.
async fn reports(segment: &str, statuses: &[&str]) -> Polled<Lending> {
    let script = statuses.iter().map(|status| {
        let error = if *status == "Error" {
            json!("not enough months of data")
        } else {
            Value::Null
        };
        let body = json!({"id": REPORT, "type": "creditModel", "status": status,
                          "requestedDate": "2024-05-01T10:00:00Z", "errorMessage": error});
        (200, body)
    });
    let path = format!("/companies/{COMPANY}/reports/creditModel/{segment}/status");
    polled(Lending::new, &path, script.collect()).await
}

#[tokio::test]
async fn a_report_is_followed_by_id_and_as_latest() {
    for (id, segment) in [
        (ReportId::Id(REPORT.parse().unwrap()), REPORT),
        (ReportId::Latest, "latest"),
    ] {
        let lending = reports(segment, &["InProgress", "InProgress", "Complete"]).await;
        let reports = lending.client.manage_reports();
        let seen = seen(reports.wait_for_report(COMPANY, &ReportType::CreditModel, id, no_waits()));
        let labels: Vec<String> = seen.await.unwrap().iter().map(Status::label).collect();
        assert_eq!(labels, ["InProgress", "Complete"]);
        assert_eq!(lending.polls(), 3);
    }
}

#[tokio::test]
async fn a_failed_report_is_an_error_with_its_message() {
    let lending = reports("latest", &["InProgress", "Error"]).await;
    let reports = lending.client.manage_reports();
    let watch = reports.wait_for_report(
        COMPANY,
        &ReportType::CreditModel,
        ReportId::Latest,
        no_waits(),
    );
    let error = end(watch).await.unwrap_err();
    codat_product_tests::check_failed(&error, "Error", Some("not enough months of data"));
}

#[tokio::test]
async fn a_workbook_is_followed_until_built_or_failed() {
    let path = format!("/data/companies/{COMPANY}/assess/excel");
    let status = |in_progress: bool, success: bool| {
        let body = json!({"inProgress": in_progress, "success": success, "reportType": "audit",
                          "fileSize": 2048});
        (200, body)
    };
    let lending = polled(
        Lending::new,
        &path,
        vec![status(true, false), status(false, true)],
    )
    .await;
    let excel = lending.client.excel_reports();
    let built = end(excel.wait_for_workbook(COMPANY, &ExcelReportTypes::Audit, no_waits())).await;
    let built = built.unwrap();
    assert_eq!(
        (built.file_size, built.label()),
        (Some(2048), "built".to_owned())
    );
    let requests = codat_product_tests::requests(&lending.server).await;
    assert!(requests
        .iter()
        .all(|r| r.url.query() == Some("reportType=audit")));

    let failed = json!({"inProgress": false, "success": false, "errorMessage": "no data"});
    let lending = polled(Lending::new, &path, vec![(200, failed)]).await;
    let excel = lending.client.excel_reports();
    let error = end(excel.wait_for_workbook(COMPANY, &ExcelReportTypes::Audit, no_waits())).await;
    let error = error.unwrap_err();
    codat_product_tests::check_failed(&error, "failed", None);
}
