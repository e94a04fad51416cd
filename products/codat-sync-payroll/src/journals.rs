//! Journals: the books (such as a payroll journal) that journal entries are posted to, read
//! from Codat's cache and created through a connection.
//!
//! ```no_run
//! use codat_sync_payroll::models::{CreateJournalParams, JournalPrototype};
//! use codat_sync_payroll::SyncForPayroll;
//!
//! /// A journal for payroll entries, created in the company's books.
//! async fn payroll_journal(payroll: &SyncForPayroll, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let journal = JournalPrototype {
//!         journal_code: Some("PAY".into()),
//!         name: Some("Payroll".into()),
//!         ..JournalPrototype::default()
//!     };
//!     let pushed = payroll
//!         .journals()
//!         .create(company, connection, CreateJournalParams::new(), &journal)
//!         .await?;
//!     println!("push {}: {:?}", pushed.push_operation_key, pushed.status);
//!     Ok(())
//! }
//! ```

use codat_client::models::push_data::PushOption;
use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{
    CreateJournalParams, CreateJournalResponse, Journal, JournalPrototype, Journals as JournalsPage,
};

codat_client::resource! {
    /// The company's journals; from [`SyncForPayroll::journals`](crate::SyncForPayroll::journals).
    pub struct Journals;
}

impl<'a> Journals<'a> {
    /// One page of the journals Codat last read for the company; `paging` picks the page, its
    /// size, a filter and an order.
    ///
    /// Codat: [`list-journals`](https://docs.codat.io/sync-for-payroll-api#/operations/list-journals).
    #[endpoint(GET, "/companies/<company_id>/data/journals",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<JournalsPage, Error>;

    /// Every journal of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<Journal, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id) = &*owned;
                    Journals::new(codat).list(company_id, params).await
                },
            ),
        )
    }

    /// One journal, by its id in the accounting software.
    ///
    /// Codat: [`get-journal`](https://docs.codat.io/sync-for-payroll-api#/operations/get-journal).
    #[endpoint(GET, "/companies/<company_id>/data/journals/<journal_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(self, company_id: &str, journal_id: &str) -> Result<Journal, Error>;

    /// The fields the connection's software accepts for a new journal, with their rules.
    ///
    /// Codat: [`get-create-journal-model`](https://docs.codat.io/sync-for-payroll-api#/operations/get-create-journal-model).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/options/journals",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;

    /// Creates a journal in the accounting software, as a push operation whose state the
    /// result gives. `options.timeout_in_minutes` bounds how long it may take;
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read follow it.
    ///
    /// Codat: [`create-journal`](https://docs.codat.io/sync-for-payroll-api#/operations/create-journal).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/journals",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateJournalParams,
        #[body] journal: &JournalPrototype,
    ) -> Result<CreateJournalResponse, Error>;
}
