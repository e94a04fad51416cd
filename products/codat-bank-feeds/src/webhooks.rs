//! The webhook events the Bank Feeds spec lists: a source account connected to or
//! disconnected from its target account, and Platform's two rate-limit events (their bodies
//! are [`codat_client::webhooks::ClientRateLimitWebhook`]).
//!
//! ```
//! use codat_bank_feeds::webhooks::BankFeedsEvent;
//! use codat_client::webhooks::Webhook;
//!
//! fn handle(webhook: &Webhook, headers: &http::HeaderMap, body: &[u8]) -> u16 {
//!     match webhook.verify_as::<BankFeedsEvent>(headers, body) {
//!         Ok(BankFeedsEvent::SourceAccountDisconnected(event)) => {
//!             println!("feed stopped on connection {:?}", event.payload.connection_id);
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
use codat_client::webhooks::{ClientRateLimitWebhook, EventHead, WebhookEnvelope, WebhookEvent};
use serde::Deserialize;

use crate::models::CreateSourceAccountResponse;

/// One delivery to a Bank Feeds webhook endpoint, matched on its event type.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum BankFeedsEvent {
    /// `bankFeeds.sourceAccount.connected`: the business mapped a source account to a target
    /// account, so its feed now runs.
    SourceAccountConnected(SourceAccountWebhook),
    /// `bankFeeds.sourceAccount.disconnected`: the source account's feed was disconnected.
    SourceAccountDisconnected(SourceAccountWebhook),
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

/// A source account's feed was connected or disconnected.
pub type SourceAccountWebhook = WebhookEnvelope<SourceAccountWebhookPayload>;

/// Which source account changed, of which company and connection.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceAccountWebhookPayload {
    /// The company.
    #[serde(default)]
    pub reference_company: Option<CompanyReference>,
    /// The company's id; Codat still sends it, but marks it deprecated in favour of
    /// `reference_company`.
    #[serde(default)]
    pub company_id: Option<String>,
    /// The connection of the feed.
    #[serde(default)]
    pub connection_id: Option<String>,
    /// The source account as it now stands, of either version.
    #[serde(default)]
    pub source_account: Option<CreateSourceAccountResponse>,
}

impl BankFeedsEvent {
    /// Decodes a delivery's body.
    pub fn from_json(body: &[u8]) -> Result<Self, serde_json::Error> {
        let head = EventHead::read(body)?;
        Ok(match head.event_type.as_str() {
            "bankFeeds.sourceAccount.connected" => {
                Self::SourceAccountConnected(serde_json::from_slice(body)?)
            }
            "bankFeeds.sourceAccount.disconnected" => {
                Self::SourceAccountDisconnected(serde_json::from_slice(body)?)
            }
            "client.rateLimit.reached" => Self::RateLimitReached(serde_json::from_slice(body)?),
            "client.rateLimit.reset" => Self::RateLimitReset(serde_json::from_slice(body)?),
            _ => Self::Unrecognized {
                event_type: head.event_type,
                payload: head.payload,
            },
        })
    }

    /// The event type as Codat names it, e.g. `bankFeeds.sourceAccount.connected`.
    pub fn event_type(&self) -> &str {
        match self {
            Self::SourceAccountConnected(event) | Self::SourceAccountDisconnected(event) => {
                &event.event_type
            }
            Self::RateLimitReached(event) | Self::RateLimitReset(event) => &event.event_type,
            Self::Unrecognized { event_type, .. } => event_type,
        }
    }
}

impl WebhookEvent for BankFeedsEvent {
    fn from_json(body: &[u8]) -> Result<Self, serde_json::Error> {
        BankFeedsEvent::from_json(body)
    }
}
