//! Every Bank Feeds operation and the page stream, from the two tables the shared checks walk
//! (`codat_product_tests`): what each operation sends, every success example the spec
//! documents (on the response, else on the schema it names) decoded, Codat's errors, hostile
//! path values, the declarations. Then what only this product has: a batch that answers 201,
//! 207 or 409; a latest sync that answers 200 or 204; `oneOf` bodies of either version or of
//! neither; unknown enum values; a password kept out of `Debug`.

use codat_bank_feeds::models::{
    AccountInfo, BankAccountPrototype, BankAccountPrototypeAccountType, BankAccountStatus,
    BankFeedAccountMapping, CreateBankAccountParams, CreateBankTransactions,
    CreateBankTransactionsParams, CreateBatchSourceAccountRequest as Batch,
    CreateBatchSourceAccountResponseItem, CreateBatchSourceAccountResponseMultiStatusItem,
    CreateSourceAccountRequest, CreateSourceAccountResponse, ListSourceAccountsResponse,
    RoutingInfo, RoutingInfoType, SourceAccountPrototype, SourceAccountStatus,
    SourceAccountV2AccountType, SourceAccountV2Prototype, SourceAccountV2Status,
};
use codat_bank_feeds::source_accounts::batch_conflicts;
use codat_bank_feeds::BankFeeds;
use codat_client::paging::PageParams;
use codat_client::{Error, MultiStatus};
use codat_product_tests::paging;
use codat_product_tests::{answering, call, json_body, list, list_tests, normalized, op_tests};
use codat_product_tests::{page_fixture, push_fixture, push_option_fixture, requests};
use codat_product_tests::{List, Product, COMPANY, CONNECTION, PAGING_QUERY};
use rust_decimal_macros::dec;
use serde_json::{json, Value};
use wiremock::ResponseTemplate;

type Op = codat_product_tests::Op<BankFeeds>;

/// The source account and sync the tests name.
const ACCOUNT: &str = "acc-001";
const SYNC: &str = "5f0c7b2e-3a41-4c1e-9d7a-6b1f0e2d9c11";

static FEEDS: Product<BankFeeds> =
    Product::new("codat-bank-feeds", BankFeeds::new).values(&[("accountId", ACCOUNT)]);

const CONN: &str = "/companies/{companyId}/connections/{connectionId}";

// ---- the two versions of a source account ---------------------------------------------------

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

/// An account with a type only version 2 has (or routing details) decoded as version 2.
fn created(account: CreateSourceAccountResponse) -> Value {
    let json = serde_json::to_value(&account).unwrap();
    let v2_only = ["checking", "savings"].contains(&json["accountType"].as_str().unwrap_or(""));
    if v2_only || json["routingInfo"].is_object() {
        assert!(
            matches!(account, CreateSourceAccountResponse::SourceAccountV2(_)),
            "{json}"
        );
    }
    json
}

fn listed(accounts: ListSourceAccountsResponse) -> Value {
    let json = serde_json::to_value(&accounts).unwrap();
    if json[0]["routingInfo"].is_object() {
        assert!(
            matches!(accounts, ListSourceAccountsResponse::VecSourceAccountV2(_)),
            "{json}"
        );
    }
    assert!(
        !matches!(accounts, ListSourceAccountsResponse::Other(_)),
        "{json}"
    );
    json
}

