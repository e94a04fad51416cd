//! Advanced controls: a company's Sync for Commerce configuration (which accounts, customers,
//! suppliers and tax rates its sales, payments and fees go to, and its sync schedule). The
//! companies themselves are Platform's, on [`Codat::companies`](codat_client::Codat::companies).
//!
//! ```no_run
//! use codat_sync_commerce::SyncForCommerce;
//!
//! /// When and how often the company's commerce data is synced.
//! async fn schedule(commerce: &SyncForCommerce, company: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let config = commerce.advanced_controls().get_configuration(company).await?;
//!     println!("enabled: {:?}, configured: {:?}", config.enable, config.configured);
//!     if let Some(schedule) = config.schedule {
//!         println!("{:?} at {:?}:00 ({:?})", schedule.selected_frequency, schedule.sync_hour,
//!             schedule.time_zone);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::Configuration;

codat_client::resource! {
    /// A company's sync configuration; from
    /// [`SyncForCommerce::advanced_controls`](crate::SyncForCommerce::advanced_controls).
    pub struct AdvancedControls;
}

impl AdvancedControls<'_> {
    /// The company's configuration: whether syncing is on, its schedule, and for each kind of
    /// commerce record the accounting options chosen and those on offer.
    ///
    /// Codat: [`get-configuration`](https://docs.codat.io/sync-for-commerce-api#/operations/get-configuration).
    #[endpoint(GET, "/config/companies/<company_id>/sync/commerce",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_configuration(self, company_id: &str) -> Result<Configuration, Error>;

    /// Saves the company's configuration and returns it as it now stands. The spec gives this
    /// call no request body, so none is sent.
    ///
    /// Codat: [`set-configuration`](https://docs.codat.io/sync-for-commerce-api#/operations/set-configuration).
    #[endpoint(POST, "/config/companies/<company_id>/sync/commerce",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn set_configuration(self, company_id: &str) -> Result<Configuration, Error>;
}
