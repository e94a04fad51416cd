//! A local stand-in for Codat's Bank Feeds API, on loopback, for the `bank_feed` example and
//! its test.
//!
//! It answers the operations a bank feed's set-up uses with bodies shaped like the spec's:
//! it keeps the source accounts created through it, offers two target accounts to map them
//! to, accepts bank transactions only for a source account that has been mapped, and reports
//! a feed's latest sync as none (204) until transactions have been pushed to it. It checks the
//! `Authorization` header the way Codat would. It is a mock: nothing it answers comes from
//! Codat.

use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::{basic_auth, error_message, Running, MOCK_API_KEY};

/// The connection id the mock answers for.
pub use crate::MOCK_CONNECTION_ID;

/// The target accounts the mock offers, as (id, name, balance).
pub const MOCK_TARGET_ACCOUNTS: [(&str, &str, f64); 2] = [
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
pub struct MockBankFeeds(Running);

impl std::ops::Deref for MockBankFeeds {
    type Target = Running;
    fn deref(&self) -> &Running {
        &self.0
    }
}

/// The pattern of a path under any company and connection.
fn connection(rest: &str) -> String {
    format!(r"^/companies/[^/]+/connections/[^/]+{rest}$")
}

fn body_of(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap_or(Value::Null)
}

/// Path segment `n` (from 0 for the empty one before the first `/`), still encoded.
fn segment(request: &Request, n: usize) -> String {
    request
        .url
        .path()
        .split('/')
        .nth(n)
        .unwrap_or_default()
        .to_owned()
}

impl MockBankFeeds {
    /// Starts the mock on a free port of 127.0.0.1.
    pub async fn start() -> MockBankFeeds {
        let server = MockServer::start().await;
        let feeds = Arc::new(Mutex::new(Feeds::default()));
        let auth = basic_auth(MOCK_API_KEY);
        let right_auth = move |request: &Request| {
            request.headers.get("authorization").map(|v| v.as_bytes()) == Some(auth.as_bytes())
        };
        let mount = |verb: &'static str, rest: &str| {
            Mock::given(method(verb))
                .and(path_regex(connection(rest)))
                .and(right_auth.clone())
        };

        mount("GET", "/bankFeeds/info")
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "companyName": "Toft stores (mock)",
                "baseCurrency": "GBP",
                "multicurrencyEnabled": false,
                "currencies": ["GBP"]
            })))
            .with_priority(1)
            .mount(&server)
            .await;

        let state = feeds.clone();
        mount("POST", "/connectionInfo/bankFeedAccounts")
            .respond_with(move |request: &Request| {
                let mut account = body_of(request);
                let Some(id) = account["id"].as_str().map(str::to_owned) else {
                    return error_message(400, "a source account needs an id");
                };
                let mut feeds = state.lock().unwrap();
                if feeds.accounts.iter().any(|a| a["id"] == id.as_str()) {
                    return error_message(400, &format!("source account {id} already exists"));
                }
                account["status"] = json!("pending");
                feeds.accounts.push(account.clone());
                ResponseTemplate::new(200).set_body_json(account)
            })
            .with_priority(1)
            .mount(&server)
            .await;

        let state = feeds.clone();
        mount("GET", "/connectionInfo/bankFeedAccounts")
            .respond_with(move |_: &Request| {
                let accounts = state.lock().unwrap().accounts.clone();
                ResponseTemplate::new(200).set_body_json(accounts)
            })
            .with_priority(1)
            .mount(&server)
            .await;

        let state = feeds.clone();
        mount("GET", "/bankFeedAccounts/mapping")
            .respond_with(move |_: &Request| {
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
                ResponseTemplate::new(200).set_body_json(mappings)
            })
            .with_priority(1)
            .mount(&server)
            .await;

        let state = feeds.clone();
        mount("POST", "/bankFeedAccounts/mapping")
            .respond_with(move |request: &Request| {
                let mapping = body_of(request);
                let source = mapping["sourceAccountId"].as_str().unwrap_or_default();
                let target = mapping["targetAccountId"].as_str().unwrap_or_default();
                let mut feeds = state.lock().unwrap();
                let Some(account) = feeds.accounts.iter_mut().find(|a| a["id"] == source) else {
                    return error_message(
                        404,
                        &format!("the mock has no source account {source:?}"),
                    );
                };
                if !MOCK_TARGET_ACCOUNTS.iter().any(|(id, ..)| *id == target) {
                    return ResponseTemplate::new(200).set_body_json(json!({
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
                ResponseTemplate::new(200).set_body_json(json!({
                    "sourceAccountId": source,
                    "targetAccountId": target,
                    "status": "Success"
                }))
            })
            .with_priority(1)
            .mount(&server)
            .await;

        let state = feeds.clone();
        mount("POST", "/push/bankAccounts/[^/]+/bankTransactions")
            .respond_with(move |request: &Request| {
                let account_id = segment(request, 7);
                let body = body_of(request);
                if body["accountId"] != account_id.as_str() {
                    return error_message(400, "accountId must be the account of the path");
                }
                let Some(count) = body["transactions"].as_array().map(Vec::len) else {
                    return error_message(400, "expected a list of transactions");
                };
                let mut feeds = state.lock().unwrap();
                let Some(account) = feeds
                    .accounts
                    .iter()
                    .find(|a| a["id"] == account_id.as_str())
                else {
                    return error_message(
                        404,
                        &format!("the mock has no source account {account_id}"),
                    );
                };
                if account["status"] != "connected" {
                    return error_message(
                        400,
                        "the source account is not connected to a target account",
                    );
                }
                let key = format!("4a1d7b60-0000-4000-8000-{:012}", feeds.pushes.len() + 1);
                feeds.pushes.push((account_id, key.clone(), count));
                ResponseTemplate::new(200).set_body_json(json!({
                    "data": body,
                    "dataType": "bankTransactions",
                    "companyId": segment(request, 2),
                    "pushOperationKey": key,
                    "dataConnectionKey": segment(request, 4),
                    "requestedOnUtc": "2024-06-01T09:00:00Z",
                    "completedOnUtc": "2024-06-01T09:00:02Z",
                    "status": "Success",
                    "statusCode": 200
                }))
            })
            .with_priority(1)
            .mount(&server)
            .await;

        let state = feeds.clone();
        mount(
            "GET",
            "/bankFeedAccounts/[^/]+/managedBankFeeds/syncs/latest",
        )
        .respond_with(move |request: &Request| {
            let account_id = segment(request, 6);
            let feeds = state.lock().unwrap();
            let pushes: Vec<&(String, String, usize)> =
                feeds.pushes.iter().filter(|p| p.0 == account_id).collect();
            let Some(last) = pushes.last() else {
                return ResponseTemplate::new(204);
            };
            ResponseTemplate::new(200).set_body_json(json!({
                "syncId": format!("5f0c7b2e-0000-4000-8000-{:012}", pushes.len()),
                "clientId": "c1a2b3c4-0000-4000-8000-000000000001",
                "companyId": segment(request, 2),
                "companyName": "Toft stores (mock)",
                "dataConnectionId": segment(request, 4),
                "sourceAccountId": account_id,
                "periodStartUtc": "2024-06-01T00:00:00Z",
                "periodEndUtc": "2024-06-01T09:00:00Z",
                "executionStartUtc": "2024-06-01T09:00:00Z",
                "executionEndUtc": "2024-06-01T09:00:02Z",
                "status": "SuccessDataPushed",
                "pushOperationKeys": [last.1]
            }))
        })
        .with_priority(1)
        .mount(&server)
        .await;

        MockBankFeeds(Running::refuse_the_rest(server).await)
    }
}
