//! A card issuer's look at one business customer with Codat's Spend Insights API: a spend
//! analysis report generated and waited for, its suppliers (streamed page by page, amounts
//! exact) with those paid by bank transfer or check singled out as card candidates, the
//! breakdown by payment method, and the report's files as one ZIP archive, saved.
//!
//! Without credentials it starts a LOCAL MOCK of the API on 127.0.0.1 and says so. With
//! `CODAT_API_KEY` (or `CODAT_AUTH_HEADER`) and `CODAT_COMPANY_ID` set it calls the real Codat
//! API (or `CODAT_BASE_URL`): it asks Codat to generate a new spend analysis report, and
//! otherwise only reads. The archive is saved under the name Codat gives it, in the folder
//! `SPEND_INSIGHTS_OUT`, else in the system's temporary folder.
//!
//! ```sh
//! cargo run -p codat-spend-insights --example spend_insights
//! CODAT_API_KEY=... CODAT_COMPANY_ID=... cargo run -p codat-spend-insights --example spend_insights
//! ```

/// The local stand-in the example runs against without credentials.
pub(crate) mod mock;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use codat_client::models::Decimal;
use codat_client::paging::{PageOptions, PageParams};
use codat_client::wait::{Status, WaitOptions};
use codat_client::Codat;
use codat_mock::cli::{env, exit_code};
use codat_spend_insights::manage_reports::ReportType;
use codat_spend_insights::models::{
    DownloadReportBundleParams, GetPaymentMethodAnalysisParams, GetSupplierAnalysisParams,
};
use codat_spend_insights::spend_analysis::{BundleContents, BundleReportId};
use codat_spend_insights::{ReportId, SpendInsights};
use futures_util::TryStreamExt;
use mock::MockSpendInsights;

#[tokio::main]
async fn main() -> ExitCode {
    exit_code(run().await)
}

async fn run() -> Result<(), String> {
    let out = env("SPEND_INSIGHTS_OUT").map_or_else(std::env::temp_dir, PathBuf::from);
    if env("CODAT_API_KEY").is_some() || env("CODAT_AUTH_HEADER").is_some() {
        let codat = Codat::from_env().map_err(|e| e.report().to_string())?;
        let company =
            env("CODAT_COMPANY_ID").ok_or("set CODAT_COMPANY_ID to the company to analyse")?;
        println!(
            "Calling the Codat API at {} for company {company} (generates a spend analysis \
             report, reads otherwise).",
            codat.base_url()
        );
        report(&SpendInsights::new(&codat), &company, &out).await
    } else {
        let mock = MockSpendInsights::start().await;
        println!(
            "CODAT_API_KEY is not set: calling a LOCAL MOCK of the Spend Insights API at {} \
             (not the real API; the data is made up). Set CODAT_API_KEY and CODAT_COMPANY_ID \
             to call Codat.",
            mock.uri()
        );
        report(&SpendInsights::new(&mock.client()), mock.company_id(), &out).await
    }
}

/// The whole look at `company`, printed; the report's archive saved in the folder `out`.
async fn report(spend: &SpendInsights, company: &str, out: &Path) -> Result<(), String> {
    println!("Generating a spend analysis report:");
    // Codat reads the company's data again first: allow it minutes, polling at most every 10 s.
    let waiting = WaitOptions::new()
        .initial_interval(Duration::from_millis(500))
        .max_interval(Duration::from_secs(10))
        .timeout(Duration::from_secs(15 * 60));
    let mut progress =
        spend
            .manage_reports()
            .generate_and_wait(company, &ReportType::SpendAnalysis, waiting);
    let mut done = None;
    while let Some(status) = progress
        .try_next()
        .await
        .map_err(|e| e.report().to_string())?
    {
        println!(
            "  report {}: {}",
            status.id.as_deref().unwrap_or("(no id yet)"),
            status.label()
        );
        done = Some(status);
    }
    let report_id = done
        .and_then(|report| report.id)
        .and_then(|id| id.parse().ok())
        .unwrap_or(ReportId::Latest);

    println!("Suppliers:");
    let mut suppliers = spend.spend_analysis().list_all_suppliers(
        company,
        report_id,
        GetSupplierAnalysisParams::new(),
        PageOptions::new().page_size(2),
    );
    // Amounts are exact decimals: the sums are to the penny, whatever the count.
    let (mut count, mut billed, mut outstanding) = (0usize, Decimal::ZERO, Decimal::ZERO);
    let mut candidates = Vec::new();
    while let Some(supplier) = suppliers
        .try_next()
        .await
        .map_err(|e| e.report().to_string())?
    {
        count += 1;
        billed += supplier.bills_amount.unwrap_or_default();
        outstanding += supplier.bills_outstanding_amount.unwrap_or_default();
        let name = supplier.supplier_name.as_deref().unwrap_or("-");
        let method = supplier
            .biggest_spend_payment_method
            .as_deref()
            .unwrap_or("-");
        println!(
            "  {:<26} {:>3} bills {:>11.2} billed {:>10.2} outstanding  {:>2} paid late  by {method}",
            name,
            supplier.bills_count.unwrap_or(0),
            supplier.bills_amount.unwrap_or_default(),
            supplier.bills_outstanding_amount.unwrap_or_default(),
            supplier.bills_paid_late_count.unwrap_or(0),
        );
        if matches!(method, "BankTransfer" | "Check") {
            candidates.push(name.to_owned());
        }
    }
    println!("  {count} suppliers, {billed:.2} billed, {outstanding:.2} outstanding");
    println!(
        "  Card candidates (paid mostly by bank transfer or check): {}",
        if candidates.is_empty() {
            "none".to_owned()
        } else {
            candidates.join(", ")
        }
    );

    println!("By payment method:");
    let methods = spend
        .spend_analysis()
        .get_payment_method_analysis(
            company,
            report_id,
            GetPaymentMethodAnalysisParams::new(),
            PageParams::new(),
        )
        .await
        .map_err(|e| e.report().to_string())?;
    for method in methods.results.unwrap_or_default() {
        println!(
            "  {:<13} {:>3} suppliers {:>11.2} billed ({}% of the amount)",
            method
                .biggest_count_payment_method
                .as_ref()
                .map_or("-", |m| m.as_str()),
            method.suppliers_count.unwrap_or(0),
            method.bills_amount.unwrap_or_default(),
            method
                .percentage_bills_by_amount
                .map_or("-".into(), |p| p.to_string()),
        );
    }

    let bundle = spend
        .spend_analysis()
        .download_report_bundle(
            company,
            BundleReportId::Latest,
            DownloadReportBundleParams::new(),
        )
        .await
        .map_err(|e| e.report().to_string())?;
    let contents = BundleContents::of(&bundle);
    let content_type = bundle.content_type().unwrap_or("unknown").to_owned();
    let name = bundle
        .file_name()
        .unwrap_or_else(|| "spend-analysis-report.zip".into());
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let path = out.join(&name);
    // Streamed to a temporary file beside `path`, renamed over it once the whole archive came.
    let written = bundle
        .save_to(&path)
        .await
        .map_err(|e| e.report().to_string())?;
    let files = match (contents.included, contents.total) {
        (Some(included), Some(total)) => format!("{included} of {total} files"),
        _ => "files not counted".to_owned(),
    };
    println!(
        "Report bundle: {written} bytes ({content_type}, {files}) saved to {}",
        path.display()
    );
    if contents.partial == Some(true) {
        println!("  Some files could not be bundled: manifest.txt in the archive says which.");
    }
    Ok(())
}
