//! Accounts: the chart of accounts in a business's accounting software, which payroll journal
//! lines are booked to, read from Codat's cache and written through a connection.
//!
//! ```no_run
//! use codat_sync_payroll::models::{AccountPrototype, AccountType, CreateAccountParams};
//! use codat_sync_payroll::SyncForPayroll;
//!
//! /// A liability account for pension contributions, created in the chart of accounts.
//! async fn pension_account(payroll: &SyncForPayroll, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let account = AccountPrototype {
//!         nominal_code: Some("2220".into()),
//!         name: Some("Pension contributions payable".into()),
//!         r#type: Some(AccountType::Liability),
//!         currency: Some("GBP".into()),
//!         ..AccountPrototype::default()
//!     };
//!     let pushed = payroll
//!         .accounts()
//!         .create(company, connection, CreateAccountParams::new(), &account)
//!         .await?;
//!     println!("push {}: {:?}", pushed.push_operation_key, pushed.status);
//!     Ok(())
//! }
//! ```

use codat_client::models::push_data::PushOption;
use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{
    Account, AccountPrototype, Accounts as AccountsPage, CreateAccountParams, CreateAccountResponse,
};

codat_client::resource! {
    /// The company's accounts; from [`SyncForPayroll::accounts`](crate::SyncForPayroll::accounts).
    pub struct Accounts;
}

impl<'a> Accounts<'a> {
    /// One page of the accounts Codat last read for the company; `paging` picks the page, its
    /// size, a filter and an order.
    ///
    /// Codat: [`list-accounts`](https://docs.codat.io/sync-for-payroll-api#/operations/list-accounts).
    #[endpoint(GET, "/companies/<company_id>/data/accounts",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountsPage, Error>;

    /// Every account of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<Account, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id) = &*owned;
                    Accounts::new(codat).list(company_id, params).await
                },
            ),
        )
    }

    /// One account, by its id in the accounting software.
    ///
    /// Codat: [`get-account`](https://docs.codat.io/sync-for-payroll-api#/operations/get-account).
    #[endpoint(GET, "/companies/<company_id>/data/accounts/<account_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(self, company_id: &str, account_id: &str) -> Result<Account, Error>;

    /// The fields the connection's software accepts for a new account, with their rules.
    ///
    /// Codat: [`get-create-accounts-model`](https://docs.codat.io/sync-for-payroll-api#/operations/get-create-accounts-model).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/options/chartOfAccounts",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;

    /// Creates an account in the accounting software. The write runs as a push operation: the
    /// result says whether it is pending, done or failed. `options.timeout_in_minutes` bounds how long
    /// it may take; `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read follow it.
    ///
    /// Codat: [`create-account`](https://docs.codat.io/sync-for-payroll-api#/operations/create-account).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/accounts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateAccountParams,
        #[body] account: &AccountPrototype,
    ) -> Result<CreateAccountResponse, Error>;
}
