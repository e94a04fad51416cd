//! Settings of your Codat client: profile, sync defaults, API keys, CORS.

use crate::models::connection_management::ConnectionManagementAllowedOrigins;
use crate::models::settings::{ApiKeyDetails, ApiKeys, CreateApiKey, Profile, SyncSettings};
use crate::resource::platform_resource;
use crate::{endpoint, Error};

platform_resource!(
    /// Client-wide settings; from [`Codat::settings`](crate::Codat::settings).
    Settings,
    settings
);

impl Settings<'_> {
    /// Gets the origins allowed to call Codat from a browser.
    #[endpoint(GET, "/corsSettings", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_cors_settings(self) -> Result<ConnectionManagementAllowedOrigins, Error>;

    /// Sets the origins allowed to call Codat from a browser.
    #[doc(alias = "set_cors_settings")]
    #[endpoint(POST, "/corsSettings", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn set(
        self,
        #[body] origins: Option<&ConnectionManagementAllowedOrigins>,
    ) -> Result<ConnectionManagementAllowedOrigins, Error>;

    /// Gets your client's profile: name, logo, redirect URL.
    #[endpoint(GET, "/profile", errors = [401, 402, 403, 429, 500, 503])]
    pub async fn get_profile(self) -> Result<Profile, Error>;

    /// Replaces your client's profile.
    #[endpoint(PUT, "/profile", errors = [401, 402, 403, 429, 500, 503])]
    pub async fn update_profile(self, #[body] profile: Option<&Profile>) -> Result<Profile, Error>;

    /// Gets the sync settings new companies start with.
    #[endpoint(GET, "/profile/syncSettings", errors = [401, 402, 403, 429, 500, 503])]
    pub async fn get_sync_settings(self) -> Result<SyncSettings, Error>;

    /// Replaces the sync settings new companies start with.
    #[endpoint(POST, "/profile/syncSettings", errors = [401, 402, 403, 429, 500, 503])]
    pub async fn update_sync_settings(
        self,
        #[body] settings: Option<&SyncSettings>,
    ) -> Result<(), Error>;

    /// Lists your API keys (at most ten exist at a time).
    #[endpoint(GET, "/apiKeys", errors = [401, 402, 403, 429, 500, 503])]
    pub async fn list_api_keys(self) -> Result<ApiKeys, Error>;

    /// Creates an API key; the key is in the result (redacted in `Debug`).
    #[endpoint(POST, "/apiKeys", errors = [400, 401, 402, 403, 409, 429, 500, 503])]
    pub async fn create_api_key(
        self,
        #[body] key: Option<&CreateApiKey>,
    ) -> Result<ApiKeyDetails, Error>;

    /// Deletes an API key; calls made with it are refused from then on.
    #[endpoint(DELETE, "/apiKeys/<api_key_id>", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn delete_api_key(self, api_key_id: &str) -> Result<(), Error>;
}
