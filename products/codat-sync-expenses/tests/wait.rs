//! Waiting for a sync over loopback: one that moves from started to complete (each change
//! streamed once), one that fails with Codat's message, and an id Codat does not know.

use codat_client::wait::{State, Status};
use codat_client::Error;
use codat_product_tests::{codat, no_waits, scripted, within, COMPANY};
use codat_sync_expenses::models::CompanySyncStatus;
use codat_sync_expenses::SyncForExpenses;
use futures_util::TryStreamExt;
use serde_json::{json, Value};

const AUTH: &str = "Basic d2FpdC10ZXN0LWtleQ==";
const SYNC: &str = "6fb40d5e-b13e-11ed-afa1-0242ac120002";
const PATH: &str =
    "/companies/8a210b68-6988-11ed-a1eb-0242ac120002/sync/expenses/syncs/6fb40d5e-b13e-11ed-afa1-0242ac120002/status";

fn sync(status: &str, code: i32, error: Option<&str>) -> (u16, Value) {
    (
        200,
        json!({"companyId": COMPANY, "syncId": SYNC, "syncStatus": status,
               "syncStatusCode": code, "errorMessage": error, "dataPushed": status == "Complete"}),
    )
}

#[tokio::test]
async fn a_sync_is_followed_to_its_end() {
    let (server, polls) = scripted(
        AUTH,
        "GET",
        PATH,
        vec![
            sync("Started", 1000, None),
            sync("Pushing", 1500, None),
            sync("Pushing", 1500, None),
            sync("Complete", 2000, None),
        ],
    )
    .await;
    let expenses = SyncForExpenses::new(&codat("wait-test-key", &server));
    let seen: Vec<CompanySyncStatus> = within(
        expenses
            .sync()
            .wait_for_sync(COMPANY, SYNC, no_waits())
            .try_collect(),
    )
    .await
    .unwrap();
    let labels: Vec<String> = seen.iter().map(Status::label).collect();
    assert_eq!(labels, ["Started", "Pushing", "Complete"]);
    assert_eq!(seen[2].state(), Some(State::Succeeded));
    assert_eq!(polls.load(std::sync::atomic::Ordering::SeqCst), 4);
}

#[tokio::test]
async fn a_failed_sync_is_an_error_with_its_message() {
    let (server, _) = scripted(
        AUTH,
        "GET",
        PATH,
        vec![
            sync("Started", 1000, None),
            sync("PushError", 4000, Some("The account 7620 is archived")),
        ],
    )
    .await;
    let expenses = SyncForExpenses::new(&codat("wait-test-key", &server));
    let error = within(
        expenses
            .sync()
            .wait_for_sync(COMPANY, SYNC, no_waits())
            .finish(),
    )
    .await
    .unwrap_err();
    match error {
        Error::OperationFailed { status, message } => {
            assert_eq!(status, "PushError");
            assert_eq!(message.as_deref(), Some("The account 7620 is archived"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_unknown_sync_fails_at_once() {
    let (server, polls) = scripted(
        AUTH,
        "GET",
        PATH,
        vec![(404, json!({"statusCode": 404, "service": "Sync", "error": "Sync not found", "correlationId": "c-404"}))],
    )
    .await;
    let expenses = SyncForExpenses::new(&codat("wait-test-key", &server));
    let error = within(
        expenses
            .sync()
            .wait_for_sync(COMPANY, SYNC, no_waits())
            .finish(),
    )
    .await
    .unwrap_err();
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.correlation_id(), Some("c-404"));
    assert_eq!(polls.load(std::sync::atomic::Ordering::SeqCst), 1);
}
