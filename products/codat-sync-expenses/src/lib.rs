//! Codat's [Sync for Expenses](https://docs.codat.io/sync-for-expenses/overview) API: a spend
//! management application writes its card transactions, employee reimbursements, transfers and
//! adjustments into a business's accounting software. It queues transactions, Codat writes
//! them in a sync, and the application follows the sync's outcome (by polling or webhook),
//! attaches receipts, and reads the accounts, tax rates, suppliers and customers the
//! transactions refer to.
//!
//! # Crate organisation
//!
//! - [`SyncForExpenses`]: the handle, built from a [`Codat`] client with
//!   [`SyncForExpenses::new`]; one accessor per group of operations.
//! - One module per group, each declaring its operations with `#[endpoint]`: the setup
//!   ([`connections`], [`configuration`], [`mapping_options`], [`company_info`]), the
//!   transactions ([`expenses`], [`reimbursements`], [`transfers`], [`adjustments`],
//!   [`attachments`]), their outcome ([`sync`], [`transaction_status`]) and the records they
//!   refer to ([`accounts`], [`bank_accounts`], [`customers`], [`suppliers`]). Every paged
//!   list also comes as a stream of items (`list_all`) that fetches pages as it goes.
//! - [`models`]: request and response bodies, generated from Codat's OpenAPI spec. Enums keep
//!   an `Unrecognized(String)` variant, so a value Codat adds later still decodes.
//! - [`webhooks`]: [`SyncForExpensesEvent`](webhooks::SyncForExpensesEvent), what a verified
//!   delivery decodes into.
//! - The spec also lists Platform operations that every product shares; they are declared
//!   once, in [`codat_client`], and reached through the same client: companies
//!   ([`Codat::companies`]), listing, creating, reading, deleting and unlinking connections
//!   ([`Codat::connections`]), refreshing data and the history of reads
//!   ([`Codat::refresh_data`]), and the history of writes ([`Codat::push_data`]).
//!
//! Every operation returns `Result<T, codat_client::Error>`; statuses the spec declares carry
//! Codat's [`ErrorMessage`](codat_client::ErrorMessage).
//!
//! # Example
//!
//! ```no_run
//! use codat_client::models::DateTime;
//! use codat_client::{Codat, Upload};
//! use codat_sync_expenses::models::{ExpenseTransaction, TransactionStatus};
//! use codat_sync_expenses::SyncForExpenses;
//! use futures_util::TryStreamExt;
//!
//! async fn sync_card_spend(
//!     company: &str,
//!     spend: &[ExpenseTransaction],
//! ) -> Result<(), codat_client::Error> {
//!     let codat = Codat::from_env()?;
//!     let expenses = SyncForExpenses::new(&codat);
//!     let sync = expenses.expenses().create(company, spend).await?;
//!     let sync_id = sync.sync_id.unwrap_or_default();
//!     // Later (or on `expenses.sync.successful`): each transaction's outcome.
//!     let mut statuses = expenses
//!         .transaction_status()
//!         .list_all(company, &sync_id, Some(500), 1);
//!     while let Some(transaction) = statuses.try_next().await? {
//!         if transaction.status == Some(TransactionStatus::Completed) {
//!             let id = transaction.transaction_id.unwrap_or_default();
//!             let receipt = Upload::from_path(format!("receipts/{id}.pdf"));
//!             expenses.attachments().upload(company, &sync_id, &id, receipt).await?;
//!         }
//!     }
//!     Ok(())
//! }
//! ```
//!
//! # Resources
//!
//! One accessor of [`SyncForExpenses`] per group of operations, 30 operations in all:
//!
//! | accessor | what it covers | operations |
//! | --- | --- | --- |
//! | [`SyncForExpenses::accounts`] | creating accounts, and what a new one may hold | 2 |
//! | [`SyncForExpenses::adjustments`] | adjustment transactions | 1 |
//! | [`SyncForExpenses::attachments`] | receipts attached to synced transactions | 1 |
//! | [`SyncForExpenses::bank_accounts`] | creating bank accounts, and what a new one may hold | 2 |
//! | [`SyncForExpenses::company_info`] | the company as its accounting software describes it | 1 |
//! | [`SyncForExpenses::configuration`] | the default bank account, supplier and customer | 2 |
//! | [`SyncForExpenses::connections`] | the partner expense connection | 1 |
//! | [`SyncForExpenses::customers`] | reading, creating and updating customers | 4 |
//! | [`SyncForExpenses::expenses`] | card payments, refunds, rewards and chargebacks | 2 |
//! | [`SyncForExpenses::mapping_options`] | accounts, tax rates, tracking categories to use | 1 |
//! | [`SyncForExpenses::reimbursements`] | expenses owed back to employees | 2 |
//! | [`SyncForExpenses::suppliers`] | reading, creating and updating suppliers | 4 |
//! | [`SyncForExpenses::sync`] | syncs and their status | 4 |
//! | [`SyncForExpenses::transaction_status`] | each transaction's outcome in a sync | 2 |
//! | [`SyncForExpenses::transfers`] | transfers between the company's accounts | 1 |
//!
//! Platform's operations that Sync for Expenses shares (companies, connections, push history, ...)
//! are on [`Codat`].

