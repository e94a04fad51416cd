//! Waiting for Platform's background work: a pull (a read of one data type), several pulls
//! at once, the company's data status, a push (a write), and a connection being linked.
//! Each is a [`wait::watch`] over the operation's status call; see [`crate::wait`] for the
//! backoff, the deadline and the stream of changes.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use futures_util::future::{join_all, try_join_all};

use crate::connections::Connections;
use crate::models::connections::{Connection, DataConnectionStatus};
use crate::models::push_data::{PushOperation, PushOperationStatus};
use crate::models::refresh_data::{
    DataStatus, DataStatuses, DataType, DatasetStatus, PullOperation, RefreshDataTypeParams,
};
use crate::push_data::PushData;
use crate::refresh_data::RefreshData;
use crate::wait::{self, State, Status, WaitOptions, Watch};
use crate::Error;

impl DatasetStatus {
    /// Where a pull in this status stands: `Complete` succeeded; the errors, `Cancelled`, `NotSupported`
    /// and `PrerequisiteNotMet` failed; the queued and working states are still running; `None` for a
    /// status this crate does not know.
    pub fn state(&self) -> Option<State> {
        use DatasetStatus::*;
        match self {
            Complete => Some(State::Succeeded),
            FetchError | MapError | InternalError | ProcessingError | ValidationError
            | AuthError | Cancelled | NotSupported | RateLimitError | PermissionsError
            | PrerequisiteNotMet => Some(State::Failed),
            Initial | Queued | Fetching | MapQueued | Mapping | ProcessingQueued | Processing
            | ValidationQueued | Validating => Some(State::Running),
            Unrecognized(_) => None,
        }
    }
}

impl Status for PullOperation {
    fn state(&self) -> Option<State> {
        self.status.state()
    }

    fn label(&self) -> String {
        format!("{} {}", self.data_type, self.status)
    }

    fn failure_message(&self) -> Option<String> {
        self.error_message
            .clone()
            .or_else(|| self.status_description.clone())
    }
}

impl Status for PushOperation {
    /// `Success` succeeded, `Failed` and `TimedOut` failed, `Pending` is running.
    fn state(&self) -> Option<State> {
        match self.status {
            PushOperationStatus::Success => Some(State::Succeeded),
            PushOperationStatus::Failed | PushOperationStatus::TimedOut => Some(State::Failed),
            PushOperationStatus::Pending => Some(State::Running),
            PushOperationStatus::Unrecognized(_) => None,
        }
    }

    fn label(&self) -> String {
        self.status.to_string()
    }

    fn failure_message(&self) -> Option<String> {
        self.error_message.clone()
    }
}

impl Status for Connection {
    /// `Linked` succeeded; `Unlinked` and `Deauthorized` failed; `PendingAuth` is running
    /// (the company's user has not finished linking).
    fn state(&self) -> Option<State> {
        match self.status {
            DataConnectionStatus::Linked => Some(State::Succeeded),
            DataConnectionStatus::Unlinked | DataConnectionStatus::Deauthorized => {
                Some(State::Failed)
            }
            DataConnectionStatus::PendingAuth => Some(State::Running),
            DataConnectionStatus::Unrecognized(_) => None,
        }
    }

    fn label(&self) -> String {
        self.status.to_string()
    }
}

/// Several pulls watched together: running while any runs, then failed if any failed.
#[derive(Clone, Debug, PartialEq)]
pub struct Pulls(pub Vec<PullOperation>);

impl Pulls {
    /// Their mean progress, 0 to 100.
    pub fn progress(&self) -> i64 {
        let count = i64::try_from(self.0.len()).unwrap_or(i64::MAX).max(1);
        let sum: i64 = self.0.iter().map(|p| p.progress.clamp(0, 100)).sum();
        sum / count
    }

    /// How many have ended, well or badly.
    pub fn ended(&self) -> usize {
        self.0
            .iter()
            .filter(|p| matches!(p.state(), Some(State::Succeeded | State::Failed)))
            .count()
    }
}

impl Status for Pulls {
    fn state(&self) -> Option<State> {
        combined(self.0.iter().map(Status::state))
    }

