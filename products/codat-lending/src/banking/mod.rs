//! Banking data from the company's bank connections: accounts, balances, transactions and their categories.

codat_client::resource! {
    /// Banking data from the company's bank connections; from [`Lending::banking`](crate::Lending::banking).
    pub struct Banking;
}
