//! Source accounts: the accounts of your application that a company's bank feed mirrors into
//! its accounting software. Two versions of the account exist: version 2 carries routing and
//! account details, version 1 is the original shape; every body here takes or gives either.
//!
//! ```no_run
//! use codat_bank_feeds::models::ListSourceAccountsResponse;
//! use codat_bank_feeds::BankFeeds;
//!
//! async fn list(feeds: &BankFeeds, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     match feeds.source_accounts().list(company, connection).await? {
//!         ListSourceAccountsResponse::VecSourceAccountV2(accounts) => {
//!             for account in accounts {
//!                 println!("{} {}: {} {}", account.id, account.account_name, account.balance,
//!                     account.currency);
//!             }
//!         }
//!         ListSourceAccountsResponse::VecSourceAccount(accounts) => {
//!             for account in accounts {
//!                 println!("{} {:?} (version 1)", account.id, account.account_name);
//!             }
//!         }
//!         other => println!("a shape this crate does not know: {other:?}"),
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error, MultiStatus};

use crate::models::{
    BankAccountCredentials, CreateBatchSourceAccountRequest,
    CreateBatchSourceAccountResponseItem as Created,
    CreateBatchSourceAccountResponseMultiStatusItem as Outcome, CreateSourceAccountRequest,
    CreateSourceAccountResponse, GenerateOtpResponse, ListSourceAccountsResponse, SourceAccount,
};

codat_client::resource! {
    /// A connection's source accounts; from
    /// [`BankFeeds::source_accounts`](crate::BankFeeds::source_accounts).
    pub struct SourceAccounts;
}

/// What a batch create answers: every account created (`Complete`, a 201), or only some
/// (`Partial`, a 207), each item then saying whether its account was created.
pub type BatchCreated = MultiStatus<Vec<Created>, Vec<Outcome>>;

impl SourceAccounts<'_> {
    /// Creates several source accounts in one call, all of version 2 or all of version 1.
    /// A 207 says that only some were created: [`MultiStatus::Partial`] lists the outcome of
    /// each account, failures included, so a partial success never passes for a whole one.
    /// A 409 (conflict) carries the same kind of list in an error; [`batch_conflicts`] reads
    /// it.
    ///
    /// Codat: [`create-batch-source-account`](https://docs.codat.io/bank-feeds-api#/operations/create-batch-source-account).
    #[endpoint(POST,
               "/companies/<company_id>/connections/<connection_id>/connectionInfo/bankFeedAccounts/batch",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn create_batch(
        self,
        company_id: &str,
        connection_id: &str,
        #[body] accounts: &CreateBatchSourceAccountRequest,
    ) -> Result<MultiStatus<Vec<Created>, Vec<Outcome>>, Error>;

    /// Creates one source account, of either version; the answer is the account as Codat
    /// keeps it, in the same version.
    ///
    /// Codat: [`create-source-account`](https://docs.codat.io/bank-feeds-api#/operations/create-source-account).
    #[endpoint(POST,
               "/companies/<company_id>/connections/<connection_id>/connectionInfo/bankFeedAccounts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[body] account: &CreateSourceAccountRequest,
    ) -> Result<CreateSourceAccountResponse, Error>;

    /// Every source account of the connection, all of one version. Not paged.
    ///
    /// Codat: [`list-source-accounts`](https://docs.codat.io/bank-feeds-api#/operations/list-source-accounts).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/connectionInfo/bankFeedAccounts",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<ListSourceAccountsResponse, Error>;

    /// Changes a version 1 source account: Codat takes its name, its status (only to
    /// `disconnected`) and its balance (only while not connected). The answer is the account
    /// after the change; the target account is left as it is.
    ///
    /// Codat: [`update-source-account`](https://docs.codat.io/bank-feeds-api#/operations/update-source-account).
    #[endpoint(PATCH,
               "/companies/<company_id>/connections/<connection_id>/connectionInfo/bankFeedAccounts/<account_id>",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn update(
        self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
        #[body] account: &SourceAccount,
    ) -> Result<SourceAccount, Error>;

    /// Removes a source account, and with it the feed into its target account.
    ///
    /// Codat: [`delete-source-account`](https://docs.codat.io/bank-feeds-api#/operations/delete-source-account).
    #[endpoint(DELETE,
               "/companies/<company_id>/connections/<connection_id>/connectionInfo/bankFeedAccounts/<account_id>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn delete(
        self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
    ) -> Result<(), Error>;

    /// Makes a new username and password with which the business links its feed in QuickBooks
    /// Online (the only software that needs them); earlier ones stay valid until
    /// [`delete_credentials`](Self::delete_credentials). The spec gives the body no schema, so
    /// any JSON goes; the password comes back as a [`Secret`](codat_client::models::Secret).
    ///
    /// Codat: [`generate-credentials`](https://docs.codat.io/bank-feeds-api#/operations/generate-credentials).
    #[endpoint(POST,
               "/companies/<company_id>/connections/<connection_id>/connectionInfo/bankFeedAccounts/credentials",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn generate_credentials(
        self,
        company_id: &str,
        connection_id: &str,
        #[body] body: &serde_json::Value,
    ) -> Result<BankAccountCredentials, Error>;

    /// Revokes every credential made with
    /// [`generate_credentials`](Self::generate_credentials) for the connection.
    ///
    /// Codat: [`delete-bank-feed-credentials`](https://docs.codat.io/bank-feeds-api#/operations/delete-bank-feed-credentials).
    #[endpoint(DELETE,
               "/companies/<company_id>/connections/<connection_id>/connectionInfo/bankFeedAccounts/credentials",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn delete_credentials(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<(), Error>;

    /// A one-time password, with its expiry, with which the business links its feed in Sage
    /// (other software answers with an error).
    ///
    /// Codat: [`generate-otp`](https://docs.codat.io/bank-feeds-api#/operations/generate-otp).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/bankFeeds/otp",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn generate_otp(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<GenerateOtpResponse, Error>;
}

