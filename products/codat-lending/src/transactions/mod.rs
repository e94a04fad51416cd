//! Accounting transactions: account transactions, direct costs, journals, journal entries and
//! transfers, as Codat last read them from the company's accounting software.
//!
//! ```no_run
//! use codat_client::paging::PageParams;
//! use codat_lending::Lending;
//!
//! async fn ledgers(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let journals = lending.transactions().journals().list(company, PageParams::new()).await?;
//!     for journal in journals.results {
//!         println!("{:?} {:?}", journal.journal_code, journal.name);
//!     }
//!     let entries = lending.transactions().journal_entries().list(company, PageParams::new());
//!     println!("{} journal entries", entries.await?.total_results);
//!     Ok(())
//! }
//! ```

pub mod account_transactions;
pub mod direct_costs;
pub mod journal_entries;
pub mod journals;
pub mod transfers;

codat_client::resource! {
    /// Accounting transactions; from [`Lending::transactions`](crate::Lending::transactions).
    pub struct Transactions;
}

impl<'a> Transactions<'a> {
    /// Transactions booked to the connection's bank accounts.
    pub fn account_transactions(self) -> account_transactions::AccountTransactions<'a> {
        account_transactions::AccountTransactions::new(self.codat)
    }

    /// Spending paid on the spot rather than through a bill, with its attachments.
    pub fn direct_costs(self) -> direct_costs::DirectCosts<'a> {
        direct_costs::DirectCosts::new(self.codat)
    }

    /// Journal entries: the balanced lines every ledger posting is made of.
    pub fn journal_entries(self) -> journal_entries::JournalEntries<'a> {
        journal_entries::JournalEntries::new(self.codat)
    }

    /// Journals: the books that journal entries are posted to.
    pub fn journals(self) -> journals::Journals<'a> {
        journals::Journals::new(self.codat)
    }

    /// Money moved between the company's own accounts.
    pub fn transfers(self) -> transfers::Transfers<'a> {
        transfers::Transfers::new(self.codat)
    }
}
