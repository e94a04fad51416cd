//! Every diagnostic of `#[endpoint]`, one case each, and the query builder's type rules as
//! compile errors (`ui/query`: a misspelt field, an operator the field's kind does not allow,
//! a clause or an order on an array, fields of two models in one filter, a value of the wrong
//! type, mistakes in `#[derive(Queryable)]`, a `#[params]` value that is not a parameter group,
//! a setter given the wrong type), checked against the compiler's output in one build.
//! The snapshots were written with Rust 1.95; other toolchains may word or place notes
//! differently. Elsewhere the test is skipped with a notice, except in CI (`CI=true`), where a
//! toolchain that cannot check the snapshots is a failure, never a silent skip.

/// The flags trybuild 1 gives rustc for the cases (its `rustflags.rs` and `cargo.rs`); the
/// snapshots were written with them.
const TRYBUILD_CASE_FLAGS: [&str; 6] = [
    "--cfg",
    "trybuild",
    "--verbose",
    "-A",
    "dead_code",
    "--diagnostic-width=140",
];

#[test]
fn diagnostics() {
    if !rustversion::cfg!(stable(1.95)) {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(
            !ci,
            "the diagnostic snapshots are written with Rust 1.95 and cannot be checked with \
             this toolchain; install 1.95 or rewrite the snapshots (TRYBUILD=overwrite)"
        );
        eprintln!("skipped: diagnostic snapshots are pinned to Rust 1.95");
        return;
    }
    // trybuild checks the dependencies with its flags, then checks them all again for the
    // cases, with `--diagnostic-width=140` added (about 12 s here). Cargo prefers
    // CARGO_ENCODED_RUSTFLAGS to the flags trybuild puts in its config: with trybuild's flags
    // for the cases given there, both builds match and the dependencies are checked once.
    // Nothing else runs in this process, so setting the variable races with nothing.
    std::env::set_var("CARGO_ENCODED_RUSTFLAGS", TRYBUILD_CASE_FLAGS.join("\x1f"));
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
    cases.compile_fail("tests/ui/query/*.rs");
}
