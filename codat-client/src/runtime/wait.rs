//! Waiting for work Codat does in the background (pulls, pushes, syncs, reports): poll its
//! status until it ends, with backoff, within a deadline, and watch its progress on the way.
//!
//! [`watch`] polls with any status call; the status type says which states are done, failed
//! or still running ([`Status`]). The result is a [`Watch`]: a stream of each status that
//! differs from the one before (to draw progress), or, with [`Watch::finish`], just the end.
//!
//! - The first poll is at once; then the wait grows from
//!   [`initial_interval`](WaitOptions::initial_interval) by
//!   [`multiplier`](WaitOptions::multiplier) up to [`max_interval`](WaitOptions::max_interval),
//!   each wait shortened or lengthened at random by up to [`jitter`](WaitOptions::jitter) so
//!   that many waiters do not poll in step.
//! - The [`timeout`](WaitOptions::timeout) counts from the first poll (not from when the
//!   [`Watch`] was made) and bounds everything, a poll in flight included: a poll still
//!   unanswered at the deadline is dropped and the wait ends with [`Error::WaitTimedOut`],
//!   naming the last status read. When the next wait would reach the deadline, the last poll
//!   is made one [`initial_interval`](WaitOptions::initial_interval) before it instead, so
//!   that it has time to be answered.
//! - A poll answered 408, 429, 5xx, or that timed out or could not connect (after the client's
//!   own retries) is not the end: the next poll waits at least the `Retry-After` Codat sent.
//!   When the client's last response said no requests remain in the rate-limit window, the
//!   next poll waits [`max_interval`](WaitOptions::max_interval), until the window's reset
//!   time has passed ([`RateLimit::is_exhausted`](crate::RateLimit::is_exhausted)). Any other error (a 404 for
//!   an id that does not exist, say) ends the wait at once.
//! - A failed state ends it with [`Error::OperationFailed`], carrying the status and Codat's
//!   message; the [`timeout`](WaitOptions::timeout) with [`Error::WaitTimedOut`].
//! - A status this crate does not know is neither success nor failure: it is reported (in the
//!   stream, and as a `tracing` warning) and polling goes on until a known end or the deadline.
//! - Dropping the stream or the future stops polling; nothing runs in the background.
//!
//! Time is the client's [`Timer`](crate::Timer), so tests can replace it and not sleep; only
//! the cut of a poll in flight is made by the real clock (tokio's), as the HTTP client's own
//! timeouts are, for the time the `Timer` says is left.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::{self, BoxStream, StreamExt};
use futures_util::Stream;

use crate::client::Codat;
use crate::error::Error;

/// Where a background operation stands, by one of its statuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Still running: poll again.
    Running,
    /// Ended well.
    Succeeded,
    /// Ended badly.
    Failed,
}

/// A status of a background operation, as one poll returns it.
pub trait Status {
    /// Where the operation stands; `None` for a status this crate does not know.
    fn state(&self) -> Option<State>;

    /// The status as Codat names it, e.g. `Fetching`, for errors and progress.
    fn label(&self) -> String;

    /// Codat's explanation when the operation failed.
    fn failure_message(&self) -> Option<String> {
        None
    }
}

/// Where a product sync stands by its text status, as Sync for Expenses and Sync for
/// Commerce report it: `Complete` succeeded; any `…Error` failed; `NotStarted`, `Started`,
/// `Pending` and `Pushing` are still running; anything else is unknown (`None`).
pub fn sync_state(status: &str) -> Option<State> {
    match status {
        "Complete" => Some(State::Succeeded),
        "NotStarted" | "Started" | "Pending" | "Pushing" => Some(State::Running),
        failed if failed.ends_with("Error") => Some(State::Failed),
        _ => None,
    }
}

/// How a product sync names itself in errors and progress: its text status, else its status
/// code, else that it has none.
pub fn sync_label(status: Option<&str>, code: Option<i32>) -> String {
    match (status, code) {
        (Some(status), _) => status.to_owned(),
        (None, Some(code)) => format!("status code {code}"),
        (None, None) => "no status".into(),
    }
}

/// How to wait: backoff between polls and the deadline.
#[derive(Clone, Debug, PartialEq)]
pub struct WaitOptions {
    initial_interval: Duration,
    multiplier: f64,
    max_interval: Duration,
    jitter: f64,
    timeout: Duration,
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            initial_interval: Duration::from_secs(1),
            multiplier: 1.5,
            max_interval: Duration::from_secs(30),
            jitter: 0.2,
            timeout: Duration::from_secs(30 * 60),
        }
    }
}

