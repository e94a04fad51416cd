//! Bank accounts in the company's accounting software, the targets a feed can go into. Codat
//! marks these operations internal: they are served, but not in its public reference.
//!
//! ```no_run
//! use codat_bank_feeds::BankFeeds;
//! use codat_client::paging::PageOptions;
//! use futures_util::TryStreamExt;
//!
//! async fn targets(feeds: &BankFeeds, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let mut accounts = feeds
//!         .bank_accounts()
//!         .list_all(company, connection, PageOptions::new().page_size(100));
//!     while let Some(account) = accounts.try_next().await? {
//!         println!("{:?} ({:?}): {:?}", account.account_name, account.currency, account.balance);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::models::push_data::PushOption;
use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{
    AccountingBankAccount, BankAccountCreateResponse, BankAccountPrototype,
    BankAccounts as BankAccountsPage, CreateBankAccountParams,
};

codat_client::resource! {
    /// The bank accounts of the connection's accounting software; from
    /// [`BankFeeds::bank_accounts`](crate::BankFeeds::bank_accounts).
    pub struct BankAccounts;
}

impl<'a> BankAccounts<'a> {
    /// One page of the bank accounts Codat last read through the connection; `paging` picks
    /// the page, its size, a filter and an order.
    ///
    /// Codat: [`list-bank-accounts`](https://docs.codat.io/bank-feeds-api#/operations/list-bank-accounts).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/bankAccounts",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<BankAccountsPage, Error>;

    /// Every bank account, as a stream that fetches pages as it goes (see [`PageOptions`]).
    /// It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingBankAccount, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (
                    self.codat.clone(),
                    company_id.to_owned(),
                    connection_id.to_owned(),
                ),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id, connection_id) = &*owned;
                    BankAccounts::new(codat)
                        .list(company_id, connection_id, params)
                        .await
                },
            ),
        )
    }

    /// The fields the connection's software accepts for a new bank account, with their rules.
    ///
    /// Codat: [`get-create-bankAccounts-model`](https://docs.codat.io/bank-feeds-api#/operations/get-create-bankAccounts-model).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/options/bankAccounts",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;

    /// Creates a bank account in the accounting software, as a push operation whose state the
    /// answer gives; `options.timeout_in_minutes` bounds how long it may take.
    ///
    /// Codat: [`create-bank-account`](https://docs.codat.io/bank-feeds-api#/operations/create-bank-account).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/bankAccounts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateBankAccountParams,
        #[body] account: &BankAccountPrototype,
    ) -> Result<BankAccountCreateResponse, Error>;
}
