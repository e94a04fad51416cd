//! Webhook verification and decoding. Signatures here are computed by the test itself with
//! `hmac` and `sha2`, not by the code under test.

use crate::support;

use std::error::Error as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use codat_client::models::refresh_data::DataType;
use codat_client::webhooks::{
    Event, MemorySeen, SeenError, SeenFuture, SeenStore, Webhook, WebhookError, SEEN_TTL,
};
use hmac::{Hmac, Mac};
use http::{HeaderMap, HeaderValue};
use serde_json::{json, Value};

const KEY: &[u8] = b"codat-rs webhook test key 0123";

fn secret() -> String {
    format!(
        "whsec_{}",
        base64::engine::general_purpose::STANDARD.encode(KEY)
    )
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// `v1,base64(HMAC-SHA256(key, "id.timestamp.body"))`, computed independently.
fn sign(key: &[u8], id: &str, timestamp: u64, body: &[u8]) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    )
}

fn headers(prefix: &str, id: &str, timestamp: &str, signature: &str) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in [
        ("id", id),
        ("timestamp", timestamp),
        ("signature", signature),
    ] {
        let name: http::HeaderName = format!("{prefix}-{name}").parse().unwrap();
        map.insert(name, HeaderValue::from_str(value).unwrap());
    }
    map
}

fn body() -> Vec<u8> {
    serde_json::to_vec(&json!({
        "id": "ba29118f-5406-4e59-b05c-ba307ca38d01",
        "eventType": "client.rateLimit.reached",
        "generatedDate": "2022-10-23T00:00:00Z",
        "payload": {"dailyQuota": 12000, "quotaRemaining": 0, "expiryDate": "2022-10-24"}
    }))
    .unwrap()
}

fn delivery(prefix: &str, timestamp: u64, body: &[u8]) -> HeaderMap {
    headers(
        prefix,
        "msg_1",
        &timestamp.to_string(),
        &sign(KEY, "msg_1", timestamp, body),
    )
}

fn webhook() -> Webhook {
    Webhook::new(&secret()).unwrap()
}

fn assert_no_secret(text: &str) {
    let encoded = base64::engine::general_purpose::STANDARD.encode(KEY);
    assert!(
        !text.contains(&encoded) && !text.contains("webhook test key"),
        "secret leaked: {text}"
    );
}

#[test]
fn valid_delivery_verifies_and_decodes() {
    let body = body();
    let event = webhook()
        .verify(&delivery("webhook", now(), &body), &body)
        .unwrap();
    let Event::RateLimitReached(event) = event else {
        panic!("{event:?}")
    };
    assert_eq!(event.payload.daily_quota, Some(12000));
    assert_eq!(event.payload.quota_remaining, Some(0));
    assert!(event.payload.expiry_date.unwrap().is_date_only());
}

#[test]
fn svix_headers_are_accepted() {
    let body = body();
    assert!(webhook()
        .verify(&delivery("svix", now(), &body), &body)
        .is_ok());
}

#[test]
fn a_body_changed_by_one_byte_is_refused() {
    let body = body();
    let headers = delivery("webhook", now(), &body);
    let mut changed = body.clone();
    let last = changed.len() - 2;
    changed[last] ^= 1;
    assert!(matches!(
        webhook().verify(&headers, &changed),
        Err(WebhookError::InvalidSignature)
    ));
}

#[test]
fn a_wrong_secret_is_refused() {
    let body = body();
    let ts = now();
    let forged = headers(
        "webhook",
        "msg_1",
        &ts.to_string(),
        &sign(b"another key", "msg_1", ts, &body),
    );
    assert!(matches!(
        webhook().verify(&forged, &body),
        Err(WebhookError::InvalidSignature)
    ));
}

#[test]
fn timestamps_outside_the_tolerance_are_refused_both_ways() {
    let body = body();
    let old = webhook().verify(&delivery("webhook", now() - 6 * 60, &body), &body);
    assert!(
        matches!(old, Err(WebhookError::TimestampTooOld(_))),
        "{old:?}"
    );
    let future = webhook().verify(&delivery("webhook", now() + 6 * 60, &body), &body);
    assert!(
        matches!(future, Err(WebhookError::TimestampInFuture(_))),
        "{future:?}"
    );
    // Within the default five minutes, and with a tolerance of one's own.
    assert!(webhook()
        .verify(&delivery("webhook", now() - 4 * 60, &body), &body)
        .is_ok());
    let strict = webhook().tolerance(Duration::from_secs(30));
    assert!(strict
        .verify(&delivery("webhook", now() - 60, &body), &body)
        .is_err());
}

