//! The numbers sent to and read from Redis: durations and times as whole milliseconds,
//! bounded so that Lua's doubles hold them exactly and nothing overflows on either side.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The largest integer a double holds exactly (2^53 - 1): every number a script adds to or
/// compares with stays below it.
pub(crate) const MAX_EXACT: u64 = (1 << 53) - 1;

/// The longest lease: a slot held for a day is a worker stuck, not a request.
pub(crate) const MAX_LEASE: Duration = Duration::from_secs(86_400);

/// The longest hold kept in Redis. Calls held for longer fail at once anyway
/// ([`codat_client::Error::RateLimited`]); each worker keeps the full hold itself.
pub(crate) const MAX_HOLD: Duration = Duration::from_secs(7 * 86_400);

/// `d` in whole milliseconds, rounded up (a hold of 0.4 ms is still a hold), at most `cap`.
pub(crate) fn millis_up(d: Duration, cap: Duration) -> u64 {
    let d = d.min(cap);
    let whole = d.as_millis();
    let ms = if d.subsec_nanos().is_multiple_of(1_000_000) {
        whole
    } else {
        whole + 1
    };
    u64::try_from(ms).unwrap_or(u64::MAX).min(MAX_EXACT)
}

/// How long a lease lasts: the attempt's timeout and a margin (reading the answer, a slow
/// worker), between 1 ms and [`MAX_LEASE`].
pub(crate) fn lease_ms(timeout: Duration, margin: Duration) -> u64 {
    millis_up(timeout.saturating_add(margin), MAX_LEASE).max(1)
}

/// A hold as sent to Redis: `None` for none at all, else between 1 ms and [`MAX_HOLD`].
pub(crate) fn hold_ms(hold: Duration) -> Option<u64> {
    if hold.is_zero() {
        return None;
    }
    Some(millis_up(hold, MAX_HOLD).max(1))
}

/// A time as Unix milliseconds, `None` before 1970; times past [`MAX_EXACT`] ms (the year
/// 287,396) are kept as that.
pub(crate) fn unix_ms(at: SystemTime) -> Option<u64> {
    let since = at.duration_since(UNIX_EPOCH).ok()?;
    Some(u64::try_from(since.as_millis()).map_or(MAX_EXACT, |ms| ms.min(MAX_EXACT)))
}

/// A count of requests as sent to Redis.
pub(crate) fn count(n: u64) -> u64 {
    n.min(MAX_EXACT)
}

/// A hold of `ms` read back from Redis, with up to `jitter` more so that workers held
/// together do not all come back in the same millisecond. `unit` is uniform in [0, 1).
pub(crate) fn jittered(ms: u64, jitter: Duration, unit: f64) -> Duration {
    let base = Duration::from_millis(ms);
    let unit = if unit.is_finite() {
        unit.clamp(0.0, 1.0)
    } else {
        0.0
    };
    // Rounding may not carry the product past the bound.
    let extra = jitter.min(MAX_HOLD).mul_f64(unit).min(jitter);
    base.saturating_add(extra)
}

