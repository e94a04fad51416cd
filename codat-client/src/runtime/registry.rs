//! Every operation declared with `#[endpoint]` in the program, collected at start-up.

use crate::request::Operation;

/// One declared operation; each expansion submits one.
#[derive(Debug)]
pub struct Declared(pub &'static Operation);

inventory::collect!(Declared);

/// Every operation declared with `#[endpoint]` in this program, this crate's and any other
/// crate's, in no particular order. The spec conformance test reads it; an application can use
/// it to list or document what it calls.
pub fn operations() -> impl Iterator<Item = &'static Operation> {
    inventory::iter::<Declared>
        .into_iter()
        .map(|declared| declared.0)
}
