//! Tracking categories: the departments, cost centres or classes a business tags its
//! journal lines with, read from Codat's cache.

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{
    TrackingCategories as TrackingCategoriesPage, TrackingCategory, TrackingCategoryTree,
};

codat_client::resource! {
    /// The company's tracking categories; from
    /// [`SyncForPayroll::tracking_categories`](crate::SyncForPayroll::tracking_categories).
    pub struct TrackingCategories;
}

impl<'a> TrackingCategories<'a> {
    /// One page of the tracking categories Codat last read for the company; `paging` picks
    /// the page, its size, a filter and an order.
    #[endpoint(GET, "/companies/<company_id>/data/trackingCategories",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<TrackingCategoriesPage, Error>;

    /// Every tracking category of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<TrackingCategory, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id) = &*owned;
                    TrackingCategories::new(codat)
                        .list(company_id, params)
                        .await
                },
            ),
        )
    }

    /// One tracking category with the categories below it, by its id in the accounting
    /// software.
    #[endpoint(GET, "/companies/<company_id>/data/trackingCategories/<tracking_category_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        tracking_category_id: &str,
    ) -> Result<TrackingCategoryTree, Error>;
}
