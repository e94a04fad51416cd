//! Waiting for a sync over loopback: one that moves from started to complete (each change
//! streamed once), one that fails with Codat's message, and an id Codat does not know.

use codat_client::wait::{State, Status};
use codat_product_tests::{end, no_waits, polled, seen, Polled, COMPANY};
use codat_sync_expenses::SyncForExpenses;
use serde_json::{json, Value};

const SYNC: &str = "6fb40d5e-b13e-11ed-afa1-0242ac120002";

/// The sync's status polls answered with `script`.
async fn polls(script: Vec<(u16, Value)>) -> Polled<SyncForExpenses> {
    let path = format!("/companies/{COMPANY}/sync/expenses/syncs/{SYNC}/status");
    polled(SyncForExpenses::new, &path, script).await
}

fn sync(status: &str, code: i32, error: Option<&str>) -> (u16, Value) {
    let pushed = status == "Complete";
    let body = json!({"companyId": COMPANY, "syncId": SYNC, "syncStatus": status,
                      "syncStatusCode": code, "errorMessage": error, "dataPushed": pushed});
    (200, body)
}

#[tokio::test]
async fn a_sync_is_followed_to_its_end() {
    let pushing = sync("Pushing", 1500, None);
    let script = vec![
        sync("Started", 1000, None),
        pushing.clone(),
        pushing,
        sync("Complete", 2000, None),
    ];
    let expenses = polls(script).await;
    let watch = expenses
        .client
        .sync()
        .wait_for_sync(COMPANY, SYNC, no_waits());
    let seen = seen(watch).await.unwrap();
    let labels: Vec<String> = seen.iter().map(Status::label).collect();
    assert_eq!(labels, ["Started", "Pushing", "Complete"]);
    assert_eq!(seen[2].state(), Some(State::Succeeded));
    assert_eq!(expenses.polls(), 4);
}

#[tokio::test]
async fn a_failed_sync_is_an_error_with_its_message() {
    let archived = sync("PushError", 4000, Some("The account 7620 is archived"));
    let expenses = polls(vec![sync("Started", 1000, None), archived]).await;
    let watch = expenses
        .client
        .sync()
        .wait_for_sync(COMPANY, SYNC, no_waits());
    let error = end(watch).await.unwrap_err();
    codat_product_tests::check_failed(&error, "PushError", Some("The account 7620 is archived"));
}

#[tokio::test]
async fn an_unknown_sync_fails_at_once() {
    let missing = json!({"statusCode": 404, "service": "Sync", "error": "Sync not found",
                         "correlationId": "c-404"});
    let expenses = polls(vec![(404, missing)]).await;
    let watch = expenses
        .client
        .sync()
        .wait_for_sync(COMPANY, SYNC, no_waits());
    let error = end(watch).await.unwrap_err();
    assert_eq!(
        (error.status(), error.correlation_id()),
        (Some(404), Some("c-404"))
    );
    assert_eq!(expenses.polls(), 1);
}