/// A 201's items; a 201 is never partial.
fn complete<A: serde::Serialize + std::fmt::Debug, B: std::fmt::Debug>(
    outcome: MultiStatus<A, B>,
) -> Value {
    let MultiStatus::Complete(items) = outcome else {
        panic!("a 201 is complete: {outcome:?}");
    };
    serde_json::to_value(items).unwrap()
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

fn bank_account() -> BankAccountPrototype {
    BankAccountPrototype {
        account_name: Some("Feed account".into()),
        account_type: Some(BankAccountPrototypeAccountType::Debit),
        nominal_code: Some("1210".into()),
        sort_code: Some("040004".into()),
        account_number: Some("12345678".into()),
        currency: Some("GBP".into()),
        status: Some(BankAccountStatus::Active),
        ..BankAccountPrototype::default()
    }
}

fn ops() -> Vec<Op> {
    let transactions = json!({"accountId": ACCOUNT, "transactions": [
        {"id": "t-1", "date": "2023-08-22T10:21:00", "description": "Repayment", "amount": 100,
         "transactionType": "Credit"}]});
    let mapping = json!({"sourceAccountId": "acc-002", "targetAccountId": "account-081"});
    vec![
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts/batch",
            call!(|p, a| async {
                let batch = Batch::VecSourceAccountV2Prototype(vec![
                    v2_prototype("acc-001"),
                    v2_prototype("acc-003"),
                ]);
                p.source_accounts().create_batch(&a[0], &a[1], &batch).await
            } => |o| complete(o)),
        )
        .status(201)
        .also(&[207])
        .sends(json!([v2_json("acc-001"), v2_json("acc-003")]))
        .fixture(json!([{"sourceAccountId": "acc-001",
                         "result": {"statusCode": 201, "error": null, "account": v2_json("acc-001")}}])),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts",
            call!(|p, a| async {
                let v2 = CreateSourceAccountRequest::SourceAccountV2Prototype(Box::new(
                    v2_prototype("acc-001"),
                ));
                p.source_accounts().create(&a[0], &a[1], &v2).await
            } => |r| created(r)),
        )
        .sends(v2_json("acc-001"))
        .fixture(json!({"id": ACCOUNT, "accountName": "account-081", "accountType": "checking",
                        "accountNumber": "12345670", "currency": "GBP", "balance": 99.99,
                        "status": "pending"})),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts",
            call!(|p, a| p.source_accounts().list(&a[0], &a[1]) => |r| listed(r)),
        )
        .fixture(json!([v1_json("acc-002")])),
        Op::patch(
            "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts/{accountId}",
            call!(|p, a| p.source_accounts().update(&a[0], &a[1], &a[2], &a.body())),
        )
        .sends_answers()
        .fixture(json!({"id": ACCOUNT, "accountName": "Renamed", "status": "disconnected"})),
        Op::delete(
            "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts/{accountId}",
            call!(|p, a| p.source_accounts().delete(&a[0], &a[1], &a[2])),
        )
        .status(204)
        .empty(),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts/credentials",
            call!(|p, a| async {
                // The body has no schema in the spec: whatever JSON is given goes out as given.
                let given = json!({"purpose": "QuickBooks Online onboarding", "tags": [1, 2]});
                p.source_accounts().generate_credentials(&a[0], &a[1], &given).await
            } => |c| {
                let password = c.password.as_ref().unwrap().expose();
                assert!(!format!("{c:?}").contains(password), "{c:?}");
                serde_json::to_value(&c).unwrap()
            }),
        )
        .sends(json!({"purpose": "QuickBooks Online onboarding", "tags": [1, 2]}))
        .fixture(json!({"username": "S0MW-TR0P-7DS0", "password": "cO0ajh0uGyTN0Pwh"})),
        Op::delete(
            "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts/credentials",
            call!(|p, a| p.source_accounts().delete_credentials(&a[0], &a[1])),
        )
        .status(204)
        .empty(),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/bankFeeds/otp",
            call!(|p, a| p.source_accounts().generate_otp(&a[0], &a[1])),
        )
        .fixture(json!({"otp": "GT40U4", "expiry": "2026-04-08T10:30:00Z"})),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/bankFeedAccounts/mapping",
            call!(|p, a| p.account_mapping().get(&a[0], &a[1])),
        )
        .fixture(json!([{"sourceAccountId": "acc-002", "status": "pending",
            "targetAccountOptions": [{"id": "t-1", "name": "account-081", "balance": 100.99}]}])),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/bankFeedAccounts/mapping",
            call!(|p, a| async {
                let mapping = BankFeedAccountMapping {
                    source_account_id: "acc-002".into(),
                    target_account_id: Some("account-081".into()),
                    feed_start_date: None,
                };
                p.account_mapping().create(&a[0], &a[1], &mapping).await
            }),
        )
        .sends(mapping)
        .fixture(json!({"sourceAccountId": "acc-002", "targetAccountId": "account-081",
                        "status": "Failed", "error": "A feed connection already exists"})),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/bankFeeds/info",
            call!(|p, a| p.company_information().get(&a[0], &a[1])),
        )
        .fixture(json!({"companyName": "Toft stores", "baseCurrency": "GBP",
                        "multicurrencyEnabled": true, "currencies": ["GBP", "EUR"]})),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/push/bankAccounts/{accountId}/bankTransactions",
            call!(|p, a| async {
                let options = CreateBankTransactionsParams::new()
                    .timeout_in_minutes(30)
                    .allow_sync_on_push_complete(false);
                p.transactions().create(&a[0], &a[1], &a[2], options, &a.body()).await
            }),
        )
        .query("timeoutInMinutes=30&allowSyncOnPushComplete=false")
        .sends_examples(transactions.clone())
        .fixture(push_fixture(transactions)),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/options/bankAccounts/{accountId}/bankTransactions",
            call!(|p, a| p.transactions().get_create_model(&a[0], &a[1], &a[2])),
        )
        .fixture(push_option_fixture()),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/options/bankAccounts",
            call!(|p, a| p.bank_accounts().get_create_model(&a[0], &a[1])),
        )
        .fixture(push_option_fixture()),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/bankAccounts",
            call!(|p, a| p.bank_accounts().list(&a[0], &a[1], paging())),
        )
        .query(PAGING_QUERY)
        .fixture(page_fixture(json!([{"id": "ba-1", "accountName": "Current",
            "accountType": "Debit", "status": "Active"}]))),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/push/bankAccounts",
            call!(|p, a| async {
                let options = CreateBankAccountParams::new().timeout_in_minutes(15);
                p.bank_accounts().create(&a[0], &a[1], options, &bank_account()).await
            }),
        )
        .query("timeoutInMinutes=15")
        .sends(json!({"accountName": "Feed account", "accountType": "Debit",
            "nominalCode": "1210", "sortCode": "040004", "accountNumber": "12345678",
            "currency": "GBP", "status": "Active"}))
        .fixture(push_fixture(json!({"id": "ba-9", "accountName": "Feed account"}))),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/bankFeedAccounts/{sourceAccountId}/managedBankFeeds/syncs/{syncId}",
            call!(|p, a| p.managed_bank_feeds().get_sync(&a[0], &a[1], &a[2], &a[3])),
        )
        .fixture(sync_fixture()),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/bankFeedAccounts/{sourceAccountId}/managedBankFeeds/syncs/latest",
            call!(|p, a| p.managed_bank_feeds().get_latest_sync(&a[0], &a[1], &a[2]) => |s| {
                serde_json::to_value(s.expect("a 200 has a sync")).unwrap()
            }),
        )
        .also(&[204])
        .fixture(sync_fixture()),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/bankFeedAccounts/{sourceAccountId}/managedBankFeeds/syncs",
            call!(|p, a| p.managed_bank_feeds().run_ad_hoc_sync(&a[0], &a[1], &a[2])),
        )
        .status(201)
        .fixture(json!({"syncId": SYNC})),
    ]
}

