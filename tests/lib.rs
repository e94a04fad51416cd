//! End-to-end tests of the codat-rs workspace: the `e2e` test binary (`main.rs`) runs every
//! crate together over loopback servers; the benchmarks live in `../benches`.

/// The README's Rust examples, compiled as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
