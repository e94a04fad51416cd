//! Codat's rate limits, kept by the client instead of discovered by each call: at most N
//! requests in flight per company (Codat allows 10), and one breaker that holds every call
//! after a 429 with `Retry-After` or an answer saying no requests are left until a reset.
//!
//! The client asks a [`Limiter`] before each attempt and tells it of each answer. The default
//! is [`LocalLimiter`], kept in this process; a limiter shared by many processes implements
//! the same trait.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use fnv::FnvBuildHasher;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::rate_limit::RateLimit;

/// How many requests Codat lets run at once for one company.
pub const CODAT_COMPANY_CONCURRENCY: usize = 10;

/// The future [`Limiter::acquire`] returns.
pub type AcquireFuture<'a> = Pin<Box<dyn Future<Output = Acquired> + Send + 'a>>;

/// What keeps the client within Codat's rate limits; set one with
/// [`CodatBuilder::limiter`](crate::CodatBuilder::limiter).
///
/// Before each attempt the client calls [`acquire`](Self::acquire) and holds the [`Slot`] it
/// gets until the attempt's answer has been read; when it gets [`Acquired::Hold`] it waits
/// that long (or fails with [`Error::RateLimited`](crate::Error::RateLimited) when that is
/// longer than it may wait) and asks again; [`Acquired::Unavailable`] fails the call with
/// [`Error::LimiterUnavailable`](crate::Error::LimiterUnavailable). After each answer it
/// calls [`observe`](Self::observe).
pub trait Limiter: Send + Sync + fmt::Debug + 'static {
    /// A slot for one request (about `ask.company`, or about no company), waiting while all
    /// of that company's slots are taken; or how long nothing may be sent. Dropping the
    /// future gives up the place in line.
    fn acquire<'a>(&'a self, ask: Ask<'a>) -> AcquireFuture<'a>;

    /// Hears of one answer: its status, `Retry-After` and rate-limit headers.
    fn observe(&self, answer: &Observed<'_>);
}

/// How much a call may take of what is left of Codat's daily quota; set per client with
/// [`Codat::with_priority`](crate::Codat::with_priority).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Priority {
    /// Any request left.
    #[default]
    Normal,
    /// Background work: a limiter that keeps a reserve stops these calls once fewer
    /// requests than the reserve are left.
    Low,
}

/// One attempt's request for a slot, as [`Limiter::acquire`] gets it.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Ask<'a> {
    /// The company the request is about (its `company_id` path value), if any.
    pub company: Option<&'a str>,
    /// The calling client's priority.
    pub priority: Priority,
    /// The attempt's timeout: the longest the slot will be held, give or take reading the
    /// answer. A limiter whose slots expire makes them outlast it.
    pub timeout: Duration,
    /// The client's clock.
    pub now: Instant,
}

impl<'a> Ask<'a> {
    /// A request about `company` at `now`, of normal priority, for an attempt of the
    /// client's default timeout; set the rest through the fields.
    pub fn new(company: Option<&'a str>, now: Instant) -> Ask<'a> {
        Ask {
            company,
            priority: Priority::Normal,
            timeout: crate::DEFAULT_TIMEOUT,
            now,
        }
    }
}

/// What [`Limiter::acquire`] decided.
#[derive(Debug)]
pub enum Acquired {
    /// Send now, holding this slot until the answer has been read.
    Slot(Slot),
    /// Send nothing for this long, then ask again.
    Hold(Duration),
    /// The limiter cannot tell (a shared store is unreachable) and was set not to let calls
    /// through without it: the call fails with
    /// [`Error::LimiterUnavailable`](crate::Error::LimiterUnavailable).
    Unavailable(Box<dyn std::error::Error + Send + Sync>),
}

/// A place among a company's requests in flight; given back when dropped.
pub struct Slot(SlotKind);

// The fields are held for their `Drop`: a permit goes back, a guard is released.
enum SlotKind {
    None,
    Local(#[allow(dead_code)] OwnedSemaphorePermit),
    Custom(#[allow(dead_code)] Box<dyn Send + Sync>),
}

impl Slot {
    /// A slot that holds nothing: for a request no limit applies to.
    pub fn unlimited() -> Slot {
        Slot(SlotKind::None)
    }

    /// A slot of a limiter of the application's own; `guard` is dropped when the slot is
    /// given back (a lease to release, say).
    pub fn custom(guard: impl Send + Sync + 'static) -> Slot {
        Slot(SlotKind::Custom(Box::new(guard)))
    }
}

impl fmt::Debug for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            SlotKind::None => f.write_str("Slot(unlimited)"),
            SlotKind::Local(_) => f.write_str("Slot(company)"),
            SlotKind::Custom(_) => f.write_str("Slot(custom)"),
        }
    }
}

