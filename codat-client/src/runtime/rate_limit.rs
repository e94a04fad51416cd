//! Codat's rate-limit headers, kept per response and as the last seen by a client.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

// Built once: a name from `&str` is parsed on every use.
static LIMIT: HeaderName = HeaderName::from_static("x-rate-limit-limit");
static REMAINING: HeaderName = HeaderName::from_static("x-rate-limit-remaining");
static RESET: HeaderName = HeaderName::from_static("x-rate-limit-reset");

/// The rate-limit headers of one response: `X-Rate-Limit-Limit`, `-Remaining` and `-Reset`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// Requests allowed in the current window.
    pub limit: Option<u64>,
    /// Requests left in the current window.
    pub remaining: Option<u64>,
    /// When the window resets, as Codat sent it.
    pub reset: Option<String>,
    /// When the window resets: [`reset`](Self::reset) read as a time (RFC 3339, an HTTP
    /// date, Unix seconds, or seconds from the response when below 10^9), else the first
    /// 00:00 UTC after the response, when Codat's daily quota resets. `None` only for a
    /// reading not made from headers.
    pub resets_at: Option<SystemTime>,
}

impl RateLimit {
    /// Reads the headers; `None` when the response has none of them.
    pub fn from_headers(headers: &HeaderMap) -> Option<RateLimit> {
        RateLimit::from_headers_at(headers, SystemTime::now)
    }

    /// Whether this reading says no requests are left in a window that has not reset yet.
    /// A reading of none left stops counting once its window's reset time has passed, even
    /// when no later response has brought new headers.
    pub fn is_exhausted(&self) -> bool {
        self.is_exhausted_at(SystemTime::now())
    }

    fn is_exhausted_at(&self, now: SystemTime) -> bool {
        self.remaining == Some(0) && self.resets_at.is_none_or(|reset| now < reset)
    }

    /// [`from_headers`](Self::from_headers) for a response received at `received()`, which
    /// is only asked when there is a reading.
    fn from_headers_at(
        headers: &HeaderMap,
        received: impl FnOnce() -> SystemTime,
    ) -> Option<RateLimit> {
        // One pass comparing names: cheaper than hashing three names on every response, most
        // of which carry none of them. The first value of a repeated header counts.
        let (mut limit, mut remaining, mut reset) = (None, None, None);
        for (name, value) in headers {
            let slot = if *name == LIMIT {
                &mut limit
            } else if *name == REMAINING {
                &mut remaining
            } else if *name == RESET {
                &mut reset
            } else {
                continue;
            };
            if slot.is_none() {
                *slot = Some(value);
            }
        }
        fn text(value: Option<&HeaderValue>) -> Option<&str> {
            value?.to_str().ok().map(str::trim)
        }
        let number = |value| text(value).and_then(|v| v.parse().ok());
        let mut rate = RateLimit {
            limit: number(limit),
            remaining: number(remaining),
            reset: text(reset).map(str::to_owned),
            resets_at: None,
        };
        if rate == RateLimit::default() {
            return None;
        }
        let received = received();
        let reset = rate.reset.as_deref().and_then(|r| reset_time(r, received));
        rate.resets_at = Some(reset.unwrap_or_else(|| next_midnight(received)));
        Some(rate)
    }
}

/// Seconds counts below this are seconds from the response, not since 1970 (10^9 s after
/// 1970 was in 2001).
const UNIX_SECONDS_FROM: u64 = 1_000_000_000;

/// A reset time as Codat may send it: Unix seconds (or seconds from `received`), an HTTP
/// date, or an RFC 3339 date and time.
fn reset_time(text: &str, received: SystemTime) -> Option<SystemTime> {
    if let Ok(seconds) = text.parse::<u64>() {
        let from = if seconds < UNIX_SECONDS_FROM {
            received
        } else {
            UNIX_EPOCH
        };
        return from.checked_add(Duration::from_secs(seconds));
    }
    httpdate::parse_http_date(text)
        .ok()
        .or_else(|| rfc3339(text))
}

/// `2026-11-24T13:00:00Z`: a date and a time, its fraction of a second dropped, in UTC
/// (`Z`, or no zone) or at an offset (`+01:00`). Fields out of range make some other time,
/// never a panic.
fn rfc3339(text: &str) -> Option<SystemTime> {
    let (date, time) = text.split_once(['T', 't', ' '])?;
    let mut date = date.splitn(3, '-');
    let year: u16 = date.next()?.parse().ok()?;
    let month: u8 = date.next()?.parse().ok()?;
    let day: u8 = date.next()?.parse().ok()?;
    let (clock, offset) = match time.find(['Z', 'z', '+', '-']) {
        Some(at) => (&time[..at], zone_offset(&time[at..])?),
        None => (time, 0),
    };
    let mut clock = clock.splitn(3, ':');
    let hour: u8 = clock.next()?.parse().ok()?;
    let minute: u8 = clock.next()?.parse().ok()?;
    let second: u8 = clock.next()?.split('.').next()?.parse().ok()?;
    let days = days_from_civil(i64::from(year), i64::from(month), i64::from(day));
    let seconds =
        days * 86_400 + i64::from(hour) * 3_600 + i64::from(minute) * 60 + i64::from(second)
            - offset;
    UNIX_EPOCH.checked_add(Duration::from_secs(u64::try_from(seconds).ok()?))
}

