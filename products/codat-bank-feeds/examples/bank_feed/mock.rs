//! A local stand-in for Codat's Bank Feeds API, on loopback, for the `bank_feed` example and
//! its test.
//!
//! It answers the operations a bank feed's set-up uses with bodies shaped like the spec's:
//! it keeps the source accounts created through it, offers two target accounts to map them
//! to, accepts bank transactions only for a source account that has been mapped, and reports
//! a feed's latest sync as none (204) until transactions have been pushed to it. It is a mock:
//! nothing it answers comes from Codat.

use std::sync::{Arc, Mutex};

use codat_test::{Call, Reply};
use serde_json::{json, Value};

use codat_mock::Running;

/// The connection id the mock answers for.
#[allow(unused_imports)] // the tests name it; the example takes it from the stand-in
pub(crate) use codat_mock::MOCK_CONNECTION_ID;

/// The target accounts the mock offers, as (id, name, balance).
pub(crate) const MOCK_TARGET_ACCOUNTS: [(&str, &str, f64); 2] = [
    (
        "044096a7-1478-4554-8820-f478caad1b00",
        "Business current account",
        1520.35,
    ),
    ("7110701885", "Card clearing account", 0.0),
];

/// What the mock was sent and made so far.
#[derive(Debug, Default)]
struct Feeds {
    /// Source accounts as created, with the status and target the mock gave them.
    accounts: Vec<Value>,
    /// Pushes of bank transactions: (source account id, push operation key, how many).
    pushes: Vec<(String, String, usize)>,
}

/// A running mock of Bank Feeds; stops when dropped.
#[derive(Debug)]
pub(crate) struct MockBankFeeds(Running);

impl std::ops::Deref for MockBankFeeds {
    type Target = Running;
    fn deref(&self) -> &Running {
        &self.0
    }
}

fn body_of(call: &Call) -> Value {
    call.json().unwrap_or(Value::Null)
}

/// The value of the path's placeholder `name`, decoded.
fn path<'c>(call: &'c Call, name: &str) -> &'c str {
    call.path_value(name).unwrap_or_default()
}

