//! Attachments: receipts and invoices added to a transaction once a sync has written it.
//!
//! ```no_run
//! use codat_client::Upload;
//! use codat_sync_expenses::SyncForExpenses;
//!
//! /// Adds a receipt to a transaction the sync `sync_id` wrote.
//! async fn receipt(expenses: &SyncForExpenses, company: &str, sync_id: &str, transaction: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let file = Upload::from_path(format!("receipts/{transaction}.jpg"));
//!     let file = file.content_type("image/jpeg");
//!     let attached = expenses.attachments().upload(company, sync_id, transaction, file).await?;
//!     println!("attachment {:?}", attached.id);
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error, Upload};

use crate::models::Attachment;

codat_client::resource! {
    /// Attachments; from [`SyncForExpenses::attachments`](crate::SyncForExpenses::attachments).
    pub struct Attachments;
}

impl Attachments<'_> {
    /// Attaches a file to a transaction of a sync, sent as the form part `file`. The
    /// transaction must have been written first: attach after its sync completes.
    ///
    /// Codat: [`upload-expense-attachment`](https://docs.codat.io/sync-for-expenses-api#/operations/upload-expense-attachment).
    #[endpoint(POST,
               "/companies/<company_id>/sync/expenses/syncs/<sync_id>/transactions/<transaction_id>/attachments",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn upload(
        self,
        company_id: &str,
        sync_id: &str,
        transaction_id: &str,
        #[multipart] file: Upload,
    ) -> Result<Attachment, Error>;
}
