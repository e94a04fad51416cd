//! Managed bank feeds: syncs in which Codat itself pushes a source account's transactions to
//! its target, on a schedule or when asked.
//!
//! ```no_run
//! use codat_bank_feeds::BankFeeds;
//! use codat_client::wait::WaitOptions;
//!
//! /// Asks Codat to push the source account's transactions now, and waits for the sync to end.
//! async fn sync_now(feeds: &BankFeeds, company: &str, connection: &str, account: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let feed = feeds.managed_bank_feeds();
//!     let started = feed.run_ad_hoc_sync(company, connection, account).await?;
//!     let sync = feeds
//!         .managed_bank_feeds()
//!         .wait_for_sync(company, connection, account, &started.sync_id, WaitOptions::new())
//!         .finish()
//!         .await?;
//!     println!("sync {} ended {}: {:?}", sync.sync_id, sync.status, sync.push_operation_keys);
//!     Ok(())
//! }
//! ```

use codat_client::wait::{self, State, Status, WaitOptions, Watch};
use codat_client::{endpoint, Error};

use crate::models::{StartScheduledSyncResult, SyncStatusResult};

codat_client::resource! {
    /// The syncs of a source account's managed feed; from
    /// [`BankFeeds::managed_bank_feeds`](crate::BankFeeds::managed_bank_feeds).
    pub struct ManagedBankFeeds;
}

impl<'a> ManagedBankFeeds<'a> {
    /// One sync of the source account's feed: its period, when it ran, how it ended and the
    /// push operations it made.
    ///
    /// Codat: [`get-managed-bank-feed-sync`](https://docs.codat.io/bank-feeds-api#/operations/get-managed-bank-feed-sync).
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
    ///
    /// Codat: [`get-latest-managed-bank-feed-sync`](https://docs.codat.io/bank-feeds-api#/operations/get-latest-managed-bank-feed-sync).
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
    ///
    /// Codat: [`run-managed-bank-feed-ad-hoc-sync`](https://docs.codat.io/bank-feeds-api#/operations/run-managed-bank-feed-ad-hoc-sync).
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

impl<'a> ManagedBankFeeds<'a> {
    /// Polls a sync (by the id [`run_ad_hoc_sync`](Self::run_ad_hoc_sync) returned) until it
    /// has ended; see [`codat_client::wait`] for the backoff, the deadline and the stream of
    /// changes.
    pub fn wait_for_sync(
        self,
        company_id: &str,
        connection_id: &str,
        source_account_id: &str,
        sync_id: &str,
        options: WaitOptions,
    ) -> Watch<'static, SyncStatusResult> {
        let owned = (
            self.codat.clone(),
            company_id.to_owned(),
            connection_id.to_owned(),
            source_account_id.to_owned(),
            sync_id.to_owned(),
        );
        let poll = wait::owning(owned, move |owned| async move {
            let (codat, company_id, connection_id, source_account_id, sync_id) = &*owned;
            ManagedBankFeeds::new(codat)
                .get_sync(company_id, connection_id, source_account_id, sync_id)
                .await
        });
        wait::watch(self.codat, options, poll)
    }
}

impl Status for SyncStatusResult {
    /// `Started` is running; `SuccessDataPushed`, `SuccessNoDataPushed` and
    /// `PartialSuccessDataPushed` succeeded (a partial success's failed pushes are in
    /// `push_operation_keys` and the error fields); `Failed` failed; anything else is unknown.
    fn state(&self) -> Option<State> {
        match self.status.as_str() {
            "Started" => Some(State::Running),
            "SuccessDataPushed" | "SuccessNoDataPushed" | "PartialSuccessDataPushed" => {
                Some(State::Succeeded)
            }
            "Failed" => Some(State::Failed),
            _ => None,
        }
    }

    fn label(&self) -> String {
        self.status.clone()
    }

    fn failure_message(&self) -> Option<String> {
        match (&self.error_code, &self.error_message) {
            (Some(code), Some(message)) => Some(format!("{code}: {message}")),
            (code, message) => message.clone().or_else(|| code.clone()),
        }
    }
}
