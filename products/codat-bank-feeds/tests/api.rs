//! Every Bank Feeds operation against wiremock on 127.0.0.1: the method, the encoded path, the
//! query, the auth header and the JSON body sent, and every success example the spec documents
//! (on the response, else on the schema it names) decoded into the operation's return type;
//! where it documents none, a fixture written here. Then the shapes this product brings
//! (a batch that answers 201, 207 or 409; a latest sync that answers 200 or 204; `oneOf` bodies
//! of either version or of neither), the page stream, error bodies of every kind, unknown enum
//! values, and hostile path values.
//!
//! The spec is read from `../../../shared/codat/Codat-Bank-Feeds.json` (or the folder in
//! `CODAT_SPEC_DIR`). Without it the request checks still run against fixtures written here;
//! the example checks are skipped and say so, except with `CI=true`, where they fail.

use std::future::Future;
use std::sync::LazyLock;

use codat_bank_feeds::models::{
    AccountInfo, BankAccountPrototype, BankAccountPrototypeAccountType, BankAccountStatus,
    BankFeedAccountMapping, CreateBankTransactions, CreateBatchSourceAccountRequest,
    CreateBatchSourceAccountResponseItem, CreateBatchSourceAccountResponseMultiStatusItem,
    CreateSourceAccountRequest, CreateSourceAccountResponse, ListSourceAccountsResponse,
    RoutingInfo, RoutingInfoType, SourceAccount, SourceAccountPrototype, SourceAccountStatus,
    SourceAccountV2AccountType, SourceAccountV2Prototype, SourceAccountV2Status,
};
use codat_bank_feeds::source_accounts::batch_conflicts;
use codat_bank_feeds::BankFeeds;
use codat_client::models::push_data::PushOperationStatus;
use codat_client::models::Decimal;
use codat_client::paging::{PageOptions, PageParams};
use codat_client::{Error, MultiStatus};
use codat_product_tests as shared;
use codat_product_tests::{json_body, normalized, requests, serve, within, COMPANY, CONNECTION};
use futures_util::{StreamExt, TryStreamExt};
use rust_decimal_macros::dec;
use serde_json::{json, Value};
use wiremock::matchers::{any, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "bank-feeds-test-key";
/// `Basic` and the key in base64, worked out independently of the client.
const AUTH: &str = "Basic YmFuay1mZWVkcy10ZXN0LWtleQ==";
/// The source account and sync the tests name.
const ACCOUNT: &str = "acc-001";
const SYNC: &str = "5f0c7b2e-3a41-4c1e-9d7a-6b1f0e2d9c11";
/// The spec's template of the test connection's place, as a key into its `paths`.
const CONN: &str = "/companies/{companyId}/connections/{connectionId}";

// ---- the spec -------------------------------------------------------------------------------

static SPEC: LazyLock<Option<Value>> =
    LazyLock::new(|| shared::spec(env!("CARGO_MANIFEST_DIR"), "Codat-Bank-Feeds.json"));

fn spec() -> Option<&'static Value> {
    SPEC.as_ref()
}

fn operation(spec_path: &str, verb: &str) -> Option<&'static Value> {
    shared::operation(spec(), spec_path, verb)
}

/// The spec's path template with the test's values in its placeholders.
fn filled(spec_path: &str) -> String {
    spec_path
        .replace("{companyId}", COMPANY)
        .replace("{connectionId}", CONNECTION)
        .replace("{accountId}", ACCOUNT)
        .replace("{sourceAccountId}", ACCOUNT)
        .replace("{syncId}", SYNC)
}

/// Every example the spec documents for the `status` response of `verb spec_path`: its
/// media type's named examples, else those of the schema it names (each `oneOf`
/// alternative's; for an array, its items' examples as one array). `fixture` alone when the
/// spec is missing or documents none.
fn documented(spec_path: &str, verb: &str, status: &str, fixture: Value) -> Vec<(String, Value)> {
    let Some(op) = operation(spec_path, verb) else {
        return vec![("fixture".into(), fixture)];
    };
    let root = spec().unwrap();
    let media = &op["responses"][status]["content"]["application/json"];
    assert!(media.is_object(), "{verb} {spec_path}: no JSON {status}");
    let named = shared::examples(media);
    if !named.is_empty() {
        return named;
    }
    assert!(media.get("example").is_none(), "{verb} {spec_path}");
    let listed = schema_examples(root, &media["schema"]);
    if !listed.is_empty() {
        return listed
            .into_iter()
            .enumerate()
            .map(|(i, value)| (format!("schema example {i}"), value))
            .collect();
    }
    vec![("fixture".into(), fixture)]
}

/// Follows `$ref`s as JSON pointers, so that those through an array (`allOf/0`) resolve too.
fn resolve<'s>(root: &'s Value, mut node: &'s Value) -> &'s Value {
    while let Some(reference) = node.get("$ref").and_then(Value::as_str) {
        node = root
            .pointer(reference.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("unresolved {reference}"));
    }
    node
}

fn schema_examples(root: &Value, schema: &Value) -> Vec<Value> {
    let schema = resolve(root, schema);
    if let Some(listed) = schema.get("examples").and_then(Value::as_array) {
        return listed.clone();
    }
    if let Some(alternatives) = schema.get("oneOf").and_then(Value::as_array) {
        return alternatives
            .iter()
            .flat_map(|alternative| schema_examples(root, alternative))
            .collect();
    }
    if schema["type"] == "array" {
        let items = schema_examples(root, &schema["items"]);
        if !items.is_empty() {
            return vec![Value::Array(items)];
        }
    }
    Vec::new()
}

/// The named examples of the operation's request body; `fallback` without the spec.
fn request_examples(spec_path: &str, verb: &str, fallback: Value) -> Vec<(String, Value)> {
    match operation(spec_path, verb) {
        Some(op) => shared::examples(&op["requestBody"]["content"]["application/json"]),
        None => vec![("fixture".into(), fallback)],
    }
}

// ---- the client and one exchange ------------------------------------------------------------

fn feeds(server: &MockServer) -> BankFeeds {
    BankFeeds::new(&shared::codat(KEY, server))
}

/// What a call must have sent besides its method, path and auth.
struct Sent {
    query: Option<&'static str>,
    body: Option<Value>,
}

const NOTHING: Sent = Sent {
    query: None,
    body: None,
};

