//! Every Sync for Payroll operation against wiremock on 127.0.0.1: the method, the encoded
//! path, the query, the auth header and the JSON body sent, and every success example the spec
//! documents decoded into the operation's return type. Then the four page streams (several
//! pages, where they stop, the first error), a declared and an undeclared error status, and
//! hostile path values.
//!
//! The spec is read from `../../../shared/codat/Codat-Sync-Payroll.json` (or the folder in
//! `CODAT_SPEC_DIR`). Without it the request checks still run against fixtures written here;
//! the example checks are skipped and say so, except with `CI=true`, where they fail.

use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use codat_client::models::push_data::{PushOperationStatus, PushOptionType};
use codat_client::models::DateTime;
use codat_client::paging::{PageOptions, PageParams};
use codat_client::Error;
use codat_product_tests as shared;
use codat_product_tests::{
    json_body, normalized, requests, serve, spec_errors, within, COMPANY, CONNECTION,
};
use codat_sync_payroll::models::{
    AccountPrototype, AccountStatus, AccountType, JournalEntry, JournalPrototype, JournalStatus,
};
use codat_sync_payroll::SyncForPayroll;
use futures_util::{StreamExt, TryStreamExt};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "sync-payroll-test-key";
/// `Basic` and the key in base64, worked out independently of the client.
const AUTH: &str = "Basic c3luYy1wYXlyb2xsLXRlc3Qta2V5";
/// Where the cached data of the test company is read.
const DATA: &str = "/companies/8a210b68-6988-11ed-a1eb-0242ac120002/data";
/// Where the test connection's options and writes are.
const CONN: &str =
    "/companies/8a210b68-6988-11ed-a1eb-0242ac120002/connections/2e9d2c44-f675-40ba-8049-353bfcb5e171";
/// The spec's path templates for the same places, as keys into its `paths`.
const SPEC_DATA: &str = "/companies/{companyId}/data";
const SPEC_CONN: &str = "/companies/{companyId}/connections/{connectionId}";

// ---- the spec -------------------------------------------------------------------------------

/// The spec, read once.
static SPEC: LazyLock<Option<Value>> =
    LazyLock::new(|| shared::spec(env!("CARGO_MANIFEST_DIR"), "Codat-Sync-Payroll.json"));

fn spec() -> Option<&'static Value> {
    SPEC.as_ref()
}

/// The spec's operation at the path template `spec_path` and `verb`.
fn operation(spec_path: &str, verb: &str) -> Option<&'static Value> {
    shared::operation(spec(), spec_path, verb)
}

/// Every JSON example of the operation's 200 response, named; `fixture` alone when the spec is
/// missing or documents none (then the spec must say it has none).
fn examples(spec_path: &str, verb: &str, fixture: Value) -> Vec<(String, Value)> {
    let Some(op) = operation(spec_path, verb) else {
        return vec![("fixture".into(), fixture)];
    };
    let content = &op["responses"]["200"]["content"]["application/json"];
    assert!(content.is_object(), "{verb} {spec_path}: no JSON 200");
    let named = shared::examples(content);
    if named.is_empty() {
        assert!(content.get("example").is_none(), "{verb} {spec_path}");
        return vec![("fixture".into(), fixture)];
    }
    named
}

/// Every JSON example of the operation's request body.
fn request_examples(spec_path: &str, verb: &str) -> Vec<(String, Value)> {
    operation(spec_path, verb).map_or_else(Vec::new, |op| {
        shared::examples(&op["requestBody"]["content"]["application/json"])
    })
}

// ---- the client and the server --------------------------------------------------------------

fn payroll(server: &MockServer) -> SyncForPayroll {
    SyncForPayroll::new(&shared::codat(KEY, server))
}

/// The one request the server got, checked for the auth header.
async fn only_request(server: &MockServer) -> Request {
    shared::only_request(server, AUTH).await
}

/// The paging parameters the list tests send, and their encoding.
fn paging() -> PageParams {
    PageParams::new()
        .page(2)
        .page_size(50)
        .query("status=Active")
        .order_by("-modifiedDate")
}
const PAGING_QUERY: &str = "page=2&pageSize=50&query=status%3DActive&orderBy=-modifiedDate";

/// A page of `results`, the first of one.
fn page_fixture(results: Value) -> Value {
    json!({"results": results, "pageNumber": 1, "pageSize": 100, "totalResults": 1})
}