op_tests!(FEEDS, ops(), 19);

fn lists() -> Vec<List<BankFeeds>> {
    vec![List::new(
        "/companies/{companyId}/connections/{connectionId}/data/bankAccounts",
        list!(
            |p, o| p.bank_accounts().list_all(COMPANY, CONNECTION, o.options()),
            |a| a.id
        ),
    )]
}

list_tests!(FEEDS, lists());

// ---- what the tables do not say -------------------------------------------------------------

#[test]
fn the_bodies_written_here_are_the_specs_request_examples() {
    let one = serde_json::to_value(CreateSourceAccountRequest::SourceAccountV2Prototype(
        Box::new(v2_prototype("acc-001")),
    ));
    assert_eq!(one.unwrap(), v2_json("acc-001"));
    let v1 = CreateSourceAccountRequest::SourceAccountPrototype(Box::new(v1_prototype("acc-002")));
    assert_eq!(serde_json::to_value(v1).unwrap(), v1_json("acc-002"));
    let Some(spec) = FEEDS.spec() else { return };
    let path = format!("{CONN}/connectionInfo/bankFeedAccounts");
    let examples = FEEDS.request_examples("POST", &path, &Value::Null);
    let mut by_name: Vec<(&str, &Value)> = examples.iter().map(|(n, v)| (n.as_str(), v)).collect();
    by_name.sort_by_key(|(name, _)| *name);
    let (v2, v1) = (v2_json("acc-001"), v1_json("acc-002"));
    assert_eq!(by_name, [("Version 1", &v1), ("Version 2", &v2)]);
    let mapping = &spec["paths"][format!("{CONN}/bankFeedAccounts/mapping")]["post"];
    let example = &mapping["requestBody"]["content"]["application/json"]["examples"]["Example"];
    let expected = json!({"sourceAccountId": "acc-002", "targetAccountId": "account-081"});
    assert_eq!(example["value"], expected);
}