    fn label(&self) -> String {
        self.0
            .iter()
            .map(Status::label)
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn failure_message(&self) -> Option<String> {
        let failed: Vec<String> = self
            .0
            .iter()
            .filter(|p| p.state() == Some(State::Failed))
            .map(|p| match p.failure_message() {
                Some(message) => format!("{}: {message}", p.label()),
                None => p.label(),
            })
            .collect();
        (!failed.is_empty()).then(|| failed.join("; "))
    }
}

/// The state of a group: running while any member runs (or is unknown), then failed if any
/// failed, else succeeded.
fn combined(states: impl Iterator<Item = Option<State>>) -> Option<State> {
    let mut unknown = false;
    let mut failed = false;
    for state in states {
        match state {
            Some(State::Running) => return Some(State::Running),
            None => unknown = true,
            Some(State::Failed) => failed = true,
            Some(State::Succeeded) => {}
        }
    }
    if unknown {
        None
    } else if failed {
        Some(State::Failed)
    } else {
        Some(State::Succeeded)
    }
}

/// A company's data status as one status: each data type's latest read.
#[derive(Clone, Debug, PartialEq)]
pub struct CompanyDataStatus(pub DataStatuses);

impl CompanyDataStatus {
    fn each(&self) -> impl Iterator<Item = &DataStatus> {
        self.0.values().flatten()
    }
}

impl Status for CompanyDataStatus {
    fn state(&self) -> Option<State> {
        combined(self.each().map(|d| d.current_status.state()))
    }

    fn label(&self) -> String {
        self.each()
            .map(|d| format!("{} {}", d.data_type, d.current_status))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn failure_message(&self) -> Option<String> {
        let failed: Vec<String> = self
            .each()
            .filter(|d| d.current_status.state() == Some(State::Failed))
            .map(|d| format!("{} {}", d.data_type, d.current_status))
            .collect();
        (!failed.is_empty()).then(|| failed.join(", "))
    }
}

/// How long after queuing a pull [`RefreshData::refresh_and_watch`] takes a 404 for it as
/// Codat not showing it yet rather than as the end.
pub const QUEUED_PULL_GRACE: Duration = Duration::from_secs(30);

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<'a> RefreshData<'a> {
    /// Polls a pull (`dataset_id`, as [`by_data_type`](Self::by_data_type) or the pull
    /// history gives it) until it is complete, failed or cancelled.
    pub fn wait_for_pull(
        self,
        company_id: &str,
        dataset_id: &str,
        options: WaitOptions,
    ) -> Watch<'static, PullOperation> {
        let owned = (
            self.codat.clone(),
            company_id.to_owned(),
            dataset_id.to_owned(),
        );
        let poll = wait::owning(owned, |owned| async move {
            let (codat, company_id, dataset_id) = &*owned;
            RefreshData::new(codat)
                .get_pull_operation(company_id, dataset_id)
                .await
        });
        wait::watch(self.codat, options, poll)
    }

    /// Queues a read of each of `data_types` (failing at once, with Codat's error, if one
    /// cannot be queued), then watches the pulls together until every one has ended; the
    /// watch fails, after all have ended, if any failed.
    ///
    /// Codat may not show a pull it has just queued yet: for [`QUEUED_PULL_GRACE`] after
    /// queuing, a pull answered 404 stays as last seen (as queued, at first) and is polled
    /// again; a 404 after that ends the watch, as it does at once in
    /// [`wait_for_pull`](Self::wait_for_pull), whose id may come from anywhere.
    ///
    /// ```no_run
    /// use codat_client::models::refresh_data::DataType;
    /// use codat_client::wait::WaitOptions;
    /// use futures_util::TryStreamExt;
    ///
    /// # async fn run(codat: &codat_client::Codat) -> Result<(), codat_client::Error> {
    /// let types = [DataType::Invoices, DataType::Customers];
    /// let mut pulls = codat
    ///     .refresh_data()
    ///     .refresh_and_watch("company-id", &types, WaitOptions::new())
    ///     .await?;
    /// while let Some(now) = pulls.try_next().await? {
    ///     println!("{} % ({} of {} done)", now.progress(), now.ended(), now.0.len());
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn refresh_and_watch(
        self,
        company_id: &str,
        data_types: &[DataType],
        options: WaitOptions,
    ) -> Result<Watch<'static, Pulls>, Error> {
        let queued = try_join_all(data_types.iter().map(|data_type| {
            self.by_data_type(company_id, data_type, RefreshDataTypeParams::new())
        }))
        .await?;
        let queued_at = self.codat.timer().now();
        // Each pull as last seen; polls run one after another, so the lock is never waited
        // for.
        let known = Mutex::new(queued);
        let owned = (self.codat.clone(), company_id.to_owned(), known);
        let poll = wait::owning(owned, move |owned| async move {
            let (codat, company_id, known) = &*owned;
            let pulls = RefreshData::new(codat);
            let ids: Vec<String> = lock(known).iter().map(|p| p.id.clone()).collect();
            let now = join_all(
                ids.iter()
                    .map(|id| pulls.get_pull_operation(company_id, id)),
            )
            .await;
            let shown_soon =
                codat.timer().now().saturating_duration_since(queued_at) < QUEUED_PULL_GRACE;
            let mut known = lock(known);
            for (pull, result) in known.iter_mut().zip(now) {
                match result {
                    Ok(seen) => *pull = seen,
                    Err(error) if shown_soon && error.status() == Some(404) => {}
                    Err(error) => return Err(error),
                }
            }
            Ok(Pulls(known.clone()))
        });
        Ok(wait::watch(self.codat, options, poll))
    }

