//! Spend analysis reports as Codat builds them: asking for one, following its progress (or
//! waiting for it to end), and listing those asked for.
//!
//! A report is built in the background from the company's accounts payable data:
//! [`ManageReports::generate_report`] answers at once with the report's id and the status
//! `InProgress`; [`ManageReports::get_report_status`] says when it is `Complete` (read it with
//! [`SpendAnalysis`](crate::spend_analysis::SpendAnalysis)) or failed with an `Error`.
//! [`ManageReports::generate_and_wait`] does both.

use std::sync::OnceLock;

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::wait::{self, State, Status, WaitOptions, Watch};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{GetReportStatusParams, ReportOperation, ReportOperationStatus, Reports};
use crate::ReportId;

codat_client::string_enum! {
    /// A type of report Spend Insights builds, the `reportType` of
    /// [`ManageReports::generate_report`] and [`ManageReports::get_report_status`].
    pub enum ReportType {
        /// `spendAnalysis`: the company's spending, by supplier and by payment method.
        SpendAnalysis = "spendAnalysis",
    }
}

codat_client::resource! {
    /// Generating reports and following their progress; from
    /// [`SpendInsights::manage_reports`](crate::SpendInsights::manage_reports).
    pub struct ManageReports;
}

impl<'a> ManageReports<'a> {
    /// Starts building a report of `report_type`; Codat first reads the company's data again so
    /// that the report is current. It answers 202 with the report as it starts (its id and
    /// status), to follow with [`ManageReports::get_report_status`], and 409 when the data the
    /// report needs has not been read yet or is still being read.
    ///
    /// Codat: [`generate-report`](https://docs.codat.io/spend-insights-api#/operations/generate-report).
    #[endpoint(POST, "/companies/<company_id>/reports/<report_type>",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn generate_report(
        self,
        company_id: &str,
        report_type: &ReportType,
    ) -> Result<ReportOperation, Error>;

    /// Where one report stands (in progress, complete or failed, with Codat's message when it
    /// failed): the report `report_id`, or the latest of its type. `options.max_age`, when
    /// given, is the oldest report Codat may answer with.
    ///
    /// Codat: [`get-report-status`](https://docs.codat.io/spend-insights-api#/operations/get-report-status).
    #[endpoint(GET, "/companies/<company_id>/reports/<report_type>/<report_id>/status",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_report_status(
        self,
        company_id: &str,
        report_type: &ReportType,
        report_id: ReportId,
        #[params] options: GetReportStatusParams,
    ) -> Result<ReportOperation, Error>;

    /// One page of the reports asked for the company, of every type Codat builds (not only
    /// Spend Insights' own); `paging` picks the page, its size, a filter and an order.
    ///
    /// Codat: [`list-reports`](https://docs.codat.io/spend-insights-api#/operations/list-reports).
    #[endpoint(GET, "/companies/<company_id>/reports",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn list_reports(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<Reports, Error>;

    /// Every report asked for the company, as a stream that fetches pages as it goes (see
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
                move |owned, params: PageParams| async move {
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

    /// Starts a report of `report_type` and follows it until it is complete or failed: the
    /// first status is the report as [`generate_report`](Self::generate_report) answered, the
    /// later ones its status read by its id (or as [`ReportId::Latest`] when Codat's answer
    /// carries no id that parses). Nothing is sent until the [`Watch`] is polled.
    ///
    /// The backoff, the deadline and the errors are those of [`codat_client::wait`]: a start
    /// refused for good (a 409 while the company's data is still being read, say) ends the
    /// watch with that error, while one answered 408, 429 or 5xx is asked for again at the
    /// next poll, as a status read would be. Every start of one watch carries the same
    /// idempotency key, so a start that reached Codat though its answer was lost is answered
    /// again, not built twice (Codat keeps a key's answer for 90 minutes).
    ///
    /// ```no_run
    /// use codat_client::wait::WaitOptions;
    /// use codat_spend_insights::manage_reports::ReportType;
    /// use codat_spend_insights::SpendInsights;
    ///
    /// async fn build(spend: &SpendInsights, company: &str) -> Result<(), codat_client::Error> {
    ///     let report = spend
    ///         .manage_reports()
    ///         .generate_and_wait(company, &ReportType::SpendAnalysis, WaitOptions::new())
    ///         .finish()
    ///         .await?;
    ///     println!("report {:?} is ready", report.id);
    ///     Ok(())
    /// }
    /// ```
    pub fn generate_and_wait(
        self,
        company_id: &str,
        report_type: &ReportType,
        options: WaitOptions,
    ) -> Watch<'static, ReportOperation> {
        // The report's id, once the start has been answered.
        let started: OnceLock<ReportId> = OnceLock::new();
        // One key for every start of this watch: a repeat is answered, not built again.
        let key = uuid::Uuid::new_v4().hyphenated().to_string();
        let owned = (
            self.codat.with_idempotency_key(key),
            company_id.to_owned(),
            report_type.clone(),
            started,
        );
        let poll = wait::owning(owned, move |owned| async move {
            let (codat, company_id, report_type, started) = &*owned;
            let reports = ManageReports::new(codat);
            if let Some(report_id) = started.get() {
                return reports
                    .get_report_status(
                        company_id,
                        report_type,
                        *report_id,
                        GetReportStatusParams::new(),
                    )
                    .await;
            }
            let report = reports.generate_report(company_id, report_type).await?;
            let report_id = report
                .id
                .as_deref()
                .and_then(|id| id.parse().ok())
                .unwrap_or(ReportId::Latest);
            // Polls run one at a time, so nothing else can have set it.
            let _ = started.set(report_id);
            Ok(report)
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
