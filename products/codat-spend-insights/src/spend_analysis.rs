//! What a spend analysis report found: the company's suppliers with what it billed, owed and
//! paid each of them, its spending by payment method, and every file of the report as one ZIP
//! archive. Generate the report first, with
//! [`ManageReports::generate_report`](crate::manage_reports::ManageReports::generate_report).
//!
//! ```no_run
//! use codat_client::paging::PageParams;
//! use codat_spend_insights::models::GetPaymentMethodAnalysisParams;
//! use codat_spend_insights::{ReportId, SpendInsights};
//!
//! /// How the company pays its suppliers, by payment method, from its latest report.
//! async fn methods(spend: &SpendInsights, company: &str) -> Result<(), codat_client::Error> {
//!     let analysis = spend
//!         .spend_analysis()
//!         .get_payment_method_analysis(company, ReportId::Latest,
//!             GetPaymentMethodAnalysisParams::new(), PageParams::new())
//!         .await?;
//!     for method in analysis.results.unwrap_or_default() {
//!         println!("{:?}: {:?}% of bills by amount", method.biggest_count_payment_method,
//!             method.percentage_bills_by_amount);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageCount, PageOptions, PageParams, Paged};
use codat_client::{endpoint, Download, Error, Query, QueryValue};
use futures_util::stream::BoxStream;

use crate::models::{
    DownloadReportBundleParams, GetPaymentMethodAnalysisParams, GetSupplierAnalysisParams,
    PaymentMethodAnalysis, PaymentMethodSummary, Supplier, SupplierAnalysis,
};
use crate::ReportId;

/// Items per page when [`PageOptions`] names no size: Codat's default for these reports.
const DEFAULT_PAGE_SIZE: i32 = 100;

/// Which report [`SpendAnalysis::download_report_bundle`] bundles, its `reportId`: Codat
/// bundles only the company's latest spend analysis report, so this is the one value there is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BundleReportId {
    /// The company's most recent spend analysis report, sent as `latest`.
    #[default]
    Latest,
}

impl BundleReportId {
    /// The value as Codat writes it.
    pub fn as_str(&self) -> &'static str {
        match self {
            BundleReportId::Latest => "latest",
        }
    }
}

impl std::fmt::Display for BundleReportId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl QueryValue for BundleReportId {
    fn append_to(&self, query: &mut Query<'_>) {
        query.push(&self.as_str());
    }
}

/// How complete a report bundle is, from the headers of its download: Codat still answers 200
/// when some of the report's files could not be put in the archive (its `manifest.txt` says
/// which and why), and 500 when none could.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BundleContents {
    /// Whether some expected files are missing (`X-Bundle-Partial`); `None` when the header is
    /// absent or neither `true` nor `false`.
    pub partial: Option<bool>,
    /// How many files the archive holds (`X-Bundle-Included`), when said.
    pub included: Option<u32>,
    /// How many files the report should have (`X-Bundle-Total`), when said.
    pub total: Option<u32>,
}

impl BundleContents {
    /// Reads the bundle headers of `download`; a header that is absent or not a number (or,
    /// for `X-Bundle-Partial`, not `true` or `false`) is `None`.
    pub fn of(download: &Download) -> BundleContents {
        let header = |name: &str| {
            download
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::trim)
        };
        BundleContents {
            partial: header("x-bundle-partial").and_then(|v| match v {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            }),
            included: header("x-bundle-included").and_then(|v| v.parse().ok()),
            total: header("x-bundle-total").and_then(|v| v.parse().ok()),
        }
    }
}

codat_client::resource! {
    /// The findings of spend analysis reports; from
    /// [`SpendInsights::spend_analysis`](crate::SpendInsights::spend_analysis).
    pub struct SpendAnalysis;
}

