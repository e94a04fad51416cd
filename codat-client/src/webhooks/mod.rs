//! Receiving Codat's webhooks: signature verification and typed events.
//!
//! Codat signs each delivery the Standard Webhooks way (as Svix does): the headers
//! `webhook-id`, `webhook-timestamp` and `webhook-signature` (also sent as `svix-*`) carry an
//! HMAC-SHA256 of `id.timestamp.body` under the endpoint's secret. [`Webhook::verify`] checks
//! it, refuses stale or future timestamps, and decodes the body into an [`Event`].
//!
//! Codat delivers each message at least once. [`Webhook::verify_once`] also drops repeats:
//! it records each verified `webhook-id` in a [`SeenStore`] (in memory unless set) and reports
//! a second delivery of it as [`WebhookError::Repeat`].
//!
//! ```
//! use codat_client::webhooks::{Event, Webhook};
//!
//! fn handle(headers: &http::HeaderMap, body: &[u8]) -> u16 {
//!     let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
//!     match webhook.verify(headers, body) {
//!         Ok(Event::ConnectionFailed(event)) => {
//!             eprintln!("connection failed: {:?}", event.payload.connection);
//!             204
//!         }
//!         Ok(_) => 204,
//!         Err(err) => {
//!             eprintln!("refused a delivery: {err}");
//!             400
//!         }
//!     }
//! }
//! ```

mod consumers;
mod events;
mod seen;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub use consumers::Webhooks;
pub use events::*;
pub use seen::{MemorySeen, SeenError, SeenFuture, SeenStore, SEEN_TTL};

type HmacSha256 = Hmac<Sha256>;

/// A type that a verified delivery decodes into: Platform's [`Event`], or a product crate's
/// own event enum (which should keep event types it does not know rather than fail).
pub trait WebhookEvent: Sized {
    /// Decodes a delivery's body.
    fn from_json(body: &[u8]) -> Result<Self, serde_json::Error>;
}

impl WebhookEvent for Event {
    fn from_json(body: &[u8]) -> Result<Self, serde_json::Error> {
        Event::from_json(body)
    }
}

/// How far a delivery's timestamp may be from now unless set otherwise.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// Verifies deliveries for one webhook endpoint. The secret never appears in any output.
///
/// Clones share the store of seen ids: keep one `Webhook` (or clones of it) for the life of
/// the receiver, not one per delivery, for [`verify_once`](Self::verify_once) to see repeats.
#[derive(Clone)]
pub struct Webhook {
    key: Vec<u8>,
    tolerance: Duration,
    seen: Arc<dyn SeenStore>,
    seen_ttl: Duration,
}

/// Why a delivery was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The secret is not `whsec_` followed by base64 (or plain base64).
    #[error("the webhook secret is not valid: expected `whsec_` followed by base64")]
    InvalidSecret,
    /// A required header is absent (under both its `webhook-` and `svix-` names).
    #[error("the delivery has no `{0}` header")]
    MissingHeader(&'static str),
    /// A header is present but unreadable.
    #[error("the delivery's `{0}` header is not valid")]
    InvalidHeader(&'static str),
    /// The timestamp is older than the tolerance: possibly a replay.
    #[error("the delivery's timestamp is {} s old, beyond the tolerance", .0.as_secs())]
    TimestampTooOld(Duration),
    /// The timestamp is further in the future than the tolerance.
    #[error("the delivery's timestamp is {} s in the future, beyond the tolerance", .0.as_secs())]
    TimestampInFuture(Duration),
    /// No signature matches: the body, id or timestamp was changed, or the secret is wrong.
    #[error("no signature of the delivery matches")]
    InvalidSignature,
    /// The delivery is authentic but its body does not decode as the event it says it is (or
    /// is not a Codat event at all). The verified body is kept, so that a receiver can store it
    /// and answer 2xx rather than have Codat send it again for a day.
    #[error(
        "the verified delivery{} does not decode as a Codat event: {source}",
        EventTypeHint(event_type)
    )]
    Decode {
        /// The delivery's `eventType`, when its body is a JSON object that has one.
        event_type: Option<String>,
        /// The body, verified.
        body: VerifiedBody,
        /// Why it does not decode (with the line and column).
        #[source]
        source: serde_json::Error,
    },
    /// The delivery is authentic and its id was recorded before: Codat sent it again. Answer
    /// 2xx without handling it, so that Codat stops sending it.
    #[error("the delivery `{id}` was received before")]
    Repeat {
        /// The delivery's `webhook-id`.
        id: String,
    },
    /// The delivery is authentic, but the store of seen ids could not tell whether it is a
    /// repeat. Answer 5xx, so that Codat tries again later.
    #[error("could not tell whether the delivery was received before: {0}")]
    Seen(#[source] SeenError),
}

