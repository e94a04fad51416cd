//! Every Spend Insights operation and the report stream, from the two tables the shared checks
//! walk (`codat_product_tests`): what each operation sends (optional parameters by name,
//! paging, the bundle's required `reportId`), the spec's documented examples decoded (amounts
//! exact), Codat's errors, hostile path values, the declarations. Then, against codat-test's
//! Codat stand-in, what only this product has: report types Codat adds later, amounts past an
//! f64, the report bundle streamed with its file name and bundle headers, and the analysis
//! streams that end at a short or empty page.

use codat_client::models::DateTime;
use codat_client::paging::{PageOptions, PageParams};
use codat_client::{Download, Error};
use codat_product_tests::{call, list, list_tests, op_tests, paging, spec_file, within};
use codat_product_tests::{Product, COMPANY, PAGING_QUERY};
use codat_spend_insights::manage_reports::ReportType;
use codat_spend_insights::models::{
    DownloadReportBundleParams, GetPaymentMethodAnalysisParams, GetReportStatusParams,
    GetSupplierAnalysisParams, Language, PaymentMethodType, Supplier,
};
use codat_spend_insights::spend_analysis::{BundleContents, BundleReportId};
use codat_spend_insights::{ReportId, SpendInsights};
use codat_test::{Call, MockCodat, Reply};
use futures_util::StreamExt;
use rust_decimal_macros::dec;
use serde_json::{json, Value};

type Op = codat_product_tests::Op<SpendInsights>;
type List = codat_product_tests::List<SpendInsights>;

const KEY: &str = "spend-insights-test-key";
/// `Basic` and the key in base64, worked out independently of the client.
const AUTH: &str = "Basic c3BlbmQtaW5zaWdodHMtdGVzdC1rZXk=";
const REPORT: &str = "6e9bae88-72c9-45ae-abe8-41fbf2871458";
const MAX_AGE: &str = "2024-05-01T00:00:00Z";
const SPEC: &str = "Codat-Spend-Insights.json";

static SPEND: Product<SpendInsights> =
    Product::new("codat-spend-insights", SpendInsights::new).values(&[("reportId", REPORT)]);

// The operations, by their function, as codat-test names them.
const GENERATE_REPORT: &str = "manage_reports::generate_report";
const REPORT_STATUS: &str = "manage_reports::get_report_status";
const SUPPLIER_ANALYSIS: &str = "spend_analysis::get_supplier_analysis";
const METHOD_ANALYSIS: &str = "spend_analysis::get_payment_method_analysis";
const DOWNLOAD_BUNDLE: &str = "spend_analysis::download_report_bundle";

fn max_age() -> DateTime {
    DateTime::from(MAX_AGE)
}

fn report_id(id: &str) -> ReportId {
    id.parse().unwrap()
}

fn report_fixture(status: &str) -> Value {
    json!({"id": REPORT, "status": status, "type": "spendAnalysis",
           "requestedDate": "2024-09-27T04:43:41Z", "updatedDate": "2024-10-01T14:41:46Z"})
}

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

fn method_fixture(method: &str) -> Value {
    json!({"biggestCountPaymentMethod": method, "suppliersCount": 4,
           "percentageSuppliersByCount": 33.33, "billsCount": 12, "billsAmount": 80500.10,
           "averagePaymentAmount": 45714.29, "directCostsPercentageByAmount": 12.5,
           "directCostsCount": 3, "directCostsAmount": 1000.01})
}

/// The spec's response examples of an analysis are bare arrays where its schema has an object
/// with `results`: the client reads the schema and says what it got, rather than an empty
/// analysis. The schema's own example is the analysis it means.
fn analysis(schema: &'static str) -> impl Fn(&Value) -> Option<Value> {
    move |example| {
        // Without the spec, the fixture is the analysis itself.
        let spec = spec_file(SPEC)?;
        assert!(example.is_array(), "the spec's example is an object now");
        spec.pointer(&format!("/components/schemas/{schema}/example"))
            .cloned()
    }
}