/// For each of `examples`: serves it with `status` at `verb spec_path` (filled), calls, and
/// checks what was decoded with `check` and what was sent against `sent`.
async fn exchange<T, F, Fut>(
    verb: &str,
    spec_path: &str,
    status: u16,
    examples: Vec<(String, Value)>,
    sent: &Sent,
    call: F,
    check: impl Fn(&str, &Value, T),
) where
    F: Fn(BankFeeds) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let full = filled(spec_path);
    assert!(!examples.is_empty(), "{verb} {spec_path}: nothing to serve");
    for (name, body) in examples {
        let server = serve(AUTH, verb, &full, status, &body).await;
        let got = call(feeds(&server))
            .await
            .unwrap_or_else(|e| panic!("{verb} {spec_path}, {name}: {e}"));
        check(&name, &body, got);
        let request = shared::only_request(&server, AUTH).await;
        assert_eq!(request.url.query(), sent.query, "{verb} {spec_path}");
        match &sent.body {
            Some(expected) => assert_eq!(
                normalized(&json_body(&request)),
                normalized(expected),
                "{verb} {spec_path}, {name}"
            ),
            None => assert!(request.body.is_empty(), "{verb} {spec_path}"),
        }
    }
}

/// A server that answers `verb` at `full_path` with `status` and no body at all.
async fn serve_empty(verb: &str, full_path: &str, status: u16) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(full_path))
        .and(header("authorization", AUTH))
        .respond_with(ResponseTemplate::new(status))
        .mount(&server)
        .await;
    server
}

/// A server that answers anything with `template`.
async fn answering(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

// ---- fixtures -------------------------------------------------------------------------------

fn push_fixture(data: Value) -> Value {
    json!({
        "data": data,
        "changes": [{"type": "Created", "recordRef": {"id": "rec-9", "dataType": "bankAccounts"}}],
        "dataType": "bankAccounts",
        "companyId": COMPANY,
        "pushOperationKey": "1b6ee3f4-4a33-4d2e-9c0a-7a4a0f5d0001",
        "dataConnectionKey": CONNECTION,
        "requestedOnUtc": "2024-05-01T10:00:00Z",
        "status": "Pending",
        "statusCode": 202
    })
}

fn push_option_fixture() -> Value {
    json!({
        "type": "Object", "displayName": "Bank transaction", "description": "A transaction",
        "required": true,
        "properties": {"amount": {"type": "Number", "displayName": "Amount",
                                  "description": "Signed amount", "required": true}}
    })
}

fn sync_fixture() -> Value {
    json!({
        "syncId": SYNC, "clientId": "c1a2b3c4-0000-4000-8000-000000000001",
        "companyId": COMPANY, "companyName": "Toft stores", "dataConnectionId": CONNECTION,
        "sourceAccountId": ACCOUNT, "periodStartUtc": "2024-06-01T00:00:00Z",
        "periodEndUtc": "2024-06-02T00:00:00Z", "executionStartUtc": "2024-06-02T00:00:05Z",
        "status": "SuccessDataPushed", "pushOperationKeys": ["1b6ee3f4-4a33-4d2e-9c0a-7a4a0f5d0001"]
    })
}

fn v2_prototype(id: &str) -> SourceAccountV2Prototype {
    SourceAccountV2Prototype {
        id: id.into(),
        account_name: "account-081".into(),
        account_type: SourceAccountV2AccountType::Checking,
        account_number: "12345670".into(),
        routing_info: Some(RoutingInfo {
            bank_code: Some("021001088".into()),
            r#type: Some(RoutingInfoType::Bankcode),
        }),
        sort_code: None,
        currency: "GBP".into(),
        balance: dec!(99.99),
        modified_date: Some("2024-08-02T00:00:00.000Z".into()),
        account_info: Some(AccountInfo {
            description: Some("account description 1".into()),
            nickname: Some("account 123".into()),
            account_open_date: Some("2023-05-06".into()),
            available_balance: Some(dec!(10)),
        }),
    }
}

fn v1_prototype(id: &str) -> SourceAccountPrototype {
    SourceAccountPrototype {
        id: id.into(),
        account_name: Some("account-081".into()),
        account_type: Some("Credit".into()),
        account_number: Some("12345670".into()),
        sort_code: Some("123456".into()),
        currency: Some("GBP".into()),
        balance: Some(dec!(99.99)),
        modified_date: Some("2023-01-09T14:14:14.1057478Z".into()),
    }
}

/// The spec's two request examples of a single source account, as written there.
fn v2_json(id: &str) -> Value {
    json!({
        "id": id, "accountName": "account-081", "accountType": "checking",
        "accountNumber": "12345670", "routingInfo": {"bankCode": "021001088", "type": "bankcode"},
        "currency": "GBP", "balance": 99.99,
        "accountInfo": {"description": "account description 1", "nickname": "account 123",
                        "accountOpenDate": "2023-05-06", "availableBalance": 10},
        "modifiedDate": "2024-08-02T00:00:00.000Z"
    })
}

fn v1_json(id: &str) -> Value {
    json!({
        "id": id, "accountName": "account-081", "sortCode": "123456", "accountType": "Credit",
        "accountNumber": "12345670", "currency": "GBP", "balance": 99.99,
        "modifiedDate": "2023-01-09T14:14:14.1057478Z"
    })
}

/// The id, name and balance of a source account of either version (or of neither).
fn account_summary(
    account: &CreateSourceAccountResponse,
) -> (String, Option<String>, Option<Decimal>) {
    match account {
        CreateSourceAccountResponse::SourceAccountV2(a) => {
            (a.id.clone(), Some(a.account_name.clone()), Some(a.balance))
        }
        CreateSourceAccountResponse::SourceAccount(a) => {
            (a.id.clone(), a.account_name.clone(), a.balance)
        }
        CreateSourceAccountResponse::Other(v) => panic!("no known shape: {v}"),
    }
}

fn json_summary(json: &Value) -> (String, Option<String>, Option<Decimal>) {
    (
        json["id"].as_str().unwrap().to_owned(),
        json["accountName"].as_str().map(str::to_owned),
        decimal(&json["balance"]),
    )
}

/// A JSON number (or null) as the exact decimal its text spells.
fn decimal(value: &Value) -> Option<Decimal> {
    codat_client::decimal::deserialize(value).unwrap()
}

// ---- source accounts ------------------------------------------------------------------------

#[tokio::test]
async fn source_accounts_create_sends_either_version_and_decodes_every_example() {
    let spec_path = format!("{CONN}/connectionInfo/bankFeedAccounts");
    // The spec's request examples are the ones written here.
    let requests_documented = request_examples(&spec_path, "post", v2_json(ACCOUNT));
    if spec().is_some() {
        let by_name: std::collections::BTreeMap<&str, &Value> = requests_documented
            .iter()
            .map(|(name, value)| (name.as_str(), value))
            .collect();
        assert_eq!(by_name.len(), 2);
        assert_eq!(by_name["Version 2"], &v2_json("acc-001"));
        assert_eq!(by_name["Version 1"], &v1_json("acc-002"));
    }
    let responses = documented(
        &spec_path,
        "post",
        "200",
        json!({"id": ACCOUNT,
        "accountName": "account-081", "accountType": "checking", "accountNumber": "12345670",
        "currency": "GBP", "balance": 99.99, "status": "pending"}),
    );
    for (request, expected) in [
        (
            CreateSourceAccountRequest::SourceAccountV2Prototype(Box::new(v2_prototype("acc-001"))),
            v2_json("acc-001"),
        ),
        (
            CreateSourceAccountRequest::SourceAccountPrototype(Box::new(v1_prototype("acc-002"))),
            v1_json("acc-002"),
        ),
    ] {
        let request = &request;
        let sent = Sent {
            query: None,
            body: Some(expected),
        };
        exchange(
            "POST",
            &spec_path,
            200,
            responses.clone(),
            &sent,
            |feeds| async move {
                feeds
                    .source_accounts()
                    .create(COMPANY, CONNECTION, request)
                    .await
            },
            |name, body, created| {
                assert_eq!(account_summary(&created), json_summary(body), "{name}");
                // A version 2 account has a type from v2's list: it decodes as version 2.
                if body["accountType"] == "checking" || body["accountType"] == "savings" {
                    assert!(
                        matches!(created, CreateSourceAccountResponse::SourceAccountV2(_)),
                        "{name}: {created:?}"
                    );
                }
            },
        )
        .await;
    }
}

#[tokio::test]
async fn source_accounts_create_batch_sends_a_list_of_one_version() {
    let spec_path = format!("{CONN}/connectionInfo/bankFeedAccounts/batch");
    let created = |id: &str| {
        json!({"sourceAccountId": id, "result": {"statusCode": 201, "error": null,
               "account": v2_json(id)}})
    };
    let responses = documented(
        &spec_path,
        "post",
        "201",
        json!([created("acc-001"), created("acc-003")]),
    );
    for (request, expected) in [
        (
            CreateBatchSourceAccountRequest::VecSourceAccountV2Prototype(vec![
                v2_prototype("acc-001"),
                v2_prototype("acc-003"),
            ]),
            json!([v2_json("acc-001"), v2_json("acc-003")]),
        ),
        (
            CreateBatchSourceAccountRequest::VecSourceAccountPrototype(vec![v1_prototype(
                "acc-002",
            )]),
            json!([v1_json("acc-002")]),
        ),
    ] {
        let request = &request;
        let sent = Sent {
            query: None,
            body: Some(expected),
        };
        exchange(
            "POST",
            &spec_path,
            201,
            responses.clone(),
            &sent,
            |feeds| async move {
                feeds
                    .source_accounts()
                    .create_batch(COMPANY, CONNECTION, request)
                    .await
            },
            |name, body, outcome| {
                let MultiStatus::Complete(items) = outcome else {
                    panic!("{name}: a 201 is complete: {outcome:?}");
                };
                assert_eq!(items.len(), body.as_array().unwrap().len(), "{name}");
            },
        )
        .await;
    }
}

#[tokio::test]
async fn source_accounts_list_decodes_every_example_of_either_version() {
    let spec_path = format!("{CONN}/connectionInfo/bankFeedAccounts");
    let fixture = json!([v1_json("acc-002")]);
    exchange(
        "GET",
        &spec_path,
        200,
        documented(&spec_path, "get", "200", fixture),
        &NOTHING,
        |feeds| async move { feeds.source_accounts().list(COMPANY, CONNECTION).await },
        |name, body, listed| {
            let ids: Vec<String> = match &listed {
                ListSourceAccountsResponse::VecSourceAccountV2(accounts) => {
                    accounts.iter().map(|a| a.id.clone()).collect()
                }
                ListSourceAccountsResponse::VecSourceAccount(accounts) => {
                    accounts.iter().map(|a| a.id.clone()).collect()
                }
                ListSourceAccountsResponse::Other(v) => panic!("{name}: no known shape: {v}"),
            };
            let wanted: Vec<&str> = body
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["id"].as_str().unwrap())
                .collect();
            assert_eq!(ids, wanted, "{name}");
            if body[0]["routingInfo"].is_object() {
                assert!(
                    matches!(listed, ListSourceAccountsResponse::VecSourceAccountV2(_)),
                    "{name}"
                );
            }
        },
    )
    .await;
}