/// A push operation's result, with `data` when given.
fn push_fixture(data: Option<Value>) -> Value {
    let mut body = json!({
        "changes": [{"type": "Created", "recordRef": {"id": "acc-9", "dataType": "accounts"}}],
        "dataType": "accounts",
        "companyId": COMPANY,
        "pushOperationKey": "1b6ee3f4-4a33-4d2e-9c0a-7a4a0f5d0001",
        "dataConnectionKey": CONNECTION,
        "requestedOnUtc": "2024-05-01T10:00:00Z",
        "completedOnUtc": "2024-05-01T10:00:05Z",
        "timeoutInMinutes": 30,
        "status": "Success",
        "statusCode": 200
    });
    if let Some(data) = data {
        body["data"] = data;
    }
    body
}

fn push_option_fixture() -> Value {
    json!({
        "type": "Object",
        "displayName": "Account",
        "description": "Account",
        "required": true,
        "properties": {
            "name": {"type": "String", "displayName": "Name", "description": "Name", "required": true}
        }
    })
}

// ---- accounts -------------------------------------------------------------------------------

#[tokio::test]
async fn accounts_list_sends_the_paging_and_decodes_every_example() {
    let fixture = page_fixture(json!([{"id": "acc-1", "name": "Wages", "type": "Expense"}]));
    for (name, body) in examples(&format!("{SPEC_DATA}/accounts"), "get", fixture) {
        let server = serve(AUTH, "GET", &format!("{DATA}/accounts"), 200, &body).await;
        let page = payroll(&server)
            .accounts()
            .list(COMPANY, paging())
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let results = body["results"].as_array().unwrap();
        assert_eq!(page.results.len(), results.len(), "{name}");
        assert_eq!(page.total_results, body["totalResults"].as_i64().unwrap());
        for (account, json) in page.results.iter().zip(results) {
            assert_eq!(account.id.as_deref(), json["id"].as_str(), "{name}");
            assert_eq!(account.name.as_deref(), json["name"].as_str(), "{name}");
        }
        let request = only_request(&server).await;
        assert_eq!(request.url.query(), Some(PAGING_QUERY));
        assert!(request.body.is_empty());
    }
}

#[tokio::test]
async fn accounts_get_decodes_every_example() {
    let fixture = json!({"id": "acc-1", "name": "Wages", "type": "Expense", "status": "Active"});
    let spec_path = format!("{SPEC_DATA}/accounts/{{accountId}}");
    for (name, body) in examples(&spec_path, "get", fixture) {
        let server = serve(AUTH, "GET", &format!("{DATA}/accounts/acc-1"), 200, &body).await;
        let account = payroll(&server)
            .accounts()
            .get(COMPANY, "acc-1")
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(account.id.as_deref(), body["id"].as_str(), "{name}");
        assert_eq!(
            account.r#type.as_ref().map(|t| t.as_str()),
            body["type"].as_str(),
            "{name}"
        );
        assert_eq!(only_request(&server).await.url.query(), None);
    }
}

#[tokio::test]
async fn accounts_get_create_model_decodes_every_example() {
    let spec_path = format!("{SPEC_CONN}/options/chartOfAccounts");
    for (name, body) in examples(&spec_path, "get", push_option_fixture()) {
        let server = serve(
            AUTH,
            "GET",
            &format!("{CONN}/options/chartOfAccounts"),
            200,
            &body,
        )
        .await;
        let option = payroll(&server)
            .accounts()
            .get_create_model(COMPANY, CONNECTION)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(option.display_name, body["displayName"].as_str().unwrap());
        assert_eq!(option.kind, PushOptionType::Object, "{name}");
        assert_eq!(only_request(&server).await.url.query(), None);
    }
}

fn account_prototype() -> AccountPrototype {
    AccountPrototype {
        nominal_code: Some("7000".into()),
        name: Some("Gross wages".into()),
        description: Some("Wages before deductions".into()),
        fully_qualified_category: Some("Expense.Payroll".into()),
        fully_qualified_name: Some("Expense.Payroll.Gross wages".into()),
        currency: Some("GBP".into()),
        current_balance: None,
        r#type: Some(AccountType::Expense),
        status: Some(AccountStatus::Active),
        is_bank_account: Some(false),
        valid_datatype_links: None,
        supplemental_data: None,
    }
}