fn ops() -> Vec<Op> {
    let paging_query = |prefix: &str| format!("{prefix}&{PAGING_QUERY}");
    vec![
        Op::post(
            "/companies/{companyId}/reports/{reportType}",
            call!(|p, a| p
                .manage_reports()
                .generate_report(&a[0], &ReportType::from(&a[1]))),
        )
        .status(202)
        .fixture(report_fixture("InProgress")),
        Op::get(
            "/companies/{companyId}/reports/{reportType}/{reportId}/status",
            call!(|p, a| async {
                let options = GetReportStatusParams::new().max_age(max_age());
                let reports = p.manage_reports();
                reports
                    .get_report_status(&a[0], &ReportType::from(&a[1]), report_id(&a[2]), options)
                    .await
            }),
        )
        .query("maxAge=2024-05-01T00%3A00%3A00Z")
        .typed(&["reportId"])
        .fixture(report_fixture("Complete")),
        Op::page(
            "/companies/{companyId}/reports",
            call!(|p, a| p.manage_reports().list_reports(&a[0], paging())),
            report_fixture("Complete"),
        ),
        Op::get(
            "/companies/{companyId}/reports/spendAnalysis/{reportId}/suppliers",
            call!(|p, a| {
                let options = GetSupplierAnalysisParams::new().max_age(max_age());
                p.spend_analysis()
                    .get_supplier_analysis(&a[0], report_id(&a[1]), options, paging())
            }),
        )
        .query(paging_query("maxAge=2024-05-01T00%3A00%3A00Z"))
        .typed(&["reportId"])
        .erratum(|e| analysis("SupplierAnalysis")(e))
        .fixture(json!({"results": [supplier_fixture("s-1"), supplier_fixture("s-2")]})),
        Op::get(
            "/companies/{companyId}/reports/spendAnalysis/{reportId}/paymentMethods",
            call!(|p, a| {
                let options = GetPaymentMethodAnalysisParams::new().max_age(max_age());
                let analysis = p.spend_analysis();
                analysis.get_payment_method_analysis(&a[0], report_id(&a[1]), options, paging())
            }),
        )
        .query(paging_query("maxAge=2024-05-01T00%3A00%3A00Z"))
        .typed(&["reportId"])
        .erratum(|e| analysis("PaymentMethodAnalysis")(e))
        .fixture(
            json!({"results": [method_fixture("BankTransfer"), method_fixture("CreditCard")]}),
        ),
        Op::get(
            "/companies/{companyId}/reports/bundle",
            call!(|p, a| async {
                let french = DownloadReportBundleParams::new().lang(Language::Fr);
                let bundle = p.spend_analysis();
                bundle.download_report_bundle(&a[0], BundleReportId::Latest, french).await
            } => file),
        )
        .query("reportId=latest&lang=fr")
        .file(ZIP),
        Op::get(
            "/companies/{companyId}/data/info",
            call!(|p, a| p.company_info().get(&a[0])),
        )
        .fixture(
            json!({"companyName": "Codat", "baseCurrency": "GBP", "registrationNumber": "559",
               "addresses": [{"type": "Billing", "city": "London"}, {"type": "Delivery"}],
               "phoneNumbers": [{"number": "020 1", "type": "Landline"}],
               "webLinks": [{"type": "Website", "url": "https://www.codat.io/"}],
               "financialYearStartDate": "2024-04-01T00:00:00"}),
        ),
    ]
}

op_tests!(SPEND, ops(), 7);

fn lists() -> Vec<List> {
    vec![List::new(
        "/companies/{companyId}/reports",
        list!(
            |p, o| p.manage_reports().list_all_reports(COMPANY, o.options()),
            |r| r.id
        ),
    )
    .item(|i| json!({"id": format!("item-{i}"), "status": "Complete", "type": "spendAnalysis"}))]
}

list_tests!(SPEND, lists());

// ---- against codat-test's stand-in ----------------------------------------------------------

use crate::spend;

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

#[tokio::test]
async fn a_report_type_codat_adds_later_and_the_latest_report_without_max_age() {
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

    let mock = serve(REPORT_STATUS, 200, &report_fixture("Complete")).await;
    let reports = spend(&mock);
    let (latest, none) = (ReportId::Latest, GetReportStatusParams::new());
    let spend_analysis = &ReportType::SpendAnalysis;
    reports
        .manage_reports()
        .get_report_status(COMPANY, spend_analysis, latest, none)
        .await
        .unwrap();
    let full = format!("/companies/{COMPANY}/reports/spendAnalysis/latest/status");
    assert_plain(&only_call(&mock, REPORT_STATUS, &full), &[]);
    // A report id is a UUID or `latest`, so nothing else reaches the path.
    assert!("../latest".parse::<ReportId>().is_err());
}

