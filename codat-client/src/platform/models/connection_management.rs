//! Models of the Connection management operations.

use serde::{Deserialize, Serialize};

/// A token for the embedded connection management UI.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionManagementAccessToken {
    /// The token; Codat does not mark it required, so it may be absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
}

/// The origins allowed to call Codat from a browser (CORS).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionManagementAllowedOrigins {
    /// Origins such as `https://www.example.com`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_origins: Option<Vec<String>>,
}
