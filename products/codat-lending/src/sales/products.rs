//! Products the company sells through its commerce platform, with their variants, prices and
//! stock.
//!
//! ```no_run
//! use codat_lending::Lending;
//!
//! /// A product and the prices of its variants.
//! async fn product(lending: &Lending, company: &str, connection: &str, id: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let product = lending.sales().products().get(company, connection, id).await?;
//!     println!("{:?}", product.name);
//!     for variant in product.variants.unwrap_or_default() {
//!         println!("  {:?} ({:?}): {:?}", variant.name, variant.sku, variant.prices);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{CommerceProduct, CommerceProducts};

codat_client::resource! {
    /// The products of a commerce connection; from [`Sales::products`](super::Sales::products).
    pub struct Products;
}

impl<'a> Products<'a> {
    /// One page of the products Codat last read from the connection; `paging` picks the page,
    /// its size, a filter and an order.
    ///
    /// Codat: [`list-commerce-products`](https://docs.codat.io/lending-api#/operations/list-commerce-products).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/commerce-products",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<CommerceProducts, Error>;

    /// Every product Codat last read from the connection, as a stream that fetches pages as it
    /// goes (see [`PageOptions`]). It ends after the last page, or at the first error, which it
    /// yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<CommerceProduct, Error>> {
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
                    Products::new(codat)
                        .list(company_id, connection_id, params)
                        .await
                },
            ),
        )
    }

    /// One product, by its id in the commerce platform.
    ///
    /// Codat: [`get-commerce-product`](https://docs.codat.io/lending-api#/operations/get-commerce-product).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/commerce-products/<product_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        product_id: &str,
    ) -> Result<CommerceProduct, Error>;
}
