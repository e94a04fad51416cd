//! Uploading bank statements, and the categorized bank statement report.

codat_client::resource! {
    /// Uploading bank statements, and the categorized bank statement report; from [`Lending::bank_statements`](crate::Lending::bank_statements).
    pub struct BankStatements;
}
