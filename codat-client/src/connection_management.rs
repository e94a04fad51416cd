//! Connection management: the embedded UI where a company's user manages its connections.

use crate::models::connection_management::ConnectionManagementAccessToken;
use crate::{endpoint, Codat, Error, Resource};

/// Connection management operations; from [`Codat::connection_management`].
#[derive(Clone, Copy, Debug)]
pub struct ConnectionManagement<'a> {
    codat: &'a Codat,
}

impl Codat {
    /// Connection management operations.
    pub fn connection_management(&self) -> ConnectionManagement<'_> {
        ConnectionManagement { codat: self }
    }
}

impl Resource for ConnectionManagement<'_> {
    fn codat(&self) -> &Codat {
        self.codat
    }
}

impl ConnectionManagement<'_> {
    /// Issues a token for the embedded connection management UI of one company.
    ///
    /// Codat has replaced this with the company-wide token of
    /// [`Companies::get_access_token`](crate::companies::Companies::get_access_token), which
    /// also serves its other embedded UIs.
    #[deprecated(
        note = "Codat replaced this with `companies().get_access_token` (get-company-access-token)"
    )]
    #[endpoint(GET, "/companies/<company_id>/connectionManagement/accessToken",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_access_token(
        &self,
        company_id: &str,
    ) -> Result<ConnectionManagementAccessToken, Error>;
}
