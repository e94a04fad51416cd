//! The warning for a status the client does not know, once per watch. In a test binary of its
//! own: `tracing` caches per call site whether anyone listens, so a test elsewhere in the same
//! process hitting the call site first without a subscriber can hide the event from this one.

use crate::support;

use std::time::Duration;

use codat_client::wait::WaitOptions;
use codat_client::{Codat, RetryPolicy};
use serde_json::json;
use support::VirtualTimer;
use wiremock::ResponseTemplate;

const COMPANY: &str = "8a210b68-6988-11ed-a1eb-0242ac120002";
const DATASET: &str = "943accd0-4247-42d8-865b-363c8629e1da";
const PULL_PATH: &str =
    "/companies/8a210b68-6988-11ed-a1eb-0242ac120002/data/history/943accd0-4247-42d8-865b-363c8629e1da";
/// `Basic` and the test key in base64.
const AUTH: &str = "Basic d2FpdC10ZXN0LWtleQ==";

fn ok(status: &str, progress: i64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "id": DATASET, "companyId": COMPANY, "connectionId": "2e9d2c44-f675-40ba-8049-353bfcb5e171",
        "dataType": "invoices", "status": status, "requested": "2024-05-01T10:00:00Z",
        "progress": progress, "isCompleted": status == "Complete", "isErrored": false,
    }))
}

#[tokio::test]
async fn a_status_the_client_does_not_know_is_logged_once() {
    let (captured, _guard) = support::capture_logs(tracing::Level::WARN);
    let (server, _) = codat_product_tests::scripted_responses(
        AUTH,
        "GET",
        PULL_PATH,
        vec![
            ok("Fetching", 10),
            ok("Teleporting", 20),
            ok("Beaming", 30),
            ok("Mapping", 90),
            ok("Complete", 100),
        ],
    )
    .await;
    let codat = Codat::builder()
        .api_key("wait-test-key")
        .base_url(server.uri())
        .retry_policy(RetryPolicy::disabled())
        .timer(VirtualTimer::new())
        .build()
        .unwrap();
    let watch =
        codat
            .refresh_data()
            .wait_for_pull(COMPANY, DATASET, WaitOptions::new().jitter(0.0));
    assert_eq!(format!("{watch:?}"), "Watch");
    tokio::time::timeout(Duration::from_secs(20), watch.finish())
        .await
        .expect("finished within 20 s")
        .unwrap();
    let logged = captured.text();
    assert_eq!(
        logged.matches("a status this client does not know").count(),
        1,
        "{logged}"
    );
    assert!(logged.contains("invoices Teleporting"), "{logged}");
}
