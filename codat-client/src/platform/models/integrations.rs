//! Models of the Integrations operations.

use serde::{Deserialize, Serialize};

use super::connections::SourceType;
use super::refresh_data::DataType;
use super::Page;
use crate::query::Queryable;

/// A platform Codat connects to, as configured for your client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Queryable)]
#[serde(rename_all = "camelCase")]
pub struct Integration {
    /// The four-letter key, e.g. `gbol`.
    pub key: String,
    /// The platform's logo.
    pub logo_url: String,
    /// The platform's name.
    pub name: String,
    /// Whether you enabled it.
    pub enabled: bool,
    /// The id of the platform behind it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
    /// What kind of platform it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_type: Option<SourceType>,
    /// The integration's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_id: Option<String>,
    /// Whether it runs through an offline connector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_offline_connector: Option<bool>,
    /// Whether it is in beta.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_beta: Option<bool>,
    /// Who provides the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_provided_by: Option<String>,
    /// What it supports, per data type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datatype_features: Option<Vec<DataTypeFeature>>,
}

/// One page of integrations.
pub type Integrations = Page<Integration>;

/// What an integration supports for one data type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataTypeFeature {
    /// The data type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<DataType>,
    /// The features and their state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supported_features: Option<Vec<SupportedFeature>>,
}

/// One feature of a data type and how far along it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupportedFeature {
    /// The feature.
    pub feature_type: FeatureType,
    /// Its state.
    pub feature_state: FeatureState,
}

super::string_enum! {
    /// A feature an integration may support for a data type.
    pub enum FeatureType {
        /// Reading.
        Get = "Get",
        /// Creating.
        Post = "Post",
        /// Categorizing.
        Categorization = "Categorization",
        /// Deleting.
        Delete = "Delete",
        /// Updating.
        Put = "Put",
        /// Reading as PDF.
        GetAsPdf = "GetAsPdf",
        /// Downloading an attachment.
        DownloadAttachment = "DownloadAttachment",
        /// Reading an attachment.
        GetAttachment = "GetAttachment",
        /// Listing attachments.
        GetAttachments = "GetAttachments",
        /// Uploading an attachment.
        UploadAttachment = "UploadAttachment",
    }
}

super::string_enum! {
    /// How far along a feature is.
    pub enum FeatureState {
        /// Generally available.
        Release = "Release",
        /// Early testing.
        Alpha = "Alpha",
        /// Testing.
        Beta = "Beta",
        /// Being withdrawn.
        Deprecated = "Deprecated",
        /// Not offered by the platform.
        NotSupported = "NotSupported",
        /// Not built yet.
        NotImplemented = "NotImplemented",
    }
}

/// The logos and buttons to show for a platform.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Branding {
    /// Logos.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<BrandingLogo>,
    /// Button images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub button: Option<BrandingButton>,
    /// The id of the platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
}

/// A platform's logos.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BrandingLogo {
    /// The full logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full: Option<BrandingImage>,
    /// The square icon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub square: Option<BrandingImage>,
}

/// A platform's button images.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BrandingButton {
    /// At rest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<BrandingImage>,
    /// Under the pointer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hover: Option<BrandingImage>,
}

/// One image.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BrandingImage {
    /// Where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<ImageReference>,
}

/// The location and alternative text of an image.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageReference {
    /// Its URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    /// Its alternative text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
}
