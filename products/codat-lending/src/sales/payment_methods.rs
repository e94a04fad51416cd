//! Payment methods: the ways customers can pay the company through its commerce platform.

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
