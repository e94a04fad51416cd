//! Bank accounts: the accounts in the accounting software that bills are paid from.

use codat_client::{endpoint, Error};

use crate::models::{BankAccount, BankAccountPrototype, CreateBankAccountParams};

codat_client::resource! {
    /// Bank accounts of one connection; from
    /// [`SyncForPayables::bank_accounts`](crate::SyncForPayables::bank_accounts).
    pub struct BankAccounts;
}

impl BankAccounts<'_> {
    /// Creates a bank account in the accounting software. Codat treats a repeated call with
    /// the same idempotency key as the first; without one the client sends a fresh key per
    /// call.
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/payables/bankAccounts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateBankAccountParams,
        #[body] bank_account: &BankAccountPrototype,
    ) -> Result<BankAccount, Error>;
}
