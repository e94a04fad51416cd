//! Payments in the accounting software: recording money received against invoices, such as a
//! loan settling what a customer owes.
//!
//! ```no_run
//! use codat_lending::Lending;
//!
//! async fn rules(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let model = lending.loan_writeback().payments().get_create_model(company, connection);
//!     println!("{:#?}", model.await?);
//!     Ok(())
//! }
//! ```

use codat_client::models::push_data::PushOption;
use codat_client::{endpoint, Error};

use crate::models::{AccountingCreatePaymentResponse, AccountingPayment, CreatePaymentParams};

codat_client::resource! {
    /// Creating payments in the accounting software; from
    /// [`LoanWriteback::payments`](super::LoanWriteback::payments).
    pub struct Payments;
}

impl Payments<'_> {
    /// The fields the connection's accounting software accepts for a new payment, with their
    /// rules.
    ///
    /// Codat: [`get-create-payment-model`](https://docs.codat.io/lending-api#/operations/get-create-payment-model).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/options/payments",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;

    /// Creates a payment in the accounting software. The write runs as a push operation, whose
    /// state the result gives; `options.timeout_in_minutes` bounds how long it may take and
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read of the data follow it.
    ///
    /// Codat: [`create-payment`](https://docs.codat.io/lending-api#/operations/create-payment).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/payments",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreatePaymentParams,
        #[body] payment: &AccountingPayment,
    ) -> Result<AccountingCreatePaymentResponse, Error>;
}
