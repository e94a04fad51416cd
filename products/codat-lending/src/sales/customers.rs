//! Customers of the company's commerce platform, as Codat last read them through a connection.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! async fn customers(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let customers = lending.sales().customers();
//!     let mut customers = customers.list_all(company, connection, PageOptions::new());
//!     while let Some(customer) = customers.try_next().await? {
//!         let (name, since) = (customer.customer_name, customer.created_date);
//!         println!("{}: {name:?} since {since:?}", customer.id);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{CommerceCustomer, CommerceCustomers};

codat_client::resource! {
    /// The customers of a commerce connection; from
    /// [`Sales::customers`](super::Sales::customers).
    pub struct Customers;
}

impl<'a> Customers<'a> {
    /// One page of the customers Codat last read from the connection; `paging` picks the page,
    /// its size, a filter and an order.
    ///
    /// Codat: [`list-commerce-customers`](https://docs.codat.io/lending-api#/operations/list-commerce-customers).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/commerce-customers",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<CommerceCustomers, Error>;

    /// Every customer Codat last read from the connection, as a stream that fetches pages as it
    /// goes (see [`PageOptions`]). It ends after the last page, or at the first error, which it
    /// yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<CommerceCustomer, Error>> {
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
                    Customers::new(codat)
                        .list(company_id, connection_id, params)
                        .await
                },
            ),
        )
    }

    /// One customer, by its id in the commerce platform.
    ///
    /// Codat: [`get-commerce-customer`](https://docs.codat.io/lending-api#/operations/get-commerce-customer).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/commerce-customers/<customer_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        customer_id: &str,
    ) -> Result<CommerceCustomer, Error>;
}