impl<'a> SpendAnalysis<'a> {
    /// One page of the suppliers of a spend analysis report (`report_id`, or
    /// [`ReportId::Latest`], no older than `options.max_age` when given): each with its
    /// contact details and addresses, its bills (counted, summed, outstanding and paid late),
    /// what was paid to it and how, and its average payment terms. `paging` picks the page,
    /// its size, a filter and an order.
    ///
    /// Codat: [`get-supplier-analysis`](https://docs.codat.io/spend-insights-api#/operations/get-supplier-analysis).
    #[endpoint(GET, "/companies/<company_id>/reports/spendAnalysis/<report_id>/suppliers",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_supplier_analysis(
        self,
        company_id: &str,
        report_id: ReportId,
        #[params] options: GetSupplierAnalysisParams,
        #[params] paging: PageParams,
    ) -> Result<SupplierAnalysis, Error>;

    /// Every supplier of a spend analysis report, as a stream that fetches pages as it goes
    /// (see [`PageOptions`]; `report` says how old the report may be). The pages carry no
    /// total, so the stream ends after a page shorter than the page size (100 unless
    /// `options` says otherwise) or an empty one, or at the first error, which it yields.
    pub fn list_all_suppliers(
        self,
        company_id: &str,
        report_id: ReportId,
        report: GetSupplierAnalysisParams,
        options: PageOptions,
    ) -> BoxStream<'static, Result<Supplier, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned(), report),
                move |owned, params: PageParams| async move {
                    let (codat, company_id, report) = &*owned;
                    let asked = params.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
                    let page = SpendAnalysis::new(codat)
                        .get_supplier_analysis(company_id, report_id, report.clone(), params)
                        .await?;
                    Ok(AnalysisPage::new(page.results, asked))
                },
            ),
        )
    }

    /// One page of a spend analysis report's breakdown by payment method (`report_id`, or
    /// [`ReportId::Latest`], no older than `options.max_age` when given): for each method, the
    /// suppliers, bills, payments and direct costs that went through it, as counts, amounts
    /// and shares of the whole. `paging` picks the page, its size, a filter and an order.
    ///
    /// Codat: [`get-payment-method-analysis`](https://docs.codat.io/spend-insights-api#/operations/get-payment-method-analysis).
    #[endpoint(GET, "/companies/<company_id>/reports/spendAnalysis/<report_id>/paymentMethods",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_payment_method_analysis(
        self,
        company_id: &str,
        report_id: ReportId,
        #[params] options: GetPaymentMethodAnalysisParams,
        #[params] paging: PageParams,
    ) -> Result<PaymentMethodAnalysis, Error>;

    /// Every payment method of a spend analysis report's breakdown, as a stream that fetches
    /// pages as it goes; it ends as [`list_all_suppliers`](Self::list_all_suppliers) does.
    pub fn list_all_payment_methods(
        self,
        company_id: &str,
        report_id: ReportId,
        report: GetPaymentMethodAnalysisParams,
        options: PageOptions,
    ) -> BoxStream<'static, Result<PaymentMethodSummary, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned(), report),
                move |owned, params: PageParams| async move {
                    let (codat, company_id, report) = &*owned;
                    let asked = params.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
                    let page = SpendAnalysis::new(codat)
                        .get_payment_method_analysis(company_id, report_id, report.clone(), params)
                        .await?;
                    Ok(AnalysisPage::new(page.results, asked))
                },
            ),
        )
    }

    /// Every file of the company's latest spend analysis report in one ZIP archive, streamed,
    /// in the language `options.lang` (English when not given). The file name (from
    /// `Content-Disposition`) has the company's name and the day the archive was made; the
    /// archive's `manifest.txt` lists each expected file as included or failed, and
    /// [`BundleContents::of`] reads from the headers how many made it in.
    ///
    /// Codat: [`download-report-bundle`](https://docs.codat.io/spend-insights-api#/operations/download-report-bundle).
    #[endpoint(GET, "/companies/<company_id>/reports/bundle",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn download_report_bundle(
        self,
        company_id: &str,
        #[query] report_id: BundleReportId,
        #[params] options: DownloadReportBundleParams,
    ) -> Result<Download, Error>;
}

/// One page of an analysis, with the page size asked for: the pages say nothing of a total or
/// a next page, so a page shorter than asked is the last, and an empty one ends the walk too.
struct AnalysisPage<T> {
    items: Vec<T>,
    asked: i32,
}

impl<T> AnalysisPage<T> {
    fn new(items: Option<Vec<T>>, asked: i32) -> Self {
        AnalysisPage {
            items: items.unwrap_or_default(),
            asked,
        }
    }
}

impl<T> Paged for AnalysisPage<T> {
    type Item = T;

    fn into_items(self) -> (Vec<T>, PageCount) {
        // A size that is not positive says nothing: the walk goes on until an empty page.
        let short = usize::try_from(self.asked).is_ok_and(|asked| self.items.len() < asked);
        let count = PageCount {
            pages: None,
            has_next: short.then_some(false),
        };
        (self.items, count)
    }
}
