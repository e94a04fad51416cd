//! Models of the Supplemental data operations.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Extra fields to read and write for one data type of one platform, by your name for each
/// source object.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupplementalDataConfiguration {
    /// The configuration of each source object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplemental_data_config: Option<BTreeMap<String, SupplementalDataSourceConfiguration>>,
}

/// Where supplemental data comes from and which properties to map.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupplementalDataSourceConfiguration {
    /// The platform's endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_source: Option<String>,
    /// Your property names mapped to the platform's, for reading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pull_data: Option<BTreeMap<String, String>>,
    /// Your property names mapped to the platform's, for writing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub push_data: Option<BTreeMap<String, String>>,
}
