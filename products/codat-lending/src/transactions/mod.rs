//! Accounting transactions: account transactions, direct costs, journals, journal entries and transfers.

codat_client::resource! {
    /// Accounting transactions; from [`Lending::transactions`](crate::Lending::transactions).
    pub struct Transactions;
}