/// How long a waiter at `rank` in a company's line sleeps before asking again when no
/// release wakes it: those near the front soon, the rest up to `longest`. `unit` in [0, 1)
/// spreads waiters of the same rank.
pub(crate) fn poll_after(rank: u64, per_company: usize, longest: Duration, unit: f64) -> Duration {
    const SHORTEST: Duration = Duration::from_millis(10);
    let per = u64::try_from(per_company.max(1)).unwrap_or(u64::MAX);
    let steps = u32::try_from(rank / per)
        .unwrap_or(u32::MAX)
        .saturating_add(1);
    let base = SHORTEST.saturating_mul(steps).min(longest.max(SHORTEST));
    let unit = if unit.is_finite() {
        unit.clamp(0.0, 1.0)
    } else {
        0.0
    };
    // Between 75 % and 125 % of the base.
    base.mul_f64(0.75 + unit / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_exact_range_ends_where_doubles_stop_holding_every_integer() {
        assert_eq!(MAX_EXACT as f64 as u64, MAX_EXACT);
        assert_eq!((MAX_EXACT - 1) as f64 as u64, MAX_EXACT - 1);
        assert_ne!((MAX_EXACT + 2) as f64 as u64, MAX_EXACT + 2);
    }

    #[test]
    fn milliseconds_round_up_and_stop_at_the_cap() {
        assert_eq!(millis_up(Duration::from_micros(400), MAX_HOLD), 1);
        assert_eq!(millis_up(Duration::from_millis(5), MAX_HOLD), 5);
        assert_eq!(millis_up(Duration::from_nanos(5_000_001), MAX_HOLD), 6);
        assert_eq!(millis_up(Duration::MAX, MAX_HOLD), 7 * 86_400_000);
        assert_eq!(millis_up(Duration::MAX, Duration::MAX), MAX_EXACT);
    }

    #[test]
    fn a_lease_outlasts_the_attempt_by_the_margin() {
        assert_eq!(
            lease_ms(Duration::from_secs(60), Duration::from_secs(5)),
            65_000
        );
        assert_eq!(lease_ms(Duration::ZERO, Duration::ZERO), 1);
        assert_eq!(
            lease_ms(Duration::MAX, Duration::MAX),
            MAX_LEASE.as_millis() as u64
        );
    }

    #[test]
    fn holds_of_nothing_are_none_and_huge_ones_a_week() {
        assert_eq!(hold_ms(Duration::ZERO), None);
        assert_eq!(hold_ms(Duration::from_nanos(1)), Some(1));
        assert_eq!(hold_ms(Duration::from_secs(2)), Some(2_000));
        assert_eq!(hold_ms(Duration::MAX), Some(MAX_HOLD.as_millis() as u64));
    }

    #[test]
    fn times_before_1970_have_no_unix_milliseconds() {
        assert_eq!(unix_ms(UNIX_EPOCH), Some(0));
        assert_eq!(
            unix_ms(UNIX_EPOCH + Duration::from_millis(1_500)),
            Some(1_500)
        );
        if let Some(before) = UNIX_EPOCH.checked_sub(Duration::from_secs(1)) {
            assert_eq!(unix_ms(before), None);
        }
        if let Some(far) = UNIX_EPOCH.checked_add(Duration::from_secs(u64::MAX / 4)) {
            assert_eq!(unix_ms(far), Some(MAX_EXACT));
        }
    }

    #[test]
    fn jitter_adds_up_to_its_bound() {
        let jitter = Duration::from_millis(200);
        assert_eq!(jittered(1_000, jitter, 0.0), Duration::from_millis(1_000));
        assert_eq!(jittered(1_000, jitter, 0.5), Duration::from_millis(1_100));
        assert_eq!(
            jittered(1_000, jitter, f64::NAN),
            Duration::from_millis(1_000)
        );
        assert_eq!(jittered(1_000, jitter, 7.0), Duration::from_millis(1_200));
    }

    #[test]
    fn the_front_of_the_line_asks_soonest() {
        let longest = Duration::from_millis(200);
        assert_eq!(poll_after(0, 10, longest, 0.5), Duration::from_millis(10));
        assert_eq!(poll_after(9, 10, longest, 0.5), Duration::from_millis(10));
        assert_eq!(poll_after(10, 10, longest, 0.5), Duration::from_millis(20));
        assert_eq!(poll_after(10_000, 10, longest, 0.5), longest);
        assert_eq!(
            poll_after(0, 10, longest, 0.0),
            Duration::from_micros(7_500)
        );
        assert_eq!(
            poll_after(0, 10, longest, 1.0),
            Duration::from_micros(12_500)
        );
    }

    proptest! {
        #[test]
        fn no_duration_overflows_or_leaves_the_exact_range(
            secs in any::<u64>(), nanos in 0u32..1_000_000_000, margin in any::<u64>(),
        ) {
            let d = Duration::new(secs, nanos);
            let lease = lease_ms(d, Duration::from_secs(margin));
            prop_assert!((1..=MAX_LEASE.as_millis() as u64).contains(&lease));
            match hold_ms(d) {
                None => prop_assert!(d.is_zero()),
                Some(ms) => {
                    prop_assert!((1..=MAX_HOLD.as_millis() as u64).contains(&ms));
                    // Never shorter than asked, up to the cap.
                    prop_assert!(Duration::from_millis(ms) >= d.min(MAX_HOLD));
                }
            }
            prop_assert!(millis_up(d, Duration::MAX) <= MAX_EXACT);
        }

        #[test]
        fn any_clock_value_is_read_without_panic(secs in any::<u64>(), nanos in 0u32..1_000_000_000) {
            if let Some(at) = UNIX_EPOCH.checked_add(Duration::new(secs, nanos)) {
                let ms = unix_ms(at).unwrap();
                prop_assert!(ms <= MAX_EXACT);
            }
            prop_assert!(count(secs) <= MAX_EXACT);
        }

        #[test]
        fn jitter_and_polls_stay_within_their_bounds(
            ms in any::<u64>(), jitter_ms in any::<u64>(), unit in any::<f64>(),
            rank in any::<u64>(), per in any::<usize>(), longest_ms in 0u64..1_000_000,
        ) {
            let jitter = Duration::from_millis(jitter_ms);
            let held = jittered(ms, jitter, unit);
            prop_assert!(held >= Duration::from_millis(ms));
            prop_assert!(held <= Duration::from_millis(ms).saturating_add(jitter));
            let longest = Duration::from_millis(longest_ms);
            let poll = poll_after(rank, per, longest, unit);
            prop_assert!(poll <= longest.max(Duration::from_millis(10)).mul_f64(1.25));
            prop_assert!(poll >= Duration::from_micros(7_500));
        }
    }
}
