//! The `bank_feed` example end to end against the local Bank Feeds mock: what it sent (the
//! source account, the mapping, the transactions) and what it printed. The example's flow is
//! compiled in here as a module; the example is also run as a user runs it.

use std::time::Duration;

use codat_bank_feeds::BankFeeds;
use codat_mock::MOCK_COMPANY_ID;
use serde_json::{json, Value};

#[allow(dead_code)] // the example's `main` and `run` are not called from here
#[path = "../../examples/bank_feed/main.rs"]
mod bank_feed;

use bank_feed::mock::{MockBankFeeds, MOCK_CONNECTION_ID, MOCK_TARGET_ACCOUNTS};

async fn flow(
    mock: &MockBankFeeds,
    account: &str,
    target: Option<&str>,
) -> (Result<bank_feed::Fed, bank_feed::Failure>, String) {
    let feeds = BankFeeds::new(&mock.client());
    let mut out = Vec::new();
    let fed = tokio::time::timeout(
        Duration::from_secs(30),
        bank_feed::bank_feed(
            &feeds,
            mock.company_id(),
            mock.connection_id(),
            account,
            target,
            &mut out,
        ),
    )
    .await
    .expect("the flow finished within 30 s");
    (fed, String::from_utf8(out).unwrap())
}

#[tokio::test]
async fn the_flow_creates_maps_pushes_and_reads_the_latest_sync() {
    let mock = MockBankFeeds::start().await;
    let (fed, printed) = flow(&mock, "acc-t1", None).await;
    let fed = fed.unwrap();
    let target = MOCK_TARGET_ACCOUNTS[0].0;
    let key = "4a1d7b60-0000-4000-8000-000000000001";

    assert_eq!(fed.source_account_id, "acc-t1");
    assert_eq!(fed.target_account_id, target);
    assert_eq!(fed.push_operation_key, key);
    assert_eq!(fed.transactions_pushed, 2);
    assert_eq!(fed.latest_sync.as_deref(), Some("SuccessDataPushed"));
    for line in [
        "Company: Toft stores (mock) (base currency GBP)",
        "Created source account acc-t1 (pending)",
        &format!("Mapped acc-t1 to target account {target}: Success"),
        &format!("Pushed 2 transactions: push {key} is Success"),
        "Latest sync 5f0c7b2e-0000-4000-8000-000000000001: SuccessDataPushed \
         (2024-06-01T00:00:00Z to 2024-06-01T09:00:00Z)",
    ] {
        assert!(printed.contains(line), "missing {line:?} in:\n{printed}");
    }

    let calls = mock.calls();
    let base = format!("/companies/{MOCK_COMPANY_ID}/connections/{MOCK_CONNECTION_ID}");
    let sent = |verb: &str, path: &str| -> Value {
        let call = calls
            .iter()
            .find(|c| c.method() == verb && c.path() == path)
            .unwrap_or_else(|| panic!("no {verb} {path}"));
        call.json().unwrap()
    };
    let account = sent("POST", &format!("{base}/connectionInfo/bankFeedAccounts"));
    assert_eq!(account["id"], "acc-t1");
    assert_eq!(account["accountType"], "checking");
    assert_eq!(account["currency"], "GBP");
    assert_eq!(
        sent("POST", &format!("{base}/bankFeedAccounts/mapping")),
        json!({"sourceAccountId": "acc-t1", "targetAccountId": target,
               "feedStartDate": "2024-06-01T00:00:00Z"})
    );
    let pushed = sent(
        "POST",
        &format!("{base}/push/bankAccounts/acc-t1/bankTransactions"),
    );
    assert_eq!(pushed["accountId"], "acc-t1");
    let amounts: Vec<f64> = pushed["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["amount"].as_f64().unwrap())
        .collect();
    assert_eq!(amounts, [-84.2, 1250.0]);
    // The order a feed needs: the account, its mapping, then transactions, then the sync.
    let order: Vec<String> = calls
        .iter()
        .map(|c| format!("{} {}", c.method(), c.path().trim_start_matches(&base)))
        .collect();
    assert_eq!(
        order,
        [
            "GET /bankFeeds/info",
            "POST /connectionInfo/bankFeedAccounts",
            "GET /bankFeedAccounts/mapping",
            "POST /bankFeedAccounts/mapping",
            "POST /push/bankAccounts/acc-t1/bankTransactions",
            "GET /bankFeedAccounts/acc-t1/managedBankFeeds/syncs/latest",
        ]
    );
}

#[tokio::test]
async fn a_given_target_is_used_and_a_refused_mapping_stops_the_flow() {
    let mock = MockBankFeeds::start().await;
    let second = MOCK_TARGET_ACCOUNTS[1].0;
    let (fed, _) = flow(&mock, "acc-t2", Some(second)).await;
    assert_eq!(fed.unwrap().target_account_id, second);
    // The options were not asked for: the target was given.
    assert!(mock.calls_to("get-bank-account-mapping").is_empty());

    let (fed, printed) = flow(&mock, "acc-t3", Some("not-an-account")).await;
    match fed {
        Err(bank_feed::Failure::Mapping(why)) => {
            assert_eq!(why, "the target account is not one of the options")
        }
        other => panic!("{other:?}"),
    }
    assert!(!printed.contains("Pushed"), "{printed}");
}

#[tokio::test]
async fn the_mock_reports_no_sync_before_a_push_and_refuses_unmapped_accounts_and_wrong_keys() {
    let mock = MockBankFeeds::start().await;
    let feeds = BankFeeds::new(&mock.client());
    let latest = feeds
        .managed_bank_feeds()
        .get_latest_sync(MOCK_COMPANY_ID, MOCK_CONNECTION_ID, "acc-none")
        .await
        .unwrap();
    assert_eq!(latest, None);
    let err = feeds
        .transactions()
        .create(
            MOCK_COMPANY_ID,
            MOCK_CONNECTION_ID,
            "acc-none",
            codat_bank_feeds::models::CreateBankTransactionsParams::new(),
            &codat_bank_feeds::models::CreateBankTransactions {
                account_id: "acc-none".into(),
                transactions: Vec::new(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));

    let codat = codat_client::Codat::builder()
        .api_key("not-the-mock-key")
        .base_url(mock.uri())
        .build()
        .unwrap();
    let err = BankFeeds::new(&codat)
        .company_information()
        .get(MOCK_COMPANY_ID, MOCK_CONNECTION_ID)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.correlation_id(), Some("codat-test-401"));
}

/// The example as a user runs it (`cargo run -p codat-bank-feeds --example bank_feed`), without credentials: it
/// says it calls a local mock and that nothing reaches Codat, and runs the whole flow.
#[test]
fn the_example_run_offline_says_it_calls_a_local_mock() {
    let (ok, stdout, stderr) = codat_mock::cli::run_example("bank_feed", &[]);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("calling a LOCAL MOCK of Bank Feeds at http://127.0.0.1:"),
        "{stdout}"
    );
    assert!(
        stdout.contains("(not the real API; nothing reaches Codat"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "Done: source account acc-mock-1 feeds target account {}; 2 transactions pushed \
             (push 4a1d7b60-0000-4000-8000-000000000001); latest sync: SuccessDataPushed.",
            MOCK_TARGET_ACCOUNTS[0].0
        )),
        "{stdout}"
    );
}

/// With a key but no company, the example stops before calling anything and says what to set.
#[test]
fn the_example_with_a_key_needs_the_company_and_connection() {
    // Nowhere reachable, should anything be sent.
    let (ok, _, stderr) = codat_mock::cli::run_example(
        "bank_feed",
        &[
            ("CODAT_API_KEY", "some-key"),
            ("CODAT_BASE_URL", "http://127.0.0.1:9"),
        ],
    );
    assert!(!ok);
    assert!(
        stderr.contains("set CODAT_COMPANY_ID and CODAT_CONNECTION_ID"),
        "{stderr}"
    );
}
