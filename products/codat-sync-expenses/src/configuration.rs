//! Where expenses land by default: the bank account, supplier and customer a company's
//! syncs use when a transaction names none.

use codat_client::{endpoint, Error};

use crate::models::CompanyConfiguration;

codat_client::resource! {
    /// The company's sync defaults; from
    /// [`SyncForExpenses::configuration`](crate::SyncForExpenses::configuration).
    pub struct Configuration;
}

impl Configuration<'_> {
    /// The company's current defaults.
    #[endpoint(GET, "/companies/<company_id>/sync/expenses/config",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get(self, company_id: &str) -> Result<CompanyConfiguration, Error>;

    /// Replaces the company's defaults; the result is what Codat kept.
    #[endpoint(POST, "/companies/<company_id>/sync/expenses/config",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn set(
        self,
        company_id: &str,
        #[body] configuration: &CompanyConfiguration,
    ) -> Result<CompanyConfiguration, Error>;
}
