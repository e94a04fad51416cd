//! Spend Insights: one call of each of its own operations with valid inputs, keyed by
//! operationId.

use std::future::Future;
use std::pin::Pin;

use codat_client::models::DateTime;
use codat_client::paging::PageParams;
use codat_client::{Codat, Error};
use codat_spend_insights::manage_reports::ReportType;
use codat_spend_insights::models::{
    DownloadReportBundleParams, GetPaymentMethodAnalysisParams, GetReportStatusParams,
    GetSupplierAnalysisParams, Language,
};
use codat_spend_insights::spend_analysis::BundleReportId;
use codat_spend_insights::{ReportId, SpendInsights};

use super::{Call, COMPANY};

/// A report id: a UUID, or `latest`.
const REPORT: &str = "6e9bae88-72c9-45ae-abe8-41fbf2871458";

fn report() -> ReportId {
    REPORT.parse().expect("a UUID")
}

fn max_age() -> DateTime {
    DateTime::from("2024-05-01T00:00:00Z")
}

fn paging() -> PageParams {
    PageParams::new()
        .page(1)
        .page_size(100)
        .order_by("-billsAmount")
}

pub fn calls() -> Vec<(&'static str, Call)> {
    vec![
        (
            "generate-report",
            call!(c => SpendInsights::new(c).manage_reports().generate_report(COMPANY, &ReportType::SpendAnalysis)),
        ),
        (
            "get-report-status",
            call!(c => SpendInsights::new(c).manage_reports().get_report_status(COMPANY, &ReportType::SpendAnalysis, report(), GetReportStatusParams::new().max_age(max_age()))),
        ),
        (
            "list-reports",
            call!(c => SpendInsights::new(c).manage_reports().list_reports(COMPANY, PageParams::new().page(1).page_size(100).query("type=spendAnalysis"))),
        ),
        (
            "get-supplier-analysis",
            call!(c => SpendInsights::new(c).spend_analysis().get_supplier_analysis(COMPANY, ReportId::Latest, GetSupplierAnalysisParams::new().max_age(max_age()), paging())),
        ),
        (
            "get-payment-method-analysis",
            call!(c => SpendInsights::new(c).spend_analysis().get_payment_method_analysis(COMPANY, report(), GetPaymentMethodAnalysisParams::new(), paging())),
        ),
        (
            "download-report-bundle",
            call!(c => async move {
                SpendInsights::new(c).spend_analysis().download_report_bundle(COMPANY, BundleReportId::Latest, DownloadReportBundleParams::new().lang(Language::EnGb)).await?.bytes().await
            }),
        ),
        (
            "get-company-info",
            call!(c => SpendInsights::new(c).company_info().get(COMPANY)),
        ),
    ]
}
