//! The aged debtors and aged creditors reports: what customers owe the company and what it
//! owes its suppliers, split into periods by how long each amount has been outstanding.

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
    #[endpoint(GET, "/companies/<company_id>/reports/agedDebtor/available",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn is_aged_debtors_available(self, company_id: &str) -> Result<bool, Error>;

    /// The aged debtors report: what customers owe, per currency and per period of age.
    /// `options.report_date` (`YYYY-MM-DD`) is the day the ages are counted back from,
    /// `options.number_of_periods` how many periods to split them into and `options.period_length_days` how
    /// long each is; Codat's defaults apply to any left out.
    #[endpoint(GET, "/companies/<company_id>/reports/agedDebtor",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_aged_debtors(
        self,
        company_id: &str,
        #[params] options: GetAccountingAgedDebtorsReportParams,
    ) -> Result<AccountingAgedDebtorReport, Error>;

    /// Whether Codat has the data to build the company's aged creditors report.
    #[endpoint(GET, "/companies/<company_id>/reports/agedCreditor/available",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn is_aged_creditors_available(self, company_id: &str) -> Result<bool, Error>;

    /// The aged creditors report: what the company owes its suppliers, per currency and per
    /// period of age. The parameters work as for
    /// [`get_aged_debtors`](Reports::get_aged_debtors).
    #[endpoint(GET, "/companies/<company_id>/reports/agedCreditor",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_aged_creditors(
        self,
        company_id: &str,
        #[params] options: GetAccountingAgedCreditorsReportParams,
    ) -> Result<AccountingAgedCreditorReport, Error>;
}
