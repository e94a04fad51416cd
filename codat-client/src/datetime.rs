//! Conversions between Codat's [`DateTime`] and the date-time types of `chrono`, `time` and
//! `jiff`, each behind the cargo feature of the same name.
//!
//! Codat sends four forms, and each converts only to a type that holds the same facts, so
//! that nothing is shifted or made up:
//!
//! | form | e.g. | converts to |
//! | --- | --- | --- |
//! | with `Z` or an offset | `2021-11-15T01:00:00-05:00` | an instant with its offset (`chrono::DateTime<FixedOffset>` or `<Utc>`, `time::OffsetDateTime`, `jiff::Timestamp`) |
//! | without a zone | `2021-11-15T01:00:00` | a local date and time (`chrono::NaiveDateTime`, `time::PrimitiveDateTime`, `jiff::civil::DateTime`) |
//! | a date alone | `2022-10-23` | a date (`chrono::NaiveDate`, `time::Date`, `jiff::civil::Date`) |
//!
//! Any form with a date converts to a date (its date part). Asking for what a value does not
//! hold (an instant from a date alone, a local time from one with a zone) is a
//! [`DateTimeError`] that says which form it is. The other way, every one of those types
//! becomes a `DateTime` in the form Codat sends: RFC 3339 with `Z` for UTC, fractions of a
//! second only when there are any.
//!
//! ```
//! # #[cfg(feature = "chrono")] {
//! use codat_client::models::DateTime;
//!
//! let sent = DateTime::from("2021-11-15T01:00:00-05:00");
//! let at: chrono::DateTime<chrono::Utc> = (&sent).try_into().unwrap();
//! assert_eq!(DateTime::from(at).as_str(), "2021-11-15T06:00:00Z");
//! let local: Result<chrono::NaiveDateTime, _> = (&sent).try_into();
//! assert!(local.is_err());
//! # }
//! ```

#![cfg_attr(
    not(any(feature = "chrono", feature = "time", feature = "jiff")),
    allow(dead_code)
)]

use std::fmt;

use crate::wire::DateTime;

/// A [`DateTime`] that does not hold what the conversion asked for, or is not a valid date
/// and time at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeError {
    value: String,
    wanted: &'static str,
}

impl DateTimeError {
    fn new(value: &DateTime, wanted: &'static str) -> Self {
        DateTimeError {
            value: value.0.chars().take(64).collect(),
            wanted,
        }
    }

    /// The text that did not convert (its first 64 characters).
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let form = if !self.value.contains('T') {
            "a date alone"
        } else if DateTime(self.value.clone()).has_zone() {
            "a date and time with a zone"
        } else {
            "a date and time without a zone"
        };
        write!(
            f,
            "`{}` ({form}) is not {}",
            self.value.escape_debug(),
            self.wanted
        )
    }
}

impl std::error::Error for DateTimeError {}

/// The three forms, told apart before parsing (a date alone is read by [`date_text`]).
enum Form<'a> {
    Instant(&'a str),
    Local(&'a str),
    Date,
}

fn form(value: &DateTime) -> Form<'_> {
    let text = value.as_str().trim();
    if !text.contains('T') {
        Form::Date
    } else if value.has_zone() {
        Form::Instant(text)
    } else {
        Form::Local(text)
    }
}

/// The date part of any form, `YYYY-MM-DD` when the value is well formed.
fn date_text(value: &DateTime) -> &str {
    let text = value.as_str().trim();
    text.split('T').next().unwrap_or(text)
}

const INSTANT: &str = "a date and time with a zone";
const LOCAL: &str = "a date and time without a zone";
const DATE: &str = "a valid date";

