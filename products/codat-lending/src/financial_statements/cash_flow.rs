//! The cash flow statement: the cash that came in and went out in each period.

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