/// One answer, as [`Limiter::observe`] hears of it.
#[derive(Debug)]
#[non_exhaustive]
pub struct Observed<'a> {
    /// The company the request was about, if any.
    pub company: Option<&'a str>,
    /// The HTTP status.
    pub status: u16,
    /// The answer's `Retry-After`.
    pub retry_after: Option<Duration>,
    /// The answer's `X-Rate-Limit-*` headers.
    pub rate_limit: Option<&'a RateLimit>,
    /// The client's clock when the answer came.
    pub now: Instant,
}

impl<'a> Observed<'a> {
    /// An answer about `company` with `status`, heard at `now`, with no `Retry-After` or
    /// rate-limit headers; set those through the fields.
    pub fn new(company: Option<&'a str>, status: u16, now: Instant) -> Observed<'a> {
        Observed {
            company,
            status,
            retry_after: None,
            rate_limit: None,
            now,
        }
    }

    /// How long this answer says nothing should be sent: the `Retry-After` of a 429, or the
    /// time to the reset of a window with no requests left; `None` when it says nothing of
    /// the sort.
    pub fn hold(&self) -> Option<Duration> {
        if self.status == 429
            && let Some(wait) = self.retry_after
        {
            return Some(wait);
        }
        let rate = self.rate_limit?;
        // Without a reset time Codat gave, when the window ends is a guess: hold nothing.
        if rate.remaining != Some(0) || rate.reset.is_none() {
            return None;
        }
        let reset = rate.resets_at?;
        reset.duration_since(SystemTime::now()).ok()
    }
}

/// Companies kept before idle ones are swept: enough for most applications' working set, so
/// that a call to a company seen before allocates nothing.
const SWEEP_AT: usize = 1024;

/// The per-company slots.
#[derive(Debug)]
struct Companies {
    per_company: usize,
    map: Mutex<CompanyMap>,
}

#[derive(Debug, Default)]
struct CompanyMap {
    semaphores: HashMap<Box<str>, Arc<Semaphore>, FnvBuildHasher>,
    /// The size at which idle companies are swept next.
    sweep_at: usize,
}

impl Companies {
    /// The semaphore of `company`, made on first use. Adding one to a map of
    /// [`SWEEP_AT`] or more first drops the companies nobody holds or waits for.
    fn semaphore(&self, company: &str) -> Arc<Semaphore> {
        let mut map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(semaphore) = map.semaphores.get(company) {
            return semaphore.clone();
        }
        if map.semaphores.len() >= map.sweep_at.max(SWEEP_AT) {
            // Only the map holds it: every slot is back and nobody waits.
            map.semaphores
                .retain(|_, semaphore| Arc::strong_count(semaphore) > 1);
            // Busy companies stay; sweep again only once as many more have come.
            map.sweep_at = map.semaphores.len().saturating_mul(2);
        }
        let semaphore = Arc::new(Semaphore::new(self.per_company));
        map.semaphores.insert(company.into(), semaphore.clone());
        semaphore
    }

    fn len(&self) -> usize {
        self.map
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .semaphores
            .len()
    }
}

/// The limiter kept in this process: at most `per_company` requests in flight per company,
/// served in the order they asked (a dropped call leaves the line), and one breaker for every
/// call of the client (and its clones).
#[derive(Debug, Clone)]
pub struct LocalLimiter {
    companies: Arc<Companies>,
    /// Nothing is sent before this instant of the client's clock.
    hold_until: Arc<Mutex<Option<Instant>>>,
    /// Whether `hold_until` may be set: most calls see no hold and skip the lock.
    holding: Arc<AtomicBool>,
}

impl LocalLimiter {
    /// At most `per_company` requests in flight per company.
    ///
    /// # Panics
    ///
    /// When `per_company` is 0 or more than [`Semaphore::MAX_PERMITS`].
    pub fn new(per_company: usize) -> LocalLimiter {
        assert!(
            (1..=Semaphore::MAX_PERMITS).contains(&per_company),
            "a company needs at least one request in flight"
        );
        LocalLimiter {
            companies: Arc::new(Companies {
                per_company,
                map: Mutex::new(CompanyMap {
                    semaphores: HashMap::default(),
                    sweep_at: SWEEP_AT,
                }),
            }),
            hold_until: Arc::default(),
            holding: Arc::default(),
        }
    }

