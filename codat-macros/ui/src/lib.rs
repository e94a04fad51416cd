//! Nothing to use: this package holds the compile-fail snapshots of codat-macros and the
//! query builder, in `tests/ui`, run by `cargo test -p codat-macros-ui`.