#[tokio::test]
async fn source_accounts_update_sends_each_account_example_unchanged() {
    let spec_path = format!("{CONN}/connectionInfo/bankFeedAccounts/{{accountId}}");
    let fixture = json!({"id": ACCOUNT, "accountName": "Renamed", "status": "disconnected"});
    let examples = documented(&spec_path, "patch", "200", fixture);
    for (request_name, sent) in examples.clone() {
        let account: SourceAccount = serde_json::from_value(sent.clone()).unwrap();
        let account = &account;
        let sent = Sent {
            query: None,
            body: Some(sent),
        };
        exchange(
            "PATCH",
            &spec_path,
            200,
            examples.clone(),
            &sent,
            |feeds| async move {
                feeds
                    .source_accounts()
                    .update(COMPANY, CONNECTION, ACCOUNT, account)
                    .await
            },
            |name, body, updated| {
                assert_eq!(
                    updated.id,
                    body["id"].as_str().unwrap(),
                    "{request_name} {name}"
                );
                assert_eq!(updated.balance, decimal(&body["balance"]), "{name}");
                assert_eq!(
                    updated.status.as_ref().map(|s| s.as_str()),
                    body["status"].as_str()
                );
            },
        )
        .await;
    }
}

#[tokio::test]
async fn source_accounts_delete_and_delete_credentials_accept_an_empty_204() {
    let one = filled(&format!(
        "{CONN}/connectionInfo/bankFeedAccounts/{{accountId}}"
    ));
    let server = serve_empty("DELETE", &one, 204).await;
    feeds(&server)
        .source_accounts()
        .delete(COMPANY, CONNECTION, ACCOUNT)
        .await
        .unwrap();
    let request = shared::only_request(&server, AUTH).await;
    assert_eq!((request.url.query(), request.body.len()), (None, 0));

    let all = filled(&format!(
        "{CONN}/connectionInfo/bankFeedAccounts/credentials"
    ));
    let server = serve_empty("DELETE", &all, 204).await;
    feeds(&server)
        .source_accounts()
        .delete_credentials(COMPANY, CONNECTION)
        .await
        .unwrap();
    let request = shared::only_request(&server, AUTH).await;
    assert_eq!((request.url.query(), request.body.len()), (None, 0));
}

