//! The events Codat delivers, one variant per event type.

use serde::{Deserialize, Serialize};

use crate::models::companies::{Company, CompanyReference};
use crate::models::connections::Connection;
use crate::models::refresh_data::{DataType, DatasetStatus};
use crate::models::DateTime;

/// One delivery, matched on its event type.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// `company.created`
    CompanyCreated(CompanyWebhook),
    /// `company.deleted`
    CompanyDeleted(CompanyWebhook),
    /// `company.product.added`
    CompanyProductAdded(CompanyProductWebhook),
    /// `company.product.removed`
    CompanyProductRemoved(CompanyProductWebhook),
    /// `connection.created`
    ConnectionCreated(ConnectionWebhook),
    /// `connection.connected`
    ConnectionConnected(ConnectionWebhook),
    /// `connection.failed`
    ConnectionFailed(ConnectionWebhook),
    /// `connection.disconnected`
    ConnectionDisconnected(ConnectionWebhook),
    /// `connection.reconnected`
    ConnectionReconnected(ConnectionWebhook),
    /// `connection.deleted`
    ConnectionDeleted(ConnectionWebhook),
    /// `read.completed`
    ReadCompleted(ReadCompletedWebhook),
    /// `read.completed.initial`: the first read after a connection was made.
    ReadCompletedInitial(ReadCompletedWebhook),
    /// `{dataType}.write.successful`, e.g. `bills.write.successful`.
    WriteSuccessful {
        /// The data type that was written.
        data_type: DataType,
        /// The delivery.
        event: DataTypeWriteWebhook,
    },
    /// `{dataType}.write.unsuccessful`.
    WriteUnsuccessful {
        /// The data type whose write failed.
        data_type: DataType,
        /// The delivery.
        event: DataTypeWriteWebhook,
    },
    /// `client.rateLimit.reached`
    RateLimitReached(ClientRateLimitWebhook),
    /// `client.rateLimit.reset`
    RateLimitReset(ClientRateLimitWebhook),
    /// An event type this version of the crate does not know, delivered rather than refused.
    Unrecognized {
        /// The event type as sent.
        event_type: String,
        /// The delivery's `payload`, undecoded (`null` when absent).
        payload: serde_json::Value,
    },
}

/// The part of a delivery every product's event type reads first: the event type, to pick its
/// variant, and the payload undecoded, to keep for an event the product does not know.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventHead {
    /// The event type as sent, e.g. `client.rateLimit.reset`.
    pub event_type: String,
    /// The delivery's `payload`, undecoded (`null` when absent).
    #[serde(default)]
    pub payload: serde_json::Value,
}

impl EventHead {
    /// Reads the event type and payload of a delivery's body.
    pub fn read(body: &[u8]) -> Result<EventHead, serde_json::Error> {
        serde_json::from_slice(body)
    }
}

/// Only what is needed to pick the variant.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EventType {
    event_type: String,
}

/// The `payload` of an unknown event, kept as it came.
#[derive(Deserialize)]
struct RawPayload {
    #[serde(default)]
    payload: serde_json::Value,
}

impl Event {
    /// Decodes a delivery's body.
    pub fn from_json(body: &[u8]) -> Result<Event, serde_json::Error> {
        let EventType { event_type } = serde_json::from_slice(body)?;
        Ok(match event_type.as_str() {
            "company.created" => Event::CompanyCreated(serde_json::from_slice(body)?),
            "company.deleted" => Event::CompanyDeleted(serde_json::from_slice(body)?),
            "company.product.added" => Event::CompanyProductAdded(serde_json::from_slice(body)?),
            "company.product.removed" => {
                Event::CompanyProductRemoved(serde_json::from_slice(body)?)
            }
            "connection.created" => Event::ConnectionCreated(serde_json::from_slice(body)?),
            "connection.connected" => Event::ConnectionConnected(serde_json::from_slice(body)?),
            "connection.failed" => Event::ConnectionFailed(serde_json::from_slice(body)?),
            "connection.disconnected" => {
                Event::ConnectionDisconnected(serde_json::from_slice(body)?)
            }
            "connection.reconnected" => Event::ConnectionReconnected(serde_json::from_slice(body)?),
            "connection.deleted" => Event::ConnectionDeleted(serde_json::from_slice(body)?),
            "read.completed" => Event::ReadCompleted(serde_json::from_slice(body)?),
            "read.completed.initial" => Event::ReadCompletedInitial(serde_json::from_slice(body)?),
            "client.rateLimit.reached" => Event::RateLimitReached(serde_json::from_slice(body)?),
            "client.rateLimit.reset" => Event::RateLimitReset(serde_json::from_slice(body)?),
            other => match write_event(other) {
                Some((data_type, true)) => Event::WriteSuccessful {
                    data_type,
                    event: serde_json::from_slice(body)?,
                },
                Some((data_type, false)) => Event::WriteUnsuccessful {
                    data_type,
                    event: serde_json::from_slice(body)?,
                },
                None => {
                    let RawPayload { payload } = serde_json::from_slice(body)?;
                    Event::Unrecognized {
                        event_type,
                        payload,
                    }
                }
            },
        })
    }

