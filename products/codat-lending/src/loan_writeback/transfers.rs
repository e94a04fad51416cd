//! Transfers in the accounting software: moving money between accounts, such as the loan amount
//! from the lender's account into the company's bank account.

use codat_client::models::push_data::PushOption;
use codat_client::{endpoint, Error};

use crate::models::{AccountingCreateTransferResponse, AccountingTransfer, CreateTransferParams};

codat_client::resource! {
    /// Creating transfers in the accounting software; from
    /// [`LoanWriteback::transfers`](super::LoanWriteback::transfers).
    pub struct Transfers;
}

impl Transfers<'_> {
    /// The fields the connection's accounting software accepts for a new transfer, with their
    /// rules.
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/options/transfers",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;

    /// Creates a transfer in the accounting software. The write runs as a push operation, whose
    /// state the result gives; `options.timeout_in_minutes` bounds how long it may take and
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read of the data follow it.
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/transfers",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateTransferParams,
        #[body] transfer: &AccountingTransfer,
    ) -> Result<AccountingCreateTransferResponse, Error>;
}