impl WaitOptions {
    /// One second first, then ×1.5 per poll up to 30 seconds, ±20 % jitter, 30 minutes in all.
    pub fn new() -> Self {
        WaitOptions::default()
    }

    /// The wait after the first poll.
    pub fn initial_interval(mut self, interval: Duration) -> Self {
        self.initial_interval = interval;
        self
    }

    /// How much each wait grows; below 1 (or not a number) counts as 1.
    pub fn multiplier(mut self, multiplier: f64) -> Self {
        self.multiplier = multiplier;
        self
    }

    /// The longest wait between polls (a `Retry-After` may ask for more).
    pub fn max_interval(mut self, interval: Duration) -> Self {
        self.max_interval = interval;
        self
    }

    /// The share by which a wait may be shortened or lengthened at random, clamped to 0..=1;
    /// 0 for exact waits.
    pub fn jitter(mut self, jitter: f64) -> Self {
        self.jitter = jitter;
        self
    }

    /// How long to wait in all, from the first poll and polls included, before giving up
    /// with [`Error::WaitTimedOut`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The wait after poll number `poll` (from 0), before jitter: never below zero, never
    /// above `max_interval`, never NaN.
    pub(crate) fn interval(&self, poll: u32) -> Duration {
        let multiplier = if self.multiplier >= 1.0 {
            self.multiplier
        } else {
            1.0
        };
        let cap = self.max_interval.as_secs_f64();
        let grown = self.initial_interval.as_secs_f64() * multiplier.powi(poll.min(1000) as i32);
        // `min` with a finite cap also turns an infinite growth into the cap.
        let seconds = if grown.is_nan() { cap } else { grown.min(cap) };
        // Converting back may round past the cap by a nanosecond or so.
        Duration::try_from_secs_f64(seconds)
            .unwrap_or(self.max_interval)
            .min(self.max_interval)
    }

    /// `interval` moved by `unit` (0..1, uniform) within ±jitter.
    pub(crate) fn jittered(&self, interval: Duration, unit: f64) -> Duration {
        let jitter = if self.jitter.is_nan() {
            0.0
        } else {
            self.jitter.clamp(0.0, 1.0)
        };
        let factor = 1.0 + jitter * (2.0 * unit.clamp(0.0, 1.0) - 1.0);
        Duration::try_from_secs_f64(interval.as_secs_f64() * factor).unwrap_or(interval)
    }
}

/// The statuses of one background operation as polling sees them change; see the
/// [module docs](self). Each item is a status that differs from the one before, the last a
/// success, or an error ([`Error::OperationFailed`], [`Error::WaitTimedOut`], or what the
/// poll returned) after which the stream ends.
pub struct Watch<'a, S> {
    inner: BoxStream<'a, Result<S, Error>>,
}

impl<S> fmt::Debug for Watch<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Watch")
    }
}

impl<'a, S: Send + 'a> Watch<'a, S> {
    /// Polls to the end: the successful status, or the error that ended the wait.
    pub async fn finish(mut self) -> Result<S, Error> {
        let mut last = None;
        while let Some(item) = self.inner.next().await {
            last = Some(item?);
        }
        // The stream only ends without an error after a success, which it yielded.
        last.ok_or_else(|| Error::Config {
            message: "a watch ended without a status".into(),
        })
    }

    /// Another watch's statuses, changed by `map` (e.g. to a progress figure).
    pub fn map<T: Send + 'a>(self, map: impl FnMut(S) -> T + Send + 'a) -> Watch<'a, T> {
        let mut map = map;
        Watch {
            inner: self.inner.map(move |item| item.map(&mut map)).boxed(),
        }
    }
}

impl<S> Stream for Watch<'_, S> {
    type Item = Result<S, Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.inner.poll_next_unpin(cx)
    }
}

/// Where a watch is between polls.
struct Progress<F, S> {
    // Owned, so that a watch made with a `'static` poll is `'static` too.
    codat: Codat,
    options: WaitOptions,
    poll: F,
    polls: u32,
    /// When the first poll was made.
    started: Option<std::time::Instant>,
    last: Option<S>,
    /// The error to yield after the status that led to it.
    failure: Option<Error>,
    /// Set once the stream has yielded its last item.
    ended: bool,
    /// The wait before the next poll, when one is due.
    wait: Option<Duration>,
    /// Set when the poll planned is the last one the deadline leaves room for.
    last_poll: bool,
    warned_unknown: bool,
}

