//! Settings of the sync flow, the UI a merchant goes through: its text in each language, and
//! which accounting accounts it shows.
//!
//! ```no_run
//! use codat_sync_commerce::sync_flow_settings::Locale;
//! use codat_sync_commerce::SyncForCommerce;
//!
//! /// The sync flow's English text, piece by piece.
//! async fn text(commerce: &SyncForCommerce) -> Result<(), codat_client::Error> {
//!     let text = commerce.sync_flow_settings().get_config_text_sync_flow(&Locale::EnUs).await?;
//!     for (key, piece) in text {
//!         println!("{key}: {:?} (required: {:?})", piece.text, piece.required);
//!     }
//!     Ok(())
//! }
//! ```

use std::collections::BTreeMap;

use codat_client::{endpoint, Error};

use crate::models::{Localization, VisibleAccounts};

codat_client::string_enum! {
    /// A language the sync flow's text comes in, sent as the `locale` query parameter.
    pub enum Locale {
        /// `en-us`: English (United States).
        EnUs = "en-us",
        /// `fr-fr`: French (France).
        FrFr = "fr-fr",
    }
}

/// The sync flow's text in one language, by the key of each piece of text.
pub type LocalizationInfo = BTreeMap<String, Localization>;

codat_client::resource! {
    /// Sync flow settings; from
    /// [`SyncForCommerce::sync_flow_settings`](crate::SyncForCommerce::sync_flow_settings).
    pub struct SyncFlowSettings;
}

impl SyncFlowSettings<'_> {
    /// Every piece of the sync flow's text in `locale`, with whether it must be filled in.
    ///
    /// Codat: [`get-config-text-sync-flow`](https://docs.codat.io/sync-for-commerce-api#/operations/get-config-text-sync-flow).
    #[endpoint(GET, "/sync/commerce/config/ui/text", errors = [401, 402, 403, 429, 500, 503])]
    pub async fn get_config_text_sync_flow(
        self,
        #[query] locale: &Locale,
    ) -> Result<LocalizationInfo, Error>;

    /// Changes pieces of the sync flow's text in `locale`; the keys not in `text` stay as they
    /// were. Returns the text as it now stands.
    ///
    /// Codat: [`update-config-text-sync-flow`](https://docs.codat.io/sync-for-commerce-api#/operations/update-config-text-sync-flow).
    #[endpoint(PATCH, "/sync/commerce/config/ui/text",
               errors = [400, 401, 402, 403, 429, 500, 503])]
    pub async fn update_config_text_sync_flow(
        self,
        #[query] locale: &Locale,
        #[body] text: &LocalizationInfo,
    ) -> Result<LocalizationInfo, Error>;

    /// The accounts the sync flow shows for the accounting platform `platform_key` (e.g.
    /// `gbol`), as set for the client `client_id`.
    ///
    /// Codat: [`get-visible-accounts`](https://docs.codat.io/sync-for-commerce-api#/operations/get-visible-accounts).
    #[endpoint(GET, "/clients/<client_id>/config/ui/accounts/platform/<platform_key>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_visible_accounts(
        self,
        client_id: &str,
        platform_key: &str,
    ) -> Result<VisibleAccounts, Error>;

    /// Sets which accounts the sync flow shows for the accounting platform `platform_key`.
    /// Returns the setting as it now stands.
    ///
    /// Codat: [`update-visible-accounts-sync-flow`](https://docs.codat.io/sync-for-commerce-api#/operations/update-visible-accounts-sync-flow).
    #[endpoint(POST, "/sync/commerce/config/ui/accounts/platform/<platform_key>",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn update_visible_accounts_sync_flow(
        self,
        platform_key: &str,
        #[body] accounts: &VisibleAccounts,
    ) -> Result<VisibleAccounts, Error>;
}
