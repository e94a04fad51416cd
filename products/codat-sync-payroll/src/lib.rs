//! Codat's [Sync for Payroll](https://docs.codat.io/payroll/overview) API: an application that
//! runs payroll for businesses records each pay run in the business's accounting software. It
//! reads the accounts, journals and tracking categories there, creates the accounts and
//! journals it needs, and writes (or removes) the journal entries that book wages, taxes and
//! deductions, all through one Codat connection.
//!
//! # Crate organisation
//!
//! - [`SyncForPayroll`]: the handle, built from a [`Codat`] client with
//!   [`SyncForPayroll::new`]; one accessor per group of operations.
//! - One module per group, each declaring its operations with `#[endpoint]`: [`accounts`],
//!   [`journals`], [`journal_entries`], [`tracking_categories`] and [`company_info`]. Every
//!   list also comes as a stream of items (`list_all`) that fetches pages as it goes.
//! - [`models`]: request and response bodies, generated from Codat's OpenAPI spec.
//! - [`webhooks`]: [`SyncForPayrollEvent`](webhooks::SyncForPayrollEvent), what a verified
//!   delivery decodes into.
//! - The spec also lists Platform operations that every product shares; they are declared
//!   once, in [`codat_client`], and reached through the same client: companies
//!   ([`Codat::companies`]), connections ([`Codat::connections`]), refreshing data and the
//!   history of reads ([`Codat::refresh_data`]), and the history of writes
//!   ([`Codat::push_data`]).
//!
//! Every operation returns `Result<T, codat_client::Error>`; statuses the spec declares carry
//! Codat's [`ErrorMessage`](codat_client::ErrorMessage).
//!
//! # Example
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_client::Codat;
//! use codat_sync_payroll::models::{CreateJournalEntryParams, JournalEntry};
//! use codat_sync_payroll::SyncForPayroll;
//! use futures_util::TryStreamExt;
//!
//! async fn book_pay_run(
//!     company: &str,
//!     connection: &str,
//!     entry: &JournalEntry,
//! ) -> Result<(), codat_client::Error> {
//!     let codat = Codat::from_env()?;
//!     let payroll = SyncForPayroll::new(&codat);
//!     let mut accounts = payroll
//!         .accounts()
//!         .list_all(company, PageOptions::new().query("type=Liability"));
//!     while let Some(account) = accounts.try_next().await? {
//!         println!("{:?} {:?}", account.nominal_code, account.name);
//!     }
//!     let written = payroll
//!         .journal_entries()
//!         .create(
//!             company,
//!             connection,
//!             CreateJournalEntryParams::new().timeout_in_minutes(30),
//!             entry,
//!         )
//!         .await?;
//!     println!("push {} is {:?}", written.push_operation_key, written.status);
//!     Ok(())
//! }
//! ```
//!
//! # Resources
//!
//! One accessor of [`SyncForPayroll`] per group of operations, 16 operations in all:
//!
//! | accessor | what it covers | operations |
//! | --- | --- | --- |
//! | [`SyncForPayroll::accounts`] | the chart of accounts, and creating accounts | 4 |
//! | [`SyncForPayroll::journal_entries`] | reading, creating and deleting journal entries | 5 |
//! | [`SyncForPayroll::journals`] | reading and creating journals | 4 |
//! | [`SyncForPayroll::tracking_categories`] | departments, cost centres and classes | 2 |
//! | [`SyncForPayroll::company_info`] | the company as its accounting software describes it | 1 |
//!
//! Platform's operations that Sync for Payroll shares (companies, connections, push history, ...)
//! are on [`Codat`].

use codat_client::Codat;

pub mod accounts;
pub mod company_info;
pub mod journal_entries;
pub mod journals;
pub mod models;
pub mod tracking_categories;
pub mod webhooks;

/// Sync for Payroll, reached through a [`Codat`] client. Holds a clone of it, so it shares its
/// connection pool, authentication, retry policy, timeouts and rate-limit state.
#[derive(Clone, Debug)]
pub struct SyncForPayroll {
    codat: Codat,
}

impl SyncForPayroll {
    /// The product's operations, sent through `codat`.
    pub fn new(codat: &Codat) -> SyncForPayroll {
        SyncForPayroll {
            codat: codat.clone(),
        }
    }

    /// The client the operations are sent through; also where Platform's operations are
    /// (companies, connections, data refreshes, push history).
    pub fn codat(&self) -> &Codat {
        &self.codat
    }

    /// Accounts: the chart of accounts, and creating accounts.
    pub fn accounts(&self) -> accounts::Accounts<'_> {
        accounts::Accounts::new(&self.codat)
    }

    /// Journal entries: reading, creating and deleting them.
    pub fn journal_entries(&self) -> journal_entries::JournalEntries<'_> {
        journal_entries::JournalEntries::new(&self.codat)
    }

    /// Journals: reading and creating them.
    pub fn journals(&self) -> journals::Journals<'_> {
        journals::Journals::new(&self.codat)
    }

    /// Tracking categories.
    pub fn tracking_categories(&self) -> tracking_categories::TrackingCategories<'_> {
        tracking_categories::TrackingCategories::new(&self.codat)
    }

    /// The company's profile in the accounting software.
    pub fn company_info(&self) -> company_info::CompanyInfo<'_> {
        company_info::CompanyInfo::new(&self.codat)
    }
}
