//! Invoices: what the company billed its customers, read from Codat's cache of its accounting
//! data, with their PDFs and attachments, and the reconciled invoices report, which checks
//! the invoices marked paid against the company's bank statements.
//!
//! ```no_run
//! use codat_lending::Lending;
//!
//! /// An invoice and its PDF, saved to a file.
//! async fn save_pdf(lending: &Lending, company: &str, invoice_id: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let invoices = lending.accounts_receivable().invoices();
//!     let invoice = invoices.get(company, invoice_id).await?;
//!     let (due, total) = (invoice.amount_due, invoice.total_amount);
//!     println!("{:?}: {due} due of {total}", invoice.invoice_number);
//!     let pdf = lending.accounts_receivable().invoices().download_pdf(company, invoice_id).await?;
//!     let written = pdf.save_to(format!("invoice-{invoice_id}.pdf")).await?;
//!     println!("{written} bytes written");
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageCount, PageOptions, PageParams, Paged};
use codat_client::{endpoint, Download, Error};
use futures_util::stream::BoxStream;

use crate::models::{
    AccountingAttachment, AccountingInvoice, AccountingInvoices, Attachments,
    EnhancedInvoiceReportItem, EnhancedInvoicesReport, ListReconciledInvoicesParams,
};

codat_client::resource! {
    /// The company's invoices; from
    /// [`AccountsReceivable::invoices`](super::AccountsReceivable::invoices).
    pub struct Invoices;
}

impl<'a> Invoices<'a> {
    /// One page of the invoices Codat last read for the company; `paging` picks the page, its
    /// size, a filter and an order.
    ///
    /// Codat: [`list-accounting-invoices`](https://docs.codat.io/lending-api#/operations/list-accounting-invoices).
    #[endpoint(GET, "/companies/<company_id>/data/invoices",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingInvoices, Error>;

    /// Every invoice of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingInvoice, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id) = &*owned;
                    Invoices::new(codat).list(company_id, params).await
                },
            ),
        )
    }

    /// One invoice, by its id in the accounting software.
    ///
    /// Codat: [`get-accounting-invoice`](https://docs.codat.io/lending-api#/operations/get-accounting-invoice).
    #[endpoint(GET, "/companies/<company_id>/data/invoices/<invoice_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(self, company_id: &str, invoice_id: &str) -> Result<AccountingInvoice, Error>;

    /// The invoice as a PDF, streamed, as the accounting software renders it.
    ///
    /// Codat: [`download-accounting-invoice-pdf`](https://docs.codat.io/lending-api#/operations/download-accounting-invoice-pdf).
    #[endpoint(GET, "/companies/<company_id>/data/invoices/<invoice_id>/pdf",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn download_pdf(self, company_id: &str, invoice_id: &str) -> Result<Download, Error>;

    /// The files attached to an invoice (their metadata, not their content), through the
    /// connection that holds it.
    ///
    /// Codat: [`list-accounting-invoice-attachments`](https://docs.codat.io/lending-api#/operations/list-accounting-invoice-attachments).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/invoices/<invoice_id>/attachments",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list_attachments(
        self,
        company_id: &str,
        connection_id: &str,
        invoice_id: &str,
    ) -> Result<Attachments, Error>;

    /// The metadata of one file attached to an invoice.
    ///
    /// Codat: [`get-accounting-invoice-attachment`](https://docs.codat.io/lending-api#/operations/get-accounting-invoice-attachment).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/invoices/<invoice_id>/attachments/<attachment_id>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_attachment(
        self,
        company_id: &str,
        connection_id: &str,
        invoice_id: &str,
        attachment_id: &str,
    ) -> Result<AccountingAttachment, Error>;

    /// The content of one file attached to an invoice, streamed, with its content type and
    /// file name.
    ///
    /// Codat: [`download-accounting-invoice-attachment`](https://docs.codat.io/lending-api#/operations/download-accounting-invoice-attachment).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/invoices/<invoice_id>/attachments/<attachment_id>/download",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn download_attachment(
        self,
        company_id: &str,
        connection_id: &str,
        invoice_id: &str,
        attachment_id: &str,
    ) -> Result<Download, Error>;

    /// One page of the reconciled invoices report: each invoice with the payments matched to
    /// it in the bank data. `options.page` (from 1) and `options.page_size` pick the page, `options.query` filters
    /// with Codat's query language; this report takes no order.
    ///
    /// Codat: [`list-reconciled-invoices`](https://docs.codat.io/lending-api#/operations/list-reconciled-invoices).
    #[endpoint(GET, "/companies/<company_id>/reports/enhancedInvoices",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn list_reconciled(
        self,
        company_id: &str,
        #[params] options: ListReconciledInvoicesParams,
    ) -> Result<EnhancedInvoicesReport, Error>;

    /// Every item of the reconciled invoices report, as a stream that fetches pages as it
    /// goes, with the page size, filter and concurrency of `options`; the report takes no
    /// order, so an order in `options` is not sent. It ends after the last page (by the
    /// report's total, else at an empty page), or at the first error, which it yields.
    pub fn list_all_reconciled(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<EnhancedInvoiceReportItem, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id) = &*owned;
                    Invoices::new(codat)
                        .list_reconciled(
                            company_id,
                            ListReconciledInvoicesParams {
                                page: params.page,
                                page_size: params.page_size,
                                query: params.query,
                            },
                        )
                        .await
                },
            ),
        )
    }
}

impl Paged for EnhancedInvoicesReport {
    type Item = EnhancedInvoiceReportItem;

    fn into_items(self) -> (Vec<EnhancedInvoiceReportItem>, PageCount) {
        let info = self.report_info.unwrap_or_default();
        let count = match (info.total_results, info.page_size) {
            (Some(total), Some(size)) => PageCount::from_total(total, size, None),
            // Without a total, the walk goes on until an empty page.
            _ => PageCount {
                pages: None,
                has_next: None,
            },
        };
        (self.report_items.unwrap_or_default(), count)
    }
}
