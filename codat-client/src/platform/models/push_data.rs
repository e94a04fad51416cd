//! Models of the Push data operations.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::refresh_data::DataType;
use super::{DateTime, Page};
use crate::query::Queryable;

/// The shape a platform accepts when creating or updating records of one data type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushOption {
    /// The kind of value.
    #[serde(rename = "type")]
    pub kind: PushOptionType,
    /// The name to show.
    pub display_name: String,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether it must be given.
    pub required: bool,
    /// The fields, for an object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<BTreeMap<String, PushOptionProperty>>,
    /// The allowed values, for a choice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<PushOptionChoice>>,
    /// Rules the platform applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<PushValidationInfo>,
}

/// One field of a [`PushOption`], possibly with fields of its own. Every field defaults, so
/// that deeply nested options that are cut short still decode.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushOptionProperty {
    /// The kind of value.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<PushOptionType>,
    /// The name to show.
    #[serde(default)]
    pub display_name: String,
    /// What it is for.
    #[serde(default)]
    pub description: String,
    /// Whether it must be given.
    #[serde(default)]
    pub required: bool,
    /// Its fields, for an object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<BTreeMap<String, PushOptionProperty>>,
    /// The allowed values, for a choice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<PushOptionChoice>>,
    /// Rules the platform applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<PushValidationInfo>,
}

/// One allowed value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushOptionChoice {
    /// The value to send.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The kind of value.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<PushOptionType>,
    /// The name to show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// What it means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether it must be given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
}

super::string_enum! {
    /// The kind of value a push option takes.
    pub enum PushOptionType {
        /// A list.
        Array = "Array",
        /// An object with fields.
        Object = "Object",
        /// Text.
        String = "String",
        /// A number.
        Number = "Number",
        /// True or false.
        Boolean = "Boolean",
        /// A date and time.
        DateTime = "DateTime",
        /// A file.
        File = "File",
        /// A multipart upload.
        MultiPart = "MultiPart",
    }
}

/// Warnings and notes about the fields of a push option.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushValidationInfo {
    /// Rules that may refuse a record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warnings: Option<Vec<PushFieldValidation>>,
    /// Things worth knowing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub information: Option<Vec<PushFieldValidation>>,
}

/// One rule about a field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushFieldValidation {
    /// The field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The rule.
    pub details: String,
    /// Where to read more.
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// A write to a company's platform and how it went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Queryable)]
#[serde(rename_all = "camelCase")]
pub struct PushOperation {
    /// The records it changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<PushOperationChange>>,
    /// The data type written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<DataType>,
    /// The company.
    pub company_id: String,
    /// The operation's id.
    pub push_operation_key: String,
    /// The connection written to.
    pub data_connection_key: String,
    /// When it was asked for.
    pub requested_on_utc: DateTime,
    /// When it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_on_utc: Option<DateTime>,
    /// Minutes it may take before it times out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_in_minutes: Option<i32>,
    /// Seconds it may take (superseded by minutes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_in_seconds: Option<i32>,
    /// How it stands.
    pub status: PushOperationStatus,
    /// What went wrong, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// Validation findings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[query(skip)]
    pub validation: Option<PushValidation>,
    /// The platform's HTTP status for the write.
    pub status_code: i64,
}

/// One page of push operations.
pub type PushOperations = Page<PushOperation>;

/// One record a push operation changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushOperationChange {
    /// What happened to it.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<PushChangeType>,
    /// The record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_ref: Option<PushOperationRef>,
    /// The attachment, for an upload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment_id: Option<String>,
}

/// A record touched by a push operation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushOperationRef {
    /// The record's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its data type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<DataType>,
}

super::string_enum! {
    /// What a push operation did to a record.
    pub enum PushChangeType {
        /// Codat does not know (Codat's own `Unknown` value).
        Unknown = "Unknown",
        /// Created it.
        Created = "Created",
        /// Changed it.
        Modified = "Modified",
        /// Deleted it.
        Deleted = "Deleted",
        /// Attached a file to it.
        AttachmentUploaded = "AttachmentUploaded",
    }
}

super::string_enum! {
    /// Where a push operation stands.
    pub enum PushOperationStatus {
        /// Not finished.
        Pending = "Pending",
        /// It failed.
        Failed = "Failed",
        /// It succeeded.
        Success = "Success",
        /// It took too long.
        TimedOut = "TimedOut",
    }
}

/// Validation findings of a push operation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushValidation {
    /// Problems that failed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<crate::error::ErrorValidationItem>>,
    /// Problems worth a look.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warnings: Option<Vec<crate::error::ErrorValidationItem>>,
}
