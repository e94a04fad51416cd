//! The integrations your client has set up for Sync for Commerce, and how to draw each.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_sync_commerce::SyncForCommerce;
//! use futures_util::TryStreamExt;
//!
//! /// The integrations switched on for Sync for Commerce, with their logos.
//! async fn enabled(commerce: &SyncForCommerce) -> Result<(), codat_client::Error> {
//!     let enabled = PageOptions::new().query("enabled=true");
//!     let mut integrations = commerce.integrations().list_all(enabled);
//!     while let Some(integration) = integrations.try_next().await? {
//!         let branding = commerce.integrations().get_branding(&integration.key).await?;
//!         println!("{} ({}): {:?}", integration.name, integration.key, branding.logo);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::models::integrations::{Branding, Integration, Integrations as IntegrationsPage};
use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

codat_client::resource! {
    /// Integrations; from [`SyncForCommerce::integrations`](crate::SyncForCommerce::integrations).
    pub struct Integrations;
}

impl<'a> Integrations<'a> {
    /// One page of integrations; `paging` picks the page, its size, a filter and an order.
    ///
    /// Codat: [`list-integrations`](https://docs.codat.io/sync-for-commerce-api#/operations/list-integrations).
    #[endpoint(GET, "/config/integrations", errors = [400, 401, 402, 403, 429, 500, 503])]
    pub async fn list(self, #[params] paging: PageParams) -> Result<IntegrationsPage, Error>;

    /// Every integration, as a stream that fetches pages as it goes (see [`PageOptions`]). It
    /// ends after the last page, or at the first error, which it yields.
    pub fn list_all(self, options: PageOptions) -> BoxStream<'static, Result<Integration, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                self.codat.clone(),
                move |owned, params: paging::PageParams| async move {
                    let codat = &*owned;
                    Integrations::new(codat).list(params).await
                },
            ),
        )
    }

    /// The logo and button images of the platform `platform_key` (e.g. `gbol`).
    ///
    /// Codat: [`get-integration-branding`](https://docs.codat.io/sync-for-commerce-api#/operations/get-integration-branding).
    #[endpoint(GET, "/config/integrations/<platform_key>/branding",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_branding(self, platform_key: &str) -> Result<Branding, Error>;
}
