//! Codat's [Sync for Payables](https://docs.codat.io/payables/overview) API, synchronous
//! flavour: an application that pays its customers' bills reads those bills and their
//! suppliers from the customer's accounting software, writes new bills, suppliers and bank
//! accounts to it, attaches files to bills, and records each payment, all through one Codat
//! connection.
//!
//! # Crate organisation
//!
//! - [`SyncForPayables`]: the handle, built from a [`Codat`] client with
//!   [`SyncForPayables::new`]; one accessor per group of operations.
//! - One module per group, each declaring its operations with `#[endpoint]`:
//!   [`bills`] (bills, their attachments and the accounts and tax rates their lines use),
//!   [`bill_payments`] (payments and the bank accounts they come from), [`suppliers`],
//!   [`bank_accounts`] and [`company_information`]. Lists paged by continuation token also
//!   come as streams of items (`list_all`, `list_all_bill_options`,
//!   `list_all_payment_options`).
//! - [`models`]: request and response bodies, generated from Codat's OpenAPI spec. Bills and
//!   suppliers derive [`Queryable`](codat_client::query::Queryable): a typed query's text
//!   (`to_query()?.as_str()`) is what the lists' `query` takes.
//! - [`webhooks`]: [`SyncForPayablesEvent`](webhooks::SyncForPayablesEvent), what a verified
//!   delivery decodes into.
//! - Companies and connections are Platform's and are shared by every product: reach them
//!   through the same client, with [`Codat::companies`] and [`Codat::connections`].
//!
//! Every operation returns `Result<T, codat_client::Error>`; statuses the spec declares carry
//! Codat's [`ErrorMessage`](codat_client::ErrorMessage).
//!
//! # Example
//!
//! ```no_run
//! use codat_client::query::fields;
//! use codat_client::Codat;
//! use codat_sync_payables::models::{Bill, BillStatus, ListBillsParams};
//! use codat_sync_payables::SyncForPayables;
//! use futures_util::TryStreamExt;
//!
//! async fn open_bills(company: &str, connection: &str) -> Result<(), codat_client::Error> {
//!     let codat = Codat::from_env()?;
//!     let payables = SyncForPayables::new(&codat);
//!     let info = payables.company_information().get(company, connection).await?;
//!     println!("{:?} keeps its books in {:?}", info.company_name, info.base_currency);
//!     let open = fields::<Bill>().status().eq(BillStatus::Open).to_query().expect("a valid query");
//!     let mut bills = payables
//!         .bills()
//!         .list_all(company, connection, ListBillsParams::new().query(open));
//!     while let Some(bill) = bills.try_next().await? {
//!         println!("{:?}: {:?} {} due {}", bill.id, bill.amount_due, bill.currency, bill.due_date);
//!     }
//!     Ok(())
//! }
//! ```
//!
//! # Resources
//!
//! One accessor of [`SyncForPayables`] per group of operations, 14 operations in all:
//!
//! | accessor | what it covers | operations |
//! | --- | --- | --- |
//! | [`SyncForPayables::bills`] | bills, attachments, the accounts and tax rates lines use | 7 |
//! | [`SyncForPayables::bill_payments`] | paying bills; the accounts a payment may come from | 2 |
//! | [`SyncForPayables::suppliers`] | reading, creating and updating suppliers | 3 |
//! | [`SyncForPayables::bank_accounts`] | creating the bank accounts bills are paid from | 1 |
//! | [`SyncForPayables::company_information`] | the company as its software describes it | 1 |
//!
//! Platform's operations that Sync for Payables shares (companies, connections, ...) are on
//! [`Codat`].

use codat_client::Codat;

pub mod bank_accounts;
pub mod bill_payments;
pub mod bills;
pub mod company_information;
pub mod models;
pub mod suppliers;
pub mod webhooks;

/// Sync for Payables, reached through a [`Codat`] client. Holds a clone of it, so it shares
/// its connection pool, authentication, retry policy, timeouts and rate-limit state.
#[derive(Clone, Debug)]
pub struct SyncForPayables {
    codat: Codat,
}

impl SyncForPayables {
    /// The product's operations, sent through `codat`.
    pub fn new(codat: &Codat) -> SyncForPayables {
        SyncForPayables {
            codat: codat.clone(),
        }
    }

    /// The client the operations are sent through; also where Platform's companies and
    /// connections are ([`Codat::companies`], [`Codat::connections`]).
    pub fn codat(&self) -> &Codat {
        &self.codat
    }

    /// Bills, their attachments and their mapping options.
    pub fn bills(&self) -> bills::Bills<'_> {
        bills::Bills::new(&self.codat)
    }

    /// Bill payments and their mapping options.
    pub fn bill_payments(&self) -> bill_payments::BillPayments<'_> {
        bill_payments::BillPayments::new(&self.codat)
    }

    /// Suppliers.
    pub fn suppliers(&self) -> suppliers::Suppliers<'_> {
        suppliers::Suppliers::new(&self.codat)
    }

    /// Bank accounts.
    pub fn bank_accounts(&self) -> bank_accounts::BankAccounts<'_> {
        bank_accounts::BankAccounts::new(&self.codat)
    }

    /// The company's profile in the accounting software.
    pub fn company_information(&self) -> company_information::CompanyInformation<'_> {
        company_information::CompanyInformation::new(&self.codat)
    }
}
