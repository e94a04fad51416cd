//! When a failed attempt is tried again, and how long to wait first.
//!
//! The defaults follow the retry settings Codat publishes for its own SDKs (start at 500 ms,
//! grow by 1.5 per attempt up to 60 s, retry 408, 429, 5xx but 501 and 505, and connection errors) with these
//! changes: waits are drawn with full jitter so that many clients do not retry in step; a
//! `Retry-After` from the server is honoured (both forms, clamped to the longest wait); a call
//! gives up after 5 attempts or 2 minutes rather than after an hour, because a caller waiting
//! longer than that is better told and left to decide; and a request that may have changed
//! something (POST, PATCH) is only repeated when the server said it did not act on it.

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant, SystemTime};

#[cfg(test)]
use crate::request::Method;
use crate::Error;

/// How failed attempts are retried. Set it on the builder, or per call with
/// [`Codat::with_retry_policy`](crate::Codat::with_retry_policy).
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_interval: Duration,
    exponent: f64,
    max_interval: Duration,
    max_elapsed: Duration,
    retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            initial_interval: Duration::from_millis(500),
            exponent: 1.5,
            max_interval: Duration::from_secs(60),
            max_elapsed: Duration::from_secs(120),
            retry_non_idempotent: false,
        }
    }
}

/// What repeating a request may do, which decides the failures it is repeated after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Repeat {
    /// A repeat may act twice: a write without an idempotency key.
    Unsafe,
    /// Repeating has the effect of sending once: GET, PUT, DELETE.
    Idempotent,
    /// A write with an `Idempotency-Key`: Codat answers a repeat with the first attempt's
    /// answer, and a 409 says the first attempt is still running, so it is repeated after
    /// that too.
    Keyed,
}

/// Why an attempt is retried; shown in logs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryReason {
    /// The server refused for now (408, 429, a 5xx but 501 and 505).
    Status(u16),
    /// The connection could not be made, so nothing reached the server.
    Connect,
    /// The connection failed after the request was sent.
    Transport,
    /// The attempt took longer than the per-attempt timeout.
    Timeout,
}

impl RetryPolicy {
    /// The longest single wait between two attempts.
    pub(crate) fn longest_wait(&self) -> Duration {
        self.max_interval
    }

    /// No retries: every call makes exactly one attempt.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The most attempts a call makes, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The longest possible wait before the first retry.
    pub fn initial_interval(mut self, interval: Duration) -> Self {
        self.initial_interval = interval;
        self
    }

    /// How much the longest possible wait grows with each retry (at least 1).
    pub fn exponent(mut self, exponent: f64) -> Self {
        self.exponent = if exponent.is_finite() {
            exponent.max(1.0)
        } else {
            1.0
        };
        self
    }

    /// The longest single wait, `Retry-After` included.
    pub fn max_interval(mut self, interval: Duration) -> Self {
        self.max_interval = interval;
        self
    }

    /// No retry starts a wait that would end later than this after the call began.
    pub fn max_elapsed(mut self, elapsed: Duration) -> Self {
        self.max_elapsed = elapsed;
        self
    }