#[tokio::test]
async fn source_accounts_generate_credentials_sends_any_json_and_keeps_the_password_secret() {
    let spec_path = format!("{CONN}/connectionInfo/bankFeedAccounts/credentials");
    let fixture = json!({"username": "S0MW-TR0P-7DS0", "password": "cO0ajh0uGyTN0Pwh"});
    // The body has no schema in the spec: whatever JSON is given goes out as given.
    let given = json!({"purpose": "QuickBooks Online onboarding", "tags": [1, 2]});
    let body = &given;
    exchange(
        "POST",
        &spec_path,
        200,
        documented(&spec_path, "post", "200", fixture),
        &Sent {
            query: None,
            body: Some(given.clone()),
        },
        |feeds| async move {
            feeds
                .source_accounts()
                .generate_credentials(COMPANY, CONNECTION, body)
                .await
        },
        |name, body, credentials| {
            assert_eq!(credentials.username.as_deref(), body["username"].as_str());
            let password = credentials.password.as_ref().unwrap();
            assert_eq!(Some(password.expose()), body["password"].as_str(), "{name}");
            assert!(!format!("{credentials:?}").contains(password.expose()));
        },
    )
    .await;
}

#[tokio::test]
async fn source_accounts_generate_otp_sends_no_body_and_decodes_every_example() {
    let spec_path = format!("{CONN}/bankFeeds/otp");
    let fixture = json!({"otp": "GT40U4", "expiry": "2026-04-08T10:30:00Z"});
    exchange(
        "POST",
        &spec_path,
        200,
        documented(&spec_path, "post", "200", fixture),
        &NOTHING,
        |feeds| async move {
            feeds
                .source_accounts()
                .generate_otp(COMPANY, CONNECTION)
                .await
        },
        |name, body, otp| {
            assert_eq!(otp.otp, body["otp"].as_str().unwrap(), "{name}");
            assert_eq!(otp.expiry.as_str(), body["expiry"].as_str().unwrap());
        },
    )
    .await;
}

// ---- account mapping ------------------------------------------------------------------------

#[tokio::test]
async fn account_mapping_get_decodes_every_example() {
    let spec_path = format!("{CONN}/bankFeedAccounts/mapping");
    let fixture = json!([{"sourceAccountId": "acc-002", "status": "pending",
        "targetAccountOptions": [{"id": "t-1", "name": "account-081", "balance": 100.99}]}]);
    exchange(
        "GET",
        &spec_path,
        200,
        documented(&spec_path, "get", "200", fixture),
        &NOTHING,
        |feeds| async move { feeds.account_mapping().get(COMPANY, CONNECTION).await },
        |name, body, mappings| {
            let json = body.as_array().unwrap();
            assert_eq!(mappings.len(), json.len(), "{name}");
            for (mapping, json) in mappings.iter().zip(json) {
                assert_eq!(
                    mapping.source_account_id.as_deref(),
                    json["sourceAccountId"].as_str()
                );
                assert_eq!(
                    mapping.target_account_options.as_ref().map(Vec::len),
                    json["targetAccountOptions"].as_array().map(Vec::len),
                    "{name}"
                );
            }
        },
    )
    .await;
}

#[tokio::test]
async fn account_mapping_create_sends_the_spec_example_and_decodes_every_answer() {
    let spec_path = format!("{CONN}/bankFeedAccounts/mapping");
    let expected = json!({"sourceAccountId": "acc-002", "targetAccountId": "account-081"});
    for (name, example) in request_examples(&spec_path, "post", expected.clone()) {
        assert_eq!(example, expected, "{name}");
    }
    let mapping = BankFeedAccountMapping {
        source_account_id: "acc-002".into(),
        target_account_id: Some("account-081".into()),
        feed_start_date: None,
    };
    let mapping = &mapping;
    let fixture = json!({"sourceAccountId": "acc-002", "targetAccountId": "account-081",
                         "status": "Failed", "error": "A feed connection already exists"});
    exchange(
        "POST",
        &spec_path,
        200,
        documented(&spec_path, "post", "200", fixture),
        &Sent {
            query: None,
            body: Some(expected.clone()),
        },
        |feeds| async move {
            feeds
                .account_mapping()
                .create(COMPANY, CONNECTION, mapping)
                .await
        },
        |name, body, answer| {
            assert_eq!(answer.status.as_deref(), body["status"].as_str(), "{name}");
            assert_eq!(answer.error.as_deref(), body["error"].as_str(), "{name}");
        },
    )
    .await;
}

// ---- company information --------------------------------------------------------------------

#[tokio::test]
async fn company_information_get_decodes_the_documented_shape() {
    let spec_path = format!("{CONN}/bankFeeds/info");
    let fixture = json!({"companyName": "Toft stores", "baseCurrency": "GBP",
                         "multicurrencyEnabled": true, "currencies": ["GBP", "EUR"]});
    exchange(
        "GET",
        &spec_path,
        200,
        documented(&spec_path, "get", "200", fixture),
        &NOTHING,
        |feeds| async move { feeds.company_information().get(COMPANY, CONNECTION).await },
        |name, body, info| {
            assert_eq!(info.company_name.as_deref(), body["companyName"].as_str());
            assert_eq!(info.base_currency.as_deref(), body["baseCurrency"].as_str());
            assert_eq!(
                info.currencies.as_ref().map(Vec::len),
                body["currencies"].as_array().map(Vec::len),
                "{name}"
            );
        },
    )
    .await;
}

// ---- transactions ---------------------------------------------------------------------------

