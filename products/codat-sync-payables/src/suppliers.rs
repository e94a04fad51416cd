//! Suppliers: the businesses that send the bills.
//!
//! ```no_run
//! use codat_sync_payables::models::{CreateSupplierParams, ListSuppliersParams};
//! use codat_sync_payables::models::{SupplierPrototype, SupplierStatus};
//! use codat_sync_payables::SyncForPayables;
//! use futures_util::TryStreamExt;
//!
//! /// The supplier named `name`, created when the books have none.
//! async fn supplier(payables: &SyncForPayables, company: &str, connection: &str, name: &str)
//!     -> Result<Option<String>, codat_client::Error>
//! {
//!     let query = format!("supplierName={name}");
//!     let options = ListSuppliersParams::new().query(query);
//!     let mut found = payables.suppliers().list_all(company, connection, options);
//!     if let Some(supplier) = found.try_next().await? {
//!         return Ok(supplier.id);
//!     }
//!     let new = SupplierPrototype {
//!         supplier_name: name.into(),
//!         contact_name: None,
//!         email_address: None,
//!         phone: None,
//!         addresses: None,
//!         status: SupplierStatus::Active,
//!         balance: None,
//!         default_currency: Some("GBP".into()),
//!     };
//!     let options = CreateSupplierParams::new();
//!     Ok(payables.suppliers().create(company, connection, options, &new).await?.id)
//! }
//! ```

use codat_client::paging::{self, CursorPaged};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{
    CreateSupplierParams, ListSuppliersParams, Supplier, SupplierPrototype,
    Suppliers as SuppliersPage,
};

codat_client::resource! {
    /// Suppliers of one connection; from
    /// [`SyncForPayables::suppliers`](crate::SyncForPayables::suppliers).
    pub struct Suppliers;
}

impl<'a> Suppliers<'a> {
    /// One page of the connection's suppliers. Pass the previous page's continuation token to
    /// get the next; `options.query` filters with Codat's query language (e.g. `status=Active`).
    ///
    /// Codat: [`list-suppliers`](https://docs.codat.io/sync-for-payables-api#/operations/list-suppliers).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/payables/suppliers",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: ListSuppliersParams,
    ) -> Result<SuppliersPage, Error>;

    /// Every supplier of the connection, as a stream that follows continuation tokens page
    /// by page. It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: ListSuppliersParams,
    ) -> BoxStream<'static, Result<Supplier, Error>> {
        paging::cursor_items(paging::owning(
            (
                self.codat.clone(),
                company_id.to_owned(),
                connection_id.to_owned(),
                options,
            ),
            move |owned, token: Option<String>| async move {
                let (codat, company_id, connection_id, options) = &*owned;
                Suppliers::new(codat)
                    .list(
                        company_id,
                        connection_id,
                        ListSuppliersParams {
                            continuation_token: token,
                            ..options.clone()
                        },
                    )
                    .await
            },
        ))
    }

    /// Creates a supplier. Codat treats a repeated call with the same idempotency key as the
    /// first; without one the client sends a fresh key per call.
    ///
    /// Codat: [`create-supplier`](https://docs.codat.io/sync-for-payables-api#/operations/create-supplier).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/payables/suppliers",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateSupplierParams,
        #[body] supplier: &SupplierPrototype,
    ) -> Result<Supplier, Error>;

    /// Replaces an existing supplier with the one given.
    ///
    /// Codat: [`update-supplier`](https://docs.codat.io/sync-for-payables-api#/operations/update-supplier).
    #[endpoint(PUT,
               "/companies/<company_id>/connections/<connection_id>/payables/suppliers/<supplier_id>",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn update(
        self,
        company_id: &str,
        connection_id: &str,
        supplier_id: &str,
        #[body] supplier: &SupplierPrototype,
    ) -> Result<Supplier, Error>;
}

impl CursorPaged for SuppliersPage {
    type Item = Supplier;

    fn into_items(self) -> (Vec<Supplier>, Option<String>) {
        (
            self.results.unwrap_or_default(),
            self.pagination.and_then(|p| p.continuation_token),
        )
    }
}