    /// Also repeat a write that carries no `Idempotency-Key` after a 408, a 5xx without
    /// `Retry-After`, a timeout or a broken connection, when the server may already have
    /// acted on the first attempt. Off by default: a repeated "create" can create twice.
    /// Every POST and PATCH the client sends carries a key, which makes repeating it safe
    /// without this setting.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.retry_non_idempotent = retry;
        self
    }

    /// The backoff before retry number `retry` (0 for the first) with full jitter: `unit`, a
    /// number in `[0, 1)`, picks the wait between zero and the cap for that retry.
    ///
    /// Never panics and never exceeds [`max_interval`](RetryPolicy::max_interval), whatever
    /// the settings: a zero initial interval gives zero waits, a growth that overflows stops
    /// at the cap.
    pub fn backoff(&self, retry: u32, unit: f64) -> Duration {
        if self.initial_interval.is_zero() {
            // Zero times an infinite growth is NaN: a zero start means no wait at all.
            return Duration::ZERO;
        }
        let unit = if unit.is_nan() {
            0.0
        } else {
            unit.clamp(0.0, 1.0)
        };
        let growth = self.exponent.powi(retry.min(1000) as i32);
        let cap = self.initial_interval.as_secs_f64() * growth;
        let max = self.max_interval.as_secs_f64();
        let wait = if cap < max { cap * unit } else { max * unit };
        // Past what a Duration holds (a huge max_interval), the cap itself is the wait.
        Duration::try_from_secs_f64(wait)
            .unwrap_or(self.max_interval)
            .min(self.max_interval)
    }

    /// The waits a call would make if every attempt failed without a server hint, drawn from a
    /// generator seeded with `seed`.
    pub fn schedule(&self, seed: u64) -> Vec<Duration> {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut waits = Vec::new();
        let mut elapsed = Duration::ZERO;
        for retry in 0..self.max_attempts.saturating_sub(1) {
            let wait = self.backoff(retry, rng.f64());
            elapsed = elapsed.saturating_add(wait);
            if elapsed > self.max_elapsed {
                break;
            }
            waits.push(wait);
        }
        waits
    }

    /// Whether to retry after `attempts` attempts that ended in `error`, and after how long.
    #[cfg(test)]
    pub(crate) fn decide(
        &self,
        method: Method,
        error: &Error,
        attempts: u32,
        elapsed: Duration,
        unit: f64,
    ) -> Option<(Duration, RetryReason)> {
        let repeat = if method.is_idempotent() {
            Repeat::Idempotent
        } else {
            Repeat::Unsafe
        };
        self.decide_for(repeat, error, attempts, elapsed, unit)
    }

    /// [`decide`](Self::decide) for a request whose repeats do what `repeat` says.
    pub(crate) fn decide_for(
        &self,
        repeat: Repeat,
        error: &Error,
        attempts: u32,
        elapsed: Duration,
        unit: f64,
    ) -> Option<(Duration, RetryReason)> {
        if attempts >= self.max_attempts {
            return None;
        }
        let may_repeat = repeat != Repeat::Unsafe || self.retry_non_idempotent;
        let retry_after = error.response().and_then(|r| r.retry_after);
        let reason = match error {
            Error::Api { .. } | Error::UnexpectedStatus { .. } => {
                let status = error.status()?;
                let server_said_wait = matches!(status, 429 | 503) && retry_after.is_some();
                // 501 and 505 say the server cannot serve this request at all: a repeat
                // cannot succeed.
                let transient = status == 408
                    || ((500..=599).contains(&status) && !matches!(status, 501 | 505));
                let retryable = status == 429
                    || server_said_wait
                    || (transient && may_repeat)
                    || (status == 409 && repeat == Repeat::Keyed);
                if !retryable {
                    return None;
                }
                RetryReason::Status(status)
            }
            // Nothing reached the server: safe to repeat whatever the method.
            _ if error.is_connect_failure() => RetryReason::Connect,
            Error::Transport { .. } if may_repeat => RetryReason::Transport,
            // The whole call's deadline ends the loop before this is asked.
            Error::Timeout { .. } if may_repeat => RetryReason::Timeout,
            _ => return None,
        };
        let wait = match retry_after {
            Some(hint) => hint.min(self.max_interval),
            None => self.backoff(attempts - 1, unit),
        };
        (elapsed.saturating_add(wait) <= self.max_elapsed).then_some((wait, reason))
    }
}

