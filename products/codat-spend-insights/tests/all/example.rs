//! The `spend_insights` example end to end: run as a user runs it, offline (it says it calls a
//! local mock) and in its real-API mode pointed at the same mock on loopback; the report is
//! generated and waited for, the suppliers and payment methods printed with exact sums, and
//! the archive it saves is byte for byte what was served. And the stand-in itself: a ZIP
//! archive named as Codat names bundles, in each language, and what Codat would refuse
//! (a wrong key, no report yet, a bundle of anything but `latest`, an unknown language).

#[allow(dead_code)] // the test uses a part
#[path = "../../examples/spend_insights/mock.rs"]
mod spend_insights_mock;

use codat_client::paging::PageOptions;
use codat_mock::{basic_auth, MOCK_API_KEY, MOCK_COMPANY_ID};
use codat_spend_insights::manage_reports::ReportType;
use codat_spend_insights::models::{
    DownloadReportBundleParams, GetSupplierAnalysisParams, Language,
};
use codat_spend_insights::spend_analysis::{BundleContents, BundleReportId};
use codat_spend_insights::{ReportId, SpendInsights};
use futures_util::TryStreamExt;
use spend_insights_mock::{
    bundle, bundle_files, bundle_name, MockSpendInsights, LANGUAGES, REPORT_ID,
};

fn run_example(envs: &[(&str, &str)], out: &std::path::Path) -> (bool, String, String) {
    let out = out.to_str().unwrap();
    let mut all = vec![("SPEND_INSIGHTS_OUT", out)];
    all.extend_from_slice(envs);
    codat_mock::cli::run_example("spend_insights", &all)
}

/// A fresh folder for one run's archive.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// What every run prints, offline or not: the report followed to completion, the five
/// suppliers with their sums and card candidates, the payment methods and the saved archive.
fn assert_report(stdout: &str, out: &std::path::Path) {
    assert!(
        stdout.contains(&format!(
            "  report {REPORT_ID}: InProgress\n  report {REPORT_ID}: Complete\n"
        )),
        "{stdout}"
    );
    let suppliers: Vec<&str> = stdout
        .lines()
        .skip_while(|l| *l != "Suppliers:")
        .skip(1)
        .take(5)
        .map(|l| l.trim_start().split("  ").next().unwrap())
        .collect();
    assert_eq!(
        suppliers,
        [
            "Harbour Lights Ltd",
            "Northwind Traders",
            "Acme Fabrication",
            "Corner Café Supplies",
            "Jensen Steuber Logistics"
        ],
        "{stdout}"
    );
    assert!(
        stdout.contains("5 suppliers, 185556.40 billed, 34460.90 outstanding"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "Card candidates (paid mostly by bank transfer or check): Harbour Lights Ltd, \
             Acme Fabrication, Jensen Steuber Logistics"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("(34.2% of the amount)"), "{stdout}");
    assert!(stdout.contains("(52.17% of the amount)"), "{stdout}");
    let saved = out.join(bundle_name(None));
    let archive = bundle(None);
    assert!(
        stdout.contains(&format!(
            "Report bundle: {} bytes (application/zip, 3 of 3 files) saved to {}",
            archive.len(),
            saved.display()
        )),
        "{stdout}"
    );
    assert!(!stdout.contains("could not be bundled"), "{stdout}");
    assert_eq!(std::fs::read(&saved).unwrap(), archive);
    std::fs::remove_dir_all(out).unwrap();
}

#[test]
fn the_example_run_offline_says_it_calls_a_local_mock() {
    let out = temp_dir("spend-offline");
    let (ok, stdout, stderr) = run_example(&[], &out);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("calling a LOCAL MOCK of the Spend Insights API at http://127.0.0.1:"),
        "{stdout}"
    );
    assert!(stdout.contains("(not the real API"), "{stdout}");
    assert_report(&stdout, &out);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_example_with_credentials_calls_the_api_it_is_given() {
    let mock = MockSpendInsights::start().await;
    let out = temp_dir("spend-api");
    let uri = mock.uri();
    let target = out.clone();
    let (ok, stdout, stderr) = tokio::task::spawn_blocking(move || {
        run_example(
            &[
                ("CODAT_API_KEY", MOCK_API_KEY),
                ("CODAT_BASE_URL", &uri),
                ("CODAT_COMPANY_ID", MOCK_COMPANY_ID),
            ],
            &target,
        )
    })
    .await
    .unwrap();
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!("Calling the Codat API at {}", mock.uri())),
        "{stdout}"
    );
    assert!(!stdout.contains("MOCK"), "{stdout}");
    assert_report(&stdout, &out);
    // The start, one status read, three pages of two suppliers (the short third is the
    // last), the payment methods, the bundle.
    let asked: Vec<String> = mock
        .calls()
        .iter()
        .map(|c| {
            let path = c
                .path()
                .replace(MOCK_COMPANY_ID, "C")
                .replace(REPORT_ID, "R");
            let query: Vec<String> = c
                .query_pairs()
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect();
            match query.join("&") {
                query if query.is_empty() => format!("{} {path}", c.method()),
                query => format!("{} {path}?{query}", c.method()),
            }
        })
        .collect();
    assert_eq!(
        asked,
        [
            "POST /companies/C/reports/spendAnalysis",
            "GET /companies/C/reports/spendAnalysis/R/status",
            "GET /companies/C/reports/spendAnalysis/R/suppliers?page=1&pageSize=2",
            "GET /companies/C/reports/spendAnalysis/R/suppliers?page=2&pageSize=2",
            "GET /companies/C/reports/spendAnalysis/R/suppliers?page=3&pageSize=2",
            "GET /companies/C/reports/spendAnalysis/R/paymentMethods",
            "GET /companies/C/reports/bundle?reportId=latest",
        ]
    );

    // Without a company it says what is missing, and fails.
    let uri = mock.uri();
    let (ok, _, stderr) = tokio::task::spawn_blocking(move || {
        run_example(
            &[("CODAT_API_KEY", MOCK_API_KEY), ("CODAT_BASE_URL", &uri)],
            &temp_dir("spend-unused"),
        )
    })
    .await
    .unwrap();
    assert!(!ok);
    assert!(stderr.contains("set CODAT_COMPANY_ID"), "{stderr}");
}

