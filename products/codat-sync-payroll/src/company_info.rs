//! Company info: the business as its accounting software describes it.
//!
//! ```no_run
//! use codat_sync_payroll::SyncForPayroll;
//!
//! /// Whether the books are locked before a pay date.
//! async fn locked(payroll: &SyncForPayroll, company: &str) -> Result<(), codat_client::Error> {
//!     let info = payroll.company_info().get_accounting_profile(company).await?;
//!     println!("{:?}: books locked up to {:?}", info.company_name, info.ledger_lock_date);
//!     Ok(())
//! }
//! ```

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
    ///
    /// Codat: [`get-accounting-profile`](https://docs.codat.io/sync-for-payroll-api#/operations/get-accounting-profile).
    #[endpoint(GET, "/companies/<company_id>/data/info",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get_accounting_profile(self, company_id: &str) -> Result<Info, Error>;
}
