//! Suppliers: the businesses and people the company buys from, read from Codat's cache of
//! its accounting data, and the files attached to them in the accounting software.
//!
//! ```no_run
//! use codat_lending::Lending;
//!
//! /// A supplier and the files attached to it in the accounting software.
//! async fn supplier(lending: &Lending, company: &str, connection: &str, id: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let suppliers = lending.accounts_payable().suppliers();
//!     let supplier = suppliers.get(company, id).await?;
//!     println!("{:?} ({:?})", supplier.supplier_name, supplier.status);
//!     let files = lending
//!         .accounts_payable()
//!         .suppliers()
//!         .list_attachments(company, connection, id)
//!         .await?;
//!     for file in files.attachments.unwrap_or_default() {
//!         println!("  {:?}, {:?} bytes", file.name, file.file_size);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Download, Error};
use futures_util::stream::BoxStream;

use crate::models::{AccountingAttachment, AccountingSupplier, AccountingSuppliers, Attachments};

codat_client::resource! {
    /// The company's suppliers; from
    /// [`AccountsPayable::suppliers`](super::AccountsPayable::suppliers).
    pub struct Suppliers;
}

impl<'a> Suppliers<'a> {
    /// One page of the suppliers Codat last read for the company; `paging` picks the page,
    /// its size, a filter and an order.
    ///
    /// Codat: [`list-accounting-suppliers`](https://docs.codat.io/lending-api#/operations/list-accounting-suppliers).
    #[endpoint(GET, "/companies/<company_id>/data/suppliers",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingSuppliers, Error>;

    /// Every supplier of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingSupplier, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id) = &*owned;
                    Suppliers::new(codat).list(company_id, params).await
                },
            ),
        )
    }

    /// One supplier, by its id in the accounting software.
    ///
    /// Codat: [`get-accounting-supplier`](https://docs.codat.io/lending-api#/operations/get-accounting-supplier).
    #[endpoint(GET, "/companies/<company_id>/data/suppliers/<supplier_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        supplier_id: &str,
    ) -> Result<AccountingSupplier, Error>;

    /// The files attached to a supplier (their metadata, not their content), through the
    /// connection that holds it.
    ///
    /// Codat: [`list-accounting-supplier-attachments`](https://docs.codat.io/lending-api#/operations/list-accounting-supplier-attachments).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/suppliers/<supplier_id>/attachments",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list_attachments(
        self,
        company_id: &str,
        connection_id: &str,
        supplier_id: &str,
    ) -> Result<Attachments, Error>;

    /// The metadata of one file attached to a supplier.
    ///
    /// Codat: [`get-accounting-supplier-attachment`](https://docs.codat.io/lending-api#/operations/get-accounting-supplier-attachment).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/suppliers/<supplier_id>/attachments/<attachment_id>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_attachment(
        self,
        company_id: &str,
        connection_id: &str,
        supplier_id: &str,
        attachment_id: &str,
    ) -> Result<AccountingAttachment, Error>;

    /// The content of one file attached to a supplier, streamed, with its content type and
    /// file name.
    ///
    /// Codat: [`download-accounting-supplier-attachment`](https://docs.codat.io/lending-api#/operations/download-accounting-supplier-attachment).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/suppliers/<supplier_id>/attachments/<attachment_id>/download",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn download_attachment(
        self,
        company_id: &str,
        connection_id: &str,
        supplier_id: &str,
        attachment_id: &str,
    ) -> Result<Download, Error>;
}
