//! Integrations: the platforms Codat connects to, as configured for your client.

use futures_util::stream::BoxStream;

use crate::models::integrations::{Branding, Integration, Integrations as IntegrationsPage};
use crate::paging::{self, PageOptions, PageParams};
use crate::resource::platform_resource;
use crate::{endpoint, Error};

platform_resource!(
    /// Integration operations; from [`Codat::integrations`](crate::Codat::integrations).
    Integrations,
    integrations
);

impl<'a> Integrations<'a> {
    /// Lists integrations one page at a time.
    ///
    /// Codat: [`list-integrations`](https://docs.codat.io/platform-api#/operations/list-integrations).
    #[endpoint(GET, "/integrations", errors = [400, 401, 402, 403, 429, 500, 503])]
    pub async fn list(self, #[params] paging: PageParams) -> Result<IntegrationsPage, Error>;

    /// Every integration, as a stream that fetches pages as it goes.
    pub fn list_all(self, options: PageOptions) -> BoxStream<'static, Result<Integration, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                self.codat.clone(),
                move |owned, params: PageParams| async move {
                    let codat = &*owned;
                    Integrations::new(codat).list(params).await
                },
            ),
        )
    }

    /// Gets one integration by its four-letter platform key, e.g. `gbol`.
    ///
    /// Codat: [`get-integration`](https://docs.codat.io/platform-api#/operations/get-integration).
    #[endpoint(GET, "/integrations/<platform_key>", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get(self, platform_key: &str) -> Result<Integration, Error>;

    /// Gets a platform's logos and buttons, to show in your own UI.
    ///
    /// Codat: [`get-integrations-branding`](https://docs.codat.io/platform-api#/operations/get-integrations-branding).
    #[endpoint(GET, "/integrations/<platform_key>/branding", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_branding(self, platform_key: &str) -> Result<Branding, Error>;
}
