//! Bank accounts in the accounting software: creating the account a loan is paid into and
//! repaid from.

use codat_client::models::push_data::PushOption;
use codat_client::{endpoint, Error};

use crate::models::{
    AccountingBankAccount, AccountingCreateBankAccountResponse, CreateBankAccountParams,
};

codat_client::resource! {
    /// Creating bank accounts in the accounting software; from
    /// [`LoanWriteback::bank_accounts`](super::LoanWriteback::bank_accounts).
    pub struct BankAccounts;
}

impl BankAccounts<'_> {
    /// The fields the connection's accounting software accepts for a new or changed bank
    /// account, with their rules.
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/options/bankAccounts",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_update_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;

    /// Creates a bank account in the accounting software. The write runs as a push operation,
    /// whose state the result gives; `options.timeout_in_minutes` bounds how long it may take and
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read of the data follow it.
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/bankAccounts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateBankAccountParams,
        #[body] bank_account: &AccountingBankAccount,
    ) -> Result<AccountingCreateBankAccountResponse, Error>;
}