/// Reads `Retry-After`: delay-seconds or an HTTP-date, as a wait from `now`. A number of
/// seconds too large to hold means "a very long time" ([`Duration::MAX`]), which the retry
/// policy then clamps to its longest wait; anything else unreadable is `None`.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(
            value
                .parse::<u64>()
                .map_or(Duration::MAX, Duration::from_secs),
        );
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The clock and sleep the retry loop uses. Replace it in tests so that waits take no time
/// and can be measured.
pub trait Timer: Send + Sync + 'static {
    /// The current instant.
    fn now(&self) -> Instant;
    /// Waits for `duration`.
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>>;
}

/// The real clock and tokio's sleep.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokioTimer;

impl Timer for TokioTimer {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A clock that moves only when slept on, for the crate's own tests.
#[cfg(test)]
pub(crate) struct Virtual {
    pub(crate) start: Instant,
    pub(crate) sleeps: std::sync::Mutex<Vec<Duration>>,
}

#[cfg(test)]
impl Timer for Virtual {
    fn now(&self) -> Instant {
        self.start + self.sleeps.lock().unwrap().iter().sum::<Duration>()
    }
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        self.sleeps.lock().unwrap().push(duration);
        Box::pin(std::future::ready(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ResponseDetails;

    #[test]
    fn a_keyed_write_is_repeated_as_a_get_is_and_also_after_409() {
        let policy = RetryPolicy::default();
        let decide = |repeat, status| {
            policy.decide_for(repeat, &status_error(status, None), 1, Duration::ZERO, 0.5)
        };
        for status in [408, 429, 500, 502, 503, 504] {
            assert_eq!(
                decide(Repeat::Keyed, status).map(|(_, r)| r),
                Some(RetryReason::Status(status)),
                "{status}"
            );
            assert_eq!(
                decide(Repeat::Keyed, status),
                decide(Repeat::Idempotent, status),
                "{status}"
            );
        }
        // 409: the first attempt with this key is still running; only a keyed write waits.
        assert_eq!(
            decide(Repeat::Keyed, 409).map(|(_, r)| r),
            Some(RetryReason::Status(409))
        );
        assert!(decide(Repeat::Idempotent, 409).is_none());
        assert!(decide(Repeat::Unsafe, 409).is_none());
        for status in [400, 401, 404, 422] {
            assert!(decide(Repeat::Keyed, status).is_none(), "{status}");
        }
        // A timeout of one attempt may have reached the server: repeated only when safe.
        let timeout = Error::Timeout {
            source: None,
            idempotency_key: None,
            call: None,
        };
        for (repeat, retried) in [
            (Repeat::Keyed, true),
            (Repeat::Idempotent, true),
            (Repeat::Unsafe, false),
        ] {
            let decision = policy.decide_for(repeat, &timeout, 1, Duration::ZERO, 0.5);
            assert_eq!(decision.map(|(_, r)| r).is_some(), retried, "{repeat:?}");
            if retried {
                assert_eq!(decision.unwrap().1, RetryReason::Timeout);
            }
        }
    }

    #[tokio::test]
    async fn a_connection_lost_after_sending_is_repeated_only_when_safe_a_refused_one_always() {
        use tokio::io::AsyncReadExt;
        // Reads the request, then closes without answering.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let _ = stream.read(&mut [0u8; 4096]).await;
            }
        });
        let lost = Error::from_reqwest(reqwest::get(&url).await.unwrap_err());
        assert!(matches!(lost, Error::Transport { .. }) && !lost.is_connect_failure());
        // A port nobody listens on.
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = closed.local_addr().unwrap().port();
        drop(closed);
        let refused = reqwest::get(format!("http://127.0.0.1:{port}/"))
            .await
            .unwrap_err();
        let refused = Error::from_reqwest(refused);
        let policy = RetryPolicy::default();
        for (repeat, retried) in [
            (Repeat::Keyed, true),
            (Repeat::Idempotent, true),
            (Repeat::Unsafe, false),
        ] {
            let decision = policy.decide_for(repeat, &lost, 1, Duration::ZERO, 0.5);
            assert_eq!(
                decision.map(|(_, r)| r),
                retried.then_some(RetryReason::Transport),
                "{repeat:?}"
            );
            let decision = policy.decide_for(repeat, &refused, 1, Duration::ZERO, 0.5);
            assert_eq!(decision.map(|(_, r)| r), Some(RetryReason::Connect));
        }
    }