impl MockBankFeeds {
    /// Starts the mock on a free port of 127.0.0.1.
    pub(crate) async fn start() -> MockBankFeeds {
        let running = Running::start().await;
        let feeds = Arc::new(Mutex::new(Feeds::default()));

        // By method and template: Sync for Payables' company information has the same
        // operation id.
        running
            .on("GET /companies/<company_id>/connections/<connection_id>/bankFeeds/info")
            .reply(Reply::ok(&json!({
                "companyName": "Toft stores (mock)",
                "baseCurrency": "GBP",
                "multicurrencyEnabled": false,
                "currencies": ["GBP"]
            })));

        let state = feeds.clone();
        running
            .on("create-source-account")
            .reply_with(move |call: &Call| {
                let mut account = body_of(call);
                let Some(id) = account["id"].as_str().map(str::to_owned) else {
                    return Reply::error(400, "a source account needs an id");
                };
                let mut feeds = state.lock().unwrap();
                if feeds.accounts.iter().any(|a| a["id"] == id.as_str()) {
                    return Reply::error(400, &format!("source account {id} already exists"));
                }
                account["status"] = json!("pending");
                feeds.accounts.push(account.clone());
                Reply::ok(&account)
            });

        let state = feeds.clone();
        running
            .on("list-source-accounts")
            .reply_with(move |_: &Call| Reply::ok(&state.lock().unwrap().accounts));

        let state = feeds.clone();
        running
            .on("get-bank-account-mapping")
            .reply_with(move |_: &Call| {
                let options: Vec<Value> = MOCK_TARGET_ACCOUNTS
                    .iter()
                    .map(|(id, name, balance)| json!({"id": id, "name": name, "balance": balance}))
                    .collect();
                let mappings: Vec<Value> = state
                    .lock()
                    .unwrap()
                    .accounts
                    .iter()
                    .map(|account| {
                        json!({
                            "sourceAccountId": account["id"],
                            "sourceAccountName": account["accountName"],
                            "sourceAccountNumber": account["accountNumber"],
                            "sourceBalance": account["balance"],
                            "sourceCurrency": account["currency"],
                            "targetAccountId": account.get("targetAccountId"),
                            "status": account["status"],
                            "targetAccountOptions": options,
                        })
                    })
                    .collect();
                Reply::ok(&mappings)
            });

        let state = feeds.clone();
        running
            .on("create-bank-account-mapping")
            .reply_with(move |call: &Call| {
                let mapping = body_of(call);
                let source = mapping["sourceAccountId"].as_str().unwrap_or_default();
                let target = mapping["targetAccountId"].as_str().unwrap_or_default();
                let mut feeds = state.lock().unwrap();
                let Some(account) = feeds.accounts.iter_mut().find(|a| a["id"] == source) else {
                    return Reply::error(
                        404,
                        &format!("the mock has no source account {source:?}"),
                    );
                };
                if !MOCK_TARGET_ACCOUNTS.iter().any(|(id, ..)| *id == target) {
                    return Reply::ok(&json!({
                        "sourceAccountId": source,
                        "targetAccountId": target,
                        "status": "Failed",
                        "error": "the target account is not one of the options"
                    }));
                }
                account["status"] = json!("connected");
                account["targetAccountId"] = json!(target);
                if let Some(start) = mapping.get("feedStartDate").filter(|d| !d.is_null()) {
                    account["feedStartDate"] = start.clone();
                }
                Reply::ok(&json!({
                    "sourceAccountId": source,
                    "targetAccountId": target,
                    "status": "Success"
                }))
            });

        let state = feeds.clone();
        running
            .on("create-bank-transactions")
            .reply_with(move |call: &Call| {
                let account_id = path(call, "account_id");
                let body = body_of(call);
                if body["accountId"] != account_id {
                    return Reply::error(400, "accountId must be the account of the path");
                }
                let Some(count) = body["transactions"].as_array().map(Vec::len) else {
                    return Reply::error(400, "expected a list of transactions");
                };
                let mut feeds = state.lock().unwrap();
                let Some(account) = feeds.accounts.iter().find(|a| a["id"] == account_id) else {
                    return Reply::error(
                        404,
                        &format!("the mock has no source account {account_id}"),
                    );
                };
                if account["status"] != "connected" {
                    return Reply::error(
                        400,
                        "the source account is not connected to a target account",
                    );
                }
                let key = format!("4a1d7b60-0000-4000-8000-{:012}", feeds.pushes.len() + 1);
                feeds
                    .pushes
                    .push((account_id.to_owned(), key.clone(), count));
                Reply::ok(&json!({
                    "data": body,
                    "dataType": "bankTransactions",
                    "companyId": path(call, "company_id"),
                    "pushOperationKey": key,
                    "dataConnectionKey": path(call, "connection_id"),
                    "requestedOnUtc": "2024-06-01T09:00:00Z",
                    "completedOnUtc": "2024-06-01T09:00:02Z",
                    "status": "Success",
                    "statusCode": 200
                }))
            });

        let state = feeds;
        running
            .on("get-latest-managed-bank-feed-sync")
            .reply_with(move |call: &Call| {
                let account_id = path(call, "source_account_id");
                let feeds = state.lock().unwrap();
                let pushes: Vec<&(String, String, usize)> =
                    feeds.pushes.iter().filter(|p| p.0 == account_id).collect();
                let Some(last) = pushes.last() else {
                    return Reply::status(204);
                };
                Reply::ok(&json!({
                    "syncId": format!("5f0c7b2e-0000-4000-8000-{:012}", pushes.len()),
                    "clientId": "c1a2b3c4-0000-4000-8000-000000000001",
                    "companyId": path(call, "company_id"),
                    "companyName": "Toft stores (mock)",
                    "dataConnectionId": path(call, "connection_id"),
                    "sourceAccountId": account_id,
                    "periodStartUtc": "2024-06-01T00:00:00Z",
                    "periodEndUtc": "2024-06-01T09:00:00Z",
                    "executionStartUtc": "2024-06-01T09:00:00Z",
                    "executionEndUtc": "2024-06-01T09:00:02Z",
                    "status": "SuccessDataPushed",
                    "pushOperationKeys": [last.1]
                }))
            });

        MockBankFeeds(running)
    }
}
