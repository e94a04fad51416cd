//! Transactions on the company's bank accounts, as Codat last read them from a banking
//! connection.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! async fn transactions(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let options = PageOptions::new().page_size(1000).order_by("-postedDate");
//!     let transactions = lending.banking().transactions();
//!     let mut transactions = transactions.list_all(company, connection, options);
//!     while let Some(transaction) = transactions.try_next().await? {
//!         println!("{:?} {:?} {}: {:?}", transaction.posted_date, transaction.amount,
//!             transaction.currency, transaction.merchant_name);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{BankingTransaction, BankingTransactions};

codat_client::resource! {
    /// The transactions of a banking connection; from
    /// [`Banking::transactions`](super::Banking::transactions).
    pub struct Transactions;
}

impl<'a> Transactions<'a> {
    /// One page of the bank transactions Codat last read from the connection; `paging` picks
    /// the page, its size, a filter and an order.
    ///
    /// Codat: [`list-banking-transactions`](https://docs.codat.io/lending-api#/operations/list-banking-transactions).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/banking-transactions",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<BankingTransactions, Error>;

    /// Every bank transaction Codat last read from the connection, as a stream that fetches
    /// pages as it goes (see [`PageOptions`]). It ends after the last page, or at the first
    /// error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<BankingTransaction, Error>> {
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
                    Transactions::new(codat)
                        .list(company_id, connection_id, params)
                        .await
                },
            ),
        )
    }

    /// One bank transaction, by its id at the bank.
    ///
    /// Codat: [`get-banking-transaction`](https://docs.codat.io/lending-api#/operations/get-banking-transaction).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/banking-transactions/<transaction_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        transaction_id: &str,
    ) -> Result<BankingTransaction, Error>;
}
