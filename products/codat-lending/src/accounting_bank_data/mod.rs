//! Bank accounts and their transactions as the accounting software records them.

codat_client::resource! {
    /// Bank accounts and their transactions as the accounting software records them; from [`Lending::accounting_bank_data`](crate::Lending::accounting_bank_data).
    pub struct AccountingBankData;
}
