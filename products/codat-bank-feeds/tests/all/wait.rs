//! Waiting for a managed bank feed sync over loopback: one that pushes its data, one that
//! fails with Codat's code and message, and a status this crate does not know (reported, and
//! never taken for success, until the deadline on the virtual clock).

use std::time::Duration;

use codat_bank_feeds::BankFeeds;
use codat_client::wait::{State, Status};
use codat_client::Error;
use codat_product_tests::{builder, end, no_waits, polled, seen, within, Polled, VirtualTimer};
use codat_product_tests::{COMPANY, CONNECTION, WAIT_KEY};
use futures_util::TryStreamExt;
use serde_json::json;

const ACCOUNT: &str = "acc-001";
const SYNC: &str = "6fb40d5e-b13e-11ed-afa1-0242ac120002";

/// The sync's polls answering the n-th with the n-th of `statuses` (the last repeats), the
/// failed ones with Codat's code and message.
async fn syncs(statuses: &[&str]) -> Polled<BankFeeds> {
    let path = format!(
        "/companies/{COMPANY}/connections/{CONNECTION}/bankFeedAccounts/{ACCOUNT}/managedBankFeeds/syncs/{SYNC}"
    );
    let script = statuses.iter().map(|status| {
        let mut body = json!({
            "syncId": SYNC, "clientId": "c-1", "companyId": COMPANY, "companyName": "Bank of Dave",
            "dataConnectionId": CONNECTION, "sourceAccountId": ACCOUNT,
            "periodStartUtc": "2024-08-01T00:00:00Z", "periodEndUtc": "2024-08-02T00:00:00Z",
            "executionStartUtc": "2024-08-02T00:00:05Z", "status": status
        });
        if *status == "Failed" {
            body["errorCode"] = json!("TargetAccountNotFound");
            body["errorMessage"] = json!("the target account was deleted");
        }
        (200, body)
    });
    polled(BankFeeds::new, &path, script.collect()).await
}

#[tokio::test]
async fn a_sync_is_followed_until_its_data_is_pushed() {
    let feeds = syncs(&["Started", "SuccessDataPushed"]).await;
    let managed = feeds.client.managed_bank_feeds();
    let seen = seen(managed.wait_for_sync(COMPANY, CONNECTION, ACCOUNT, SYNC, no_waits())).await;
    let states: Vec<_> = seen
        .unwrap()
        .iter()
        .map(|s| (s.label(), s.state()))
        .collect();
    let expected = [
        ("Started", State::Running),
        ("SuccessDataPushed", State::Succeeded),
    ];
    assert_eq!(
        states,
        expected.map(|(label, state)| (label.to_owned(), Some(state)))
    );
}

#[tokio::test]
async fn a_failed_sync_carries_codes_and_messages() {
    let feeds = syncs(&["Failed"]).await;
    let managed = feeds.client.managed_bank_feeds();
    let error = end(managed.wait_for_sync(COMPANY, CONNECTION, ACCOUNT, SYNC, no_waits())).await;
    let error = error.unwrap_err();
    codat_product_tests::check_failed(
        &error,
        "Failed",
        Some("TargetAccountNotFound: the target account was deleted"),
    );
}

#[tokio::test]
async fn an_unknown_status_is_never_a_success() {
    let server = syncs(&["Reconciling"]).await.server;
    let timer = VirtualTimer::new();
    let codat = builder(WAIT_KEY, &server.uri())
        .timer(timer.clone())
        .build()
        .unwrap();
    let second = Duration::from_secs(1);
    let options = no_waits()
        .initial_interval(second)
        .max_interval(second)
        .timeout(5 * second);
    let feeds = BankFeeds::new(&codat);
    let managed = feeds.managed_bank_feeds();
    let mut watch = managed.wait_for_sync(COMPANY, CONNECTION, ACCOUNT, SYNC, options);
    let first = within(watch.try_next()).await.unwrap().unwrap();
    assert_eq!(first.state(), None);
    let end = within(watch.try_next()).await.unwrap_err();
    assert!(
        matches!(&end, Error::WaitTimedOut { status: Some(s), .. } if s == "Reconciling"),
        "{end:?}"
    );
    // Polled again and again until the deadline on the virtual clock, never past it.
    let slept: Duration = timer.sleeps().iter().sum();
    assert!(slept <= 5 * second, "{:?}", timer.sleeps());
    let polls = codat_product_tests::requests(&server).await.len();
    assert!(
        polls > 2 && polls == timer.sleeps().len() + 1,
        "{polls} polls"
    );
}