    /// The most requests in flight per company.
    pub fn per_company(&self) -> usize {
        self.companies.per_company
    }

    /// How many companies the limiter keeps slots for: those with requests in flight or
    /// waiting, and up to about a thousand idle ones.
    pub fn tracked_companies(&self) -> usize {
        self.companies.len()
    }

    /// How long calls are still held; the clock is read only when a hold was set.
    fn held(&self, now: impl FnOnce() -> Instant) -> Option<Duration> {
        if !self.holding.load(Ordering::Acquire) {
            return None;
        }
        let mut until = self
            .hold_until
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let left = (*until)?
            .checked_duration_since(now())
            .filter(|d| !d.is_zero());
        if left.is_none() {
            // Lifted: later calls skip the lock again.
            *until = None;
            self.holding.store(false, Ordering::Release);
        }
        left
    }
}

impl Default for LocalLimiter {
    /// Codat's limit: 10 requests in flight per company.
    fn default() -> Self {
        LocalLimiter::new(CODAT_COMPANY_CONCURRENCY)
    }
}

impl Limiter for LocalLimiter {
    fn acquire<'a>(&'a self, ask: Ask<'a>) -> AcquireFuture<'a> {
        Box::pin(self.acquire_local(ask.company, move || ask.now))
    }

    fn observe(&self, answer: &Observed<'_>) {
        let Some(hold) = answer.hold().filter(|d| !d.is_zero()) else {
            return;
        };
        // A hold too far away to represent is kept as the furthest one that is.
        let until = answer
            .now
            .checked_add(hold)
            .unwrap_or_else(|| far_future(answer.now));
        let mut current = self
            .hold_until
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if current.is_none_or(|current| current < until) {
            *current = Some(until);
        }
        self.holding.store(true, Ordering::Release);
    }
}

impl LocalLimiter {
    /// [`Limiter::acquire`] without the box, for the client's default; `now` reads the
    /// client's clock.
    pub(crate) async fn acquire_local(
        &self,
        company: Option<&str>,
        now: impl FnOnce() -> Instant,
    ) -> Acquired {
        if let Some(wait) = self.held(now) {
            return Acquired::Hold(wait);
        }
        let Some(company) = company else {
            return Acquired::Slot(Slot::unlimited());
        };
        // Uncontended, a permit is a compare-and-swap; a waiter keeps its place in line.
        let permit = match self.companies.semaphore(company).try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => self
                .companies
                .semaphore(company)
                .acquire_owned()
                .await
                .expect("the semaphore is never closed"),
        };
        Acquired::Slot(Slot(SlotKind::Local(permit)))
    }
}