    fn status_error(status: u16, retry_after: Option<Duration>) -> Error {
        let mut response = ResponseDetails::new(status, None, b"", None);
        response.retry_after = retry_after;
        Error::UnexpectedStatus {
            response: Box::new(response),
        }
    }

    #[test]
    fn schedule_is_full_jitter_under_a_growing_cap() {
        let policy = RetryPolicy::default()
            .max_attempts(10)
            .max_elapsed(Duration::from_secs(3600));
        let waits = policy.schedule(42);
        assert_eq!(waits.len(), 9);
        for (retry, wait) in waits.iter().enumerate() {
            let cap = 0.5 * 1.5f64.powi(retry as i32);
            assert!(
                wait.as_secs_f64() <= cap.min(60.0),
                "retry {retry}: {wait:?} over {cap}"
            );
        }
        assert_eq!(waits, policy.schedule(42), "same seed, same schedule");
        assert_ne!(waits, policy.schedule(43));
        // The caps themselves: 0.5, 0.75, 1.125, ... and never above 60 s.
        assert_eq!(policy.backoff(0, 1.0), Duration::from_millis(500));
        assert_eq!(policy.backoff(2, 1.0), Duration::from_millis(1125));
        assert_eq!(policy.backoff(30, 1.0), Duration::from_secs(60));
        assert_eq!(policy.backoff(3, 0.0), Duration::ZERO);
    }

