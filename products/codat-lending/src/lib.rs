//! Models of Codat's [Lending](https://docs.codat.io/lending/overview) API:
//! a borrower's accounting, banking and commerce data, and the reports Codat builds
//! from it (financial statements, categorized bank statements, data integrity, loan
//! summaries), plus loan writeback.
//!
//! # Crate organisation
//!
//! - [`models`]: the request and response bodies of the product's operations, one module
//!   per group of operations, all re-exported at the top of the module. They are generated
//!   from Codat's OpenAPI spec.
//! - Companies, connections, push operations and other Platform resources are in
//!   [`codat_client`], shared by every product crate; models here use its types (such as
//!   [`codat_client::models::DateTime`] and [`codat_client::models::Page`]) where Platform
//!   defines them.
//!
//! Enums keep an `Unknown(String)` variant, so a value Codat adds later still decodes.

pub mod models;
