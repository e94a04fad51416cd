//! Journal entries: every posting to the company's general ledger, as balanced debit and
//! credit lines.
//!
//! ```no_run
//! use codat_lending::Lending;
//!
//! /// A journal entry's lines, debits positive.
//! async fn entry(lending: &Lending, company: &str, id: &str) -> Result<(), codat_client::Error> {
//!     let entry = lending.transactions().journal_entries().get(company, id).await?;
//!     println!("{:?} posted {:?}", entry.description, entry.posted_on);
//!     for line in entry.journal_lines.unwrap_or_default() {
//!         let account = line.account_ref.and_then(|account| account.name);
//!         println!("  {account:?}: {}", line.net_amount);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{AccountingJournalEntries, AccountingJournalEntry};

codat_client::resource! {
    /// The company's journal entries; from
    /// [`Transactions::journal_entries`](super::Transactions::journal_entries).
    pub struct JournalEntries;
}

impl<'a> JournalEntries<'a> {
    /// One page of the company's journal entries; `paging` picks the page, its size, a filter
    /// and an order.
    ///
    /// Codat: [`list-accounting-journal-entries`](https://docs.codat.io/lending-api#/operations/list-accounting-journal-entries).
    #[endpoint(GET, "/companies/<company_id>/data/journalEntries",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingJournalEntries, Error>;

    /// Every journal entry of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingJournalEntry, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id) = &*owned;
                    JournalEntries::new(codat).list(company_id, params).await
                },
            ),
        )
    }

    /// One journal entry, by its id in the accounting software.
    ///
    /// Codat: [`get-accounting-journal-entry`](https://docs.codat.io/lending-api#/operations/get-accounting-journal-entry).
    #[endpoint(GET, "/companies/<company_id>/data/journalEntries/<journal_entry_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        journal_entry_id: &str,
    ) -> Result<AccountingJournalEntry, Error>;
}
