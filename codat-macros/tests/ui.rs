//! Every diagnostic of `#[endpoint]`, one case each, checked against the compiler's output.
//! The snapshots were written with Rust 1.95; other toolchains may word or place notes
//! differently, so there the test is skipped rather than failed.

#[rustversion::attr(
    not(stable(1.95)),
    ignore = "diagnostic snapshots are pinned to Rust 1.95"
)]
#[test]
fn diagnostics() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