#[tokio::test]
async fn version_1_accounts_are_sent_as_such_one_or_a_batch() {
    let path = format!("{CONN}/connectionInfo/bankFeedAccounts");
    let answer = json!({"id": "acc-002", "accountName": "account-081", "status": "pending"});
    let (feeds, server) = FEEDS.served("POST", &path, 200, &answer).await;
    let v1 = CreateSourceAccountRequest::SourceAccountPrototype(Box::new(v1_prototype("acc-002")));
    let created = feeds
        .source_accounts()
        .create(COMPANY, CONNECTION, &v1)
        .await;
    let CreateSourceAccountResponse::SourceAccount(account) = created.unwrap() else {
        panic!("version 1");
    };
    assert_eq!(account.account_name.as_deref(), Some("account-081"));
    let sent = json_body(&FEEDS.only_request(&server).await);
    assert_eq!(normalized(&sent), normalized(&v1_json("acc-002")));

    let answer = json!([{"sourceAccountId": "acc-002", "result": {"statusCode": 201}}]);
    let (feeds, server) = FEEDS
        .served("POST", &format!("{path}/batch"), 201, &answer)
        .await;
    let batch = Batch::VecSourceAccountPrototype(vec![v1_prototype("acc-002")]);
    let outcome = feeds
        .source_accounts()
        .create_batch(COMPANY, CONNECTION, &batch)
        .await;
    assert_eq!(complete(outcome.unwrap()).as_array().unwrap().len(), 1);
    let sent = json_body(&FEEDS.only_request(&server).await);
    assert_eq!(normalized(&sent), normalized(&json!([v1_json("acc-002")])));
}

#[tokio::test]
async fn transactions_without_options_send_no_query() {
    let path = format!("{CONN}/push/bankAccounts/{{accountId}}/bankTransactions");
    let (feeds, server) = FEEDS
        .served("POST", &path, 200, &push_fixture(json!(null)))
        .await;
    let empty = CreateBankTransactions {
        account_id: ACCOUNT.into(),
        transactions: Vec::new(),
    };
    let none = CreateBankTransactionsParams::new();
    let pushed = feeds
        .transactions()
        .create(COMPANY, CONNECTION, ACCOUNT, none, &empty)
        .await;
    assert_eq!(pushed.unwrap().status.as_str(), "Success");
    let request = FEEDS.only_request(&server).await;
    assert_eq!(request.url.query(), None);
    let expected = json!({"accountId": ACCOUNT, "transactions": []});
    assert_eq!(json_body(&request), expected);
}

#[tokio::test]
async fn the_latest_sync_is_none_on_204_and_a_required_body_may_not_be_empty() {
    let server = answering(ResponseTemplate::new(204)).await;
    let client = FEEDS.client(&server);
    let managed = client.managed_bank_feeds();
    let latest = managed.get_latest_sync(COMPANY, CONNECTION, ACCOUNT).await;
    assert_eq!(latest.unwrap(), None);
    // get-sync always has a body: an empty 200 (or 204) is a decode error that keeps the
    // status; so is the ad-hoc sync's empty 201.
    for status in [200, 204, 201] {
        let server = answering(ResponseTemplate::new(status)).await;
        let client = FEEDS.client(&server);
        let managed = client.managed_bank_feeds();
        let err = match status {
            201 => managed.run_ad_hoc_sync(COMPANY, CONNECTION, ACCOUNT).await,
            _ => managed
                .get_sync(COMPANY, CONNECTION, ACCOUNT, SYNC)
                .await
                .map(|_| panic!("{status}: no sync in an empty body")),
        };
        let err = err.unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{err:?}");
        assert_eq!(err.status(), Some(status));
    }
}