#[tokio::test]
async fn supplier_amounts_far_past_an_f64_arrive_to_the_cent() {
    let exact = json!({"results": [supplier_fixture("s-9")]});
    let mock = serve(SUPPLIER_ANALYSIS, 200, &exact).await;
    let (none, all) = (GetSupplierAnalysisParams::new(), PageParams::new());
    let spend = spend(&mock);
    let analysis =
        spend
            .spend_analysis()
            .get_supplier_analysis(COMPANY, ReportId::Latest, none, all);
    let supplier = &analysis.await.unwrap().results.unwrap()[0];
    assert_eq!(supplier.bills_amount, Some(dec!(1234567.89)));
    let paid = supplier.bills_amount.unwrap() - supplier.payments_amount.unwrap();
    assert_eq!(paid, dec!(0.10));
    assert_eq!(supplier.bills_outstanding_amount, Some(dec!(0.1)));
    assert_eq!(supplier.common_payment_terms_days, Some(30));
    let full = format!("/companies/{COMPANY}/reports/spendAnalysis/latest/suppliers");
    assert_plain(&only_call(&mock, SUPPLIER_ANALYSIS, &full), &[]);
}

#[tokio::test]
async fn every_payment_method_is_named_once_and_one_codat_adds_later_is_kept() {
    if let Some(spec) = spec_file(SPEC) {
        // The spec's example names every payment method once.
        let example = &spec["components"]["schemas"]["PaymentMethodAnalysis"]["example"];
        let mut named: Vec<&str> = example["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["biggestCountPaymentMethod"].as_str().unwrap())
            .collect();
        named.sort_unstable();
        let all = [
            "BankTransfer",
            "Cash",
            "Check",
            "CreditCard",
            "DebitCard",
            "Other",
            "Unknown",
        ];
        assert_eq!(named, all);
        for name in all {
            assert!(!matches!(
                PaymentMethodType::from(name),
                PaymentMethodType::Unrecognized(_)
            ));
        }
    }
    // Without options or paging: no query at all.
    let later = json!({"results": [method_fixture("Crypto")]});
    let mock = serve(METHOD_ANALYSIS, 200, &later).await;
    let (none, all) = (GetPaymentMethodAnalysisParams::new(), PageParams::new());
    let spend = spend(&mock);
    let analysis =
        spend
            .spend_analysis()
            .get_payment_method_analysis(COMPANY, ReportId::Latest, none, all);
    let method = &analysis.await.unwrap().results.unwrap()[0];
    let crypto = Some(PaymentMethodType::Unrecognized("Crypto".into()));
    assert_eq!(method.biggest_count_payment_method, crypto);
    assert_eq!(method.bills_amount, Some(dec!(80500.10)));
    let full = format!("/companies/{COMPANY}/reports/spendAnalysis/latest/paymentMethods");
    assert_plain(&only_call(&mock, METHOD_ANALYSIS, &full), &[]);
}

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

/// The bundle downloaded, with `params`, from a mock that answers with `reply`, and the mock.
async fn bundle(reply: Reply, params: DownloadReportBundleParams) -> (Download, MockCodat) {
    let mock = MockCodat::start().await;
    mock.on(DOWNLOAD_BUNDLE).reply(reply);
    let spend = spend(&mock);
    let download =
        spend
            .spend_analysis()
            .download_report_bundle(COMPANY, BundleReportId::Latest, params);
    (download.await.unwrap(), mock)
}

/// The one download of the bundle `mock` got, checked for its path and key.
fn only_download(mock: &MockCodat) -> Call {
    let full = format!("/companies/{COMPANY}/reports/bundle");
    only_call(mock, DOWNLOAD_BUNDLE, &full)
}

#[tokio::test]
async fn the_bundle_is_streamed_with_its_name_and_what_it_holds() {
    let bytes = archive();
    let name = "ExampleCompany_SpendReports_fr_2026-06-03.zip";
    let (download, mock) = bundle(
        Reply::raw(200, ZIP, bytes.clone())
            .header(
                "content-disposition",
                &format!("attachment; filename={name}"),
            )
            .header("x-bundle-partial", "true")
            .header("x-bundle-included", "3")
            .header("x-bundle-total", "4"),
        DownloadReportBundleParams::new().lang(Language::Fr),
    )
    .await;
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
    if let Some(spec) = spec_file(SPEC) {
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
        let params = DownloadReportBundleParams::new().lang(language);
        let (download, mock) = bundle(Reply::raw(200, ZIP, "PK"), params).await;
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
    let none = DownloadReportBundleParams::new;
    let (download, mock) = bundle(Reply::raw(200, ZIP, "PK"), none()).await;
    assert_eq!(BundleContents::of(&download), BundleContents::default());
    assert_plain(&only_download(&mock), &[("reportId", "latest")]);
    for (headers, partial, included, total) in [
        (["yes", "three", " 4 "], None, None, Some(4)),
        (["false", "4", "4"], Some(false), Some(4), Some(4)),
    ] {
        let mut reply = Reply::raw(200, ZIP, "PK");
        for (name, value) in ["x-bundle-partial", "x-bundle-included", "x-bundle-total"]
            .iter()
            .zip(headers)
        {
            reply = reply.header(name, value);
        }
        let (download, _) = bundle(reply, none()).await;
        assert_eq!(
            BundleContents::of(&download),
            BundleContents {
                partial,
                included,
                total
            }
        );
    }
}

#[tokio::test]
async fn a_bundle_that_ends_early_is_an_error_not_a_short_archive() {
    // Hand-built, since codat-test always sends the whole body it was given.
    let url = codat_product_tests::cut_short_server(ZIP, 1000, b"PK\x03\x04 only the start");
    let codat = codat_product_tests::builder(KEY, &url).build().unwrap();
    let spend = SpendInsights::new(&codat);
    let (analysis, none) = (spend.spend_analysis(), DownloadReportBundleParams::new);
    let download = || analysis.download_report_bundle(COMPANY, BundleReportId::Latest, none());
    codat_product_tests::check_cut_short(download(), download(), 1000).await;
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

/// Pages of suppliers with these ids, in turn.
fn pages(ids: &[&[&str]]) -> Script {
    ids.iter().map(|ids| Ok(suppliers(ids))).collect()
}

/// The suppliers' ids (or the error) read with `options` from pages answering `script`, and
/// the mock.
async fn walk(script: Script, options: PageOptions) -> (Vec<Result<String, Error>>, MockCodat) {
    let mock = analysis_mock(SUPPLIER_ANALYSIS, "suppliers", script).await;
    let spend = spend(&mock);
    let all = all_suppliers(&spend, options).map(|r| r.map(|s| s.supplier_id.unwrap()));
    (within(all.collect()).await, mock)
}

/// The ids of a walk that must not fail.
fn oks(items: Vec<Result<String, Error>>) -> Vec<String> {
    items.into_iter().map(Result::unwrap).collect()
}

#[tokio::test]
async fn the_supplier_stream_walks_every_page_and_ends_at_a_short_one() {
    let script = pages(&[&["a", "b"], &["c", "d"], &["e"], &["never"]]);
    let options = PageOptions::new()
        .page_size(2)
        .query("billsCount>0")
        .order_by("-billsAmount");
    let (ids, mock) = walk(script, options).await;
    assert_eq!(oks(ids), ["a", "b", "c", "d", "e"]);
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
    let (ids, mock) = walk(
        pages(&[&["a", "b"], &["c", "d"]]),
        PageOptions::new().page_size(2),
    )
    .await;
    assert_eq!(oks(ids), ["a", "b", "c", "d"]);
    assert_eq!(asked(&mock, SUPPLIER_ANALYSIS).len(), 3);

    // No page size given: Codat's 100 a page, so three suppliers are the whole list.
    let (ids, mock) = walk(pages(&[&["a", "b", "c"]]), PageOptions::new()).await;
    assert_eq!(oks(ids), ["a", "b", "c"]);
    let first = [pairs(&[("maxAge", MAX_AGE), ("page", "1")])];
    assert_eq!(asked(&mock, SUPPLIER_ANALYSIS), first);

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
    let mut script = pages(&[&["a", "b"], &["e"]]);
    script.insert(1, Err(503));
    let (items, mock) = walk(script, PageOptions::new().page_size(2)).await;
    assert_eq!(items.len(), 3);
    assert_eq!(
        (items[0].as_deref().unwrap(), items[1].as_deref().unwrap()),
        ("a", "b")
    );
    let err = items[2].as_ref().unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(
        (err.status(), err.correlation_id()),
        (Some(503), Some("corr-page"))
    );
    let asked = asked(&mock, SUPPLIER_ANALYSIS).len();
    assert_eq!(asked, 2, "nothing after the error");

    // A page that does not decode ends it the same way.
    let script = vec![
        Ok(suppliers(&["a"])),
        Ok(vec![json!({"billsAmount": "lots"})]),
    ];
    let mock = analysis_mock(SUPPLIER_ANALYSIS, "suppliers", script).await;
    let spend = self::spend(&mock);
    let items: Vec<Result<Supplier, Error>> =
        within(all_suppliers(&spend, PageOptions::new().page_size(1)).collect()).await;
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    assert!(matches!(items[1], Err(Error::Decode { .. })), "{items:?}");
}

#[tokio::test]
async fn the_supplier_stream_keeps_page_order_with_several_pages_asked_at_once() {
    let script = pages(&[&["a", "b"], &["c", "d"], &["e", "f"], &["g"]]);
    let (ids, _mock) = walk(script, PageOptions::new().page_size(2).concurrency(3)).await;
    assert_eq!(oks(ids), ["a", "b", "c", "d", "e", "f", "g"]);
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
