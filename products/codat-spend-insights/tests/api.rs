//! Every Spend Insights operation against codat-test's Codat stand-in on 127.0.0.1: the
//! operation called, the encoded path, the query (optional parameters by name, paging, the
//! bundle's required `reportId`), the auth header, no body where none is sent, and the decoding
//! of the spec's documented examples into each operation's return type, amounts exact. Then the
//! report bundle streamed with its file name and bundle headers, the page streams (pages, short
//! and empty last pages, errors, page order), declared and undeclared error statuses, and
//! hostile path values.
//!
//! The spec is read from `../../../shared/codat/Codat-Spend-Insights.json` (or the folder in
//! `CODAT_SPEC_DIR`); without it the request checks still run against fixtures written here
//! and the example checks are skipped, except with `CI=true`, where they fail.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::str::FromStr;
use std::sync::LazyLock;

use codat_client::models::{DateTime, Decimal};
use codat_client::paging::{PageOptions, PageParams};
use codat_client::{Error, RetryPolicy};
use codat_product_tests as shared;
use codat_product_tests::{spec_errors, within, COMPANY};
use codat_spend_insights::manage_reports::ReportType;
use codat_spend_insights::models::{
    CompanyAddressType, DownloadReportBundleParams, GetPaymentMethodAnalysisParams,
    GetReportStatusParams, GetSupplierAnalysisParams, Language, PaymentMethodSummary,
    PaymentMethodType, PhoneNumberType, ReportOperation, Supplier, SupplierAddressType,
    WebLinkType,
};
use codat_spend_insights::spend_analysis::{BundleContents, BundleReportId};
use codat_spend_insights::{ReportId, SpendInsights};
use codat_test::{Call, MockCodat, Reply};
use futures_util::StreamExt;
use rust_decimal_macros::dec;
use serde_json::{json, Value};

const KEY: &str = "spend-insights-test-key";
/// `Basic` and the key in base64, worked out independently of the client.
const AUTH: &str = "Basic c3BlbmQtaW5zaWdodHMtdGVzdC1rZXk=";
const REPORT: &str = "6e9bae88-72c9-45ae-abe8-41fbf2871458";
const MAX_AGE: &str = "2024-05-01T00:00:00Z";

// The operations, by their function.
const GENERATE_REPORT: &str = "manage_reports::generate_report";
const REPORT_STATUS: &str = "manage_reports::get_report_status";
const LIST_REPORTS: &str = "manage_reports::list_reports";
const SUPPLIER_ANALYSIS: &str = "spend_analysis::get_supplier_analysis";
const METHOD_ANALYSIS: &str = "spend_analysis::get_payment_method_analysis";
const DOWNLOAD_BUNDLE: &str = "spend_analysis::download_report_bundle";
const COMPANY_INFO: &str = "company_info::get";

// ---- the spec -------------------------------------------------------------------------------

/// The spec, read once.
static SPEC: LazyLock<Option<Value>> =
    LazyLock::new(|| shared::spec(env!("CARGO_MANIFEST_DIR"), "Codat-Spend-Insights.json"));

fn spec() -> Option<&'static Value> {
    SPEC.as_ref()
}

/// The spec's operation at `spec_path` and `verb`.
fn operation(spec_path: &str, verb: &str) -> Option<&'static Value> {
    shared::operation(spec(), spec_path, verb)
}

/// The documented `status` body of an operation: its media type's `example`, else its first
/// named example (which may itself point to another response's example). `None` without the
/// spec.
fn documented(spec_path: &str, verb: &str, status: &str) -> Option<Value> {
    let spec = spec()?;
    let op = operation(spec_path, verb)?;
    let response = shared::resolve(spec, &op["responses"][status]);
    let media = &response["content"]["application/json"];
    let value = media
        .get("example")
        .cloned()
        .or_else(|| shared::example(media))
        .unwrap_or_else(|| panic!("{verb} {spec_path} documents no {status} body"));
    Some(match value.get("$ref") {
        Some(_) => shared::resolve(spec, &value)["value"].clone(),
        None => value,
    })
}

/// The `example` of the schema `name` (`#/components/schemas/<name>`); `None` without the spec.
fn schema_example(name: &str) -> Option<Value> {
    let example = spec()?.pointer(&format!("/components/schemas/{name}/example"))?;
    Some(example.clone())
}

// ---- the client and the mock ----------------------------------------------------------------

/// A client of `mock` with the test key that never retries: every answer reaches the test.
fn spend(mock: &MockCodat) -> SpendInsights {
    let codat = mock
        .builder()
        .api_key(KEY)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    SpendInsights::new(&codat)
}

/// A mock that answers every call of the operation `name` with `status` and `body`.
async fn serve(name: &str, status: u16, body: &Value) -> MockCodat {
    let mock = MockCodat::start().await;
    mock.on(name).reply(Reply::json(status, body));
    mock
}

/// The one call `mock` got, checked to be of the operation `name`, sent to exactly
/// `full_path` (still encoded) with the test key.
fn only_call(mock: &MockCodat, name: &str, full_path: &str) -> Call {
    let call = mock.only_call(name);
    assert_eq!(call.path(), full_path);
    assert_eq!(call.header("authorization"), Some(AUTH));
    call
}

/// A GET or a bodiless POST: exactly the query `query`, in that order, nothing in the body,
/// no content type.
fn assert_plain(call: &Call, query: &[(&str, &str)]) {
    assert_eq!(call.query_pairs(), pairs(query));
    assert!(call.body().is_empty(), "no body");
    assert_eq!(call.header("content-type"), None);
}

