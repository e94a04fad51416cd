//! Expense transactions: card payments, refunds, rewards and chargebacks, queued for the next
//! sync to the accounting software.

use codat_client::{endpoint, Error};

use crate::models::{
    CreateExpenseResponse, ExpenseTransaction, UpdateExpenseRequest, UpdateExpenseResponse,
};

codat_client::resource! {
    /// Expense transactions; from [`SyncForExpenses::expenses`](crate::SyncForExpenses::expenses).
    pub struct Expenses;
}

impl Expenses<'_> {
    /// Queues up to 50 expense transactions, sent as one JSON array, and returns the sync
    /// that will write them. Each transaction's `id` is the application's own, used later to
    /// look up its status or attach a receipt.
    #[endpoint(POST, "/companies/<company_id>/sync/expenses/expense-transactions",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        #[body] items: &[ExpenseTransaction],
    ) -> Result<CreateExpenseResponse, Error>;

    /// Changes an expense transaction already synced. Codat accepts the change (202) and
    /// writes it in a sync of its own, whose id the result gives.
    #[endpoint(PUT, "/companies/<company_id>/sync/expenses/expense-transactions/<transaction_id>",
               errors = [400, 401, 402, 403, 404, 422, 429, 500, 503])]
    pub async fn update(
        self,
        company_id: &str,
        transaction_id: &str,
        #[body] update: &UpdateExpenseRequest,
    ) -> Result<UpdateExpenseResponse, Error>;
}
