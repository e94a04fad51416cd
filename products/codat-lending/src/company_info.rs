//! The company's profile as its accounting software and its commerce platform record it:
//! names, addresses, currency, financial year and the like.

use codat_client::{endpoint, Error};

use crate::models::{AccountingCompanyInfo, CommerceCompanyInfo};

codat_client::resource! {
    /// The company's profile in its accounting and commerce software; from [`Lending::company_info`](crate::Lending::company_info).
    pub struct CompanyInfo;
}

impl CompanyInfo<'_> {
    /// The company's profile as Codat last read it from the accounting software.
    #[endpoint(GET, "/companies/<company_id>/data/info",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get_accounting_profile(
        self,
        company_id: &str,
    ) -> Result<AccountingCompanyInfo, Error>;

    /// The company's profile as Codat last read it from the commerce platform of one
    /// connection.
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/commerce-info",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get_commerce_profile(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<CommerceCompanyInfo, Error>;
}
