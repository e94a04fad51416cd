//! Payments customers made for orders through the company's commerce platform.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! async fn payments(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let payments = lending.sales().payments();
//!     let options = PageOptions::new().page_size(500);
//!     let mut payments = payments.list_all(company, connection, options);
//!     while let Some(payment) = payments.try_next().await? {
//!         println!("{:?} {:?} via {:?}: {:?}", payment.amount, payment.currency,
//!             payment.payment_provider, payment.status);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{CommercePayment, CommercePayments};

codat_client::resource! {
    /// The payments of a commerce connection; from [`Sales::payments`](super::Sales::payments).
    pub struct Payments;
}

impl<'a> Payments<'a> {
    /// One page of the payments Codat last read from the connection; `paging` picks the page,
    /// its size, a filter and an order.
    ///
    /// Codat: [`list-commerce-payments`](https://docs.codat.io/lending-api#/operations/list-commerce-payments).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/commerce-payments",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<CommercePayments, Error>;

    /// Every payment Codat last read from the connection, as a stream that fetches pages as it
    /// goes (see [`PageOptions`]). It ends after the last page, or at the first error, which it
    /// yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<CommercePayment, Error>> {
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
                    Payments::new(codat)
                        .list(company_id, connection_id, params)
                        .await
                },
            ),
        )
    }

    /// One payment, by its id in the commerce platform.
    ///
    /// Codat: [`get-commerce-payment`](https://docs.codat.io/lending-api#/operations/get-commerce-payment).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/commerce-payments/<payment_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        payment_id: &str,
    ) -> Result<CommercePayment, Error>;
}