    /// Polls the company's data status until no data type's latest read is still running;
    /// fails if any ended badly. Call it after the reads are queued: before that, the
    /// statuses are those of the previous reads.
    pub fn wait_for_data_status(
        self,
        company_id: &str,
        options: WaitOptions,
    ) -> Watch<'static, CompanyDataStatus> {
        let owned = (self.codat.clone(), company_id.to_owned());
        let poll = wait::owning(owned, |owned| async move {
            let (codat, company_id) = &*owned;
            RefreshData::new(codat)
                .get_company_data_status(company_id)
                .await
                .map(CompanyDataStatus)
        });
        wait::watch(self.codat, options, poll)
    }
}

impl<'a> PushData<'a> {
    /// Polls a push operation until it succeeded, failed or timed out.
    pub fn wait_for_push(
        self,
        company_id: &str,
        push_operation_key: &str,
        options: WaitOptions,
    ) -> Watch<'static, PushOperation> {
        let owned = (
            self.codat.clone(),
            company_id.to_owned(),
            push_operation_key.to_owned(),
        );
        let poll = wait::owning(owned, |owned| async move {
            let (codat, company_id, key) = &*owned;
            PushData::new(codat).get_operation(company_id, key).await
        });
        wait::watch(self.codat, options, poll)
    }
}