#[tokio::test]
async fn transactions_create_sends_each_request_example_unchanged() {
    let spec_path = format!("{CONN}/push/bankAccounts/{{accountId}}/bankTransactions");
    let fallback = json!({"accountId": ACCOUNT, "transactions": [
        {"id": "t-1", "date": "2023-08-22T10:21:00", "description": "Repayment", "amount": 100,
         "transactionType": "Credit"}]});
    let bodies = request_examples(&spec_path, "post", fallback.clone());
    assert!(!bodies.is_empty());
    let responses = documented(&spec_path, "post", "200", push_fixture(fallback));
    for (request_name, example) in bodies {
        let transactions: CreateBankTransactions = serde_json::from_value(example.clone()).unwrap();
        let transactions = &transactions;
        exchange(
            "POST",
            &spec_path,
            200,
            responses.clone(),
            &Sent {
                query: Some("timeoutInMinutes=30&allowSyncOnPushComplete=false"),
                body: Some(example),
            },
            |feeds| async move {
                feeds
                    .transactions()
                    .create(
                        COMPANY,
                        CONNECTION,
                        ACCOUNT,
                        codat_bank_feeds::models::CreateBankTransactionsParams::new()
                            .timeout_in_minutes(30)
                            .allow_sync_on_push_complete(false),
                        transactions,
                    )
                    .await
            },
            |name, body, pushed| {
                assert_eq!(
                    pushed.push_operation_key,
                    body["pushOperationKey"].as_str().unwrap(),
                    "{request_name} {name}"
                );
                assert_eq!(pushed.status.as_str(), body["status"].as_str().unwrap());
            },
        )
        .await;
    }
    // Without the options, no query at all.
    let full = filled(&spec_path);
    let server = serve(AUTH, "POST", &full, 200, &push_fixture(json!(null))).await;
    let empty = CreateBankTransactions {
        account_id: ACCOUNT.into(),
        transactions: Vec::new(),
    };
    let pushed = feeds(&server)
        .transactions()
        .create(
            COMPANY,
            CONNECTION,
            ACCOUNT,
            codat_bank_feeds::models::CreateBankTransactionsParams::new(),
            &empty,
        )
        .await
        .unwrap();
    assert_eq!(pushed.status, PushOperationStatus::Pending);
    let request = shared::only_request(&server, AUTH).await;
    assert_eq!(request.url.query(), None);
    assert_eq!(
        json_body(&request),
        json!({"accountId": ACCOUNT, "transactions": []})
    );
}

#[tokio::test]
async fn transactions_and_bank_accounts_get_create_model_decode_every_example() {
    for (spec_path, of_account) in [
        (
            format!("{CONN}/options/bankAccounts/{{accountId}}/bankTransactions"),
            true,
        ),
        (format!("{CONN}/options/bankAccounts"), false),
    ] {
        exchange(
            "GET",
            &spec_path,
            200,
            documented(&spec_path, "get", "200", push_option_fixture()),
            &NOTHING,
            |feeds| async move {
                if of_account {
                    feeds
                        .transactions()
                        .get_create_model(COMPANY, CONNECTION, ACCOUNT)
                        .await
                } else {
                    feeds
                        .bank_accounts()
                        .get_create_model(COMPANY, CONNECTION)
                        .await
                }
            },
            |name, body, option| {
                assert_eq!(
                    option.display_name,
                    body["displayName"].as_str().unwrap(),
                    "{name}"
                );
                assert_eq!(
                    option.properties.as_ref().map(|p| p.len()),
                    body["properties"].as_object().map(|p| p.len()),
                    "{name}"
                );
            },
        )
        .await;
    }
}

// ---- bank accounts --------------------------------------------------------------------------

const PAGING_QUERY: &str = "page=2&pageSize=50&query=status%3DActive&orderBy=-modifiedDate";

#[tokio::test]
async fn bank_accounts_list_sends_the_paging_and_decodes_every_example() {
    let spec_path = format!("{CONN}/data/bankAccounts");
    let fixture = json!({"results": [{"id": "ba-1", "accountName": "Current",
        "accountType": "Debit", "status": "Active"}],
        "pageNumber": 1, "pageSize": 100, "totalResults": 1});
    exchange(
        "GET",
        &spec_path,
        200,
        documented(&spec_path, "get", "200", fixture),
        &Sent {
            query: Some(PAGING_QUERY),
            body: None,
        },
        |feeds| async move {
            let paging = PageParams::new()
                .page(2)
                .page_size(50)
                .query("status=Active")
                .order_by("-modifiedDate");
            feeds
                .bank_accounts()
                .list(COMPANY, CONNECTION, paging)
                .await
        },
        |name, body, page| {
            let results = body["results"].as_array().unwrap();
            assert_eq!(page.results.len(), results.len(), "{name}");
            assert_eq!(page.total_results, body["totalResults"].as_i64().unwrap());
            for (account, json) in page.results.iter().zip(results) {
                assert_eq!(account.id.as_deref(), json["id"].as_str(), "{name}");
                assert_eq!(
                    account.account_type.as_ref().map(|t| t.as_str()),
                    json["accountType"].as_str(),
                    "{name}"
                );
            }
        },
    )
    .await;
}

#[tokio::test]
async fn bank_accounts_create_sends_the_prototype_and_the_timeout() {
    let spec_path = format!("{CONN}/push/bankAccounts");
    let data = json!({"id": "ba-9", "accountName": "Feed account", "accountType": "Debit",
                      "currency": "GBP", "status": "Active"});
    let account = BankAccountPrototype {
        account_name: Some("Feed account".into()),
        account_type: Some(BankAccountPrototypeAccountType::Debit),
        nominal_code: Some("1210".into()),
        sort_code: Some("040004".into()),
        account_number: Some("12345678".into()),
        currency: Some("GBP".into()),
        status: Some(BankAccountStatus::Active),
        ..BankAccountPrototype::default()
    };
    let account = &account;
    exchange(
        "POST",
        &spec_path,
        200,
        documented(&spec_path, "post", "200", push_fixture(data)),
        &Sent {
            query: Some("timeoutInMinutes=15"),
            body: Some(
                json!({"accountName": "Feed account", "accountType": "Debit",
                "nominalCode": "1210", "sortCode": "040004", "accountNumber": "12345678",
                "currency": "GBP", "status": "Active"}),
            ),
        },
        |feeds| async move {
            feeds
                .bank_accounts()
                .create(
                    COMPANY,
                    CONNECTION,
                    codat_bank_feeds::models::CreateBankAccountParams::new().timeout_in_minutes(15),
                    account,
                )
                .await
        },
        |name, body, created| {
            assert_eq!(
                created.push_operation_key,
                body["pushOperationKey"].as_str().unwrap(),
                "{name}"
            );
            assert_eq!(
                created.data.and_then(|d| d.id).as_deref(),
                body["data"]["id"].as_str(),
                "{name}"
            );
        },
    )
    .await;
}

// ---- managed bank feeds ---------------------------------------------------------------------

