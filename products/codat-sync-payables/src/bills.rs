//! Bills: what a business owes its suppliers, read from and written to its accounting
//! software, with their attachments and the accounts and tax rates a bill's lines can use.
//!
//! ```no_run
//! use codat_client::models::{DateTime, Decimal};
//! use codat_client::Upload;
//! use codat_sync_payables::models::{BillAccountRef, BillLineItem, BillPrototype, BillStatus};
//! use codat_sync_payables::models::{CreateBillParams, SupplierRef};
//! use codat_sync_payables::SyncForPayables;
//!
//! /// Records a supplier's invoice as a bill, with the invoice's PDF attached.
//! async fn record(payables: &SyncForPayables, company: &str, connection: &str, supplier: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let bill = BillPrototype {
//!         reference: Some("INV-1042".into()),
//!         supplier_ref: SupplierRef { id: supplier.into(), supplier_name: None },
//!         issue_date: DateTime::from("2024-06-15T00:00:00"),
//!         due_date: DateTime::from("2024-07-15T00:00:00"),
//!         currency: "GBP".into(),
//!         currency_rate: None,
//!         line_items: Some(vec![BillLineItem {
//!             description: Some("Office cleaning, June".into()),
//!             unit_amount: Some(Decimal::new(37_500, 2)),
//!             quantity: Some(Decimal::ONE),
//!             tax_amount: Some(Decimal::new(7_500, 2)),
//!             account_ref: Some(BillAccountRef { id: Some("7100".into()) }),
//!             total_amount: Some(Decimal::new(45_000, 2)),
//!             tax_rate_ref: None,
//!             tracking_refs: None,
//!         }]),
//!         status: BillStatus::Open,
//!     };
//!     let created = payables
//!         .bills()
//!         .create(company, connection, CreateBillParams::new(), &bill)
//!         .await?;
//!     let Some(id) = created.id else { return Ok(()) };
//!     let pdf = Upload::from_path("invoices/INV-1042.pdf").content_type("application/pdf");
//!     payables.bills().upload_attachment(company, connection, &id, pdf).await?;
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, CursorPaged};
use codat_client::{endpoint, Download, Error, Upload};
use futures_util::stream::BoxStream;

use crate::models::{
    AccountMappingOption, Attachment, Bill, BillMappingOptions, BillPrototype, Bills as BillsPage,
    CreateBillParams, GetMappingOptionsBillsParams, ListBillsParams, TaxRateMappingOption,
    UpdateBillParams,
};

codat_client::resource! {
    /// Bills of one connection; from [`SyncForPayables::bills`](crate::SyncForPayables::bills).
    pub struct Bills;
}

