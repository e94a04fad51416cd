//! Suppliers in the accounting software: creating the lender as a supplier, so that the loan's
//! costs can be booked against it.

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