#[tokio::test]
async fn managed_bank_feeds_get_sync_and_latest_decode_the_documented_shape() {
    let one =
        format!("{CONN}/bankFeedAccounts/{{sourceAccountId}}/managedBankFeeds/syncs/{{syncId}}");
    exchange(
        "GET",
        &one,
        200,
        documented(&one, "get", "200", sync_fixture()),
        &NOTHING,
        |feeds| async move {
            feeds
                .managed_bank_feeds()
                .get_sync(COMPANY, CONNECTION, ACCOUNT, SYNC)
                .await
        },
        |name, body, sync| {
            assert_eq!(sync.sync_id, body["syncId"].as_str().unwrap(), "{name}");
            assert_eq!(sync.status, body["status"].as_str().unwrap(), "{name}");
        },
    )
    .await;
    let latest =
        format!("{CONN}/bankFeedAccounts/{{sourceAccountId}}/managedBankFeeds/syncs/latest");
    exchange(
        "GET",
        &latest,
        200,
        documented(&latest, "get", "200", sync_fixture()),
        &NOTHING,
        |feeds| async move {
            feeds
                .managed_bank_feeds()
                .get_latest_sync(COMPANY, CONNECTION, ACCOUNT)
                .await
        },
        |name, body, sync| {
            let sync = sync.unwrap_or_else(|| panic!("{name}: a 200 has a sync"));
            assert_eq!(
                sync.source_account_id,
                body["sourceAccountId"].as_str().unwrap()
            );
            assert_eq!(
                sync.period_end_utc.as_str(),
                body["periodEndUtc"].as_str().unwrap()
            );
        },
    )
    .await;
}

#[tokio::test]
async fn managed_bank_feeds_run_ad_hoc_sync_answers_201_with_the_sync_id() {
    let spec_path = format!("{CONN}/bankFeedAccounts/{{sourceAccountId}}/managedBankFeeds/syncs");
    exchange(
        "POST",
        &spec_path,
        201,
        documented(&spec_path, "post", "201", json!({"syncId": SYNC})),
        &NOTHING,
        |feeds| async move {
            feeds
                .managed_bank_feeds()
                .run_ad_hoc_sync(COMPANY, CONNECTION, ACCOUNT)
                .await
        },
        |name, body, started| {
            assert_eq!(started.sync_id, body["syncId"].as_str().unwrap(), "{name}");
        },
    )
    .await;
}

#[tokio::test]
async fn the_latest_sync_is_none_on_204_and_a_required_body_may_not_be_empty() {
    let latest = filled(&format!(
        "{CONN}/bankFeedAccounts/{{sourceAccountId}}/managedBankFeeds/syncs/latest"
    ));
    let server = serve_empty("GET", &latest, 204).await;
    let none = feeds(&server)
        .managed_bank_feeds()
        .get_latest_sync(COMPANY, CONNECTION, ACCOUNT)
        .await
        .unwrap();
    assert_eq!(none, None);

    // get-sync always has a body: an empty 200 is a decode error that keeps the status.
    let one = filled(&format!(
        "{CONN}/bankFeedAccounts/{{sourceAccountId}}/managedBankFeeds/syncs/{{syncId}}"
    ));
    let server = serve_empty("GET", &one, 200).await;
    let err = feeds(&server)
        .managed_bank_feeds()
        .get_sync(COMPANY, CONNECTION, ACCOUNT, SYNC)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_eq!(err.status(), Some(200));
    // So is the ad-hoc sync's empty 201.
    let server = answering(ResponseTemplate::new(201)).await;
    let err = feeds(&server)
        .managed_bank_feeds()
        .run_ad_hoc_sync(COMPANY, CONNECTION, ACCOUNT)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_eq!(err.status(), Some(201));
}

// ---- the batch's 207 and 409 ----------------------------------------------------------------

fn batch_request() -> CreateBatchSourceAccountRequest {
    CreateBatchSourceAccountRequest::VecSourceAccountV2Prototype(vec![
        v2_prototype("acc-001"),
        v2_prototype("acc-002"),
        v2_prototype("acc-003"),
    ])
}

#[tokio::test]
async fn a_207_is_a_partial_success_that_says_which_accounts_failed() {
    // One account created; one refused in the error shape (status as text, as the schema
    // says); one refused with a numeric status, which fits the created shape too.
    let body = json!([
        {"sourceAccountId": "acc-001", "result": {"statusCode": 201, "error": null,
                                                  "account": v2_json("acc-001")}},
        {"sourceAccountId": "acc-002", "result": {"statusCode": "409",
                                                  "error": "A bank account already exists with the same Id"}},
        {"sourceAccountId": "acc-003", "result": {"statusCode": 400,
                                                  "error": "Currency is not supported"}}
    ]);
    let server = answering(ResponseTemplate::new(207).set_body_json(&body)).await;
    let outcome = feeds(&server)
        .source_accounts()
        .create_batch(COMPANY, CONNECTION, &batch_request())
        .await
        .unwrap();
    assert!(outcome.is_partial());
    let items = outcome.complete().unwrap_err();
    let read: Vec<_> = items
        .iter()
        .map(|i| {
            (
                i.source_account_id(),
                i.is_created(),
                i.status_code(),
                i.error(),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            (Some("acc-001"), true, Some(201), None),
            (
                Some("acc-002"),
                false,
                Some(409),
                Some("A bank account already exists with the same Id")
            ),
            (
                Some("acc-003"),
                false,
                Some(400),
                Some("Currency is not supported")
            ),
        ]
    );
    assert!(matches!(
        items[1],
        CreateBatchSourceAccountResponseMultiStatusItem::SourceAccountBatchErrorResponse(_)
    ));
    let CreateBatchSourceAccountResponseMultiStatusItem::SourceAccountV2BatchCreateResponse(
        created,
    ) = &items[0]
    else {
        panic!("{:?}", items[0]);
    };
    let account = created.result.as_ref().unwrap().account.as_ref().unwrap();
    assert_eq!(account.account_type, SourceAccountV2AccountType::Checking);
}

#[tokio::test]
async fn a_207_of_an_unexpected_shape_is_a_decode_error_that_keeps_the_status() {
    for body in [r#"{"not": "a list"}"#, "[1, 2", "<html>busy</html>"] {
        let server = answering(
            ResponseTemplate::new(207)
                .insert_header("content-type", "application/json")
                .set_body_string(body),
        )
        .await;
        let err = feeds(&server)
            .source_accounts()
            .create_batch(COMPANY, CONNECTION, &batch_request())
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{body}: {err:?}");
        assert_eq!(err.status(), Some(207));
        assert_eq!(err.body(), Some(body));
    }
    // An item of no known shape is kept, not refused.
    let server =
        answering(ResponseTemplate::new(201).set_body_json(json!([{"brandNew": 1}]))).await;
    let outcome = feeds(&server)
        .source_accounts()
        .create_batch(COMPANY, CONNECTION, &batch_request())
        .await
        .unwrap();
    let items = outcome.complete().unwrap();
    assert!(
        matches!(&items[0], CreateBatchSourceAccountResponseItem::SourceAccountV2BatchCreateResponse(i) if i.source_account_id.is_none()),
        "every field of a created item is optional: {items:?}"
    );
}

#[tokio::test]
async fn a_409_batch_is_an_error_whose_items_can_be_read() {
    let body = json!([
        {"sourceAccountId": "acc-001", "result": {"statusCode": "409",
                                                  "error": "A bank account already exists with the same Id"}}
    ]);
    let server = answering(ResponseTemplate::new(409).set_body_json(&body)).await;
    let err = feeds(&server)
        .source_accounts()
        .create_batch(COMPANY, CONNECTION, &batch_request())
        .await
        .unwrap_err();
    // Declared, but its body is not Codat's error message: an unexpected status, body kept.
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));
    let items = batch_conflicts(&err).expect("the 409's items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].source_account_id(), Some("acc-001"));
    assert!(!items[0].is_created());
    // Any other error has none.
    let server = answering(shared_error(404, "Company not found")).await;
    let err = feeds(&server)
        .source_accounts()
        .create_batch(COMPANY, CONNECTION, &batch_request())
        .await
        .unwrap_err();
    assert_eq!(batch_conflicts(&err), None);
}