/// The body of a delivery whose signature was verified. Its `Debug` shows its length only:
/// a delivery may carry a company's data.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifiedBody(Vec<u8>);

impl VerifiedBody {
    /// The body as received.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The body as received, owned.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
}

impl std::fmt::Debug for VerifiedBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "VerifiedBody({} bytes)", self.0.len())
    }
}

/// ` of `{type}`` for a delivery that names its type.
struct EventTypeHint<'a>(&'a Option<String>);

impl std::fmt::Display for EventTypeHint<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(event_type) => write!(f, " of `{event_type}`"),
            None => Ok(()),
        }
    }
}

/// The `eventType` of a body that is a JSON object with one.
fn event_type_of(body: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Named {
        event_type: Option<String>,
    }
    serde_json::from_slice::<Named>(body).ok()?.event_type
}

const ID: [&str; 2] = ["webhook-id", "svix-id"];
const TIMESTAMP: [&str; 2] = ["webhook-timestamp", "svix-timestamp"];
const SIGNATURE: [&str; 2] = ["webhook-signature", "svix-signature"];

impl Webhook {
    /// A verifier for the endpoint secret shown by Codat (`whsec_...`).
    pub fn new(secret: &str) -> Result<Webhook, WebhookError> {
        let encoded = secret.trim();
        let encoded = encoded.strip_prefix("whsec_").unwrap_or(encoded);
        let key = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|_| WebhookError::InvalidSecret)?;
        if key.is_empty() {
            return Err(WebhookError::InvalidSecret);
        }
        Ok(Webhook {
            key,
            tolerance: DEFAULT_TOLERANCE,
            seen: Arc::new(MemorySeen::new()),
            seen_ttl: SEEN_TTL,
        })
    }

    /// How far a timestamp may be from now, either way ([`DEFAULT_TOLERANCE`] unless set).
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Where [`verify_once`](Self::verify_once) records the ids of deliveries: one shared by
    /// every replica of the receiver, rather than the [`MemorySeen`] of this process.
    pub fn seen_store(mut self, store: impl SeenStore) -> Self {
        self.seen = Arc::new(store);
        self
    }

    /// How long [`verify_once`](Self::verify_once) keeps an id ([`SEEN_TTL`] unless set). A
    /// time shorter than Codat's retry window of about 28 hours lets late retries through.
    pub fn seen_ttl(mut self, ttl: Duration) -> Self {
        self.seen_ttl = ttl;
        self
    }

    /// Verifies a delivery with the headers a server framework gives (axum, hyper, reqwest),
    /// and decodes it as a Platform [`Event`].
    pub fn verify(&self, headers: &http::HeaderMap, body: &[u8]) -> Result<Event, WebhookError> {
        self.verify_as(headers, body)
    }

    /// [`verify`](Self::verify) decoding into a product's own event type.
    pub fn verify_as<E: WebhookEvent>(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<E, WebhookError> {
        self.verified_header_map(headers, body)?;
        decode(body)
    }

    /// [`verify`](Self::verify), then records the delivery's id, so that a repeat is
    /// [`WebhookError::Repeat`] rather than a second event to handle.
    ///
    /// Nothing is recorded for a delivery that fails verification. An authentic delivery
    /// whose body does not decode is recorded and is [`WebhookError::Decode`]. When the store
    /// fails it is [`WebhookError::Seen`]: answer 5xx so that Codat tries again. When the
    /// handling of an event fails, [`forget`](Self::forget) its id before answering 5xx, or
    /// Codat's next try would be a repeat.
    ///
    /// ```
    /// use codat_client::webhooks::{Webhook, WebhookError};
    /// use http::HeaderMap;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    /// let body = br#"{"eventType":"client.rateLimit.reset","payload":{"quotaRemaining":12000}}"#;
    /// let now = std::time::SystemTime::now()
    ///     .duration_since(std::time::UNIX_EPOCH)
    ///     .unwrap()
    ///     .as_secs();
    /// let mut headers = HeaderMap::new();
    /// headers.insert("webhook-id", "msg_1".parse().unwrap());
    /// headers.insert("webhook-timestamp", now.to_string().parse().unwrap());
    /// let signature = webhook.sign("msg_1", now, body);
    /// headers.insert("webhook-signature", signature.parse().unwrap());
    ///
    /// let event = webhook.verify_once(&headers, body).await.unwrap();
    /// assert_eq!(event.event_type(), "client.rateLimit.reset");
    /// // Codat sending it again:
    /// match webhook.verify_once(&headers, body).await {
    ///     Err(WebhookError::Repeat { id }) => assert_eq!(id, "msg_1"), // answer 2xx
    ///     other => panic!("{other:?}"),
    /// }
    /// # }
    /// ```
    pub async fn verify_once(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Event, WebhookError> {
        self.verify_once_as(headers, body).await
    }

    /// [`verify_once`](Self::verify_once) decoding into a product's own event type.
    pub async fn verify_once_as<E: WebhookEvent>(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<E, WebhookError> {
        // Verified first: a forged or stale delivery must not take the id of a real one.
        let id = self.verified_header_map(headers, body)?;
        let first = self
            .seen
            .first_sighting(id, self.seen_ttl)
            .await
            .map_err(WebhookError::Seen)?;
        if !first {
            return Err(WebhookError::Repeat { id: id.to_owned() });
        }
        decode(body)
    }

    /// A delivery's id (`webhook-id`, else `svix-id`), as [`verify_once`](Self::verify_once)
    /// records it: what to [`forget`](Self::forget) when handling fails. Not verified.
    pub fn delivery_id(headers: &http::HeaderMap) -> Option<&str> {
        ID.into_iter()
            .find_map(|name| headers.get(name)?.to_str().ok())
    }

    /// Forgets a delivery's id, so that Codat's next try of it is handled: for a receiver
    /// whose handling failed after [`verify_once`](Self::verify_once) recorded it.
    pub async fn forget(&self, id: &str) -> Result<(), SeenError> {
        self.seen.forget(id).await
    }

    /// Verifies a delivery given as an [`http::HeaderMap`] and returns its id.
    fn verified_header_map<'h>(
        &self,
        headers: &'h http::HeaderMap,
        body: &[u8],
    ) -> Result<&'h str, WebhookError> {
        self.verified(
            |name| match headers.get(name) {
                None => Ok(None),
                Some(value) => value.to_str().map(Some).map_err(|_| ()),
            },
            body,
        )
    }

    /// Verifies a delivery whose headers are plain `(name, value)` pairs (names in any case).
    pub fn verify_pairs<'a, E: WebhookEvent>(
        &self,
        headers: impl IntoIterator<Item = (&'a str, &'a str)>,
        body: &[u8],
    ) -> Result<E, WebhookError> {
        let headers: Vec<(&str, &str)> = headers.into_iter().collect();
        self.verified(
            |name| {
                Ok(headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
                    .map(|(_, v)| *v))
            },
            body,
        )?;
        decode(body)
    }

    /// Finds each header under its `webhook-` name, then its `svix-` name, verifies, and
    /// returns the id. `get` answers `Err` for a value that is not text.
    fn verified<'h>(
        &self,
        get: impl Fn(&str) -> Result<Option<&'h str>, ()>,
        body: &[u8],
    ) -> Result<&'h str, WebhookError> {
        let find = |names: [&'static str; 2]| {
            for name in names {
                match get(name) {
                    Ok(Some(value)) => return Ok(value),
                    Ok(None) => {}
                    Err(()) => return Err(WebhookError::InvalidHeader(names[0])),
                }
            }
            Err(WebhookError::MissingHeader(names[0]))
        };
        let id = find(ID)?;
        self.check(
            id,
            find(TIMESTAMP)?,
            find(SIGNATURE)?,
            body,
            SystemTime::now(),
        )?;
        Ok(id)
    }

    /// Verifies against the given time instead of the clock's, and decodes into `E`.
    pub fn verify_parts<E: WebhookEvent>(
        &self,
        id: &str,
        timestamp: &str,
        signatures: &str,
        body: &[u8],
        now: SystemTime,
    ) -> Result<E, WebhookError> {
        self.check(id, timestamp, signatures, body, now)?;
        decode(body)
    }

    /// Checks a delivery's timestamp and signature without decoding its body.
    pub fn check(
        &self,
        id: &str,
        timestamp: &str,
        signatures: &str,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        let seconds: u64 = timestamp
            .trim()
            .parse()
            .map_err(|_| WebhookError::InvalidHeader(TIMESTAMP[0]))?;
        // From an unauthenticated sender: a time past what the clock holds is refused, not
        // added (which would panic).
        let sent = UNIX_EPOCH
            .checked_add(Duration::from_secs(seconds))
            .ok_or(WebhookError::InvalidHeader(TIMESTAMP[0]))?;
        match now.duration_since(sent) {
            Ok(age) if age > self.tolerance => return Err(WebhookError::TimestampTooOld(age)),
            Err(ahead) if ahead.duration() > self.tolerance => {
                return Err(WebhookError::TimestampInFuture(ahead.duration()))
            }
            _ => {}
        }
        let mac = self.mac(id, timestamp.trim(), body);
        let matched = signatures
            .split_whitespace()
            .filter_map(|entry| entry.strip_prefix("v1,"))
            .filter_map(|sig| base64::engine::general_purpose::STANDARD.decode(sig).ok())
            // verify_slice compares in constant time.
            .any(|sig| mac.clone().verify_slice(&sig).is_ok());
        if matched {
            Ok(())
        } else {
            Err(WebhookError::InvalidSignature)
        }
    }

    /// The `webhook-signature` value for a delivery: what Codat would send. For tests and
    /// for sending sample deliveries to a receiver.
    pub fn sign(&self, id: &str, timestamp: u64, body: &[u8]) -> String {
        let mac = self.mac(id, &timestamp.to_string(), body);
        let signature =
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        format!("v1,{signature}")
    }

    fn mac(&self, id: &str, timestamp: &str, body: &[u8]) -> HmacSha256 {
        let mut mac =
            HmacSha256::new_from_slice(&self.key).expect("HMAC takes a key of any length");
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        mac
    }
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("secret", &"<redacted>")
            .field("tolerance", &self.tolerance)
            .field("seen", &self.seen)
            .field("seen_ttl", &self.seen_ttl)
            .finish()
    }
}

