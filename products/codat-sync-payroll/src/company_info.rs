//! Company info: the business as its accounting software describes it.

use codat_client::{endpoint, Error};

use crate::models::CompanyInfo as Info;

codat_client::resource! {
    /// The company's accounting profile; from
    /// [`SyncForPayroll::company_info`](crate::SyncForPayroll::company_info).
    pub struct CompanyInfo;
}

impl CompanyInfo<'_> {
    /// The company's names, addresses, base currency and financial year as Codat last read
    /// them from the accounting software.
    #[endpoint(GET, "/companies/<company_id>/data/info",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get_accounting_profile(self, company_id: &str) -> Result<Info, Error>;
}
