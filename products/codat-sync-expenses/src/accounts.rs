//! Accounts of the chart of accounts, created when expenses need one the company lacks.
//!
//! ```no_run
//! use codat_sync_expenses::models::{AccountPrototype, CreateAccountParams};
//! use codat_sync_expenses::SyncForExpenses;
//!
//! /// An expense account for card fees, created in the company's chart of accounts.
//! async fn card_fees(expenses: &SyncForExpenses, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let account = AccountPrototype {
//!         nominal_code: Some("6120".into()),
//!         name: Some("Card fees".into()),
//!         fully_qualified_category: Some("Expense.Operating".into()),
//!         currency: Some("GBP".into()),
//!         ..AccountPrototype::default()
//!     };
//!     let pushed = expenses
//!         .accounts()
//!         .create(company, connection, CreateAccountParams::new(), &account)
//!         .await?;
//!     println!("push {}: {:?}", pushed.push_operation_key, pushed.status);
//!     Ok(())
//! }
//! ```

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
    ///
    /// Codat: [`create-account`](https://docs.codat.io/sync-for-expenses-api#/operations/create-account).
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
    ///
    /// Codat: [`get-create-chartOfAccounts-model`](https://docs.codat.io/sync-for-expenses-api#/operations/get-create-chartOfAccounts-model).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/options/chartOfAccounts",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;
}
