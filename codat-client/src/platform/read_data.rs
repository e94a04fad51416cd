//! Read data: what Codat found when it validated a read.

use crate::models::read_data::ValidationResult;
use crate::resource::platform_resource;
use crate::{endpoint, Error};

platform_resource!(
    /// Read data operations; from [`Codat::read_data`](crate::Codat::read_data).
    ReadData,
    read_data
);

impl ReadData<'_> {
    /// Gets the validation findings of one read (dataset).
    ///
    /// Codat: [`get-read-validation-results`](https://docs.codat.io/platform-api#/operations/get-read-validation-results).
    #[endpoint(GET, "/companies/<company_id>/sync/<dataset_id>/validation",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_validation_results(
        self,
        company_id: &str,
        dataset_id: &str,
    ) -> Result<ValidationResult, Error>;
}
