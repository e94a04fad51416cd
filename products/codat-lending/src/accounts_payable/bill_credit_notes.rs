//! Bill credit notes: what suppliers credited the company, reducing what it owes them, read
//! from Codat's cache of its accounting data.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! async fn credit_left(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let notes = lending.accounts_payable().bill_credit_notes();
//!     let mut notes = notes.list_all(company, PageOptions::new());
//!     while let Some(note) = notes.try_next().await? {
//!         println!("{:?}: {:?} of {} left", note.bill_credit_note_number, note.remaining_credit,
//!             note.total_amount);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{AccountingBillCreditNote, AccountingBillCreditNotes};

codat_client::resource! {
    /// The company's bill credit notes; from
    /// [`AccountsPayable::bill_credit_notes`](super::AccountsPayable::bill_credit_notes).
    pub struct BillCreditNotes;
}

impl<'a> BillCreditNotes<'a> {
    /// One page of the bill credit notes Codat last read for the company; `paging` picks the
    /// page, its size, a filter and an order.
    ///
    /// Codat: [`list-accounting-bill-credit-notes`](https://docs.codat.io/lending-api#/operations/list-accounting-bill-credit-notes).
    #[endpoint(GET, "/companies/<company_id>/data/billCreditNotes",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingBillCreditNotes, Error>;

    /// Every bill credit note of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingBillCreditNote, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id) = &*owned;
                    BillCreditNotes::new(codat).list(company_id, params).await
                },
            ),
        )
    }

    /// One bill credit note, by its id in the accounting software.
    ///
    /// Codat: [`get-accounting-bill-credit-note`](https://docs.codat.io/lending-api#/operations/get-accounting-bill-credit-note).
    #[endpoint(GET, "/companies/<company_id>/data/billCreditNotes/<bill_credit_note_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        bill_credit_note_id: &str,
    ) -> Result<AccountingBillCreditNote, Error>;
}