/// Query pairs as a call keeps them: names and values decoded.
fn pairs(query: &[(&str, &str)]) -> Vec<(String, String)> {
    query
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

fn text(value: &Value) -> Option<&str> {
    value.as_str()
}

/// A JSON number as the exact decimal its text says.
fn amount(value: &Value) -> Option<Decimal> {
    value
        .as_number()
        .map(|n| Decimal::from_str(&n.to_string()).unwrap())
}

fn max_age() -> DateTime {
    DateTime::from(MAX_AGE)
}

fn report_id() -> ReportId {
    REPORT.parse().unwrap()
}

// ---- manage reports -------------------------------------------------------------------------

fn report_fixture(status: &str) -> Value {
    json!({"id": REPORT, "status": status, "type": "spendAnalysis",
           "requestedDate": "2024-09-27T04:43:41Z", "updatedDate": "2024-10-01T14:41:46Z"})
}

fn check_report(report: &ReportOperation, body: &Value) {
    assert_eq!(report.id.as_deref(), text(&body["id"]));
    assert_eq!(
        report.status.as_ref().map(|s| s.as_str()),
        text(&body["status"])
    );
    assert_eq!(
        report.r#type.as_ref().map(|t| t.as_str()),
        text(&body["type"])
    );
    assert_eq!(
        report.requested_date.as_ref().map(|d| d.as_str()),
        text(&body["requestedDate"])
    );
    assert_eq!(
        report.updated_date.as_ref().map(|d| d.as_str()),
        text(&body["updatedDate"])
    );
    assert_eq!(report.error_message.as_deref(), text(&body["errorMessage"]));
}

#[tokio::test]
async fn generate_report_posts_nothing_and_reads_the_202() {
    let spec_path = "/companies/{companyId}/reports/{reportType}";
    if let Some(op) = operation(spec_path, "post") {
        assert!(op.get("requestBody").is_none(), "the spec gained a body");
        assert!(op["responses"].get("202").is_some());
    }
    let body = documented(spec_path, "post", "202").unwrap_or_else(|| report_fixture("InProgress"));
    let mock = serve(GENERATE_REPORT, 202, &body).await;
    let report = spend(&mock)
        .manage_reports()
        .generate_report(COMPANY, &ReportType::SpendAnalysis)
        .await
        .unwrap();
    check_report(&report, &body);
    assert!(report.id.is_some());
    let full = format!("/companies/{COMPANY}/reports/spendAnalysis");
    assert_plain(&only_call(&mock, GENERATE_REPORT, &full), &[]);

    // A type Codat adds later is sent as given, one path segment.
    let later = ReportType::Unrecognized("supplierRisk".into());
    let mock = serve(GENERATE_REPORT, 202, &report_fixture("InProgress")).await;
    spend(&mock)
        .manage_reports()
        .generate_report(COMPANY, &later)
        .await
        .unwrap();
    let full = format!("/companies/{COMPANY}/reports/supplierRisk");
    let call = only_call(&mock, GENERATE_REPORT, &full);
    assert_eq!(call.path_value("report_type"), Some("supplierRisk"));
    assert_plain(&call, &[]);
}

#[tokio::test]
async fn get_report_status_by_id_or_latest_with_and_without_max_age() {
    let spec_path = "/companies/{companyId}/reports/{reportType}/{reportId}/status";
    let body = documented(spec_path, "get", "200").unwrap_or_else(|| report_fixture("Complete"));
    for (id, segment) in [(report_id(), REPORT), (ReportId::Latest, "latest")] {
        for (options, query) in [
            (
                GetReportStatusParams::new().max_age(max_age()),
                &[("maxAge", MAX_AGE)][..],
            ),
            (GetReportStatusParams::new(), &[]),
        ] {
            let mock = serve(REPORT_STATUS, 200, &body).await;
            let report = spend(&mock)
                .manage_reports()
                .get_report_status(COMPANY, &ReportType::SpendAnalysis, id, options)
                .await
                .unwrap();
            check_report(&report, &body);
            let full = format!("/companies/{COMPANY}/reports/spendAnalysis/{segment}/status");
            assert_plain(&only_call(&mock, REPORT_STATUS, &full), query);
        }
    }
}

#[tokio::test]
async fn list_reports_sends_the_paging_and_reads_the_page() {
    let body = documented("/companies/{companyId}/reports", "get", "200").unwrap_or_else(|| {
        json!({"pageNumber": 1, "pageSize": 4, "totalResults": 5,
               "_links": {"self": {"href": "/r"}, "current": {"href": "/r?page=1"},
                          "next": {"href": "/r?page=2"}},
               "results": [report_fixture("InProgress"), report_fixture("Complete"),
                           {"id": "e-1", "status": "Error", "type": "spendAnalysis",
                            "errorMessage": "No accounts payable data"}]})
    });
    let mock = serve(LIST_REPORTS, 200, &body).await;
    let paging = PageParams::new()
        .page(2)
        .page_size(4)
        .query("status=Complete&&type=spendAnalysis")
        .order_by("-requestedDate");
    let page = spend(&mock)
        .manage_reports()
        .list_reports(COMPANY, paging)
        .await
        .unwrap();
    assert_eq!(Some(page.page_number), body["pageNumber"].as_i64());
    assert_eq!(Some(page.page_size), body["pageSize"].as_i64());
    assert_eq!(Some(page.total_results), body["totalResults"].as_i64());
    assert_eq!(
        page.links.as_ref().and_then(|l| l.next.as_ref()).is_some(),
        body["_links"]["next"].is_object()
    );
    let results = body["results"].as_array().unwrap();
    assert_eq!(page.results.len(), results.len());
    for (report, json) in page.results.iter().zip(results) {
        assert_eq!(report.id.as_deref(), text(&json["id"]));
        assert_eq!(
            report.status.as_ref().map(|s| s.as_str()),
            text(&json["status"])
        );
        assert_eq!(
            report.r#type.as_ref().map(|t| t.as_str()),
            text(&json["type"])
        );
        assert_eq!(report.error_message.as_deref(), text(&json["errorMessage"]));
    }
    let full = format!("/companies/{COMPANY}/reports");
    assert_plain(
        &only_call(&mock, LIST_REPORTS, &full),
        &[
            ("page", "2"),
            ("pageSize", "4"),
            ("query", "status=Complete&&type=spendAnalysis"),
            ("orderBy", "-requestedDate"),
        ],
    );
}

// ---- spend analysis -------------------------------------------------------------------------

const SUPPLIERS_PATH: &str = "/companies/{companyId}/reports/spendAnalysis/{reportId}/suppliers";
const METHODS_PATH: &str = "/companies/{companyId}/reports/spendAnalysis/{reportId}/paymentMethods";

fn supplier_fixture(id: &str) -> Value {
    json!({"supplierId": id, "supplierName": format!("Supplier {id}"),
           "phoneNumber": null, "contactName": "Jo Bloggs", "emailAddress": "jo@example.com",
           "taxNumber": "GB123", "addresses": [{"type": "Billing", "city": "Leeds"}],
           "importedDate": "2024-05-01T10:00:00", "latestBilled": "2024-04-30T00:00:00",
           "billsCount": 3, "billsAmount": 1234567.89, "billsOutstandingAmount": 0.1,
           "paymentsAmount": 1234567.79, "averageBillPaymentTermsWeighted": 30.25,
           "biggestCountPaymentMethod": "BankTransfer", "biggestSpendPaymentMethod": "Check",
           "commonPaymentTermsDays": 30, "directCostsCount": 2, "directCostsAmount": 99.99})
}

fn check_supplier(supplier: &Supplier, json: &Value) {
    assert_eq!(supplier.supplier_id.as_deref(), text(&json["supplierId"]));
    assert_eq!(
        supplier.supplier_name.as_deref(),
        text(&json["supplierName"])
    );
    assert_eq!(supplier.phone_number.as_deref(), text(&json["phoneNumber"]));
    assert_eq!(supplier.contact_name.as_deref(), text(&json["contactName"]));
    assert_eq!(
        supplier.email_address.as_deref(),
        text(&json["emailAddress"])
    );
    assert_eq!(supplier.tax_number.as_deref(), text(&json["taxNumber"]));
    let addresses = json["addresses"].as_array().unwrap();
    let decoded = supplier.addresses.as_ref().unwrap();
    assert_eq!(decoded.len(), addresses.len());
    for (address, json) in decoded.iter().zip(addresses) {
        assert_eq!(address.r#type.as_str(), json["type"].as_str().unwrap());
        assert!(!matches!(
            address.r#type,
            SupplierAddressType::Unrecognized(_)
        ));
        assert_eq!(address.city.as_deref(), text(&json["city"]));
        assert_eq!(address.line2.as_deref(), text(&json["line2"]));
    }
    assert_eq!(
        supplier.imported_date.as_ref().map(|d| d.as_str()),
        text(&json["importedDate"])
    );
    assert_eq!(
        supplier.latest_billed.as_ref().map(|d| d.as_str()),
        text(&json["latestBilled"])
    );
    assert_eq!(supplier.bills_count, json["billsCount"].as_i64());
    assert_eq!(supplier.payments_count, json["paymentsCount"].as_i64());
    for (field, wire) in [
        (supplier.bills_amount, "billsAmount"),
        (supplier.bills_outstanding_amount, "billsOutstandingAmount"),
        (
            supplier.bills_outstanding_percentage_by_amount,
            "billsOutstandingPercentageByAmount",
        ),
        (supplier.payments_amount, "paymentsAmount"),
        (supplier.average_payment_amount, "averagePaymentAmount"),
        (supplier.bills_paid_late_amount, "billsPaidLateAmount"),
        (
            supplier.average_bill_payment_terms_weighted,
            "averageBillPaymentTermsWeighted",
        ),
        (
            supplier.average_bill_settlement_period_weighted,
            "averageBillSettlementPeriodWeighted",
        ),
        (supplier.direct_costs_amount, "directCostsAmount"),
    ] {
        assert_eq!(field, amount(&json[wire]), "{wire}");
    }
    assert_eq!(
        supplier.biggest_spend_payment_method.as_deref(),
        text(&json["biggestSpendPaymentMethod"])
    );
}

#[tokio::test]
async fn supplier_analysis_sends_max_age_and_paging_and_reads_amounts_exactly() {
    let body = schema_example("SupplierAnalysis")
        .unwrap_or_else(|| json!({"results": [supplier_fixture("s-1"), supplier_fixture("s-2")]}));
    for (id, segment) in [(ReportId::Latest, "latest"), (report_id(), REPORT)] {
        let mock = serve(SUPPLIER_ANALYSIS, 200, &body).await;
        let analysis = spend(&mock)
            .spend_analysis()
            .get_supplier_analysis(
                COMPANY,
                id,
                GetSupplierAnalysisParams::new().max_age(max_age()),
                PageParams::new()
                    .page(1)
                    .page_size(50)
                    .query("billsCount>1")
                    .order_by("-billsAmount"),
            )
            .await
            .unwrap();
        let results = body["results"].as_array().unwrap();
        let suppliers = analysis.results.as_ref().unwrap();
        assert_eq!(suppliers.len(), results.len());
        for (supplier, json) in suppliers.iter().zip(results) {
            check_supplier(supplier, json);
        }
        let full = format!("/companies/{COMPANY}/reports/spendAnalysis/{segment}/suppliers");
        assert_plain(
            &only_call(&mock, SUPPLIER_ANALYSIS, &full),
            &[
                ("maxAge", MAX_AGE),
                ("page", "1"),
                ("pageSize", "50"),
                ("query", "billsCount>1"),
                ("orderBy", "-billsAmount"),
            ],
        );
    }

    // Amounts far past what an f64 keeps to the cent arrive to the cent.
    let exact = json!({"results": [supplier_fixture("s-9")]});
    let mock = serve(SUPPLIER_ANALYSIS, 200, &exact).await;
    let analysis = spend(&mock)
        .spend_analysis()
        .get_supplier_analysis(
            COMPANY,
            ReportId::Latest,
            GetSupplierAnalysisParams::new(),
            PageParams::new(),
        )
        .await
        .unwrap();
    let supplier = &analysis.results.unwrap()[0];
    assert_eq!(supplier.bills_amount, Some(dec!(1234567.89)));
    assert_eq!(
        supplier.bills_amount.unwrap() - supplier.payments_amount.unwrap(),
        dec!(0.10)
    );
    assert_eq!(supplier.bills_outstanding_amount, Some(dec!(0.1)));
    assert_eq!(supplier.common_payment_terms_days, Some(30));
    let full = format!("/companies/{COMPANY}/reports/spendAnalysis/latest/suppliers");
    assert_plain(&only_call(&mock, SUPPLIER_ANALYSIS, &full), &[]);
}

fn method_fixture(method: &str) -> Value {
    json!({"biggestCountPaymentMethod": method, "suppliersCount": 4,
           "percentageSuppliersByCount": 33.33, "billsCount": 12, "billsAmount": 80500.10,
           "averagePaymentAmount": 45714.29, "directCostsPercentageByAmount": 12.5,
           "directCostsCount": 3, "directCostsAmount": 1000.01})
}

fn check_method(method: &PaymentMethodSummary, json: &Value) {
    assert_eq!(
        method
            .biggest_count_payment_method
            .as_ref()
            .map(|m| m.as_str()),
        text(&json["biggestCountPaymentMethod"])
    );
    assert!(!matches!(
        method.biggest_count_payment_method,
        Some(PaymentMethodType::Unrecognized(_))
    ));
    assert_eq!(method.suppliers_count, json["suppliersCount"].as_i64());
    assert_eq!(method.bills_count, json["billsCount"].as_i64());
    assert_eq!(method.direct_costs_count, json["directCostsCount"].as_i64());
    for (field, wire) in [
        (
            method.percentage_suppliers_by_count,
            "percentageSuppliersByCount",
        ),
        (method.percentage_bills_by_count, "percentageBillsByCount"),
        (method.percentage_bills_by_amount, "percentageBillsByAmount"),
        (method.bills_amount, "billsAmount"),
        (method.bills_outstanding_amount, "billsOutstandingAmount"),
        (method.payments_amount, "paymentsAmount"),
        (method.average_payment_amount, "averagePaymentAmount"),
        (
            method.bills_paid_late_percentage_by_amount,
            "billsPaidLatePercentageByAmount",
        ),
        (
            method.direct_costs_percentage_by_count,
            "directCostsPercentageByCount",
        ),
        (
            method.direct_costs_percentage_by_amount,
            "directCostsPercentageByAmount",
        ),
        (method.direct_costs_amount, "directCostsAmount"),
    ] {
        assert_eq!(field, amount(&json[wire]), "{wire}");
    }
}

#[tokio::test]
async fn payment_method_analysis_sends_max_age_and_paging_and_reads_every_method() {
    let body = schema_example("PaymentMethodAnalysis").unwrap_or_else(
        || json!({"results": [method_fixture("BankTransfer"), method_fixture("CreditCard")]}),
    );
    let mock = serve(METHOD_ANALYSIS, 200, &body).await;
    let analysis = spend(&mock)
        .spend_analysis()
        .get_payment_method_analysis(
            COMPANY,
            report_id(),
            GetPaymentMethodAnalysisParams::new().max_age(max_age()),
            PageParams::new().page(3).page_size(7),
        )
        .await
        .unwrap();
    let results = body["results"].as_array().unwrap();
    let methods = analysis.results.as_ref().unwrap();
    assert_eq!(methods.len(), results.len());
    for (method, json) in methods.iter().zip(results) {
        check_method(method, json);
    }
    let full = format!("/companies/{COMPANY}/reports/spendAnalysis/{REPORT}/paymentMethods");
    assert_plain(
        &only_call(&mock, METHOD_ANALYSIS, &full),
        &[("maxAge", MAX_AGE), ("page", "3"), ("pageSize", "7")],
    );
    if spec().is_some() {
        // The spec's example names every payment method once.
        let mut named: Vec<&str> = methods
            .iter()
            .map(|m| m.biggest_count_payment_method.as_ref().unwrap().as_str())
            .collect();
        named.sort_unstable();
        assert_eq!(
            named,
            [
                "BankTransfer",
                "Cash",
                "Check",
                "CreditCard",
                "DebitCard",
                "Other",
                "Unknown"
            ]
        );
        assert_eq!(methods[0].average_payment_amount, Some(dec!(45714.29)));
    }

    // Without options or paging: no query at all, and a method Codat adds later is kept.
    let later = json!({"results": [method_fixture("Crypto")]});
    let mock = serve(METHOD_ANALYSIS, 200, &later).await;
    let analysis = spend(&mock)
        .spend_analysis()
        .get_payment_method_analysis(
            COMPANY,
            ReportId::Latest,
            GetPaymentMethodAnalysisParams::new(),
            PageParams::new(),
        )
        .await
        .unwrap();
    let method = &analysis.results.unwrap()[0];
    assert_eq!(
        method.biggest_count_payment_method,
        Some(PaymentMethodType::Unrecognized("Crypto".into()))
    );
    assert_eq!(method.bills_amount, Some(dec!(80500.10)));
    let full = format!("/companies/{COMPANY}/reports/spendAnalysis/latest/paymentMethods");
    assert_plain(&only_call(&mock, METHOD_ANALYSIS, &full), &[]);
}

#[tokio::test]
async fn a_bare_array_as_the_spec_responses_show_is_a_decode_error_that_keeps_the_body() {
    // The spec's response examples are arrays where its schema has an object with `results`;
    // the client reads the schema and says what it got, rather than an empty analysis.
    for (spec_path, suffix, name) in [
        (SUPPLIERS_PATH, "suppliers", SUPPLIER_ANALYSIS),
        (METHODS_PATH, "paymentMethods", METHOD_ANALYSIS),
    ] {
        let body = match documented(spec_path, "get", "200") {
            Some(example) => {
                assert!(example.is_array(), "the spec's example is an object now");
                example
            }
            None => json!([supplier_fixture("s-1")]),
        };
        let mock = serve(name, 200, &body).await;
        let analysis = spend(&mock);
        let analysis = analysis.spend_analysis();
        let err = if suffix == "suppliers" {
            analysis
                .get_supplier_analysis(
                    COMPANY,
                    ReportId::Latest,
                    GetSupplierAnalysisParams::new(),
                    PageParams::new(),
                )
                .await
                .map(drop)
                .unwrap_err()
        } else {
            analysis
                .get_payment_method_analysis(
                    COMPANY,
                    ReportId::Latest,
                    GetPaymentMethodAnalysisParams::new(),
                    PageParams::new(),
                )
                .await
                .map(drop)
                .unwrap_err()
        };
        assert!(matches!(err, Error::Decode { .. }), "{suffix}: {err:?}");
        assert_eq!(err.status(), Some(200));
        assert!(err.body().unwrap().starts_with('['), "{suffix}: {err}");
        let full = format!("/companies/{COMPANY}/reports/spendAnalysis/latest/{suffix}");
        only_call(&mock, name, &full);
    }
}

// ---- the report bundle ----------------------------------------------------------------------

const BUNDLE_PATH: &str = "/companies/{companyId}/reports/bundle";
const ZIP: &str = "application/zip";

/// Bytes that start as a ZIP archive does, long enough to come in several chunks.
fn archive() -> Vec<u8> {
    b"PK\x03\x04"
        .iter()
        .copied()
        .chain((0..300_000u32).map(|i| (i % 253) as u8))
        .collect()
}

/// A mock that answers the bundle's download with `reply`.
async fn bundle_mock(reply: Reply) -> MockCodat {
    let mock = MockCodat::start().await;
    mock.on(DOWNLOAD_BUNDLE).reply(reply);
    mock
}

/// The one download of the bundle `mock` got, checked for its path and key.
fn only_download(mock: &MockCodat) -> Call {
    let full = format!("/companies/{COMPANY}/reports/bundle");
    only_call(mock, DOWNLOAD_BUNDLE, &full)
}

#[tokio::test]
async fn the_bundle_is_streamed_with_its_name_and_what_it_holds() {
    if let Some(op) = operation(BUNDLE_PATH, "get") {
        let media = &shared::resolve(spec().unwrap(), &op["responses"]["200"])["content"];
        assert!(media.get(ZIP).is_some(), "the bundle is a ZIP archive");
    }
    let bytes = archive();
    let name = "ExampleCompany_SpendReports_fr_2026-06-03.zip";
    let mock = bundle_mock(
        Reply::raw(200, ZIP, bytes.clone())
            .header(
                "content-disposition",
                &format!("attachment; filename={name}"),
            )
            .header("x-bundle-partial", "true")
            .header("x-bundle-included", "3")
            .header("x-bundle-total", "4"),
    )
    .await;
    let download = spend(&mock)
        .spend_analysis()
        .download_report_bundle(
            COMPANY,
            BundleReportId::Latest,
            DownloadReportBundleParams::new().lang(Language::Fr),
        )
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(download.content_type(), Some(ZIP));
    assert_eq!(download.file_name().as_deref(), Some(name));
    assert_eq!(download.content_length(), Some(bytes.len() as u64));
    assert_eq!(
        BundleContents::of(&download),
        BundleContents {
            partial: Some(true),
            included: Some(3),
            total: Some(4)
        }
    );
    // Read chunk by chunk, as a large archive would be.
    let mut chunks = download.into_stream();
    let mut received = Vec::new();
    let mut count = 0;
    while let Some(chunk) = within(chunks.next()).await {
        received.extend_from_slice(&chunk.unwrap());
        count += 1;
    }
    assert_eq!(received, bytes);
    assert!(count >= 1);
    let call = only_download(&mock);
    assert_plain(&call, &[("reportId", "latest"), ("lang", "fr")]);
    // A file of any type is welcome, and Codat's JSON errors too.
    assert_eq!(call.header("accept"), Some("*/*"));
}

#[tokio::test]
async fn every_language_is_sent_as_the_spec_spells_it() {
    let languages = [
        (Language::En, "en"),
        (Language::EnUs, "en-us"),
        (Language::EnGb, "en-gb"),
        (Language::Fr, "fr"),
        (Language::FrCa, "fr-ca"),
    ];
    if let Some(spec) = spec() {
        // The parameters are the path's, not the operation's own.
        let params = spec["paths"][BUNDLE_PATH]["parameters"].as_array().unwrap();
        let lang = params.iter().find(|p| p["name"] == "lang").unwrap();
        let spelled: Vec<&str> = languages.iter().map(|(_, wire)| *wire).collect();
        assert_eq!(lang["schema"]["enum"], json!(spelled));
        assert_ne!(lang["required"], true);
        let report = params.iter().find(|p| p["name"] == "reportId").unwrap();
        assert_eq!(report["required"], true);
        assert_eq!(report["in"], "query");
        assert_eq!(report["schema"]["enum"], json!(["latest"]));
    }
    for (language, wire) in languages {
        let mock = bundle_mock(Reply::raw(200, ZIP, "PK")).await;
        let download = spend(&mock)
            .spend_analysis()
            .download_report_bundle(
                COMPANY,
                BundleReportId::Latest,
                DownloadReportBundleParams::new().lang(language),
            )
            .await
            .unwrap();
        assert_eq!(download.bytes().await.unwrap(), "PK".as_bytes());
        assert_plain(
            &only_download(&mock),
            &[("reportId", "latest"), ("lang", wire)],
        );
    }
    assert_eq!(BundleReportId::Latest.to_string(), "latest");
    assert_eq!(BundleReportId::default(), BundleReportId::Latest);
}

#[tokio::test]
async fn bundle_headers_that_are_missing_or_odd_say_nothing() {
    // No language: only the required report id; no bundle headers: nothing known.
    let mock = bundle_mock(Reply::raw(200, ZIP, "PK")).await;
    let download = spend(&mock)
        .spend_analysis()
        .download_report_bundle(
            COMPANY,
            BundleReportId::Latest,
            DownloadReportBundleParams::new(),
        )
        .await
        .unwrap();
    assert_eq!(BundleContents::of(&download), BundleContents::default());
    assert_plain(&only_download(&mock), &[("reportId", "latest")]);

    let mock = bundle_mock(
        Reply::raw(200, ZIP, "PK")
            .header("x-bundle-partial", "yes")
            .header("x-bundle-included", "three")
            .header("x-bundle-total", " 4 "),
    )
    .await;
    let download = spend(&mock)
        .spend_analysis()
        .download_report_bundle(
            COMPANY,
            BundleReportId::Latest,
            DownloadReportBundleParams::new(),
        )
        .await
        .unwrap();
    assert_eq!(
        BundleContents::of(&download),
        BundleContents {
            partial: None,
            included: None,
            total: Some(4)
        }
    );
    let mock = bundle_mock(
        Reply::raw(200, ZIP, "PK")
            .header("x-bundle-partial", "false")
            .header("x-bundle-included", "4")
            .header("x-bundle-total", "4"),
    )
    .await;
    let download = spend(&mock)
        .spend_analysis()
        .download_report_bundle(
            COMPANY,
            BundleReportId::Latest,
            DownloadReportBundleParams::new(),
        )
        .await
        .unwrap();
    assert_eq!(
        BundleContents::of(&download),
        BundleContents {
            partial: Some(false),
            included: Some(4),
            total: Some(4)
        }
    );
}

#[tokio::test]
async fn a_bundle_with_no_file_is_codats_500_error() {
    let message = json!({"statusCode": 500, "service": "SpendInsights",
                         "error": "No file of the report could be bundled",
                         "correlationId": "bundle-500"});
    let mock = serve(DOWNLOAD_BUNDLE, 500, &message).await;
    let err = spend(&mock)
        .spend_analysis()
        .download_report_bundle(
            COMPANY,
            BundleReportId::Latest,
            DownloadReportBundleParams::new(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.status(), Some(500));
    assert_eq!(
        err.error_message().unwrap().error.as_deref(),
        Some("No file of the report could be bundled")
    );
    assert_eq!(err.correlation_id(), Some("bundle-500"));
    assert_plain(&only_download(&mock), &[("reportId", "latest")]);
}

#[tokio::test]
async fn a_bundle_that_ends_early_is_an_error_not_a_short_archive() {
    // A server that promises 1000 bytes, sends a few and hangs up: hand-built, since
    // codat-test always sends the whole body it was given.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/zip\r\n\
                  content-length: 1000\r\n\r\nPK\x03\x04 only the start",
            );
        }
    });
    let codat = codat_client::Codat::builder()
        .api_key(KEY)
        .base_url(url)
        .retry_policy(codat_client::RetryPolicy::disabled())
        .build()
        .unwrap();
    let spend = SpendInsights::new(&codat);
    let download = || {
        spend.spend_analysis().download_report_bundle(
            COMPANY,
            BundleReportId::Latest,
            DownloadReportBundleParams::new(),
        )
    };
    let whole = download().await.unwrap();
    assert_eq!(whole.content_length(), Some(1000));
    let err = within(whole.bytes()).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");

    let mut chunks = download().await.unwrap().into_stream();
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

