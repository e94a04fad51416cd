//! Models of the Connections operations.

use crate::string_enum;
use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use super::{DateTime, Page};
use crate::query::Queryable;

/// A link between a company and one of its platforms (accounting, banking, commerce, ...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Queryable)]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    /// Codat's id of the connection.
    pub id: String,
    /// The id of the integration used.
    pub integration_id: String,
    /// The short key of the integration, e.g. `gbol`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_key: Option<String>,
    /// The id of the platform behind the integration.
    pub source_id: String,
    /// What kind of platform it is.
    pub source_type: SourceType,
    /// The platform's name.
    pub platform_name: String,
    /// Where the company's user authorizes the connection.
    pub link_url: String,
    /// Where the connection stands.
    pub status: DataConnectionStatus,
    /// When data was last pulled through it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync: Option<DateTime>,
    /// When it was created.
    pub created: DateTime,
    /// Problems the connection has met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_connection_errors: Option<Vec<DataConnectionError>>,
    /// Platform-specific details, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_info: Option<serde_json::Map<String, serde_json::Value>>,
}

string_enum! {
    /// The kind of platform a connection or integration reaches.
    pub enum SourceType {
        /// Accounting software.
        Accounting = "Accounting",
        /// A bank.
        Banking = "Banking",
        /// A bank feed.
        BankFeed = "BankFeed",
        /// A commerce platform.
        Commerce = "Commerce",
        /// Expense management.
        Expense = "Expense",
        /// Any other kind.
        Other = "Other",
        /// Codat does not know the kind (Codat's own `Unknown` value).
        Unknown = "Unknown",
    }
}

string_enum! {
    /// Where a connection stands.
    pub enum DataConnectionStatus {
        /// Waiting for the company's user to authorize it.
        PendingAuth = "PendingAuth",
        /// Authorized and working.
        Linked = "Linked",
        /// Disconnected by you or the user.
        Unlinked = "Unlinked",
        /// The platform withdrew the authorization.
        Deauthorized = "Deauthorized",
    }
}

/// A problem a connection has met.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataConnectionError {
    /// The platform's status code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<String>,
    /// The platform's status text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_text: Option<String>,
    /// What went wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// When it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errored_on_utc: Option<DateTime>,
    /// Whether it still stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DataConnectionErrorStatus>,
    /// When it was resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_on_utc: Option<DateTime>,
}

string_enum! {
    /// Whether a connection error still stands.
    pub enum DataConnectionErrorStatus {
        /// It still stands.
        Active = "Active",
        /// It was resolved.
        Resolved = "Resolved",
    }
}

/// One page of connections.
pub type Connections = Page<Connection>;

/// Which platform a new connection is for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateConnection {
    /// The integration's four-letter key, e.g. `gbol`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_key: Option<String>,
}

/// A change of a connection's status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateConnectionStatus {
    /// The new status; `Unlinked` disconnects it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DataConnectionStatus>,
}

/// Platform-specific authorization values for a connection, by name.
pub type ConnectionAuthorization = BTreeMap<String, String>;
