//! Which deliveries were handled already. Codat delivers each message at least once and
//! retries it, with the same `webhook-id`, for about 28 hours; a receiver drops repeats by
//! that id. [`Webhook::verify_once`](super::Webhook::verify_once) asks a [`SeenStore`]:
//! [`MemorySeen`] by default, kept in this process; receivers running as several replicas
//! share one store (over Redis, say) by implementing the trait.

use std::collections::HashMap;
use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long ids are kept unless set otherwise: longer than Codat's retry window of about
/// 28 hours, so that no retry of a handled delivery is handled again.
pub const SEEN_TTL: Duration = Duration::from_secs(30 * 3600);

/// The future a [`SeenStore`] returns.
pub type SeenFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, SeenError>> + Send + 'a>>;

/// Where the ids of handled deliveries are kept; set one with
/// [`Webhook::seen_store`](super::Webhook::seen_store).
pub trait SeenStore: Send + Sync + fmt::Debug + 'static {
    /// Records `id` for `ttl`: `Ok(true)` when it was not recorded already (the first
    /// delivery), `Ok(false)` for a repeat. Must be atomic across everyone sharing the store:
    /// of two deliveries of one id at once, exactly one is the first.
    fn first_sighting<'a>(&'a self, id: &'a str, ttl: Duration) -> SeenFuture<'a, bool>;

    /// Forgets `id`, so that Codat's next try of that delivery is handled: for a receiver
    /// whose handling failed after the id was recorded.
    fn forget<'a>(&'a self, id: &'a str) -> SeenFuture<'a, ()>;
}

/// A [`SeenStore`] could not be reached or answered nonsense. Its message never holds a
/// secret: a store's own errors must not carry passwords either.
#[derive(Debug)]
pub struct SeenError {
    source: Box<dyn Error + Send + Sync>,
}

impl SeenError {
    /// Wraps the store's own error (or a message, as `&str` or `String`).
    pub fn new(source: impl Into<Box<dyn Error + Send + Sync>>) -> SeenError {
        SeenError {
            source: source.into(),
        }
    }
}

impl fmt::Display for SeenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the store of seen webhook ids failed: {}", self.source)
    }
}

impl Error for SeenError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&*self.source)
    }
}

/// The smallest map that is swept: below it, expired ids cost less than sweeping.
const MIN_SWEEP: usize = 1024;

/// The in-process [`SeenStore`]: each id with the instant it expires. Expired ids are swept
/// whenever the map has doubled since the last sweep, so that memory stays within about
/// twice the ids of the last TTL. Clones share the map.
#[derive(Clone, Default)]
pub struct MemorySeen {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Default)]
struct Inner {
    expiries: HashMap<String, Instant>,
    /// The size at which the next sweep happens.
    sweep_at: usize,
}

impl MemorySeen {
    /// An empty store.
    pub fn new() -> MemorySeen {
        MemorySeen::default()
    }

    /// How many ids are held, counting expired ones not swept yet.
    pub fn len(&self) -> usize {
        self.lock().expiries.len()
    }

    /// Whether no id is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // Each operation leaves the map whole, even one that panicked mid-way.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// [`first_sighting`](SeenStore::first_sighting) as of `now`.
    fn first_sighting_at(&self, id: &str, ttl: Duration, now: Instant) -> bool {
        let mut inner = self.lock();
        if inner.expiries.len() >= inner.sweep_at.max(MIN_SWEEP) {
            inner.expiries.retain(|_, expiry| *expiry > now);
            inner.sweep_at = inner.expiries.len() * 2;
        }
        let expiry = expiry(now, ttl);
        match inner.expiries.get_mut(id) {
            Some(kept) if *kept > now => false,
            Some(kept) => {
                *kept = expiry;
                true
            }
            None => {
                inner.expiries.insert(id.to_owned(), expiry);
                true
            }
        }
    }
}

/// `now + ttl`, or the latest instant the platform can hold when that is further.
fn expiry(now: Instant, ttl: Duration) -> Instant {
    if let Some(expiry) = now.checked_add(ttl) {
        return expiry;
    }
    // Adds the largest steps that still fit, halving each time one does not: after each
    // step size, what is left to the limit is less than that size, so this ends exactly at
    // the limit, in a few hundred steps at most. Every step that fits stays below `now +
    // ttl`, which is past the limit.
    let (mut at, mut step) = (now, ttl);
    while !step.is_zero() {
        match at.checked_add(step) {
            Some(next) => at = next,
            None => step /= 2,
        }
    }
    at
}

impl SeenStore for MemorySeen {
    fn first_sighting<'a>(&'a self, id: &'a str, ttl: Duration) -> SeenFuture<'a, bool> {
        Box::pin(async move { Ok(self.first_sighting_at(id, ttl, Instant::now())) })
    }

    fn forget<'a>(&'a self, id: &'a str) -> SeenFuture<'a, ()> {
        Box::pin(async move {
            self.lock().expiries.remove(id);
            Ok(())
        })
    }
}

