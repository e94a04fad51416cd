//! Transfers: money moved between two of the company's own accounts, as the accounting
//! software records it.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! /// Transfers between the company's accounts, newest first.
//! async fn transfers(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let transfers = lending.transactions().transfers();
//!     let newest_first = PageOptions::new().order_by("-date");
//!     let mut transfers = transfers.list_all(company, connection, newest_first);
//!     while let Some(transfer) = transfers.try_next().await? {
//!         let amount = transfer.from.and_then(|from| from.amount);
//!         println!("{:?}: {amount:?} ({:?})", transfer.date, transfer.description);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{AccountingTransfer, AccountingTransfers};

codat_client::resource! {
    /// Transfers of one connection; from
    /// [`Transactions::transfers`](super::Transactions::transfers).
    pub struct Transfers;
}

impl<'a> Transfers<'a> {
    /// One page of the connection's transfers; `paging` picks the page, its size, a filter and
    /// an order.
    ///
    /// Codat: [`list-accounting-transfers`](https://docs.codat.io/lending-api#/operations/list-accounting-transfers).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/transfers",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingTransfers, Error>;

    /// Every transfer of the connection, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingTransfer, Error>> {
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
                    Transfers::new(codat)
                        .list(company_id, connection_id, params)
                        .await
                },
            ),
        )
    }

    /// One transfer, by its id in the accounting software.
    ///
    /// Codat: [`get-accounting-transfer`](https://docs.codat.io/lending-api#/operations/get-accounting-transfer).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/transfers/<transfer_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        transfer_id: &str,
    ) -> Result<AccountingTransfer, Error>;
}
