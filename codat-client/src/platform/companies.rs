//! Companies: the businesses whose data you reach through Codat.

use futures_util::stream::BoxStream;

use crate::models::companies::{
    Companies as CompaniesPage, Company, CompanyAccessToken, CompanyRequestBody,
    CompanySyncSettings, CompanyUpdateRequest, ListCompaniesParams, RefreshProductData,
};
use crate::paging::{self, PageOptions, PageParams};
use crate::resource::platform_resource;
use crate::{endpoint, Error};

platform_resource!(
    /// Operations on companies; from [`Codat::companies`](crate::Codat::companies).
    Companies,
    companies
);

impl<'a> Companies<'a> {
    /// Lists companies one page at a time. `paging.query` filters with Codat's query language,
    /// `paging.order_by` sorts (e.g. `-modifiedDate`); `filter` picks companies by their tags.
    ///
    /// Codat: [`list-companies`](https://docs.codat.io/platform-api#/operations/list-companies).
    #[endpoint(GET, "/companies", errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn list(
        self,
        #[params] paging: PageParams,
        #[params] filter: ListCompaniesParams,
    ) -> Result<CompaniesPage, Error>;

    /// Every company, as a stream that fetches pages as it goes (see [`PageOptions`]).
    pub fn list_all(self, options: PageOptions) -> BoxStream<'static, Result<Company, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                self.codat.clone(),
                move |owned, params: PageParams| async move {
                    let codat = &*owned;
                    Companies::new(codat)
                        .list(params, ListCompaniesParams::new())
                        .await
                },
            ),
        )
    }

    /// Creates a company: one per business whose data you want. The result carries the Link
    /// URL to send the business's user to.
    ///
    /// Codat: [`create-company`](https://docs.codat.io/platform-api#/operations/create-company).
    #[endpoint(POST, "/companies", errors = [400, 401, 402, 403, 429, 500, 503])]
    pub async fn create(
        self,
        #[body] company: Option<&CompanyRequestBody>,
    ) -> Result<Company, Error>;

    /// Gets one company.
    ///
    /// Codat: [`get-company`](https://docs.codat.io/platform-api#/operations/get-company).
    #[endpoint(GET, "/companies/<company_id>", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get(self, company_id: &str) -> Result<Company, Error>;

    /// Deletes a company and, permanently, all the data Codat holds for it.
    ///
    /// Codat: [`delete-company`](https://docs.codat.io/platform-api#/operations/delete-company).
    #[endpoint(DELETE, "/companies/<company_id>", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn delete(self, company_id: &str) -> Result<(), Error>;

    /// Replaces a company's name, description and tags; fields left out are cleared.
    ///
    /// Codat: [`replace-company`](https://docs.codat.io/platform-api#/operations/replace-company).
    #[endpoint(PUT, "/companies/<company_id>", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn replace(
        self,
        company_id: &str,
        #[body] company: Option<&CompanyRequestBody>,
    ) -> Result<Company, Error>;

    /// Changes only the fields given; the others stay as they are.
    ///
    /// Codat: [`update-company`](https://docs.codat.io/platform-api#/operations/update-company).
    #[endpoint(PATCH, "/companies/<company_id>", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn update(
        self,
        company_id: &str,
        #[body] changes: Option<&CompanyUpdateRequest>,
    ) -> Result<Company, Error>;

    /// Enables a product (e.g. `lending`) for a company.
    ///
    /// Codat: [`add-product`](https://docs.codat.io/platform-api#/operations/add-product).
    #[endpoint(PUT, "/companies/<company_id>/products/<product_identifier>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn add_product(self, company_id: &str, product_identifier: &str)
        -> Result<(), Error>;

    /// Disables a product for a company.
    ///
    /// Codat: [`remove-product`](https://docs.codat.io/platform-api#/operations/remove-product).
    #[endpoint(DELETE, "/companies/<company_id>/products/<product_identifier>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn remove_product(
        self,
        company_id: &str,
        product_identifier: &str,
    ) -> Result<(), Error>;

    /// Queues a refresh of a product's data types for a company (all of them when none are
    /// named); Codat answers at once and refreshes in the background.
    ///
    /// Codat: [`refresh-product-data`](https://docs.codat.io/platform-api#/operations/refresh-product-data).
    #[endpoint(POST, "/companies/<company_id>/products/<product_identifier>/refresh",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn refresh_product_data(
        self,
        company_id: &str,
        product_identifier: &str,
        #[body] data_types: Option<&RefreshProductData>,
    ) -> Result<(), Error>;

    /// Issues an access token for one company, valid for a day, which Codat's embeddable UIs
    /// (Connections SDK, Link SDK) use to identify the company's user.
    ///
    /// Codat: [`get-company-access-token`](https://docs.codat.io/platform-api#/operations/get-company-access-token).
    #[endpoint(GET, "/companies/<company_id>/accessToken",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_access_token(self, company_id: &str) -> Result<CompanyAccessToken, Error>;

    /// Gets how and when Codat reads each data type for one company.
    ///
    /// Codat: [`get-company-syncSettings`](https://docs.codat.io/platform-api#/operations/get-company-syncSettings).
    #[endpoint(GET, "/companies/<company_id>/syncSettings", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_company_sync_settings(
        self,
        company_id: &str,
    ) -> Result<CompanySyncSettings, Error>;

    /// Sets how and when Codat reads each data type for one company.
    ///
    /// Codat: [`set-company-syncSettings`](https://docs.codat.io/platform-api#/operations/set-company-syncSettings).
    #[endpoint(POST, "/companies/<company_id>/syncSettings",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn set_company_sync_settings(
        self,
        company_id: &str,
        #[body] settings: Option<&CompanySyncSettings>,
    ) -> Result<(), Error>;
}