// ---- the batch's 207 and 409 ----------------------------------------------------------------

fn batch_request() -> Batch {
    Batch::VecSourceAccountV2Prototype(vec![
        v2_prototype("acc-001"),
        v2_prototype("acc-002"),
        v2_prototype("acc-003"),
    ])
}

/// What `create_batch` of [`batch_request`] gives when anything is answered with `template`.
async fn batch(
    template: ResponseTemplate,
) -> Result<codat_bank_feeds::source_accounts::BatchCreated, Error> {
    let server = answering(template).await;
    let (feeds, request) = (FEEDS.client(&server), batch_request());
    let outcome = feeds
        .source_accounts()
        .create_batch(COMPANY, CONNECTION, &request);
    outcome.await
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
                                                  "error": "Currency is not supported"}},
        {"sourceAccountId": "acc-004", "result": {"statusCode": 400}}
    ]);
    let outcome = batch(ResponseTemplate::new(207).set_body_json(&body))
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
    let exists = "A bank account already exists with the same Id";
    assert_eq!(
        read,
        [
            (Some("acc-001"), true, Some(201), None),
            (Some("acc-002"), false, Some(409), Some(exists)),
            (
                Some("acc-003"),
                false,
                Some(400),
                Some("Currency is not supported")
            ),
            // No error, but a failing status: not created either.
            (Some("acc-004"), false, Some(400), None),
        ]
    );
    use CreateBatchSourceAccountResponseMultiStatusItem as Item;
    assert!(matches!(items[1], Item::SourceAccountBatchErrorResponse(_)));
    let Item::SourceAccountV2BatchCreateResponse(created) = &items[0] else {
        panic!("{:?}", items[0]);
    };
    let account = created.result.as_ref().unwrap().account.as_ref().unwrap();
    assert_eq!(account.account_type, SourceAccountV2AccountType::Checking);
}

#[tokio::test]
async fn a_207_of_an_unexpected_shape_is_a_decode_error_that_keeps_the_status() {
    for body in [r#"{"not": "a list"}"#, "[1, 2", "<html>busy</html>"] {
        let template = ResponseTemplate::new(207).set_body_raw(body, "application/json");
        let err = batch(template).await.unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{body}: {err:?}");
        assert_eq!((err.status(), err.body()), (Some(207), Some(body)));
    }
    // An item of no known shape is kept, not refused.
    let template = ResponseTemplate::new(201).set_body_json(json!([{"brandNew": 1}]));
    let items = batch(template).await.unwrap().complete().unwrap();
    use CreateBatchSourceAccountResponseItem as Item;
    assert!(
        matches!(&items[0], Item::SourceAccountV2BatchCreateResponse(i) if i.source_account_id.is_none()),
        "every field of a created item is optional: {items:?}"
    );
}

#[tokio::test]
async fn a_409_batch_is_an_error_whose_items_can_be_read() {
    let body = json!([
        {"sourceAccountId": "acc-001", "result": {"statusCode": "409",
                                                  "error": "A bank account already exists with the same Id"}}
    ]);
    let err = batch(ResponseTemplate::new(409).set_body_json(&body))
        .await
        .unwrap_err();
    // Declared, but its body is not Codat's error message: an unexpected status, body kept.
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));
    let items = batch_conflicts(&err).expect("the 409's items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].source_account_id(), Some("acc-001"));
    assert!(!items[0].is_created());
    // Any other error has none, even with a body of the same shape.
    let message = json!({"statusCode": 404, "error": "Company not found"});
    for (status, body) in [(404, message), (400, body)] {
        let err = batch(ResponseTemplate::new(status).set_body_json(body))
            .await
            .unwrap_err();
        assert_eq!(batch_conflicts(&err), None, "{status}");
    }
}

// ---- oneOf bodies of neither version, unknown enum values -----------------------------------

