//! Redaction of credentials in the body snippets that errors keep.
//!
//! An error keeps the start of a response body for diagnosis, and errors get logged. Some
//! bodies carry credentials (an API key Codat returns, a connection token), so every string
//! value whose JSON key names a credential is replaced before the snippet is kept. The scan
//! works on cut-off JSON too: a snippet is at most 4 KiB of a longer body.

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
/// [`REDACTED`]. Borrowed through unchanged when there is nothing to redact.
pub(crate) fn redact_credentials(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'"') {
        let start = i + offset;
        let end = string_end(bytes, start + 1);
        let Some(close) = end else { break };
        i = close + 1;
        // A string followed by `:` is a key.
        let after_key = skip_whitespace(bytes, i);
        if bytes.get(after_key) != Some(&b':') {
            continue;
        }
        let value = skip_whitespace(bytes, after_key + 1);
        if bytes.get(value) != Some(&b'"') || !is_credential_key(&text[start + 1..close]) {
            continue;
        }
        // The value runs to its closing quote, or to the end of a cut-off snippet.
        let value_end = string_end(bytes, value + 1).unwrap_or(bytes.len());
        out.push_str(&text[copied..=value]);
        out.push_str(REDACTED);
        copied = value_end;
        i = value_end.saturating_add(1).min(bytes.len());
        if value_end == bytes.len() {
            break;
        }
    }
    if copied == 0 {
        return text.to_owned();
    }
    out.push_str(&text[copied..]);
    out
}

/// The index of the quote that closes a string whose content starts at `from`.
fn string_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn never_panics_on_any_text(text in ".{0,200}") {
            let _ = redact_credentials(&text);
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
