//! The credit model report: its financial summary and its Excel workbook.

codat_client::resource! {
    /// The credit model report; from [`Lending::financial_summary`](crate::Lending::financial_summary).
    pub struct FinancialSummary;
}
