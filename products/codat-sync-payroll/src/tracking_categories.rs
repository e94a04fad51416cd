//! Tracking categories: the departments, cost centres or classes a business tags its
//! journal lines with, read from Codat's cache.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_sync_payroll::SyncForPayroll;
//! use futures_util::TryStreamExt;
//!
//! /// The departments a pay run's lines can be tagged with, with what they hold.
//! async fn departments(payroll: &SyncForPayroll, company: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let mut categories = payroll.tracking_categories().list_all(company, PageOptions::new());
//!     while let Some(category) = categories.try_next().await? {
//!         let (Some(id), Some(true)) = (category.id, category.has_children) else { continue };
//!         let tree = payroll.tracking_categories().get(company, &id).await?;
//!         let names: Vec<_> = tree.sub_categories.unwrap_or_default().into_iter()
//!             .filter_map(|sub| sub.name)
//!             .collect();
//!         println!("{:?}: {}", tree.name, names.join(", "));
//!     }
//!     Ok(())
//! }
//! ```

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
    ///
    /// Codat: [`list-tracking-categories`](https://docs.codat.io/sync-for-payroll-api#/operations/list-tracking-categories).
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
    ///
    /// Codat: [`get-tracking-category`](https://docs.codat.io/sync-for-payroll-api#/operations/get-tracking-category).
    #[endpoint(GET, "/companies/<company_id>/data/trackingCategories/<tracking_category_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        tracking_category_id: &str,
    ) -> Result<TrackingCategoryTree, Error>;
}
