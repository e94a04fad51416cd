//! Models of Codat's [Sync for Payables](https://docs.codat.io/sync-for-payables/overview) API:
//! bills, bill payments, suppliers and bank accounts written to and read from a business's
//! accounting software, and the mapping options that pick accounts and tax rates.
//!
//! # Crate organisation
//!
//! - [`models`]: the request and response bodies of the product's operations, one module
//!   per group of operations (bills, bill payments, suppliers, ...), all re-exported at the
//!   top of the module. They are generated from Codat's OpenAPI spec.
//! - Companies, connections, push operations and other Platform resources are in
//!   [`codat_client`], shared by every product crate; models here use its types (such as
//!   [`codat_client::models::DateTime`] and [`codat_client::models::Page`]) where Platform
//!   defines them.
//!
//! Enums keep an `Unknown(String)` variant, so a value Codat adds later still decodes.

pub mod models;