#[tokio::test]
async fn a_body_of_no_known_shape_is_sent_as_given_and_an_answer_of_none_is_kept() {
    // A batch of no known shape too.
    let answer = json!([{"sourceAccountId": "a1"}]);
    let server = answering(ResponseTemplate::new(201).set_body_json(&answer)).await;
    let odd_batch = Batch::Other(json!([{"id": "a1"}, {"id": "a2"}]));
    let feeds = FEEDS.client(&server);
    let outcome = feeds
        .source_accounts()
        .create_batch(COMPANY, CONNECTION, &odd_batch);
    assert_eq!(complete(outcome.await.unwrap()), answer);
    assert_eq!(
        json_body(&requests(&server).await[0]),
        json!([{"id": "a1"}, {"id": "a2"}])
    );

    let odd = json!({"id": "acc-9", "iban": "GB33BUKB20201555555555", "extra": [1, 2]});
    let brand_new = json!({"brandNew": true});
    let server = answering(ResponseTemplate::new(200).set_body_json(&brand_new)).await;
    let feeds = FEEDS.client(&server);
    let request = CreateSourceAccountRequest::Other(odd.clone());
    let created = feeds
        .source_accounts()
        .create(COMPANY, CONNECTION, &request);
    assert_eq!(
        created.await.unwrap(),
        CreateSourceAccountResponse::Other(brand_new)
    );
    assert_eq!(json_body(&requests(&server).await[0]), odd);

    // A list that is neither version's is kept too.
    let accounts = json!({"accounts": []});
    let server = answering(ResponseTemplate::new(200).set_body_json(&accounts)).await;
    let listed = FEEDS
        .client(&server)
        .source_accounts()
        .list(COMPANY, CONNECTION)
        .await;
    assert_eq!(listed.unwrap(), ListSourceAccountsResponse::Other(accounts));
}

#[tokio::test]
async fn unknown_enum_values_in_answers_decode_as_unknown() {
    let answer = |body: Value| answering(ResponseTemplate::new(200).set_body_json(body));
    let server = answer(json!([{
        "id": "acc-1", "accountName": "Broker", "accountType": "brokerage",
        "accountNumber": "1", "currency": "GBP", "balance": 1.5, "status": "suspended",
        "routingInfo": {"bankCode": "x", "type": "cbu"}
    }]))
    .await;
    let listed = FEEDS
        .client(&server)
        .source_accounts()
        .list(COMPANY, CONNECTION)
        .await;
    let ListSourceAccountsResponse::VecSourceAccountV2(accounts) = listed.unwrap() else {
        panic!("not version 2");
    };
    let unknown = |text: &str| SourceAccountV2AccountType::Unrecognized(text.into());
    assert_eq!(accounts[0].account_type, unknown("brokerage"));
    let status = Some(SourceAccountV2Status::Unrecognized("suspended".into()));
    assert_eq!(accounts[0].status, status);
    let routing = accounts[0].routing_info.as_ref().unwrap();
    assert_eq!(
        routing.r#type,
        Some(RoutingInfoType::Unrecognized("cbu".into()))
    );

    let server = answer(json!({"id": ACCOUNT, "status": "paused"})).await;
    let sent = serde_json::from_value(json!({"id": ACCOUNT, "status": "disconnected"})).unwrap();
    let feeds = FEEDS.client(&server);
    let updated = feeds
        .source_accounts()
        .update(COMPANY, CONNECTION, ACCOUNT, &sent);
    let paused = Some(SourceAccountStatus::Unrecognized("paused".into()));
    assert_eq!(updated.await.unwrap().status, paused);

    let server = answer(json!({
        "results": [{"id": "ba-1", "accountType": "Investment", "status": "Frozen"}],
        "pageNumber": 1, "pageSize": 100, "totalResults": 1
    }))
    .await;
    let feeds = FEEDS.client(&server);
    let page = feeds
        .bank_accounts()
        .list(COMPANY, CONNECTION, PageParams::new())
        .await;
    let account = &page.unwrap().results[0];
    let investment = BankAccountPrototypeAccountType::Unrecognized("Investment".into());
    assert_eq!(account.account_type, Some(investment));
    let frozen = Some(BankAccountStatus::Unrecognized("Frozen".into()));
    assert_eq!(account.status, frozen);
}