#[tokio::test]
async fn accounts_create_sends_the_prototype_and_the_push_options() {
    let data =
        json!({"id": "acc-9", "nominalCode": "7000", "name": "Gross wages", "type": "Expense"});
    let spec_path = format!("{SPEC_CONN}/push/accounts");
    for (name, body) in examples(&spec_path, "post", push_fixture(Some(data))) {
        let server = serve(AUTH, "POST", &format!("{CONN}/push/accounts"), 200, &body).await;
        let created = payroll(&server)
            .accounts()
            .create(
                COMPANY,
                CONNECTION,
                codat_sync_payroll::models::CreateAccountParams::new()
                    .timeout_in_minutes(30)
                    .allow_sync_on_push_complete(false),
                &account_prototype(),
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(created.status, PushOperationStatus::Success);
        assert_eq!(
            created.push_operation_key,
            body["pushOperationKey"].as_str().unwrap()
        );
        assert_eq!(
            created.data.unwrap().id.as_deref(),
            body["data"]["id"].as_str()
        );
        let request = only_request(&server).await;
        assert_eq!(
            request.url.query(),
            Some("timeoutInMinutes=30&allowSyncOnPushComplete=false")
        );
        assert_eq!(
            json_body(&request),
            json!({
                "nominalCode": "7000",
                "name": "Gross wages",
                "description": "Wages before deductions",
                "fullyQualifiedCategory": "Expense.Payroll",
                "fullyQualifiedName": "Expense.Payroll.Gross wages",
                "currency": "GBP",
                "type": "Expense",
                "status": "Active",
                "isBankAccount": false
            })
        );
    }
    // Without the options, no query at all.
    let server = serve(
        AUTH,
        "POST",
        &format!("{CONN}/push/accounts"),
        200,
        &push_fixture(None),
    )
    .await;
    payroll(&server)
        .accounts()
        .create(
            COMPANY,
            CONNECTION,
            codat_sync_payroll::models::CreateAccountParams::new(),
            &AccountPrototype::default(),
        )
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert_eq!(json_body(&request), json!({}));
}

// ---- journal entries ------------------------------------------------------------------------

#[tokio::test]
async fn journal_entries_list_sends_the_paging_and_decodes_every_example() {
    let fixture = page_fixture(json!([{"id": "je-1", "description": "May payroll"}]));
    for (name, body) in examples(&format!("{SPEC_DATA}/journalEntries"), "get", fixture) {
        let server = serve(AUTH, "GET", &format!("{DATA}/journalEntries"), 200, &body).await;
        let page = payroll(&server)
            .journal_entries()
            .list(COMPANY, paging())
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let results = body["results"].as_array().unwrap();
        assert_eq!(page.results.len(), results.len(), "{name}");
        for (entry, json) in page.results.iter().zip(results) {
            assert_eq!(entry.id.as_deref(), json["id"].as_str(), "{name}");
            assert_eq!(
                entry.journal_lines.as_ref().map(Vec::len),
                json["journalLines"].as_array().map(Vec::len),
                "{name}"
            );
        }
        assert_eq!(only_request(&server).await.url.query(), Some(PAGING_QUERY));
    }
}

#[tokio::test]
async fn journal_entries_get_decodes_every_example() {
    let fixture = json!({"id": "je-1", "description": "May payroll", "journalLines": []});
    let spec_path = format!("{SPEC_DATA}/journalEntries/{{journalEntryId}}");
    for (name, body) in examples(&spec_path, "get", fixture) {
        let server = serve(
            AUTH,
            "GET",
            &format!("{DATA}/journalEntries/je-1"),
            200,
            &body,
        )
        .await;
        let entry = payroll(&server)
            .journal_entries()
            .get(COMPANY, "je-1")
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(entry.id.as_deref(), body["id"].as_str(), "{name}");
        assert_eq!(entry.description.as_deref(), body["description"].as_str());
        assert_eq!(only_request(&server).await.url.query(), None);
    }
}

#[tokio::test]
async fn journal_entries_delete_sends_the_push_options_and_decodes_the_operation() {
    let spec_path = format!("{SPEC_CONN}/push/journalEntries/{{journalEntryId}}");
    let full_path = format!("{CONN}/push/journalEntries/je-1");
    for (name, body) in examples(&spec_path, "delete", push_fixture(None)) {
        let server = serve(AUTH, "DELETE", &full_path, 200, &body).await;
        let operation = payroll(&server)
            .journal_entries()
            .delete(
                COMPANY,
                CONNECTION,
                "je-1",
                codat_sync_payroll::models::DeleteJournalEntryParams::new()
                    .timeout_in_minutes(5)
                    .allow_sync_on_push_complete(true),
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(operation.status, PushOperationStatus::Success);
        assert_eq!(operation.timeout_in_minutes, Some(30));
        let request = only_request(&server).await;
        assert_eq!(
            request.url.query(),
            Some("timeoutInMinutes=5&allowSyncOnPushComplete=true")
        );
        assert!(request.body.is_empty());
    }
}

#[tokio::test]
async fn journal_entries_get_create_model_decodes_every_example() {
    let spec_path = format!("{SPEC_CONN}/options/journalEntries");
    for (name, body) in examples(&spec_path, "get", push_option_fixture()) {
        let server = serve(
            AUTH,
            "GET",
            &format!("{CONN}/options/journalEntries"),
            200,
            &body,
        )
        .await;
        let option = payroll(&server)
            .journal_entries()
            .get_create_model(COMPANY, CONNECTION)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(option.display_name, body["displayName"].as_str().unwrap());
        assert_eq!(only_request(&server).await.url.query(), None);
    }
}

#[tokio::test]
async fn journal_entries_create_sends_each_request_example_unchanged() {
    let mut bodies = request_examples(&format!("{SPEC_CONN}/push/journalEntries"), "post");
    if bodies.is_empty() {
        bodies.push((
            "fixture".into(),
            json!({
                "description": "May payroll",
                "postedOn": "2024-05-31T00:00:00",
                "journalLines": [
                    {"description": "Gross wages", "netAmount": 1500.5, "currency": "GBP",
                     "accountRef": {"id": "7000"}},
                    {"description": "Net pay", "netAmount": -1500.5, "currency": "GBP",
                     "accountRef": {"id": "2210"}}
                ]
            }),
        ));
    }
    let spec_path = format!("{SPEC_CONN}/push/journalEntries");
    let responses = examples(
        &spec_path,
        "post",
        push_fixture(Some(json!({"id": "je-9"}))),
    );
    for (request_name, sent) in bodies {
        let entry: JournalEntry = serde_json::from_value(sent.clone()).unwrap();
        for (name, body) in &responses {
            let server = serve(
                AUTH,
                "POST",
                &format!("{CONN}/push/journalEntries"),
                200,
                body,
            )
            .await;
            let created = payroll(&server)
                .journal_entries()
                .create(
                    COMPANY,
                    CONNECTION,
                    codat_sync_payroll::models::CreateJournalEntryParams::new()
                        .timeout_in_minutes(30),
                    &entry,
                )
                .await
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                created.push_operation_key,
                body["pushOperationKey"].as_str().unwrap()
            );
            assert_eq!(
                created.data.and_then(|d| d.id).as_deref(),
                body["data"]["id"].as_str(),
                "{name}"
            );
            let request = only_request(&server).await;
            assert_eq!(request.url.query(), Some("timeoutInMinutes=30"));
            assert_eq!(
                normalized(&json_body(&request)),
                normalized(&sent),
                "{request_name}"
            );
        }
    }
}

// ---- journals -------------------------------------------------------------------------------

#[tokio::test]
async fn journals_list_sends_the_paging_and_decodes_every_example() {
    let fixture = page_fixture(json!([{"id": "j-1", "name": "Payroll", "status": "Active"}]));
    for (name, body) in examples(&format!("{SPEC_DATA}/journals"), "get", fixture) {
        let server = serve(AUTH, "GET", &format!("{DATA}/journals"), 200, &body).await;
        let page = payroll(&server)
            .journals()
            .list(COMPANY, paging())
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let results = body["results"].as_array().unwrap();
        assert_eq!(page.results.len(), results.len(), "{name}");
        for (journal, json) in page.results.iter().zip(results) {
            assert_eq!(journal.id.as_deref(), json["id"].as_str(), "{name}");
        }
        assert_eq!(only_request(&server).await.url.query(), Some(PAGING_QUERY));
    }
}

#[tokio::test]
async fn journals_get_decodes_every_example() {
    let fixture = json!({"id": "j-1", "name": "Payroll", "status": "Active"});
    let spec_path = format!("{SPEC_DATA}/journals/{{journalId}}");
    for (name, body) in examples(&spec_path, "get", fixture) {
        let server = serve(AUTH, "GET", &format!("{DATA}/journals/j-1"), 200, &body).await;
        let journal = payroll(&server)
            .journals()
            .get(COMPANY, "j-1")
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(journal.id.as_deref(), body["id"].as_str(), "{name}");
        assert_eq!(journal.name.as_deref(), body["name"].as_str(), "{name}");
        assert_eq!(only_request(&server).await.url.query(), None);
    }
}

#[tokio::test]
async fn journals_get_create_model_decodes_every_example() {
    let spec_path = format!("{SPEC_CONN}/options/journals");
    for (name, body) in examples(&spec_path, "get", push_option_fixture()) {
        let server = serve(AUTH, "GET", &format!("{CONN}/options/journals"), 200, &body).await;
        let option = payroll(&server)
            .journals()
            .get_create_model(COMPANY, CONNECTION)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(option.display_name, body["displayName"].as_str().unwrap());
        assert_eq!(only_request(&server).await.url.query(), None);
    }
}

#[tokio::test]
async fn journals_create_sends_the_prototype() {
    let journal = JournalPrototype {
        journal_code: Some("PAY".into()),
        name: Some("Payroll".into()),
        r#type: Some("General".into()),
        parent_id: None,
        has_children: Some(false),
        created_on: Some(DateTime::from("2024-05-01T00:00:00")),
        status: Some(JournalStatus::Active),
    };
    let data = json!({"id": "j-9", "journalCode": "PAY", "name": "Payroll"});
    let spec_path = format!("{SPEC_CONN}/push/journals");
    for (name, body) in examples(&spec_path, "post", push_fixture(Some(data))) {
        let server = serve(AUTH, "POST", &format!("{CONN}/push/journals"), 200, &body).await;
        let created = payroll(&server)
            .journals()
            .create(
                COMPANY,
                CONNECTION,
                codat_sync_payroll::models::CreateJournalParams::new()
                    .allow_sync_on_push_complete(false),
                &journal,
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            created.data.unwrap().id.as_deref(),
            body["data"]["id"].as_str()
        );
        let request = only_request(&server).await;
        assert_eq!(request.url.query(), Some("allowSyncOnPushComplete=false"));
        assert_eq!(
            json_body(&request),
            json!({
                "journalCode": "PAY",
                "name": "Payroll",
                "type": "General",
                "hasChildren": false,
                "createdOn": "2024-05-01T00:00:00",
                "status": "Active"
            })
        );
    }
}

// ---- tracking categories --------------------------------------------------------------------

#[tokio::test]
async fn tracking_categories_list_sends_the_paging_and_decodes_every_example() {
    let fixture = page_fixture(json!([{"id": "tc-1", "name": "Sales", "hasChildren": false}]));
    let spec_path = format!("{SPEC_DATA}/trackingCategories");
    for (name, body) in examples(&spec_path, "get", fixture) {
        let server = serve(
            AUTH,
            "GET",
            &format!("{DATA}/trackingCategories"),
            200,
            &body,
        )
        .await;
        let page = payroll(&server)
            .tracking_categories()
            .list(COMPANY, paging())
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let results = body["results"].as_array().unwrap();
        assert_eq!(page.results.len(), results.len(), "{name}");
        for (category, json) in page.results.iter().zip(results) {
            assert_eq!(category.id.as_deref(), json["id"].as_str(), "{name}");
        }
        assert_eq!(only_request(&server).await.url.query(), Some(PAGING_QUERY));
    }
}

#[tokio::test]
async fn tracking_categories_get_decodes_every_example() {
    let fixture = json!({"id": "tc-1", "name": "Sales", "subCategories": [{"id": "tc-2"}]});
    let spec_path = format!("{SPEC_DATA}/trackingCategories/{{trackingCategoryId}}");
    for (name, body) in examples(&spec_path, "get", fixture) {
        let server = serve(
            AUTH,
            "GET",
            &format!("{DATA}/trackingCategories/tc-1"),
            200,
            &body,
        )
        .await;
        let tree = payroll(&server)
            .tracking_categories()
            .get(COMPANY, "tc-1")
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(tree.id.as_deref(), body["id"].as_str(), "{name}");
        assert_eq!(
            tree.sub_categories.as_ref().map(Vec::len),
            body["subCategories"].as_array().map(Vec::len),
            "{name}"
        );
        assert_eq!(only_request(&server).await.url.query(), None);
    }
}

// ---- company info ---------------------------------------------------------------------------

#[tokio::test]
async fn company_info_get_accounting_profile_decodes_every_example() {
    let fixture = json!({"companyName": "Acme Payroll Ltd", "baseCurrency": "GBP"});
    for (name, body) in examples(&format!("{SPEC_DATA}/info"), "get", fixture) {
        let server = serve(AUTH, "GET", &format!("{DATA}/info"), 200, &body).await;
        let info = payroll(&server)
            .company_info()
            .get_accounting_profile(COMPANY)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(info.company_name.as_deref(), body["companyName"].as_str());
        assert_eq!(info.base_currency.as_deref(), body["baseCurrency"].as_str());
        assert_eq!(only_request(&server).await.url.query(), None);
    }
}

// ---- page streams ---------------------------------------------------------------------------

/// The four lists that come as streams.
#[derive(Clone, Copy, Debug)]
enum List {
    Accounts,
    JournalEntries,
    Journals,
    TrackingCategories,
}

const LISTS: [List; 4] = [
    List::Accounts,
    List::JournalEntries,
    List::Journals,
    List::TrackingCategories,
];

impl List {
    fn path(self) -> String {
        let name = match self {
            List::Accounts => "accounts",
            List::JournalEntries => "journalEntries",
            List::Journals => "journals",
            List::TrackingCategories => "trackingCategories",
        };
        format!("{DATA}/{name}")
    }

    /// The stream's items, as their ids.
    fn stream(
        self,
        payroll: &SyncForPayroll,
        options: PageOptions,
    ) -> futures_util::stream::BoxStream<'_, Result<String, Error>> {
        fn id(id: Option<String>) -> String {
            id.unwrap_or_default()
        }
        match self {
            List::Accounts => payroll
                .accounts()
                .list_all(COMPANY, options)
                .map_ok(|a| id(a.id))
                .boxed(),
            List::JournalEntries => payroll
                .journal_entries()
                .list_all(COMPANY, options)
                .map_ok(|e| id(e.id))
                .boxed(),
            List::Journals => payroll
                .journals()
                .list_all(COMPANY, options)
                .map_ok(|j| id(j.id))
                .boxed(),
            List::TrackingCategories => payroll
                .tracking_categories()
                .list_all(COMPANY, options)
                .map_ok(|c| id(c.id))
                .boxed(),
        }
    }
}