    #[test]
    fn the_wait_at_the_cap_is_still_drawn_with_jitter() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff(30, 0.5), Duration::from_secs(30));
        assert_eq!(policy.backoff(30, 0.25), Duration::from_secs(15));
    }

    #[test]
    fn a_schedule_of_zero_waits_fits_a_zero_elapsed_limit() {
        let policy = RetryPolicy::default()
            .max_attempts(4)
            .initial_interval(Duration::ZERO)
            .max_elapsed(Duration::ZERO);
        assert_eq!(policy.schedule(1), vec![Duration::ZERO; 3]);
    }

    #[test]
    fn the_first_retry_waits_under_the_first_cap() {
        let policy = RetryPolicy::default();
        let err = status_error(503, None);
        let wait = |attempts| {
            policy
                .decide(Method::Get, &err, attempts, Duration::ZERO, 1.0)
                .unwrap()
                .0
        };
        assert_eq!(wait(1), Duration::from_millis(500));
        assert_eq!(wait(2), Duration::from_millis(750));
    }

    #[test]
    fn schedule_stops_at_max_elapsed() {
        let policy = RetryPolicy::default()
            .max_attempts(100)
            .initial_interval(Duration::from_secs(1))
            .exponent(1.0)
            .max_elapsed(Duration::from_secs(5));
        let total: Duration = policy.schedule(7).iter().sum();
        assert!(total <= Duration::from_secs(5));
    }

    #[test]
    fn retries_the_documented_statuses_only() {
        let policy = RetryPolicy::default();
        let decide = |method, status| {
            policy.decide(method, &status_error(status, None), 1, Duration::ZERO, 0.5)
        };
        for status in [408, 429, 500, 502, 503, 504] {
            assert!(decide(Method::Get, status).is_some(), "{status}");
        }
        for status in [400, 401, 402, 403, 404, 409, 422, 451, 501, 505] {
            assert!(decide(Method::Get, status).is_none(), "{status}");
        }
        for status in [499, 506, 599] {
            assert_eq!(
                decide(Method::Get, status).is_some(),
                status >= 500,
                "{status}"
            );
        }
        // A POST that may have been acted on is not repeated; a 429 always may be.
        assert!(decide(Method::Post, 500).is_none());
        assert!(decide(Method::Post, 429).is_some());
        let eager = RetryPolicy::default().retry_non_idempotent(true);
        assert!(eager
            .decide(
                Method::Post,
                &status_error(500, None),
                1,
                Duration::ZERO,
                0.5
            )
            .is_some());
    }

    #[test]
    fn retry_after_is_honoured_and_clamped() {
        let policy = RetryPolicy::default().max_interval(Duration::from_secs(10));
        let err = status_error(503, Some(Duration::from_secs(3)));
        assert_eq!(
            policy.decide(Method::Post, &err, 1, Duration::ZERO, 0.0),
            Some((Duration::from_secs(3), RetryReason::Status(503)))
        );
        let err = status_error(429, Some(Duration::from_secs(3600)));
        assert_eq!(
            policy
                .decide(Method::Get, &err, 1, Duration::ZERO, 0.0)
                .unwrap()
                .0,
            Duration::from_secs(10)
        );
    }

    #[test]
    fn attempts_and_elapsed_bound_the_retries() {
        let policy = RetryPolicy::default()
            .max_attempts(3)
            .max_elapsed(Duration::from_secs(10));
        let err = status_error(503, Some(Duration::from_secs(2)));
        assert!(policy
            .decide(Method::Get, &err, 2, Duration::ZERO, 0.5)
            .is_some());
        assert!(policy
            .decide(Method::Get, &err, 3, Duration::ZERO, 0.5)
            .is_none());
        assert!(policy
            .decide(Method::Get, &err, 1, Duration::from_secs(9), 0.5)
            .is_none());
        assert!(RetryPolicy::disabled()
            .decide(Method::Get, &err, 1, Duration::ZERO, 0.5)
            .is_none());
    }

    #[test]
    fn a_retry_after_too_large_to_hold_is_a_very_long_wait_then_clamped() {
        let now = SystemTime::UNIX_EPOCH;
        for value in ["18446744073709551616", "99999999999999999999999999"] {
            assert_eq!(
                parse_retry_after(value, now),
                Some(Duration::MAX),
                "{value}"
            );
        }
        // A POST that got 503 with such a hint is retried after the longest wait.
        let policy = RetryPolicy::default()
            .max_interval(Duration::from_secs(30))
            .max_elapsed(Duration::from_secs(60));
        let err = status_error(503, Some(Duration::MAX));
        assert_eq!(
            policy.decide(Method::Post, &err, 1, Duration::ZERO, 0.5),
            Some((Duration::from_secs(30), RetryReason::Status(503)))
        );
        // With no cap at all, it is past any elapsed limit: no retry, no panic.
        let policy = RetryPolicy::default().max_interval(Duration::MAX);
        assert_eq!(
            policy.decide(Method::Get, &err, 1, Duration::from_secs(5), 0.5),
            None
        );
    }

    #[test]
    fn a_zero_initial_interval_means_no_wait_even_with_a_growing_exponent() {
        let policy = RetryPolicy::default()
            .initial_interval(Duration::ZERO)
            .exponent(1.5);
        for retry in [0, 1, 10, 999, 5000, u32::MAX] {
            assert_eq!(policy.backoff(retry, 1.0), Duration::ZERO, "{retry}");
        }
    }

    #[test]
    fn an_unbounded_max_interval_does_not_overflow() {
        let policy = RetryPolicy::default().max_interval(Duration::MAX);
        assert_eq!(policy.backoff(0, 1.0), Duration::from_millis(500));
        let huge = policy.backoff(5000, 1.0);
        assert!(huge > Duration::from_secs(1_000_000));
        assert!(policy.schedule(1).len() <= 4);
    }

    #[test]
    fn parses_both_retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(
            parse_retry_after(&later, now),
            Some(Duration::from_secs(30))
        );
        let past = httpdate::fmt_http_date(now - Duration::from_secs(30));
        assert_eq!(parse_retry_after(&past, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-1", now), None);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn any_duration() -> impl Strategy<Value = Duration> {
            prop_oneof![
                Just(Duration::ZERO),
                Just(Duration::MAX),
                (0u64..=u64::MAX, 0u32..1_000_000_000).prop_map(|(s, n)| Duration::new(s, n)),
                (0u64..100_000).prop_map(Duration::from_millis),
            ]
        }

        fn any_policy() -> impl Strategy<Value = RetryPolicy> {
            (
                0u32..20,
                any_duration(),
                prop_oneof![Just(f64::NAN), Just(f64::INFINITY), -10.0f64..1e6],
                any_duration(),
                any_duration(),
                any::<bool>(),
            )
                .prop_map(|(attempts, initial, exponent, max, elapsed, eager)| {
                    RetryPolicy::default()
                        .max_attempts(attempts)
                        .initial_interval(initial)
                        .exponent(exponent)
                        .max_interval(max)
                        .max_elapsed(elapsed)
                        .retry_non_idempotent(eager)
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(1000))]

            #[test]
            fn backoff_never_panics_and_stays_under_the_cap(
                policy in any_policy(),
                retry in any::<u32>(),
                unit in prop_oneof![Just(f64::NAN), -1.0f64..2.0, Just(f64::INFINITY)],
            ) {
                let wait = policy.backoff(retry, unit);
                prop_assert!(wait <= policy.max_interval);
            }

            #[test]
            fn a_schedule_never_passes_max_elapsed(policy in any_policy(), seed in any::<u64>()) {
                let waits = policy.schedule(seed);
                prop_assert!(waits.len() < policy.max_attempts.max(1) as usize);
                let total = waits.iter().fold(Duration::ZERO, |a, w| a.saturating_add(*w));
                prop_assert!(total <= policy.max_elapsed);
            }

            #[test]
            fn decisions_respect_the_cap_and_the_elapsed_limit(
                policy in any_policy(),
                status in 100u16..600,
                hint in proptest::option::of(any_duration()),
                attempts in 1u32..30,
                elapsed in any_duration(),
                unit in 0.0f64..1.0,
                post in any::<bool>(),
            ) {
                let method = if post { Method::Post } else { Method::Get };
                if let Some((wait, _)) = policy.decide(method, &status_error(status, hint), attempts, elapsed, unit) {
                    prop_assert!(wait <= policy.max_interval);
                    prop_assert!(elapsed.saturating_add(wait) <= policy.max_elapsed);
                    prop_assert!(attempts < policy.max_attempts);
                    // A POST is repeated only when the server said it did not act.
                    if post && !policy.retry_non_idempotent {
                        prop_assert!(status == 429 || (status == 503 && hint.is_some()));
                    }
                }
            }

            #[test]
            fn retry_after_never_panics_and_digits_always_mean_a_wait(
                value in ".{0,40}",
                digits in "[0-9]{1,40}",
                now in 0u64..(1u64 << 40),
            ) {
                let now = SystemTime::UNIX_EPOCH + Duration::from_secs(now);
                let _ = parse_retry_after(&value, now);
                let wait = parse_retry_after(&digits, now);
                prop_assert!(wait.is_some());
                if let Ok(seconds) = digits.parse::<u64>() {
                    prop_assert_eq!(wait, Some(Duration::from_secs(seconds)));
                }
            }

            #[test]
            fn an_http_date_hint_is_the_time_until_it(ahead in 0u64..10_000_000, base in 0u64..(1u64 << 33)) {
                let now = SystemTime::UNIX_EPOCH + Duration::from_secs(base);
                let date = httpdate::fmt_http_date(now + Duration::from_secs(ahead));
                prop_assert_eq!(parse_retry_after(&date, now), Some(Duration::from_secs(ahead)));
            }
        }
    }
}
