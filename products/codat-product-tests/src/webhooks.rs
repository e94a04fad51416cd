//! What every product's webhook tests read of its spec, and the checks they share: Platform's
//! rate-limit events, unknown event types, forged deliveries.

use codat_client::webhooks::{ClientRateLimitWebhook, WebhookEnvelope, WebhookEvent};
use serde::Serialize;
use serde_json::{json, Value};

use crate::{normalized, prune, verify, without_nulls};

/// The event types the spec's `webhooks` lists, sorted.
///
/// # Panics
///
/// When the spec lists none.
pub fn webhook_names(spec: &Value) -> Vec<&str> {
    let mut names: Vec<&str> = spec["webhooks"]
        .as_object()
        .expect("the spec lists webhooks")
        .keys()
        .map(String::as_str)
        .collect();
    names.sort_unstable();
    names
}

/// Checks that the spec `file`, if there, lists exactly the webhooks `names`, sorted.
///
/// # Panics
///
/// When it lists others.
pub fn check_webhook_names(file: &str, names: &[&str]) {
    if let Some(spec) = crate::spec_file(file) {
        assert_eq!(webhook_names(spec), names);
    }
}

/// The media type of `event_type`'s delivery body.
pub fn webhook_media<'s>(spec: &'s Value, event_type: &str) -> &'s Value {
    &spec["webhooks"][event_type]["post"]["requestBody"]["content"]["application/json"]
}

/// Every example body the spec documents for `event_type`, each checked to name it.
///
/// # Panics
///
/// When an example names another event type.
pub fn webhook_examples<'s>(spec: &'s Value, event_type: &str) -> Vec<&'s Value> {
    let examples: Vec<&Value> = webhook_media(spec, event_type)["examples"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(_, example)| &example["value"])
        .collect();
    for body in &examples {
        assert_eq!(body["eventType"], event_type, "an example of {event_type}");
    }
    examples
}

/// Checks Platform's two rate-limit events as a product's spec documents them: each body is
/// a `ClientRateLimitWebhook`, whose every property the envelope reads, and each documented
/// example verifies and decodes (`envelope` gives the variant's envelope for the event type
/// it should have) with its id, quota, remaining quota and expiry kept. Gives the number of
/// examples decoded.
///
/// # Panics
///
/// When any of that does not hold.
pub fn check_rate_limit_events<E: WebhookEvent + std::fmt::Debug>(
    spec: &Value,
    envelope: impl Fn(&E, &str) -> Option<ClientRateLimitWebhook>,
) -> usize {
    let mut decoded = 0;
    for event_type in ["client.rateLimit.reached", "client.rateLimit.reset"] {
        let schema = &webhook_media(spec, event_type)["schema"]["$ref"];
        assert_eq!(schema, "#/components/schemas/ClientRateLimitWebhook");
        for body in webhook_examples(spec, event_type) {
            let event = verify::<E>(body).unwrap();
            let read = envelope(&event, event_type)
                .unwrap_or_else(|| panic!("{event_type} decoded as {event:?}"));
            let payload = &body["payload"];
            assert_eq!(read.event_type, event_type);
            assert_eq!(read.id.as_deref(), body["id"].as_str());
            assert_eq!(read.payload.daily_quota, payload["dailyQuota"].as_i64());
            assert_eq!(
                read.payload.quota_remaining,
                payload["quotaRemaining"].as_i64()
            );
            assert_eq!(
                read.payload.expiry_date.as_ref().map(|d| d.as_str()),
                payload["expiryDate"].as_str()
            );
            decoded += 1;
        }
    }
    let schema = &spec["components"]["schemas"]["ClientRateLimitWebhook"];
    for name in schema["properties"].as_object().unwrap().keys() {
        let read = ["id", "eventType", "generatedDate", "payload"];
        assert!(read.contains(&name.as_str()), "{name}");
    }
    decoded
}

