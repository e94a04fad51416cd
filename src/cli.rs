//! What the runnable examples share: reading their settings from the environment and ending
//! with an exit code. Errors are told with `codat_client::Error::report`.

/// The environment variable `name`, unless it is unset or empty.
pub fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
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

/// The settings the examples read, cleared before a test runs one.
const SETTINGS: [&str; 9] = [
    "CODAT_API_KEY",
    "CODAT_AUTH_HEADER",
    "CODAT_BASE_URL",
    "CODAT_COMPANY_ID",
    "CODAT_CONNECTION_ID",
    "CODAT_PLATFORM_KEY",
    "BILL_REFERENCE",
    "LENDING_REPORT_OUT",
    "SPEND_INSIGHTS_OUT",
];

/// Runs `cargo run --quiet -p <package> --example <example>` as a user would, with the
/// examples' settings cleared and then `envs` set: whether it succeeded, its stdout and its
/// stderr.
pub fn run_example(package: &str, example: &str, envs: &[(&str, &str)]) -> (bool, String, String) {
    let mut command = std::process::Command::new(env!("CARGO"));
    command.args(["run", "--quiet", "-p", package, "--example", example]);
    for name in SETTINGS {
        command.env_remove(name);
    }
    for (name, value) in envs {
        command.env(name, value);
    }
    let output = command.output().expect("cargo runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
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
        let text = err.report().to_string();
        assert!(
            text.starts_with("invalid Codat client configuration"),
            "{text}"
        );
        assert!(!text.contains("HTTP status"), "{text}");
    }
}
