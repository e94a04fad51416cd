//! The company as its accounting software describes it: name, base currency, plan and the
//! currencies a feed may use.
//!
//! ```no_run
//! use codat_bank_feeds::BankFeeds;
//!
//! async fn currencies(feeds: &BankFeeds, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let info = feeds.company_information().get(company, connection).await?;
//!     println!(
//!         "{:?} keeps its books in {:?}; feeds may use {:?}",
//!         info.company_name, info.base_currency, info.currencies
//!     );
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::CompanyInformation as Information;

codat_client::resource! {
    /// The company's profile in the accounting software; from
    /// [`BankFeeds::company_information`](crate::BankFeeds::company_information).
    pub struct CompanyInformation;
}

impl CompanyInformation<'_> {
    /// The company's name, base currency, plan and currencies, read through the connection.
    ///
    /// Codat: [`get-company-information`](https://docs.codat.io/bank-feeds-api#/operations/get-company-information).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/bankFeeds/info",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get(self, company_id: &str, connection_id: &str) -> Result<Information, Error>;
}