use codat_client::Codat;

pub mod accounts;
pub mod adjustments;
pub mod attachments;
pub mod bank_accounts;
pub mod company_info;
pub mod configuration;
pub mod connections;
pub mod customers;
pub mod expenses;
pub mod mapping_options;
pub mod models;
pub mod reimbursements;
pub mod suppliers;
pub mod sync;
pub mod transaction_status;
pub mod transfers;
pub mod webhooks;

/// Sync for Expenses, reached through a [`Codat`] client. Holds a clone of it, so it shares
/// its connection pool, authentication, retry policy, timeouts and rate-limit state.
#[derive(Clone, Debug)]
pub struct SyncForExpenses {
    codat: Codat,
}

impl SyncForExpenses {
    /// The product's operations, sent through `codat`.
    pub fn new(codat: &Codat) -> SyncForExpenses {
        SyncForExpenses {
            codat: codat.clone(),
        }
    }

    /// The client the operations are sent through; also where Platform's operations are
    /// (companies, connections, data refreshes, push history).
    pub fn codat(&self) -> &Codat {
        &self.codat
    }

    /// Accounts: creating them, and what a new one may hold.
    pub fn accounts(&self) -> accounts::Accounts<'_> {
        accounts::Accounts::new(&self.codat)
    }

    /// Adjustment transactions.
    pub fn adjustments(&self) -> adjustments::Adjustments<'_> {
        adjustments::Adjustments::new(&self.codat)
    }

    /// Receipts and other files attached to synced transactions.
    pub fn attachments(&self) -> attachments::Attachments<'_> {
        attachments::Attachments::new(&self.codat)
    }

    /// Bank accounts: creating them, and what a new one may hold.
    pub fn bank_accounts(&self) -> bank_accounts::BankAccounts<'_> {
        bank_accounts::BankAccounts::new(&self.codat)
    }

    /// The company's profile in the accounting software.
    pub fn company_info(&self) -> company_info::CompanyInfo<'_> {
        company_info::CompanyInfo::new(&self.codat)
    }

    /// The default bank account, supplier and customer of the company's syncs.
    pub fn configuration(&self) -> configuration::Configuration<'_> {
        configuration::Configuration::new(&self.codat)
    }

    /// The partner expense connection; the other connection operations are
    /// [`Codat::connections`].
    pub fn connections(&self) -> connections::Connections<'_> {
        connections::Connections::new(&self.codat)
    }

    /// Customers: reading, creating and updating them.
    pub fn customers(&self) -> customers::Customers<'_> {
        customers::Customers::new(&self.codat)
    }

    /// Expense transactions: creating and updating them.
    pub fn expenses(&self) -> expenses::Expenses<'_> {
        expenses::Expenses::new(&self.codat)
    }

    /// The accounts, tax rates and tracking categories transactions may refer to.
    pub fn mapping_options(&self) -> mapping_options::MappingOptions<'_> {
        mapping_options::MappingOptions::new(&self.codat)
    }

    /// Reimbursable expense transactions: creating and updating them.
    pub fn reimbursements(&self) -> reimbursements::Reimbursements<'_> {
        reimbursements::Reimbursements::new(&self.codat)
    }

    /// Suppliers: reading, creating and updating them.
    pub fn suppliers(&self) -> suppliers::Suppliers<'_> {
        suppliers::Suppliers::new(&self.codat)
    }

    /// Syncs and their status.
    pub fn sync(&self) -> sync::Syncs<'_> {
        sync::Syncs::new(&self.codat)
    }

    /// The status of each transaction of a sync.
    pub fn transaction_status(&self) -> transaction_status::TransactionStatuses<'_> {
        transaction_status::TransactionStatuses::new(&self.codat)
    }

    /// Transfer transactions.
    pub fn transfers(&self) -> transfers::Transfers<'_> {
        transfers::Transfers::new(&self.codat)
    }
}