/// Serves `total` items in pages of the `pageSize` asked for (ids `item-0`, ...), with a
/// `next` link on every page but the last; the pages in `failing` answer 500 instead.
async fn paged_server(list: List, total: usize, failing: &'static [usize]) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(list.path()))
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
                return ResponseTemplate::new(500).set_body_json(json!({
                    "statusCode": 500, "service": "PublicApi", "error": "page failed",
                    "correlationId": format!("page-{page}")
                }));
            }
            let start = (page - 1) * size;
            let results: Vec<Value> = (start..(start + size).min(total))
                .map(|i| json!({"id": format!("item-{i}")}))
                .collect();
            let mut links = json!({"self": {"href": "/x"}, "current": {"href": "/x"}});
            if page * size < total {
                links["next"] = json!({"href": "/x?next"});
            }
            ResponseTemplate::new(200).set_body_json(json!({
                "results": results, "pageNumber": page, "pageSize": size,
                "totalResults": total, "_links": links
            }))
        })
        .mount(&server)
        .await;
    server
}

/// The pages the server was asked for, in order.
async fn pages_asked(server: &MockServer) -> Vec<usize> {
    requests(server)
        .await
        .iter()
        .map(|r| {
            let page = r.url.query_pairs().find(|(k, _)| k == "page").unwrap().1;
            page.parse().unwrap()
        })
        .collect()
}

