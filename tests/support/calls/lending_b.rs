//! Lending (second part of its groups): one call of each of its own operations with valid inputs, keyed by operationId.

use super::Call;

/// The calls, in the spec's order.
pub fn calls() -> Vec<(&'static str, Call)> {
    vec![]
}