#[tokio::test]
async fn the_stand_in_serves_a_bundle_in_every_language_and_refuses_what_codat_would() {
    let mock = MockSpendInsights::start().await;
    let spend = SpendInsights::new(&mock.client());

    // Nothing before a report is asked for.
    let err = spend
        .spend_analysis()
        .get_supplier_analysis(
            MOCK_COMPANY_ID,
            ReportId::Latest,
            GetSupplierAnalysisParams::new(),
            codat_client::paging::PageParams::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));

    let started = spend
        .manage_reports()
        .generate_report(MOCK_COMPANY_ID, &ReportType::SpendAnalysis)
        .await
        .unwrap();
    assert_eq!(started.id.as_deref(), Some(REPORT_ID));
    let suppliers: Vec<_> = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        spend
            .spend_analysis()
            .list_all_suppliers(
                MOCK_COMPANY_ID,
                ReportId::Latest,
                GetSupplierAnalysisParams::new(),
                PageOptions::new(),
            )
            .try_collect::<Vec<_>>(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(suppliers.len(), 5);

    for lang in LANGUAGES {
        let download = spend
            .spend_analysis()
            .download_report_bundle(
                MOCK_COMPANY_ID,
                BundleReportId::Latest,
                DownloadReportBundleParams::new().lang(Language::from(lang)),
            )
            .await
            .unwrap();
        assert_eq!(
            download.file_name(),
            Some(bundle_name(Some(lang))),
            "{lang}"
        );
        assert_eq!(
            BundleContents::of(&download),
            BundleContents {
                partial: Some(false),
                included: Some(3),
                total: Some(3)
            }
        );
        assert_eq!(
            download.bytes().await.unwrap(),
            bundle(Some(lang)),
            "{lang}"
        );
    }
    assert!(bundle_name(Some("fr")).contains("_SpendReports_fr_"));
    let french = String::from_utf8(bundle_files(Some("fr"))[1].1.clone()).unwrap();
    assert!(french.starts_with("fournisseur,"), "{french}");

    // A language the spec does not list, and a bundle of anything but `latest`: Codat's 400.
    let err = spend
        .spend_analysis()
        .download_report_bundle(
            MOCK_COMPANY_ID,
            BundleReportId::Latest,
            DownloadReportBundleParams::new().lang(Language::Unrecognized("de".into())),
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
    let raw = reqwest::Client::new()
        .get(format!(
            "{}/companies/{MOCK_COMPANY_ID}/reports/bundle?reportId={REPORT_ID}",
            mock.uri()
        ))
        .header("authorization", basic_auth(MOCK_API_KEY))
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status().as_u16(), 400);

    // A wrong key: Codat's 401.
    let stranger = codat_client::Codat::builder()
        .api_key("not-the-mock-key")
        .base_url(mock.uri())
        .build()
        .unwrap();
    let refused = SpendInsights::new(&stranger)
        .company_info()
        .get(MOCK_COMPANY_ID)
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(401));
}