fn ids(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("item-{i}")).collect()
}

#[tokio::test]
async fn every_stream_reads_every_page_with_the_options() {
    for list in LISTS {
        let server = paged_server(list, 7, &[]).await;
        let payroll = payroll(&server);
        let options = PageOptions::new()
            .page_size(3)
            .query("status=Active")
            .order_by("-modifiedDate");
        let got: Vec<String> = within(list.stream(&payroll, options).try_collect())
            .await
            .unwrap();
        assert_eq!(got, ids(0..7), "{list:?}");
        // Three pages, and no fourth: the last has no `next` and the total says so.
        assert_eq!(pages_asked(&server).await, [1, 2, 3], "{list:?}");
        for request in requests(&server).await {
            let query = request.url.query().unwrap();
            assert!(
                query.ends_with("pageSize=3&query=status%3DActive&orderBy=-modifiedDate"),
                "{list:?}: {query}"
            );
        }
    }
}

#[tokio::test]
async fn every_stream_keeps_page_order_when_fetching_pages_at_once() {
    for list in LISTS {
        let server = paged_server(list, 25, &[]).await;
        let payroll = payroll(&server);
        let options = PageOptions::new().page_size(4).concurrency(3);
        let got: Vec<String> = within(list.stream(&payroll, options).try_collect())
            .await
            .unwrap();
        assert_eq!(got, ids(0..25), "{list:?}");
        let mut asked = pages_asked(&server).await;
        asked.sort_unstable();
        assert_eq!(asked, [1, 2, 3, 4, 5, 6, 7], "{list:?}");
    }
}

