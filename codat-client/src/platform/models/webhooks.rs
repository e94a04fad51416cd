//! Models of the Webhooks operations (webhook consumers).

use serde::{Deserialize, Serialize};

use super::Secret;

/// An endpoint of yours that receives Codat's webhooks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookConsumer {
    /// Codat's id of the consumer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Where deliveries are sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Whether deliveries are paused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    /// The event types it receives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_types: Option<Vec<String>>,
    /// Only events of companies with these tags are sent, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_tags: Option<Vec<String>>,
}

/// What a new webhook consumer is created with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookConsumerPrototype {
    /// Where deliveries are sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Whether deliveries start paused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    /// The event types to receive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_types: Option<Vec<String>>,
    /// Only events of companies with these tags, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_tags: Option<Vec<String>>,
}

/// Your webhook consumers (at most 50).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookConsumers {
    /// The consumers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<Vec<WebhookConsumer>>,
}

/// A new key for the Zapier integration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookZapierKey {
    /// The key; redacted in `Debug`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<Secret>,
}
