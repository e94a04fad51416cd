//! Managed bank feeds: syncs in which Codat itself pushes a source account's transactions to
//! its target, on a schedule or when asked.

use codat_client::{endpoint, Error};

use crate::models::{StartScheduledSyncResult, SyncStatusResult};

codat_client::resource! {
    /// The syncs of a source account's managed feed; from
    /// [`BankFeeds::managed_bank_feeds`](crate::BankFeeds::managed_bank_feeds).
    pub struct ManagedBankFeeds;
}

impl ManagedBankFeeds<'_> {
    /// One sync of the source account's feed: its period, when it ran, how it ended and the
    /// push operations it made.
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/bankFeedAccounts/<source_account_id>/managedBankFeeds/syncs/<sync_id>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_sync(
        self,
        company_id: &str,
        connection_id: &str,
        source_account_id: &str,
        sync_id: &str,
    ) -> Result<SyncStatusResult, Error>;

    /// The source account's most recent sync; `None` when Codat answers 204 (no content),
    /// i.e. has no sync to report.
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/bankFeedAccounts/<source_account_id>/managedBankFeeds/syncs/latest",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_latest_sync(
        self,
        company_id: &str,
        connection_id: &str,
        source_account_id: &str,
    ) -> Result<Option<SyncStatusResult>, Error>;

    /// Starts a sync of the source account's feed now, outside its schedule, covering the time
    /// since the last successful one; the answer is the new sync's id, for
    /// [`get_sync`](Self::get_sync).
    #[endpoint(POST,
               "/companies/<company_id>/connections/<connection_id>/bankFeedAccounts/<source_account_id>/managedBankFeeds/syncs",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn run_ad_hoc_sync(
        self,
        company_id: &str,
        connection_id: &str,
        source_account_id: &str,
    ) -> Result<StartScheduledSyncResult, Error>;
}