#[tokio::test]
async fn a_stream_dropped_early_asks_for_no_more_pages() {
    for list in LISTS {
        let server = paged_server(list, 50, &[]).await;
        let payroll = payroll(&server);
        let first: Vec<String> = within(
            list.stream(&payroll, PageOptions::new().page_size(10))
                .take(3)
                .try_collect(),
        )
        .await
        .unwrap();
        assert_eq!(first, ids(0..3), "{list:?}");
        assert_eq!(pages_asked(&server).await, [1], "{list:?}");
    }
}

#[tokio::test]
async fn every_stream_ends_at_the_first_error() {
    for list in LISTS {
        let server = paged_server(list, 9, &[2]).await;
        let payroll = payroll(&server);
        let got: Vec<Result<String, Error>> = within(
            list.stream(&payroll, PageOptions::new().page_size(3))
                .collect(),
        )
        .await;
        assert_eq!(got.len(), 4, "{list:?}: {got:?}");
        let items: Vec<&String> = got[..3].iter().map(|r| r.as_ref().unwrap()).collect();
        assert_eq!(items, ids(0..3).iter().collect::<Vec<_>>(), "{list:?}");
        let err = got[3].as_ref().unwrap_err();
        // 500 is declared for every list: Codat's error message.
        assert!(matches!(err, Error::Api { .. }), "{list:?}: {err:?}");
        assert_eq!(err.status(), Some(500));
        assert_eq!(err.correlation_id(), Some("page-2"));
        // Page 3 exists, but is never asked for.
        assert_eq!(pages_asked(&server).await, [1, 2], "{list:?}");
    }
}

