//! Credit notes: what the company credited its customers, reducing what they owe it, read
//! from Codat's cache of its accounting data.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! async fn credit_notes(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let notes = lending.accounts_receivable().credit_notes();
//!     let mut notes = notes.list_all(company, PageOptions::new().order_by("-issueDate"));
//!     while let Some(note) = notes.try_next().await? {
//!         let customer = note.customer_ref.and_then(|customer| customer.company_name);
//!         let (total, left) = (note.total_amount, note.remaining_credit);
//!         println!("{customer:?}: {total} credited, {left} left");
//!     }
//!     Ok(())
//! }
//! ```

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
    ///
    /// Codat: [`list-accounting-credit-notes`](https://docs.codat.io/lending-api#/operations/list-accounting-credit-notes).
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
    ///
    /// Codat: [`get-accounting-credit-note`](https://docs.codat.io/lending-api#/operations/get-accounting-credit-note).
    #[endpoint(GET, "/companies/<company_id>/data/creditNotes/<credit_note_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        credit_note_id: &str,
    ) -> Result<AccountingCreditNote, Error>;
}
