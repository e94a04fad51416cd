//! Adjustments: balanced entries that correct what earlier transactions booked (fees, foreign
//! exchange differences, write-offs).
//!
//! ```no_run
//! use codat_client::models::{DateTime, Decimal};
//! use codat_sync_expenses::models::{
//!     AdjustmentTransactionLine, AdjustmentTransactionRequest, RecordRef,
//! };
//! use codat_sync_expenses::SyncForExpenses;
//!
//! /// Books a 3.20 foreign exchange difference between the card account and the FX account.
//! async fn fx_difference(expenses: &SyncForExpenses, company: &str, card: &str, fx: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let line = |account: &str, amount: Decimal| AdjustmentTransactionLine {
//!         amount,
//!         account_ref: RecordRef { id: Some(account.into()) },
//!         description: Some("FX difference, June".into()),
//!         tracking_refs: None,
//!         invoice_to: None,
//!     };
//!     let adjustment = AdjustmentTransactionRequest {
//!         id: "adj-2024-06-fx".into(),
//!         date: DateTime::from("2024-06-30T00:00:00"),
//!         currency: "GBP".into(),
//!         currency_rate: None,
//!         reference: Some("FX June".into()),
//!         lines: vec![line(card, Decimal::new(-320, 2)), line(fx, Decimal::new(320, 2))],
//!     };
//!     let sync = expenses.adjustments().create(company, &[adjustment]).await?;
//!     println!("queued for sync {:?}", sync.sync_id);
//!     Ok(())
//! }
//! ```

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
    ///
    /// Codat: [`create-adjustment-transaction`](https://docs.codat.io/sync-for-expenses-api#/operations/create-adjustment-transaction).
    #[endpoint(POST, "/companies/<company_id>/sync/expenses/adjustment-transactions",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        #[body] items: &[AdjustmentTransactionRequest],
    ) -> Result<AdjustmentTransactionResponse, Error>;
}
