//! Bank transactions pushed into a target account through its feed. The history of those
//! pushes is Platform's ([`Codat::push_data`](codat_client::Codat::push_data)).
//!
//! ```no_run
//! use codat_bank_feeds::BankFeeds;
//!
//! /// What the software accepts in a pushed transaction, before pushing any.
//! async fn rules(feeds: &BankFeeds, company: &str, connection: &str, account: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let model = feeds.transactions().get_create_model(company, connection, account).await?;
//!     println!("{model:#?}");
//!     Ok(())
//! }
//! ```

use codat_client::models::push_data::PushOption;
use codat_client::{endpoint, Error};

use crate::models::{
    CreateBankTransactions, CreateBankTransactionsParams, CreateBankTransactionsResponse,
};

codat_client::resource! {
    /// Bank transactions of a connection's accounts; from
    /// [`BankFeeds::transactions`](crate::BankFeeds::transactions).
    pub struct Transactions;
}

impl Transactions<'_> {
    /// Pushes bank transactions into `account_id`'s feed, as a push operation whose state the
    /// answer gives. `options.timeout_in_minutes` bounds how long the push may take;
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read follow it.
    ///
    /// Codat: [`create-bank-transactions`](https://docs.codat.io/bank-feeds-api#/operations/create-bank-transactions).
    #[endpoint(POST,
               "/companies/<company_id>/connections/<connection_id>/push/bankAccounts/<account_id>/bankTransactions",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
        #[params] options: CreateBankTransactionsParams,
        #[body] transactions: &CreateBankTransactions,
    ) -> Result<CreateBankTransactionsResponse, Error>;

    /// The fields `account_id`'s software accepts for a pushed bank transaction, with their
    /// rules.
    ///
    /// Codat: [`get-create-bank-transactions-model`](https://docs.codat.io/bank-feeds-api#/operations/get-create-bank-transactions-model).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/options/bankAccounts/<account_id>/bankTransactions",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_model(
        self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
    ) -> Result<PushOption, Error>;
}
