//! The end-to-end tests: every crate of the workspace together, over loopback servers, in one
//! test binary so that the suite links once. Each module is one subject.

#![allow(unreachable_pub)] // a test module's `pub` is reachable from no other crate

mod support;

mod api;
mod conformance;
mod custom_operation;
mod get_access_token;
mod limits;
mod load;
mod money;
mod paging;
mod prism;
mod query;
mod redaction;
mod resilience;
mod shapes;
mod wait;
mod wait_log;
mod webhooks;