/// `HH:MM:SS` and the fraction of a second, digits only as many as needed.
fn write_time(out: &mut String, hour: u8, minute: u8, second: u8, nanos: u32) {
    use fmt::Write;
    let _ = write!(out, "{hour:02}:{minute:02}:{second:02}");
    if nanos > 0 {
        let digits = format!("{nanos:09}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
}

/// `YYYY-MM-DD` (a year past 9999 or before 0 written with its sign, as ISO 8601 extends it).
fn write_date(out: &mut String, year: i32, month: u8, day: u8) {
    use fmt::Write;
    let _ = if (0..=9999).contains(&year) {
        write!(out, "{year:04}-{month:02}-{day:02}")
    } else {
        write!(out, "{year:+05}-{month:02}-{day:02}")
    };
}

/// `Z` for UTC, else `+HH:MM` (seconds of an offset, which RFC 3339 cannot say, dropped).
fn write_offset(out: &mut String, seconds: i32) {
    use fmt::Write;
    if seconds == 0 {
        out.push('Z');
        return;
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    let _ = write!(out, "{sign}{:02}:{:02}", minutes / 60, minutes % 60);
}

/// A date as year, month and day.
type Ymd = (i32, u8, u8);
/// A time of day as hour, minute, second and nanoseconds.
type Clock = (u8, u8, u8, u32);

/// Codat's text for a date, a time of day on it, and the time's offset from UTC in seconds.
fn text(date: Ymd, time: Option<Clock>, offset: Option<i32>) -> DateTime {
    let mut out = String::with_capacity(32);
    write_date(&mut out, date.0, date.1, date.2);
    if let Some((hour, minute, second, nanos)) = time {
        out.push('T');
        write_time(&mut out, hour, minute, second, nanos);
        if let Some(offset) = offset {
            write_offset(&mut out, offset);
        }
    }
    DateTime(out)
}

#[cfg(feature = "chrono")]
mod with_chrono {
    use chrono::{
        Datelike, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike, Utc,
    };

    use super::{date_text, form, text, Clock, DateTimeError, Form, Ymd, DATE, INSTANT, LOCAL};
    use crate::wire::DateTime;

    fn date_of(value: &DateTime) -> Result<NaiveDate, DateTimeError> {
        NaiveDate::parse_from_str(date_text(value), "%Y-%m-%d")
            .map_err(|_| DateTimeError::new(value, DATE))
    }

    impl TryFrom<&DateTime> for chrono::DateTime<FixedOffset> {
        type Error = DateTimeError;
        fn try_from(value: &DateTime) -> Result<Self, DateTimeError> {
            match form(value) {
                Form::Instant(text) => chrono::DateTime::parse_from_rfc3339(text)
                    .map_err(|_| DateTimeError::new(value, INSTANT)),
                _ => Err(DateTimeError::new(value, INSTANT)),
            }
        }
    }

    impl TryFrom<&DateTime> for chrono::DateTime<Utc> {
        type Error = DateTimeError;
        fn try_from(value: &DateTime) -> Result<Self, DateTimeError> {
            chrono::DateTime::<FixedOffset>::try_from(value).map(|at| at.with_timezone(&Utc))
        }
    }

    impl TryFrom<&DateTime> for NaiveDateTime {
        type Error = DateTimeError;
        fn try_from(value: &DateTime) -> Result<Self, DateTimeError> {
            match form(value) {
                Form::Local(text) => NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
                    .map_err(|_| DateTimeError::new(value, LOCAL)),
                _ => Err(DateTimeError::new(value, LOCAL)),
            }
        }
    }

    impl TryFrom<&DateTime> for NaiveDate {
        type Error = DateTimeError;
        fn try_from(value: &DateTime) -> Result<Self, DateTimeError> {
            date_of(value)
        }
    }

    fn parts(at: &NaiveDateTime) -> (Ymd, Option<Clock>) {
        let (date, time) = (at.date(), at.time());
        (
            (date.year(), date.month() as u8, date.day() as u8),
            Some((
                time.hour() as u8,
                time.minute() as u8,
                time.second() as u8,
                time.nanosecond(),
            )),
        )
    }

    impl<Tz: TimeZone> From<chrono::DateTime<Tz>> for DateTime {
        fn from(at: chrono::DateTime<Tz>) -> Self {
            let offset = at.offset().fix().local_minus_utc();
            let (date, time) = parts(&at.naive_local());
            text(date, time, Some(offset))
        }
    }

    impl From<NaiveDateTime> for DateTime {
        fn from(at: NaiveDateTime) -> Self {
            let (date, time) = parts(&at);
            text(date, time, None)
        }
    }

    impl From<NaiveDate> for DateTime {
        fn from(date: NaiveDate) -> Self {
            text(
                (date.year(), date.month() as u8, date.day() as u8),
                None,
                None,
            )
        }
    }
}

#[cfg(feature = "time")]
mod with_time {
    use time::format_description::well_known::Rfc3339;
    use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

    use super::{date_text, form, text, Clock, DateTimeError, Form, Ymd, DATE, INSTANT, LOCAL};
    use crate::wire::DateTime;

    impl TryFrom<&DateTime> for OffsetDateTime {
        type Error = DateTimeError;
        fn try_from(value: &DateTime) -> Result<Self, DateTimeError> {
            match form(value) {
                Form::Instant(text) => OffsetDateTime::parse(text, &Rfc3339)
                    .map_err(|_| DateTimeError::new(value, INSTANT)),
                _ => Err(DateTimeError::new(value, INSTANT)),
            }
        }
    }

    impl TryFrom<&DateTime> for PrimitiveDateTime {
        type Error = DateTimeError;
        fn try_from(value: &DateTime) -> Result<Self, DateTimeError> {
            match form(value) {
                // RFC 3339 needs a zone: read the local time as if at UTC, then drop it.
                Form::Local(text) => OffsetDateTime::parse(&format!("{text}Z"), &Rfc3339)
                    .map(|at| PrimitiveDateTime::new(at.date(), at.time()))
                    .map_err(|_| DateTimeError::new(value, LOCAL)),
                _ => Err(DateTimeError::new(value, LOCAL)),
            }
        }
    }

    impl TryFrom<&DateTime> for Date {
        type Error = DateTimeError;
        fn try_from(value: &DateTime) -> Result<Self, DateTimeError> {
            let date = date_text(value);
            OffsetDateTime::parse(&format!("{date}T00:00:00Z"), &Rfc3339)
                .map(|at| at.date())
                .map_err(|_| DateTimeError::new(value, DATE))
        }
    }

    fn parts(date: Date, time: time::Time) -> (Ymd, Option<Clock>) {
        (
            (date.year(), u8::from(date.month()), date.day()),
            Some((time.hour(), time.minute(), time.second(), time.nanosecond())),
        )
    }

    impl From<OffsetDateTime> for DateTime {
        fn from(at: OffsetDateTime) -> Self {
            let (date, time) = parts(at.date(), at.time());
            let offset: UtcOffset = at.offset();
            text(date, time, Some(offset.whole_seconds()))
        }
    }

    impl From<PrimitiveDateTime> for DateTime {
        fn from(at: PrimitiveDateTime) -> Self {
            let (date, time) = parts(at.date(), at.time());
            text(date, time, None)
        }
    }

    impl From<Date> for DateTime {
        fn from(date: Date) -> Self {
            text(
                (date.year(), u8::from(date.month()), date.day()),
                None,
                None,
            )
        }
    }
}

#[cfg(feature = "jiff")]
mod with_jiff {
    use jiff::civil;
    use jiff::Timestamp;

    use super::{date_text, form, text, Clock, DateTimeError, Form, Ymd, DATE, INSTANT, LOCAL};
    use crate::wire::DateTime;

    impl TryFrom<&DateTime> for Timestamp {
        type Error = DateTimeError;
        fn try_from(value: &DateTime) -> Result<Self, DateTimeError> {
            match form(value) {
                Form::Instant(text) => text
                    .parse::<Timestamp>()
                    .map_err(|_| DateTimeError::new(value, INSTANT)),
                _ => Err(DateTimeError::new(value, INSTANT)),
            }
        }
    }

    impl TryFrom<&DateTime> for civil::DateTime {
        type Error = DateTimeError;
        fn try_from(value: &DateTime) -> Result<Self, DateTimeError> {
            match form(value) {
                Form::Local(text) => text
                    .parse::<civil::DateTime>()
                    .map_err(|_| DateTimeError::new(value, LOCAL)),
                _ => Err(DateTimeError::new(value, LOCAL)),
            }
        }
    }

    impl TryFrom<&DateTime> for civil::Date {
        type Error = DateTimeError;
        fn try_from(value: &DateTime) -> Result<Self, DateTimeError> {
            let date = date_text(value);
            // Only `YYYY-MM-DD`: jiff would also read a date out of longer text.
            if date.len() != 10 {
                return Err(DateTimeError::new(value, DATE));
            }
            date.parse::<civil::Date>()
                .map_err(|_| DateTimeError::new(value, DATE))
        }
    }

    fn parts(at: civil::DateTime) -> (Ymd, Option<Clock>) {
        let nanos = u32::try_from(at.subsec_nanosecond()).unwrap_or(0);
        (
            (i32::from(at.year()), at.month() as u8, at.day() as u8),
            Some((at.hour() as u8, at.minute() as u8, at.second() as u8, nanos)),
        )
    }

    impl From<Timestamp> for DateTime {
        fn from(at: Timestamp) -> Self {
            let (date, time) = parts(at.to_zoned(jiff::tz::TimeZone::UTC).datetime());
            text(date, time, Some(0))
        }
    }

    impl From<civil::DateTime> for DateTime {
        fn from(at: civil::DateTime) -> Self {
            let (date, time) = parts(at);
            text(date, time, None)
        }
    }

    impl From<civil::Date> for DateTime {
        fn from(date: civil::Date) -> Self {
            text(
                (i32::from(date.year()), date.month() as u8, date.day() as u8),
                None,
                None,
            )
        }
    }
}

#[cfg(all(test, feature = "chrono", feature = "time", feature = "jiff"))]
mod conversions {
    use proptest::prelude::*;

    use super::*;

    /// Every form Codat sends, and a few it does not.
    fn samples() -> Vec<DateTime> {
        [
            "2021-11-15T06:00:00Z",
            "2021-11-15T01:00:00-05:00",
            "2021-11-15T01:00:00.1234567+05:30",
            "2021-11-15T01:00:00",
            "2021-11-15T01:00:00.5",
            "2022-10-23",
            "",
            "T",
            "2022-13-40",
            "2022-10-23T25:00:00Z",
            "not a date",
        ]
        .into_iter()
        .map(DateTime::from)
        .collect()
    }

    #[test]
    fn each_form_converts_to_what_it_holds_in_every_crate() {
        let verdicts: Vec<(bool, bool, bool)> = samples()
            .iter()
            .map(|value| {
                let instant = chrono::DateTime::<chrono::FixedOffset>::try_from(value).is_ok();
                let local = chrono::NaiveDateTime::try_from(value).is_ok();
                let date = chrono::NaiveDate::try_from(value).is_ok();
                // The three crates agree on every sample.
                assert_eq!(
                    instant,
                    time::OffsetDateTime::try_from(value).is_ok(),
                    "{value}"
                );
                assert_eq!(instant, jiff::Timestamp::try_from(value).is_ok(), "{value}");
                assert_eq!(
                    local,
                    time::PrimitiveDateTime::try_from(value).is_ok(),
                    "{value}"
                );
                assert_eq!(
                    local,
                    jiff::civil::DateTime::try_from(value).is_ok(),
                    "{value}"
                );
                assert_eq!(date, time::Date::try_from(value).is_ok(), "{value}");
                assert_eq!(date, jiff::civil::Date::try_from(value).is_ok(), "{value}");
                (instant, local, date)
            })
            .collect();
        let (t, f) = (true, false);
        assert_eq!(
            verdicts,
            [
                (t, f, t),
                (t, f, t),
                (t, f, t),
                (f, t, t),
                (f, t, t),
                (f, f, t),
                (f, f, f),
                (f, f, f),
                (f, f, f),
                (f, f, t),
                (f, f, f),
            ]
        );
    }

    #[test]
    fn instants_keep_their_moment_and_offset() {
        let sent = DateTime::from("2021-11-15T01:00:00.25-05:00");
        let chrono: chrono::DateTime<chrono::FixedOffset> = (&sent).try_into().unwrap();
        let time: time::OffsetDateTime = (&sent).try_into().unwrap();
        let jiff: jiff::Timestamp = (&sent).try_into().unwrap();
        assert_eq!(DateTime::from(chrono).as_str(), sent.as_str());
        assert_eq!(DateTime::from(time).as_str(), sent.as_str());
        assert_eq!(DateTime::from(jiff).as_str(), "2021-11-15T06:00:00.25Z");
        let utc: chrono::DateTime<chrono::Utc> = (&sent).try_into().unwrap();
        assert_eq!(DateTime::from(utc).as_str(), "2021-11-15T06:00:00.25Z");
        assert_eq!(utc.timestamp(), jiff.as_second());
        assert_eq!(utc.timestamp(), time.unix_timestamp());
    }

    #[test]
    fn local_times_and_dates_stay_local() {
        let sent = DateTime::from("2021-11-15T01:02:03");
        let chrono: chrono::NaiveDateTime = (&sent).try_into().unwrap();
        let time: time::PrimitiveDateTime = (&sent).try_into().unwrap();
        let jiff: jiff::civil::DateTime = (&sent).try_into().unwrap();
        for back in [
            DateTime::from(chrono),
            DateTime::from(time),
            DateTime::from(jiff),
        ] {
            assert_eq!(back, sent);
        }
        let day = DateTime::from("2022-10-23");
        let chrono: chrono::NaiveDate = (&day).try_into().unwrap();
        let time: time::Date = (&day).try_into().unwrap();
        let jiff: jiff::civil::Date = (&day).try_into().unwrap();
        for back in [
            DateTime::from(chrono),
            DateTime::from(time),
            DateTime::from(jiff),
        ] {
            assert_eq!(back, day);
        }
        // A date of a date and time is its date part.
        let of_instant: chrono::NaiveDate = (&DateTime::from("2022-10-23T23:30:00-05:00"))
            .try_into()
            .unwrap();
        assert_eq!(of_instant, chrono);
    }

    proptest! {
        /// Any text: no conversion panics, and what converts converts back to the same
        /// moment.
        #[test]
        fn any_text_converts_or_errs(text in ".{0,40}") {
            let value = DateTime(text);
            if let Ok(at) = chrono::DateTime::<chrono::FixedOffset>::try_from(&value) {
                let back = chrono::DateTime::<chrono::FixedOffset>::try_from(&DateTime::from(at));
                prop_assert_eq!(back.ok(), Some(at));
            }
            let _ = time::OffsetDateTime::try_from(&value);
            let _ = time::PrimitiveDateTime::try_from(&value);
            let _ = time::Date::try_from(&value);
            let _ = jiff::Timestamp::try_from(&value);
            let _ = jiff::civil::DateTime::try_from(&value);
            let _ = jiff::civil::Date::try_from(&value);
            let _ = chrono::NaiveDateTime::try_from(&value);
            let _ = chrono::NaiveDate::try_from(&value);
        }

        /// Every instant the three crates can hold within Codat's years, with any offset in
        /// whole minutes, round-trips through Codat's text in each crate.
        #[test]
        fn instants_round_trip(
            seconds in 0i64..253_402_300_799,
            nanos in 0u32..1_000_000_000,
            offset_minutes in -(23 * 60 + 59)..=(23 * 60 + 59),
        ) {
            let offset = chrono::FixedOffset::east_opt(offset_minutes * 60).unwrap();
            let at = chrono::DateTime::from_timestamp(seconds, nanos).unwrap().with_timezone(&offset);
            let sent = DateTime::from(at);
            let chrono_back: chrono::DateTime<chrono::FixedOffset> = (&sent).try_into().unwrap();
            prop_assert_eq!(chrono_back, at);
            let time_back: time::OffsetDateTime = (&sent).try_into().unwrap();
            prop_assert_eq!(DateTime::from(time_back), sent.clone());
            let jiff_back: jiff::Timestamp = (&sent).try_into().unwrap();
            prop_assert_eq!(jiff_back.as_second(), seconds);
            prop_assert_eq!(u32::try_from(jiff_back.subsec_nanosecond()).unwrap(), nanos);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_written_as_codat_sends_it() {
        assert_eq!(text((2021, 11, 15), None, None).as_str(), "2021-11-15");
        assert_eq!(
            text((2021, 1, 5), Some((6, 0, 9, 0)), Some(0)).as_str(),
            "2021-01-05T06:00:09Z"
        );
        assert_eq!(
            text((2021, 1, 5), Some((6, 0, 0, 120_000_000)), Some(-5 * 3600)).as_str(),
            "2021-01-05T06:00:00.12-05:00"
        );
        assert_eq!(
            text((2021, 1, 5), Some((6, 0, 0, 1)), Some(5 * 3600 + 30 * 60)).as_str(),
            "2021-01-05T06:00:00.000000001+05:30"
        );
        assert_eq!(
            text((2021, 1, 5), Some((23, 59, 59, 0)), None).as_str(),
            "2021-01-05T23:59:59"
        );
        assert_eq!(text((12345, 1, 1), None, None).as_str(), "+12345-01-01");
        assert_eq!(text((-1, 1, 1), None, None).as_str(), "-0001-01-01");
    }

    #[test]
    fn errors_say_the_form_and_what_was_wanted() {
        let err = DateTimeError::new(&DateTime::from("2022-10-23"), INSTANT);
        assert_eq!(
            err.to_string(),
            "`2022-10-23` (a date alone) is not a date and time with a zone"
        );
        let err = DateTimeError::new(&DateTime::from("2022-10-23T01:00:00Z"), LOCAL);
        assert_eq!(
            err.to_string(),
            "`2022-10-23T01:00:00Z` (a date and time with a zone) is not a date and time without a zone"
        );
        let long = DateTime("9".repeat(500));
        assert_eq!(DateTimeError::new(&long, DATE).value().len(), 64);
    }
}
