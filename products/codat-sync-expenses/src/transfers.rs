//! Transfers: money moved between two of the company's accounts, such as a card repayment.
//!
//! ```no_run
//! use codat_client::models::{DateTime, Decimal};
//! use codat_sync_expenses::models::{
//!     TransferTransactionRequest, TransferTransactionRequestFrom,
//!     TransferTransactionRequestFromAccountRef, TransferTransactionRequestTo,
//!     TransferTransactionRequestToAccountRef,
//! };
//! use codat_sync_expenses::SyncForExpenses;
//!
//! /// A card repayment: 1,200.00 from the current account to the card account.
//! async fn repay(expenses: &SyncForExpenses, company: &str, current: &str, card: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let amount = Decimal::new(120_000, 2);
//!     let transfer = TransferTransactionRequest {
//!         description: Some("Card repayment, June".into()),
//!         date: DateTime::from("2024-06-28T00:00:00"),
//!         from: TransferTransactionRequestFrom {
//!             account_ref: TransferTransactionRequestFromAccountRef { id: current.into() },
//!             amount,
//!         },
//!         to: TransferTransactionRequestTo {
//!             account_ref: TransferTransactionRequestToAccountRef { id: card.into() },
//!             amount,
//!         },
//!     };
//!     let queued = expenses.transfers().create(company, "repay-2024-06", &transfer).await?;
//!     println!("queued for sync {:?}", queued.sync_id);
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::{TransferTransactionRequest, TransferTransactionResponse};

codat_client::resource! {
    /// Transfer transactions; from [`SyncForExpenses::transfers`](crate::SyncForExpenses::transfers).
    pub struct Transfers;
}

impl Transfers<'_> {
    /// Queues a transfer under the application's own `transaction_id` and returns the sync
    /// that will write it.
    ///
    /// Codat: [`create-transfer-transaction`](https://docs.codat.io/sync-for-expenses-api#/operations/create-transfer-transaction).
    #[endpoint(PUT, "/companies/<company_id>/sync/expenses/transfer-transactions/<transaction_id>",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        transaction_id: &str,
        #[body] transfer: &TransferTransactionRequest,
    ) -> Result<TransferTransactionResponse, Error>;
}
