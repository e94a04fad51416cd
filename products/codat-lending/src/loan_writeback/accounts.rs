//! Accounts in the company's chart of accounts: creating the ones a loan is booked against (the
//! loan liability, interest and fee expense accounts).

use codat_client::models::push_data::PushOption;
use codat_client::{endpoint, Error};

use crate::models::{AccountPrototype, AccountingCreateAccountResponse, CreateAccountParams};

codat_client::resource! {
    /// Creating accounts in the accounting software; from
    /// [`LoanWriteback::accounts`](super::LoanWriteback::accounts).
    pub struct Accounts;
}

impl Accounts<'_> {
    /// The fields the connection's accounting software accepts for a new account, with their
    /// rules.
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/options/chartOfAccounts",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;

    /// Creates an account in the accounting software. The write runs as a push operation, whose
    /// state the result gives; `options.timeout_in_minutes` bounds how long it may take and
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read of the data follow it.
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/accounts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateAccountParams,
        #[body] account: &AccountPrototype,
    ) -> Result<AccountingCreateAccountResponse, Error>;
}
