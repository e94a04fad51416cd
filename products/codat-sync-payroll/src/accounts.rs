//! Accounts: the chart of accounts in a business's accounting software, which payroll journal
//! lines are booked to, read from Codat's cache and written through a connection.

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
    #[endpoint(GET, "/companies/<company_id>/data/accounts/<account_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(self, company_id: &str, account_id: &str) -> Result<Account, Error>;

    /// The fields the connection's software accepts for a new account, with their rules.
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
