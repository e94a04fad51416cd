//! Commerce transactions: the money moving through the company's commerce platform, such as
//! sales, refunds, fees and payouts.
//!
//! ```no_run
//! use codat_client::paging::PageParams;
//! use codat_lending::Lending;
//!
//! async fn latest(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let newest = PageParams::new().page_size(50).order_by("-createdDate");
//!     let page = lending.sales().transactions().list(company, connection, newest).await?;
//!     for transaction in page.results {
//!         println!("{:?} {:?} {:?}", transaction.sub_type, transaction.total_amount,
//!             transaction.currency);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{CommerceTransaction, CommerceTransactions};

codat_client::resource! {
    /// The transactions of a commerce connection; from
    /// [`Sales::transactions`](super::Sales::transactions).
    pub struct Transactions;
}

impl<'a> Transactions<'a> {
    /// One page of the transactions Codat last read from the connection; `paging` picks the
    /// page, its size, a filter and an order.
    ///
    /// Codat: [`list-commerce-transactions`](https://docs.codat.io/lending-api#/operations/list-commerce-transactions).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/commerce-transactions",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<CommerceTransactions, Error>;

    /// Every transaction Codat last read from the connection, as a stream that fetches pages as
    /// it goes (see [`PageOptions`]). It ends after the last page, or at the first error, which
    /// it yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<CommerceTransaction, Error>> {
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

    /// One transaction, by its id in the commerce platform.
    ///
    /// Codat: [`get-commerce-transaction`](https://docs.codat.io/lending-api#/operations/get-commerce-transaction).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/commerce-transactions/<transaction_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        transaction_id: &str,
    ) -> Result<CommerceTransaction, Error>;
}
