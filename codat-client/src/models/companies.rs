//! Models of the Companies operations.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::connections::Connection;
use super::DateTime;

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

/// A business whose data is reached through Codat.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Company {
    /// Codat's id of the company.
    pub id: String,
    /// The company's name.
    pub name: String,
    /// Free text kept with the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The Link URL to send the company's user to, to connect their platforms.
    pub redirect: String,
    /// When data was last pulled successfully.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync: Option<DateTime>,
    /// When the company was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<DateTime>,
    /// Who created the company, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by_user_name: Option<String>,
    /// The Codat products enabled for the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub products: Option<Vec<String>>,
    /// Up to ten key-value labels of your own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<BTreeMap<String, String>>,
    /// The parent company, for a subsidiary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_parent_company: Option<CompanyReference>,
    /// The subsidiaries, for a parent company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_subsidiary_companies: Option<Vec<CompanyReference>>,
    /// The company's connections, where the response includes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_connections: Option<Vec<Connection>>,
}

/// A short reference to a company, as other resources carry it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyReference {
    /// Codat's id of the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The company's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Free text kept with the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Links to the company elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<CompanyReferenceLinks>,
    /// The company's labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<BTreeMap<String, String>>,
}

/// Links of a [`CompanyReference`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyReferenceLinks {
    /// The company's page in the Codat Portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portal: Option<String>,
}
