//! Receives Codat webhooks: verifies each delivery's signature, decodes it into a typed event,
//! logs it, and answers as Codat expects: 2xx for an authentic delivery, 4xx for a forged or
//! stale one. An authentic delivery that does not decode is held (its event type and verified
//! body) and answered 2xx too: Codat would otherwise send it again for about a day, and a
//! newer version of the receiver can replay it.
//!
//! Codat delivers each message at least once, so the receiver drops repeats by their
//! `webhook-id` ([`Webhook::verify_once`]): a repeat is answered 200 and not handled again.
//! The ids are kept in this process; receivers running as several replicas share them
//! instead, through `codat_redis::RedisSeen` given to `Webhook::seen_store`. Should the store
//! fail, the answer is 503 and Codat tries again later; should the handling fail after the
//! id was recorded, the id is forgotten and the answer is 503 too.
//!
//! ```sh
//! # Serve on 127.0.0.1:8080 (PORT to change) with the endpoint's secret from Codat:
//! CODAT_WEBHOOK_SECRET=whsec_... cargo run -p codat-client --example webhook_receiver
//! # Or see it work offline: serve, send it signed, repeated and forged sample deliveries, exit.
//! cargo run -p codat-client --example webhook_receiver -- --send-sample
//! ```

use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use codat_client::webhooks::{Event, Webhook, WebhookError};
use tokio::net::TcpListener;

/// A secret for trying the receiver out; real endpoints have their own from Codat.
pub const DEMO_SECRET: &str = "whsec_Y29kYXQtcnMgZGVtbyB3ZWJob29rIHNlY3JldCE=";

/// How many events the receiver keeps; past it, handling fails (as a full disk would).
pub const MAX_EVENTS: usize = 10_000;

/// The receiver's state: the verifier, the event types accepted so far (at most
/// `max_events`), and the authentic deliveries that did not decode (event type, body).
#[derive(Debug)]
pub struct Receiver {
    webhook: Webhook,
    accepted: Mutex<Vec<String>>,
    max_events: usize,
    held: Mutex<Vec<(Option<String>, Vec<u8>)>>,
}

/// `POST /webhooks` takes deliveries; `GET /events` lists the event types accepted so far,
/// `GET /held` the event types (or `null`) and sizes of the deliveries held.
pub fn router(webhook: Webhook) -> Router {
    router_keeping(webhook, MAX_EVENTS)
}

/// [`router`] keeping at most `max_events` events.
pub fn router_keeping(webhook: Webhook, max_events: usize) -> Router {
    let state = Arc::new(Receiver {
        webhook,
        accepted: Mutex::default(),
        max_events,
        held: Mutex::default(),
    });
    Router::new()
        .route("/webhooks", post(receive))
        .route("/events", get(accepted))
        .route("/held", get(held))
        .with_state(state)
}

async fn receive(
    State(receiver): State<Arc<Receiver>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    match receiver.webhook.verify_once(&headers, &body).await {
        Ok(event) => match handle(&receiver, &event) {
            Ok(()) => {
                println!("accepted {}", describe(&event));
                StatusCode::NO_CONTENT
            }
            Err(err) => {
                // Recorded as seen but not handled: forgotten, so that Codat's next try is
                // handled rather than dropped as a repeat.
                println!("could not handle {}: {err}", describe(&event));
                if let Some(id) = Webhook::delivery_id(&headers)
                    && let Err(err) = receiver.webhook.forget(id).await
                {
                    println!("could not forget delivery {id}: {err}");
                }
                StatusCode::SERVICE_UNAVAILABLE
            }
        },
        // Handled already: acknowledged, so that Codat stops sending it.
        Err(WebhookError::Repeat { id }) => {
            println!("repeat delivery {id} ignored");
            StatusCode::OK
        }
        // Authentic, but whether it was handled already is unknown: Codat tries again later.
        Err(err @ WebhookError::Seen(_)) => {
            println!("could not check a delivery for repeats: {err}");
            StatusCode::SERVICE_UNAVAILABLE
        }
        // Authentic, but not a body this receiver understands: kept for a later version to
        // replay, and acknowledged, since Codat sending it again would not help.
        Err(WebhookError::Decode {
            event_type,
            body,
            source,
        }) => {
            println!(
                "held an authentic delivery of {} that does not decode: {source}",
                event_type.as_deref().unwrap_or("no event type")
            );
            let mut held = receiver.held.lock().unwrap();
            held.push((event_type, body.into_bytes()));
            StatusCode::ACCEPTED
        }
        Err(err) => {
            println!("refused a delivery: {err}");
            StatusCode::UNAUTHORIZED
        }
    }
}

/// Keeps the event, or fails when `max_events` are kept already.
fn handle(receiver: &Receiver, event: &Event) -> Result<(), String> {
    let mut accepted = receiver.accepted.lock().unwrap();
    if accepted.len() >= receiver.max_events {
        return Err(format!("{} events kept already", accepted.len()));
    }
    accepted.push(event.event_type().to_owned());
    Ok(())
}

