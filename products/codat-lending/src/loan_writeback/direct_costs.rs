//! Direct costs in the accounting software: spending not tied to a bill, such as a loan's fees
//! and interest paid at once.
//!
//! ```no_run
//! use codat_lending::Lending;
//!
//! async fn rules(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let model = lending.loan_writeback().direct_costs().get_create_model(company, connection);
//!     println!("{:#?}", model.await?);
//!     Ok(())
//! }
//! ```

use codat_client::models::push_data::PushOption;
use codat_client::{endpoint, Error};

use crate::models::{
    AccountingCreateDirectCostResponse, CreateDirectCostParams, DirectCostPrototype,
};

codat_client::resource! {
    /// Creating direct costs in the accounting software; from
    /// [`LoanWriteback::direct_costs`](super::LoanWriteback::direct_costs).
    pub struct DirectCosts;
}

impl DirectCosts<'_> {
    /// The fields the connection's accounting software accepts for a new direct cost, with
    /// their rules.
    ///
    /// Codat: [`get-create-directCosts-model`](https://docs.codat.io/lending-api#/operations/get-create-directCosts-model).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/options/directCosts",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;

    /// Creates a direct cost in the accounting software. The write runs as a push operation,
    /// whose state the result gives; `options.timeout_in_minutes` bounds how long it may take and
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read of the data follow it.
    ///
    /// Codat: [`create-direct-cost`](https://docs.codat.io/lending-api#/operations/create-direct-cost).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/directCosts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateDirectCostParams,
        #[body] direct_cost: &DirectCostPrototype,
    ) -> Result<AccountingCreateDirectCostResponse, Error>;
}
