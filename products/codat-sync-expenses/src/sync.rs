//! Syncs: each run that writes a company's queued transactions to its accounting software,
//! and how it went.
//!
//! ```no_run
//! use codat_client::wait::WaitOptions;
//! use codat_sync_expenses::SyncForExpenses;
//!
//! /// Waits for the company's latest sync to end and says how it went.
//! async fn latest(expenses: &SyncForExpenses, company: &str) -> Result<(), codat_client::Error> {
//!     let latest = expenses.sync().get_latest_sync(company).await?;
//!     let Some(id) = latest.sync_id else { return Ok(()) };
//!     let done = expenses.sync().wait_for_sync(company, &id, WaitOptions::new()).finish().await?;
//!     println!("sync {id}: {:?} ({:?})", done.sync_status, done.error_message);
//!     Ok(())
//! }
//! ```

use codat_client::wait::{self, State, Status, WaitOptions, Watch};
use codat_client::{endpoint, Error};

use crate::models::CompanySyncStatus;

codat_client::resource! {
    /// A company's syncs; from [`SyncForExpenses::sync`](crate::SyncForExpenses::sync).
    pub struct Syncs;
}

impl<'a> Syncs<'a> {
    /// The most recent sync that completed without errors.
    ///
    /// Codat: [`get-last-successful-sync`](https://docs.codat.io/sync-for-expenses-api#/operations/get-last-successful-sync).
    #[endpoint(GET, "/companies/<company_id>/sync/expenses/syncs/lastSuccessful/status",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_last_successful_sync(
        self,
        company_id: &str,
    ) -> Result<CompanySyncStatus, Error>;

    /// The most recent sync, whatever its outcome.
    ///
    /// Codat: [`get-latest-sync`](https://docs.codat.io/sync-for-expenses-api#/operations/get-latest-sync).
    #[endpoint(GET, "/companies/<company_id>/sync/expenses/syncs/latest/status",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_latest_sync(self, company_id: &str) -> Result<CompanySyncStatus, Error>;

    /// Every sync of the company, with its status (one list, not paged).
    ///
    /// Codat: [`list-syncs`](https://docs.codat.io/sync-for-expenses-api#/operations/list-syncs).
    #[endpoint(GET, "/companies/<company_id>/sync/expenses/syncs/list/status",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn list(self, company_id: &str) -> Result<Vec<CompanySyncStatus>, Error>;

    /// One sync, by the id a create or update call returned.
    ///
    /// Codat: [`get-sync-by-id`](https://docs.codat.io/sync-for-expenses-api#/operations/get-sync-by-id).
    #[endpoint(GET, "/companies/<company_id>/sync/expenses/syncs/<sync_id>/status",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get(self, company_id: &str, sync_id: &str) -> Result<CompanySyncStatus, Error>;
}

impl<'a> Syncs<'a> {
    /// Polls a sync (by the id a create or update call returned) until it is complete or
    /// failed; see [`codat_client::wait`] for the backoff, the deadline and the stream of
    /// changes.
    pub fn wait_for_sync(
        self,
        company_id: &str,
        sync_id: &str,
        options: WaitOptions,
    ) -> Watch<'static, CompanySyncStatus> {
        let owned = (
            self.codat.clone(),
            company_id.to_owned(),
            sync_id.to_owned(),
        );
        let poll = wait::owning(owned, move |owned| async move {
            let (codat, company_id, sync_id) = &*owned;
            Syncs::new(codat).get(company_id, sync_id).await
        });
        wait::watch(self.codat, options, poll)
    }
}

impl Status for CompanySyncStatus {
    /// By the text status ([`wait::sync_state`]); a sync without one is unknown.
    fn state(&self) -> Option<State> {
        self.sync_status.as_deref().and_then(wait::sync_state)
    }

    fn label(&self) -> String {
        wait::sync_label(self.sync_status.as_deref(), self.sync_status_code)
    }

    fn failure_message(&self) -> Option<String> {
        self.error_message
            .clone()
            .or_else(|| self.sync_exception_message.clone())
    }
}
