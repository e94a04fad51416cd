//! Push data: writes to a company's platform, their options and their history.

use futures_util::stream::BoxStream;

use crate::models::push_data::{PushOperation, PushOperations, PushOption};
use crate::models::refresh_data::DataType;
use crate::paging::{self, PageOptions, PageParams};
use crate::resource::platform_resource;
use crate::{endpoint, Error};

platform_resource!(
    /// Push data operations; from [`Codat::push_data`](crate::Codat::push_data).
    PushData,
    push_data
);

impl<'a> PushData<'a> {
    /// The fields a connection's platform accepts when creating or updating records of one
    /// data type, with their rules.
    ///
    /// Codat: [`get-create-update-model-options-by-data-type`](https://docs.codat.io/platform-api#/operations/get-create-update-model-options-by-data-type).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/options/<data_type>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_model_options(
        self,
        company_id: &str,
        connection_id: &str,
        data_type: &DataType,
    ) -> Result<PushOption, Error>;

    /// Lists a company's writes (push operations) one page at a time.
    ///
    /// Codat: [`get-company-push-history`](https://docs.codat.io/platform-api#/operations/get-company-push-history).
    #[endpoint(GET, "/companies/<company_id>/push", errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn list_operations(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<PushOperations, Error>;

    /// Every write of a company, as a stream that fetches pages as it goes.
    pub fn list_all_operations(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<PushOperation, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: PageParams| async move {
                    let (codat, company_id) = &*owned;
                    PushData::new(codat)
                        .list_operations(company_id, params)
                        .await
                },
            ),
        )
    }

    /// Gets one write (push operation).
    ///
    /// Codat: [`get-push-operation`](https://docs.codat.io/platform-api#/operations/get-push-operation).
    #[endpoint(GET, "/companies/<company_id>/push/<push_operation_key>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_operation(
        self,
        company_id: &str,
        push_operation_key: &str,
    ) -> Result<PushOperation, Error>;
}
