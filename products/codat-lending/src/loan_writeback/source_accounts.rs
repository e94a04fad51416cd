//! Source accounts and their mappings: the bank-feed side of loan writeback. A source account
//! stands for the lender's account in Codat; mapping it to a target account in the accounting
//! software lets the loan's transactions flow in as a bank feed.

use codat_client::{endpoint, Error};

use crate::models::{
    BankFeedBankAccountMapping, BankFeedBankAccountMappingResponse, BankFeedMapping,
    CreateSourceAccountRequest, CreateSourceAccountResponse,
};

codat_client::resource! {
    /// Source accounts and their mappings; from
    /// [`LoanWriteback::source_accounts`](super::LoanWriteback::source_accounts).
    pub struct SourceAccounts;
}

impl SourceAccounts<'_> {
    /// Creates a source account on the connection. The body is either shape Codat accepts:
    /// version 2 (for integrations from August 2024 on) or version 1; the answer comes in the
    /// same version.
    #[endpoint(POST,
               "/companies/<company_id>/connections/<connection_id>/connectionInfo/bankFeedAccounts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[body] account: &CreateSourceAccountRequest,
    ) -> Result<CreateSourceAccountResponse, Error>;

    /// Every source account of the connection with its mapping, if any, and the target
    /// accounts it could be mapped to. Meant for an account-mapping UI of your own.
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/bankFeedAccounts/mapping",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn list_mappings(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<Vec<BankFeedMapping>, Error>;

    /// Maps a source account to a target account in the accounting software (one that
    /// [`list_mappings`](Self::list_mappings) offers) from a feed start date.
    #[endpoint(POST,
               "/companies/<company_id>/connections/<connection_id>/bankFeedAccounts/mapping",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create_mapping(
        self,
        company_id: &str,
        connection_id: &str,
        #[body] mapping: &BankFeedBankAccountMapping,
    ) -> Result<BankFeedBankAccountMappingResponse, Error>;
}