// ---- company info ---------------------------------------------------------------------------

#[tokio::test]
async fn company_info_reads_the_accounting_profile() {
    let body = documented("/companies/{companyId}/data/info", "get", "200").unwrap_or_else(|| {
        json!({"companyName": "Codat", "baseCurrency": "GBP", "registrationNumber": "559",
               "addresses": [{"type": "Billing", "city": "London"}, {"type": "Delivery"}],
               "phoneNumbers": [{"number": "020 1", "type": "Landline"}],
               "webLinks": [{"type": "Website", "url": "https://www.codat.io/"}],
               "financialYearStartDate": "2024-04-01T00:00:00"})
    });
    let mock = serve(COMPANY_INFO, 200, &body).await;
    let info = spend(&mock).company_info().get(COMPANY).await.unwrap();
    assert_eq!(info.company_name.as_deref(), text(&body["companyName"]));
    assert_eq!(info.base_currency.as_deref(), text(&body["baseCurrency"]));
    assert_eq!(
        info.registration_number.as_deref(),
        text(&body["registrationNumber"])
    );
    assert_eq!(info.tax_number.as_deref(), text(&body["taxNumber"]));
    assert_eq!(
        info.financial_year_start_date.as_ref().map(|d| d.as_str()),
        text(&body["financialYearStartDate"])
    );
    let addresses = info.addresses.as_ref().unwrap();
    let json = body["addresses"].as_array().unwrap();
    assert_eq!(addresses.len(), json.len());
    for (address, json) in addresses.iter().zip(json) {
        assert_eq!(
            address.r#type.as_ref().map(|t| t.as_str()),
            text(&json["type"])
        );
        assert_eq!(address.city.as_deref(), text(&json["city"]));
        assert_eq!(address.postal_code.as_deref(), text(&json["postalCode"]));
    }
    assert!(matches!(
        addresses[0].r#type,
        Some(CompanyAddressType::Billing)
    ));
    let phones = info.phone_numbers.as_ref().unwrap();
    assert_eq!(phones.len(), body["phoneNumbers"].as_array().unwrap().len());
    assert_eq!(
        phones[0].number.as_deref(),
        text(&body["phoneNumbers"][0]["number"])
    );
    assert_eq!(phones[0].r#type, PhoneNumberType::Landline);
    let links = info.web_links.as_ref().unwrap();
    assert_eq!(links[0].r#type, Some(WebLinkType::Website));
    assert_eq!(links[0].url.as_deref(), text(&body["webLinks"][0]["url"]));
    let full = format!("/companies/{COMPANY}/data/info");
    assert_plain(&only_call(&mock, COMPANY_INFO, &full), &[]);
}

// ---- the page streams -----------------------------------------------------------------------

/// What a page mock answers for page `n` (from 1): items, or an error status.
type Script = Vec<Result<Vec<Value>, u16>>;

/// A mock of the analysis `name` (`suffix` its last path segment) of the test company's latest
/// spend analysis report: `script[n - 1]` answers `page=n` (as `{"results": [...]}`), a page
/// past the script answers empty. Only calls to exactly that path with the test key are
/// answered: the mock knows the operation from its declaration, so a wrong template would
/// otherwise go unseen. Any other call fails the test.
async fn analysis_mock(name: &str, suffix: &str, script: Script) -> MockCodat {
    let mock = MockCodat::start().await;
    let full = format!("/companies/{COMPANY}/reports/spendAnalysis/latest/{suffix}");
    mock.on(name)
        .matching(move |call| call.path() == full)
        .header("authorization", AUTH)
        .reply_with(move |call| {
            let Some(page) = call.query("page").and_then(|p| p.parse::<usize>().ok()) else {
                return Reply::error(400, "every page request names its page");
            };
            match script.get(page.saturating_sub(1)) {
                Some(Ok(items)) => Reply::ok(&json!({ "results": items })),
                Some(Err(status)) => Reply::json(
                    *status,
                    &json!({
                        "statusCode": status, "error": "try later", "correlationId": "corr-page"
                    }),
                ),
                None => Reply::ok(&json!({ "results": [] })),
            }
        });
    mock
}

/// The query of every call of the operation `name` `mock` got, in order.
fn asked(mock: &MockCodat, name: &str) -> Vec<Vec<(String, String)>> {
    mock.calls_to(name)
        .iter()
        .map(|call| call.query_pairs().to_vec())
        .collect()
}

fn suppliers(ids: &[&str]) -> Vec<Value> {
    ids.iter().map(|id| supplier_fixture(id)).collect()
}

fn all_suppliers(
    spend: &SpendInsights,
    options: PageOptions,
) -> futures_util::stream::BoxStream<'static, Result<Supplier, Error>> {
    spend.spend_analysis().list_all_suppliers(
        COMPANY,
        ReportId::Latest,
        GetSupplierAnalysisParams::new().max_age(max_age()),
        options,
    )
}

#[tokio::test]
async fn the_supplier_stream_walks_every_page_and_ends_at_a_short_one() {
    let mock = analysis_mock(
        SUPPLIER_ANALYSIS,
        "suppliers",
        vec![
            Ok(suppliers(&["a", "b"])),
            Ok(suppliers(&["c", "d"])),
            Ok(suppliers(&["e"])),
            Ok(suppliers(&["never"])),
        ],
    )
    .await;
    let spend = spend(&mock);
    let options = PageOptions::new()
        .page_size(2)
        .query("billsCount>0")
        .order_by("-billsAmount");
    let ids: Vec<String> = within(
        all_suppliers(&spend, options)
            .map(|r| r.unwrap().supplier_id.unwrap())
            .collect(),
    )
    .await;
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    // The report's own parameter goes with every page; the short third page is the last.
    assert_eq!(
        asked(&mock, SUPPLIER_ANALYSIS),
        [1, 2, 3].map(|p| pairs(&[
            ("maxAge", MAX_AGE),
            ("page", &p.to_string()),
            ("pageSize", "2"),
            ("query", "billsCount>0"),
            ("orderBy", "-billsAmount"),
        ]))
    );
}

#[tokio::test]
async fn the_supplier_stream_ends_at_an_empty_page_and_counts_codats_default_size() {
    // Full pages all the way: the walk ends at the first empty page.
    let mock = analysis_mock(
        SUPPLIER_ANALYSIS,
        "suppliers",
        vec![Ok(suppliers(&["a", "b"])), Ok(suppliers(&["c", "d"]))],
    )
    .await;
    let spend = self::spend(&mock);
    let ids: Vec<String> = within(
        all_suppliers(&spend, PageOptions::new().page_size(2))
            .map(|r| r.unwrap().supplier_id.unwrap())
            .collect(),
    )
    .await;
    assert_eq!(ids, ["a", "b", "c", "d"]);
    assert_eq!(asked(&mock, SUPPLIER_ANALYSIS).len(), 3);

    // No page size given: Codat's 100 a page, so three suppliers are the whole list.
    let mock = analysis_mock(
        SUPPLIER_ANALYSIS,
        "suppliers",
        vec![Ok(suppliers(&["a", "b", "c"]))],
    )
    .await;
    let spend = self::spend(&mock);
    let ids: Vec<String> = within(
        all_suppliers(&spend, PageOptions::new())
            .map(|r| r.unwrap().supplier_id.unwrap())
            .collect(),
    )
    .await;
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(
        asked(&mock, SUPPLIER_ANALYSIS),
        [pairs(&[("maxAge", MAX_AGE), ("page", "1")])]
    );

    // A first page that is empty, or has no `results` at all: no items, one request.
    for first in [json!({"results": []}), json!({})] {
        let mock = serve(SUPPLIER_ANALYSIS, 200, &first).await;
        let spend = self::spend(&mock);
        let items: Vec<_> = within(all_suppliers(&spend, PageOptions::new()).collect()).await;
        assert!(items.is_empty(), "{first}");
        let full = format!("/companies/{COMPANY}/reports/spendAnalysis/latest/suppliers");
        only_call(&mock, SUPPLIER_ANALYSIS, &full);
    }
}

#[tokio::test]
async fn the_supplier_stream_ends_at_the_first_error() {
    let mock = analysis_mock(
        SUPPLIER_ANALYSIS,
        "suppliers",
        vec![Ok(suppliers(&["a", "b"])), Err(503), Ok(suppliers(&["e"]))],
    )
    .await;
    let spend = spend(&mock);
    let items: Vec<Result<String, Error>> = within(
        all_suppliers(&spend, PageOptions::new().page_size(2))
            .map(|r| r.map(|s| s.supplier_id.unwrap()))
            .collect(),
    )
    .await;
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].as_ref().unwrap(), "a");
    assert_eq!(items[1].as_ref().unwrap(), "b");
    let err = items[2].as_ref().unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.correlation_id(), Some("corr-page"));
    assert_eq!(
        asked(&mock, SUPPLIER_ANALYSIS).len(),
        2,
        "nothing after the error"
    );

    // A page that does not decode ends it the same way.
    let mock = analysis_mock(
        SUPPLIER_ANALYSIS,
        "suppliers",
        vec![
            Ok(suppliers(&["a"])),
            Ok(vec![json!({"billsAmount": "lots"})]),
        ],
    )
    .await;
    let spend = self::spend(&mock);
    let items: Vec<Result<Supplier, Error>> =
        within(all_suppliers(&spend, PageOptions::new().page_size(1)).collect()).await;
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    assert!(matches!(items[1], Err(Error::Decode { .. })), "{items:?}");
}

