//! An async client for the [Codat](https://codat.io) Platform API.
//!
//! One [`Codat`] value holds the configuration and one pooled HTTP client; resources such as
//! [`Codat::companies`] and [`Codat::connection_management`] expose the operations, each
//! returning a typed model or an [`Error`].
//!
//! ```no_run
//! use codat_client::Codat;
//!
//! # async fn run() -> Result<(), codat_client::Error> {
//! let codat = Codat::builder()
//!     .api_key("my-api-key")
//!     .build()?;
//! let token = codat
//!     .companies()
//!     .get_access_token("8a210b68-6988-11ed-a1eb-0242ac120002")
//!     .await?;
//! println!("{} token, valid {} s", token.token_type, token.expires_in);
//! # Ok(()) }
//! ```
//!
//! # Declaring operations
//!
//! Every operation is a bodiless `async fn` under the [`endpoint`] attribute; the attribute
//! writes the body. An application can declare an operation this crate lacks on a type of its
//! own that implements [`Resource`]:
//!
//! ```
//! use codat_client::{endpoint, Codat, Error, Resource};
//!
//! #[derive(serde::Deserialize)]
//! #[serde(rename_all = "camelCase")]
//! pub struct Token {
//!     pub access_token: String,
//! }
//!
//! pub struct MyCompanies<'a>(&'a Codat);
//!
//! impl Resource for MyCompanies<'_> {
//!     fn codat(&self) -> &Codat {
//!         self.0
//!     }
//! }
//!
//! impl MyCompanies<'_> {
//!     /// A token for the company's embedded UIs.
//!     #[endpoint(GET, "/companies/<company_id>/accessToken", errors = [401, 404])]
//!     pub async fn token(&self, company_id: &str) -> Result<Token, Error>;
//! }
//! ```
//!
//! A mistake in a declaration (an unknown method, a placeholder with no parameter, a status
//! listed twice, ...) is a compile error pointing at the offending token.
//!
//! # Queries and waiting
//!
//! - [`query`]: Codat's query language from a model's typed fields (`#[derive(Queryable)]`);
//!   a misspelt field or an operator its kind does not take is a compile error.
//! - [`wait`]: polling Codat's background work (pulls, pushes, syncs, reports) to its end,
//!   with backoff and a deadline, its progress as a stream; [`waiting`] has Platform's
//!   adapters.

// Generated code names this crate `::codat_client`, inside it too.
extern crate self as codat_client;

pub mod datetime;
pub mod decimal;
pub mod one_of;
mod platform;
pub mod query;
mod report_id;
mod runtime;
pub mod wire;

// The runtime's modules, where the rest of the crate names them.
use runtime::{client, download, error, path, rate_limit, redact, registry, request, resource};
use runtime::{response, upload};

pub use platform::{
    companies, connection_management, connections, custom_data_type, integrations, models,
    push_data, read_data, refresh_data, settings, supplemental_data, waiting,
};
pub use runtime::{hooks, limit, paging, retry, wait};
pub mod webhooks;

pub use client::{
    Codat, CodatBuilder, Resource, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_RESPONSE_BODY, DEFAULT_TIMEOUT, DEFAULT_TOTAL_TIMEOUT,
};
pub use codat_macros::{endpoint, ParamGroup};
pub use download::{file_name as content_disposition_file_name, Download};
pub use error::{
    CallContext, Error, ErrorMessage, ErrorValidation, ErrorValidationItem, Report, ResponseDetails,
};
pub use rate_limit::RateLimit;
pub use registry::operations;
pub use request::{
    BodyKind, HeaderArg, Method, Operation, ParamGroup, ParamWriter, PathPart, Query, QueryValue,
    ResponseKind, IDEMPOTENCY_KEY,
};
pub use response::{MultiStatus, Response};
pub use response::{ERROR_BODY_LIMIT, SNIPPET_LIMIT};
pub use retry::{RetryPolicy, Timer};
/// The decimal crate the models' amounts come from ([`decimal::Decimal`]), so that an application
/// names the same version.
pub use rust_decimal;
pub use upload::Upload;

/// The runtime that `#[endpoint]` expansions call. Not for use by hand: it may change in any
/// release without notice. Its name carries the version of the contract between the macro and
/// the runtime (and `codat-macros` is pinned with `=`), so that a mismatched pair fails to
/// compile instead of misbehaving.
#[doc(hidden)]
pub mod __private_0_1 {
    pub use crate::client::Resource;
    pub use crate::download::Download;
    pub use crate::registry::Declared;
    pub use crate::request::{
        execute, execute_download, execute_multi_status, execute_response, BodyKind, Method,
        Operation, ParamGroup, PathPart, Request, ResponseKind,
    };
    pub use inventory;
}