impl<'a> Connections<'a> {
    /// Polls a connection until the company's user has linked it (or it was unlinked or
    /// deauthorized instead).
    pub fn wait_until_linked(
        self,
        company_id: &str,
        connection_id: &str,
        options: WaitOptions,
    ) -> Watch<'static, Connection> {
        let owned = (
            self.codat.clone(),
            company_id.to_owned(),
            connection_id.to_owned(),
        );
        let poll = wait::owning(owned, |owned| async move {
            let (codat, company_id, connection_id) = &*owned;
            Connections::new(codat).get(company_id, connection_id).await
        });
        wait::watch(self.codat, options, poll)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retry::Virtual;
    use crate::{Codat, RetryPolicy};
    use futures_util::TryStreamExt;
    use serde_json::json;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Instant;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, Request, ResponseTemplate};

    const COMPANY: &str = "8a210b68-6988-11ed-a1eb-0242ac120002";

    fn pull(status: &str) -> serde_json::Value {
        json!({
            "id": "p-1", "companyId": COMPANY, "connectionId": "k-1", "dataType": "invoices",
            "status": status, "requested": "2024-05-01T10:00:00Z", "progress": 0,
            "isCompleted": status == "Complete", "isErrored": false,
        })
    }

    fn not_found() -> ResponseTemplate {
        ResponseTemplate::new(404).set_body_json(json!({
            "statusCode": 404, "error": "Dataset not found", "correlationId": "c-404"
        }))
    }

    /// Queues a read of invoices as pull `p-1`, then polls it, answered by `polls` in turn (the
    /// last repeats), every `interval` on a virtual clock: the statuses seen or the error, the
    /// number of polls and the waits.
    async fn refresh_and_watch(
        polls: Vec<ResponseTemplate>,
        interval: Duration,
    ) -> (Result<Vec<String>, Error>, usize, Vec<Duration>) {
        let server = MockServer::builder().start().await;
        Mock::given(method("POST"))
            .and(path(format!("/companies/{COMPANY}/data/queue/invoices")))
            .respond_with(ResponseTemplate::new(200).set_body_json(pull("Initial")))
            .expect(1)
            .mount(&server)
            .await;
        let count = Arc::new(AtomicUsize::new(0));
        let counter = count.clone();
        Mock::given(method("GET"))
            .and(path(format!("/companies/{COMPANY}/data/history/p-1")))
            .respond_with(move |_: &Request| {
                let n = counter.fetch_add(1, Ordering::SeqCst);
                polls[n.min(polls.len() - 1)].clone()
            })
            .mount(&server)
            .await;
        let timer = Arc::new(Virtual {
            start: Instant::now(),
            sleeps: Mutex::default(),
        });
        let codat = Codat::builder()
            .api_key("k")
            .base_url(server.uri())
            .retry_policy(RetryPolicy::disabled())
            .timer(timer.clone())
            .build()
            .unwrap();
        let options = WaitOptions::new()
            .jitter(0.0)
            .initial_interval(interval)
            .multiplier(1.0);
        let watch = codat
            .refresh_data()
            .refresh_and_watch(COMPANY, &[DataType::Invoices], options)
            .await
            .unwrap();
        let seen = watch
            .map_ok(|pulls| pulls.0[0].status.to_string())
            .try_collect();
        let seen = tokio::time::timeout(Duration::from_secs(10), seen)
            .await
            .expect("the watch ends");
        let sleeps = timer.sleeps.lock().unwrap().clone();
        (seen, count.load(Ordering::SeqCst), sleeps)
    }

    #[test]
    fn push_and_connection_statuses_map_to_states() {
        let push = |status: &str| -> PushOperation {
            serde_json::from_value(json!({
                "companyId": COMPANY, "pushOperationKey": "p", "dataConnectionKey": "k",
                "requestedOnUtc": "2024-05-01T10:00:00Z", "status": status, "statusCode": 200,
            }))
            .unwrap()
        };
        let connection = |status: &str| -> Connection {
            serde_json::from_value(json!({
                "id": "k", "integrationId": "i", "sourceId": "s", "sourceType": "Accounting",
                "platformName": "Xero", "linkUrl": "https://link.codat.io/x", "status": status,
                "created": "2024-05-01T10:00:00Z"
            }))
            .unwrap()
        };
        let pushes: Vec<_> = ["Success", "Failed", "TimedOut", "Pending", "Queued"]
            .map(|s| push(s).state())
            .into();
        let connections: Vec<_> = ["Linked", "Unlinked", "Deauthorized", "PendingAuth", "Odd"]
            .map(|s| connection(s).state())
            .into();
        let expected = [
            Some(State::Succeeded),
            Some(State::Failed),
            Some(State::Failed),
            Some(State::Running),
            None,
        ];
        assert_eq!(pushes, expected);
        assert_eq!(connections, expected);
    }

    #[tokio::test]
    async fn a_pull_just_queued_that_codat_does_not_show_yet_is_polled_again() {
        let ok = |status| ResponseTemplate::new(200).set_body_json(pull(status));
        let polls = vec![not_found(), not_found(), ok("Fetching"), ok("Complete")];
        let (seen, polled, _) = refresh_and_watch(polls, Duration::from_secs(1)).await;
        // Until Codat shows it, the pull is as queued.
        assert_eq!(seen.unwrap(), ["Initial", "Fetching", "Complete"]);
        assert_eq!(polled, 4);
    }

    #[tokio::test]
    async fn a_queued_pull_still_not_shown_after_the_grace_period_ends_the_wait() {
        // Polls 10 s apart: at 0, 10 and 20 s the pull may still be on its way; at 30 s no
        // longer.
        let (seen, polled, sleeps) =
            refresh_and_watch(vec![not_found()], Duration::from_secs(10)).await;
        let error = seen.unwrap_err();
        assert_eq!(error.status(), Some(404), "{error:?}");
        assert_eq!(error.correlation_id(), Some("c-404"));
        assert_eq!(polled, 4);
        assert_eq!(sleeps, [Duration::from_secs(10); 3]);
        // Another error is no grace: it ends the wait at once.
        let gone = ResponseTemplate::new(403).set_body_json(json!({"statusCode": 403}));
        let (seen, polled, _) = refresh_and_watch(vec![gone], Duration::from_secs(10)).await;
        assert_eq!(seen.unwrap_err().status(), Some(403));
        assert_eq!(polled, 1);
    }
}
