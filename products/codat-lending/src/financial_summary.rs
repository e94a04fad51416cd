//! The credit model report: its financial summary (when the books were last closed, an
//! accounting score) and its Excel workbook. Generate the report first with
//! [`ManageReports::generate_report`](crate::manage_reports::ManageReports::generate_report).
//!
//! ```no_run
//! use codat_lending::models::DownloadCreditModelExcelParams;
//! use codat_lending::{Lending, ReportId};
//!
//! async fn credit_model(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let summary = lending.financial_summary();
//!     match summary.get_financial_summary(company, ReportId::Latest).await? {
//!         Some(summary) => println!("score: {:?}", summary.accounting_score),
//!         None => println!("no credit model has been built yet"),
//!     }
//!     let workbook = lending
//!         .financial_summary()
//!         .download_credit_model_excel(
//!             company,
//!             ReportId::Latest,
//!             DownloadCreditModelExcelParams::new(),
//!         )
//!         .await?;
//!     workbook.save_to("credit-model.xlsx").await?;
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Download, Error};

use crate::models::DownloadCreditModelExcelParams;
use crate::models::FinancialSummary as Summary;
use crate::ReportId;

codat_client::resource! {
    /// The credit model report; from
    /// [`Lending::financial_summary`](crate::Lending::financial_summary).
    pub struct FinancialSummary;
}

impl FinancialSummary<'_> {
    /// The financial summary of a credit model report (`report_id`, or
    /// [`ReportId::Latest`]). `None` when Codat answers 204: the report has no summary.
    ///
    /// Codat: [`get-financial-summary`](https://docs.codat.io/lending-api#/operations/get-financial-summary).
    #[endpoint(GET, "/companies/<company_id>/reports/creditModel/<report_id>/financialSummary",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_financial_summary(
        self,
        company_id: &str,
        report_id: ReportId,
    ) -> Result<Option<Summary>, Error>;

    /// The Excel workbook of a credit model report, streamed. `options.max_age`, when given, is the
    /// oldest report Codat may answer with.
    ///
    /// Codat: [`download-credit-model-excel`](https://docs.codat.io/lending-api#/operations/download-credit-model-excel).
    #[endpoint(GET, "/companies/<company_id>/reports/creditModel/<report_id>/excel",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn download_credit_model_excel(
        self,
        company_id: &str,
        report_id: ReportId,
        #[params] options: DownloadCreditModelExcelParams,
    ) -> Result<Download, Error>;
}
