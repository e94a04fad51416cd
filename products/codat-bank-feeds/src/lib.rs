//! Codat's [Bank Feeds](https://docs.codat.io/bank-feeds-api/overview) API: a lender, bank or
//! card provider mirrors its customers' accounts (source accounts) into each business's
//! accounting software, where the business maps each one to an account of its books (the
//! target account); transactions pushed to a source account then appear in the target
//! account's bank feed, ready to reconcile.
//!
//! # Crate organisation
//!
//! - [`BankFeeds`]: the handle, built from a [`Codat`] client with [`BankFeeds::new`]; one
//!   accessor per group of operations.
//! - One module per group, each declaring its operations with `#[endpoint]`:
//!   [`source_accounts`], [`account_mapping`], [`company_information`], [`transactions`],
//!   [`bank_accounts`] (operations Codat marks internal; its list also comes as a stream of
//!   items, `list_all`, that fetches pages as it goes) and [`managed_bank_feeds`].
//! - [`models`]: request and response bodies, generated from Codat's OpenAPI spec. Source
//!   accounts come in two versions, so their bodies are enums of both (with an `Other` for a
//!   shape neither fits).
//! - [`webhooks`]: [`BankFeedsEvent`](webhooks::BankFeedsEvent), what a verified delivery
//!   decodes into.
//! - The spec also lists Platform operations that every product shares; they are declared
//!   once, in [`codat_client`], and reached through the same client: companies
//!   ([`Codat::companies`]), connections ([`Codat::connections`]) and the history of pushed
//!   transactions ([`Codat::push_data`]: `get_operation`, `list_operations`).
//!
//! Every operation returns `Result<T, codat_client::Error>`; statuses the spec declares carry
//! Codat's [`ErrorMessage`](codat_client::ErrorMessage).
//!
//! # Example
//!
//! ```no_run
//! use codat_bank_feeds::models::{
//!     BankFeedAccountMapping, BankTransaction, CreateBankTransactions, CreateBankTransactionsParams,
//!     CreateSourceAccountRequest, SourceAccountV2AccountType, SourceAccountV2Prototype,
//! };
//! use codat_bank_feeds::BankFeeds;
//! use codat_client::models::Decimal;
//! use codat_client::Codat;
//!
//! async fn start_feed(company: &str, connection: &str, target: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let codat = Codat::from_env()?;
//!     let feeds = BankFeeds::new(&codat);
//!     let account = SourceAccountV2Prototype {
//!         id: "acc-001".into(),
//!         account_name: "Business current account".into(),
//!         account_type: SourceAccountV2AccountType::Checking,
//!         account_number: "12345670".into(),
//!         routing_info: None,
//!         sort_code: None,
//!         currency: "GBP".into(),
//!         balance: Decimal::new(125000, 2), // 1250.00, exactly
//!         modified_date: None,
//!         account_info: None,
//!     };
//!     let request = CreateSourceAccountRequest::SourceAccountV2Prototype(Box::new(account));
//!     feeds.source_accounts().create(company, connection, &request).await?;
//!     let mapping = BankFeedAccountMapping {
//!         source_account_id: "acc-001".into(),
//!         target_account_id: Some(target.into()),
//!         feed_start_date: None,
//!     };
//!     feeds.account_mapping().create(company, connection, &mapping).await?;
//!     let transactions = CreateBankTransactions {
//!         account_id: "acc-001".into(),
//!         transactions: vec![BankTransaction {
//!             id: Some("txn-1".into()),
//!             date: Some("2024-06-01T10:00:00".into()),
//!             description: Some("Coffee beans".into()),
//!             amount: Some(Decimal::new(-4250, 2)),
//!             ..BankTransaction::default()
//!         }],
//!     };
//!     let pushed = feeds
//!         .transactions()
//!         .create(company, connection, "acc-001", CreateBankTransactionsParams::new(), &transactions)
//!         .await?;
//!     println!("push {} is {:?}", pushed.push_operation_key, pushed.status);
//!     Ok(())
//! }
//! ```
//!
//! # Resources
//!
//! One accessor of [`BankFeeds`] per group of operations, 19 operations in all:
//!
//! | accessor | what it covers | operations |
//! | --- | --- | --- |
//! | [`BankFeeds::source_accounts`] | source accounts, their credentials, one-time passwords | 8 |
//! | [`BankFeeds::account_mapping`] | which target account each source account feeds into | 2 |
//! | [`BankFeeds::company_information`] | the company as its accounting software describes it | 1 |
//! | [`BankFeeds::transactions`] | bank transactions pushed into a feed; the fields they take | 2 |
//! | [`BankFeeds::bank_accounts`] | the books' bank accounts, the feeds' targets | 3 |
//! | [`BankFeeds::managed_bank_feeds`] | syncs Codat runs for a source account | 3 |
//!
//! Platform's operations that Bank Feeds shares (companies, connections, push history) are on
//! [`Codat`].

use codat_client::Codat;

pub mod account_mapping;
pub mod bank_accounts;
pub mod company_information;
pub mod managed_bank_feeds;
pub mod models;
pub mod source_accounts;
pub mod transactions;
pub mod webhooks;

/// Bank Feeds, reached through a [`Codat`] client. Holds a clone of it, so it shares its
/// connection pool, authentication, retry policy, timeouts and rate-limit state.
#[derive(Clone, Debug)]
pub struct BankFeeds {
    codat: Codat,
}

impl BankFeeds {
    /// The product's operations, sent through `codat`.
    pub fn new(codat: &Codat) -> BankFeeds {
        BankFeeds {
            codat: codat.clone(),
        }
    }

    /// The client the operations are sent through; also where Platform's operations are
    /// (companies, connections, push history).
    pub fn codat(&self) -> &Codat {
        &self.codat
    }

    /// Source accounts: creating (one or a batch), listing, changing and deleting them, and
    /// the credentials or one-time passwords some software needs to link a feed.
    pub fn source_accounts(&self) -> source_accounts::SourceAccounts<'_> {
        source_accounts::SourceAccounts::new(&self.codat)
    }

    /// Account mapping: which target account each source account feeds into.
    pub fn account_mapping(&self) -> account_mapping::AccountMapping<'_> {
        account_mapping::AccountMapping::new(&self.codat)
    }

    /// The company's profile in the accounting software.
    pub fn company_information(&self) -> company_information::CompanyInformation<'_> {
        company_information::CompanyInformation::new(&self.codat)
    }

    /// Bank transactions pushed into a feed, and the fields they may have.
    pub fn transactions(&self) -> transactions::Transactions<'_> {
        transactions::Transactions::new(&self.codat)
    }

    /// Bank accounts in the accounting software (operations Codat marks internal).
    pub fn bank_accounts(&self) -> bank_accounts::BankAccounts<'_> {
        bank_accounts::BankAccounts::new(&self.codat)
    }

    /// Managed bank feeds: the syncs Codat runs for a source account.
    pub fn managed_bank_feeds(&self) -> managed_bank_feeds::ManagedBankFeeds<'_> {
        managed_bank_feeds::ManagedBankFeeds::new(&self.codat)
    }
}