#[tokio::test]
async fn the_supplier_stream_keeps_page_order_with_several_pages_asked_at_once() {
    let mock = analysis_mock(
        SUPPLIER_ANALYSIS,
        "suppliers",
        vec![
            Ok(suppliers(&["a", "b"])),
            Ok(suppliers(&["c", "d"])),
            Ok(suppliers(&["e", "f"])),
            Ok(suppliers(&["g"])),
        ],
    )
    .await;
    let spend = spend(&mock);
    let ids: Vec<String> = within(
        all_suppliers(&spend, PageOptions::new().page_size(2).concurrency(3))
            .map(|r| r.unwrap().supplier_id.unwrap())
            .collect(),
    )
    .await;
    assert_eq!(ids, ["a", "b", "c", "d", "e", "f", "g"]);
}

#[tokio::test]
async fn the_payment_method_stream_walks_pages_with_the_report_options() {
    let methods =
        |names: &[&str]| -> Vec<Value> { names.iter().map(|m| method_fixture(m)).collect() };
    let mock = analysis_mock(
        METHOD_ANALYSIS,
        "paymentMethods",
        vec![
            Ok(methods(&["BankTransfer", "Check", "Cash"])),
            Ok(methods(&["CreditCard"])),
        ],
    )
    .await;
    let spend = spend(&mock);
    let stream = spend.spend_analysis().list_all_payment_methods(
        COMPANY,
        ReportId::Latest,
        GetPaymentMethodAnalysisParams::new(),
        PageOptions::new().page_size(3),
    );
    let names: Vec<String> = within(
        stream
            .map(|r| {
                r.unwrap()
                    .biggest_count_payment_method
                    .unwrap()
                    .as_str()
                    .to_owned()
            })
            .collect(),
    )
    .await;
    assert_eq!(names, ["BankTransfer", "Check", "Cash", "CreditCard"]);
    assert_eq!(
        asked(&mock, METHOD_ANALYSIS),
        [
            pairs(&[("page", "1"), ("pageSize", "3")]),
            pairs(&[("page", "2"), ("pageSize", "3")])
        ]
    );

    // An error on the first page is the only item.
    let mock = analysis_mock(METHOD_ANALYSIS, "paymentMethods", vec![Err(429)]).await;
    let spend = self::spend(&mock);
    let items: Vec<_> = within(
        spend
            .spend_analysis()
            .list_all_payment_methods(
                COMPANY,
                ReportId::Latest,
                GetPaymentMethodAnalysisParams::new(),
                PageOptions::new(),
            )
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].as_ref().unwrap_err().status(), Some(429));
    assert_eq!(asked(&mock, METHOD_ANALYSIS).len(), 1);
}

