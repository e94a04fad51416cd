//! Bills: the invoices the company received from its suppliers, read from Codat's cache of
//! its accounting data, and the files attached to them in the accounting software.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! /// The bills still open, newest first.
//! async fn open_bills(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let options = PageOptions::new().query("status=Open").order_by("-issueDate");
//!     let mut bills = lending.accounts_payable().bills().list_all(company, options);
//!     while let Some(bill) = bills.try_next().await? {
//!         let supplier = bill.supplier_ref.and_then(|supplier| supplier.supplier_name);
//!         println!("{supplier:?}: {:?} due of {}", bill.amount_due, bill.total_amount);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Download, Error};
use futures_util::stream::BoxStream;

use crate::models::{AccountingAttachment, AccountingBill, AccountingBills, Attachments};

codat_client::resource! {
    /// The company's bills; from
    /// [`AccountsPayable::bills`](super::AccountsPayable::bills).
    pub struct Bills;
}

impl<'a> Bills<'a> {
    /// One page of the bills Codat last read for the company; `paging` picks the page, its
    /// size, a filter and an order.
    ///
    /// Codat: [`list-accounting-bills`](https://docs.codat.io/lending-api#/operations/list-accounting-bills).
    #[endpoint(GET, "/companies/<company_id>/data/bills",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingBills, Error>;

    /// Every bill of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingBill, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id) = &*owned;
                    Bills::new(codat).list(company_id, params).await
                },
            ),
        )
    }

    /// One bill, by its id in the accounting software.
    ///
    /// Codat: [`get-accounting-bill`](https://docs.codat.io/lending-api#/operations/get-accounting-bill).
    #[endpoint(GET, "/companies/<company_id>/data/bills/<bill_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(self, company_id: &str, bill_id: &str) -> Result<AccountingBill, Error>;

    /// The files attached to a bill (their metadata, not their content), through the
    /// connection that holds it.
    ///
    /// Codat: [`list-accounting-bill-attachments`](https://docs.codat.io/lending-api#/operations/list-accounting-bill-attachments).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/bills/<bill_id>/attachments",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list_attachments(
        self,
        company_id: &str,
        connection_id: &str,
        bill_id: &str,
    ) -> Result<Attachments, Error>;

    /// The metadata of one file attached to a bill.
    ///
    /// Codat: [`get-accounting-bill-attachment`](https://docs.codat.io/lending-api#/operations/get-accounting-bill-attachment).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/bills/<bill_id>/attachments/<attachment_id>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_attachment(
        self,
        company_id: &str,
        connection_id: &str,
        bill_id: &str,
        attachment_id: &str,
    ) -> Result<AccountingAttachment, Error>;

    /// The content of one file attached to a bill, streamed, with its content type and file
    /// name.
    ///
    /// Codat: [`download-accounting-bill-attachment`](https://docs.codat.io/lending-api#/operations/download-accounting-bill-attachment).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/bills/<bill_id>/attachments/<attachment_id>/download",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn download_attachment(
        self,
        company_id: &str,
        connection_id: &str,
        bill_id: &str,
        attachment_id: &str,
    ) -> Result<Download, Error>;
}
