//! Loans the company has: generating and reading loan transactions and summaries.

codat_client::resource! {
    /// Loans the company has; from [`Lending::liabilities`](crate::Lending::liabilities).
    pub struct Liabilities;
}
