//! Journal entries: the balanced debit and credit lines a payroll run is recorded as, read
//! from Codat's cache, written and deleted through a connection.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_sync_payroll::models::DeleteJournalEntryParams;
//! use codat_sync_payroll::SyncForPayroll;
//! use futures_util::TryStreamExt;
//!
//! /// Deletes the entries of a pay run booked twice (by its description).
//! async fn undo_duplicate(payroll: &SyncForPayroll, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let run = PageOptions::new().query("description=Payroll June 2024");
//!     let mut entries = payroll.journal_entries().list_all(company, run);
//!     let mut first = true;
//!     while let Some(entry) = entries.try_next().await? {
//!         let Some(id) = entry.id else { continue };
//!         if std::mem::take(&mut first) {
//!             continue;
//!         }
//!         let options = DeleteJournalEntryParams::new();
//!         let push = payroll.journal_entries().delete(company, connection, &id, options).await?;
//!         println!("deleting {id}: push {}", push.push_operation_key);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::models::push_data::{PushOperation, PushOption};
use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{
    CreateJournalEntryParams, CreateJournalEntryResponse, DeleteJournalEntryParams,
    JournalEntries as JournalEntriesPage, JournalEntry,
};

codat_client::resource! {
    /// The company's journal entries; from
    /// [`SyncForPayroll::journal_entries`](crate::SyncForPayroll::journal_entries).
    pub struct JournalEntries;
}

impl<'a> JournalEntries<'a> {
    /// One page of the journal entries Codat last read for the company; `paging` picks the
    /// page, its size, a filter and an order.
    ///
    /// Codat: [`list-journal-entries`](https://docs.codat.io/sync-for-payroll-api#/operations/list-journal-entries).
    #[endpoint(GET, "/companies/<company_id>/data/journalEntries",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<JournalEntriesPage, Error>;

    /// Every journal entry of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<JournalEntry, Error>> {
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
    /// Codat: [`get-journal-entry`](https://docs.codat.io/sync-for-payroll-api#/operations/get-journal-entry).
    #[endpoint(GET, "/companies/<company_id>/data/journalEntries/<journal_entry_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(self, company_id: &str, journal_entry_id: &str)
        -> Result<JournalEntry, Error>;

    /// Deletes a journal entry from the accounting software. The deletion runs as a push
    /// operation, returned here; `timeout_in_minutes` bounds how long it may take and
    /// `allow_sync_on_push_complete` (Codat's default: yes) lets a read follow it.
    ///
    /// Codat: [`delete-journal-entry`](https://docs.codat.io/sync-for-payroll-api#/operations/delete-journal-entry).
    #[endpoint(DELETE,
               "/companies/<company_id>/connections/<connection_id>/push/journalEntries/<journal_entry_id>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn delete(
        self,
        company_id: &str,
        connection_id: &str,
        journal_entry_id: &str,
        #[params] options: DeleteJournalEntryParams,
    ) -> Result<PushOperation, Error>;

    /// The fields the connection's software accepts for a new journal entry, with their rules.
    ///
    /// Codat: [`get-create-journalEntry-model`](https://docs.codat.io/sync-for-payroll-api#/operations/get-create-journalEntry-model).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/options/journalEntries",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;

    /// Creates a journal entry in the accounting software, as a push operation whose state the
    /// result gives. `options.timeout_in_minutes` bounds how long it may take;
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read follow it.
    ///
    /// Codat: [`create-journal-entry`](https://docs.codat.io/sync-for-payroll-api#/operations/create-journal-entry).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/journalEntries",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateJournalEntryParams,
        #[body] journal_entry: &JournalEntry,
    ) -> Result<CreateJournalEntryResponse, Error>;
}
