//! The company's profile as its accounting software holds it.
//!
//! ```no_run
//! use codat_sync_expenses::SyncForExpenses;
//!
//! async fn profile(expenses: &SyncForExpenses, company: &str) -> Result<(), codat_client::Error> {
//!     let info = expenses.company_info().get(company).await?;
//!     println!("{:?} keeps its books in {:?}", info.company_name, info.base_currency);
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::CompanyInformation;

codat_client::resource! {
    /// The company's profile; from [`SyncForExpenses::company_info`](crate::SyncForExpenses::company_info).
    pub struct CompanyInfo;
}

impl CompanyInfo<'_> {
    /// The name, addresses, base currency and financial year Codat last read from the
    /// accounting software, for checking that expenses go to the right books.
    ///
    /// Codat: [`get-company-info`](https://docs.codat.io/sync-for-expenses-api#/operations/get-company-info).
    #[endpoint(GET, "/companies/<company_id>/data/info",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(self, company_id: &str) -> Result<CompanyInformation, Error>;
}
