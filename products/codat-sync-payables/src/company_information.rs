//! Company information: the business as its accounting software describes it.

use codat_client::{endpoint, Error};

use crate::models::CompanyInformation as Information;

codat_client::resource! {
    /// The company's profile in one connection; from
    /// [`SyncForPayables::company_information`](crate::SyncForPayables::company_information).
    pub struct CompanyInformation;
}

impl CompanyInformation<'_> {
    /// The company's name and base currency as the accounting software holds them.
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/payables/info",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get(self, company_id: &str, connection_id: &str) -> Result<Information, Error>;
}