    /// The event type as Codat names it, e.g. `connection.failed`.
    pub fn event_type(&self) -> &str {
        match self {
            Event::CompanyCreated(e) | Event::CompanyDeleted(e) => &e.event_type,
            Event::CompanyProductAdded(e) | Event::CompanyProductRemoved(e) => &e.event_type,
            Event::ConnectionCreated(e)
            | Event::ConnectionConnected(e)
            | Event::ConnectionFailed(e)
            | Event::ConnectionDisconnected(e)
            | Event::ConnectionReconnected(e)
            | Event::ConnectionDeleted(e) => &e.event_type,
            Event::ReadCompleted(e) | Event::ReadCompletedInitial(e) => &e.event_type,
            Event::WriteSuccessful { event, .. } | Event::WriteUnsuccessful { event, .. } => {
                &event.event_type
            }
            Event::RateLimitReached(e) | Event::RateLimitReset(e) => &e.event_type,
            Event::Unrecognized { event_type, .. } => event_type,
        }
    }
}

/// `bills.write.successful` → (`bills`, true); anything else that is not a write → `None`.
fn write_event(event_type: &str) -> Option<(DataType, bool)> {
    let (data_type, outcome) = event_type.split_once(".write.")?;
    let successful = match outcome {
        "successful" => true,
        "unsuccessful" => false,
        _ => return None,
    };
    (!data_type.is_empty()).then(|| (DataType::from(data_type), successful))
}

/// What every delivery carries around its payload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEnvelope<P> {
    /// The delivery's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The event type, e.g. `company.created`.
    pub event_type: String,
    /// When Codat produced the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated_date: Option<DateTime>,
    /// What the event is about.
    pub payload: P,
}

/// A company was created or deleted.
pub type CompanyWebhook = WebhookEnvelope<Company>;
/// A product was enabled or disabled for a company.
pub type CompanyProductWebhook = WebhookEnvelope<CompanyProductWebhookPayload>;
/// A connection changed state.
pub type ConnectionWebhook = WebhookEnvelope<ConnectionWebhookPayload>;
/// Codat finished reading a company's data.
pub type ReadCompletedWebhook = WebhookEnvelope<ReadCompletedWebhookPayload>;
/// A write of one data type finished.
pub type DataTypeWriteWebhook = WebhookEnvelope<DataTypeWriteWebhookPayload>;
/// Your client's daily request quota was used up, or renewed.
pub type ClientRateLimitWebhook = WebhookEnvelope<ClientRateLimitWebhookPayload>;

/// The company and product of a product change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyProductWebhookPayload {
    /// The company's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The company's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The company's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The product that was added or removed, e.g. `lending`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_id: Option<String>,
    /// Its display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_name: Option<String>,
    /// The company's products after the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub products: Option<Vec<String>>,
}

/// The connection that changed and its company.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionWebhookPayload {
    /// The company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_company: Option<CompanyReference>,
    /// The connection as it now stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection: Option<Connection>,
}

/// What a completed read covered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadCompletedWebhookPayload {
    /// The company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_company: Option<CompanyReference>,
    /// Records changed since this time were read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_from_date: Option<DateTime>,
    /// One summary per data type read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_types: Option<Vec<DataTypeReadSummary>>,
}

/// The outcome of reading one data type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataTypeReadSummary {
    /// The connection read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<String>,
    /// The data type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<DataType>,
    /// Whether any record changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records_modified: Option<bool>,
    /// How the read ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DatasetStatus>,
    /// Warnings and errors met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issues: Option<Vec<ReadIssue>>,
}

/// A problem met during a read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadIssue {
    /// The kind, e.g. `warning.validation`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// What was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Where to read more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<ReadIssueLinks>,
}

/// Links of a [`ReadIssue`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadIssueLinks {
    /// The validation logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logs: Option<String>,
}

/// What a finished write did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataTypeWriteWebhookPayload {
    /// The write operation's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What kind of write it was.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<WriteType>,
    /// The company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_company: Option<CompanyReference>,
    /// The connection written to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<String>,
    /// When the write was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_on_date: Option<DateTime>,
    /// When it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_on_date: Option<DateTime>,
    /// How it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<WriteStatus>,
    /// The record written, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<WrittenRecord>,
    /// The attachment uploaded, for an attachment upload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment_id: Option<String>,
}

/// The record a write created or changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WrittenRecord {
    /// The record's id in the platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

crate::models::string_enum! {
    /// The kind of write.
    pub enum WriteType {
        /// A record was created.
        Create = "Create",
        /// A record was updated.
        Update = "Update",
        /// A record was deleted.
        Delete = "Delete",
        /// An attachment was uploaded.
        UploadAttachment = "UploadAttachment",
    }
}

/// How a write ended: the same values as a push operation's status.
pub use crate::models::push_data::PushOperationStatus as WriteStatus;

/// The client's daily quota.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientRateLimitWebhookPayload {
    /// Requests allowed a day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_quota: Option<i64>,
    /// Requests left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota_remaining: Option<i64>,
    /// When the quota renews.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<DateTime>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_event_types_keep_their_data_type() {
        assert_eq!(
            write_event("bills.write.successful"),
            Some((DataType::Bills, true))
        );
        assert_eq!(
            write_event("banking-accounts.write.unsuccessful"),
            Some((DataType::BankingAccounts, false))
        );
        assert_eq!(
            write_event("newThing.write.successful"),
            Some((DataType::Unrecognized("newThing".into()), true))
        );
        assert_eq!(write_event("bills.write.pending"), None);
        assert_eq!(write_event(".write.successful"), None);
        assert_eq!(write_event("read.completed"), None);
    }

    #[test]
    fn unknown_event_types_are_delivered() {
        let event = Event::from_json(br#"{"eventType":"brand.new","payload":{"a":1}}"#).unwrap();
        assert_eq!(
            event,
            Event::Unrecognized {
                event_type: "brand.new".into(),
                payload: serde_json::json!({"a": 1})
            }
        );
        assert_eq!(event.event_type(), "brand.new");
    }
}
