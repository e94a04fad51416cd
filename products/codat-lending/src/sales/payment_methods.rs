//! Payment methods: the ways customers can pay the company through its commerce platform.
//!
//! ```no_run
//! use codat_client::paging::PageParams;
//! use codat_lending::Lending;
//!
//! async fn methods(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let methods = lending.sales().payment_methods();
//!     let methods = methods.list(company, connection, PageParams::new());
//!     for method in methods.await?.results {
//!         println!("{}: {:?} ({:?})", method.id, method.name, method.status);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{CommercePaymentMethod, CommercePaymentMethods};

codat_client::resource! {
    /// The payment methods of a commerce connection; from
    /// [`Sales::payment_methods`](super::Sales::payment_methods).
    pub struct PaymentMethods;
}

impl<'a> PaymentMethods<'a> {
    /// One page of the payment methods Codat last read from the connection; `paging` picks the
    /// page, its size, a filter and an order.
    ///
    /// Codat: [`list-commerce-payment-methods`](https://docs.codat.io/lending-api#/operations/list-commerce-payment-methods).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/commerce-paymentMethods",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<CommercePaymentMethods, Error>;

    /// Every payment method Codat last read from the connection, as a stream that fetches pages
    /// as it goes (see [`PageOptions`]). It ends after the last page, or at the first error,
    /// which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<CommercePaymentMethod, Error>> {
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
                    PaymentMethods::new(codat)
                        .list(company_id, connection_id, params)
                        .await
                },
            ),
        )
    }

    /// One payment method, by its id in the commerce platform.
    ///
    /// Codat: [`get-commerce-payment-method`](https://docs.codat.io/lending-api#/operations/get-commerce-payment-method).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/commerce-paymentMethods/<payment_method_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        payment_method_id: &str,
    ) -> Result<CommercePaymentMethod, Error>;
}
