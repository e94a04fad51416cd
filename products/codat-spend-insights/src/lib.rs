//! Codat's [Spend Insights](https://docs.codat.io/spend-insights/overview) API: a card issuer or
//! payments provider reads a business customer's accounts payable through Codat and gets back
//! a spend analysis report: who the business pays, how much, how late and by which payment
//! method. That points to the suppliers worth moving to card payments and to outreach on the
//! customer's behalf.
//!
//! # Example
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_client::wait::WaitOptions;
//! use codat_client::Codat;
//! use codat_spend_insights::manage_reports::ReportType;
//! use codat_spend_insights::models::{DownloadReportBundleParams, GetSupplierAnalysisParams};
//! use codat_spend_insights::spend_analysis::{BundleContents, BundleReportId};
//! use codat_spend_insights::{ReportId, SpendInsights};
//! use futures_util::TryStreamExt;
//!
//! async fn card_candidates(company: &str) -> Result<(), codat_client::Error> {
//!     let codat = Codat::from_env()?;
//!     let spend = SpendInsights::new(&codat);
//!     // Build a new report and wait until Codat has finished it.
//!     let report = spend
//!         .manage_reports()
//!         .generate_and_wait(company, &ReportType::SpendAnalysis, WaitOptions::new())
//!         .finish()
//!         .await?;
//!     let report_id: ReportId = match report.id.as_deref().map(str::parse) {
//!         Some(Ok(id)) => id,
//!         _ => ReportId::Latest,
//!     };
//!     // Suppliers paid by bank transfer or check: candidates for card payments.
//!     let mut suppliers = spend.spend_analysis().list_all_suppliers(
//!         company,
//!         report_id,
//!         GetSupplierAnalysisParams::new(),
//!         PageOptions::new().page_size(500),
//!     );
//!     while let Some(supplier) = suppliers.try_next().await? {
//!         if matches!(
//!             supplier.biggest_spend_payment_method.as_deref(),
//!             Some("BankTransfer" | "Check")
//!         ) {
//!             println!("{:?}: {:?} paid", supplier.supplier_name, supplier.payments_amount);
//!         }
//!     }
//!     // Every file of the report, as one ZIP archive.
//!     let bundle = spend
//!         .spend_analysis()
//!         .download_report_bundle(company, BundleReportId::Latest, DownloadReportBundleParams::new())
//!         .await?;
//!     let contents = BundleContents::of(&bundle);
//!     let name = bundle.file_name().unwrap_or_else(|| "spend-report.zip".into());
//!     let bytes = bundle.save_to(&name).await?;
//!     println!("{name}: {bytes} bytes, {:?} of {:?} files", contents.included, contents.total);
//!     Ok(())
//! }
//! ```
//!
//! # Crate organisation
//!
//! [`SpendInsights`] is the handle, built from a [`Codat`] client with [`SpendInsights::new`];
//! it has one accessor per group of operations, each declared with `#[endpoint]` in its own
//! module (7 operations in all):
//!
//! | Accessor | Module | Operations | Count |
//! | :- | :- | :- | -: |
//! | [`manage_reports()`](SpendInsights::manage_reports) | [`manage_reports`] | `generate_report`, `get_report_status`, `list_reports` (and `list_all_reports`, a stream of items); waiting with `wait_for_report` and `generate_and_wait` | 3 |
//! | [`spend_analysis()`](SpendInsights::spend_analysis) | [`spend_analysis`] | `get_supplier_analysis`, `get_payment_method_analysis` (and their streams, `list_all_suppliers` and `list_all_payment_methods`), `download_report_bundle` (a [`Download`](codat_client::Download), streamed) | 3 |
//! | [`company_info()`](SpendInsights::company_info) | [`company_info`] | `get`: the company's accounting profile | 1 |
//!
//! Besides them:
//!
//! - [`ReportId`]: the id of a report, or [`ReportId::Latest`]; nothing else can be sent.
//! - [`models`]: request and response bodies, generated from Codat's OpenAPI spec, with the
//!   optional parameters of each operation (`models::params`); money and percentages are
//!   exact decimals.
//! - [`webhooks`]: [`SpendInsightsEvent`](webhooks::SpendInsightsEvent), what a verified
//!   delivery decodes into.
//! - Companies and connections are Platform's and are shared by every product: reach them
//!   through the same client, with [`Codat::companies`] and [`Codat::connections`].
//!
//! Every operation returns `Result<T, codat_client::Error>`; statuses the spec declares carry
//! Codat's [`ErrorMessage`](codat_client::ErrorMessage). Enums keep an `Unrecognized(String)`
//! variant, so a value Codat adds later still decodes.

use codat_client::Codat;

pub mod company_info;
pub mod manage_reports;
pub mod models;
pub mod spend_analysis;
pub mod webhooks;

pub use codat_client::models::{InvalidReportId, ReportId};

/// Spend Insights, reached through a [`Codat`] client. Holds a clone of it, so it shares its
/// connection pool, authentication, retry policy, timeouts and rate-limit state.
#[derive(Clone, Debug)]
pub struct SpendInsights {
    codat: Codat,
}

impl SpendInsights {
    /// The product's operations, sent through `codat`.
    pub fn new(codat: &Codat) -> SpendInsights {
        SpendInsights {
            codat: codat.clone(),
        }
    }

    /// The client the operations are sent through; also where Platform's companies and
    /// connections are ([`Codat::companies`], [`Codat::connections`]).
    pub fn codat(&self) -> &Codat {
        &self.codat
    }

    /// Generating spend analysis reports, following their progress and listing them.
    pub fn manage_reports(&self) -> manage_reports::ManageReports<'_> {
        manage_reports::ManageReports::new(&self.codat)
    }

    /// What a report found: suppliers, payment methods, and the report's files as one archive.
    pub fn spend_analysis(&self) -> spend_analysis::SpendAnalysis<'_> {
        spend_analysis::SpendAnalysis::new(&self.codat)
    }

    /// The company's profile in its accounting software.
    pub fn company_info(&self) -> company_info::CompanyInfo<'_> {
        company_info::CompanyInfo::new(&self.codat)
    }
}
