//! Models of the Companies operations.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::connections::Connection;
use super::refresh_data::DataType;
use super::{DateTime, Page};
use crate::query::Queryable;

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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Queryable)]
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Queryable)]
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
    #[query(skip)]
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

/// One page of companies.
pub type Companies = Page<Company>;

/// What a company is created, or wholly replaced, with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyRequestBody {
    /// The company's name (letters, digits, spaces and simple punctuation).
    pub name: String,
    /// Free text kept with the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Up to ten labels of your own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<BTreeMap<String, String>>,
}

/// The fields of a company to change; those left `None` stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyUpdateRequest {
    /// A new name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A new description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New labels, replacing the old ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<BTreeMap<String, String>>,
}

/// Which data types to refresh for a product.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefreshProductData {
    /// The data types; all of the product's when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_types: Option<Vec<String>>,
}

/// How and when Codat reads each data type for one company.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanySyncSettings {
    /// The company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<String>,
    /// One setting per data type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Vec<SyncSetting>>,
    /// Whether these settings replace your client-wide defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overrides_defaults: Option<bool>,
}

/// How and when one data type is read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncSetting {
    /// The data type.
    pub data_type: DataType,
    /// Whether it is read as soon as a connection is made.
    pub fetch_on_first_link: bool,
    /// Hours between reads.
    pub sync_schedule: i64,
    /// Where it comes in the order of reads.
    pub sync_order: i64,
    /// Read records from this date on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_from_utc: Option<DateTime>,
    /// Read records from this many months back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_from_window: Option<i64>,
    /// How many months of history to read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months_to_sync: Option<i64>,
    /// Whether the setting is locked against change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_locked: Option<bool>,
}

/// The optional parameters of listing companies (`list-companies`) besides paging.
#[derive(Clone, Debug, Default, PartialEq, Eq, crate::ParamGroup)]
#[non_exhaustive]
pub struct ListCompaniesParams {
    /// Only companies whose tags match this filter.
    #[query]
    pub tags: Option<String>,
}