/// A page of reports as `list-reports` answers: `ids` of `total` in pages of `size`.
fn reports_page(ids: &[&str], page: i64, size: i64, total: i64) -> Value {
    let results: Vec<Value> = ids
        .iter()
        .map(|id| json!({"id": id, "status": "Complete", "type": "spendAnalysis"}))
        .collect();
    let base = format!("/companies/{COMPANY}/reports");
    let mut links =
        json!({"self": {"href": base}, "current": {"href": format!("{base}?page={page}")}});
    if page * size < total {
        links["next"] = json!({"href": format!("{base}?page={}", page + 1)});
    }
    json!({"results": results, "pageNumber": page, "pageSize": size, "totalResults": total,
           "_links": links})
}

#[tokio::test]
async fn the_report_stream_walks_to_the_last_page_the_total_gives() {
    let mock = MockCodat::start().await;
    let pages: [&[&str]; 3] = [&["r1", "r2"], &["r3", "r4"], &["r5"]];
    let full = format!("/companies/{COMPANY}/reports");
    mock.on(LIST_REPORTS)
        .matching(move |call| call.path() == full)
        .header("authorization", AUTH)
        .reply_with(move |call| {
            let Some(page) = call.query("page").and_then(|p| p.parse::<i64>().ok()) else {
                return Reply::error(400, "every page request names its page");
            };
            let ids = (page as usize)
                .checked_sub(1)
                .and_then(|i| pages.get(i))
                .copied()
                .unwrap_or(&["extra"]);
            Reply::ok(&reports_page(ids, page, 2, 5))
        });
    let spend = spend(&mock);
    let ids: Vec<String> = within(
        spend
            .manage_reports()
            .list_all_reports(
                COMPANY,
                PageOptions::new().page_size(2).query("type=spendAnalysis"),
            )
            .map(|r| r.unwrap().id.unwrap())
            .collect(),
    )
    .await;
    assert_eq!(ids, ["r1", "r2", "r3", "r4", "r5"]);
    assert_eq!(
        asked(&mock, LIST_REPORTS),
        [1, 2, 3].map(|p| pairs(&[
            ("page", &p.to_string()),
            ("pageSize", "2"),
            ("query", "type=spendAnalysis"),
        ]))
    );

    // An error ends the stream after what came before it.
    let mock = MockCodat::start().await;
    mock.on(LIST_REPORTS).reply_with(|call| {
        if call.query("page") == Some("1") {
            Reply::ok(&reports_page(&["r1"], 1, 1, 3))
        } else {
            Reply::json(500, &json!({"statusCode": 500, "error": "down"}))
        }
    });
    let spend = self::spend(&mock);
    let items: Vec<Result<ReportOperation, Error>> = within(
        spend
            .manage_reports()
            .list_all_reports(COMPANY, PageOptions::new().page_size(1))
            .collect(),
    )
    .await;
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    assert_eq!(items[1].as_ref().unwrap_err().status(), Some(500));
    assert_eq!(mock.calls().len(), 2);
}