#[tokio::test]
async fn every_stream_fetches_as_many_pages_at_once_as_its_options_say() {
    // Page 2 answers slowly. One page at a time, page 3 is asked for only after page 2's
    // answer; three at a time, pages 3 and 4 are asked for while page 2 is still pending.
    for (concurrency, overlapping) in [(1, false), (3, true)] {
        for list in LISTS {
            let server = MockServer::start().await;
            let asked: Arc<Mutex<Vec<(usize, Instant)>>> = Arc::default();
            let log = asked.clone();
            Mock::given(method("GET"))
                .and(path(list.path()))
                .respond_with(move |request: &Request| {
                    let page: usize = request
                        .url
                        .query_pairs()
                        .find(|(k, _)| k == "page")
                        .unwrap()
                        .1
                        .parse()
                        .unwrap();
                    log.lock().unwrap().push((page, Instant::now()));
                    let results = vec![json!({"id": format!("item-{page}")})];
                    let template = ResponseTemplate::new(200).set_body_json(json!({
                        "results": results, "pageNumber": page, "pageSize": 1, "totalResults": 4
                    }));
                    if page == 2 {
                        template.set_delay(Duration::from_millis(400))
                    } else {
                        template
                    }
                })
                .mount(&server)
                .await;
            let payroll = payroll(&server);
            let options = PageOptions::new().page_size(1).concurrency(concurrency);
            let got: Vec<String> = within(list.stream(&payroll, options).try_collect())
                .await
                .unwrap();
            assert_eq!(got, ["item-1", "item-2", "item-3", "item-4"], "{list:?}");
            let asked = asked.lock().unwrap().clone();
            let at = |page: usize| asked.iter().find(|(p, _)| *p == page).unwrap().1;
            let gap = at(3).saturating_duration_since(at(2));
            assert_eq!(
                gap < Duration::from_millis(300),
                overlapping,
                "{list:?}, concurrency {concurrency}: page 3 asked {gap:?} after page 2"
            );
        }
    }
}

