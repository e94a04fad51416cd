//! Typed request and response bodies, one module per API area.

pub mod companies;
pub mod connection_management;
