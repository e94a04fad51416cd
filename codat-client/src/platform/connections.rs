//! Connections: a company's links to its accounting, banking and commerce platforms.

use futures_util::stream::BoxStream;

use crate::models::connections::{
    Connection, ConnectionAuthorization, Connections as ConnectionsPage, CreateConnection,
    UpdateConnectionStatus,
};
use crate::paging::{self, PageOptions, PageParams};
use crate::resource::platform_resource;
use crate::{endpoint, Error};

platform_resource!(
    /// Operations on connections; from [`Codat::connections`](crate::Codat::connections).
    Connections,
    connections
);

impl<'a> Connections<'a> {
    /// Lists a company's connections one page at a time.
    ///
    /// Codat: [`list-connections`](https://docs.codat.io/platform-api#/operations/list-connections).
    #[endpoint(GET, "/companies/<company_id>/connections",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<ConnectionsPage, Error>;

    /// Every connection of a company, as a stream that fetches pages as it goes.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<Connection, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: PageParams| async move {
                    let (codat, company_id) = &*owned;
                    Connections::new(codat).list(company_id, params).await
                },
            ),
        )
    }

    /// Creates a connection to a platform (by its key, e.g. `gbol`); the result's `link_url` is
    /// where the company's user authorizes it.
    ///
    /// Codat: [`create-connection`](https://docs.codat.io/platform-api#/operations/create-connection).
    #[endpoint(POST, "/companies/<company_id>/connections",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        #[body] connection: Option<&CreateConnection>,
    ) -> Result<Connection, Error>;

    /// Gets one connection.
    ///
    /// Codat: [`get-connection`](https://docs.codat.io/platform-api#/operations/get-connection).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get(self, company_id: &str, connection_id: &str) -> Result<Connection, Error>;

    /// Deletes a connection, revoking Codat's access; the data already read is kept.
    ///
    /// Codat: [`delete-connection`](https://docs.codat.io/platform-api#/operations/delete-connection).
    #[endpoint(DELETE, "/companies/<company_id>/connections/<connection_id>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn delete(self, company_id: &str, connection_id: &str) -> Result<(), Error>;

    /// Changes a connection's status; setting `Unlinked` disconnects it but keeps its data.
    ///
    /// Codat: [`unlink-connection`](https://docs.codat.io/platform-api#/operations/unlink-connection).
    #[endpoint(PATCH, "/companies/<company_id>/connections/<connection_id>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn unlink(
        self,
        company_id: &str,
        connection_id: &str,
        #[body] status: Option<&UpdateConnectionStatus>,
    ) -> Result<Connection, Error>;

    /// Sets the platform-specific authorization values of a connection.
    ///
    /// Codat: [`update-connection-authorization`](https://docs.codat.io/platform-api#/operations/update-connection-authorization).
    #[endpoint(PUT, "/companies/<company_id>/connections/<connection_id>/authorization",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn update_authorization(
        self,
        company_id: &str,
        connection_id: &str,
        #[body] authorization: Option<&ConnectionAuthorization>,
    ) -> Result<Connection, Error>;
}
