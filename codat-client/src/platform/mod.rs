//! The Platform API: companies, connections, data refreshes, push and write operations,
//! settings and the rest, declared with `#[endpoint]` on resource types, and their models.
//! Every product crate reuses these declarations for the Platform operations its spec repeats.

pub mod companies;
pub mod connection_management;
pub mod connections;
pub mod custom_data_type;
pub mod integrations;
pub mod models;
pub mod push_data;
pub mod read_data;
pub mod refresh_data;
pub mod settings;
pub mod supplemental_data;
pub mod waiting;
