//! The webhook event the Sync for Commerce spec lists: Platform's `connection.deleted`, whose
//! body is [`codat_client::webhooks::ConnectionWebhook`].
//!
//! ```
//! use codat_client::webhooks::Webhook;
//! use codat_sync_commerce::webhooks::SyncForCommerceEvent;
//!
//! fn handle(webhook: &Webhook, headers: &http::HeaderMap, body: &[u8]) -> u16 {
//!     match webhook.verify_as::<SyncForCommerceEvent>(headers, body) {
//!         Ok(SyncForCommerceEvent::ConnectionDeleted(event)) => {
//!             let connection = event.payload.connection.map(|c| c.id);
//!             println!("connection {connection:?} is gone: stop syncing it");
//!             204
//!         }
//!         Ok(_) => 204,
//!         Err(_) => 401,
//!     }
//! }
//! # let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
//! # assert_eq!(handle(&webhook, &http::HeaderMap::new(), b"{}"), 401);
//! ```

use codat_client::webhooks::{ConnectionWebhook, EventHead, WebhookEvent};

/// One delivery to a Sync for Commerce webhook endpoint, matched on its event type.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum SyncForCommerceEvent {
    /// `connection.deleted`: a connection of a company was removed. Boxed, as it is far
    /// larger than an unknown event.
    ConnectionDeleted(Box<ConnectionWebhook>),
    /// An event type this crate does not know, kept rather than refused.
    Unrecognized {
        /// The event type as sent.
        event_type: String,
        /// The delivery's `payload`, undecoded (`null` when absent).
        payload: serde_json::Value,
    },
}

impl SyncForCommerceEvent {
    /// Decodes a delivery's body.
    pub fn from_json(body: &[u8]) -> Result<Self, serde_json::Error> {
        let head = EventHead::read(body)?;
        Ok(match head.event_type.as_str() {
            "connection.deleted" => {
                Self::ConnectionDeleted(Box::new(serde_json::from_slice(body)?))
            }
            _ => Self::Unrecognized {
                event_type: head.event_type,
                payload: head.payload,
            },
        })
    }

    /// The event type as Codat names it, e.g. `connection.deleted`.
    pub fn event_type(&self) -> &str {
        match self {
            Self::ConnectionDeleted(event) => &event.event_type,
            Self::Unrecognized { event_type, .. } => event_type,
        }
    }
}

impl WebhookEvent for SyncForCommerceEvent {
    fn from_json(body: &[u8]) -> Result<Self, serde_json::Error> {
        SyncForCommerceEvent::from_json(body)
    }
}
