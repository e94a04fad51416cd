//! The credit model report: its financial summary (when the books were last closed, an
//! accounting score) and its Excel workbook. Generate the report first with
//! [`ManageReports::generate_report`](crate::manage_reports::ManageReports::generate_report).

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
    #[endpoint(GET, "/companies/<company_id>/reports/creditModel/<report_id>/financialSummary",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_financial_summary(
        self,
        company_id: &str,
        report_id: ReportId,
    ) -> Result<Option<Summary>, Error>;

    /// The Excel workbook of a credit model report, streamed. `options.max_age`, when given, is the
    /// oldest report Codat may answer with.
    #[endpoint(GET, "/companies/<company_id>/reports/creditModel/<report_id>/excel",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn download_credit_model_excel(
        self,
        company_id: &str,
        report_id: ReportId,
        #[params] options: DownloadCreditModelExcelParams,
    ) -> Result<Download, Error>;
}
