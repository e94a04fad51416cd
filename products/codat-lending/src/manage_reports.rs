//! Reports Codat builds on request (a categorized bank statement, a credit model): starting
//! one, following its progress, and listing those built.
//!
//! ```no_run
//! use codat_client::wait::WaitOptions;
//! use codat_lending::manage_reports::ReportType;
//! use codat_lending::{Lending, ReportId};
//!
//! /// Builds a categorized bank statement and waits until it is ready to read.
//! async fn categorize(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let kind = ReportType::CategorizedBankStatement;
//!     let started = lending.manage_reports().generate_report(company, &kind).await?;
//!     let Some(id) = started.id else { return Ok(()) };
//!     let id: ReportId = id.parse().expect("Codat's report ids are UUIDs");
//!     let report = lending
//!         .manage_reports()
//!         .wait_for_report(company, &kind, id, WaitOptions::new())
//!         .finish()
//!         .await?;
//!     println!("report {:?}: {:?}", report.id, report.status);
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::wait::{self, State, Status, WaitOptions, Watch};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{GetReportStatusParams, ReportOperation, ReportOperationStatus, Reports};
use crate::ReportId;

codat_client::string_enum! {
    /// A type of report that can be generated, the `reportType` of
    /// [`ManageReports::generate_report`] and [`ManageReports::get_report_status`].
    pub enum ReportType {
        /// `categorizedBankStatement`: the company's bank transactions, categorized.
        CategorizedBankStatement = "categorizedBankStatement",
        /// `creditModel`: the financial summary and workbook lenders score the company with.
        CreditModel = "creditModel",
    }
}

codat_client::resource! {
    /// Generating reports and following their progress; from
    /// [`Lending::manage_reports`](crate::Lending::manage_reports).
    pub struct ManageReports;
}

impl<'a> ManageReports<'a> {
    /// Starts building a report of `report_type` from the company's latest data. The answer
    /// carries the report's id, to follow with [`ManageReports::get_report_status`].
    ///
    /// Codat: [`generate-report`](https://docs.codat.io/lending-api#/operations/generate-report).
    #[endpoint(POST, "/companies/<company_id>/reports/<report_type>",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn generate_report(
        self,
        company_id: &str,
        report_type: &ReportType,
    ) -> Result<ReportOperation, Error>;

    /// Where a report stands (in progress, complete or failed). `options.max_age`, when given, is the
    /// oldest report Codat may answer with.
    ///
    /// Codat: [`get-report-status`](https://docs.codat.io/lending-api#/operations/get-report-status).
    #[endpoint(GET, "/companies/<company_id>/reports/<report_type>/<report_id>/status",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_report_status(
        self,
        company_id: &str,
        report_type: &ReportType,
        report_id: ReportId,
        #[params] options: GetReportStatusParams,
    ) -> Result<ReportOperation, Error>;

    /// One page of the reports requested for the company, of every type; `paging` picks the
    /// page, its size, a filter and an order.
    ///
    /// Codat: [`list-reports`](https://docs.codat.io/lending-api#/operations/list-reports).
    #[endpoint(GET, "/companies/<company_id>/reports",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn list_reports(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<Reports, Error>;

    /// Every report requested for the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all_reports(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<ReportOperation, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id) = &*owned;
                    ManageReports::new(codat)
                        .list_reports(company_id, params)
                        .await
                },
            ),
        )
    }
}

impl<'a> ManageReports<'a> {
    /// Polls a report (by the id [`generate_report`](Self::generate_report) returned, or
    /// [`ReportId::Latest`]) until it is complete or failed; see [`codat_client::wait`] for
    /// the backoff, the deadline and the stream of changes.
    pub fn wait_for_report(
        self,
        company_id: &str,
        report_type: &ReportType,
        report_id: ReportId,
        options: WaitOptions,
    ) -> Watch<'static, ReportOperation> {
        let owned = (
            self.codat.clone(),
            company_id.to_owned(),
            report_type.clone(),
        );
        let poll = wait::owning(owned, move |owned| async move {
            let (codat, company_id, report_type) = &*owned;
            ManageReports::new(codat)
                .get_report_status(
                    company_id,
                    report_type,
                    report_id,
                    GetReportStatusParams::new(),
                )
                .await
        });
        wait::watch(self.codat, options, poll)
    }
}

impl Status for ReportOperation {
    /// `InProgress` is running, `Complete` succeeded, `Error` failed; no status, or one this
    /// crate does not know, is unknown.
    fn state(&self) -> Option<State> {
        match self.status.as_ref()? {
            ReportOperationStatus::InProgress => Some(State::Running),
            ReportOperationStatus::Complete => Some(State::Succeeded),
            ReportOperationStatus::Error => Some(State::Failed),
            ReportOperationStatus::Unrecognized(_) => None,
        }
    }

    fn label(&self) -> String {
        self.status
            .as_ref()
            .map_or_else(|| "no status".into(), ToString::to_string)
    }

    fn failure_message(&self) -> Option<String> {
        self.error_message.clone()
    }
}
