//! Account mapping: which account in the accounting software (the target) each source
//! account feeds into, for building the screen where a business picks it.

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
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/bankFeedAccounts/mapping",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[body] mapping: &BankFeedAccountMapping,
    ) -> Result<BankFeedAccountMappingResponse, Error>;
}
