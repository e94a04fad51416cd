//! What an expense's lines may refer to in the accounting software: accounts, tax rates and
//! tracking categories, with the transaction types each is valid for.

use codat_client::{endpoint, Error};

use crate::models;

codat_client::resource! {
    /// Mapping options; from
    /// [`SyncForExpenses::mapping_options`](crate::SyncForExpenses::mapping_options).
    pub struct MappingOptions;
}

impl MappingOptions<'_> {
    /// The accounts, tax rates and tracking categories the company's software offers, to
    /// build an expense mapping from before syncing.
    #[endpoint(GET, "/companies/<company_id>/sync/expenses/mappingOptions",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_mapping_options(
        self,
        company_id: &str,
    ) -> Result<models::MappingOptions, Error>;
}
