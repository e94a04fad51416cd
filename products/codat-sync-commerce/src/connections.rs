//! The sync flow's entry point: the URL that starts a merchant's set-up of a commerce and an
//! accounting connection. Creating, listing and updating connections is Platform's, on
//! [`Codat::connections`](codat_client::Codat::connections).
//!
//! ```no_run
//! use codat_sync_commerce::models::GetSyncFlowUrlParams;
//! use codat_sync_commerce::SyncForCommerce;
//!
//! /// The link a merchant opens to connect Shopify and Xero.
//! async fn onboarding_link(commerce: &SyncForCommerce, merchant: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let options = GetSyncFlowUrlParams::new().merchant_identifier(merchant);
//!     let flow = commerce.connections().get_sync_flow_url("shopify", "xero", options).await?;
//!     println!("send {merchant} to {:?}", flow.url);
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::{GetSyncFlowUrlParams, SyncFlowUrl};

codat_client::resource! {
    /// The sync flow's start; from
    /// [`SyncForCommerce::connections`](crate::SyncForCommerce::connections).
    pub struct Connections;
}

impl Connections<'_> {
    /// The URL to send a merchant to so that they link the commerce platform
    /// `commerce_key` and the accounting platform `accounting_key` (both four-letter platform
    /// keys, e.g. `sqre` and `qbon`). `options.merchant_identifier`, when given, ties the flow to the
    /// merchant's id in your own system.
    ///
    /// Codat: [`get-sync-flow-url`](https://docs.codat.io/sync-for-commerce-api#/operations/get-sync-flow-url).
    #[endpoint(GET, "/config/sync/commerce/<commerce_key>/<accounting_key>/start",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_sync_flow_url(
        self,
        commerce_key: &str,
        accounting_key: &str,
        #[params] options: GetSyncFlowUrlParams,
    ) -> Result<SyncFlowUrl, Error>;
}