// ---- oneOf bodies of neither version, unknown enum values -----------------------------------

#[tokio::test]
async fn a_body_of_no_known_shape_is_sent_as_given_and_an_answer_of_none_is_kept() {
    let odd = json!({"id": "acc-9", "iban": "GB33BUKB20201555555555", "extra": [1, 2]});
    let server =
        answering(ResponseTemplate::new(200).set_body_json(json!({"brandNew": true}))).await;
    let created = feeds(&server)
        .source_accounts()
        .create(
            COMPANY,
            CONNECTION,
            &CreateSourceAccountRequest::Other(odd.clone()),
        )
        .await
        .unwrap();
    assert_eq!(
        created,
        CreateSourceAccountResponse::Other(json!({"brandNew": true}))
    );
    assert_eq!(json_body(&requests(&server).await[0]), odd);

    // A list that is neither version's is kept too.
    let server = answering(ResponseTemplate::new(200).set_body_json(json!({"accounts": []}))).await;
    let listed = feeds(&server)
        .source_accounts()
        .list(COMPANY, CONNECTION)
        .await
        .unwrap();
    assert_eq!(
        listed,
        ListSourceAccountsResponse::Other(json!({"accounts": []}))
    );
}

#[tokio::test]
async fn unknown_enum_values_in_answers_decode_as_unknown() {
    let server = answering(ResponseTemplate::new(200).set_body_json(json!([{
        "id": "acc-1", "accountName": "Broker", "accountType": "brokerage",
        "accountNumber": "1", "currency": "GBP", "balance": 1.5, "status": "suspended",
        "routingInfo": {"bankCode": "x", "type": "cbu"}
    }])))
    .await;
    let listed = feeds(&server)
        .source_accounts()
        .list(COMPANY, CONNECTION)
        .await
        .unwrap();
    let ListSourceAccountsResponse::VecSourceAccountV2(accounts) = listed else {
        panic!("{listed:?}");
    };
    assert_eq!(
        accounts[0].account_type,
        SourceAccountV2AccountType::Unrecognized("brokerage".into())
    );
    assert_eq!(
        accounts[0].status,
        Some(SourceAccountV2Status::Unrecognized("suspended".into()))
    );
    assert_eq!(
        accounts[0].routing_info.as_ref().unwrap().r#type,
        Some(RoutingInfoType::Unrecognized("cbu".into()))
    );

    let server = answering(ResponseTemplate::new(200).set_body_json(json!(
        {"id": ACCOUNT, "status": "paused"}
    )))
    .await;
    let updated = feeds(&server)
        .source_accounts()
        .update(
            COMPANY,
            CONNECTION,
            ACCOUNT,
            &serde_json::from_value(json!({"id": ACCOUNT, "status": "disconnected"})).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        updated.status,
        Some(SourceAccountStatus::Unrecognized("paused".into()))
    );

    let server = answering(ResponseTemplate::new(200).set_body_json(json!({
        "results": [{"id": "ba-1", "accountType": "Investment", "status": "Frozen"}],
        "pageNumber": 1, "pageSize": 100, "totalResults": 1
    })))
    .await;
    let page = feeds(&server)
        .bank_accounts()
        .list(COMPANY, CONNECTION, PageParams::new())
        .await
        .unwrap();
    assert_eq!(
        page.results[0].account_type,
        Some(BankAccountPrototypeAccountType::Unrecognized(
            "Investment".into()
        ))
    );
    assert_eq!(
        page.results[0].status,
        Some(BankAccountStatus::Unrecognized("Frozen".into()))
    );
}

// ---- errors ---------------------------------------------------------------------------------

fn shared_error(status: u16, error: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "statusCode": status, "service": "PublicApi", "error": error,
        "correlationId": format!("corr-{status}"), "canBeRetried": "Unknown",
        "detailedErrorCode": 0
    }))
}

#[tokio::test]
async fn a_declared_error_status_is_codats_error_message() {
    let server = answering(shared_error(404, "Data connection not found")).await;
    let err = feeds(&server)
        .account_mapping()
        .get(COMPANY, CONNECTION)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.status(), Some(404));
    assert_eq!(
        err.error_message().unwrap().error.as_deref(),
        Some("Data connection not found")
    );
    assert_eq!(err.correlation_id(), Some("corr-404"));

    // 409 is declared by run-ad-hoc-sync, not by get-sync: the same body there is unexpected,
    // and still keeps its correlation id.
    let server = answering(shared_error(409, "A sync is running")).await;
    let feeds = feeds(&server);
    let err = feeds
        .managed_bank_feeds()
        .run_ad_hoc_sync(COMPANY, CONNECTION, ACCOUNT)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    let err = feeds
        .managed_bank_feeds()
        .get_sync(COMPANY, CONNECTION, ACCOUNT, SYNC)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));
    assert_eq!(err.correlation_id(), Some("corr-409"));
}

#[tokio::test]
async fn an_html_page_an_empty_body_or_an_odd_status_keep_status_and_body() {
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let cases = [
        (
            ResponseTemplate::new(503)
                .insert_header("content-type", "text/html")
                .set_body_string(page),
            503,
            page,
            None,
        ),
        (ResponseTemplate::new(500), 500, "", None),
        (
            ResponseTemplate::new(418).set_body_json(json!({"correlationId": "corr-teapot"})),
            418,
            r#"{"correlationId":"corr-teapot"}"#,
            Some("corr-teapot"),
        ),
        (
            ResponseTemplate::new(401).set_body_json(json!({"message": "gateway says no"})),
            401,
            r#"{"message":"gateway says no"}"#,
            None,
        ),
    ];
    for (template, status, body, correlation) in cases {
        let server = answering(template).await;
        let err = feeds(&server)
            .company_information()
            .get(COMPANY, CONNECTION)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.body(), Some(body));
        assert_eq!(err.correlation_id(), correlation);
    }
    // A 2xx that is not JSON at all: a decode error with the status and body.
    let server = answering(ResponseTemplate::new(200).set_body_string(page)).await;
    let err = feeds(&server)
        .source_accounts()
        .generate_otp(COMPANY, CONNECTION)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_eq!((err.status(), err.body()), (Some(200), Some(page)));
}

