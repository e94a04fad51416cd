//! Suppliers in the accounting software: creating the lender as a supplier, so that the loan's
//! costs can be booked against it.
//!
//! ```no_run
//! use codat_lending::models::{AccountingSupplier, CreateSupplierParams, SupplierStatus};
//! use codat_lending::Lending;
//!
//! /// The lender, as a supplier in the company's books.
//! async fn add_lender(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let lender = AccountingSupplier {
//!         id: None,
//!         supplier_name: Some("Example Lender Ltd".into()),
//!         contact_name: None,
//!         email_address: Some("loans@lender.example".into()),
//!         phone: None,
//!         addresses: None,
//!         registration_number: None,
//!         tax_number: None,
//!         status: SupplierStatus::Active,
//!         default_currency: Some("GBP".into()),
//!         metadata: None,
//!         supplemental_data: None,
//!         modified_date: None,
//!         source_modified_date: None,
//!     };
//!     let pushed = lending
//!         .loan_writeback()
//!         .suppliers()
//!         .create(company, connection, CreateSupplierParams::new(), &lender)
//!         .await?;
//!     println!("push {}: {:?}", pushed.push_operation_key, pushed.status);
//!     Ok(())
//! }
//! ```

use codat_client::models::push_data::PushOption;
use codat_client::{endpoint, Error};

use crate::models::{AccountingCreateSupplierResponse, AccountingSupplier, CreateSupplierParams};

codat_client::resource! {
    /// Creating suppliers in the accounting software; from
    /// [`LoanWriteback::suppliers`](super::LoanWriteback::suppliers).
    pub struct Suppliers;
}

impl Suppliers<'_> {
    /// The fields the connection's accounting software accepts for a new or changed supplier,
    /// with their rules.
    ///
    /// Codat: [`get-create-update-suppliers-model`](https://docs.codat.io/lending-api#/operations/get-create-update-suppliers-model).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/options/suppliers",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_update_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;

    /// Creates a supplier in the accounting software. The write runs as a push operation, whose
    /// state the result gives; `options.timeout_in_minutes` bounds how long it may take and
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read of the data follow it.
    ///
    /// Codat: [`create-supplier`](https://docs.codat.io/lending-api#/operations/create-supplier).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/suppliers",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateSupplierParams,
        #[body] supplier: &AccountingSupplier,
    ) -> Result<AccountingCreateSupplierResponse, Error>;
}