/// Polls with `poll` until its status ends, as the [module docs](self) describe.
///
/// ```no_run
/// use codat_client::wait::{self, WaitOptions};
/// use codat_client::Codat;
///
/// # async fn run(codat: &Codat) -> Result<(), codat_client::Error> {
/// let pull = wait::watch(codat, WaitOptions::new(), || {
///     codat.refresh_data().get_pull_operation("company-id", "dataset-id")
/// })
/// .finish()
/// .await?;
/// println!("{} done", pull.data_type);
/// # Ok(())
/// # }
/// ```
pub fn watch<'a, S, F, Fut>(codat: &Codat, options: WaitOptions, poll: F) -> Watch<'a, S>
where
    S: Status + Clone + PartialEq + Send + 'a,
    F: FnMut() -> Fut + Send + 'a,
    Fut: std::future::Future<Output = Result<S, Error>> + Send + 'a,
{
    let progress = Progress {
        codat: codat.clone(),
        started: None,
        options,
        poll,
        polls: 0,
        last: None,
        failure: None,
        ended: false,
        wait: None,
        last_poll: false,
        warned_unknown: false,
    };
    let inner = stream::unfold(progress, |mut p| async move {
        loop {
            if let Some(error) = p.failure.take() {
                p.ended = true;
                return Some((Err(error), p));
            }
            if p.ended {
                return None;
            }
            if let Some(wait) = p.wait.take() {
                p.codat.timer().sleep(wait).await;
            }
            let item = p.step().await;
            if let Some(item) = item {
                return Some((item, p));
            }
        }
    });
    Watch {
        inner: inner.boxed(),
    }
}

/// A poll for a watch that owns what it polls with, so that the [`Watch`] is `'static` and
/// can be returned, stored or sent to another task: `poll` gets `state` (the client and the
/// ids, shared behind one `Arc` rather than copied for each poll).
///
/// ```no_run
/// use codat_client::wait::{self, Watch, WaitOptions};
/// use codat_client::models::refresh_data::PullOperation;
/// use codat_client::Codat;
///
/// fn pull(codat: &Codat, company: &str, dataset: &str) -> Watch<'static, PullOperation> {
///     let owned = (codat.clone(), company.to_owned(), dataset.to_owned());
///     wait::watch(codat, WaitOptions::new(), wait::owning(owned, |owned| async move {
///         let (codat, company, dataset) = &*owned;
///         codat.refresh_data().get_pull_operation(company, dataset).await
///     }))
/// }
/// ```
pub fn owning<S, Fut>(state: S, poll: impl Fn(Arc<S>) -> Fut) -> impl FnMut() -> Fut {
    let state = Arc::new(state);
    move || poll(Arc::clone(&state))
}

