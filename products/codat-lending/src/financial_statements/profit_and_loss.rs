//! The profit and loss statement: what the company earned and spent in each period.
//!
//! ```no_run
//! use codat_lending::models::GetCategorizedProfitAndLossStatementParams;
//! use codat_lending::Lending;
//!
//! /// The profit and loss accounts as Codat categorizes them, for the 12 months to September 2024.
//! async fn categorized(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let options = GetCategorizedProfitAndLossStatementParams::new()
//!         .report_date("30-09-2024")
//!         .number_of_periods(12);
//!     let report = lending
//!         .financial_statements()
//!         .profit_and_loss()
//!         .get_categorized_accounts(company, options)
//!         .await?;
//!     for item in report.report_items.unwrap_or_default() {
//!         println!("{:?} {:?}: {:?}", item.date, item.account_name, item.balance);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::{
    AccountingProfitAndLossReport, EnhancedFinancialReport, GetAccountingProfitAndLossParams,
    GetCategorizedProfitAndLossStatementParams,
};

codat_client::resource! {
    /// The company's profit and loss statement; from
    /// [`FinancialStatements::profit_and_loss`](super::FinancialStatements::profit_and_loss).
    pub struct ProfitAndLoss;
}

impl ProfitAndLoss<'_> {
    /// The profit and loss statement as the accounting software reports it:
    /// `periods_to_compare` periods of `period_length` months each, the first starting in
    /// `options.start_month` when one is given.
    ///
    /// Codat: [`get-accounting-profit-and-loss`](https://docs.codat.io/lending-api#/operations/get-accounting-profit-and-loss).
    #[endpoint(GET, "/companies/<company_id>/data/financials/profitAndLoss",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        #[query] period_length: i32,
        #[query] periods_to_compare: i32,
        #[params] options: GetAccountingProfitAndLossParams,
    ) -> Result<AccountingProfitAndLossReport, Error>;

    /// The profit and loss accounts as Codat categorizes them, month by month up to the month
    /// of `options.report_date` (written `dd-MM-yyyy`, e.g. `29-09-2020`; optional here, unlike for the
    /// balance sheet), over `options.number_of_periods` months (Codat's default: 12).
    ///
    /// Codat: [`get-categorized-profit-and-loss-statement`](https://docs.codat.io/lending-api#/operations/get-categorized-profit-and-loss-statement).
    #[endpoint(GET, "/companies/<company_id>/reports/enhancedProfitAndLoss/accounts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_categorized_accounts(
        self,
        company_id: &str,
        #[params] options: GetCategorizedProfitAndLossStatementParams,
    ) -> Result<EnhancedFinancialReport, Error>;
}
