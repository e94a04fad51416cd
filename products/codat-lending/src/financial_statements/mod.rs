//! Financial statements: accounts, balance sheet, profit and loss, cash flow.

codat_client::resource! {
    /// Financial statements; from [`Lending::financial_statements`](crate::Lending::financial_statements).
    pub struct FinancialStatements;
}