/// The seconds east of UTC of `Z` or `±hh:mm`.
fn zone_offset(zone: &str) -> Option<i64> {
    let (sign, rest) = zone.split_at_checked(1)?;
    if rest.is_empty() {
        return matches!(sign, "Z" | "z").then_some(0);
    }
    let (hours, minutes) = rest.split_once(':')?;
    let east =
        i64::from(hours.parse::<u8>().ok()?) * 3_600 + i64::from(minutes.parse::<u8>().ok()?) * 60;
    match sign {
        "+" => Some(east),
        "-" => Some(-east),
        _ => None,
    }
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`), for years from 1970 on; earlier years give a negative count.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    // Years that start in March, so that a leap day is the last of its year.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The first 00:00 UTC after `time`.
fn next_midnight(time: SystemTime) -> SystemTime {
    let seconds = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    UNIX_EPOCH + Duration::from_secs((seconds / 86_400 + 1) * 86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_present_headers_and_ignores_absent_ones() {
        let mut headers = HeaderMap::new();
        assert_eq!(RateLimit::from_headers(&headers), None);
        headers.insert("X-Rate-Limit-Limit", "1000".parse().unwrap());
        headers.insert("x-rate-limit-remaining", " 7 ".parse().unwrap());
        headers.insert(
            "X-Rate-Limit-Reset",
            "2026-11-24T13:00:00Z".parse().unwrap(),
        );
        let rate = RateLimit::from_headers(&headers).unwrap();
        assert_eq!(rate.limit, Some(1000));
        assert_eq!(rate.remaining, Some(7));
        assert_eq!(rate.reset.as_deref(), Some("2026-11-24T13:00:00Z"));
    }

    #[test]
    fn each_header_alone_counts_among_others_and_the_first_of_a_repeat_wins() {
        let received = at("2026-11-24T12:00:00Z");
        let mut headers = HeaderMap::new();
        headers.insert("content-type", "application/json".parse().unwrap());
        headers.insert("x-rate-limit", "5".parse().unwrap());
        // No reading: the clock is not read.
        let none = RateLimit::from_headers_at(&headers, || panic!("the clock was read"));
        assert_eq!(none, None);
        for (name, expected) in [
            (&LIMIT, (Some(10), None, None)),
            (&REMAINING, (None, Some(10), None)),
            (&RESET, (None, None, Some("10"))),
        ] {
            let mut one = headers.clone();
            one.append(name.clone(), "10".parse().unwrap());
            one.append(name.clone(), "99".parse().unwrap());
            one.insert("x-correlation-id", "abc".parse().unwrap());
            let rate = RateLimit::from_headers_at(&one, || received).unwrap();
            assert_eq!(
                (rate.limit, rate.remaining, rate.reset.as_deref()),
                expected,
                "{name}"
            );
            assert!(rate.resets_at.is_some());
        }
    }

    /// `2026-11-24T12:00:00Z` and so on, as seconds after 1970.
    fn at(text: &str) -> SystemTime {
        rfc3339(text).unwrap()
    }

    fn reading(remaining: &str, reset: Option<&str>, received: SystemTime) -> RateLimit {
        let mut headers = HeaderMap::new();
        headers.insert(REMAINING.clone(), remaining.parse().unwrap());
        if let Some(reset) = reset {
            headers.insert(RESET.clone(), reset.parse().unwrap());
        }
        RateLimit::from_headers_at(&headers, || received).unwrap()
    }

    #[test]
    fn none_left_counts_until_the_reset_and_no_longer() {
        let received = at("2026-11-24T12:00:00Z");
        let reset = at("2026-11-24T13:00:00Z");
        let rate = reading("0", Some("2026-11-24T13:00:00Z"), received);
        assert_eq!(rate.resets_at, Some(reset));
        assert!(rate.is_exhausted_at(received));
        assert!(rate.is_exhausted_at(reset - Duration::from_secs(1)));
        assert!(!rate.is_exhausted_at(reset));
        assert!(!rate.is_exhausted_at(reset + Duration::from_secs(3600)));
        // Requests left: never exhausted.
        assert!(!reading("1", Some("2026-11-24T13:00:00Z"), received).is_exhausted_at(received));
        // A reset already past when the response came: not exhausted (in real time either).
        let stale = reading("0", Some("2015-01-01T00:00:00Z"), SystemTime::now());
        assert!(!stale.is_exhausted());
        let fresh = reading("0", Some("2999-01-01T00:00:00Z"), SystemTime::now());
        assert!(fresh.is_exhausted());
        // A reading made by hand, with no reset time: none left counts.
        let by_hand = RateLimit {
            remaining: Some(0),
            ..RateLimit::default()
        };
        assert!(by_hand.is_exhausted_at(received));
    }

    #[test]
    fn without_a_reset_time_the_window_ends_at_the_next_midnight_utc() {
        let received = at("2026-11-24T12:34:56Z");
        let midnight = at("2026-11-25T00:00:00Z");
        for reset in [
            None,
            Some("soon"),
            Some("2026-11-24"),
            Some("2026-11-24T25"),
        ] {
            let rate = reading("0", reset, received);
            assert_eq!(rate.resets_at, Some(midnight), "{reset:?}");
        }
        // At midnight itself, the next one.
        assert_eq!(
            next_midnight(at("2026-11-25T00:00:00Z")),
            at("2026-11-26T00:00:00Z")
        );
        assert_eq!(
            next_midnight(at("2026-11-24T23:59:59Z")),
            at("2026-11-25T00:00:00Z")
        );
    }

    #[test]
    fn reset_times_are_read_in_each_form() {
        let received = at("2026-11-24T12:00:00Z");
        let one_pm = at("2026-11-24T13:00:00Z");
        let one_pm_unix = one_pm.duration_since(UNIX_EPOCH).unwrap().as_secs();
        for text in [
            "2026-11-24T13:00:00Z".to_owned(),
            "2026-11-24t13:00:00z".to_owned(),
            "2026-11-24 13:00:00".to_owned(),
            "2026-11-24T13:00:00.9999999Z".to_owned(),
            "2026-11-24T14:00:00+01:00".to_owned(),
            "2026-11-24T07:30:00-05:30".to_owned(),
            "Tue, 24 Nov 2026 13:00:00 GMT".to_owned(),
            one_pm_unix.to_string(),
            // Seconds from the response.
            "3600".to_owned(),
        ] {
            assert_eq!(reset_time(&text, received), Some(one_pm), "{text}");
        }
        // 10^9 and more are seconds since 1970; less, seconds from the response.
        let second = Duration::from_secs(1);
        assert_eq!(
            reset_time("1000000000", received),
            Some(UNIX_EPOCH + second * 1_000_000_000)
        );
        assert_eq!(
            reset_time("999999999", received),
            Some(received + second * 999_999_999)
        );
        // Leap days and the ends of months and years.
        assert_eq!(
            at("2024-02-29T00:00:00Z") + second * 86_400,
            at("2024-03-01T00:00:00Z")
        );
        assert_eq!(
            at("2023-12-31T23:59:59Z") + second,
            at("2024-01-01T00:00:00Z")
        );
        assert_eq!(at("1970-01-01T00:00:00Z"), UNIX_EPOCH);
        for broken in [
            "2026-11-24T13:00:00+0100",
            "2026-11-24T13:00:00*01:00",
            "2026-11-24T13:00:00ZZ",
            "2026-11-24T13:00",
            "1969-12-31T23:59:59Z",
            "",
        ] {
            assert_eq!(rfc3339(broken), None, "{broken}");
        }
    }

    /// `Tue, 24 Nov 2026 13:00:00 GMT` as `2026-11-24T13:00:00Z`.
    fn http_date_as_rfc3339(date: &str) -> String {
        let parts: Vec<&str> = date.split(' ').collect();
        let months = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let month = months.iter().position(|m| *m == parts[2]).unwrap() + 1;
        format!("{}-{month:02}-{}T{}Z", parts[3], parts[1], parts[4])
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        #[test]
        fn any_date_and_time_reads_as_the_http_date_of_it(seconds in 0u64..253_402_300_800) {
            let time = UNIX_EPOCH + Duration::from_secs(seconds);
            let text = http_date_as_rfc3339(&httpdate::fmt_http_date(time));
            proptest::prop_assert_eq!(rfc3339(&text), Some(time), "{}", text);
        }

        #[test]
        fn any_reset_text_reads_without_panic(text in "[ -~]{0,40}", digits in "[0-9:T+.Z-]{0,30}") {
            let now = SystemTime::now();
            let _ = reset_time(&text, now);
            let _ = reset_time(&digits, now);
        }

        #[test]
        fn any_header_values_read_without_panic(
            limit in "[ -~]{0,30}",
            remaining in "[ -~]{0,30}",
            reset in "[ -~]{0,30}",
            number in proptest::prelude::any::<u64>(),
        ) {
            let mut headers = HeaderMap::new();
            for (name, value) in [(&LIMIT, &limit), (&REMAINING, &remaining), (&RESET, &reset)] {
                if let Ok(value) = value.parse() {
                    headers.insert(name.clone(), value);
                }
            }
            let _ = RateLimit::from_headers(&headers);
            headers.insert(LIMIT.clone(), number.to_string().parse().unwrap());
            let rate = RateLimit::from_headers(&headers).unwrap();
            proptest::prop_assert_eq!(rate.limit, Some(number));
        }
    }
}
