//! Account transactions: money in and out of the connection's bank accounts as the accounting
//! software records it, each tied to the record (payment, transfer, ...) it comes from.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! async fn account_transactions(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let transactions = lending.transactions().account_transactions();
//!     let mut transactions = transactions.list_all(company, connection, PageOptions::new());
//!     while let Some(transaction) = transactions.try_next().await? {
//!         println!("{:?} {:?} {:?}: {:?}", transaction.date, transaction.total_amount,
//!             transaction.currency, transaction.status);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{AccountingAccountTransaction, AccountingAccountTransactions};

codat_client::resource! {
    /// Account transactions of one connection; from
    /// [`Transactions::account_transactions`](super::Transactions::account_transactions).
    pub struct AccountTransactions;
}

impl<'a> AccountTransactions<'a> {
    /// One page of the connection's account transactions; `paging` picks the page, its size, a
    /// filter and an order.
    ///
    /// Codat: [`list-accounting-account-transactions`](https://docs.codat.io/lending-api#/operations/list-accounting-account-transactions).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/accountTransactions",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingAccountTransactions, Error>;

    /// Every account transaction of the connection, as a stream that fetches pages as it goes
    /// (see [`PageOptions`]). It ends after the last page, or at the first error, which it
    /// yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingAccountTransaction, Error>> {
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
                    AccountTransactions::new(codat)
                        .list(company_id, connection_id, params)
                        .await
                },
            ),
        )
    }

    /// One account transaction, by its id in the accounting software.
    ///
    /// Codat: [`get-accounting-account-transaction`](https://docs.codat.io/lending-api#/operations/get-accounting-account-transaction).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/accountTransactions/<account_transaction_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        account_transaction_id: &str,
    ) -> Result<AccountingAccountTransaction, Error>;
}
