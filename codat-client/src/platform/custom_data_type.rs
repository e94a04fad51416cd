//! Custom data types: data of your own definition read from a platform's endpoints.

use futures_util::stream::BoxStream;

use crate::models::custom_data_type::{
    CustomDataTypeConfiguration, CustomDataTypeRecord, CustomDataTypeRecords,
    ListCustomDataTypeRecordsParams,
};
use crate::models::refresh_data::PullOperation;
use crate::paging;
use crate::resource::platform_resource;
use crate::{endpoint, Error};

platform_resource!(
    /// Custom data type operations; from
    /// [`Codat::custom_data_type`](crate::Codat::custom_data_type).
    CustomDataType,
    custom_data_type
);

impl<'a> CustomDataType<'a> {
    /// Defines (or redefines) a custom data type for one platform.
    ///
    /// Codat: [`configure-custom-data-type`](https://docs.codat.io/platform-api#/operations/configure-custom-data-type).
    #[endpoint(PUT, "/integrations/<platform_key>/dataTypes/custom/<custom_data_identifier>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn configure(
        self,
        platform_key: &str,
        custom_data_identifier: &str,
        #[body] configuration: Option<&CustomDataTypeConfiguration>,
    ) -> Result<CustomDataTypeConfiguration, Error>;

    /// Gets a custom data type's definition for one platform.
    ///
    /// Codat: [`get-custom-data-type-configuration`](https://docs.codat.io/platform-api#/operations/get-custom-data-type-configuration).
    #[endpoint(GET, "/integrations/<platform_key>/dataTypes/custom/<custom_data_identifier>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_configuration(
        self,
        platform_key: &str,
        custom_data_identifier: &str,
    ) -> Result<CustomDataTypeRecords, Error>;

    /// Queues a read of a custom data type from one connection.
    ///
    /// Codat: [`refresh-custom-data-type`](https://docs.codat.io/platform-api#/operations/refresh-custom-data-type).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/data/queue/custom/<custom_data_identifier>",
               errors = [401, 402, 403, 404, 429, 451, 500, 503])]
    pub async fn refresh(
        self,
        company_id: &str,
        connection_id: &str,
        custom_data_identifier: &str,
    ) -> Result<PullOperation, Error>;

    /// Lists the records read for a custom data type, one page at a time.
    ///
    /// Codat: [`list-custom-data-type-records`](https://docs.codat.io/platform-api#/operations/list-custom-data-type-records).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/custom/<custom_data_identifier>",
               errors = [400, 401, 402, 403, 404, 429, 451, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        custom_data_identifier: &str,
        #[params] paging: ListCustomDataTypeRecordsParams,
    ) -> Result<CustomDataTypeRecords, Error>;

    /// Every record of a custom data type, as a stream that fetches pages as it goes;
    /// `concurrency` pages at a time once the first page gives the total.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        custom_data_identifier: &str,
        page_size: Option<i32>,
        concurrency: usize,
    ) -> BoxStream<'static, Result<CustomDataTypeRecord, Error>> {
        paging::items(
            paging::owning(
                (
                    self.codat.clone(),
                    company_id.to_owned(),
                    connection_id.to_owned(),
                    custom_data_identifier.to_owned(),
                ),
                move |owned, page: i32| async move {
                    let (codat, company_id, connection_id, custom_data_identifier) = &*owned;
                    CustomDataType::new(codat)
                        .list(
                            company_id,
                            connection_id,
                            custom_data_identifier,
                            ListCustomDataTypeRecordsParams {
                                page: Some(page),
                                page_size,
                            },
                        )
                        .await
                },
            ),
            concurrency,
        )
    }
}
