//! The webhook events the Sync for Expenses spec lists: the outcome of an expense sync
//! (`expenses.sync.successful`, `expenses.sync.unsuccessful`), and Platform's rate-limit
//! events, whose bodies are [`codat_client::webhooks::ClientRateLimitWebhook`].
//!
//! ```
//! use codat_client::webhooks::Webhook;
//! use codat_sync_expenses::webhooks::SyncForExpensesEvent;
//!
//! fn handle(webhook: &Webhook, headers: &http::HeaderMap, body: &[u8]) -> u16 {
//!     match webhook.verify_as::<SyncForExpensesEvent>(headers, body) {
//!         Ok(SyncForExpensesEvent::SyncUnsuccessful(event)) => {
//!             for transaction in event.payload.transactions.unwrap_or_default() {
//!                 println!("{:?}: {:?}", transaction.id, transaction.error_message);
//!             }
//!             204
//!         }
//!         Ok(_) => 204,
//!         Err(_) => 401,
//!     }
//! }
//! # let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
//! # assert_eq!(handle(&webhook, &http::HeaderMap::new(), b"{}"), 401);
//! ```

use codat_client::models::companies::CompanyReference;
use codat_client::string_enum;
use codat_client::webhooks::{ClientRateLimitWebhook, EventHead, WebhookEnvelope, WebhookEvent};
use serde::{Deserialize, Serialize};

/// One delivery to a Sync for Expenses webhook endpoint, matched on its event type.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum SyncForExpensesEvent {
    /// `expenses.sync.successful`: a sync wrote every one of its transactions.
    SyncSuccessful(ExpensesSyncWebhook),
    /// `expenses.sync.unsuccessful`: a sync ended with at least one transaction failed or
    /// warned about; each transaction's status and message say which.
    SyncUnsuccessful(ExpensesSyncWebhook),
    /// `client.rateLimit.reached`: the client has used up its daily request quota.
    RateLimitReached(ClientRateLimitWebhook),
    /// `client.rateLimit.reset`: the quota was renewed.
    RateLimitReset(ClientRateLimitWebhook),
    /// An event type this crate does not know, kept rather than refused.
    Unrecognized {
        /// The event type as sent.
        event_type: String,
        /// The delivery's `payload`, undecoded (`null` when absent).
        payload: serde_json::Value,
    },
}

/// The delivery of an expense sync's outcome.
pub type ExpensesSyncWebhook = WebhookEnvelope<ExpensesSyncWebhookPayload>;

/// Which sync of which company ended, and how each of its transactions fared.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpensesSyncWebhookPayload {
    /// The company the sync was for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_company: Option<CompanyReference>,
    /// The sync's id, as the create call returned it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_id: Option<String>,
    /// Every transaction of the sync.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transactions: Option<Vec<ExpensesSyncTransaction>>,
}

/// One transaction of a finished sync.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpensesSyncTransaction {
    /// The application's id of the transaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// How it fared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ExpensesSyncTransactionStatus>,
    /// Why it failed, when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
}

string_enum! {
    /// How a transaction of a finished sync fared; other values decode as `Unrecognized`.
    pub enum ExpensesSyncTransactionStatus {
        /// Codat's own `Unknown` value.
        Unknown = "Unknown",
        /// Written to the accounting software.
        Completed = "Completed",
        /// Not written: the error message says why.
        Failed = "Failed",
        /// The accounting software refused it.
        PushError = "PushError",
        /// Still to be written.
        Pending = "Pending",
    }
}

impl SyncForExpensesEvent {
    /// Decodes a delivery's body.
    pub fn from_json(body: &[u8]) -> Result<Self, serde_json::Error> {
        let head = EventHead::read(body)?;
        Ok(match head.event_type.as_str() {
            "expenses.sync.successful" => Self::SyncSuccessful(serde_json::from_slice(body)?),
            "expenses.sync.unsuccessful" => Self::SyncUnsuccessful(serde_json::from_slice(body)?),
            "client.rateLimit.reached" => Self::RateLimitReached(serde_json::from_slice(body)?),
            "client.rateLimit.reset" => Self::RateLimitReset(serde_json::from_slice(body)?),
            _ => Self::Unrecognized {
                event_type: head.event_type,
                payload: head.payload,
            },
        })
    }

    /// The event type as Codat names it, e.g. `expenses.sync.successful`.
    pub fn event_type(&self) -> &str {
        match self {
            Self::SyncSuccessful(event) | Self::SyncUnsuccessful(event) => &event.event_type,
            Self::RateLimitReached(event) | Self::RateLimitReset(event) => &event.event_type,
            Self::Unrecognized { event_type, .. } => event_type,
        }
    }
}

impl WebhookEvent for SyncForExpensesEvent {
    fn from_json(body: &[u8]) -> Result<Self, serde_json::Error> {
        SyncForExpensesEvent::from_json(body)
    }
}
