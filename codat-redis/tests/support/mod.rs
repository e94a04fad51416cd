//! What the tests share: real Redis servers, a Codat stand-in that keeps Codat's limits, and
//! worker processes.

pub(crate) mod codat;
pub(crate) mod receiver;
pub(crate) mod redis;
pub(crate) mod worker;
