//! Supplemental data: extra platform fields read and written with a standard data type.

use crate::models::refresh_data::DataType;
use crate::models::supplemental_data::SupplementalDataConfiguration;
use crate::resource::platform_resource;
use crate::{endpoint, Error};

platform_resource!(
    /// Supplemental data operations; from
    /// [`Codat::supplemental_data`](crate::Codat::supplemental_data).
    SupplementalData,
    supplemental_data
);

impl SupplementalData<'_> {
    /// Sets which extra fields to read and write for one data type of one platform.
    ///
    /// Codat: [`configure-supplemental-data`](https://docs.codat.io/platform-api#/operations/configure-supplemental-data).
    #[endpoint(PUT, "/integrations/<platform_key>/dataTypes/<data_type>/supplementalDataConfig",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn configure(
        self,
        platform_key: &str,
        data_type: &DataType,
        #[body] configuration: Option<&SupplementalDataConfiguration>,
    ) -> Result<(), Error>;

    /// Gets the supplemental data configuration of one data type of one platform.
    ///
    /// Codat: [`get-supplemental-data-configuration`](https://docs.codat.io/platform-api#/operations/get-supplemental-data-configuration).
    #[endpoint(GET, "/integrations/<platform_key>/dataTypes/<data_type>/supplementalDataConfig",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_configuration(
        self,
        platform_key: &str,
        data_type: &DataType,
    ) -> Result<SupplementalDataConfiguration, Error>;
}
