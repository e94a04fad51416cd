//! The example receiver, started on loopback, takes signed deliveries and refuses forged ones.

#[allow(dead_code)]
// The example is a binary of its own; here its `pub` items are a module of the test.
#[allow(unreachable_pub)]
#[path = "../examples/webhook_receiver.rs"]
mod webhook_receiver;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use codat_client::webhooks::{SeenError, SeenFuture, SeenStore, Webhook};
use tokio::net::TcpListener;
use webhook_receiver::{router_keeping, send, serve, DEMO_SECRET, MAX_EVENTS};

const COMPANY_CREATED: &str = r#"{"id":"d1","eventType":"company.created","generatedDate":"2022-10-23","payload":{"id":"8a210b68-6988-11ed-a1eb-0242ac120002","name":"Toft stores","redirect":"https://link.codat.io/company/8a210b68"}}"#;

#[tokio::test]
async fn signed_deliveries_are_accepted_and_forged_ones_refused() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let url = format!("{base}/webhooks");
    let webhook = Webhook::new(DEMO_SECRET).unwrap();
    tokio::spawn(serve(listener, webhook.clone()));
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();

    assert_eq!(
        status(&url, &webhook, "m1", now, COMPANY_CREATED).await,
        204
    );
    let unknown = r#"{"eventType":"company.renamed","payload":{}}"#;
    assert_eq!(status(&url, &webhook, "m2", now, unknown).await, 204);

    let forger = Webhook::new("whsec_bm90IHRoZSByaWdodCBzZWNyZXQ=").unwrap();
    assert_eq!(status(&url, &forger, "m3", now, COMPANY_CREATED).await, 401);
    assert_eq!(
        status(&url, &webhook, "m4", now - 3600, COMPANY_CREATED).await,
        401
    );
    assert_eq!(
        status(&url, &webhook, "m5", now + 3600, COMPANY_CREATED).await,
        401
    );
    // Authentic but not an event, or not the event it says it is: held and acknowledged.
    assert_eq!(status(&url, &webhook, "m6", now, "[1, 2]").await, 202);
    let misshapen = r#"{"id":"d7","eventType":"company.created","payload":{"id":7}}"#;
    assert_eq!(status(&url, &webhook, "m7", now, misshapen).await, 202);
    // No signature headers at all.
    let bare = reqwest::Client::new()
        .post(&url)
        .body(COMPANY_CREATED)
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status().as_u16(), 401);

    assert_eq!(events(&base).await, ["company.created", "company.renamed"]);
    let held = reqwest::get(format!("{base}/held"))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let held: Vec<(Option<String>, usize)> = serde_json::from_slice(&held).unwrap();
    assert_eq!(
        held,
        [
            (None, 6),
            (Some("company.created".to_owned()), misshapen.len())
        ]
    );
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Serves the example with `webhook`, keeping at most `max_events`; the base URL.
async fn start(webhook: Webhook, max_events: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        axum::serve(listener, router_keeping(webhook, max_events))
            .await
            .unwrap()
    });
    base
}

async fn events(base: &str) -> Vec<String> {
    let events = reqwest::get(format!("{base}/events"))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    serde_json::from_slice(&events).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_delivery_sent_twice_or_eight_times_at_once_is_handled_once_and_each_copy_acknowledged() {
    let webhook = Webhook::new(DEMO_SECRET).unwrap();
    let base = start(webhook.clone(), MAX_EVENTS).await;
    let url = format!("{base}/webhooks");
    let now = now();
    assert_eq!(
        status(&url, &webhook, "m1", now, COMPANY_CREATED).await,
        204
    );
    // Codat's retry: the same id, signed again later.
    assert_eq!(
        status(&url, &webhook, "m1", now + 1, COMPANY_CREATED).await,
        200
    );
    let bills =
        r#"{"eventType":"bills.write.successful","payload":{"id":"w1","status":"Success"}}"#;
    let copies =
        futures_util::future::join_all((0..8).map(|_| send(&url, &webhook, "m2", now, bills)))
            .await;
    let mut statuses: Vec<u16> = copies.into_iter().map(Result::unwrap).collect();
    statuses.sort();
    assert_eq!(statuses, [200, 200, 200, 200, 200, 200, 200, 204]);
    assert_eq!(
        events(&base).await,
        ["company.created", "bills.write.successful"]
    );
}

#[tokio::test]
async fn a_delivery_whose_handling_failed_is_handled_on_codat_s_next_try() {
    let webhook = Webhook::new(DEMO_SECRET).unwrap();
    // Room for one event: the second delivery's handling fails.
    let base = start(webhook.clone(), 1).await;
    let url = format!("{base}/webhooks");
    let now = now();
    let send = |id: &'static str| send(&url, &webhook, id, now, COMPANY_CREATED);
    assert_eq!(send("m1").await.unwrap(), 204);
    assert_eq!(send("m2").await.unwrap(), 503);
    // Forgotten after the failure: the retry is handled (and fails again), not dropped as a
    // repeat with a 2xx that would lose the event.
    assert_eq!(send("m2").await.unwrap(), 503);
    assert_eq!(send("m1").await.unwrap(), 200);
    assert_eq!(events(&base).await, ["company.created"]);
}

/// A store that cannot be reached.
#[derive(Debug, Default, Clone)]
struct Unreachable(Arc<AtomicUsize>);

impl SeenStore for Unreachable {
    fn first_sighting<'a>(&'a self, _: &'a str, _: Duration) -> SeenFuture<'a, bool> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Box::pin(async { Err(SeenError::new("connection refused")) })
    }

    fn forget<'a>(&'a self, _: &'a str) -> SeenFuture<'a, ()> {
        Box::pin(async { Err(SeenError::new("connection refused")) })
    }
}

#[tokio::test]
async fn a_store_that_fails_is_answered_503_so_that_codat_tries_again() {
    let store = Unreachable::default();
    let webhook = Webhook::new(DEMO_SECRET).unwrap().seen_store(store.clone());
    let base = start(webhook.clone(), MAX_EVENTS).await;
    let url = format!("{base}/webhooks");
    for _ in 0..2 {
        assert_eq!(
            send(&url, &webhook, "m1", now(), COMPANY_CREATED)
                .await
                .unwrap(),
            503
        );
    }
    // A forged delivery is still refused as such.
    let forger = Webhook::new("whsec_bm90IHRoZSByaWdodCBzZWNyZXQ=").unwrap();
    assert_eq!(
        send(&url, &forger, "m2", now(), COMPANY_CREATED)
            .await
            .unwrap(),
        401
    );
    assert_eq!(store.0.load(Ordering::SeqCst), 2);
    assert!(events(&base).await.is_empty());
}

/// The status a signed (or forged) delivery was answered with.
async fn status(url: &str, webhook: &Webhook, id: &str, timestamp: u64, body: &str) -> u16 {
    send(url, webhook, id, timestamp, body).await.unwrap()
}
