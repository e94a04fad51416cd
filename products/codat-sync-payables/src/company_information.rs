//! Company information: the business as its accounting software describes it.
//!
//! ```no_run
//! use codat_sync_payables::SyncForPayables;
//!
//! async fn currency(payables: &SyncForPayables, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let info = payables.company_information().get(company, connection).await?;
//!     println!("{:?} keeps its books in {:?}", info.company_name, info.base_currency);
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::CompanyInformation as Information;

codat_client::resource! {
    /// The company's profile in one connection; from
    /// [`SyncForPayables::company_information`](crate::SyncForPayables::company_information).
    pub struct CompanyInformation;
}

impl CompanyInformation<'_> {
    /// The company's name and base currency as the accounting software holds them.
    ///
    /// Codat: [`get-company-information`](https://docs.codat.io/sync-for-payables-api#/operations/get-company-information).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/payables/info",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get(self, company_id: &str, connection_id: &str) -> Result<Information, Error>;
}
