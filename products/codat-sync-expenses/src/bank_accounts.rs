//! Bank accounts, such as the card account that expenses are paid from.

use codat_client::models::push_data::PushOption;
use codat_client::{endpoint, Error};

use crate::models::{BankAccount, CreateBankAccountParams, CreateBankAccountResponse};

codat_client::resource! {
    /// Bank accounts; from [`SyncForExpenses::bank_accounts`](crate::SyncForExpenses::bank_accounts).
    pub struct BankAccounts;
}

impl BankAccounts<'_> {
    /// Creates a bank account in the accounting software, as a push operation whose state the
    /// result gives. `options.timeout_in_minutes` bounds how long it may take;
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read follow it.
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/bankAccounts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateBankAccountParams,
        #[body] bank_account: &BankAccount,
    ) -> Result<CreateBankAccountResponse, Error>;

    /// The fields the connection's software accepts for a new bank account, with their rules.
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/options/bankAccounts",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;
}