/// About 30 years after `now`, or `now` itself on a platform that cannot add that.
fn far_future(now: Instant) -> Instant {
    (0..=30)
        .rev()
        .find_map(|years| now.checked_add(Duration::from_secs(years * 365 * 86_400)))
        .unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::{Context, Poll};

    fn poll_once<F: Future>(future: Pin<&mut F>) -> Poll<F::Output> {
        let waker = std::task::Waker::noop();
        future.poll(&mut Context::from_waker(waker))
    }

    fn slot(acquired: Poll<Acquired>) -> Slot {
        match acquired {
            Poll::Ready(Acquired::Slot(slot)) => slot,
            other => panic!("expected a slot, got {other:?}"),
        }
    }

    #[test]
    fn a_company_gets_at_most_its_slots_and_the_next_in_line_gets_the_first_freed() {
        let limiter = LocalLimiter::new(2);
        let now = Instant::now();
        let mut a = Box::pin(limiter.acquire_local(Some("c1"), || now));
        let first = slot(poll_once(a.as_mut()));
        let mut b = Box::pin(limiter.acquire_local(Some("c1"), || now));
        let second = slot(poll_once(b.as_mut()));
        let mut third = Box::pin(limiter.acquire_local(Some("c1"), || now));
        assert!(poll_once(third.as_mut()).is_pending(), "two in flight");
        let mut fourth = Box::pin(limiter.acquire_local(Some("c1"), || now));
        assert!(poll_once(fourth.as_mut()).is_pending());
        // Another company is not held up.
        let mut other = Box::pin(limiter.acquire_local(Some("c2"), || now));
        let other_slot = slot(poll_once(other.as_mut()));
        assert_eq!(limiter.tracked_companies(), 2);
        drop(first);
        // Fair: the third asked first, so it gets the freed slot and the fourth waits.
        assert!(poll_once(fourth.as_mut()).is_pending());
        let third_slot = slot(poll_once(third.as_mut()));
        drop((second, third_slot, other_slot));
        let fourth_slot = slot(poll_once(fourth.as_mut()));
        drop(fourth_slot);
        drop((a, b, third, fourth, other));
    }

    #[test]
    fn a_dropped_waiter_leaves_the_line() {
        let limiter = LocalLimiter::new(1);
        let now = Instant::now();
        let mut a = Box::pin(limiter.acquire_local(Some("c1"), || now));
        let held = slot(poll_once(a.as_mut()));
        let mut b = Box::pin(limiter.acquire_local(Some("c1"), || now));
        assert!(poll_once(b.as_mut()).is_pending());
        let mut c = Box::pin(limiter.acquire_local(Some("c1"), || now));
        assert!(poll_once(c.as_mut()).is_pending());
        drop(b);
        drop(held);
        // The dropped waiter gave its turn to the next.
        let next = slot(poll_once(c.as_mut()));
        drop(next);
        drop((a, c));
    }

    #[test]
    fn idle_companies_are_swept_once_a_thousand_are_kept() {
        let limiter = LocalLimiter::new(1);
        let now = Instant::now();
        // One company stays busy, with a call waiting for it.
        let busy = slot(poll_once(
            Box::pin(limiter.acquire_local(Some("busy"), || now)).as_mut(),
        ));
        let mut waiter = Box::pin(limiter.acquire_local(Some("busy"), || now));
        assert!(poll_once(waiter.as_mut()).is_pending());
        for n in 1..SWEEP_AT {
            let company = format!("c{n}");
            drop(slot(poll_once(
                Box::pin(limiter.acquire_local(Some(&company), || now)).as_mut(),
            )));
        }
        assert_eq!(
            limiter.tracked_companies(),
            SWEEP_AT,
            "idle ones are kept until then"
        );
        // A company seen before is found, not added.
        drop(slot(poll_once(
            Box::pin(limiter.acquire_local(Some("c1"), || now)).as_mut(),
        )));
        assert_eq!(limiter.tracked_companies(), SWEEP_AT);
        // One more sweeps the idle ones; the busy one keeps its slot and its waiter.
        drop(slot(poll_once(
            Box::pin(limiter.acquire_local(Some("new"), || now)).as_mut(),
        )));
        assert_eq!(limiter.tracked_companies(), 2);
        drop(busy);
        drop(slot(poll_once(waiter.as_mut())));
        // The next sweep waits until twice the busy ones have come: here at once.
        drop(slot(poll_once(
            Box::pin(limiter.acquire_local(Some("later"), || now)).as_mut(),
        )));
        assert!(limiter.tracked_companies() <= 3);
    }

    #[test]
    fn calls_about_no_company_are_not_counted() {
        let limiter = LocalLimiter::new(1);
        let now = Instant::now();
        let slots: Vec<Slot> = (0..5)
            .map(|_| {
                slot(poll_once(
                    Box::pin(limiter.acquire_local(None, || now)).as_mut(),
                ))
            })
            .collect();
        assert_eq!(slots.len(), 5);
        assert_eq!(limiter.tracked_companies(), 0);
        assert_eq!(format!("{:?}", slots[0]), "Slot(unlimited)");
    }

    fn observed(status: u16, retry_after: Option<u64>, now: Instant) -> Observed<'static> {
        Observed {
            company: None,
            status,
            retry_after: retry_after.map(Duration::from_secs),
            rate_limit: None,
            now,
        }
    }

    #[test]
    fn a_429_with_retry_after_holds_every_call_until_then() {
        let limiter = LocalLimiter::default();
        let now = Instant::now();
        limiter.observe(&observed(429, Some(2), now));
        for company in [None, Some("c1")] {
            match poll_once(Box::pin(limiter.acquire_local(company, || now)).as_mut()) {
                Poll::Ready(Acquired::Hold(wait)) => assert_eq!(wait, Duration::from_secs(2)),
                other => panic!("{other:?}"),
            }
        }
        let later = now + Duration::from_millis(1500);
        match poll_once(Box::pin(limiter.acquire_local(None, || later)).as_mut()) {
            Poll::Ready(Acquired::Hold(wait)) => assert_eq!(wait, Duration::from_millis(500)),
            other => panic!("{other:?}"),
        }
        // A shorter hint does not shorten the hold; at its end calls go.
        limiter.observe(&observed(429, Some(1), now));
        match poll_once(Box::pin(limiter.acquire_local(None, || later)).as_mut()) {
            Poll::Ready(Acquired::Hold(wait)) => assert_eq!(wait, Duration::from_millis(500)),
            other => panic!("{other:?}"),
        }
        let _ = slot(poll_once(
            Box::pin(limiter.acquire_local(None, || now + Duration::from_secs(2))).as_mut(),
        ));
    }

    #[test]
    fn a_longer_hint_extends_the_hold() {
        let limiter = LocalLimiter::default();
        let now = Instant::now();
        limiter.observe(&observed(429, Some(1), now));
        limiter.observe(&observed(429, Some(3), now));
        let at = now + Duration::from_secs(2);
        let acquired = poll_once(Box::pin(limiter.acquire_local(None, move || at)).as_mut());
        match acquired {
            Poll::Ready(Acquired::Hold(wait)) => assert_eq!(wait, Duration::from_secs(1)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_cap_is_what_was_asked() {
        assert_eq!(LocalLimiter::new(3).per_company(), 3);
        assert_eq!(
            LocalLimiter::default().per_company(),
            CODAT_COMPANY_CONCURRENCY
        );
    }

    #[test]
    fn other_answers_hold_nothing() {
        let limiter = LocalLimiter::default();
        let now = Instant::now();
        for (status, hint) in [(503, Some(5)), (429, None), (200, None), (429, Some(0))] {
            limiter.observe(&observed(status, hint, now));
        }
        let _ = slot(poll_once(
            Box::pin(limiter.acquire_local(None, || now)).as_mut(),
        ));
    }

    #[test]
    fn an_exhausted_window_holds_until_its_reset() {
        let now = Instant::now();
        let rate = |remaining, reset_in: Option<i64>| RateLimit {
            limit: Some(100),
            remaining: Some(remaining),
            reset: reset_in.map(|s| s.to_string()),
            resets_at: reset_in.map(|s| {
                if s >= 0 {
                    SystemTime::now() + Duration::from_secs(s as u64)
                } else {
                    SystemTime::now() - Duration::from_secs(s.unsigned_abs())
                }
            }),
        };
        let hold = |rate: &RateLimit| {
            Observed {
                company: None,
                status: 200,
                retry_after: None,
                rate_limit: Some(rate),
                now,
            }
            .hold()
        };
        let wait = hold(&rate(0, Some(60))).unwrap();
        assert!(
            wait > Duration::from_secs(58) && wait <= Duration::from_secs(60),
            "{wait:?}"
        );
        assert_eq!(hold(&rate(1, Some(60))), None);
        assert_eq!(
            hold(&rate(0, Some(-5))),
            None,
            "a reset in the past holds nothing"
        );
        assert_eq!(hold(&rate(0, None)), None);
        // A reset time this client guessed (the next midnight) is not Codat's word.
        let guessed = RateLimit {
            reset: None,
            ..rate(0, Some(60))
        };
        assert_eq!(hold(&guessed), None);
        // A 429's own hint wins over the headers.
        let with_hint = Observed {
            company: None,
            status: 429,
            retry_after: Some(Duration::from_secs(3)),
            rate_limit: Some(&rate(0, Some(60))),
            now,
        };
        assert_eq!(with_hint.hold(), Some(Duration::from_secs(3)));
    }

    #[test]
    fn a_hold_too_long_to_represent_is_kept_as_far_as_possible() {
        let limiter = LocalLimiter::default();
        let now = Instant::now();
        limiter.observe(&Observed {
            retry_after: Some(Duration::MAX),
            ..observed(429, None, now)
        });
        match poll_once(Box::pin(limiter.acquire_local(None, || now)).as_mut()) {
            Poll::Ready(Acquired::Hold(wait)) => assert!(wait > Duration::from_secs(86_400)),
            other => panic!("{other:?}"),
        }
        assert!(far_future(now) >= now + Duration::from_secs(29 * 365 * 86_400));
    }

    #[test]
    #[should_panic(expected = "at least one request")]
    fn zero_slots_are_refused() {
        let _ = LocalLimiter::new(0);
    }

    #[test]
    fn custom_slots_drop_their_guard() {
        let dropped = Arc::new(());
        let slot = Slot::custom(dropped.clone());
        assert_eq!(Arc::strong_count(&dropped), 2);
        assert_eq!(format!("{slot:?}"), "Slot(custom)");
        drop(slot);
        assert_eq!(Arc::strong_count(&dropped), 1);
    }
}
