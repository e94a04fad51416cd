//! The cash flow statement: the cash that came in and went out in each period.
//!
//! ```no_run
//! use codat_lending::models::GetAccountingCashFlowStatementParams;
//! use codat_lending::Lending;
//!
//! /// Money in and out, by quarter, over the last year.
//! async fn cash_flow(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let statement = lending
//!         .financial_statements()
//!         .cash_flow()
//!         .get(company, 3, 4, GetAccountingCashFlowStatementParams::new())
//!         .await?;
//!     for quarter in statement.reports {
//!         let received = quarter.cash_receipts.map(|line| line.value);
//!         let paid = quarter.cash_payments.map(|line| line.value);
//!         let (from, to) = (quarter.from_date, quarter.to_date);
//!         println!("{from:?} to {to:?}: in {received:?}, out {paid:?}");
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::{AccountingCashFlowStatement, GetAccountingCashFlowStatementParams};

codat_client::resource! {
    /// The company's cash flow statement; from
    /// [`FinancialStatements::cash_flow`](super::FinancialStatements::cash_flow).
    pub struct CashFlow;
}

impl CashFlow<'_> {
    /// The cash flow statement as the accounting software reports it: `periods_to_compare`
    /// periods of `period_length` months each, the first starting in `options.start_month` when one is
    /// given.
    ///
    /// Codat: [`get-accounting-cash-flow-statement`](https://docs.codat.io/lending-api#/operations/get-accounting-cash-flow-statement).
    #[endpoint(GET, "/companies/<company_id>/data/financials/cashFlowStatement",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        #[query] period_length: i32,
        #[query] periods_to_compare: i32,
        #[params] options: GetAccountingCashFlowStatementParams,
    ) -> Result<AccountingCashFlowStatement, Error>;
}
