//! The aged debtors and aged creditors reports: what customers owe the company and what it
//! owes its suppliers, split into periods by how long each amount has been outstanding.
//!
//! ```no_run
//! use codat_lending::models::GetAccountingAgedDebtorsReportParams;
//! use codat_lending::Lending;
//!
//! /// Who owes the company money, in four 30-day buckets up to the end of June.
//! async fn aged_debtors(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let reports = lending.accounts_receivable().reports();
//!     if !reports.is_aged_debtors_available(company).await? {
//!         println!("the company's software does not give this report");
//!         return Ok(());
//!     }
//!     let options = GetAccountingAgedDebtorsReportParams::new()
//!         .report_date("2024-06-30")
//!         .number_of_periods(4)
//!         .period_length_days(30);
//!     let reports = lending.accounts_receivable().reports();
//!     let report = reports.get_aged_debtors(company, options).await?;
//!     for debtor in report.data.unwrap_or_default() {
//!         println!("{:?}: {:?}", debtor.customer_name, debtor.aged_currency_outstanding);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::{
    AccountingAgedCreditorReport, AccountingAgedDebtorReport,
    GetAccountingAgedCreditorsReportParams, GetAccountingAgedDebtorsReportParams,
};

codat_client::resource! {
    /// The aged debtors and creditors reports; from
    /// [`AccountsReceivable::reports`](super::AccountsReceivable::reports).
    pub struct Reports;
}

impl Reports<'_> {
    /// Whether Codat has the data to build the company's aged debtors report. Codat marks
    /// this operation internal.
    ///
    /// Codat: [`is-aged-debtors-report-available`](https://docs.codat.io/lending-api#/operations/is-aged-debtors-report-available).
    #[endpoint(GET, "/companies/<company_id>/reports/agedDebtor/available",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn is_aged_debtors_available(self, company_id: &str) -> Result<bool, Error>;

    /// The aged debtors report: what customers owe, per currency and per period of age.
    /// `options.report_date` (`YYYY-MM-DD`) is the day the ages are counted back from,
    /// `options.number_of_periods` how many periods to split them into and `options.period_length_days` how
    /// long each is; Codat's defaults apply to any left out.
    ///
    /// Codat: [`get-accounting-aged-debtors-report`](https://docs.codat.io/lending-api#/operations/get-accounting-aged-debtors-report).
    #[endpoint(GET, "/companies/<company_id>/reports/agedDebtor",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_aged_debtors(
        self,
        company_id: &str,
        #[params] options: GetAccountingAgedDebtorsReportParams,
    ) -> Result<AccountingAgedDebtorReport, Error>;

    /// Whether Codat has the data to build the company's aged creditors report.
    ///
    /// Codat: [`is-aged-creditors-report-available`](https://docs.codat.io/lending-api#/operations/is-aged-creditors-report-available).
    #[endpoint(GET, "/companies/<company_id>/reports/agedCreditor/available",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn is_aged_creditors_available(self, company_id: &str) -> Result<bool, Error>;

    /// The aged creditors report: what the company owes its suppliers, per currency and per
    /// period of age. The parameters work as for
    /// [`get_aged_debtors`](Reports::get_aged_debtors).
    ///
    /// Codat: [`get-accounting-aged-creditors-report`](https://docs.codat.io/lending-api#/operations/get-accounting-aged-creditors-report).
    #[endpoint(GET, "/companies/<company_id>/reports/agedCreditor",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_aged_creditors(
        self,
        company_id: &str,
        #[params] options: GetAccountingAgedCreditorsReportParams,
    ) -> Result<AccountingAgedCreditorReport, Error>;
}
