//! Journal entries: every posting to the company's general ledger, as balanced debit and
//! credit lines.

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
    #[endpoint(GET, "/companies/<company_id>/data/journalEntries/<journal_entry_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        journal_entry_id: &str,
    ) -> Result<AccountingJournalEntry, Error>;
}
