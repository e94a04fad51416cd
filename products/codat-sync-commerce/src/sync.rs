//! Syncs: runs that carry a company's commerce data into its accounting software, started on
//! demand or for a chosen period, and their outcomes.
//!
//! ```no_run
//! use codat_client::wait::WaitOptions;
//! use codat_sync_commerce::SyncForCommerce;
//!
//! /// Syncs everything since the last successful sync, and waits for the sync to end.
//! async fn catch_up(commerce: &SyncForCommerce, company: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let started = commerce.sync().request(company, None).await?;
//!     let Some(id) = started.commerce_sync_id else { return Ok(()) };
//!     let done = commerce.sync().wait_for_sync(company, &id, WaitOptions::new()).finish().await?;
//!     println!("sync {id}: {:?}, data pushed: {:?}", done.sync_status, done.data_pushed);
//!     Ok(())
//! }
//! ```

use codat_client::wait::{self, State, Status, WaitOptions, Watch};
use codat_client::{endpoint, Error};

use crate::models::{CompanySyncStatus, SyncRange, SyncStatus, SyncSummary, SyncToLatestArgs};

codat_client::resource! {
    /// Syncs of one company; from [`SyncForCommerce::sync`](crate::SyncForCommerce::sync).
    pub struct Sync;
}

impl Sync<'_> {
    /// Starts a sync of everything since the company's last successful sync, up to
    /// `args.sync_to` when given (else up to now; `None` sends no body).
    ///
    /// Codat: [`request-sync`](https://docs.codat.io/sync-for-commerce-api#/operations/request-sync).
    #[endpoint(POST, "/companies/<company_id>/sync/commerce/latest",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn request(
        self,
        company_id: &str,
        #[body] args: Option<&SyncToLatestArgs>,
    ) -> Result<SyncSummary, Error>;

    /// Starts a sync of the period `range.date_range` (start and finish).
    ///
    /// Codat: [`request-sync-for-date-range`](https://docs.codat.io/sync-for-commerce-api#/operations/request-sync-for-date-range).
    #[endpoint(POST, "/meta/companies/<company_id>/sync/commerce/historic",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn request_for_date_range(
        self,
        company_id: &str,
        #[body] range: &SyncRange,
    ) -> Result<SyncSummary, Error>;

    /// The state of the company's syncing, with its data connections.
    ///
    /// Codat: [`get-sync-status`](https://docs.codat.io/sync-for-commerce-api#/operations/get-sync-status).
    #[endpoint(GET, "/meta/companies/<company_id>/sync/commerce/status",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_status(self, company_id: &str) -> Result<SyncStatus, Error>;

    /// The company's most recent sync that succeeded.
    ///
    /// Codat: [`get-last-successful-sync`](https://docs.codat.io/sync-for-commerce-api#/operations/get-last-successful-sync).
    #[endpoint(GET, "/companies/<company_id>/sync/commerce/syncs/lastSuccessful/status",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_last_successful_sync(
        self,
        company_id: &str,
    ) -> Result<CompanySyncStatus, Error>;

    /// The company's most recent sync, whatever its outcome.
    ///
    /// Codat: [`get-latest-sync`](https://docs.codat.io/sync-for-commerce-api#/operations/get-latest-sync).
    #[endpoint(GET, "/companies/<company_id>/sync/commerce/syncs/latest/status",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_latest_sync(self, company_id: &str) -> Result<CompanySyncStatus, Error>;

    /// One sync of the company, by its id.
    ///
    /// Codat: [`get-sync-by-id`](https://docs.codat.io/sync-for-commerce-api#/operations/get-sync-by-id).
    #[endpoint(GET, "/companies/<company_id>/sync/commerce/syncs/<sync_id>/status",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get(self, company_id: &str, sync_id: &str) -> Result<CompanySyncStatus, Error>;

    /// Every sync of the company, in one list (not paged).
    ///
    /// Codat: [`list-syncs`](https://docs.codat.io/sync-for-commerce-api#/operations/list-syncs).
    #[endpoint(GET, "/companies/<company_id>/sync/commerce/syncs/list/status",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn list(self, company_id: &str) -> Result<Vec<CompanySyncStatus>, Error>;
}

impl<'a> Sync<'a> {
    /// Polls a sync (by the id [`request`](Self::request) returned) until it is complete or
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
            Sync::new(codat).get(company_id, sync_id).await
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