#[tokio::test]
async fn a_hostile_id_stays_one_path_segment() {
    let server = answering(ResponseTemplate::new(204)).await;
    let feeds = feeds(&server);
    let base = filled(&format!("{CONN}/connectionInfo/bankFeedAccounts"));
    for (id, encoded) in [
        ("../x", "..%2Fx"),
        ("a/b?c#d", "a%2Fb%3Fc%23d"),
        ("%2F", "%252F"),
    ] {
        feeds
            .source_accounts()
            .delete(COMPANY, CONNECTION, id)
            .await
            .unwrap();
        let sent = requests(&server).await.pop().unwrap();
        assert_eq!(sent.url.path(), format!("{base}/{encoded}"));
        assert_eq!((sent.url.query(), sent.url.fragment()), (None, None));
    }
    // `..` and `.` cannot be a segment at all: refused, nothing sent.
    let before = requests(&server).await.len();
    for id in ["..", "."] {
        let err = feeds
            .managed_bank_feeds()
            .get_latest_sync(COMPANY, CONNECTION, id)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidPathParameter { .. }), "{err:?}");
    }
    assert_eq!(requests(&server).await.len(), before);
}

// ---- the page stream ------------------------------------------------------------------------

/// Serves `total` bank accounts in pages of the `pageSize` asked for (ids `ba-0`, ...); the
/// pages in `failing` answer 500 instead.
async fn paged_server(total: usize, failing: &'static [usize]) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(filled(&format!("{CONN}/data/bankAccounts"))))
        .and(header("authorization", AUTH))
        .respond_with(move |request: &Request| {
            let param = |name: &str| {
                request
                    .url
                    .query_pairs()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.parse::<usize>().unwrap())
            };
            let page = param("page").expect("a page number");
            let size = param("pageSize").unwrap_or(100);
            if failing.contains(&page) {
                return shared_error(500, "page failed");
            }
            let start = (page - 1) * size;
            let results: Vec<Value> = (start..total.min(start + size))
                .map(|i| json!({"id": format!("ba-{i}")}))
                .collect();
            ResponseTemplate::new(200).set_body_json(json!({
                "results": results, "pageNumber": page, "pageSize": size, "totalResults": total
            }))
        })
        .mount(&server)
        .await;
    server
}

async fn pages_asked(server: &MockServer) -> Vec<usize> {
    requests(server)
        .await
        .iter()
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "page")
                .unwrap()
                .1
                .parse()
                .unwrap()
        })
        .collect()
}

fn ids(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("ba-{i}")).collect()
}

#[tokio::test]
async fn the_bank_account_stream_walks_every_page_one_or_several_at_a_time() {
    for concurrency in [1, 3] {
        let server = paged_server(25, &[]).await;
        let feeds = feeds(&server);
        let options = PageOptions::new()
            .page_size(4)
            .query("status=Active")
            .concurrency(concurrency);
        let got: Vec<String> = within(
            feeds
                .bank_accounts()
                .list_all(COMPANY, CONNECTION, options)
                .map_ok(|a| a.id.unwrap_or_default())
                .try_collect(),
        )
        .await
        .unwrap();
        assert_eq!(got, ids(0..25), "concurrency {concurrency}");
        let mut asked = pages_asked(&server).await;
        asked.sort_unstable();
        assert_eq!(asked, [1, 2, 3, 4, 5, 6, 7], "concurrency {concurrency}");
        let first = &requests(&server).await[0];
        assert_eq!(
            first.url.query(),
            Some("page=1&pageSize=4&query=status%3DActive")
        );
    }
}

#[tokio::test]
async fn the_bank_account_stream_stops_when_dropped_and_at_the_first_error() {
    let server = paged_server(50, &[]).await;
    let feeds_ = feeds(&server);
    let first: Vec<_> = within(
        feeds_
            .bank_accounts()
            .list_all(COMPANY, CONNECTION, PageOptions::new().page_size(10))
            .take(3)
            .try_collect::<Vec<_>>(),
    )
    .await
    .unwrap();
    assert_eq!(first.len(), 3);
    assert_eq!(pages_asked(&server).await, [1]);

    let server = paged_server(9, &[2]).await;
    let feeds_ = feeds(&server);
    let got: Vec<Result<_, Error>> = within(
        feeds_
            .bank_accounts()
            .list_all(COMPANY, CONNECTION, PageOptions::new().page_size(3))
            .collect(),
    )
    .await;
    assert_eq!(got.len(), 4, "{got:?}");
    let err = got[3].as_ref().unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.correlation_id(), Some("corr-500"));
    // Page 3 exists, but is never asked for.
    assert_eq!(pages_asked(&server).await, [1, 2]);
}

// ---- the whole product ----------------------------------------------------------------------

#[tokio::test]
async fn every_operation_of_the_product_is_declared_once_and_platforms_are_not() {
    let ours: Vec<_> = codat_client::operations()
        .filter(|op| op.product == "codat-bank-feeds")
        .collect();
    let mut templates: Vec<String> = ours
        .iter()
        .map(|op| format!("{:?} {}", op.method, op.template))
        .collect();
    templates.sort();
    templates.dedup();
    assert_eq!((ours.len(), templates.len()), (19, 19), "{templates:#?}");
    let Some(spec) = spec() else { return };
    let Some(platform) = shared::spec(env!("CARGO_MANIFEST_DIR"), "Codat-Platform.json") else {
        return;
    };
    let verbs = ["get", "post", "put", "patch", "delete"];
    let mut in_spec = 0;
    for (spec_path, item) in spec["paths"].as_object().unwrap() {
        for verb in item.as_object().unwrap().keys() {
            if !verbs.contains(&verb.as_str()) {
                continue;
            }
            let found = ours.iter().any(|op| {
                format!("{:?}", op.method).eq_ignore_ascii_case(verb)
                    && op
                        .template
                        .replace('_', "")
                        .eq_ignore_ascii_case(&spec_path.replace('{', "<").replace('}', ">"))
            });
            let platforms = platform["paths"][spec_path].get(verb).is_some();
            assert_eq!(found, !platforms, "{verb} {spec_path}");
            in_spec += usize::from(found);
        }
    }
    assert_eq!(in_spec, 19);
}
