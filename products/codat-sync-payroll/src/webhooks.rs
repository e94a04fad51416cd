//! The webhook events the Sync for Payroll spec lists. Both are Platform's rate-limit events;
//! their bodies are [`codat_client::webhooks::ClientRateLimitWebhook`].
//!
//! ```
//! use codat_client::webhooks::Webhook;
//! use codat_sync_payroll::webhooks::SyncForPayrollEvent;
//!
//! fn handle(webhook: &Webhook, headers: &http::HeaderMap, body: &[u8]) -> u16 {
//!     match webhook.verify_as::<SyncForPayrollEvent>(headers, body) {
//!         Ok(SyncForPayrollEvent::RateLimitReset(event)) => {
//!             println!("{:?} requests left today", event.payload.quota_remaining);
//!             204
//!         }
//!         Ok(_) => 204,
//!         Err(_) => 401,
//!     }
//! }
//! # let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
//! # assert_eq!(handle(&webhook, &http::HeaderMap::new(), b"{}"), 401);
//! ```

// The spec also lists "Client rate limit reached" and "Client rate limit reset", keyed by
// title and marked deprecated: they are the same two events under older names (their
// descriptions point to `client.rateLimit.reached` and `client.rateLimit.reset`), so they get
// no variants of their own.

use codat_client::webhooks::{ClientRateLimitWebhook, EventHead, WebhookEvent};

/// One delivery to a Sync for Payroll webhook endpoint, matched on its event type.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum SyncForPayrollEvent {
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

impl SyncForPayrollEvent {
    /// Decodes a delivery's body.
    pub fn from_json(body: &[u8]) -> Result<Self, serde_json::Error> {
        let head = EventHead::read(body)?;
        Ok(match head.event_type.as_str() {
            "client.rateLimit.reached" => Self::RateLimitReached(serde_json::from_slice(body)?),
            "client.rateLimit.reset" => Self::RateLimitReset(serde_json::from_slice(body)?),
            _ => Self::Unrecognized {
                event_type: head.event_type,
                payload: head.payload,
            },
        })
    }

    /// The event type as Codat names it, e.g. `client.rateLimit.reset`.
    pub fn event_type(&self) -> &str {
        match self {
            Self::RateLimitReached(event) | Self::RateLimitReset(event) => &event.event_type,
            Self::Unrecognized { event_type, .. } => event_type,
        }
    }
}

impl WebhookEvent for SyncForPayrollEvent {
    fn from_json(body: &[u8]) -> Result<Self, serde_json::Error> {
        SyncForPayrollEvent::from_json(body)
    }
}