impl Outcome {
    /// The id of the source account this outcome is about.
    pub fn source_account_id(&self) -> Option<&str> {
        match self {
            Self::SourceAccountV2BatchCreateResponse(item) => item.source_account_id.as_deref(),
            Self::SourceAccountBatchCreateResponse(item) => item.source_account_id.as_deref(),
            Self::SourceAccountBatchErrorResponse(item) => item.source_account_id.as_deref(),
            Self::Other(value) => value["sourceAccountId"].as_str(),
        }
    }

    /// The HTTP status of this account's creation. The error shape sends it as text, the
    /// others as a number; both read here.
    pub fn status_code(&self) -> Option<i64> {
        let text = |text: &str| text.trim().parse().ok();
        match self {
            Self::SourceAccountV2BatchCreateResponse(item) => item.result.as_ref()?.status_code,
            Self::SourceAccountBatchCreateResponse(item) => item.result.as_ref()?.status_code,
            Self::SourceAccountBatchErrorResponse(item) => {
                text(item.result.as_ref()?.status_code.as_deref()?)
            }
            Self::Other(value) => {
                let status = &value["result"]["statusCode"];
                status.as_i64().or_else(|| text(status.as_str()?))
            }
        }
    }

    /// Why this account was not created, as Codat put it.
    pub fn error(&self) -> Option<&str> {
        match self {
            Self::SourceAccountV2BatchCreateResponse(item) => {
                item.result.as_ref()?.error.as_deref()
            }
            Self::SourceAccountBatchCreateResponse(item) => item.result.as_ref()?.error.as_deref(),
            Self::SourceAccountBatchErrorResponse(item) => item.result.as_ref()?.error.as_deref(),
            Self::Other(value) => value["result"]["error"].as_str(),
        }
    }

    /// Whether this account was created. An item decoded as a created account may still be a
    /// failure: the shapes overlap, so an error with a numeric status reads as one. It counts
    /// as created only in a known shape other than the error one, with no error and no
    /// status outside 2xx.
    pub fn is_created(&self) -> bool {
        !matches!(
            self,
            Self::SourceAccountBatchErrorResponse(_) | Self::Other(_)
        ) && self.error().is_none()
            && self.status_code().is_none_or(|s| (200..300).contains(&s))
    }
}

/// The per-account outcomes of a batch create that Codat answered with 409 (conflict), read
/// from the error: `None` for any other error, or when the body was too long to be kept whole
/// (the error keeps the first 4 KiB) or is not such a list.
pub fn batch_conflicts(err: &Error) -> Option<Vec<Outcome>> {
    let response = err.response()?;
    if response.status != 409 || response.body_truncated {
        return None;
    }
    serde_json::from_str(&response.body).ok()
}
