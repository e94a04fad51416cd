//! Journals: the books (sales, purchases, general, ...) that the company's journal entries
//! are posted to.

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
    #[endpoint(GET, "/companies/<company_id>/data/journals/<journal_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(self, company_id: &str, journal_id: &str) -> Result<AccountingJournal, Error>;
}
