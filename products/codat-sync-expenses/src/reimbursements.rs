//! Reimbursable expenses: what employees paid themselves and the business owes them back,
//! booked as bills to the employee.

use codat_client::{endpoint, Error};

use crate::models::{
    CreateReimbursableExpenseResponse, ReimbursableExpenseTransaction,
    UpdateReimbursableExpenseTransactionRequest,
};

codat_client::resource! {
    /// Reimbursable expense transactions; from
    /// [`SyncForExpenses::reimbursements`](crate::SyncForExpenses::reimbursements).
    pub struct Reimbursements;
}

impl Reimbursements<'_> {
    /// Queues up to 50 reimbursable expenses, sent as one JSON array, and returns the sync
    /// that will write them.
    #[endpoint(POST, "/companies/<company_id>/sync/expenses/reimbursable-expense-transactions",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        #[body] items: &[ReimbursableExpenseTransaction],
    ) -> Result<CreateReimbursableExpenseResponse, Error>;

    /// Changes a reimbursable expense already synced, in a sync of its own whose id the
    /// result gives.
    #[endpoint(PUT,
               "/companies/<company_id>/sync/expenses/reimbursable-expense-transactions/<transaction_id>",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn update(
        self,
        company_id: &str,
        transaction_id: &str,
        #[body] update: &UpdateReimbursableExpenseTransactionRequest,
    ) -> Result<CreateReimbursableExpenseResponse, Error>;
}
