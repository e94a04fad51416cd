//! The type rules of the query builder, as compile errors: a misspelt field, an operator the
//! field's kind does not allow, a clause or an order on an array, fields of two models in one
//! filter, a value of the wrong type, mistakes in `#[derive(Queryable)]`, a `#[params]` value
//! that is not a parameter group and a setter given the wrong type. The snapshots
//! were written with Rust 1.95; elsewhere the test is skipped with a notice, except in CI.

#[test]
fn query_type_rules() {
    if !rustversion::cfg!(stable(1.95)) {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(
            !ci,
            "the snapshots are written with Rust 1.95; install it or rewrite them"
        );
        eprintln!("skipped: diagnostic snapshots are pinned to Rust 1.95");
        return;
    }
    trybuild::TestCases::new().compile_fail("tests/query_ui/*.rs");
}
