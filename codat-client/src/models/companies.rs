//! Models of the Companies operations.

use serde::{Deserialize, Serialize};

/// A company's access token for Codat's embeddable UIs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyAccessToken {
    /// Seconds until the token expires.
    pub expires_in: i64,
    /// The token itself.
    pub access_token: String,
    /// How the token is presented, e.g. `Bearer`.
    pub token_type: String,
}
