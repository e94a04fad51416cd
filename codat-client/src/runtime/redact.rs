//! Redaction of credentials in the body snippets that errors keep.
//!
//! An error keeps the start of a response body for diagnosis, and errors get logged. Some
//! bodies carry credentials (an API key Codat returns, a connection token), so every string
//! value whose JSON key names a credential is replaced before the snippet is kept, also in
//! JSON quoted inside a JSON string (escaped once, twice or more). The scan works on cut-off
//! JSON too: a snippet is at most 4 KiB of a longer body.

/// Shown instead of a credential.
pub(crate) const REDACTED: &str = "<redacted>";

/// Key endings (compared without case) that mark a credential: `apiKey`, `key`,
/// `accessToken`, `clientSecret`, `password`, `credentials`, `authorization`...
const CREDENTIAL_KEYS: [&str; 6] = [
    "key",
    "secret",
    "token",
    "password",
    "credentials",
    "authorization",
];

/// Whether a JSON key names a credential.
pub(crate) fn is_credential_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    let key = key
        .strip_suffix('s')
        .filter(|k| k.ends_with("key"))
        .unwrap_or(&key);
    CREDENTIAL_KEYS.iter().any(|end| key.ends_with(end)) || key.ends_with("credential")
}

/// `text` with the value of every `"<credential key>": "<value>"` pair replaced by
/// [`REDACTED`], also where the pair is JSON inside a JSON string (`"{\"apiKey\":\"...\"}"`,
/// as error messages quote other services' bodies), at any depth of escaping. An empty value
/// is left as it is (it hides nothing); so each value redacted turns at least one byte into
/// the 10-byte marker and takes at least 7 bytes of `text`: the result is at most 2.5 times
/// as long as `text` (plus one marker for a value cut off at its end).
pub(crate) fn redact_credentials(text: &str) -> String {
    let bytes = text.as_bytes();
    let quotes = quotes(bytes);
    // The first quote from `from` on that ends a string at `depth`: one as deep, or a
    // shallower one (the string that encloses it ended first).
    let closing =
        |from: usize, depth: usize| (from..quotes.len()).find(|&j| quotes[j].depth <= depth);
    let mut out = String::new();
    let mut copied = 0;
    let mut next = 0;
    while let Some(open) = quotes.get(next) {
        next += 1;
        // A string followed by `:` is a key; its value is a string if a quote opens it.
        // (In valid JSON the three quotes are as deep; where they are not, the JSON is
        // broken, and reading more of it as a pair only redacts more.)
        let Some(close) = closing(next, open.depth) else {
            continue;
        };
        let key = quotes[close];
        let colon = skip_whitespace(bytes, key.end);
        if bytes.get(colon) != Some(&b':') {
            continue;
        }
        let Some(value) = quotes.get(close + 1) else {
            continue;
        };
        if value.start != skip_whitespace(bytes, colon + 1)
            || !is_credential_key(&text[open.end..key.start])
        {
            continue;
        }
        // The value runs to its closing quote, or to the end of a cut-off snippet.
        let end = closing(close + 2, value.depth);
        let value_end = end.map_or(bytes.len(), |j| quotes[j].start);
        if value.end < value_end {
            out.push_str(&text[copied..value.end]);
            out.push_str(REDACTED);
            copied = value_end;
        }
        // Quotes inside the value are part of it; the one that ends it is looked at again,
        // so that in doubt (broken JSON) more is redacted rather than less.
        match end {
            Some(j) => next = j,
            None => break,
        }
    }
    if copied == 0 {
        return text.to_owned();
    }
    out.push_str(&text[copied..]);
    out
}

/// A quote in the text, with the backslashes that escape it.
#[derive(Clone, Copy, Debug)]
struct Quote {
    /// Where its own backslashes start (the quote itself at depth 0).
    start: usize,
    /// Just after the quote.
    end: usize,
    /// How deep in strings inside strings it is, as its own backslashes: 0 for a quote of
    /// the text itself, 1 for `\"`, 3 for `\\\"`: 2^n - 1 at depth n.
    depth: usize,
}