#[test]
fn any_of_several_signatures_may_match_during_rotation() {
    let body = body();
    let ts = now();
    let old = sign(b"the previous key", "msg_1", ts, &body);
    let new = sign(KEY, "msg_1", ts, &body);
    for signatures in [
        format!("{old} {new}"),
        format!("{new} {old}"),
        format!("v2,abc {new}"),
    ] {
        let headers = headers("webhook", "msg_1", &ts.to_string(), &signatures);
        assert!(webhook().verify(&headers, &body).is_ok(), "{signatures}");
    }
    let headers = headers("webhook", "msg_1", &ts.to_string(), &old);
    assert!(webhook().verify(&headers, &body).is_err());
}

#[test]
fn each_missing_header_is_named() {
    let body = body();
    let full = delivery("webhook", now(), &body);
    for name in ["webhook-id", "webhook-timestamp", "webhook-signature"] {
        let mut headers = full.clone();
        headers.remove(name);
        match webhook().verify(&headers, &body) {
            Err(WebhookError::MissingHeader(missing)) => assert_eq!(missing, name),
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn garbage_in_each_header_is_refused() {
    let body = body();
    let ts = now();
    let good = sign(KEY, "msg_1", ts, &body);
    let cases = [
        (headers("webhook", "msg_2", &ts.to_string(), &good), "id"),
        (headers("webhook", "msg_1", "yesterday", &good), "timestamp"),
        (
            headers("webhook", "msg_1", &ts.to_string(), "garbage"),
            "signature",
        ),
        (
            headers("webhook", "msg_1", &ts.to_string(), "v1,@@@not-base64@@@"),
            "signature base64",
        ),
    ];
    for (headers, what) in cases {
        assert!(webhook().verify(&headers, &body).is_err(), "{what}");
    }
    let mut binary = delivery("webhook", ts, &body);
    binary.insert(
        "webhook-signature",
        HeaderValue::from_bytes(b"v1,\xff\xfe").unwrap(),
    );
    assert!(matches!(
        webhook().verify(&binary, &body),
        Err(WebhookError::InvalidHeader("webhook-signature"))
    ));
}

#[test]
fn plain_header_pairs_work_in_any_case() {
    let body = body();
    let ts = now().to_string();
    let signature = sign(KEY, "msg_1", now(), &body);
    let pairs = [
        ("Webhook-Id", "msg_1"),
        ("WEBHOOK-TIMESTAMP", ts.as_str()),
        ("webhook-signature", signature.as_str()),
    ];
    assert!(webhook().verify_pairs::<Event>(pairs, &body).is_ok());
    assert!(matches!(
        webhook().verify_pairs::<Event>(pairs[..2].iter().copied(), &body),
        Err(WebhookError::MissingHeader("webhook-signature"))
    ));
}

#[test]
fn an_authentic_body_that_is_not_an_event_is_a_decode_error() {
    let body = b"<html>not json</html>";
    let result = webhook().verify(&delivery("webhook", now(), body), body);
    let Err(error @ WebhookError::Decode { .. }) = result else {
        panic!("{result:?}")
    };
    assert_eq!(
        error.to_string(),
        "the verified delivery does not decode as a Codat event: expected value at line 1 column 1"
    );
    // An event of a known type whose payload does not fit: named, its body kept whole, and
    // not shown in Debug.
    let body =
        br#"{"id":"e1","eventType":"company.created","payload":{"id":7,"secretNote":"s3cret"}}"#;
    let result = webhook().verify(&delivery("webhook", now(), body), body);
    let Err(error) = result else {
        panic!("{result:?}")
    };
    assert!(
        error.to_string().starts_with(
            "the verified delivery of `company.created` does not decode as a Codat event: "
        ),
        "{error}"
    );
    assert!(!format!("{error:?}").contains("s3cret"), "{error:?}");
    match error {
        WebhookError::Decode {
            event_type,
            body: kept,
            ..
        } => {
            assert_eq!(event_type.as_deref(), Some("company.created"));
            assert_eq!(kept.as_bytes(), body);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_secrets_are_clear_errors_and_secrets_never_print() {
    assert!(matches!(
        Webhook::new("whsec_***not base64***"),
        Err(WebhookError::InvalidSecret)
    ));
    assert!(matches!(
        Webhook::new("whsec_"),
        Err(WebhookError::InvalidSecret)
    ));
    assert!(
        Webhook::new(&base64::engine::general_purpose::STANDARD.encode(KEY)).is_ok(),
        "bare base64 too"
    );
    assert_no_secret(&format!("{:?}", webhook()));
    let body = body();
    for err in [
        webhook().verify(&HeaderMap::new(), &body).unwrap_err(),
        webhook()
            .verify(&delivery("webhook", now() - 3600, &body), &body)
            .unwrap_err(),
        webhook()
            .verify(
                &headers("webhook", "x", &now().to_string(), "v1,AAAA"),
                &body,
            )
            .unwrap_err(),
    ] {
        assert_no_secret(&format!("{err} {err:?}"));
    }
}

#[test]
fn every_spec_event_type_decodes_to_its_variant() {
    let Some(spec) = support::spec::load() else {
        return;
    };
    let webhooks = spec.root["webhooks"]
        .as_object()
        .expect("the spec has webhooks");
    assert_eq!(webhooks.len(), 16);
    for (name, item) in webhooks {
        let schema = &item["post"]["requestBody"]["content"]["application/json"]["schema"];
        let mut body = spec.example(schema);
        let event_type = name.replace("{dataType}", "bills");
        body["eventType"] = Value::String(event_type.clone());
        let bytes = serde_json::to_vec(&body).unwrap();
        let event = Event::from_json(&bytes).unwrap_or_else(|e| panic!("{name}: {e}\n{body:#}"));
        assert_eq!(event.event_type(), event_type);
        let matched = match (&event, name.as_str()) {
            (Event::CompanyCreated(e), "company.created")
            | (Event::CompanyDeleted(e), "company.deleted") => !e.payload.id.is_empty(),
            (Event::CompanyProductAdded(e), "company.product.added")
            | (Event::CompanyProductRemoved(e), "company.product.removed") => {
                e.payload.product_id.is_some()
            }
            (Event::ConnectionCreated(e), "connection.created")
            | (Event::ConnectionConnected(e), "connection.connected")
            | (Event::ConnectionFailed(e), "connection.failed")
            | (Event::ConnectionDisconnected(e), "connection.disconnected")
            | (Event::ConnectionReconnected(e), "connection.reconnected")
            | (Event::ConnectionDeleted(e), "connection.deleted") => e.payload.connection.is_some(),
            (Event::ReadCompleted(e), "read.completed")
            | (Event::ReadCompletedInitial(e), "read.completed.initial") => {
                e.payload.data_types.as_ref().is_some_and(|d| !d.is_empty())
            }
            (Event::WriteSuccessful { data_type, event }, "{dataType}.write.successful")
            | (Event::WriteUnsuccessful { data_type, event }, "{dataType}.write.unsuccessful") => {
                *data_type == DataType::Bills && event.payload.status.is_some()
            }
            (Event::RateLimitReached(e), "client.rateLimit.reached")
            | (Event::RateLimitReset(e), "client.rateLimit.reset") => {
                e.payload.daily_quota.is_some()
            }
            _ => false,
        };
        assert!(matched, "{name} decoded as {event:?}");
    }
}

#[test]
fn an_unknown_event_type_is_delivered_as_unrecognized() {
    let body =
        serde_json::to_vec(&json!({"eventType": "company.renamed", "payload": {"id": "c1"}}))
            .unwrap();
    let event = webhook()
        .verify(&delivery("webhook", now(), &body), &body)
        .unwrap();
    match event {
        Event::Unrecognized {
            event_type,
            payload,
        } => {
            assert_eq!(event_type, "company.renamed");
            assert_eq!(payload, json!({"id": "c1"}));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_timestamp_past_what_the_clock_holds_is_an_invalid_header_not_a_panic() {
    let body = body();
    for ts in [
        "18446744073709551615",
        "9223372036854775808",
        "99999999999999999999999",
    ] {
        let headers = headers("webhook", "msg_1", ts, "v1,AAAA");
        let result = webhook().verify(&headers, &body);
        assert!(
            matches!(
                result,
                Err(WebhookError::InvalidHeader("webhook-timestamp"))
            ),
            "{ts}: {result:?}"
        );
    }
}

#[test]
fn the_tolerance_edge_is_inclusive_both_ways_and_skew_inside_it_is_accepted() {
    let body = body();
    let at = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let webhook = webhook().tolerance(Duration::from_secs(300));
    let verify = |ts: u64| {
        webhook.verify_parts::<Event>(
            "msg_1",
            &ts.to_string(),
            &sign(KEY, "msg_1", ts, &body),
            &body,
            at,
        )
    };
    let now = 1_800_000_000u64;
    // A sender's clock a little ahead or behind is normal.
    for ts in [now - 300, now - 1, now, now + 1, now + 300] {
        assert!(verify(ts).is_ok(), "{}", ts as i64 - now as i64);
    }
    assert!(matches!(
        verify(now - 301),
        Err(WebhookError::TimestampTooOld(age)) if age == Duration::from_secs(301)
    ));
    assert!(matches!(
        verify(now + 301),
        Err(WebhookError::TimestampInFuture(ahead)) if ahead == Duration::from_secs(301)
    ));
}

/// A signed delivery of `body` with the id `id`, sent now.
fn delivery_of(id: &str, body: &[u8]) -> HeaderMap {
    let ts = now();
    headers("webhook", id, &ts.to_string(), &sign(KEY, id, ts, body))
}

/// A store that records every call and answers from a `MemorySeen`, or fails when told to.
#[derive(Debug, Clone, Default)]
struct Recording {
    calls: Arc<Mutex<Vec<String>>>,
    inner: MemorySeen,
    failing: bool,
}

impl SeenStore for Recording {
    fn first_sighting<'a>(&'a self, id: &'a str, ttl: Duration) -> SeenFuture<'a, bool> {
        self.calls
            .lock()
            .unwrap()
            .push(format!("first_sighting {id} {}", ttl.as_secs()));
        if self.failing {
            return Box::pin(async { Err(SeenError::new("redis: connection refused")) });
        }
        self.inner.first_sighting(id, ttl)
    }

    fn forget<'a>(&'a self, id: &'a str) -> SeenFuture<'a, ()> {
        self.calls.lock().unwrap().push(format!("forget {id}"));
        if self.failing {
            return Box::pin(async { Err(SeenError::new("redis: connection refused")) });
        }
        self.inner.forget(id)
    }
}

impl Recording {
    fn calls(&self) -> Vec<String> {
        self.calls.lock().unwrap().clone()
    }
}

#[tokio::test]
async fn verify_once_takes_the_first_delivery_and_reports_a_repeat_by_its_id() {
    let webhook = webhook();
    let body = body();
    let event = webhook
        .verify_once(&delivery_of("msg_1", &body), &body)
        .await
        .unwrap();
    assert!(matches!(event, Event::RateLimitReached(_)), "{event:?}");
    // Codat's retry: the same id, signed again with a later timestamp.
    let retry = headers(
        "webhook",
        "msg_1",
        &(now() + 1).to_string(),
        &sign(KEY, "msg_1", now() + 1, &body),
    );
    for headers in [delivery_of("msg_1", &body), retry] {
        let repeat = webhook.verify_once(&headers, &body).await;
        let Err(error @ WebhookError::Repeat { .. }) = repeat else {
            panic!("{repeat:?}")
        };
        assert!(matches!(&error, WebhookError::Repeat { id } if id == "msg_1"));
        assert_eq!(
            error.to_string(),
            "the delivery `msg_1` was received before"
        );
    }
    // Under the `svix-` names too.
    let ts = now();
    let svix = headers(
        "svix",
        "msg_1",
        &ts.to_string(),
        &sign(KEY, "msg_1", ts, &body),
    );
    assert!(matches!(
        webhook.verify_once(&svix, &body).await,
        Err(WebhookError::Repeat { id }) if id == "msg_1"
    ));
    // Another id is another delivery, even with the same body.
    assert!(webhook
        .verify_once(&delivery_of("msg_2", &body), &body)
        .await
        .is_ok());
    // verify itself keeps no record: a repeat is its caller's business.
    assert!(webhook.verify(&delivery_of("msg_1", &body), &body).is_ok());
}

#[tokio::test]
async fn a_refused_delivery_is_not_recorded_so_the_authentic_one_with_its_id_is_taken() {
    let store = Recording::default();
    let webhook = webhook().seen_store(store.clone());
    let body = body();
    let ts = now();
    // Forged with a fresh id, stale, from the future, or without a header: refused before the
    // store is asked.
    let forged = headers(
        "webhook",
        "msg_9",
        &ts.to_string(),
        &sign(b"another key", "msg_9", ts, &body),
    );
    let stale = headers(
        "webhook",
        "msg_9",
        &(ts - 3600).to_string(),
        &sign(KEY, "msg_9", ts - 3600, &body),
    );
    let future = headers(
        "webhook",
        "msg_9",
        &(ts + 3600).to_string(),
        &sign(KEY, "msg_9", ts + 3600, &body),
    );
    let mut bare = delivery_of("msg_9", &body);
    bare.remove("webhook-signature");
    assert!(matches!(
        webhook.verify_once(&forged, &body).await,
        Err(WebhookError::InvalidSignature)
    ));
    assert!(matches!(
        webhook.verify_once(&stale, &body).await,
        Err(WebhookError::TimestampTooOld(_))
    ));
    assert!(matches!(
        webhook.verify_once(&future, &body).await,
        Err(WebhookError::TimestampInFuture(_))
    ));
    assert!(matches!(
        webhook.verify_once(&bare, &body).await,
        Err(WebhookError::MissingHeader("webhook-signature"))
    ));
    let mut changed = body.clone();
    changed[10] ^= 1;
    assert!(matches!(
        webhook
            .verify_once(&delivery_of("msg_9", &body), &changed)
            .await,
        Err(WebhookError::InvalidSignature)
    ));
    assert_eq!(store.calls(), Vec::<String>::new());
    assert!(store.inner.is_empty());
    // The real delivery of that id is then the first.
    assert!(webhook
        .verify_once(&delivery_of("msg_9", &body), &body)
        .await
        .is_ok());
    assert_eq!(
        store.calls(),
        [format!("first_sighting msg_9 {}", SEEN_TTL.as_secs())]
    );
}

#[tokio::test]
async fn forget_lets_the_next_delivery_of_an_id_through_once() {
    let webhook = webhook();
    let body = body();
    let verify = || async {
        webhook
            .verify_once(&delivery_of("msg_1", &body), &body)
            .await
    };
    assert!(verify().await.is_ok());
    assert!(matches!(verify().await, Err(WebhookError::Repeat { .. })));
    let delivered = delivery_of("msg_1", &body);
    let id = Webhook::delivery_id(&delivered).unwrap();
    assert_eq!(id, "msg_1");
    let svix = headers("svix", "msg_9", "1", "v1,x");
    assert_eq!(Webhook::delivery_id(&svix), Some("msg_9"));
    assert_eq!(Webhook::delivery_id(&HeaderMap::new()), None);
    webhook.forget(id).await.unwrap();
    assert!(verify().await.is_ok());
    assert!(matches!(verify().await, Err(WebhookError::Repeat { .. })));
    // Forgetting another id, or one never seen, changes nothing for this one.
    webhook.forget("msg_2").await.unwrap();
    assert!(matches!(verify().await, Err(WebhookError::Repeat { .. })));
}

#[tokio::test]
async fn a_store_that_fails_is_a_seen_error_and_forget_reports_it() {
    let store = Recording {
        failing: true,
        ..Recording::default()
    };
    let webhook = webhook().seen_store(store.clone());
    let body = body();
    let result = webhook
        .verify_once(&delivery_of("msg_1", &body), &body)
        .await;
    let Err(error @ WebhookError::Seen(_)) = result else {
        panic!("{result:?}")
    };
    assert_eq!(
        error.to_string(),
        "could not tell whether the delivery was received before: \
         the store of seen webhook ids failed: redis: connection refused"
    );
    let source = error.source().expect("the store's error");
    assert!(source.is::<SeenError>(), "{source:?}");
    assert_eq!(
        source.source().unwrap().to_string(),
        "redis: connection refused"
    );
    assert_no_secret(&format!("{error} {error:?}"));
    // A forged delivery is refused as such, without asking the failing store.
    let forged = headers("webhook", "msg_2", &now().to_string(), "v1,AAAA");
    assert!(matches!(
        webhook.verify_once(&forged, &body).await,
        Err(WebhookError::InvalidSignature)
    ));
    let forget = webhook.forget("msg_1").await.unwrap_err();
    assert_eq!(
        forget.to_string(),
        "the store of seen webhook ids failed: redis: connection refused"
    );
    assert_eq!(
        store.calls(),
        [
            format!("first_sighting msg_1 {}", SEEN_TTL.as_secs()),
            "forget msg_1".to_owned()
        ]
    );
}

#[tokio::test]
async fn clones_share_the_store_and_a_store_can_be_shared_by_webhooks() {
    let body = body();
    let webhook = webhook();
    let clone = webhook.clone();
    assert!(webhook
        .verify_once(&delivery_of("msg_1", &body), &body)
        .await
        .is_ok());
    assert!(matches!(
        clone.verify_once(&delivery_of("msg_1", &body), &body).await,
        Err(WebhookError::Repeat { .. })
    ));
    clone.forget("msg_1").await.unwrap();
    assert!(webhook
        .verify_once(&delivery_of("msg_1", &body), &body)
        .await
        .is_ok());
    // Each `Webhook::new` has a store of its own.
    assert!(self::webhook()
        .verify_once(&delivery_of("msg_1", &body), &body)
        .await
        .is_ok());
    // Two verifiers built apart, one store (as replicas share one over Redis).
    let store = MemorySeen::new();
    let a = self::webhook().seen_store(store.clone());
    let b = self::webhook().seen_store(store.clone());
    assert!(a
        .verify_once(&delivery_of("msg_1", &body), &body)
        .await
        .is_ok());
    assert!(matches!(
        b.verify_once(&delivery_of("msg_1", &body), &body).await,
        Err(WebhookError::Repeat { .. })
    ));
    assert_eq!(store.len(), 1);
}

#[tokio::test]
async fn concurrent_deliveries_of_one_id_are_taken_once() {
    let webhook = webhook();
    let body = Arc::new(body());
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (webhook, body) = (webhook.clone(), body.clone());
            tokio::spawn(async move {
                webhook
                    .verify_once(&delivery_of("msg_1", &body), &body)
                    .await
            })
        })
        .collect();
    let mut taken = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => taken += 1,
            Err(WebhookError::Repeat { .. }) => {}
            Err(other) => panic!("{other:?}"),
        }
    }
    assert_eq!(taken, 1);
}

#[tokio::test]
async fn an_authentic_body_that_does_not_decode_is_recorded_all_the_same() {
    let webhook = webhook();
    let body = b"[1, 2]";
    let first = webhook.verify_once(&delivery_of("msg_1", body), body).await;
    assert!(
        matches!(&first, Err(WebhookError::Decode { body: kept, .. }) if kept.as_bytes() == body),
        "{first:?}"
    );
    assert!(matches!(
        webhook.verify_once(&delivery_of("msg_1", body), body).await,
        Err(WebhookError::Repeat { .. })
    ));
    // verify_once_as decodes into the type asked for.
    let value = webhook
        .verify_once_as::<Event>(&delivery_of("msg_2", &self::body()), &self::body())
        .await
        .unwrap();
    assert_eq!(value.event_type(), "client.rateLimit.reached");
}

#[tokio::test]
async fn the_ttl_set_is_the_one_the_store_is_given() {
    let store = Recording::default();
    let webhook = webhook()
        .seen_store(store.clone())
        .seen_ttl(Duration::from_secs(42));
    let body = body();
    webhook
        .verify_once(&delivery_of("msg_1", &body), &body)
        .await
        .unwrap();
    assert_eq!(store.calls(), ["first_sighting msg_1 42"]);
    assert!(SEEN_TTL > Duration::from_secs(28 * 3600));
    let debug = format!("{webhook:?}");
    assert!(
        debug.contains("seen_ttl: 42s") && debug.contains("Recording"),
        "{debug}"
    );
    assert_no_secret(&debug);
}
