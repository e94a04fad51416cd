//! Suppliers: the merchants that expenses are paid to (a transaction's `contactRef`).
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_sync_expenses::SyncForExpenses;
//! use futures_util::TryStreamExt;
//!
//! /// Finds the supplier an expense's merchant is, by name.
//! async fn find(expenses: &SyncForExpenses, company: &str, merchant: &str)
//!     -> Result<Option<String>, codat_client::Error>
//! {
//!     let mut suppliers = expenses.suppliers().list_all(company, PageOptions::new());
//!     while let Some(supplier) = suppliers.try_next().await? {
//!         if supplier.supplier_name.as_deref() == Some(merchant) {
//!             return Ok(supplier.id);
//!         }
//!     }
//!     Ok(None)
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{
    CreateSupplierParams, CreateSupplierResponse, Supplier, Suppliers as SuppliersPage,
    UpdateSupplierParams, UpdateSupplierResponse,
};

codat_client::resource! {
    /// The company's suppliers; from [`SyncForExpenses::suppliers`](crate::SyncForExpenses::suppliers).
    pub struct Suppliers;
}

impl<'a> Suppliers<'a> {
    /// One page of the suppliers Codat last read for the company; `paging` picks the page,
    /// its size, a filter and an order.
    ///
    /// Codat: [`list-suppliers`](https://docs.codat.io/sync-for-expenses-api#/operations/list-suppliers).
    #[endpoint(GET, "/companies/<company_id>/data/suppliers",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<SuppliersPage, Error>;

    /// Every supplier of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<Supplier, Error>> {
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
    /// Codat: [`get-supplier`](https://docs.codat.io/sync-for-expenses-api#/operations/get-supplier).
    #[endpoint(GET, "/companies/<company_id>/data/suppliers/<supplier_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(self, company_id: &str, supplier_id: &str) -> Result<Supplier, Error>;

    /// Creates a supplier in the accounting software, as a push operation whose state the
    /// result gives. `options.timeout_in_minutes` bounds how long it may take;
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read follow it.
    ///
    /// Codat: [`create-supplier`](https://docs.codat.io/sync-for-expenses-api#/operations/create-supplier).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/suppliers",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateSupplierParams,
        #[body] supplier: &Supplier,
    ) -> Result<CreateSupplierResponse, Error>;

    /// Updates a supplier in the accounting software, as a push operation. Codat refuses the
    /// update when the record changed there since it was read, unless `force_update` is set.
    ///
    /// Codat: [`update-supplier`](https://docs.codat.io/sync-for-expenses-api#/operations/update-supplier).
    // The spec's three push options stay separate arguments, as on `create`.
    #[allow(clippy::too_many_arguments)]
    #[endpoint(PUT, "/companies/<company_id>/connections/<connection_id>/push/suppliers/<supplier_id>",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn update(
        self,
        company_id: &str,
        connection_id: &str,
        supplier_id: &str,
        #[params] options: UpdateSupplierParams,
        #[body] supplier: &Supplier,
    ) -> Result<UpdateSupplierResponse, Error>;
}
