//! Journals: the books (sales, purchases, general, ...) that the company's journal entries
//! are posted to.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! async fn journals(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let mut journals = lending.transactions().journals().list_all(company, PageOptions::new());
//!     while let Some(journal) = journals.try_next().await? {
//!         println!("{:?} {:?}: {:?}", journal.journal_code, journal.name, journal.status);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{AccountingJournal, AccountingJournals};

codat_client::resource! {
    /// The company's journals; from
    /// [`Transactions::journals`](super::Transactions::journals).
    pub struct Journals;
}

impl<'a> Journals<'a> {
    /// One page of the company's journals; `paging` picks the page, its size, a filter and an
    /// order.
    ///
    /// Codat: [`list-accounting-journals`](https://docs.codat.io/lending-api#/operations/list-accounting-journals).
    #[endpoint(GET, "/companies/<company_id>/data/journals",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingJournals, Error>;

    /// Every journal of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingJournal, Error>> {
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
    /// Codat: [`get-accounting-journal`](https://docs.codat.io/lending-api#/operations/get-accounting-journal).
    #[endpoint(GET, "/companies/<company_id>/data/journals/<journal_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(self, company_id: &str, journal_id: &str) -> Result<AccountingJournal, Error>;
}
