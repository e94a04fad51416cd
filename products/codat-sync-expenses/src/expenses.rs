//! Expense transactions: card payments, refunds, rewards and chargebacks, queued for the next
//! sync to the accounting software.
//!
//! ```no_run
//! use codat_client::models::{DateTime, Decimal};
//! use codat_sync_expenses::models::{
//!     ExpenseTransaction, ExpenseTransactionLine, ExpenseTransactionType, RecordRef,
//! };
//! use codat_sync_expenses::SyncForExpenses;
//!
//! /// Queues one card payment for the next sync.
//! async fn card_payment(expenses: &SyncForExpenses, company: &str, account: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let payment = ExpenseTransaction {
//!         id: "txn-2024-06-18-001".into(),
//!         r#type: ExpenseTransactionType::Payment,
//!         issue_date: DateTime::from("2024-06-18T09:30:00"),
//!         currency: "GBP".into(),
//!         currency_rate: None,
//!         contact_ref: None,
//!         bank_account_ref: None,
//!         reference: None,
//!         merchant_name: Some("Office Supplies Ltd".into()),
//!         lines: Some(vec![ExpenseTransactionLine {
//!             net_amount: Decimal::new(4250, 2),
//!             tax_amount: Some(Decimal::new(850, 2)),
//!             tax_rate_ref: None,
//!             account_ref: Some(RecordRef { id: Some(account.into()) }),
//!             item_ref: None,
//!             tracking_refs: None,
//!             invoice_to: None,
//!         }]),
//!         notes: Some("Printer paper".into()),
//!         post_as_draft: None,
//!     };
//!     let queued = expenses.expenses().create(company, &[payment]).await?;
//!     println!("queued for sync {:?}", queued.sync_id);
//!     Ok(())
//! }
//! ```

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
    ///
    /// Codat: [`create-expense-transaction`](https://docs.codat.io/sync-for-expenses-api#/operations/create-expense-transaction).
    #[endpoint(POST, "/companies/<company_id>/sync/expenses/expense-transactions",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        #[body] items: &[ExpenseTransaction],
    ) -> Result<CreateExpenseResponse, Error>;

    /// Changes an expense transaction already synced. Codat accepts the change (202) and
    /// writes it in a sync of its own, whose id the result gives.
    ///
    /// Codat: [`update-expense-transaction`](https://docs.codat.io/sync-for-expenses-api#/operations/update-expense-transaction).
    #[endpoint(PUT, "/companies/<company_id>/sync/expenses/expense-transactions/<transaction_id>",
               errors = [400, 401, 402, 403, 404, 422, 429, 500, 503])]
    pub async fn update(
        self,
        company_id: &str,
        transaction_id: &str,
        #[body] update: &UpdateExpenseRequest,
    ) -> Result<UpdateExpenseResponse, Error>;
}