async fn accepted(State(receiver): State<Arc<Receiver>>) -> Json<Vec<String>> {
    Json(receiver.accepted.lock().unwrap().clone())
}

async fn held(State(receiver): State<Arc<Receiver>>) -> Json<Vec<(Option<String>, usize)>> {
    let held = receiver.held.lock().unwrap();
    Json(
        held.iter()
            .map(|(t, body)| (t.clone(), body.len()))
            .collect(),
    )
}

/// One line about an event: what happened and to what.
fn describe(event: &Event) -> String {
    match event {
        Event::CompanyCreated(e) | Event::CompanyDeleted(e) => {
            format!(
                "{}: company {} ({})",
                e.event_type, e.payload.id, e.payload.name
            )
        }
        Event::ConnectionFailed(e)
        | Event::ConnectionConnected(e)
        | Event::ConnectionDisconnected(e) => {
            let id = e
                .payload
                .connection
                .as_ref()
                .map(|c| c.id.as_str())
                .unwrap_or("?");
            format!("{}: connection {id}", e.event_type)
        }
        Event::WriteSuccessful { data_type, event }
        | Event::WriteUnsuccessful { data_type, event } => {
            format!(
                "{}: write of {data_type}, status {:?}",
                event.event_type, event.payload.status
            )
        }
        Event::RateLimitReached(e) | Event::RateLimitReset(e) => {
            format!(
                "{}: {:?} of {:?} requests left",
                e.event_type, e.payload.quota_remaining, e.payload.daily_quota
            )
        }
        Event::Unrecognized { event_type, .. } => {
            format!("{event_type} (an event type this SDK does not know)")
        }
        other => other.event_type().to_owned(),
    }
}

/// Serves on `listener` until the process ends.
pub async fn serve(listener: TcpListener, webhook: Webhook) -> std::io::Result<()> {
    axum::serve(listener, router(webhook)).await
}

/// Posts a delivery signed as Codat would (with `signer`) and returns the status.
pub async fn send(
    url: &str,
    signer: &Webhook,
    id: &str,
    timestamp: u64,
    body: &str,
) -> reqwest::Result<u16> {
    let response = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .header("webhook-id", id)
        .header("webhook-timestamp", timestamp.to_string())
        .header(
            "webhook-signature",
            signer.sign(id, timestamp, body.as_bytes()),
        )
        .body(body.to_owned())
        .send()
        .await?;
    Ok(response.status().as_u16())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sample = std::env::args().any(|arg| arg == "--send-sample");
    let secret = match std::env::var("CODAT_WEBHOOK_SECRET") {
        Ok(secret) if !sample => secret,
        _ => {
            println!("Using a demo webhook secret (set CODAT_WEBHOOK_SECRET for a real endpoint).");
            DEMO_SECRET.to_owned()
        }
    };
    let webhook = Webhook::new(&secret)?;
    let port = if sample {
        0
    } else {
        std::env::var("PORT")
            .ok()
            .and_then(|p| p.parse().ok())
            .unwrap_or(8080)
    };
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    let url = format!("http://{}/webhooks", listener.local_addr()?);
    println!("Receiving Codat webhooks at {url}");
    if !sample {
        serve(listener, webhook).await?;
        return Ok(());
    }

    tokio::spawn(serve(listener, webhook.clone()));
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let connection_failed = r#"{"id":"743ec94a-8aa4-44bb-8bd4-e1855ee0e74b","eventType":"connection.failed","generatedDate":"2026-11-24T10:00:00Z","payload":{"referenceCompany":{"id":"8a210b68-6988-11ed-a1eb-0242ac120002","name":"Toft stores"},"connection":{"id":"2e9d2c44-f675-40ba-8049-353bfcb5e171","integrationId":"fd321cb6-7963-4506-b873-e99593a45e30","sourceId":"35b92968-9851-4095-ad60-395c95cbcba4","sourceType":"Accounting","platformName":"Xero","linkUrl":"https://link-api.codat.io/","status":"Deauthorized","created":"2022-10-23"}}}"#;
    let bills_written = r#"{"id":"ba29118f-5406-4e59-b05c-ba307ca38d01","eventType":"bills.write.successful","payload":{"id":"w1","type":"Create","status":"Success"}}"#;
    let forger = Webhook::new("whsec_bm90IHRoZSByaWdodCBzZWNyZXQ=")?;
    let cases = [
        (
            "signed connection.failed",
            send(&url, &webhook, "msg_1", now, connection_failed).await?,
        ),
        (
            "signed bills.write.successful",
            send(&url, &webhook, "msg_2", now, bills_written).await?,
        ),
        (
            "connection.failed again, as Codat's retry",
            send(&url, &webhook, "msg_1", now + 1, connection_failed).await?,
        ),
        (
            "forged with another secret",
            send(&url, &forger, "msg_3", now, connection_failed).await?,
        ),
        (
            "replayed from an hour ago",
            send(&url, &webhook, "msg_4", now - 3600, connection_failed).await?,
        ),
    ];
    for (what, status) in cases {
        println!("sent {what}: the receiver answered {status}");
    }
    Ok(())
}
