//! Accounts of the chart of accounts, created when expenses need one the company lacks.

use codat_client::models::push_data::PushOption;
use codat_client::{endpoint, Error};

use crate::models::{AccountPrototype, CreateAccountParams, CreateAccountResponse};

codat_client::resource! {
    /// Accounts; from [`SyncForExpenses::accounts`](crate::SyncForExpenses::accounts).
    pub struct Accounts;
}

impl Accounts<'_> {
    /// Creates an account in the accounting software, as a push operation whose state the
    /// result gives. `options.timeout_in_minutes` bounds how long it may take;
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read follow it.
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/accounts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateAccountParams,
        #[body] account: &AccountPrototype,
    ) -> Result<CreateAccountResponse, Error>;

    /// The fields the connection's software accepts for a new account, with their rules.
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/options/chartOfAccounts",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;
}
