//! The company's profile as its accounting software and its commerce platform record it:
//! names, addresses, currency, financial year and the like.
//!
//! ```no_run
//! use codat_lending::Lending;
//!
//! async fn profile(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let info = lending.company_info().get_accounting_profile(company).await?;
//!     println!(
//!         "{:?} ({:?}), books in {:?}, year from {:?}",
//!         info.company_name, info.registration_number, info.base_currency,
//!         info.financial_year_start_date
//!     );
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::{AccountingCompanyInfo, CommerceCompanyInfo};

codat_client::resource! {
    /// The company's profile in its accounting and commerce software; from [`Lending::company_info`](crate::Lending::company_info).
    pub struct CompanyInfo;
}

impl CompanyInfo<'_> {
    /// The company's profile as Codat last read it from the accounting software.
    ///
    /// Codat: [`get-accounting-profile`](https://docs.codat.io/lending-api#/operations/get-accounting-profile).
    #[endpoint(GET, "/companies/<company_id>/data/info",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get_accounting_profile(
        self,
        company_id: &str,
    ) -> Result<AccountingCompanyInfo, Error>;

    /// The company's profile as Codat last read it from the commerce platform of one
    /// connection.
    ///
    /// Codat: [`get-commerce-profile`](https://docs.codat.io/lending-api#/operations/get-commerce-profile).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/commerce-info",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get_commerce_profile(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<CommerceCompanyInfo, Error>;
}