// ---- errors and hostile values --------------------------------------------------------------

#[tokio::test]
async fn a_declared_error_status_is_codats_error_message() {
    let message = json!({
        "statusCode": 409,
        "service": "PublicApi",
        "error": "Data type accounts is not yet synced",
        "correlationId": "corr-409",
        "canBeRetried": "Unknown",
        "detailedErrorCode": 0
    });
    if let Some(errors) = operation(&format!("{SPEC_DATA}/accounts"), "get").and_then(spec_errors) {
        assert!(
            errors.contains(&409),
            "list-accounts declares 409: {errors:?}"
        );
    }
    let server = serve(AUTH, "GET", &format!("{DATA}/accounts"), 409, &message).await;
    let err = payroll(&server)
        .accounts()
        .list(COMPANY, PageParams::new())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));
    let decoded = err.error_message().unwrap();
    assert_eq!(
        decoded.error.as_deref(),
        Some("Data type accounts is not yet synced")
    );
    assert_eq!(err.correlation_id(), Some("corr-409"));

    // get-create-accounts-model does not declare 409: the same body is an unexpected status.
    let spec_path = format!("{SPEC_CONN}/options/chartOfAccounts");
    if let Some(errors) = operation(&spec_path, "get").and_then(spec_errors) {
        assert!(!errors.contains(&409), "{errors:?}");
    }
    let server = serve(
        AUTH,
        "GET",
        &format!("{CONN}/options/chartOfAccounts"),
        409,
        &message,
    )
    .await;
    let err = payroll(&server)
        .accounts()
        .get_create_model(COMPANY, CONNECTION)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));
}

#[tokio::test]
async fn a_hostile_id_stays_one_path_segment() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "x"})))
        .mount(&server)
        .await;
    let payroll = payroll(&server);
    for (id, encoded) in [("../x", "..%2Fx"), ("a/b?c#d", "a%2Fb%3Fc%23d")] {
        payroll.journals().get(COMPANY, id).await.unwrap();
        let sent = requests(&server).await.pop().unwrap();
        assert_eq!(sent.url.path(), format!("{DATA}/journals/{encoded}"));
        assert_eq!(sent.url.query(), None);
        assert_eq!(sent.url.fragment(), None);
    }
    // A company id of `..` cannot be a segment at all: refused, nothing sent.
    let before = requests(&server).await.len();
    let err = payroll
        .company_info()
        .get_accounting_profile("..")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPathParameter { .. }), "{err:?}");
    assert_eq!(requests(&server).await.len(), before);
}

#[tokio::test]
async fn every_operation_of_the_product_is_declared_once() {
    let ours: Vec<_> = codat_client::operations()
        .filter(|op| op.product == "codat-sync-payroll")
        .collect();
    let mut templates: Vec<String> = ours
        .iter()
        .map(|op| format!("{:?} {}", op.method, op.template))
        .collect();
    templates.sort();
    templates.dedup();
    assert_eq!(ours.len(), 16, "{templates:#?}");
    assert_eq!(templates.len(), 16, "{templates:#?}");
    let Some(spec) = spec() else { return };
    let platform = ["Companies", "Connections", "Manage data"];
    let mut in_spec = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (verb, op) in item.as_object().unwrap() {
            if !["get", "post", "put", "patch", "delete"].contains(&verb.as_str()) {
                continue;
            }
            let found = ours.iter().any(|ours| {
                format!("{:?}", ours.method).eq_ignore_ascii_case(verb)
                    && ours
                        .template
                        .replace('_', "")
                        .eq_ignore_ascii_case(&path.replace('{', "<").replace('}', ">"))
            });
            let tag = op["tags"][0].as_str().unwrap();
            // Platform's operations are codat-client's; the product's are ours.
            assert_eq!(found, !platform.contains(&tag), "{verb} {path} ({tag})");
            in_spec += usize::from(found);
        }
    }
    assert_eq!(in_spec, 16);
}
