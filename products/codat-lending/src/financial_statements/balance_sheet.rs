//! The balance sheet: what the company owns and owes at the end of each period.
//!
//! ```no_run
//! use codat_lending::models::GetAccountingBalanceSheetParams;
//! use codat_lending::Lending;
//!
//! /// Net assets at the end of each of the last 12 months.
//! async fn net_assets(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let sheet = lending
//!         .financial_statements()
//!         .balance_sheet()
//!         .get(company, 1, 12, GetAccountingBalanceSheetParams::new())
//!         .await?;
//!     for month in sheet.reports {
//!         println!("{:?}: {} {:?}", month.date, month.net_assets, sheet.currency);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::{
    AccountingBalanceSheet, EnhancedFinancialReport, GetAccountingBalanceSheetParams,
    GetCategorizedBalanceSheetStatementParams,
};

codat_client::resource! {
    /// The company's balance sheet; from
    /// [`FinancialStatements::balance_sheet`](super::FinancialStatements::balance_sheet).
    pub struct BalanceSheet;
}

impl BalanceSheet<'_> {
    /// The balance sheet as the accounting software reports it: `periods_to_compare` periods of
    /// `period_length` months each, the first starting in `options.start_month` when one is given.
    ///
    /// Codat: [`get-accounting-balance-sheet`](https://docs.codat.io/lending-api#/operations/get-accounting-balance-sheet).
    #[endpoint(GET, "/companies/<company_id>/data/financials/balanceSheet",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        #[query] period_length: i32,
        #[query] periods_to_compare: i32,
        #[params] options: GetAccountingBalanceSheetParams,
    ) -> Result<AccountingBalanceSheet, Error>;

    /// The balance sheet's accounts as Codat categorizes them, month by month up to the month
    /// of `report_date` (written `dd-MM-yyyy`, e.g. `29-09-2020`), over `options.number_of_periods`
    /// months (Codat's default: 12).
    ///
    /// Codat: [`get-categorized-balance-sheet-statement`](https://docs.codat.io/lending-api#/operations/get-categorized-balance-sheet-statement).
    #[endpoint(GET, "/companies/<company_id>/reports/enhancedBalanceSheet/accounts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_categorized_accounts(
        self,
        company_id: &str,
        #[query] report_date: &str,
        #[params] options: GetCategorizedBalanceSheetStatementParams,
    ) -> Result<EnhancedFinancialReport, Error>;
}