/// A stream made by a function that owns nothing of the caller's can be returned and driven
/// on another task after the handle is gone.
#[tokio::test]
async fn a_stream_outlives_the_handle_and_ids_it_was_made_from() {
    let mock = analysis_mock(
        SUPPLIER_ANALYSIS,
        "suppliers",
        vec![Ok(suppliers(&["a", "b"]))],
    )
    .await;
    let stream = {
        let spend = spend(&mock);
        let company = COMPANY.to_owned();
        spend.spend_analysis().list_all_suppliers(
            &company,
            ReportId::Latest,
            GetSupplierAnalysisParams::new(),
            PageOptions::new().page_size(5),
        )
    };
    let ids = tokio::spawn(async move {
        stream
            .map(|r| r.unwrap().supplier_id.unwrap())
            .collect::<Vec<_>>()
            .await
    });
    assert_eq!(within(ids).await.unwrap(), ["a", "b"]);
}

// ---- errors and hostile values --------------------------------------------------------------

#[tokio::test]
async fn a_declared_error_status_is_codats_error_message_and_an_undeclared_one_is_not() {
    let message = json!({
        "statusCode": 409,
        "service": "PublicApi",
        "error": "The data type's dataset has not been requested or is still syncing.",
        "correlationId": "corr-409",
        "canBeRetried": "Unknown",
        "detailedErrorCode": 0
    });
    let generate = "/companies/{companyId}/reports/{reportType}";
    let status = "/companies/{companyId}/reports/{reportType}/{reportId}/status";
    if let (Some(declared), Some(undeclared)) = (
        operation(generate, "post").and_then(spec_errors),
        operation(status, "get").and_then(spec_errors),
    ) {
        assert!(declared.contains(&409), "{declared:?}");
        assert!(!undeclared.contains(&409), "{undeclared:?}");
    }
    let mock = serve(GENERATE_REPORT, 409, &message).await;
    let err = spend(&mock)
        .manage_reports()
        .generate_report(COMPANY, &ReportType::SpendAnalysis)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));
    assert_eq!(
        err.error_message().unwrap().error.as_deref(),
        message["error"].as_str()
    );
    assert_eq!(err.correlation_id(), Some("corr-409"));
    let full = format!("/companies/{COMPANY}/reports/spendAnalysis");
    only_call(&mock, GENERATE_REPORT, &full);

    // The same body on an operation that does not declare 409: unexpected, body kept.
    let mock = serve(REPORT_STATUS, 409, &message).await;
    let err = spend(&mock)
        .manage_reports()
        .get_report_status(
            COMPANY,
            &ReportType::SpendAnalysis,
            ReportId::Latest,
            GetReportStatusParams::new(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));
    assert!(err.body().unwrap().contains("corr-409"));
    let full = format!("/companies/{COMPANY}/reports/spendAnalysis/latest/status");
    only_call(&mock, REPORT_STATUS, &full);

    // A wrong key is Codat's 401, declared everywhere.
    let unauthorized =
        json!({"statusCode": 401, "error": "Unauthorized", "correlationId": "c-401"});
    let mock = serve(COMPANY_INFO, 401, &unauthorized).await;
    let err = spend(&mock).company_info().get(COMPANY).await.unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.status(), Some(401));
    let full = format!("/companies/{COMPANY}/data/info");
    only_call(&mock, COMPANY_INFO, &full);
}

