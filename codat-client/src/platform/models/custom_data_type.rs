//! Models of the Custom data type operations.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::DateTime;

/// How a custom data type is read from a platform.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomDataTypeConfiguration {
    /// The platform's endpoint to read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_source: Option<String>,
    /// Your property names mapped to the platform's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_data: Option<BTreeMap<String, String>>,
    /// The properties that identify a record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_by: Option<Vec<String>>,
    /// The properties that tell when a record changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_modified_date: Option<Vec<String>>,
}

/// A page of custom data type records.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomDataTypeRecords {
    /// The records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<Vec<CustomDataTypeRecord>>,
    /// This page's number, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_number: Option<i64>,
    /// Records per page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i64>,
    /// Records in all pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_results: Option<i64>,
}

/// One record of a custom data type.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomDataTypeRecord {
    /// The record's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The mapped properties, as read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<BTreeMap<String, serde_json::Value>>,
    /// When Codat last refreshed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_date: Option<ModifiedDate>,
}

/// When Codat last refreshed a record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModifiedDate {
    /// The time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_date: Option<DateTime>,
}

impl crate::paging::Paged for CustomDataTypeRecords {
    type Item = CustomDataTypeRecord;
    fn into_items(self) -> (Vec<CustomDataTypeRecord>, crate::paging::PageCount) {
        let count = match self.total_results.zip(self.page_size) {
            Some((total, size)) => crate::paging::PageCount::from_total(total, size, None),
            None => crate::paging::PageCount {
                pages: None,
                has_next: None,
            },
        };
        (self.results.unwrap_or_default(), count)
    }
}

/// The optional parameters of listing a custom data type's records
/// (`list-custom-data-type-records`): paging without a query or an order.
#[derive(Clone, Debug, Default, PartialEq, Eq, crate::ParamGroup)]
#[non_exhaustive]
pub struct ListCustomDataTypeRecordsParams {
    /// The page, from 1.
    #[query]
    pub page: Option<i32>,
    /// Records per page (Codat allows up to 5,000).
    #[query]
    pub page_size: Option<i32>,
}
