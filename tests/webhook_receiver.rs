//! The example receiver, started on loopback, takes signed deliveries and refuses forged ones.

#[allow(dead_code)]
// The example is a binary of its own; here its `pub` items are a module of the test.
#[allow(unreachable_pub)]
#[path = "../examples/webhook_receiver.rs"]
mod webhook_receiver;

use std::time::{SystemTime, UNIX_EPOCH};

use codat_client::webhooks::Webhook;
use tokio::net::TcpListener;
use webhook_receiver::{send, serve, DEMO_SECRET};

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
        send(&url, &webhook, "m1", now, COMPANY_CREATED)
            .await
            .unwrap(),
        204
    );
    let unknown = r#"{"eventType":"company.renamed","payload":{}}"#;
    assert_eq!(send(&url, &webhook, "m2", now, unknown).await.unwrap(), 204);

    let forger = Webhook::new("whsec_bm90IHRoZSByaWdodCBzZWNyZXQ=").unwrap();
    assert_eq!(
        send(&url, &forger, "m3", now, COMPANY_CREATED)
            .await
            .unwrap(),
        401
    );
    assert_eq!(
        send(&url, &webhook, "m4", now - 3600, COMPANY_CREATED)
            .await
            .unwrap(),
        401
    );
    assert_eq!(
        send(&url, &webhook, "m5", now + 3600, COMPANY_CREATED)
            .await
            .unwrap(),
        401
    );
    // Authentic but not an event, or not the event it says it is: held and acknowledged.
    assert_eq!(
        send(&url, &webhook, "m6", now, "[1, 2]").await.unwrap(),
        202
    );
    let misshapen = r#"{"id":"d7","eventType":"company.created","payload":{"id":7}}"#;
    assert_eq!(
        send(&url, &webhook, "m7", now, misshapen).await.unwrap(),
        202
    );
    // No signature headers at all.
    let bare = reqwest::Client::new()
        .post(&url)
        .body(COMPANY_CREATED)
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status().as_u16(), 401);

    let events = reqwest::get(format!("{base}/events"))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let accepted: Vec<String> = serde_json::from_slice(&events).unwrap();
    assert_eq!(accepted, ["company.created", "company.renamed"]);
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
