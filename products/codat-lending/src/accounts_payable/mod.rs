//! Accounts payable: bills, bill credit notes, bill payments and suppliers.

codat_client::resource! {
    /// Accounts payable; from [`Lending::accounts_payable`](crate::Lending::accounts_payable).
    pub struct AccountsPayable;
}