/// Checks the report-generation events `events` (each with whether it reports success): the
/// first one's schema is an envelope around a report id and a company, and the others point
/// to it; each documented example (or `fallback`, as each event type, without the spec)
/// verifies and decodes to the variant `report` recognises, with its outcome, and written
/// back is the example (all the schema defines of it). Gives the number decoded.
///
/// # Panics
///
/// When any of that does not hold.
pub fn check_report_events<E, P>(
    spec: Option<&Value>,
    events: &[(&str, bool)],
    report: impl Fn(&E, &str) -> Option<(WebhookEnvelope<P>, bool)>,
    fallback: &Value,
) -> usize
where
    E: WebhookEvent + std::fmt::Debug,
    P: Serialize,
{
    let first = events[0].0;
    if let Some(spec) = spec {
        let schema = &webhook_media(spec, first)["schema"];
        let keys = |node: &Value| -> Vec<String> {
            let mut keys: Vec<String> = node.as_object().unwrap().keys().cloned().collect();
            keys.sort();
            keys
        };
        assert_eq!(
            keys(&schema["properties"]),
            ["eventType", "generatedDate", "id", "payload"]
        );
        let payload = &schema["definitions"]["ReportGenerationPayload"]["properties"];
        assert_eq!(keys(payload), ["id", "referenceCompany"]);
        for (event_type, _) in &events[1..] {
            let reference = &webhook_media(spec, event_type)["schema"]["$ref"];
            let expected =
                format!("#/webhooks/{first}/post/requestBody/content/application~1json/schema");
            assert_eq!(reference.as_str(), Some(&*expected), "{event_type}");
        }
    }
    let mut decoded = 0;
    for &(event_type, successful) in events {
        let bodies: Vec<Value> = match spec {
            Some(spec) => webhook_examples(spec, event_type)
                .into_iter()
                .cloned()
                .collect(),
            None => {
                let mut body = fallback.clone();
                body["eventType"] = json!(event_type);
                vec![body]
            }
        };
        assert!(!bodies.is_empty(), "{event_type}");
        for body in bodies {
            let event = verify::<E>(&body).unwrap();
            let (envelope, outcome) =
                report(&event, event_type).unwrap_or_else(|| panic!("{event_type}: {event:?}"));
            assert_eq!(outcome, successful, "{event_type}");
            let expected = match spec {
                Some(spec) => prune(spec, &webhook_media(spec, first)["schema"], &body),
                None => body.clone(),
            };
            let got = serde_json::to_value(&envelope).unwrap();
            assert_eq!(
                normalized(&without_nulls(&got)),
                normalized(&without_nulls(&expected)),
                "{event_type}"
            );
            decoded += 1;
        }
    }
    decoded
}

/// The test that an event type the product does not know is kept, for an event enum with an
/// `Unrecognized { event_type, payload }` variant; with `rate_limits`, also the test of
/// Platform's rate-limit events (variants `RateLimitReached` and `RateLimitReset`) against
/// the spec `$spec` and of deliveries of them that are forged or misshapen.
#[macro_export]
macro_rules! webhook_tests {
    ($event:ident) => {
        #[test]
        fn an_unknown_event_type_decodes_as_unknown() {
            $crate::check_unknown_events_are_kept::<$event>(|event| match event {
                $event::Unrecognized {
                    event_type,
                    payload,
                } => Some((event_type.as_str(), payload)),
                _ => None,
            });
        }
    };
    ($event:ident, rate_limits in $spec:literal, $count:literal) => {
        $crate::webhook_tests!($event);

        #[test]
        fn the_rate_limit_examples_decode_as_platforms_envelope() {
            let Some(spec) = $crate::spec_file($spec) else {
                return;
            };
            let decoded = $crate::check_rate_limit_events::<$event>(spec, |event, event_type| {
                assert_eq!(event.event_type(), event_type);
                match (event, event_type) {
                    ($event::RateLimitReached(e), "client.rateLimit.reached")
                    | ($event::RateLimitReset(e), "client.rateLimit.reset") => Some(e.clone()),
                    _ => None,
                }
            });
            assert_eq!(decoded, $count);
        }

        #[test]
        fn a_forged_or_malformed_rate_limit_delivery_is_refused() {
            $crate::check_forgeries_are_refused::<$event>(
                &::serde_json::json!({"eventType": "client.rateLimit.reached",
                                      "payload": {"dailyQuota": 12000, "quotaRemaining": 0}}),
                |event| matches!(event, $event::RateLimitReached(_)),
                &[::serde_json::json!({"eventType": "client.rateLimit.reset",
                                       "payload": {"dailyQuota": "lots"}})],
            );
        }
    };
}