impl fmt::Debug for MemorySeen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // try_lock: Debug may be called by whoever holds the lock.
        let mut debug = f.debug_struct("MemorySeen");
        match self.inner.try_lock() {
            Ok(inner) => debug.field("len", &inner.expiries.len()),
            Err(_) => debug.field("len", &format_args!("<locked>")),
        };
        debug.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::Barrier;

    const HOUR: Duration = Duration::from_secs(3600);

    #[test]
    fn the_first_sighting_is_true_and_repeats_false() {
        let seen = MemorySeen::new();
        let now = Instant::now();
        assert!(seen.first_sighting_at("msg_1", HOUR, now));
        assert!(!seen.first_sighting_at("msg_1", HOUR, now));
        assert!(!seen.first_sighting_at("msg_1", HOUR, now + HOUR / 2));
        assert!(seen.first_sighting_at("msg_2", HOUR, now));
        // Ids are compared exactly.
        assert!(seen.first_sighting_at("MSG_1", HOUR, now));
        assert!(seen.first_sighting_at("msg_1 ", HOUR, now));
        assert_eq!(seen.len(), 4);
    }

    #[test]
    fn an_id_expires_after_its_ttl_and_is_then_kept_again() {
        let seen = MemorySeen::new();
        let now = Instant::now();
        let ttl = Duration::from_secs(10);
        assert!(seen.first_sighting_at("msg", ttl, now));
        let just_before = now + ttl - Duration::from_nanos(1);
        assert!(!seen.first_sighting_at("msg", ttl, just_before));
        // A repeat does not extend the expiry: the first sighting set it.
        assert!(seen.first_sighting_at("msg", ttl, now + ttl));
        // Recorded again from then, for a whole ttl.
        assert!(!seen.first_sighting_at("msg", ttl, now + ttl * 2 - Duration::from_nanos(1)));
        assert!(seen.first_sighting_at("msg", ttl, now + ttl * 2));
        // A zero ttl keeps nothing.
        assert!(seen.first_sighting_at("zero", Duration::ZERO, now));
        assert!(seen.first_sighting_at("zero", Duration::ZERO, now));
        assert_eq!(seen.len(), 2);
    }

    #[tokio::test]
    async fn a_forgotten_id_is_a_first_sighting_again_and_forgetting_an_unknown_one_is_fine() {
        let seen = MemorySeen::new();
        assert!(seen.first_sighting("msg", HOUR).await.unwrap());
        assert!(!seen.first_sighting("msg", HOUR).await.unwrap());
        seen.forget("msg").await.unwrap();
        assert!(seen.is_empty());
        assert!(seen.first_sighting("msg", HOUR).await.unwrap());
        assert!(!seen.first_sighting("msg", HOUR).await.unwrap());
        seen.forget("never seen").await.unwrap();
        assert_eq!(seen.len(), 1);
    }

    #[test]
    fn clones_share_the_map_and_new_stores_do_not() {
        let seen = MemorySeen::new();
        let clone = seen.clone();
        let now = Instant::now();
        assert!(seen.is_empty() && clone.is_empty());
        assert!(seen.first_sighting_at("msg", HOUR, now));
        assert!(!clone.is_empty());
        assert!(!clone.first_sighting_at("msg", HOUR, now));
        assert!(MemorySeen::new().first_sighting_at("msg", HOUR, now));
        assert_eq!(format!("{clone:?}"), "MemorySeen { len: 1 }");
    }

    #[test]
    fn sweeps_keep_the_map_within_twice_the_ids_of_the_last_ttl() {
        let seen = MemorySeen::new();
        let start = Instant::now();
        let ttl = Duration::from_secs(1);
        // One id a millisecond: 1000 alive at any time, 20,000 in all.
        let mut largest = 0;
        for i in 0..20_000u64 {
            let now = start + Duration::from_millis(i);
            assert!(seen.first_sighting_at(&format!("msg_{i}"), ttl, now));
            largest = largest.max(seen.len());
        }
        assert!(largest <= 2 * 1000 + 1, "{largest}");
        assert!(
            largest > 1000,
            "expired ids are kept until a sweep: {largest}"
        );
        // Nothing alive after a quiet spell: the next sweep removes every old id.
        let later = start + Duration::from_secs(60);
        let late = seen.len() + 1;
        for i in 0..late {
            assert!(seen.first_sighting_at(&format!("late_{i}"), ttl, later));
        }
        assert_eq!(seen.len(), late);
    }

    #[test]
    fn a_sweep_drops_ids_expiring_that_instant_and_the_next_waits_for_the_map_to_double() {
        let seen = MemorySeen::new();
        let now = Instant::now();
        let short = Duration::from_secs(1);
        for i in 0..MIN_SWEEP {
            assert!(seen.first_sighting_at(&format!("short_{i}"), short, now));
        }
        // The sweep at 1024 ids runs at the instant they all expire: none is kept.
        assert!(seen.first_sighting_at("next", HOUR, now + short));
        assert_eq!(seen.len(), 1);
        // Alive ids fill the map to the next sweep, which keeps them all (and then waits
        // for twice as many).
        for i in 0..MIN_SWEEP - 1 {
            assert!(seen.first_sighting_at(&format!("alive_{i}"), HOUR, now + short));
        }
        assert_eq!(seen.len(), MIN_SWEEP);
        assert!(seen.first_sighting_at("sweeps", HOUR, now + short));
        assert_eq!(seen.len(), MIN_SWEEP + 1);
        for i in 0..500 {
            assert!(seen.first_sighting_at(&format!("brief_{i}"), Duration::ZERO, now + short));
        }
        // 1525 ids, 500 of them expired: below 2048, so no sweep yet.
        assert!(seen.first_sighting_at("later", HOUR, now + 2 * short));
        assert_eq!(seen.len(), MIN_SWEEP + 502);
    }

    #[test]
    fn a_sweep_keeps_every_id_still_alive() {
        let seen = MemorySeen::new();
        let now = Instant::now();
        for i in 0..3 * MIN_SWEEP {
            assert!(seen.first_sighting_at(&i.to_string(), HOUR, now));
        }
        // Sweeps happened on the way (at 1024 and 2048 ids) and removed nothing alive.
        for i in 0..3 * MIN_SWEEP {
            assert!(
                !seen.first_sighting_at(&i.to_string(), HOUR, now + HOUR / 2),
                "{i}"
            );
        }
        assert_eq!(seen.len(), 3 * MIN_SWEEP);
    }

    #[test]
    fn of_threads_racing_on_the_same_ids_exactly_one_sees_each_first() {
        const THREADS: usize = 8;
        const IDS: usize = 2000;
        let seen = MemorySeen::new();
        let barrier = Barrier::new(THREADS);
        let now = Instant::now();
        let firsts: Vec<Vec<bool>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..THREADS)
                .map(|_| {
                    scope.spawn(|| {
                        barrier.wait();
                        (0..IDS)
                            .map(|i| seen.first_sighting_at(&format!("msg_{i}"), HOUR, now))
                            .collect::<Vec<bool>>()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for i in 0..IDS {
            let count = firsts.iter().filter(|thread| thread[i]).count();
            assert_eq!(count, 1, "msg_{i}");
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn of_tasks_racing_on_one_id_exactly_one_sees_it_first() {
        let seen = MemorySeen::new();
        let tasks: Vec<_> = (0..64)
            .map(|_| {
                let seen = seen.clone();
                tokio::spawn(async move { seen.first_sighting("msg", HOUR).await.unwrap() })
            })
            .collect();
        let mut firsts = 0;
        for task in tasks {
            firsts += usize::from(task.await.unwrap());
        }
        assert_eq!(firsts, 1);
    }

    #[test]
    fn an_expiry_past_what_the_clock_holds_is_the_latest_instant_it_holds() {
        let now = Instant::now();
        for ttl in [
            Duration::MAX,
            Duration::new(u64::MAX, 0),
            Duration::new(1 << 63, 7),
        ] {
            let at = expiry(now, ttl);
            assert!(at > now + Duration::from_secs(100 * 365 * 86_400));
            assert!(at.checked_add(Duration::from_nanos(1)).is_none(), "{ttl:?}");
        }
    }

    #[test]
    fn errors_say_what_failed_and_keep_their_source() {
        let error = SeenError::new("connection refused");
        assert_eq!(
            error.to_string(),
            "the store of seen webhook ids failed: connection refused"
        );
        assert_eq!(error.source().unwrap().to_string(), "connection refused");
        let io = std::io::Error::new(std::io::ErrorKind::TimedOut, "timed out");
        assert!(SeenError::new(io)
            .source()
            .unwrap()
            .downcast_ref::<std::io::Error>()
            .is_some());
    }

    fn ttls() -> impl Strategy<Value = Duration> {
        prop_oneof![
            Just(Duration::ZERO),
            Just(Duration::MAX),
            Just(SEEN_TTL),
            (0u64..100_000, 0u32..1_000_000_000).prop_map(|(s, n)| Duration::new(s, n)),
            (any::<u64>(), 0u32..1_000_000_000).prop_map(|(s, n)| Duration::new(s, n)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn an_id_is_a_repeat_exactly_until_its_ttl_has_passed(
            ttl in ttls(),
            // Up to about 30,000 years later: far short of what an Instant holds.
            elapsed in prop_oneof![
                (0u64..200_000).prop_map(Duration::from_millis),
                (0u64..1_000_000_000_000).prop_map(Duration::from_secs),
            ],
            id in ".{0,40}",
        ) {
            let seen = MemorySeen::new();
            let now = Instant::now();
            prop_assert!(seen.first_sighting_at(&id, ttl, now));
            let later = now + elapsed;
            let again = seen.first_sighting_at(&id, ttl, later);
            match now.checked_add(ttl) {
                Some(expiry) => prop_assert_eq!(again, later >= expiry),
                // Kept as long as the clock can tell.
                None => prop_assert!(!again),
            }
        }
    }
}
