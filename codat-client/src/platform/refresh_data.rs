//! Refresh data: queue reads of a company's data and follow them.

use futures_util::stream::BoxStream;

use crate::models::refresh_data::{
    DataStatuses, DataType, PullOperation, PullOperations, RefreshDataTypeParams,
};
use crate::paging::{self, PageOptions, PageParams};
use crate::resource::platform_resource;
use crate::{endpoint, Error};

platform_resource!(
    /// Data refresh operations; from [`Codat::refresh_data`](crate::Codat::refresh_data).
    RefreshData,
    refresh_data
);

impl<'a> RefreshData<'a> {
    /// Queues a read of every data type enabled for the company, from every connection.
    ///
    /// Codat: [`refresh-company-data`](https://docs.codat.io/platform-api#/operations/refresh-company-data).
    #[endpoint(POST, "/companies/<company_id>/data/all",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn all(self, company_id: &str) -> Result<(), Error>;

    /// Queues a read of one data type, from every connection or only the one `options` names.
    ///
    /// Codat: [`refresh-data-type`](https://docs.codat.io/platform-api#/operations/refresh-data-type).
    #[endpoint(POST, "/companies/<company_id>/data/queue/<data_type>",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn by_data_type(
        self,
        company_id: &str,
        data_type: &DataType,
        #[params] options: RefreshDataTypeParams,
    ) -> Result<PullOperation, Error>;

    /// The latest read of each data type for a company.
    ///
    /// Codat: [`get-company-data-status`](https://docs.codat.io/platform-api#/operations/get-company-data-status).
    #[endpoint(GET, "/companies/<company_id>/dataStatus", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_company_data_status(self, company_id: &str) -> Result<DataStatuses, Error>;

    /// Lists a company's reads (pull operations) one page at a time.
    ///
    /// Codat: [`list-pull-operations`](https://docs.codat.io/platform-api#/operations/list-pull-operations).
    #[endpoint(GET, "/companies/<company_id>/data/history",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn list_pull_operations(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<PullOperations, Error>;

    /// Every read of a company, as a stream that fetches pages as it goes.
    pub fn list_all_pull_operations(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<PullOperation, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: PageParams| async move {
                    let (codat, company_id) = &*owned;
                    RefreshData::new(codat)
                        .list_pull_operations(company_id, params)
                        .await
                },
            ),
        )
    }

    /// Gets one read (pull operation) by its dataset id.
    ///
    /// Codat: [`get-pull-operation`](https://docs.codat.io/platform-api#/operations/get-pull-operation).
    #[endpoint(GET, "/companies/<company_id>/data/history/<dataset_id>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_pull_operation(
        self,
        company_id: &str,
        dataset_id: &str,
    ) -> Result<PullOperation, Error>;
}
