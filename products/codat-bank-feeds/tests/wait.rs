//! Waiting for a managed bank feed sync over loopback: one that pushes its data, one that
//! fails with Codat's code and message, and a status this crate does not know (reported, and
//! never taken for success).

use codat_bank_feeds::BankFeeds;
use codat_client::wait::Status;
use codat_client::Error;
use codat_product_tests::{codat, no_waits, scripted, within, COMPANY, CONNECTION};
use futures_util::TryStreamExt;
use serde_json::{json, Value};

const AUTH: &str = "Basic d2FpdC10ZXN0LWtleQ==";
const ACCOUNT: &str = "acc-001";
const SYNC: &str = "6fb40d5e-b13e-11ed-afa1-0242ac120002";

fn path() -> String {
    format!("/companies/{COMPANY}/connections/{CONNECTION}/bankFeedAccounts/{ACCOUNT}/managedBankFeeds/syncs/{SYNC}")
}

fn sync(status: &str, failed: bool) -> (u16, Value) {
    let mut body = json!({
        "syncId": SYNC, "clientId": "c-1", "companyId": COMPANY, "companyName": "Bank of Dave",
        "dataConnectionId": CONNECTION, "sourceAccountId": ACCOUNT,
        "periodStartUtc": "2024-08-01T00:00:00Z", "periodEndUtc": "2024-08-02T00:00:00Z",
        "executionStartUtc": "2024-08-02T00:00:05Z", "status": status
    });
    if failed {
        body["errorCode"] = json!("TargetAccountNotFound");
        body["errorMessage"] = json!("the target account was deleted");
    }
    (200, body)
}

#[tokio::test]
async fn a_sync_is_followed_until_its_data_is_pushed() {
    let (server, _) = scripted(
        AUTH,
        "GET",
        &path(),
        vec![sync("Started", false), sync("SuccessDataPushed", false)],
    )
    .await;
    let feeds = BankFeeds::new(&codat("wait-test-key", &server));
    let seen: Vec<String> = within(
        feeds
            .managed_bank_feeds()
            .wait_for_sync(COMPANY, CONNECTION, ACCOUNT, SYNC, no_waits())
            .map(|s| s.label())
            .try_collect(),
    )
    .await
    .unwrap();
    assert_eq!(seen, ["Started", "SuccessDataPushed"]);
}

#[tokio::test]
async fn a_failed_sync_carries_codes_and_messages() {
    let (server, _) = scripted(AUTH, "GET", &path(), vec![sync("Failed", true)]).await;
    let feeds = BankFeeds::new(&codat("wait-test-key", &server));
    let error = within(
        feeds
            .managed_bank_feeds()
            .wait_for_sync(COMPANY, CONNECTION, ACCOUNT, SYNC, no_waits())
            .finish(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, Error::OperationFailed { status, message: Some(m) }
            if status == "Failed" && m == "TargetAccountNotFound: the target account was deleted"),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_unknown_status_is_never_a_success() {
    let (server, _) = scripted(AUTH, "GET", &path(), vec![sync("Reconciling", false)]).await;
    let feeds = BankFeeds::new(&codat("wait-test-key", &server));
    let options = no_waits().timeout(std::time::Duration::from_millis(200));
    let mut watch = feeds
        .managed_bank_feeds()
        .wait_for_sync(COMPANY, CONNECTION, ACCOUNT, SYNC, options);
    let first = within(watch.try_next()).await.unwrap().unwrap();
    assert_eq!(first.state(), None);
    let end = within(watch.try_next()).await.unwrap_err();
    assert!(
        matches!(&end, Error::WaitTimedOut { status: Some(s), .. } if s == "Reconciling"),
        "{end:?}"
    );
}
