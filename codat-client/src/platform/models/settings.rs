//! Models of the Settings operations.

use serde::{Deserialize, Serialize};

use super::companies::SyncSetting;
use super::{DateTime, Secret};

/// Your Codat client's profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// Your organization's name, shown to companies' users.
    pub name: String,
    /// Your logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// Your icon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_url: Option<String>,
    /// Where Link sends a user when they are done; may contain `{companyId}`.
    pub redirect_url: String,
    /// URLs allowed to talk to Codat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub white_list_urls: Option<Vec<String>>,
    /// An API key, in old responses; redacted in `Debug`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<Secret>,
    /// Whether users confirm the company name (no longer used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm_company_name: Option<bool>,
}

/// Your client-wide sync settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncSettings {
    /// Your client's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// One setting per data type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Vec<SyncSetting>>,
    /// Whether these replace Codat's defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overrides_defaults: Option<bool>,
}

/// Your API keys.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeys {
    /// The keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<Vec<ApiKeyDetails>>,
}

/// One API key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyDetails {
    /// The key's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The key itself; redacted in `Debug`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<Secret>,
    /// When it was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_date: Option<DateTime>,
}

/// What a new API key is made with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateApiKey {
    /// A name for it (up to 50 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}
