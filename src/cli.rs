//! What the runnable examples share: reading their settings from the environment and telling
//! an error the way a person reading a terminal needs it.

use std::error::Error as _;

use codat_client::Error;

/// The environment variable `name`, unless it is unset or empty.
pub fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The error with what helps act on it, one fact per line: the HTTP status, Codat's message,
/// the correlation id to quote to Codat's support, and each cause.
pub fn describe(err: &Error) -> String {
    let mut text = err.to_string();
    if let Some(status) = err.status() {
        text.push_str(&format!("\n  HTTP status: {status}"));
    }
    if let Some(message) = err.error_message().and_then(|m| m.error.as_deref()) {
        text.push_str(&format!("\n  Codat says: {message}"));
    }
    if let Some(id) = err.correlation_id() {
        text.push_str(&format!("\n  correlation id: {id}"));
    }
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    text
}

/// Runs an example's `run` and turns its outcome into the process's exit code, printing the
/// error (already described) on stderr.
pub fn exit_code(outcome: Result<(), String>) -> std::process::ExitCode {
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_settings_count_as_unset() {
        std::env::set_var("CODAT_MOCK_CLI_TEST_EMPTY", "");
        assert_eq!(env("CODAT_MOCK_CLI_TEST_EMPTY"), None);
        std::env::set_var("CODAT_MOCK_CLI_TEST_SET", "x");
        assert_eq!(env("CODAT_MOCK_CLI_TEST_SET").as_deref(), Some("x"));
        assert_eq!(env("CODAT_MOCK_CLI_TEST_NEVER_SET"), None);
    }

    #[test]
    fn a_configuration_error_is_told_without_http_details() {
        let err = codat_client::Codat::builder().build().unwrap_err();
        let text = describe(&err);
        assert!(
            text.starts_with("invalid Codat client configuration"),
            "{text}"
        );
        assert!(!text.contains("HTTP status"), "{text}");
    }
}
