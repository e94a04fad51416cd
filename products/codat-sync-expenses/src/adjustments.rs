//! Adjustments: balanced entries that correct what earlier transactions booked (fees, foreign
//! exchange differences, write-offs).

use codat_client::{endpoint, Error};

use crate::models::{AdjustmentTransactionRequest, AdjustmentTransactionResponse};

codat_client::resource! {
    /// Adjustment transactions; from
    /// [`SyncForExpenses::adjustments`](crate::SyncForExpenses::adjustments).
    pub struct Adjustments;
}

impl Adjustments<'_> {
    /// Queues up to 50 adjustments, sent as one JSON array, and returns the sync that will
    /// write them.
    #[endpoint(POST, "/companies/<company_id>/sync/expenses/adjustment-transactions",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        #[body] items: &[AdjustmentTransactionRequest],
    ) -> Result<AdjustmentTransactionResponse, Error>;
}
