//! Typed request and response bodies of the Platform API, one module per API area, and the
//! wire types every product shares ([`DateTime`], [`Page`], [`Secret`], ...), re-exported from
//! [`crate::wire`].
//!
//! Enums keep an `Unrecognized(String)` variant so that a value Codat adds later still decodes;
//! optional fields are `Option` and are left out of request bodies when `None`.

pub use crate::decimal::Decimal;
pub use crate::report_id::{InvalidReportId, ReportId};
pub(crate) use crate::string_enum;
pub use crate::wire::{DateTime, Link, Page, PageLinks, Secret};

pub mod companies;
pub mod connection_management;
pub mod connections;
pub mod custom_data_type;
pub mod integrations;
pub mod push_data;
pub mod read_data;
pub mod refresh_data;
pub mod settings;
pub mod supplemental_data;
pub mod webhooks;
