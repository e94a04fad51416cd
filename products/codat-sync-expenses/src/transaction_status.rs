//! The outcome of each transaction a sync wrote: completed, pending, or refused with a
//! message saying why.
//!
//! ```no_run
//! use codat_sync_expenses::models::TransactionStatus;
//! use codat_sync_expenses::SyncForExpenses;
//! use futures_util::TryStreamExt;
//!
//! /// The transactions a sync could not write, and why.
//! async fn refused(expenses: &SyncForExpenses, company: &str, sync_id: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let mut statuses = expenses.transaction_status().list_all(company, sync_id, Some(500), 2);
//!     while let Some(transaction) = statuses.try_next().await? {
//!         if transaction.status == Some(TransactionStatus::ValidationError) {
//!             println!("{:?}: {:?}", transaction.transaction_id, transaction.message);
//!         }
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging;
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{ListSyncTransactionsParams, Transaction, Transactions};

codat_client::resource! {
    /// The statuses of a sync's transactions; from
    /// [`SyncForExpenses::transaction_status`](crate::SyncForExpenses::transaction_status).
    pub struct TransactionStatuses;
}

impl<'a> TransactionStatuses<'a> {
    /// One page of the transactions in a sync, each with its status. This list takes only a
    /// page number and size: no filter, no order.
    ///
    /// Codat: [`list-sync-transactions`](https://docs.codat.io/sync-for-expenses-api#/operations/list-sync-transactions).
    #[endpoint(GET, "/companies/<company_id>/sync/expenses/syncs/<sync_id>/transactions",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        sync_id: &str,
        #[params] options: ListSyncTransactionsParams,
    ) -> Result<Transactions, Error>;

    /// Every transaction of a sync with its status, as a stream that fetches pages of
    /// `page_size` (Codat's default when `None`) as it goes, up to `concurrency` pages at
    /// once after the first. It ends after the last page, or at the first error, which it
    /// yields.
    pub fn list_all(
        self,
        company_id: &str,
        sync_id: &str,
        page_size: Option<i32>,
        concurrency: usize,
    ) -> BoxStream<'static, Result<Transaction, Error>> {
        paging::items(
            paging::owning(
                (
                    self.codat.clone(),
                    company_id.to_owned(),
                    sync_id.to_owned(),
                ),
                move |owned, page: i32| async move {
                    let (codat, company_id, sync_id) = &*owned;
                    TransactionStatuses::new(codat)
                        .list(
                            company_id,
                            sync_id,
                            ListSyncTransactionsParams {
                                page: Some(page),
                                page_size,
                            },
                        )
                        .await
                },
            ),
            concurrency,
        )
    }

    /// The status of one transaction of a sync, by the id the application gave it. Codat
    /// answers with a list, one entry per record the transaction produced.
    ///
    /// Codat: [`get-sync-transaction`](https://docs.codat.io/sync-for-expenses-api#/operations/get-sync-transaction).
    #[endpoint(GET,
               "/companies/<company_id>/sync/expenses/syncs/<sync_id>/transactions/<transaction_id>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        sync_id: &str,
        transaction_id: &str,
    ) -> Result<Vec<Transaction>, Error>;
}
