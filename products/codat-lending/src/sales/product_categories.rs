//! Product categories: how the company groups its products in its commerce platform.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! async fn categories(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let categories = lending.sales().product_categories();
//!     let mut categories = categories.list_all(company, connection, PageOptions::new());
//!     while let Some(category) = categories.try_next().await? {
//!         println!("{:?} (has children: {:?})", category.name, category.has_children);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{CommerceProductCategories, CommerceProductCategory};

codat_client::resource! {
    /// The product categories of a commerce connection; from
    /// [`Sales::product_categories`](super::Sales::product_categories).
    pub struct ProductCategories;
}

impl<'a> ProductCategories<'a> {
    /// One page of the product categories Codat last read from the connection; `paging` picks
    /// the page, its size, a filter and an order.
    ///
    /// Codat: [`list-commerce-product-categories`](https://docs.codat.io/lending-api#/operations/list-commerce-product-categories).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/commerce-productCategories",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<CommerceProductCategories, Error>;

    /// Every product category Codat last read from the connection, as a stream that fetches
    /// pages as it goes (see [`PageOptions`]). It ends after the last page, or at the first
    /// error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<CommerceProductCategory, Error>> {
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
                    ProductCategories::new(codat)
                        .list(company_id, connection_id, params)
                        .await
                },
            ),
        )
    }

    /// One product category, by its id in the commerce platform. Codat names the parameter
    /// `productId`, though it takes the category's id.
    ///
    /// Codat: [`get-commerce-product-category`](https://docs.codat.io/lending-api#/operations/get-commerce-product-category).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/commerce-productCategories/<product_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        product_id: &str,
    ) -> Result<CommerceProductCategory, Error>;
}
