//! Codat's rate-limit headers, kept per response and as the last seen by a client.

use reqwest::header::{HeaderMap, HeaderName};

// Built once: looking a header up by `&str` parses and hashes the name on every response.
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
}

impl RateLimit {
    /// Reads the headers; `None` when the response has none of them.
    pub fn from_headers(headers: &HeaderMap) -> Option<RateLimit> {
        let text = |name: &HeaderName| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
        };
        let number = |name: &HeaderName| text(name).and_then(|v| v.parse().ok());
        let rate = RateLimit {
            limit: number(&LIMIT),
            remaining: number(&REMAINING),
            reset: text(&RESET).map(str::to_owned),
        };
        (rate != RateLimit::default()).then_some(rate)
    }
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

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