/// Decodes a verified body into `E`, keeping the body when it does not decode.
fn decode<E: WebhookEvent>(body: &[u8]) -> Result<E, WebhookError> {
    E::from_json(body).map_err(|source| WebhookError::Decode {
        event_type: event_type_of(body),
        body: VerifiedBody(body.to_vec()),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn webhook() -> Webhook {
        Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap()
    }

    const NOW: u64 = 1_800_000_000;

    #[test]
    fn debug_shows_the_tolerance_but_not_the_secret() {
        let debug = format!("{:?}", webhook().tolerance(Duration::from_secs(42)));
        assert!(
            debug.contains("<redacted>") && debug.contains("42s"),
            "{debug}"
        );
        assert!(!debug.contains("MfKQ9r8G"), "{debug}");
        assert!(
            debug.contains("seen: MemorySeen { len: 0 }, seen_ttl: 108000s"),
            "{debug}"
        );
    }

    #[test]
    fn the_futures_of_verify_once_and_forget_can_move_between_threads() {
        fn sendable<T: Send>(_: T) {}
        let webhook = webhook();
        let headers = http::HeaderMap::new();
        sendable(webhook.verify_once(&headers, b"{}"));
        sendable(webhook.verify_once_as::<Event>(&headers, b"{}"));
        sendable(webhook.forget("msg"));
    }

    #[test]
    fn an_authentic_body_that_does_not_decode_is_kept_with_its_event_type() {
        let webhook = webhook();
        let at = UNIX_EPOCH + Duration::from_secs(NOW);
        let body = br#"{"id":"1","eventType":"company.created","payload":{"id":7}}"#;
        let signature = webhook.sign("msg", NOW, body);
        let result = webhook.verify_parts::<Event>("msg", &NOW.to_string(), &signature, body, at);
        let Err(WebhookError::Decode {
            event_type,
            body: kept,
            ..
        }) = result
        else {
            panic!("{result:?}")
        };
        assert_eq!(event_type.as_deref(), Some("company.created"));
        assert_eq!(kept.as_bytes(), body);
        assert_eq!(
            format!("{kept:?}"),
            format!("VerifiedBody({} bytes)", body.len())
        );
        assert_eq!(kept.into_bytes(), body.to_vec());
        // Not JSON at all: no event type.
        let body = b"not json";
        let signature = webhook.sign("msg", NOW, body);
        let result = webhook.verify_parts::<Event>("msg", &NOW.to_string(), &signature, body, at);
        assert!(
            matches!(
                &result,
                Err(WebhookError::Decode {
                    event_type: None,
                    ..
                })
            ),
            "{result:?}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn any_timestamp_or_signature_is_refused_without_panic(
            timestamp in prop_oneof![".{0,30}", "[0-9]{1,30}", any::<u64>().prop_map(|t| t.to_string())],
            signatures in ".{0,120}",
            id in "[ -~]{0,20}",
        ) {
            let at = UNIX_EPOCH + Duration::from_secs(NOW);
            let result = webhook().verify_parts::<Event>(&id, &timestamp, &signatures, b"{}", at);
            prop_assert!(result.is_err());
        }

        #[test]
        fn a_signed_delivery_verifies_exactly_within_the_tolerance(
            offset in -1000i64..1000,
            tolerance in 0u64..900,
        ) {
            let webhook = webhook().tolerance(Duration::from_secs(tolerance));
            let body = br#"{"id":"1","eventType":"x.y","payload":{}}"#;
            let ts = NOW.checked_add_signed(offset).unwrap();
            let signature = webhook.sign("msg", ts, body);
            let at = UNIX_EPOCH + Duration::from_secs(NOW);
            let result = webhook.verify_parts::<Event>("msg", &ts.to_string(), &signature, body, at);
            if offset.unsigned_abs() <= tolerance {
                prop_assert!(result.is_ok(), "{:?}", result);
            } else if offset < 0 {
                prop_assert!(matches!(result, Err(WebhookError::TimestampTooOld(_))), "{:?}", result);
            } else {
                prop_assert!(matches!(result, Err(WebhookError::TimestampInFuture(_))), "{:?}", result);
            }
        }
    }
}