impl<F, Fut, S> Progress<F, S>
where
    S: Status + Clone + PartialEq,
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<S, Error>>,
{
    /// The time since the first poll.
    fn elapsed(&mut self) -> Duration {
        let now = self.codat.timer().now();
        now.saturating_duration_since(*self.started.get_or_insert(now))
    }

    /// The wait's end, for the status last read and the last poll's error.
    fn timed_out(&self, waited: Duration, last_error: Option<Error>) -> Error {
        Error::WaitTimedOut {
            waited,
            status: self.last.as_ref().map(Status::label),
            last_error: last_error.map(Box::new),
        }
    }

    /// One poll, cut at the deadline: the item to yield, if any; plans the next poll or the
    /// end.
    async fn step(&mut self) -> Option<Result<S, Error>> {
        let left = self.options.timeout.saturating_sub(self.elapsed());
        let Ok(result) = tokio::time::timeout(left, (self.poll)()).await else {
            self.ended = true;
            // The time the cut poll took may not be on the `Timer`'s clock (a test's): the
            // deadline has passed all the same.
            let waited = self.elapsed().max(self.options.timeout);
            return Some(Err(self.timed_out(waited, None)));
        };
        let poll = self.polls;
        self.polls = self.polls.saturating_add(1);
        match result {
            Ok(status) => {
                let changed = self.last.as_ref() != Some(&status);
                self.last = Some(status.clone());
                let end = match status.state() {
                    Some(State::Succeeded) => {
                        self.ended = true;
                        return Some(Ok(status));
                    }
                    Some(State::Failed) => Some(Error::OperationFailed {
                        status: status.label(),
                        message: status.failure_message(),
                    }),
                    state => {
                        if state.is_none() && !self.warned_unknown {
                            self.warned_unknown = true;
                            tracing::warn!(
                                status = %status.label(),
                                "a status this client does not know; waiting on until a known end or the deadline"
                            );
                        }
                        self.schedule(poll, Duration::ZERO, None)
                    }
                };
                match (changed, end) {
                    // The status first, then the error that ends the watch.
                    (true, end) => {
                        self.failure = end;
                        Some(Ok(status))
                    }
                    (false, Some(error)) => {
                        self.ended = true;
                        Some(Err(error))
                    }
                    (false, None) => None,
                }
            }
            // Codat's limit holds calls past the deadline: waiting cannot help.
            Err(error @ Error::RateLimited { .. })
                if error.retry_after().unwrap_or_default()
                    >= self.options.timeout.saturating_sub(self.elapsed()) =>
            {
                self.ended = true;
                Some(Err(error))
            }
            Err(error) if error.is_retryable() => {
                let floor = error.retry_after().unwrap_or_default();
                let end = self.schedule(poll, floor, Some(error))?;
                self.ended = true;
                Some(Err(end))
            }
            Err(error) => {
                self.ended = true;
                Some(Err(error))
            }
        }
    }

    /// Plans the next poll after poll number `poll`, or returns the timeout when the deadline
    /// leaves no room for one.
    fn schedule(&mut self, poll: u32, floor: Duration, last_error: Option<Error>) -> Option<Error> {
        let elapsed = self.elapsed();
        let left = self.options.timeout.saturating_sub(elapsed);
        if self.last_poll || left.is_zero() {
            return Some(self.timed_out(elapsed, last_error));
        }
        let mut wait = self
            .options
            .jittered(self.options.interval(poll), fastrand::f64())
            .max(floor);
        if self
            .codat
            .rate_limit()
            .is_some_and(|rate| rate.is_exhausted())
        {
            wait = wait.max(self.options.max_interval);
        }
        // The last poll comes early enough to be answered before the deadline.
        let answer = self.options.initial_interval;
        if wait.saturating_add(answer) >= left {
            wait = left.saturating_sub(answer);
            self.last_poll = true;
        }
        self.wait = Some(wait);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn secs(d: Duration) -> f64 {
        d.as_secs_f64()
    }

    use std::sync::{Arc, Mutex};
    use std::time::Instant;

    use crate::retry::Virtual;

    #[derive(Clone, Debug, PartialEq)]
    struct Job(&'static str);

    impl Status for Job {
        fn state(&self) -> Option<State> {
            match self.0 {
                "done" => Some(State::Succeeded),
                "broken" => Some(State::Failed),
                _ => Some(State::Running),
            }
        }
        fn label(&self) -> String {
            self.0.to_owned()
        }
    }

    /// Watches a job whose polls answer `script` in turn (the last answer repeats, and more
    /// than 100 polls fail the test); the statuses streamed, how it ended, and the sleeps.
    async fn run(
        script: &[&'static str],
        options: WaitOptions,
    ) -> (Vec<&'static str>, Option<Error>, Vec<Duration>) {
        use futures_util::StreamExt;
        let timer = Arc::new(Virtual {
            start: Instant::now(),
            sleeps: Mutex::default(),
        });
        let codat = Codat::builder()
            .api_key("k")
            .timer(timer.clone())
            .build()
            .unwrap();
        let script = script.to_vec();
        let mut polls = 0;
        let mut watch = watch(&codat, options.jitter(0.0), move || {
            polls += 1;
            assert!(polls <= 100, "polled on past the deadline");
            let status = script[(polls - 1).min(script.len() - 1)];
            std::future::ready(Ok(Job(status)))
        });
        let (mut seen, mut end) = (Vec::new(), None);
        while let Some(item) = watch.next().await {
            match item {
                Ok(job) => seen.push(job.0),
                Err(error) => end = Some(error),
            }
        }
        let sleeps = timer.sleeps.lock().unwrap().clone();
        (seen, end, sleeps)
    }

    fn steady(timeout: u64) -> WaitOptions {
        WaitOptions::new()
            .initial_interval(Duration::from_secs(1))
            .multiplier(1.0)
            .timeout(Duration::from_secs(timeout))
    }

    #[tokio::test]
    async fn each_change_is_streamed_once_until_the_end() {
        let (seen, end, sleeps) = run(&["queued", "queued", "running", "done"], steady(60)).await;
        assert_eq!(seen, ["queued", "running", "done"]);
        assert!(end.is_none(), "{end:?}");
        assert_eq!(sleeps, [Duration::from_secs(1); 3]);

        let (seen, end, _) = run(&["running", "broken"], steady(60)).await;
        assert_eq!(seen, ["running", "broken"]);
        assert!(matches!(end, Some(Error::OperationFailed { status, .. }) if status == "broken"));
    }

    #[tokio::test]
    async fn the_last_poll_comes_one_interval_before_the_deadline_and_then_it_ends() {
        // Polls at 0, 1, ... 9 s; after the one at 8 s the next would reach the deadline with
        // no time to answer, so the one at 9 s is the last.
        let (seen, end, sleeps) = run(&["running"], steady(10)).await;
        assert_eq!(seen, ["running"]);
        assert_eq!(sleeps, [Duration::from_secs(1); 9]);
        match end {
            Some(Error::WaitTimedOut { waited, status, .. }) => {
                assert_eq!(waited, Duration::from_secs(9));
                assert_eq!(status.as_deref(), Some("running"));
            }
            other => panic!("{other:?}"),
        }
        // Waits that grow: the last one is shortened to leave the answer its interval.
        let growing = steady(10).multiplier(2.0);
        let (_, end, sleeps) = run(&["running"], growing).await;
        let secs: Vec<u64> = sleeps.iter().map(Duration::as_secs).collect();
        assert_eq!(secs, [1, 2, 4, 2]);
        assert!(
            matches!(end, Some(Error::WaitTimedOut { waited, .. }) if waited == Duration::from_secs(9))
        );
    }

    #[test]
    fn sync_texts_are_told_apart() {
        assert_eq!(sync_state("Complete"), Some(State::Succeeded));
        for running in ["NotStarted", "Started", "Pending", "Pushing"] {
            assert_eq!(sync_state(running), Some(State::Running), "{running}");
        }
        for failed in ["PushError", "MapCoreError", "ValidateError"] {
            assert_eq!(sync_state(failed), Some(State::Failed), "{failed}");
        }
        for unknown in ["", "complete", "Errored", "Done"] {
            assert_eq!(sync_state(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn syncs_are_named_by_what_they_have() {
        assert_eq!(sync_label(Some("Pushing"), Some(1500)), "Pushing");
        assert_eq!(sync_label(None, Some(4000)), "status code 4000");
        assert_eq!(sync_label(None, None), "no status");
    }

    #[test]
    fn intervals_grow_and_stop_at_the_cap() {
        let options = WaitOptions::new();
        let waits: Vec<f64> = (0..12).map(|p| secs(options.interval(p))).collect();
        assert_eq!(&waits[..4], &[1.0, 1.5, 2.25, 3.375]);
        assert_eq!(waits[11], 30.0);
        assert!(waits.windows(2).all(|w| w[0] <= w[1]));
        // A multiplier below 1 (or NaN) does not shrink the waits.
        for multiplier in [0.5, 0.0, -3.0, f64::NAN] {
            let flat = WaitOptions::new().multiplier(multiplier);
            assert_eq!(flat.interval(7), Duration::from_secs(1), "{multiplier}");
        }
    }

    #[test]
    fn jitter_stays_within_its_share() {
        let options = WaitOptions::new().jitter(0.2);
        let ten = Duration::from_secs(10);
        assert_eq!(options.jittered(ten, 0.0), Duration::from_secs(8));
        assert_eq!(options.jittered(ten, 1.0), Duration::from_secs(12));
        assert_eq!(options.jittered(ten, 0.5), ten);
        assert_eq!(WaitOptions::new().jitter(0.0).jittered(ten, 0.9), ten);
        assert_eq!(WaitOptions::new().jitter(f64::NAN).jittered(ten, 0.9), ten);
        // Above 1 counts as 1: never a negative wait.
        assert_eq!(
            WaitOptions::new().jitter(5.0).jittered(ten, 0.0),
            Duration::ZERO
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn any_settings_give_a_wait_within_the_cap(
            initial in 0u64..=u64::MAX,
            multiplier in prop_oneof![any::<f64>(), 0.0f64..10.0],
            cap in 0u64..=u64::MAX,
            jitter in prop_oneof![any::<f64>(), 0.0f64..1.0],
            poll in any::<u32>(),
            unit in 0.0f64..=1.0,
        ) {
            let options = WaitOptions::new()
                .initial_interval(Duration::from_millis(initial))
                .multiplier(multiplier)
                .max_interval(Duration::from_millis(cap))
                .jitter(jitter);
            let wait = options.interval(poll);
            prop_assert!(wait <= Duration::from_millis(cap));
            let jittered = options.jittered(wait, unit);
            // At most twice the capped wait (jitter is clamped to 1).
            prop_assert!(jittered <= wait.saturating_mul(2));
        }
    }
}
