//! The runtime every declared operation runs on, whatever the product: the client and its
//! configuration, the one executor (`request`), status mapping (`response`), retries, path
//! encoding, paging, rate limits, uploads and downloads, errors, and the registry of declared
//! operations. It knows no API area's models.

pub(crate) mod client;
pub(crate) mod download;
pub(crate) mod error;
pub mod hooks;
pub mod limit;
pub mod paging;
pub(crate) mod path;
pub(crate) mod rate_limit;
pub(crate) mod redact;
pub(crate) mod registry;
pub(crate) mod request;
pub(crate) mod resource;
pub(crate) mod response;
pub mod retry;
pub(crate) mod upload;
pub mod wait;