/// Every quote of `bytes` with its depth. Of a run of backslashes before a quote, each level
/// of unescaping turns `\\` into `\` and `\"` into `"`: the quote is as deep as the run's
/// count has trailing ones in binary, and those are its own backslashes (`\\"` ends a
/// string at depth 0 that ends in a backslash; `\\\\\"` one at depth 1).
fn quotes(bytes: &[u8]) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let mut run = 0usize;
    for (i, &byte) in bytes.iter().enumerate() {
        match byte {
            b'\\' => run += 1,
            b'"' => {
                // The trailing ones of `run`: 2^n - 1.
                let depth = run & !run.wrapping_add(1);
                quotes.push(Quote {
                    start: i - depth,
                    end: i + 1,
                    depth,
                });
                run = 0;
            }
            _ => run = 0,
        }
    }
    quotes
}

fn skip_whitespace(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn credential_values_are_redacted_and_the_rest_kept() {
        let body = r#"{"results":[{"id":"k1","name":"CI","apiKey":"ztHQGvnC4XN2CgUh"}],"key" : "s3cr3t","token":"a\"b","pageSize":100}"#;
        let redacted = redact_credentials(body);
        assert_eq!(
            redacted,
            r#"{"results":[{"id":"k1","name":"CI","apiKey":"<redacted>"}],"key" : "<redacted>","token":"<redacted>","pageSize":100}"#
        );
    }

    #[test]
    fn a_value_cut_off_by_the_snippet_is_redacted_to_the_end() {
        assert_eq!(
            redact_credentials(r#"{"accessToken":"eyJhbGciOi"#),
            r#"{"accessToken":"<redacted>"#
        );
        assert_eq!(redact_credentials(r#"{"apiKey":"#), r#"{"apiKey":"#);
    }

    #[test]
    fn a_snippet_that_starts_with_a_key_is_redacted() {
        assert_eq!(
            redact_credentials(r#""apiKey": "s3cr3t", "id": 1"#),
            r#""apiKey": "<redacted>", "id": 1"#
        );
    }

    #[test]
    fn keys_are_matched_by_their_ending_without_case() {
        for key in [
            "apiKey",
            "API_KEY",
            "key",
            "keys",
            "clientSecret",
            "accessToken",
            "password",
            "credentials",
            "Authorization",
        ] {
            assert!(is_credential_key(key), "{key}");
        }
        for key in ["id", "name", "pageSize", "monkeys!", "status", "tokenType2"] {
            assert!(!is_credential_key(key), "{key}");
        }
    }

    #[test]
    fn values_that_are_not_strings_and_string_values_of_other_keys_stay() {
        let body = r#"{"apiKey":null,"name":"apiKey","token":12,"x":["key","y"]}"#;
        assert_eq!(redact_credentials(body), body);
    }

    #[test]
    fn a_credential_inside_an_escaped_json_string_is_redacted() {
        let body = r#"{"message":"{\"clientSecret\":\"s3cr3t-value\",\"id\":\"x\"}"}"#;
        assert_eq!(
            redact_credentials(body),
            r#"{"message":"{\"clientSecret\":\"<redacted>\",\"id\":\"x\"}"}"#
        );
    }

    #[test]
    fn a_credential_escaped_twice_is_redacted() {
        let body = r#"{"a":"{\"b\":\"{\\\"apiKey\\\": \\\"s3cr3t\\\"}\"}"}"#;
        assert_eq!(
            redact_credentials(body),
            r#"{"a":"{\"b\":\"{\\\"apiKey\\\": \\\"<redacted>\\\"}\"}"}"#
        );
    }

    #[test]
    fn a_value_that_ends_in_a_backslash_is_redacted_to_its_quote() {
        assert_eq!(
            redact_credentials(r#"{"apiKey":"ab\\","id":"x"}"#),
            r#"{"apiKey":"<redacted>","id":"x"}"#
        );
        // The same one level down: `\\\\\"` is a backslash, then the quote that ends it.
        assert_eq!(
            redact_credentials(r#"{"m":"{\"apiKey\":\"ab\\\\\",\"id\":\"x\"}"}"#),
            r#"{"m":"{\"apiKey\":\"<redacted>\",\"id\":\"x\"}"}"#
        );
    }

    #[test]
    fn an_escaped_value_ends_where_the_string_around_it_ends() {
        assert_eq!(
            redact_credentials(r#"{"m":"{\"apiKey\":\"abc"}"#),
            r#"{"m":"{\"apiKey\":\"<redacted>"}"#
        );
        // A value cut off inside escaped JSON runs to the end.
        assert_eq!(
            redact_credentials(r#"{"m":"{\"clientSecret\":\"s3cr"#),
            r#"{"m":"{\"clientSecret\":\"<redacted>"#
        );
    }

    #[test]
    fn broken_escapes_redact_more_rather_than_less() {
        for (body, redacted) in [
            // The key escaped, its value not.
            (
                r#"{"m":"{\"apiKey\":"abc"}"#,
                r#"{"m":"{\"apiKey\":"<redacted>"}"#,
            ),
            // The key ended by the end of the string around it, the value escaped.
            (
                r#"{"m":"{\"apiKey": \"abc\"}"#,
                r#"{"m":"{\"apiKey": \"<redacted>\"}"#,
            ),
            // The key not escaped, the value escaped.
            (r#"{"apiKey":\"abc\"}"#, r#"{"apiKey":\"<redacted>\"}"#),
        ] {
            assert_eq!(redact_credentials(body), redacted, "{body}");
        }
        // A backslash of the value's own before its quote: no string follows the key.
        let odd = r#"{"apiKey":\\"abc"}"#;
        assert_eq!(redact_credentials(odd), odd);
    }

    #[test]
    fn empty_values_stay_and_in_doubt_more_is_redacted() {
        let empty = r#"{"apiKey":"","token":"", "id":"x"}"#;
        assert_eq!(redact_credentials(empty), empty);
        // Broken JSON: the text after a value's closing quote reads as a key too.
        assert_eq!(
            redact_credentials(r#"{"token":"t"key":"v"}"#),
            r#"{"token":"<redacted>"key":"<redacted>"}"#
        );
    }

    /// The keys the property tests hide secrets under.
    const SENSITIVE: [&str; 12] = [
        "apiKey",
        "API_KEY",
        "key",
        "keys",
        "clientSecret",
        "client_secret",
        "accessToken",
        "refresh_token",
        "password",
        "credentials",
        "credential",
        "Authorization",
    ];

    /// `text` cut to at most `len` bytes, on a character boundary.
    fn cut(text: &str, len: usize) -> &str {
        let mut end = len.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..end]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn never_panics_on_any_text(text in ".{0,200}") {
            let redacted = redact_credentials(&text);
            prop_assert!(redacted.len() <= text.len() * 5 / 2 + REDACTED.len());
        }

        #[test]
        fn never_panics_on_any_bytes_and_stays_bounded(
            bytes in prop::collection::vec(
                prop_oneof![
                    Just(b'"'), Just(b'\\'), Just(b':'), Just(b' '),
                    prop::sample::select(b"keyKEYtokn".to_vec()),
                    any::<u8>(),
                ],
                0..300,
            ),
        ) {
            // As a snippet is made: bytes read as UTF-8, bad ones replaced.
            let text = String::from_utf8_lossy(&bytes);
            let redacted = redact_credentials(&text);
            prop_assert!(redacted.len() <= text.len() * 5 / 2 + REDACTED.len());
        }

        #[test]
        fn a_secret_under_any_sensitive_key_never_survives_at_any_depth(
            key in prop::sample::select(SENSITIVE.to_vec()),
            secret in "[A-Za-z0-9+/=._~-]{8,40}|[^\"\\\\\\p{Cc}]{8,20}",
            other in ".{0,20}",
            depth in 0usize..4,
            pretty in any::<bool>(),
            keep in 0usize..400,
        ) {
            let mut body = serde_json::json!({ "id": other, key: secret, "n": 1 });
            // Quoted in the message of another body, `depth` times.
            for _ in 0..depth {
                let inner = if pretty {
                    serde_json::to_string_pretty(&body).unwrap()
                } else {
                    body.to_string()
                };
                body = serde_json::json!({ "statusCode": 400, "message": inner });
            }
            let text = body.to_string();
            // Whole, and cut anywhere as a snippet may be.
            for text in [text.as_str(), cut(&text, keep)] {
                let redacted = redact_credentials(text);
                prop_assert!(!redacted.contains(&secret), "{}", redacted);
                prop_assert!(redacted.len() <= text.len() * 5 / 2 + REDACTED.len());
            }
        }

        #[test]
        fn a_credential_value_never_survives(
            prefix in "[a-z ,{\\[]{0,20}",
            secret in "[A-Za-z0-9+/=]{8,40}",
            key in prop::sample::select(vec!["apiKey", "key", "accessToken", "clientSecret"]),
            cut in 0usize..60,
        ) {
            let body = format!(r#"{prefix}{{"{key}": "{secret}", "id": "x"}}"#);
            // Any cut of the body, as a snippet would be.
            let end = body.len().saturating_sub(cut);
            let redacted = redact_credentials(&body[..end]);
            prop_assert!(!redacted.contains(&secret), "{}", redacted);
        }
    }
}
