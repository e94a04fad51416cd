//! Connection management: the embedded UI where a company's user manages its connections.

use crate::models::connection_management::{
    ConnectionManagementAccessToken, ConnectionManagementAllowedOrigins,
};
use crate::resource::platform_resource;
use crate::{endpoint, Codat, Error, Resource};

platform_resource!(
    /// Connection management operations; from
    /// [`Codat::connection_management`](crate::Codat::connection_management).
    ConnectionManagement,
    connection_management
);

impl<'a> ConnectionManagement<'a> {
    /// Issues a token for the embedded connection management UI of one company.
    ///
    /// Codat has replaced this with the company-wide token of
    /// [`Companies::get_access_token`](crate::companies::Companies::get_access_token), which
    /// also serves its other embedded UIs.
    ///
    /// Codat: [`get-connection-management-access-token`](https://docs.codat.io/platform-api#/operations/get-connection-management-access-token).
    #[deprecated(
        note = "Codat replaced this with `companies().get_access_token` (get-company-access-token)"
    )]
    #[endpoint(GET, "/companies/<company_id>/connectionManagement/accessToken",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_access_token(
        self,
        company_id: &str,
    ) -> Result<ConnectionManagementAccessToken, Error>;

    /// The CORS settings of the connection management UI.
    pub fn cors(&self) -> Cors<'_> {
        Cors {
            codat: self.codat(),
        }
    }
}

/// The origins allowed to embed the connection management UI; from
/// [`ConnectionManagement::cors`].
#[derive(Clone, Copy, Debug)]
pub struct Cors<'a> {
    codat: &'a Codat,
}

impl Resource for Cors<'_> {
    fn codat(&self) -> &Codat {
        self.codat
    }
}

impl Cors<'_> {
    /// Gets the origins allowed to call Codat from a browser for the embedded UI.
    ///
    /// Codat: [`get-connection-management-cors-settings`](https://docs.codat.io/platform-api#/operations/get-connection-management-cors-settings).
    #[deprecated(
        note = "Codat replaced this with `settings().get_cors_settings` (get-cors-settings)"
    )]
    #[endpoint(GET, "/connectionManagement/corsSettings", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get(self) -> Result<ConnectionManagementAllowedOrigins, Error>;

    /// Sets the origins allowed to call Codat from a browser for the embedded UI.
    ///
    /// Codat: [`set-connection-management-cors-settings`](https://docs.codat.io/platform-api#/operations/set-connection-management-cors-settings).
    #[deprecated(note = "Codat replaced this with `settings().set` (set-cors-settings)")]
    #[endpoint(POST, "/connectionManagement/corsSettings", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn set(
        self,
        #[body] origins: Option<&ConnectionManagementAllowedOrigins>,
    ) -> Result<ConnectionManagementAllowedOrigins, Error>;
}