impl<'a> Bills<'a> {
    /// One page of the connection's bills. Pass the previous page's continuation token to get
    /// the next; `options.query` filters with Codat's query language (e.g. `status=Open`).
    ///
    /// Codat: [`list-bills`](https://docs.codat.io/sync-for-payables-api#/operations/list-bills).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/payables/bills",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: ListBillsParams,
    ) -> Result<BillsPage, Error>;

    /// Every bill of the connection, as a stream that follows continuation tokens page by
    /// page. It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: ListBillsParams,
    ) -> BoxStream<'static, Result<Bill, Error>> {
        paging::cursor_items(paging::owning(
            (
                self.codat.clone(),
                company_id.to_owned(),
                connection_id.to_owned(),
                options,
            ),
            move |owned, token: Option<String>| async move {
                let (codat, company_id, connection_id, options) = &*owned;
                Bills::new(codat)
                    .list(
                        company_id,
                        connection_id,
                        ListBillsParams {
                            continuation_token: token,
                            ..options.clone()
                        },
                    )
                    .await
            },
        ))
    }

    /// Creates a bill in the accounting software. Codat treats a repeated call with the same
    /// idempotency key as the first; without one the client sends a fresh key per call and
    /// may then retry the call safely.
    ///
    /// Codat: [`create-bill`](https://docs.codat.io/sync-for-payables-api#/operations/create-bill).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/payables/bills",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateBillParams,
        #[body] bill: &BillPrototype,
    ) -> Result<Bill, Error>;

    /// Replaces an existing bill with the one given.
    ///
    /// Codat: [`update-bill`](https://docs.codat.io/sync-for-payables-api#/operations/update-bill).
    #[endpoint(PUT, "/companies/<company_id>/connections/<connection_id>/payables/bills/<bill_id>",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn update(
        self,
        company_id: &str,
        connection_id: &str,
        bill_id: &str,
        #[params] options: UpdateBillParams,
        #[body] bill: &BillPrototype,
    ) -> Result<Bill, Error>;

    /// Attaches a file (a scanned invoice, say) to a bill, sent as the form part `file`.
    ///
    /// Codat: [`upload-bill-attachment`](https://docs.codat.io/sync-for-payables-api#/operations/upload-bill-attachment).
    #[endpoint(POST,
               "/companies/<company_id>/connections/<connection_id>/payables/bills/<bill_id>/attachments",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn upload_attachment(
        self,
        company_id: &str,
        connection_id: &str,
        bill_id: &str,
        #[multipart] file: Upload,
    ) -> Result<Attachment, Error>;

    /// The files attached to a bill (their metadata, not their content).
    ///
    /// Codat: [`list-bill-attachments`](https://docs.codat.io/sync-for-payables-api#/operations/list-bill-attachments).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/payables/bills/<bill_id>/attachments",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list_attachments(
        self,
        company_id: &str,
        connection_id: &str,
        bill_id: &str,
    ) -> Result<Vec<Attachment>, Error>;

    /// The content of one attachment, with its content type and file name.
    ///
    /// Codat: [`download-bill-attachment`](https://docs.codat.io/sync-for-payables-api#/operations/download-bill-attachment).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/payables/bills/<bill_id>/attachments/<attachment_id>/download",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn download_attachment(
        self,
        company_id: &str,
        connection_id: &str,
        bill_id: &str,
        attachment_id: &str,
    ) -> Result<Download, Error>;

    /// One page of the accounts and tax rates that a bill's lines can refer to.
    /// `options.status_query` filters by status (e.g. `status=Active`).
    ///
    /// Codat: [`get-mapping-options-bills`](https://docs.codat.io/sync-for-payables-api#/operations/get-mapping-options-bills).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/payables/mappingOptions/bills",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_bill_options(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: GetMappingOptionsBillsParams,
    ) -> Result<BillMappingOptions, Error>;

    /// Every bill mapping option, as a stream over the pages: each page's accounts, then its
    /// tax rates. It ends after the last page, or at the first error, which it yields.
    pub fn list_all_bill_options(
        self,
        company_id: &str,
        connection_id: &str,
        options: GetMappingOptionsBillsParams,
    ) -> BoxStream<'static, Result<BillMappingOption, Error>> {
        paging::cursor_items(paging::owning(
            (
                self.codat.clone(),
                company_id.to_owned(),
                connection_id.to_owned(),
                options,
            ),
            move |owned, token: Option<String>| async move {
                let (codat, company_id, connection_id, options) = &*owned;
                Bills::new(codat)
                    .get_bill_options(
                        company_id,
                        connection_id,
                        GetMappingOptionsBillsParams {
                            continuation_token: token,
                            ..options.clone()
                        },
                    )
                    .await
            },
        ))
    }
}

/// One item of [`Bills::list_all_bill_options`]: an account or a tax rate.
#[derive(Clone, Debug, PartialEq)]
pub enum BillMappingOption {
    /// An account a bill line can be booked to.
    Account(AccountMappingOption),
    /// A tax rate a bill line can use.
    TaxRate(TaxRateMappingOption),
}

impl CursorPaged for BillsPage {
    type Item = Bill;

    fn into_items(self) -> (Vec<Bill>, Option<String>) {
        (
            self.results.unwrap_or_default(),
            self.pagination.and_then(|p| p.continuation_token),
        )
    }
}

impl CursorPaged for BillMappingOptions {
    type Item = BillMappingOption;

    fn into_items(self) -> (Vec<BillMappingOption>, Option<String>) {
        let accounts = self.accounts.unwrap_or_default().into_iter();
        let tax_rates = self.tax_rates.unwrap_or_default().into_iter();
        let items = accounts
            .map(BillMappingOption::Account)
            .chain(tax_rates.map(BillMappingOption::TaxRate))
            .collect();
        (items, self.pagination.and_then(|p| p.continuation_token))
    }
}
