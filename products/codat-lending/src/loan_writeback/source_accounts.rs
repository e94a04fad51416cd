//! Source accounts and their mappings: the bank-feed side of loan writeback. A source account
//! stands for the lender's account in Codat; mapping it to a target account in the accounting
//! software lets the loan's transactions flow in as a bank feed.
//!
//! ```no_run
//! use codat_lending::models::BankFeedBankAccountMapping;
//! use codat_lending::Lending;
//!
//! /// Maps the loan's source account to the account the company picked in its books.
//! async fn map(lending: &Lending, company: &str, connection: &str, target: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let mapping = BankFeedBankAccountMapping {
//!         source_account_id: "loan-42".into(),
//!         target_account_id: Some(target.into()),
//!         feed_start_date: None,
//!     };
//!     let sources = lending.loan_writeback().source_accounts();
//!     let answer = sources.create_mapping(company, connection, &mapping).await?;
//!     println!("{:?}: {:?}", answer.status, answer.error);
//!     for mapping in sources.list_mappings(company, connection).await? {
//!         println!("{:?} -> {:?}", mapping.source_account_name, mapping.target_account_name);
//!     }
//!     Ok(())
//! }
//! ```

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
    ///
    /// Codat: [`create-source-account`](https://docs.codat.io/lending-api#/operations/create-source-account).
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
    ///
    /// Codat: [`get-bank-account-mapping`](https://docs.codat.io/lending-api#/operations/get-bank-account-mapping).
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
    ///
    /// Codat: [`create-bank-account-mapping`](https://docs.codat.io/lending-api#/operations/create-bank-account-mapping).
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
