//! Transfers: money moved between two of the company's accounts, such as a card repayment.

use codat_client::{endpoint, Error};

use crate::models::{TransferTransactionRequest, TransferTransactionResponse};

codat_client::resource! {
    /// Transfer transactions; from [`SyncForExpenses::transfers`](crate::SyncForExpenses::transfers).
    pub struct Transfers;
}

impl Transfers<'_> {
    /// Queues a transfer under the application's own `transaction_id` and returns the sync
    /// that will write it.
    #[endpoint(PUT, "/companies/<company_id>/sync/expenses/transfer-transactions/<transaction_id>",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        transaction_id: &str,
        #[body] transfer: &TransferTransactionRequest,
    ) -> Result<TransferTransactionResponse, Error>;
}
