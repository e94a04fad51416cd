//! Account mapping: which account in the accounting software (the target) each source
//! account feeds into, for building the screen where a business picks it.
//!
//! ```no_run
//! use codat_bank_feeds::models::BankFeedAccountMapping;
//! use codat_bank_feeds::BankFeeds;
//!
//! /// Maps each source account not mapped yet to the first account the software offers.
//! async fn map_unmapped(feeds: &BankFeeds, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     for mapping in feeds.account_mapping().get(company, connection).await? {
//!         let (Some(source), None) = (mapping.source_account_id, mapping.target_account_id) else {
//!             continue;
//!         };
//!         let options = mapping.target_account_options.unwrap_or_default();
//!         let Some(target) = options.into_iter().find_map(|option| option.id) else {
//!             continue;
//!         };
//!         let choice = BankFeedAccountMapping {
//!             source_account_id: source,
//!             target_account_id: Some(target),
//!             feed_start_date: Some("2024-01-01T00:00:00Z".into()),
//!         };
//!         let answer = feeds.account_mapping().create(company, connection, &choice).await?;
//!         println!("{:?}: {:?}", answer.source_account_id, answer.status);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::{BankFeedAccountMapping, BankFeedAccountMappingResponse, BankFeedMapping};

codat_client::resource! {
    /// The mappings of a connection's source accounts; from
    /// [`BankFeeds::account_mapping`](crate::BankFeeds::account_mapping).
    pub struct AccountMapping;
}

impl AccountMapping<'_> {
    /// Every source account with its mapping: the target account it feeds into, or the
    /// target accounts it could be mapped to. Not paged.
    ///
    /// Codat: [`get-bank-account-mapping`](https://docs.codat.io/bank-feeds-api#/operations/get-bank-account-mapping).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/bankFeedAccounts/mapping",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<Vec<BankFeedMapping>, Error>;

    /// Maps a source account to a target account, optionally from a feed start date (some
    /// software has the business do this in the software instead). The answer says whether it
    /// worked.
    ///
    /// Codat: [`create-bank-account-mapping`](https://docs.codat.io/bank-feeds-api#/operations/create-bank-account-mapping).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/bankFeedAccounts/mapping",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[body] mapping: &BankFeedAccountMapping,
    ) -> Result<BankFeedAccountMappingResponse, Error>;
}
