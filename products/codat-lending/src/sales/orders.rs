//! Orders placed with the company through its commerce platform, with their lines, payments and
//! service charges.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! /// The orders of June 2024, with their totals.
//! async fn june(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let june = "createdDate>=2024-06-01&&createdDate<2024-07-01";
//!     let orders = lending.sales().orders();
//!     let mut orders = orders.list_all(company, connection, PageOptions::new().query(june));
//!     while let Some(order) = orders.try_next().await? {
//!         println!("{:?}: {:?} {:?}", order.order_number, order.total_amount, order.currency);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{CommerceOrder, CommerceOrders};

codat_client::resource! {
    /// The orders of a commerce connection; from [`Sales::orders`](super::Sales::orders).
    pub struct Orders;
}

impl<'a> Orders<'a> {
    /// One page of the orders Codat last read from the connection; `paging` picks the page, its
    /// size, a filter and an order.
    ///
    /// Codat: [`list-commerce-orders`](https://docs.codat.io/lending-api#/operations/list-commerce-orders).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/commerce-orders",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<CommerceOrders, Error>;

    /// Every order Codat last read from the connection, as a stream that fetches pages as it
    /// goes (see [`PageOptions`]). It ends after the last page, or at the first error, which it
    /// yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<CommerceOrder, Error>> {
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
                    Orders::new(codat)
                        .list(company_id, connection_id, params)
                        .await
                },
            ),
        )
    }

    /// One order, by its id in the commerce platform.
    ///
    /// Codat: [`get-commerce-order`](https://docs.codat.io/lending-api#/operations/get-commerce-order).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/commerce-orders/<order_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        order_id: &str,
    ) -> Result<CommerceOrder, Error>;
}
