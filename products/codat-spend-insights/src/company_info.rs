//! The company's profile as Codat last read it from its accounting software: names, addresses,
//! phone numbers, currency, financial year and the like.
//!
//! ```no_run
//! use codat_spend_insights::SpendInsights;
//!
//! async fn profile(spend: &SpendInsights, company: &str) -> Result<(), codat_client::Error> {
//!     let info = spend.company_info().get(company).await?;
//!     println!("{:?} ({:?}), books in {:?}", info.company_name, info.company_legal_name,
//!         info.base_currency);
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::CompanyInfo as Info;

codat_client::resource! {
    /// The company's accounting profile; from
    /// [`SpendInsights::company_info`](crate::SpendInsights::company_info).
    pub struct CompanyInfo;
}

impl CompanyInfo<'_> {
    /// The company's legal and trading names, addresses, registration and tax numbers, base
    /// currency and the start of its financial year, as the accounting software holds them.
    ///
    /// Codat: [`get-company-info`](https://docs.codat.io/spend-insights-api#/operations/get-company-info).
    #[endpoint(GET, "/companies/<company_id>/data/info",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(self, company_id: &str) -> Result<Info, Error>;
}
