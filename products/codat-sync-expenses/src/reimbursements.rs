//! Reimbursable expenses: what employees paid themselves and the business owes them back,
//! booked as bills to the employee.
//!
//! ```no_run
//! use codat_client::models::{DateTime, Decimal};
//! use codat_sync_expenses::models::{
//!     RecordRef, ReimbursableExpenseTransaction, ReimbursableExpenseTransactionLine,
//!     ReimbursementContactRef,
//! };
//! use codat_sync_expenses::SyncForExpenses;
//!
//! /// A train ticket an employee paid for, owed back to them.
//! async fn train_ticket(expenses: &SyncForExpenses, company: &str, employee: &str, account: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let claim = ReimbursableExpenseTransaction {
//!         id: "claim-2024-06-0042".into(),
//!         reference: Some("June travel".into()),
//!         contact_ref: ReimbursementContactRef { id: employee.into() },
//!         ap_account_ref: None,
//!         issue_date: DateTime::from("2024-06-20T00:00:00"),
//!         due_date: DateTime::from("2024-07-20T00:00:00"),
//!         currency: "GBP".into(),
//!         currency_rate: None,
//!         notes: None,
//!         lines: Some(vec![ReimbursableExpenseTransactionLine {
//!             description: Some("London to Leeds, return".into()),
//!             net_amount: Decimal::new(8960, 2),
//!             tax_amount: None,
//!             tax_rate_ref: None,
//!             account_ref: Some(RecordRef { id: Some(account.into()) }),
//!             item_ref: None,
//!             tracking_refs: None,
//!             invoice_to: None,
//!         }]),
//!     };
//!     let queued = expenses.reimbursements().create(company, &[claim]).await?;
//!     println!("queued for sync {:?}", queued.sync_id);
//!     Ok(())
//! }
//! ```

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
    ///
    /// Codat: [`create-reimbursable-expense-transaction`](https://docs.codat.io/sync-for-expenses-api#/operations/create-reimbursable-expense-transaction).
    #[endpoint(POST, "/companies/<company_id>/sync/expenses/reimbursable-expense-transactions",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        #[body] items: &[ReimbursableExpenseTransaction],
    ) -> Result<CreateReimbursableExpenseResponse, Error>;

    /// Changes a reimbursable expense already synced, in a sync of its own whose id the
    /// result gives.
    ///
    /// Codat: [`update-reimbursable-expense-transaction`](https://docs.codat.io/sync-for-expenses-api#/operations/update-reimbursable-expense-transaction).
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
