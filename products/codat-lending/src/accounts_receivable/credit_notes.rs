//! Credit notes: what the company credited its customers, reducing what they owe it, read
//! from Codat's cache of its accounting data.

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{AccountingCreditNote, AccountingCreditNotes};

codat_client::resource! {
    /// The company's credit notes; from
    /// [`AccountsReceivable::credit_notes`](super::AccountsReceivable::credit_notes).
    pub struct CreditNotes;
}

impl<'a> CreditNotes<'a> {
    /// One page of the credit notes Codat last read for the company; `paging` picks the page,
    /// its size, a filter and an order.
    #[endpoint(GET, "/companies/<company_id>/data/creditNotes",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingCreditNotes, Error>;

    /// Every credit note of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingCreditNote, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id) = &*owned;
                    CreditNotes::new(codat).list(company_id, params).await
                },
            ),
        )
    }

    /// One credit note, by its id in the accounting software.
    #[endpoint(GET, "/companies/<company_id>/data/creditNotes/<credit_note_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        credit_note_id: &str,
    ) -> Result<AccountingCreditNote, Error>;
}
