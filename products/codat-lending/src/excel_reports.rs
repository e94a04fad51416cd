//! Excel workbooks of the company's data (an audit report, enhanced financials, invoices or
//! cash flow): asking Codat to build one, following its progress, and downloading it.
//!
//! Codat builds one workbook of each type per company at a time: [`ExcelReports::generate`]
//! starts it, [`ExcelReports::get_status`] says when it is done, and
//! [`ExcelReports::download`] streams the last one built.

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
    #[endpoint(POST, "/data/companies/<company_id>/assess/excel",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn generate(
        self,
        company_id: &str,
        #[query] report_type: &ExcelReportTypes,
    ) -> Result<ExcelStatus, Error>;

    /// Where the latest workbook of `report_type` stands: in progress, done (with its size and
    /// when it was built) or failed.
    #[endpoint(GET, "/data/companies/<company_id>/assess/excel",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_status(
        self,
        company_id: &str,
        #[query] report_type: &ExcelReportTypes,
    ) -> Result<ExcelStatus, Error>;

    /// The last workbook of `report_type` built, streamed, with its content type and file
    /// name.
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
