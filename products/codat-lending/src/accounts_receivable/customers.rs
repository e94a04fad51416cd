//! Customers: the businesses and people the company sells to, read from Codat's cache of its
//! accounting data, and the files attached to them in the accounting software.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! async fn active_customers(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let customers = lending.accounts_receivable().customers();
//!     let mut customers = customers.list_all(company, PageOptions::new().query("status=Active"));
//!     while let Some(customer) = customers.try_next().await? {
//!         println!("{:?} <{:?}>", customer.customer_name, customer.email_address);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Download, Error};
use futures_util::stream::BoxStream;

use crate::models::{AccountingAttachment, AccountingCustomer, AccountingCustomers, Attachments};

codat_client::resource! {
    /// The company's customers; from
    /// [`AccountsReceivable::customers`](super::AccountsReceivable::customers).
    pub struct Customers;
}

impl<'a> Customers<'a> {
    /// One page of the customers Codat last read for the company; `paging` picks the page, its
    /// size, a filter and an order.
    ///
    /// Codat: [`list-accounting-customers`](https://docs.codat.io/lending-api#/operations/list-accounting-customers).
    #[endpoint(GET, "/companies/<company_id>/data/customers",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingCustomers, Error>;

    /// Every customer of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingCustomer, Error>> {
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
    /// Codat: [`get-accounting-customer`](https://docs.codat.io/lending-api#/operations/get-accounting-customer).
    #[endpoint(GET, "/companies/<company_id>/data/customers/<customer_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        customer_id: &str,
    ) -> Result<AccountingCustomer, Error>;

    /// The files attached to a customer (their metadata, not their content), through the
    /// connection that holds it.
    ///
    /// Codat: [`list-accounting-customer-attachments`](https://docs.codat.io/lending-api#/operations/list-accounting-customer-attachments).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/customers/<customer_id>/attachments",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list_attachments(
        self,
        company_id: &str,
        connection_id: &str,
        customer_id: &str,
    ) -> Result<Attachments, Error>;

    /// The metadata of one file attached to a customer.
    ///
    /// Codat: [`get-accounting-customer-attachment`](https://docs.codat.io/lending-api#/operations/get-accounting-customer-attachment).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/customers/<customer_id>/attachments/<attachment_id>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_attachment(
        self,
        company_id: &str,
        connection_id: &str,
        customer_id: &str,
        attachment_id: &str,
    ) -> Result<AccountingAttachment, Error>;

    /// The content of one file attached to a customer, streamed, with its content type and
    /// file name.
    ///
    /// Codat: [`download-accounting-customer-attachment`](https://docs.codat.io/lending-api#/operations/download-accounting-customer-attachment).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/customers/<customer_id>/attachments/<attachment_id>/download",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn download_attachment(
        self,
        company_id: &str,
        connection_id: &str,
        customer_id: &str,
        attachment_id: &str,
    ) -> Result<Download, Error>;
}
