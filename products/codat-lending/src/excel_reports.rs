//! Excel workbooks of the company's data (an audit report, enhanced financials, invoices or
//! cash flow): asking Codat to build one, following its progress, and downloading it.
//!
//! Codat builds one workbook of each type per company at a time: [`ExcelReports::generate`]
//! starts it, [`ExcelReports::get_status`] says when it is done, and
//! [`ExcelReports::download`] streams the last one built.
//!
//! ```no_run
//! use codat_client::wait::WaitOptions;
//! use codat_lending::models::ExcelReportTypes;
//! use codat_lending::Lending;
//!
//! /// Builds the enhanced financials workbook, waits for it, and saves it.
//! async fn workbook(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let kind = ExcelReportTypes::EnhancedFinancials;
//!     lending.excel_reports().generate(company, &kind).await?;
//!     let status = lending
//!         .excel_reports()
//!         .wait_for_workbook(company, &kind, WaitOptions::new())
//!         .finish()
//!         .await?;
//!     println!("built {:?}, {:?} bytes", status.last_generated, status.file_size);
//!     let file = lending.excel_reports().download(company, &kind).await?;
//!     file.save_to("enhanced-financials.xlsx").await?;
//!     Ok(())
//! }
//! ```

use codat_client::wait::{self, State, Status, WaitOptions, Watch};
use codat_client::{endpoint, Download, Error};

use crate::models::{ExcelReportTypes, ExcelStatus};

codat_client::resource! {
    /// Excel workbooks of the company's data; from
    /// [`Lending::excel_reports`](crate::Lending::excel_reports).
    pub struct ExcelReports;
}

impl<'a> ExcelReports<'a> {
    /// Asks Codat to build a new workbook of `report_type`; the answer says whether it was
    /// queued or is already in progress.
    ///
    /// Codat: [`generate-excel-report`](https://docs.codat.io/lending-api#/operations/generate-excel-report).
    #[endpoint(POST, "/data/companies/<company_id>/assess/excel",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn generate(
        self,
        company_id: &str,
        #[query] report_type: &ExcelReportTypes,
    ) -> Result<ExcelStatus, Error>;

    /// Where the latest workbook of `report_type` stands: in progress, done (with its size and
    /// when it was built) or failed.
    ///
    /// Codat: [`get-excel-report-generation-status`](https://docs.codat.io/lending-api#/operations/get-excel-report-generation-status).
    #[endpoint(GET, "/data/companies/<company_id>/assess/excel",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_status(
        self,
        company_id: &str,
        #[query] report_type: &ExcelReportTypes,
    ) -> Result<ExcelStatus, Error>;

    /// The last workbook of `report_type` built, streamed, with its content type and file
    /// name.
    ///
    /// Codat: [`download-excel-report`](https://docs.codat.io/lending-api#/operations/download-excel-report).
    #[endpoint(GET, "/data/companies/<company_id>/assess/excel/download",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn download(
        self,
        company_id: &str,
        #[query] report_type: &ExcelReportTypes,
    ) -> Result<Download, Error>;
}

impl<'a> ExcelReports<'a> {
    /// Polls the latest workbook of `report_type` (after [`generate`](Self::generate))
    /// until it is built or failed; see [`codat_client::wait`] for the backoff, the deadline
    /// and the stream of changes.
    pub fn wait_for_workbook(
        self,
        company_id: &str,
        report_type: &ExcelReportTypes,
        options: WaitOptions,
    ) -> Watch<'static, ExcelStatus> {
        let owned = (
            self.codat.clone(),
            company_id.to_owned(),
            report_type.clone(),
        );
        let poll = wait::owning(owned, move |owned| async move {
            let (codat, company_id, report_type) = &*owned;
            ExcelReports::new(codat)
                .get_status(company_id, report_type)
                .await
        });
        wait::watch(self.codat, options, poll)
    }
}

impl Status for ExcelStatus {
    /// In progress is running; not in progress, succeeded or failed by `success`; without
    /// those fields, unknown.
    fn state(&self) -> Option<State> {
        match (self.in_progress, self.success) {
            (Some(true), _) => Some(State::Running),
            (Some(false), Some(true)) => Some(State::Succeeded),
            (Some(false), Some(false)) => Some(State::Failed),
            _ => None,
        }
    }

    fn label(&self) -> String {
        match self.state() {
            Some(State::Running) => "in progress".into(),
            Some(State::Succeeded) => "built".into(),
            Some(State::Failed) => "failed".into(),
            None => "unknown".into(),
        }
    }

    fn failure_message(&self) -> Option<String> {
        self.error_message.clone()
    }
}