#[tokio::test]
async fn a_hostile_id_stays_one_path_segment() {
    let mock = MockCodat::start().await;
    mock.on(GENERATE_REPORT)
        .reply(Reply::ok(&report_fixture("Complete")));
    let spend = spend(&mock);
    for (id, encoded) in [("../x", "..%2Fx"), ("a/b?c#d", "a%2Fb%3Fc%23d")] {
        spend
            .manage_reports()
            .generate_report(id, &ReportType::SpendAnalysis)
            .await
            .unwrap();
        let sent = mock.calls().pop().unwrap();
        // Nothing of the id spills into the query or a fragment: the path is all of it.
        assert_eq!(
            sent.path(),
            format!("/companies/{encoded}/reports/spendAnalysis")
        );
        assert!(sent.query_pairs().is_empty(), "{sent:?}");
        assert_eq!(sent.name(), GENERATE_REPORT);
        assert_eq!(sent.path_value("company_id"), Some(id));
    }
    // A company id of `..` cannot be a segment at all: refused, nothing sent.
    let before = mock.calls().len();
    let err = spend.company_info().get("..").await.unwrap_err();
    assert!(matches!(err, Error::InvalidPathParameter { .. }), "{err:?}");
    assert_eq!(mock.calls().len(), before);
    // A report id is a UUID or `latest`, so nothing else reaches the path.
    assert!("../latest".parse::<ReportId>().is_err());
}

#[tokio::test]
async fn every_operation_of_the_spec_is_declared_once_here() {
    let ours: Vec<_> = codat_client::operations()
        .filter(|op| op.product == "codat-spend-insights")
        .collect();
    let mut templates: Vec<String> = ours
        .iter()
        .map(|op| format!("{:?} {}", op.method, op.template))
        .collect();
    templates.sort();
    templates.dedup();
    assert_eq!(ours.len(), 7, "{templates:#?}");
    assert_eq!(templates.len(), 7, "{templates:#?}");
    let Some(spec) = spec() else { return };
    let mut in_spec = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        let verbs = item.as_object().unwrap().keys();
        for verb in
            verbs.filter(|k| ["get", "post", "put", "patch", "delete"].contains(&k.as_str()))
        {
            in_spec += 1;
            let template = path.replace('{', "<").replace('}', ">");
            let found = ours.iter().any(|op| {
                format!("{:?}", op.method).eq_ignore_ascii_case(verb)
                    && op.template.replace('_', "").eq_ignore_ascii_case(&template)
            });
            assert!(found, "{verb} {path} is not declared");
        }
    }
    assert_eq!(in_spec, 7);
}
