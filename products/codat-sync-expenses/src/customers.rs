//! Customers: who a rebilled expense is invoiced to (a line's `invoiceTo`).
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_sync_expenses::SyncForExpenses;
//! use futures_util::TryStreamExt;
//!
//! /// The customers a rebilled expense can be invoiced to.
//! async fn customers(expenses: &SyncForExpenses, company: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let active = PageOptions::new().query("status=Active");
//!     let mut customers = expenses.customers().list_all(company, active);
//!     while let Some(customer) = customers.try_next().await? {
//!         println!("{:?}: {:?}", customer.id, customer.customer_name);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{
    CreateCustomerParams, CreateCustomerResponse, Customer, Customers as CustomersPage,
    UpdateCustomerParams, UpdateCustomerResponse,
};

codat_client::resource! {
    /// The company's customers; from [`SyncForExpenses::customers`](crate::SyncForExpenses::customers).
    pub struct Customers;
}

impl<'a> Customers<'a> {
    /// One page of the customers Codat last read for the company; `paging` picks the page,
    /// its size, a filter and an order.
    ///
    /// Codat: [`list-customers`](https://docs.codat.io/sync-for-expenses-api#/operations/list-customers).
    #[endpoint(GET, "/companies/<company_id>/data/customers",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<CustomersPage, Error>;

    /// Every customer of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<Customer, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id) = &*owned;
                    Customers::new(codat).list(company_id, params).await
                },
            ),
        )
    }

    /// One customer, by its id in the accounting software.
    ///
    /// Codat: [`get-customer`](https://docs.codat.io/sync-for-expenses-api#/operations/get-customer).
    #[endpoint(GET, "/companies/<company_id>/data/customers/<customer_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(self, company_id: &str, customer_id: &str) -> Result<Customer, Error>;

    /// Creates a customer in the accounting software, as a push operation whose state the
    /// result gives. `options.timeout_in_minutes` bounds how long it may take;
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read follow it.
    ///
    /// Codat: [`create-customer`](https://docs.codat.io/sync-for-expenses-api#/operations/create-customer).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/customers",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateCustomerParams,
        #[body] customer: &Customer,
    ) -> Result<CreateCustomerResponse, Error>;

    /// Updates a customer in the accounting software, as a push operation. Codat refuses the
    /// update when the record changed there since it was read, unless `force_update` is set.
    ///
    /// Codat: [`update-customer`](https://docs.codat.io/sync-for-expenses-api#/operations/update-customer).
    // The spec's three push options stay separate arguments, as on `create`.
    #[allow(clippy::too_many_arguments)]
    #[endpoint(PUT, "/companies/<company_id>/connections/<connection_id>/push/customers/<customer_id>",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn update(
        self,
        company_id: &str,
        connection_id: &str,
        customer_id: &str,
        #[params] options: UpdateCustomerParams,
        #[body] customer: &Customer,
    ) -> Result<UpdateCustomerResponse, Error>;
}
