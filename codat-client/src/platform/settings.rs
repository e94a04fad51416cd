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
    ///
    /// Codat: [`get-cors-settings`](https://docs.codat.io/platform-api#/operations/get-cors-settings).
    #[endpoint(GET, "/corsSettings", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_cors_settings(self) -> Result<ConnectionManagementAllowedOrigins, Error>;

    /// Sets the origins allowed to call Codat from a browser.
    ///
    /// Codat: [`set-cors-settings`](https://docs.codat.io/platform-api#/operations/set-cors-settings).
    #[doc(alias = "set_cors_settings")]
    #[endpoint(POST, "/corsSettings", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn set(
        self,
        #[body] origins: Option<&ConnectionManagementAllowedOrigins>,
    ) -> Result<ConnectionManagementAllowedOrigins, Error>;

    /// Gets your client's profile: name, logo, redirect URL.
    ///
    /// Codat: [`get-profile`](https://docs.codat.io/platform-api#/operations/get-profile).
    #[endpoint(GET, "/profile", errors = [401, 402, 403, 429, 500, 503])]
    pub async fn get_profile(self) -> Result<Profile, Error>;

    /// Replaces your client's profile.
    ///
    /// Codat: [`update-profile`](https://docs.codat.io/platform-api#/operations/update-profile).
    #[endpoint(PUT, "/profile", errors = [401, 402, 403, 429, 500, 503])]
    pub async fn update_profile(self, #[body] profile: Option<&Profile>) -> Result<Profile, Error>;

    /// Gets the sync settings new companies start with.
    ///
    /// Codat: [`get-profile-syncSettings`](https://docs.codat.io/platform-api#/operations/get-profile-syncSettings).
    #[endpoint(GET, "/profile/syncSettings", errors = [401, 402, 403, 429, 500, 503])]
    pub async fn get_sync_settings(self) -> Result<SyncSettings, Error>;

    /// Replaces the sync settings new companies start with.
    ///
    /// Codat: [`update-profile-syncSettings`](https://docs.codat.io/platform-api#/operations/update-profile-syncSettings).
    #[endpoint(POST, "/profile/syncSettings", errors = [401, 402, 403, 429, 500, 503])]
    pub async fn update_sync_settings(
        self,
        #[body] settings: Option<&SyncSettings>,
    ) -> Result<(), Error>;

    /// Lists your API keys (at most ten exist at a time).
    ///
    /// Codat: [`list-api-keys`](https://docs.codat.io/platform-api#/operations/list-api-keys).
    #[endpoint(GET, "/apiKeys", errors = [401, 402, 403, 429, 500, 503])]
    pub async fn list_api_keys(self) -> Result<ApiKeys, Error>;

    /// Creates an API key; the key is in the result (redacted in `Debug`).
    ///
    /// Codat: [`create-api-key`](https://docs.codat.io/platform-api#/operations/create-api-key).
    #[endpoint(POST, "/apiKeys", errors = [400, 401, 402, 403, 409, 429, 500, 503])]
    pub async fn create_api_key(
        self,
        #[body] key: Option<&CreateApiKey>,
    ) -> Result<ApiKeyDetails, Error>;

    /// Deletes an API key; calls made with it are refused from then on.
    ///
    /// Codat: [`delete-api-key`](https://docs.codat.io/platform-api#/operations/delete-api-key).
    #[endpoint(DELETE, "/apiKeys/<api_key_id>", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn delete_api_key(self, api_key_id: &str) -> Result<(), Error>;
}
