//! What the runnable examples share: reading their settings from the environment and ending
//! with an exit code (errors are told with `codat_client::Error::report`); and, for their
//! tests, running one as a user would.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

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

/// Runs the example `example` as a user runs it with `cargo run --example`, with the
/// examples' settings cleared and then `envs` set: whether it succeeded, its stdout and its
/// stderr.
///
/// The examples are built once per test process with the workspace's test targets, in the
/// tests' own profile: under `cargo test --workspace` that is what cargo has just built, so
/// nothing is built again. Building the example alone (`cargo build --example`) would
/// resolve the build dependencies' features another way and build the workspace again.
pub fn run_example(example: &str, envs: &[(&str, &str)]) -> (bool, String, String) {
    let mut command = std::process::Command::new(example_binary(example));
    for name in SETTINGS {
        command.env_remove(name);
    }
    for (name, value) in envs {
        command.env(name, value);
    }
    let output = command.output().expect("the example starts");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The example's executable, built (or found fresh) by cargo; example names are unique in
/// the workspace.
fn example_binary(example: &str) -> PathBuf {
    static BUILT: OnceLock<String> = OnceLock::new();
    let messages = BUILT.get_or_init(|| {
        let mut cargo = std::process::Command::new(env!("CARGO"));
        // What cargo told this test about its package is no setting for another build:
        // build scripts that watch `CARGO_MANIFEST_DIR` (ring's) would run again, and
        // everything above them be rebuilt.
        for (name, _) in std::env::vars_os() {
            if name.to_str().is_some_and(told_to_tests) {
                cargo.env_remove(name);
            }
        }
        let output = cargo
            .args(build_args(cfg!(debug_assertions)))
            .output()
            .expect("cargo runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "building the examples failed:\n{stderr}"
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    });
    executable_of(messages, example)
        .unwrap_or_else(|| panic!("cargo named no executable for example {example}"))
}

/// Whether cargo sets the variable `name` for the test it runs, about that test's package.
fn told_to_tests(name: &str) -> bool {
    name.starts_with("CARGO_PKG_")
        || matches!(
            name,
            "CARGO_MANIFEST_DIR"
                | "CARGO_MANIFEST_PATH"
                | "CARGO_CRATE_NAME"
                | "CARGO_BIN_NAME"
                | "CARGO_PRIMARY_PACKAGE"
                | "CARGO_TARGET_TMPDIR"
                | "CARGO_RUSTC_CURRENT_DIR"
                | "OUT_DIR"
        )
}

/// The arguments that build the examples as `cargo test --workspace` built them: with every
/// test target (whose dev-dependencies decide features), in the `test` profile, or `release`
/// under `cargo test --release` (no debug assertions).
fn build_args(debug: bool) -> [&'static str; 8] {
    let profile = if debug { "test" } else { "release" };
    [
        "build",
        "--quiet",
        "--workspace",
        "--profile",
        profile,
        "--tests",
        "--examples",
        "--message-format=json-render-diagnostics",
    ]
}

/// The executable of the example `example` in cargo's JSON messages.
fn executable_of(messages: &str, example: &str) -> Option<PathBuf> {
    messages
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact")
        .filter(|message| message["target"]["name"] == example)
        .filter(|message| {
            let kinds = message["target"]["kind"].as_array();
            kinds.is_some_and(|kinds| kinds.iter().any(|kind| kind == "example"))
        })
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_executable_is_read_from_cargo_messages() {
        let messages = [
            r#"{"reason":"compiler-artifact","target":{"name":"bank_feed","kind":["lib"]},"executable":null}"#,
            "not json",
            r#"{"reason":"compiler-message","target":{"name":"bank_feed","kind":["example"]}}"#,
            r#"{"reason":"compiler-artifact","target":{"name":"bill_pay","kind":["example"]},"executable":"/t/examples/bill_pay"}"#,
            r#"{"reason":"compiler-artifact","target":{"name":"bank_feed","kind":["example"]},"executable":"/t/examples/bank_feed"}"#,
            r#"{"reason":"build-finished","success":true}"#,
        ]
        .join("\n");
        assert_eq!(
            executable_of(&messages, "bank_feed"),
            Some(PathBuf::from("/t/examples/bank_feed"))
        );
        assert_eq!(executable_of(&messages, "lending_report"), None);
        assert_eq!(executable_of("", "bank_feed"), None);
    }

    #[test]
    fn the_examples_are_built_as_cargo_test_built_them() {
        let debug = build_args(true);
        assert_eq!(debug[3..7], ["--profile", "test", "--tests", "--examples"]);
        assert!(debug.contains(&"--workspace"));
        assert_eq!(build_args(false)[3..5], ["--profile", "release"]);
    }

    #[test]
    fn what_cargo_told_the_test_is_not_passed_on_but_cargo_s_settings_are() {
        for told in [
            "CARGO_MANIFEST_DIR",
            "CARGO_PKG_NAME",
            "CARGO_PKG_VERSION_MAJOR",
            "OUT_DIR",
        ] {
            assert!(told_to_tests(told), "{told}");
        }
        for setting in [
            "CARGO_TARGET_DIR",
            "CARGO_HOME",
            "CARGO_TERM_COLOR",
            "PATH",
            "CI",
        ] {
            assert!(!told_to_tests(setting), "{setting}");
        }
    }

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
