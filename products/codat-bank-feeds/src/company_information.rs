//! The company as its accounting software describes it: name, base currency, plan and the
//! currencies a feed may use.

use codat_client::{endpoint, Error};

use crate::models::CompanyInformation as Information;

codat_client::resource! {
    /// The company's profile in the accounting software; from
    /// [`BankFeeds::company_information`](crate::BankFeeds::company_information).
    pub struct CompanyInformation;
}

impl CompanyInformation<'_> {
    /// The company's name, base currency, plan and currencies, read through the connection.
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/bankFeeds/info",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get(self, company_id: &str, connection_id: &str) -> Result<Information, Error>;
}
