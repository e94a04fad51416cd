//! Lending's sales, banking, loan writeback and accounting bank data operations against
//! wiremock on 127.0.0.1: the method, the encoded path, the query, the auth header and the JSON
//! body sent, and every success example the spec documents decoded into the operation's return
//! type. Then the page streams (several pages, where they stop, the first error), error
//! statuses and bodies, unknown enum values, and hostile path values.
//!
//! The spec is read from `../../../shared/codat/Codat-Lending.json` (or the folder in
//! `CODAT_SPEC_DIR`). Without it the request checks still run against fixtures written here;
//! the example checks are skipped, except with `CI=true`, where they fail.

mod common;

use std::collections::BTreeSet;

use codat_client::models::push_data::{PushOperationStatus, PushOptionType};
use codat_client::models::DateTime;
use codat_client::paging::PageOptions;
use codat_client::Error;
use codat_lending::models::{
    AccountPrototype, AccountStatus, AccountType, AccountingBankAccount, AccountingBankAccountType,
    AccountingCreateBankTransactions, AccountingPayment, AccountingSupplier, AccountingTransfer,
    BankFeedBankAccountMapping, CommerceReport, CreateBankAccountTransaction,
    CreateSourceAccountRequest, CreateSourceAccountResponse, DirectCostPrototype, PaymentStatus,
    RoutingInfo, RoutingInfoType, SourceAccountPrototype, SourceAccountV2AccountType,
    SourceAccountV2Prototype, TransactionCategoryStatus,
};
use codat_lending::sales::PeriodUnit;
use codat_lending::Lending;
use codat_product_tests as shared;
use codat_product_tests::{json_body, normalized, requests, serve, spec_errors, within};
use common::*;
use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use rust_decimal_macros::dec;
use serde_json::{json, Value};
use wiremock::matchers::{any, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

// ---- helpers ----------------------------------------------------------------------------------

/// Every documented example of the operation's 200 answer: its named examples (following a
/// `$ref` into `components/examples`) and its lone `example`; `fixture` alone when the spec is
/// missing or documents none.
fn answers(spec_path: &str, verb: &str, fixture: Value) -> Vec<(String, Value)> {
    let (Some(root), Some(op)) = (spec(), operation(spec_path, verb)) else {
        return vec![("fixture".into(), fixture)];
    };
    let content = &op["responses"]["200"]["content"]["application/json"];
    assert!(content.is_object(), "{verb} {spec_path}: no JSON 200");
    let mut found: Vec<(String, Value)> = content
        .get("examples")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, e)| (name.clone(), shared::resolve(root, e)["value"].clone()))
        .collect();
    if let Some(example) = content.get("example") {
        found.push(("example".into(), example.clone()));
    }
    assert!(
        found.iter().all(|(_, v)| !v.is_null()),
        "{verb} {spec_path}"
    );
    if found.is_empty() {
        found.push(("fixture".into(), fixture));
    }
    found
}

/// The request example `name` of the operation, or `fallback` without the spec.
fn request_example(spec_path: &str, verb: &str, name: &str, fallback: Value) -> Value {
    if spec().is_none() {
        return fallback;
    }
    let found = request_examples(spec_path, verb)
        .into_iter()
        .find(|(n, _)| n == name);
    found
        .unwrap_or_else(|| panic!("{verb} {spec_path} documents no request `{name}`"))
        .1
}

/// A JSON value without its `null` members, as a body that leaves absent fields out sends it.
fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// A field read as text, whether the model holds it required or optional.
trait Text {
    fn text(&self) -> Option<&str>;
}

impl Text for String {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}

impl Text for Option<String> {
    fn text(&self) -> Option<&str> {
        self.as_deref()
    }
}

impl Text for DateTime {
    fn text(&self) -> Option<&str> {
        Some(self.as_str())
    }
}

impl Text for Option<DateTime> {
    fn text(&self) -> Option<&str> {
        self.as_ref().map(DateTime::as_str)
    }
}

/// Where the sales metrics and reports are.
const METRICS: &str =
    "/data/companies/8a210b68-6988-11ed-a1eb-0242ac120002/connections/2e9d2c44-f675-40ba-8049-353bfcb5e171/assess/commerceMetrics";
const SPEC_METRICS: &str =
    "/data/companies/{companyId}/connections/{connectionId}/assess/commerceMetrics";

/// A push operation's result, with `data` when given.
fn push_fixture(data: Option<Value>) -> Value {
    let mut body = json!({
        "changes": [{"type": "Created", "recordRef": {"id": "rec-9", "dataType": "accounts"}}],
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
        "displayName": "Record",
        "description": "Record",
        "required": true,
        "properties": {
            "name": {"type": "String", "displayName": "Name", "description": "Name", "required": true}
        }
    })
}

// ---- list and get, table by table -------------------------------------------------------------

/// A list that takes `paging`: every documented page decodes, its items' id and one more field
/// kept, and the paging parameters sent.
macro_rules! list_case {
    ($test:ident: $l:ident => $resource:expr, $seg:literal,
     id = $id:ident / $id_json:literal, $field:ident / $field_json:literal,
     fixture = $fixture:expr) => {
        #[tokio::test]
        async fn $test() {
            let fixture = page_fixture(json!([$fixture]));
            for (name, body) in answers(&format!("{SPEC_CONN}/data/{}", $seg), "get", fixture) {
                let server = serve(AUTH, "GET", &format!("{CONN}/data/{}", $seg), 200, &body).await;
                let $l = lending(&server);
                let page = $resource
                    .list(COMPANY, CONNECTION, paging())
                    .await
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                let results = body["results"].as_array().unwrap();
                assert_eq!(page.results.len(), results.len(), "{name}");
                assert_eq!(page.page_number, body["pageNumber"].as_i64().unwrap());
                assert_eq!(page.total_results, body["totalResults"].as_i64().unwrap());
                for (item, json) in page.results.iter().zip(results) {
                    assert_eq!(item.$id.text(), json[$id_json].as_str(), "{name}");
                    assert_eq!(item.$field.text(), json[$field_json].as_str(), "{name}");
                }
                let request = only_request(&server).await;
                assert_eq!(request.url.query(), Some(PAGING_QUERY), "{name}");
                assert!(request.body.is_empty(), "{name}");
            }
        }
    };
}

/// A get by id: every documented record decodes, its id and one more field kept, nothing else
/// sent.
macro_rules! get_case {
    ($test:ident: $l:ident => $resource:expr, $seg:literal, $param:literal,
     id = $id:ident / $id_json:literal, $field:ident / $field_json:literal,
     fixture = $fixture:expr) => {
        #[tokio::test]
        async fn $test() {
            let spec_path = format!("{SPEC_CONN}/data/{}/{{{}}}", $seg, $param);
            for (name, body) in answers(&spec_path, "get", $fixture) {
                let server = serve(
                    AUTH,
                    "GET",
                    &format!("{CONN}/data/{}/rec-1", $seg),
                    200,
                    &body,
                )
                .await;
                let $l = lending(&server);
                let item = $resource
                    .get(COMPANY, CONNECTION, "rec-1")
                    .await
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(item.$id.text(), body[$id_json].as_str(), "{name}");
                assert_eq!(item.$field.text(), body[$field_json].as_str(), "{name}");
                let request = only_request(&server).await;
                assert_eq!(request.url.query(), None, "{name}");
                assert!(request.body.is_empty(), "{name}");
            }
        }
    };
}

list_case!(sales_customers_list: l => l.sales().customers(), "commerce-customers",
    id = id / "id", customer_name / "customerName",
    fixture = json!({"id": "cus-1", "customerName": "Ada"}));
get_case!(sales_customers_get: l => l.sales().customers(), "commerce-customers", "customerId",
    id = id / "id", email_address / "emailAddress",
    fixture = json!({"id": "cus-1", "emailAddress": "ada@example.com"}));
list_case!(sales_disputes_list: l => l.sales().disputes(), "commerce-disputes",
    id = id / "id", currency / "currency",
    fixture = json!({"id": "dis-1", "currency": "GBP"}));
get_case!(sales_disputes_get: l => l.sales().disputes(), "commerce-disputes", "disputeId",
    id = id / "id", reason / "reason",
    fixture = json!({"id": "dis-1", "currency": "GBP", "reason": "fraudulent"}));
get_case!(sales_locations_get: l => l.sales().locations(), "commerce-locations", "locationId",
    id = id / "id", name / "name",
    fixture = json!({"id": "loc-1", "name": "High Street"}));
list_case!(sales_orders_list: l => l.sales().orders(), "commerce-orders",
    id = id / "id", order_number / "orderNumber",
    fixture = json!({"id": "ord-1", "orderNumber": "1001"}));
get_case!(sales_orders_get: l => l.sales().orders(), "commerce-orders", "orderId",
    id = id / "id", currency / "currency",
    fixture = json!({"id": "ord-1", "currency": "GBP"}));
list_case!(sales_payment_methods_list: l => l.sales().payment_methods(), "commerce-paymentMethods",
    id = id / "id", name / "name",
    fixture = json!({"id": "pm-1", "name": "Card"}));
get_case!(sales_payment_methods_get: l => l.sales().payment_methods(), "commerce-paymentMethods",
    "paymentMethodId", id = id / "id", name / "name",
    fixture = json!({"id": "pm-1", "name": "Card"}));
list_case!(sales_payments_list: l => l.sales().payments(), "commerce-payments",
    id = id / "id", currency / "currency",
    fixture = json!({"id": "pay-1", "currency": "GBP"}));
get_case!(sales_payments_get: l => l.sales().payments(), "commerce-payments", "paymentId",
    id = id / "id", payment_provider / "paymentProvider",
    fixture = json!({"id": "pay-1", "paymentProvider": "Stripe"}));
list_case!(sales_product_categories_list: l => l.sales().product_categories(),
    "commerce-productCategories", id = id / "id", name / "name",
    fixture = json!({"id": "cat-1", "name": "Shoes"}));
get_case!(sales_product_categories_get: l => l.sales().product_categories(),
    "commerce-productCategories", "productId", id = id / "id", name / "name",
    fixture = json!({"id": "cat-1", "name": "Shoes"}));
list_case!(sales_products_list: l => l.sales().products(), "commerce-products",
    id = id / "id", name / "name",
    fixture = json!({"id": "prd-1", "name": "Boot"}));
get_case!(sales_products_get: l => l.sales().products(), "commerce-products", "productId",
    id = id / "id", description / "description",
    fixture = json!({"id": "prd-1", "description": "A boot"}));
list_case!(sales_transactions_list: l => l.sales().transactions(), "commerce-transactions",
    id = id / "id", currency / "currency",
    fixture = json!({"id": "txn-1", "currency": "GBP"}));
get_case!(sales_transactions_get: l => l.sales().transactions(), "commerce-transactions",
    "transactionId", id = id / "id", sub_type / "subType",
    fixture = json!({"id": "txn-1", "subType": "Sale"}));

fn banking_account_fixture() -> Value {
    json!({
        "id": "ba-1", "name": "Current", "type": "Debit", "currency": "GBP",
        "balance": {"available": 10.5, "current": 11.0},
        "identifiers": {"type": "Account", "number": "12345678"},
        "institution": {"id": "dave", "name": "Bank of Dave"}
    })
}

list_case!(banking_account_balances_list: l => l.banking().account_balances(),
    "banking-accountBalances", id = account_id / "accountId", date / "date",
    fixture = json!({"accountId": "ba-1", "balance": {"current": 11.0}, "date": "2024-05-01T00:00:00Z"}));
list_case!(banking_accounts_list: l => l.banking().accounts(), "banking-accounts",
    id = id / "id", name / "name", fixture = banking_account_fixture());
get_case!(banking_accounts_get: l => l.banking().accounts(), "banking-accounts", "accountId",
    id = id / "id", holder / "holder", fixture = banking_account_fixture());
list_case!(banking_transactions_list: l => l.banking().transactions(), "banking-transactions",
    id = id / "id", account_id / "accountId",
    fixture = json!({"id": "bt-1", "accountId": "ba-1", "currency": "GBP"}));
get_case!(banking_transactions_get: l => l.banking().transactions(), "banking-transactions",
    "transactionId", id = id / "id", description / "description",
    fixture = json!({"id": "bt-1", "accountId": "ba-1", "currency": "GBP", "description": "Rent"}));
list_case!(banking_transaction_categories_list: l => l.banking().transaction_categories(),
    "banking-transactionCategories", id = id / "id", parent_id / "parentId",
    fixture = json!({"id": "tc-1", "name": "Bills", "parentId": "tc-0"}));
get_case!(banking_transaction_categories_get: l => l.banking().transaction_categories(),
    "banking-transactionCategories", "transactionCategoryId", id = id / "id", name / "name",
    fixture = json!({"id": "tc-1", "name": "Bills"}));
list_case!(accounting_bank_accounts_list: l => l.accounting_bank_data().accounts(), "bankAccounts",
    id = id / "id", account_name / "accountName",
    fixture = json!({"id": "acc-1", "accountName": "Loan account"}));
get_case!(accounting_bank_accounts_get: l => l.accounting_bank_data().accounts(), "bankAccounts",
    "accountId", id = id / "id", currency / "currency",
    fixture = json!({"id": "acc-1", "currency": "GBP"}));

#[tokio::test]
async fn sales_locations_list_takes_no_paging_and_decodes_every_example() {
    let fixture = page_fixture(json!([{"id": "loc-1", "name": "High Street"}]));
    let spec_path = format!("{SPEC_CONN}/data/commerce-locations");
    if let Some(op) = operation(&spec_path, "get") {
        assert!(op.get("parameters").is_none(), "{op}");
    }
    for (name, body) in answers(&spec_path, "get", fixture) {
        let server = serve(
            AUTH,
            "GET",
            &format!("{CONN}/data/commerce-locations"),
            200,
            &body,
        )
        .await;
        let page = lending(&server)
            .sales()
            .locations()
            .list(COMPANY, CONNECTION)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let results = body["results"].as_array().unwrap();
        assert_eq!(page.results.len(), results.len(), "{name}");
        for (location, json) in page.results.iter().zip(results) {
            assert_eq!(location.id, json["id"].as_str().unwrap(), "{name}");
            assert_eq!(location.name.as_deref(), json["name"].as_str(), "{name}");
        }
        assert_eq!(only_request(&server).await.url.query(), None);
    }
}

#[tokio::test]
async fn accounting_bank_account_transactions_list_decodes_every_example() {
    let fixture = page_fixture(json!([{"id": "t-1", "accountId": "acc-1", "amount": -5.5}]));
    let spec_path = format!("{SPEC_CONN}/data/bankAccounts/{{accountId}}/bankTransactions");
    for (name, body) in answers(&spec_path, "get", fixture) {
        let full = format!("{CONN}/data/bankAccounts/acc-1/bankTransactions");
        let server = serve(AUTH, "GET", &full, 200, &body).await;
        let page = lending(&server)
            .accounting_bank_data()
            .list_transactions(COMPANY, CONNECTION, "acc-1", paging())
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let results = body["results"].as_array().unwrap();
        assert_eq!(page.results.len(), results.len(), "{name}");
        for (transaction, json) in page.results.iter().zip(results) {
            assert_eq!(transaction.id.as_deref(), json["id"].as_str(), "{name}");
            assert_eq!(transaction.amount, decimal(&json["amount"]), "{name}");
            assert_eq!(
                transaction.transaction_type.as_ref().map(|t| t.as_str()),
                json["transactionType"].as_str(),
                "{name}"
            );
        }
        assert_eq!(only_request(&server).await.url.query(), Some(PAGING_QUERY));
    }
}

// ---- the categorized bank statement -----------------------------------------------------------

fn statement_fixture() -> Value {
    json!({
        "reportInfo": {"pageNumber": 1, "pageSize": 10, "totalResults": 1},
        "dataSources": [{"accounts": [{"accountName": "Current", "currency": "GBP"}]}],
        "reportItems": [{"transactions": [{"id": "cf-1", "amount": -12.5, "currency": "GBP"}]}]
    })
}

#[tokio::test]
async fn categorized_statement_sends_its_three_parameters_and_decodes_the_example() {
    let spec_path = format!("{SPEC_COMP}/reports/enhancedCashFlow/transactions");
    let full = format!("{COMP}/reports/enhancedCashFlow/transactions");
    for (name, body) in answers(&spec_path, "get", statement_fixture()) {
        let server = serve(AUTH, "GET", &full, 200, &body).await;
        let statement = lending(&server)
            .banking()
            .categorized_statement()
            .get(
                COMPANY,
                codat_lending::models::GetCategorizedBankStatementParams::new()
                    .page(2)
                    .page_size(10)
                    .query("amount<0"),
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let info = statement.report_info.as_ref().unwrap();
        assert_eq!(
            info.total_results,
            body["reportInfo"]["totalResults"].as_i64()
        );
        assert_eq!(info.page_size, body["reportInfo"]["pageSize"].as_i64());
        let items = statement.report_items.as_ref().unwrap();
        let json_items = body["reportItems"].as_array().unwrap();
        assert_eq!(items.len(), json_items.len(), "{name}");
        for (item, json) in items.iter().zip(json_items) {
            let transactions = item.transactions.as_ref().unwrap();
            let json_transactions = json["transactions"].as_array().unwrap();
            assert_eq!(transactions.len(), json_transactions.len(), "{name}");
            for (t, j) in transactions.iter().zip(json_transactions) {
                assert_eq!(t.id.as_deref(), j["id"].as_str(), "{name}");
                assert_eq!(t.amount, decimal(&j["amount"]), "{name}");
            }
        }
        assert_eq!(
            statement.data_sources.as_ref().map(Vec::len),
            body["dataSources"].as_array().map(Vec::len)
        );
        let request = only_request(&server).await;
        assert_eq!(
            request.url.query(),
            Some("page=2&pageSize=10&query=amount%3C0")
        );
    }
    // Nothing given, nothing sent.
    let server = serve(AUTH, "GET", &full, 200, &statement_fixture()).await;
    lending(&server)
        .banking()
        .categorized_statement()
        .get(
            COMPANY,
            codat_lending::models::GetCategorizedBankStatementParams::new(),
        )
        .await
        .unwrap();
    assert_eq!(only_request(&server).await.url.query(), None);
}

// ---- sales metrics and reports ----------------------------------------------------------------

/// The five period reports, by the last segment of their path.
const PERIOD_REPORTS: [&str; 5] = [
    "revenue",
    "orders",
    "refunds",
    "customerRetention",
    "lifetimeValue",
];

async fn period_report(
    lending: &Lending,
    which: &str,
    unit: &PeriodUnit,
    include_display_names: Option<bool>,
) -> Result<CommerceReport, Error> {
    let (metrics, reports) = (lending.sales().metrics(), lending.sales().reports());
    let (company, connection, date) = (COMPANY, CONNECTION, "29-09-2020");
    let names = include_display_names;
    match which {
        "revenue" => {
            metrics
                .get_revenue(company, connection, date, 1, 12, unit, {
                    let mut params = codat_lending::models::GetCommerceRevenueMetricsParams::new();
                    params.include_display_names = names;
                    params
                })
                .await
        }
        "orders" => {
            reports
                .get_orders(company, connection, date, 1, 12, unit, {
                    let mut params = codat_lending::models::GetCommerceOrdersReportParams::new();
                    params.include_display_names = names;
                    params
                })
                .await
        }
        "refunds" => {
            reports
                .get_refunds(company, connection, date, 1, 12, unit, {
                    let mut params = codat_lending::models::GetCommerceRefundsReportParams::new();
                    params.include_display_names = names;
                    params
                })
                .await
        }
        "customerRetention" => {
            metrics
                .get_customer_retention(company, connection, date, 1, 12, unit, {
                    let mut params =
                        codat_lending::models::GetCommerceCustomerRetentionMetricsParams::new();
                    params.include_display_names = names;
                    params
                })
                .await
        }
        "lifetimeValue" => {
            metrics
                .get_lifetime_value(company, connection, date, 1, 12, unit, {
                    let mut params =
                        codat_lending::models::GetCommerceLifetimeValueMetricsParams::new();
                    params.include_display_names = names;
                    params
                })
                .await
        }
        other => unreachable!("{other}"),
    }
}

fn report_fixture() -> Value {
    json!({
        "reportInfo": {"name": "revenue", "displayName": "Revenue"},
        "dimensions": [{"index": 0, "displayName": "Period", "type": "datespan", "items": [{"index": 0}]}],
        "measures": [{"displayName": "Value", "units": "GBP", "index": 0, "type": "currency"}],
        "reportData": [{"dimension": 0, "item": 0, "measures": [{"index": 0, "value": 12.5}]}]
    })
}

fn check_report(name: &str, report: &CommerceReport, json: &Value) {
    assert_eq!(
        report
            .report_info
            .as_ref()
            .and_then(|i| i.get("name"))
            .map(String::as_str),
        json["reportInfo"]["name"].as_str(),
        "{name}"
    );
    let dimensions = report.dimensions.as_ref().unwrap();
    assert_eq!(
        dimensions.len(),
        json["dimensions"].as_array().unwrap().len()
    );
    for (dimension, j) in dimensions
        .iter()
        .zip(json["dimensions"].as_array().unwrap())
    {
        assert_eq!(dimension.display_name.as_deref(), j["displayName"].as_str());
        assert_eq!(
            dimension.items.as_ref().map(Vec::len),
            j["items"].as_array().map(Vec::len)
        );
    }
    let measures = report.measures.as_ref().unwrap();
    for (measure, j) in measures.iter().zip(json["measures"].as_array().unwrap()) {
        assert_eq!(measure.units.as_deref(), j["units"].as_str(), "{name}");
    }
    assert_eq!(
        report.report_data.as_ref().map(Vec::len),
        json["reportData"].as_array().map(Vec::len),
        "{name}"
    );
}

#[tokio::test]
async fn period_reports_send_the_required_period_and_decode_every_example() {
    for which in PERIOD_REPORTS {
        let spec_path = format!("{SPEC_METRICS}/{which}");
        let full = format!("{METRICS}/{which}");
        for (name, body) in answers(&spec_path, "get", report_fixture()) {
            let name = format!("{which} {name}");
            // The spec's examples are arrays of one report where its schema is one report
            // object: the array is refused as what it is, and the report in it decodes.
            let report_json = match &body {
                Value::Array(items) => {
                    assert_eq!(items.len(), 1, "{name}");
                    let server = serve(AUTH, "GET", &full, 200, &body).await;
                    let err = period_report(&lending(&server), which, &PeriodUnit::Month, None)
                        .await
                        .unwrap_err();
                    assert!(matches!(err, Error::Decode { .. }), "{name}: {err:?}");
                    assert_eq!(err.status(), Some(200));
                    items[0].clone()
                }
                _ => body.clone(),
            };
            let server = serve(AUTH, "GET", &full, 200, &report_json).await;
            let report = period_report(&lending(&server), which, &PeriodUnit::Month, Some(true))
                .await
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            check_report(&name, &report, &report_json);
            let request = only_request(&server).await;
            assert_eq!(
                request.url.query(),
                Some(
                    "reportDate=29-09-2020&periodLength=1&numberOfPeriods=12&periodUnit=Month\
                     &includeDisplayNames=true"
                ),
                "{name}"
            );
        }
    }
}

#[tokio::test]
async fn period_units_are_sent_by_their_wire_names_and_the_optional_flag_only_when_given() {
    let units = [
        (PeriodUnit::Day, "Day"),
        (PeriodUnit::Week, "Week"),
        (PeriodUnit::Month, "Month"),
        (PeriodUnit::Year, "Year"),
        // A unit Codat may add later goes out as given.
        (PeriodUnit::from("Quarter"), "Quarter"),
    ];
    if let Some(op) = operation(&format!("{SPEC_METRICS}/revenue"), "get") {
        let spec = spec().unwrap();
        let unit = op["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| shared::resolve(spec, p))
            .find(|p| p["name"] == "periodUnit")
            .unwrap();
        assert_eq!(unit["required"], true);
        assert_eq!(
            unit["schema"]["enum"],
            json!(["Day", "Week", "Month", "Year"])
        );
    }
    assert_eq!(
        PeriodUnit::from("Quarter"),
        PeriodUnit::Unrecognized("Quarter".into())
    );
    for which in PERIOD_REPORTS {
        let full = format!("{METRICS}/{which}");
        for (unit, wire) in &units {
            let server = serve(AUTH, "GET", &full, 200, &report_fixture()).await;
            period_report(&lending(&server), which, unit, Some(false))
                .await
                .unwrap();
            let query = format!(
                "reportDate=29-09-2020&periodLength=1&numberOfPeriods=12&periodUnit={wire}\
                 &includeDisplayNames=false"
            );
            assert_eq!(only_request(&server).await.url.query(), Some(&*query));
        }
        let server = serve(AUTH, "GET", &full, 200, &report_fixture()).await;
        period_report(&lending(&server), which, &PeriodUnit::Week, None)
            .await
            .unwrap();
        assert_eq!(
            only_request(&server).await.url.query(),
            Some("reportDate=29-09-2020&periodLength=1&numberOfPeriods=12&periodUnit=Week")
        );
    }
}

// ---- loan writeback: the options --------------------------------------------------------------

/// The seven "what can be written" operations, by the path after `options/`.
const OPTIONS: [&str; 7] = [
    "bankAccounts",
    "chartOfAccounts",
    "suppliers",
    "transfers",
    "bankAccounts/{accountId}/bankTransactions",
    "directCosts",
    "payments",
];

async fn push_options(
    lending: &Lending,
    which: &str,
) -> Result<codat_client::models::push_data::PushOption, Error> {
    let writeback = lending.loan_writeback();
    match which {
        "bankAccounts" => {
            writeback
                .bank_accounts()
                .get_create_update_model(COMPANY, CONNECTION)
                .await
        }
        "chartOfAccounts" => {
            writeback
                .accounts()
                .get_create_model(COMPANY, CONNECTION)
                .await
        }
        "suppliers" => {
            writeback
                .suppliers()
                .get_create_update_model(COMPANY, CONNECTION)
                .await
        }
        "transfers" => {
            writeback
                .transfers()
                .get_create_model(COMPANY, CONNECTION)
                .await
        }
        "bankAccounts/{accountId}/bankTransactions" => {
            writeback
                .bank_transactions()
                .get_create_model(COMPANY, CONNECTION, "acc-1")
                .await
        }
        "directCosts" => {
            writeback
                .direct_costs()
                .get_create_model(COMPANY, CONNECTION)
                .await
        }
        "payments" => {
            writeback
                .payments()
                .get_create_model(COMPANY, CONNECTION)
                .await
        }
        other => unreachable!("{other}"),
    }
}

#[tokio::test]
async fn writeback_options_decode_every_example() {
    for which in OPTIONS {
        let spec_path = format!("{SPEC_CONN}/options/{which}");
        let full = format!("{CONN}/options/{}", which.replace("{accountId}", "acc-1"));
        for (name, body) in answers(&spec_path, "get", push_option_fixture()) {
            let server = serve(AUTH, "GET", &full, 200, &body).await;
            let option = push_options(&lending(&server), which)
                .await
                .unwrap_or_else(|e| panic!("{which} {name}: {e}"));
            assert_eq!(
                option.display_name,
                body["displayName"].as_str().unwrap(),
                "{which} {name}"
            );
            assert_eq!(
                option.kind,
                PushOptionType::from(body["type"].as_str().unwrap())
            );
            assert_eq!(
                option.properties.as_ref().map(|p| p.len()),
                body["properties"].as_object().map(|p| p.len()),
                "{which} {name}"
            );
            let request = only_request(&server).await;
            assert_eq!(request.url.query(), None);
            assert!(request.body.is_empty());
        }
    }
}

// ---- loan writeback: the writes ---------------------------------------------------------------

/// Checks a create's answer against the push fixture or example it decoded from.
macro_rules! check_push {
    ($name:expr, $created:expr, $body:expr) => {{
        let (created, body) = (&$created, &$body);
        assert_eq!(
            created.push_operation_key,
            body["pushOperationKey"].as_str().unwrap(),
            "{}",
            $name
        );
        assert_eq!(
            created.status,
            PushOperationStatus::from(body["status"].as_str().unwrap())
        );
        assert_eq!(created.status_code, body["statusCode"].as_i64().unwrap());
        assert_eq!(created.company_id, body["companyId"].as_str().unwrap());
        assert_eq!(
            created.changes.as_ref().map(Vec::len),
            body["changes"].as_array().map(Vec::len)
        );
    }};
}

/// The query a create sends for `timeout_in_minutes` = 30 and
/// `allow_sync_on_push_complete` = false.
const PUSH_QUERY: &str = "timeoutInMinutes=30&allowSyncOnPushComplete=false";

#[tokio::test]
async fn create_account_sends_the_prototype_and_the_push_options() {
    let account = AccountPrototype {
        nominal_code: Some("2200".into()),
        name: Some("Loan from Bank of Dave".into()),
        fully_qualified_category: Some("Liability.Current".into()),
        currency: Some("GBP".into()),
        r#type: Some(AccountType::Liability),
        status: Some(AccountStatus::Active),
        is_bank_account: Some(false),
        ..AccountPrototype::default()
    };
    let data = json!({"id": "acc-9", "name": "Loan from Bank of Dave", "type": "Liability"});
    let spec_path = format!("{SPEC_CONN}/push/accounts");
    for (name, body) in answers(&spec_path, "post", push_fixture(Some(data))) {
        let server = serve(AUTH, "POST", &format!("{CONN}/push/accounts"), 200, &body).await;
        let created = lending(&server)
            .loan_writeback()
            .accounts()
            .create(
                COMPANY,
                CONNECTION,
                codat_lending::models::CreateAccountParams::new()
                    .timeout_in_minutes(30)
                    .allow_sync_on_push_complete(false),
                &account,
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        check_push!(name, created, body);
        assert_eq!(
            created.data.and_then(|d| d.id),
            body["data"]["id"].as_str().map(String::from)
        );
        let request = only_request(&server).await;
        assert_eq!(request.url.query(), Some(PUSH_QUERY));
        assert_eq!(
            json_body(&request),
            json!({
                "nominalCode": "2200",
                "name": "Loan from Bank of Dave",
                "fullyQualifiedCategory": "Liability.Current",
                "currency": "GBP",
                "type": "Liability",
                "status": "Active",
                "isBankAccount": false
            })
        );
    }
}

#[tokio::test]
async fn create_bank_account_sends_the_account_and_no_query_without_options() {
    let account = AccountingBankAccount {
        account_name: Some("Loan account".into()),
        account_type: Some(AccountingBankAccountType::Credit),
        sort_code: Some("040004".into()),
        account_number: Some("12345678".into()),
        currency: Some("GBP".into()),
        ..AccountingBankAccount::default()
    };
    let data = json!({"id": "ba-9", "accountName": "Loan account", "accountType": "Credit"});
    let spec_path = format!("{SPEC_CONN}/push/bankAccounts");
    for (name, body) in answers(&spec_path, "post", push_fixture(Some(data))) {
        let server = serve(
            AUTH,
            "POST",
            &format!("{CONN}/push/bankAccounts"),
            200,
            &body,
        )
        .await;
        let created = lending(&server)
            .loan_writeback()
            .bank_accounts()
            .create(
                COMPANY,
                CONNECTION,
                codat_lending::models::CreateBankAccountParams::new(),
                &account,
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        check_push!(name, created, body);
        assert_eq!(
            created.data.unwrap().account_type,
            Some(AccountingBankAccountType::Credit)
        );
        let request = only_request(&server).await;
        assert_eq!(request.url.query(), None);
        assert_eq!(
            json_body(&request),
            json!({
                "accountName": "Loan account",
                "accountType": "Credit",
                "sortCode": "040004",
                "accountNumber": "12345678",
                "currency": "GBP"
            })
        );
    }
}

#[tokio::test]
async fn create_bank_transactions_sends_them_to_the_account() {
    let transactions = AccountingCreateBankTransactions {
        account_id: Some("acc-1".into()),
        transactions: Some(vec![CreateBankAccountTransaction {
            id: Some("t-1".into()),
            amount: Some(dec!(-500)),
            date: Some(DateTime("2024-06-01T00:00:00Z".into())),
            description: Some("Loan repayment".into()),
            balance: Some(dec!(49500)),
        }]),
    };
    let data = json!({"accountId": "acc-1", "transactions": [{"id": "t-1", "amount": -500}]});
    let spec_path = format!("{SPEC_CONN}/push/bankAccounts/{{accountId}}/bankTransactions");
    let full = format!("{CONN}/push/bankAccounts/acc-1/bankTransactions");
    for (name, body) in answers(&spec_path, "post", push_fixture(Some(data))) {
        let server = serve(AUTH, "POST", &full, 200, &body).await;
        let created = lending(&server)
            .loan_writeback()
            .bank_transactions()
            .create(
                COMPANY,
                CONNECTION,
                "acc-1",
                codat_lending::models::CreateBankTransactionsParams::new()
                    .timeout_in_minutes(30)
                    .allow_sync_on_push_complete(false),
                &transactions,
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        check_push!(name, created, body);
        let data = created.data.unwrap();
        assert_eq!(data.account_id.as_deref(), Some("acc-1"));
        assert_eq!(data.transactions.unwrap()[0].amount, Some(dec!(-500)));
        let request = only_request(&server).await;
        assert_eq!(request.url.query(), Some(PUSH_QUERY));
        assert_eq!(
            json_body(&request),
            json!({
                "accountId": "acc-1",
                "transactions": [{
                    "id": "t-1", "amount": -500, "date": "2024-06-01T00:00:00Z",
                    "description": "Loan repayment", "balance": 49500
                }]
            })
        );
    }
}

#[tokio::test]
async fn create_direct_cost_sends_the_prototype_and_decodes_every_example() {
    let cost = DirectCostPrototype {
        reference: Some("LOAN-FEE-1".into()),
        note: None,
        contact_ref: None,
        issue_date: DateTime("2023-02-12".into()),
        currency: "GBP".into(),
        currency_rate: None,
        line_items: vec![serde_json::from_value(json!({
            "unitAmount": 15, "quantity": 1, "subTotal": 15, "accountRef": {"id": "288"}
        }))
        .unwrap()],
        payment_allocations: vec![serde_json::from_value(json!({
            "payment": {"accountRef": {"id": "750-1"}}, "allocation": {}
        }))
        .unwrap()],
        sub_total: dec!(15),
        tax_amount: dec!(0),
        total_amount: dec!(15),
        supplemental_data: None,
    };
    // The prototype as the spec's FreeAgent request example writes it, plus the reference.
    let mut expected = request_example(
        &format!("{SPEC_CONN}/push/directCosts"),
        "post",
        "FreeAgent",
        json!({
            "issueDate": "2023-02-12", "currency": "GBP",
            "lineItems": [{"unitAmount": 15, "quantity": 1, "subTotal": 15, "accountRef": {"id": "288"}}],
            "paymentAllocations": [{"payment": {"accountRef": {"id": "750-1"}}, "allocation": {}}],
            "subTotal": 15, "taxAmount": 0, "totalAmount": 15
        }),
    );
    expected["reference"] = json!("LOAN-FEE-1");
    let data = json!({"id": "dc-1", "issueDate": "2023-02-12", "currency": "GBP",
        "lineItems": [], "paymentAllocations": [], "subTotal": 15, "taxAmount": 0, "totalAmount": 15});
    let spec_path = format!("{SPEC_CONN}/push/directCosts");
    for (name, body) in answers(&spec_path, "post", push_fixture(Some(data))) {
        let server = serve(
            AUTH,
            "POST",
            &format!("{CONN}/push/directCosts"),
            200,
            &body,
        )
        .await;
        let created = lending(&server)
            .loan_writeback()
            .direct_costs()
            .create(
                COMPANY,
                CONNECTION,
                codat_lending::models::CreateDirectCostParams::new()
                    .timeout_in_minutes(30)
                    .allow_sync_on_push_complete(false),
                &cost,
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        check_push!(name, created, body);
        let data = created.data.unwrap();
        assert_eq!(data.currency, body["data"]["currency"].as_str().unwrap());
        assert_eq!(
            Some(data.total_amount),
            decimal(&body["data"]["totalAmount"])
        );
        let request = only_request(&server).await;
        assert_eq!(request.url.query(), Some(PUSH_QUERY));
        assert_eq!(
            normalized(&json_body(&request)),
            normalized(&expected),
            "{name}"
        );
    }
}

/// Sends each of the spec's request examples of a model that decodes as well as encodes, and
/// checks that what went out is the example (less its nulls, which an absent field stands for).
macro_rules! round_trip_case {
    ($test:ident: $ty:ty, $seg:literal, $l:ident, $body:ident => $call:expr, fallback = $fallback:expr) => {
        #[tokio::test]
        async fn $test() {
            let spec_path = format!("{SPEC_CONN}/push/{}", $seg);
            let mut examples = request_examples(&spec_path, "post");
            if spec().is_none() {
                examples.push(("fallback".into(), $fallback));
            }
            assert!(!examples.is_empty());
            let answer = answers(&spec_path, "post", push_fixture(None)).remove(0).1;
            for (name, example) in examples {
                let $body: $ty = serde_json::from_value(example.clone())
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                let server =
                    serve(AUTH, "POST", &format!("{CONN}/push/{}", $seg), 200, &answer).await;
                let $l = lending(&server);
                let created = $call.await.unwrap_or_else(|e| panic!("{name}: {e}"));
                check_push!(name, created, answer);
                let request = only_request(&server).await;
                assert_eq!(request.url.query(), Some("timeoutInMinutes=5"), "{name}");
                assert_eq!(
                    normalized(&json_body(&request)),
                    normalized(&without_nulls(&example)),
                    "{name}"
                );
            }
        }
    };
}

round_trip_case!(create_supplier_sends_every_request_example: AccountingSupplier, "suppliers",
    l, supplier => l.loan_writeback().suppliers().create(COMPANY, CONNECTION, codat_lending::models::CreateSupplierParams::new().timeout_in_minutes(5), &supplier),
    fallback = json!({"supplierName": "Bank of Dave", "status": "Active"}));
round_trip_case!(create_transfer_sends_every_request_example: AccountingTransfer, "transfers",
    l, transfer => l.loan_writeback().transfers().create(COMPANY, CONNECTION, codat_lending::models::CreateTransferParams::new().timeout_in_minutes(5), &transfer),
    fallback = json!({"description": "Drawdown", "from": {"amount": 12}, "to": {"amount": 12}}));
round_trip_case!(create_payment_sends_every_request_example: AccountingPayment, "payments",
    l, payment => l.loan_writeback().payments().create(COMPANY, CONNECTION, codat_lending::models::CreatePaymentParams::new().timeout_in_minutes(5), &payment),
    fallback = json!({"date": "2022-03-12T00:00:00", "totalAmount": 0}));

#[tokio::test]
async fn create_payment_decodes_the_documented_answer() {
    let data =
        json!({"date": "2022-03-12T00:00:00", "totalAmount": 0, "customerRef": {"id": "19"}});
    let spec_path = format!("{SPEC_CONN}/push/payments");
    let payment: AccountingPayment =
        serde_json::from_value(json!({"date": "2022-03-12T00:00:00"})).unwrap();
    for (name, body) in answers(&spec_path, "post", push_fixture(Some(data))) {
        let server = serve(AUTH, "POST", &format!("{CONN}/push/payments"), 200, &body).await;
        let created = lending(&server)
            .loan_writeback()
            .payments()
            .create(
                COMPANY,
                CONNECTION,
                codat_lending::models::CreatePaymentParams::new().allow_sync_on_push_complete(true),
                &payment,
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        check_push!(name, created, body);
        let data = created.data.unwrap();
        assert_eq!(data.date.as_str(), body["data"]["date"].as_str().unwrap());
        assert_eq!(
            data.customer_ref.map(|c| c.id),
            body["data"]["customerRef"]["id"].as_str().map(String::from)
        );
        let request = only_request(&server).await;
        assert_eq!(request.url.query(), Some("allowSyncOnPushComplete=true"));
        assert_eq!(json_body(&request), json!({"date": "2022-03-12T00:00:00"}));
    }
}

// ---- loan writeback: source accounts ----------------------------------------------------------

fn source_v2_answer() -> Value {
    json!({
        "id": "acc-001", "accountName": "account-081", "accountType": "checking",
        "accountNumber": "12345670", "currency": "GBP", "balance": 99.99,
        "status": "pending", "feedStartDate": null
    })
}

#[tokio::test]
async fn create_source_account_sends_either_version_and_decodes_the_matching_answer() {
    let spec_path = format!("{SPEC_CONN}/connectionInfo/bankFeedAccounts");
    let full = format!("{CONN}/connectionInfo/bankFeedAccounts");
    // Version 2, built field by field to match the spec's example of it.
    let v2 =
        CreateSourceAccountRequest::SourceAccountV2Prototype(Box::new(SourceAccountV2Prototype {
            id: "acc-001".into(),
            account_name: "account-081".into(),
            account_type: SourceAccountV2AccountType::Checking,
            account_number: "12345670".into(),
            routing_info: Some(RoutingInfo {
                bank_code: Some("021001088".into()),
                r#type: Some(RoutingInfoType::from("bankcode")),
            }),
            sort_code: None,
            currency: "GBP".into(),
            balance: dec!(99.99),
            modified_date: Some(DateTime("2024-08-02T00:00:00.000Z".into())),
            account_info: Some(
                serde_json::from_value(json!({
                    "description": "account description 1",
                    "nickname": "account 123",
                    "accountOpenDate": "2023-05-06",
                    "availableBalance": 10
                }))
                .unwrap(),
            ),
        }));
    let v2_json = request_example(&spec_path, "post", "Version 2", json!({}));
    let server = serve(AUTH, "POST", &full, 200, &source_v2_answer()).await;
    let created = lending(&server)
        .loan_writeback()
        .source_accounts()
        .create(COMPANY, CONNECTION, &v2)
        .await
        .unwrap();
    match created {
        CreateSourceAccountResponse::SourceAccountV2(account) => {
            assert_eq!(account.id, "acc-001");
            assert_eq!(account.account_type, SourceAccountV2AccountType::Checking);
            assert_eq!(account.balance, dec!(99.99));
            assert_eq!(account.feed_start_date, None);
        }
        other => panic!("{other:?}"),
    }
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    if spec().is_some() {
        assert_eq!(normalized(&json_body(&request)), normalized(&v2_json));
    }

    // Version 1: only the id is required; the answer has none of version 2's required fields.
    let v1 = CreateSourceAccountRequest::SourceAccountPrototype(Box::new(SourceAccountPrototype {
        id: "acc-002".into(),
        account_name: Some("account-081".into()),
        account_type: Some("Credit".into()),
        account_number: Some("12345670".into()),
        sort_code: Some("123456".into()),
        currency: Some("GBP".into()),
        balance: Some(dec!(99.99)),
        modified_date: Some(DateTime("2023-01-09T14:14:14.1057478Z".into())),
    }));
    let v1_json = request_example(&spec_path, "post", "Version 1", json!({}));
    let answer = json!({"id": "acc-002", "accountName": "account-081", "sortCode": "123456",
        "accountType": "Credit", "status": "pending"});
    let server = serve(AUTH, "POST", &full, 200, &answer).await;
    let created = lending(&server)
        .loan_writeback()
        .source_accounts()
        .create(COMPANY, CONNECTION, &v1)
        .await
        .unwrap();
    match created {
        CreateSourceAccountResponse::SourceAccount(account) => {
            assert_eq!(account.id, "acc-002");
            assert_eq!(account.sort_code.as_deref(), Some("123456"));
        }
        other => panic!("{other:?}"),
    }
    if spec().is_some() {
        let request = only_request(&server).await;
        assert_eq!(normalized(&json_body(&request)), normalized(&v1_json));
    }
}

#[tokio::test]
async fn source_account_mappings_list_and_create() {
    let spec_path = format!("{SPEC_CONN}/bankFeedAccounts/mapping");
    let full = format!("{CONN}/bankFeedAccounts/mapping");
    let fixture = json!([{"sourceAccountId": "acc-002", "status": "pending",
        "targetAccountOptions": [{"id": "t-1", "name": "Loan"}]}]);
    for (name, body) in answers(&spec_path, "get", fixture) {
        let server = serve(AUTH, "GET", &full, 200, &body).await;
        let mappings = lending(&server)
            .loan_writeback()
            .source_accounts()
            .list_mappings(COMPANY, CONNECTION)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let json = body.as_array().unwrap();
        assert_eq!(mappings.len(), json.len(), "{name}");
        for (mapping, j) in mappings.iter().zip(json) {
            assert_eq!(
                mapping.source_account_id.as_deref(),
                j["sourceAccountId"].as_str()
            );
            assert_eq!(mapping.status.as_deref(), j["status"].as_str());
            assert_eq!(
                mapping.target_account_options.as_ref().map(Vec::len),
                j["targetAccountOptions"].as_array().map(Vec::len)
            );
        }
        assert_eq!(only_request(&server).await.url.query(), None);
    }

    let mapping = BankFeedBankAccountMapping {
        source_account_id: "acc-002".into(),
        target_account_id: Some("account-081".into()),
        feed_start_date: None,
    };
    let example = request_example(
        &spec_path,
        "post",
        "Example",
        json!({"sourceAccountId": "acc-002", "targetAccountId": "account-081"}),
    );
    let answer = json!({"sourceAccountId": "acc-002", "targetAccountId": "account-081",
        "status": "connecting", "error": null});
    let server = serve(AUTH, "POST", &full, 200, &answer).await;
    let created = lending(&server)
        .loan_writeback()
        .source_accounts()
        .create_mapping(COMPANY, CONNECTION, &mapping)
        .await
        .unwrap();
    assert_eq!(created.status.as_deref(), Some("connecting"));
    assert_eq!(created.target_account_id.as_deref(), Some("account-081"));
    assert_eq!(created.error, None);
    let request = only_request(&server).await;
    assert_eq!(json_body(&request), example);
}

// ---- page streams -----------------------------------------------------------------------------

/// The lists that come as streams and whose items need only an id.
#[derive(Clone, Copy, Debug)]
enum List {
    SalesCustomers,
    SalesOrders,
    SalesProductCategories,
    BankingTransactions,
    BankingTransactionCategories,
    AccountingBankAccounts,
    AccountingBankTransactions,
}

const LISTS: [List; 7] = [
    List::SalesCustomers,
    List::SalesOrders,
    List::SalesProductCategories,
    List::BankingTransactions,
    List::BankingTransactionCategories,
    List::AccountingBankAccounts,
    List::AccountingBankTransactions,
];

impl List {
    fn path(self) -> String {
        let name = match self {
            List::SalesCustomers => "commerce-customers",
            List::SalesOrders => "commerce-orders",
            List::SalesProductCategories => "commerce-productCategories",
            List::BankingTransactions => "banking-transactions",
            List::BankingTransactionCategories => "banking-transactionCategories",
            List::AccountingBankAccounts => "bankAccounts",
            List::AccountingBankTransactions => "bankAccounts/acc-1/bankTransactions",
        };
        format!("{CONN}/data/{name}")
    }

    /// The stream's items, as their ids.
    fn stream(
        self,
        lending: &Lending,
        options: PageOptions,
    ) -> BoxStream<'_, Result<String, Error>> {
        match self {
            List::SalesCustomers => lending
                .sales()
                .customers()
                .list_all(COMPANY, CONNECTION, options)
                .map_ok(|c| c.id)
                .boxed(),
            List::SalesOrders => lending
                .sales()
                .orders()
                .list_all(COMPANY, CONNECTION, options)
                .map_ok(|o| o.id)
                .boxed(),
            List::SalesProductCategories => lending
                .sales()
                .product_categories()
                .list_all(COMPANY, CONNECTION, options)
                .map_ok(|c| c.id.unwrap_or_default())
                .boxed(),
            List::BankingTransactions => lending
                .banking()
                .transactions()
                .list_all(COMPANY, CONNECTION, options)
                .map_ok(|t| t.id)
                .boxed(),
            List::BankingTransactionCategories => lending
                .banking()
                .transaction_categories()
                .list_all(COMPANY, CONNECTION, options)
                .map_ok(|c| c.id)
                .boxed(),
            List::AccountingBankAccounts => lending
                .accounting_bank_data()
                .accounts()
                .list_all(COMPANY, CONNECTION, options)
                .map_ok(|a| a.id.unwrap_or_default())
                .boxed(),
            List::AccountingBankTransactions => lending
                .accounting_bank_data()
                .list_all_transactions(COMPANY, CONNECTION, "acc-1", options)
                .map_ok(|t| t.id.unwrap_or_default())
                .boxed(),
        }
    }
}

#[tokio::test]
async fn every_stream_reads_every_page_with_the_options() {
    for list in LISTS {
        let server = paged_server(list, 7, &[]).await;
        let lending = lending(&server);
        let options = PageOptions::new()
            .page_size(3)
            .query("status=Active")
            .order_by("-modifiedDate");
        let got: Vec<String> = within(list.stream(&lending, options).try_collect())
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
    common::check_page_order_kept(&LISTS).await;
}

#[tokio::test]
async fn every_stream_ends_at_the_first_error() {
    common::check_stream_ends_at_first_error(&LISTS).await;
}

#[tokio::test]
async fn a_stream_dropped_early_asks_for_no_more_pages() {
    for list in LISTS {
        let server = paged_server(list, 50, &[]).await;
        let lending = lending(&server);
        let first: Vec<String> = within(
            list.stream(&lending, PageOptions::new().page_size(10))
                .take(3)
                .try_collect(),
        )
        .await
        .unwrap();
        assert_eq!(first, ids(0..3), "{list:?}");
        assert_eq!(pages_asked(&server).await, [1], "{list:?}");
    }
}

/// Serves a categorized statement of `total` transactions, `size` a page, split over two
/// report items per page; the pages in `failing` answer 503.
async fn statement_server(total: usize, failing: &'static [usize]) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!(
            "{COMP}/reports/enhancedCashFlow/transactions"
        )))
        .and(header("authorization", AUTH))
        .respond_with(move |request: &Request| {
            let page = number_param(request, "page").expect("a page number");
            let size = number_param(request, "pageSize").unwrap_or(100);
            if failing.contains(&page) {
                return ResponseTemplate::new(503).set_body_json(json!({
                    "statusCode": 503, "service": "PublicApi", "error": "busy",
                    "correlationId": format!("statement-{page}")
                }));
            }
            let start = (page - 1) * size;
            let transactions: Vec<Value> = (start..(start + size).min(total))
                .map(|i| json!({"id": format!("item-{i}"), "amount": i}))
                .collect();
            let (first, second) = transactions.split_at(transactions.len() / 2);
            ResponseTemplate::new(200).set_body_json(json!({
                "reportInfo": {"pageNumber": page, "pageSize": size, "totalResults": total},
                "dataSources": [],
                "reportItems": [{"transactions": first}, {"transactions": second}]
            }))
        })
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn the_statement_stream_reads_every_transaction_of_every_report_item() {
    let server = statement_server(11, &[]).await;
    let lending = lending(&server);
    let options = PageOptions::new()
        .page_size(4)
        .query("amount>0")
        .order_by("-date");
    let got: Vec<String> = within(
        lending
            .banking()
            .categorized_statement()
            .list_all(COMPANY, options)
            .map_ok(|t| t.id.unwrap())
            .try_collect(),
    )
    .await
    .unwrap();
    assert_eq!(got, ids(0..11));
    assert_eq!(pages_asked(&server).await, [1, 2, 3]);
    for request in requests(&server).await {
        // The report takes no order: the order of the options is not sent.
        let query = request.url.query().unwrap();
        assert!(query.ends_with("&pageSize=4&query=amount%3E0"), "{query}");
    }

    // The first error ends it, and is yielded.
    let server = statement_server(11, &[2]).await;
    let lending = codat_lending::Lending::new(&shared::codat(KEY, &server));
    let got: Vec<Result<String, Error>> = within(
        lending
            .banking()
            .categorized_statement()
            .list_all(COMPANY, PageOptions::new().page_size(4))
            .map_ok(|t| t.id.unwrap())
            .collect(),
    )
    .await;
    assert_eq!(got.len(), 5, "{got:?}");
    let err = got[4].as_ref().unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.correlation_id(), Some("statement-2"));
    assert_eq!(pages_asked(&server).await, [1, 2]);
}

// ---- errors, odd bodies and unknown values ----------------------------------------------------

#[tokio::test]
async fn a_declared_error_is_codats_message_and_an_undeclared_one_is_unexpected() {
    let message = json!({
        "statusCode": 409, "service": "PublicApi",
        "error": "Data type commerce-orders is not yet synced",
        "correlationId": "corr-409", "canBeRetried": "Unknown", "detailedErrorCode": 0
    });
    if let Some(errors) =
        operation(&format!("{SPEC_CONN}/data/commerce-orders"), "get").and_then(spec_errors)
    {
        assert!(errors.contains(&409), "{errors:?}");
    }
    let full = format!("{CONN}/data/commerce-orders");
    let server = serve(AUTH, "GET", &full, 409, &message).await;
    let err = lending(&server)
        .sales()
        .orders()
        .list(COMPANY, CONNECTION, paging())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));
    assert_eq!(
        err.error_message().unwrap().error.as_deref(),
        Some("Data type commerce-orders is not yet synced")
    );
    assert_eq!(err.correlation_id(), Some("corr-409"));

    // The writeback options do not declare 409.
    if let Some(errors) =
        operation(&format!("{SPEC_CONN}/options/transfers"), "get").and_then(spec_errors)
    {
        assert!(!errors.contains(&409), "{errors:?}");
    }
    let server = serve(
        AUTH,
        "GET",
        &format!("{CONN}/options/transfers"),
        409,
        &message,
    )
    .await;
    let err = lending(&server)
        .loan_writeback()
        .transfers()
        .get_create_model(COMPANY, CONNECTION)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));
    assert!(err.body().unwrap().contains("not yet synced"));
}

/// A server that answers anything with `status`, `content_type` and `body`.
async fn raw_server(status: u16, content_type: &str, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), content_type),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn odd_bodies_keep_their_status_and_a_snippet() {
    // An HTML page from a proxy, on a declared status: not Codat's message.
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let server = raw_server(503, "text/html", html).await;
    let err = lending(&server)
        .sales()
        .metrics()
        .get_revenue(
            COMPANY,
            CONNECTION,
            "29-09-2020",
            1,
            12,
            &PeriodUnit::Month,
            codat_lending::models::GetCommerceRevenueMetricsParams::new(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(503));
    assert!(err.body().unwrap().contains("502 Bad Gateway"), "{err:?}");

    // A 200 whose JSON is broken.
    let server = raw_server(200, "application/json", "{\"id\": \"ord-1\", ").await;
    let err = lending(&server)
        .sales()
        .orders()
        .get(COMPANY, CONNECTION, "ord-1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_eq!(err.status(), Some(200));
    assert!(err.body().unwrap().contains("ord-1"));

    // A 200 with no body at all, where a push result is due.
    let server = raw_server(200, "application/json", "").await;
    let err = lending(&server)
        .loan_writeback()
        .source_accounts()
        .list_mappings(COMPANY, CONNECTION)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");

    // A status nobody declares.
    let server = raw_server(418, "text/plain", "short and stout").await;
    let err = lending(&server)
        .banking()
        .accounts()
        .get(COMPANY, CONNECTION, "ba-1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(418));
    assert_eq!(err.body(), Some("short and stout"));
}

#[tokio::test]
async fn unknown_enum_values_are_kept() {
    let category = json!({"id": "tc-1", "name": "Bills", "status": "Frozen"});
    let server = serve(
        AUTH,
        "GET",
        &format!("{CONN}/data/banking-transactionCategories/tc-1"),
        200,
        &category,
    )
    .await;
    let got = lending(&server)
        .banking()
        .transaction_categories()
        .get(COMPANY, CONNECTION, "tc-1")
        .await
        .unwrap();
    assert_eq!(
        got.status,
        Some(TransactionCategoryStatus::Unrecognized("Frozen".into()))
    );

    let payment = json!({"id": "pay-1", "status": "Escrowed"});
    let server = serve(
        AUTH,
        "GET",
        &format!("{CONN}/data/commerce-payments/pay-1"),
        200,
        &payment,
    )
    .await;
    let got = lending(&server)
        .sales()
        .payments()
        .get(COMPANY, CONNECTION, "pay-1")
        .await
        .unwrap();
    assert_eq!(
        got.status,
        Some(PaymentStatus::Unrecognized("Escrowed".into()))
    );
}

#[tokio::test]
async fn a_hostile_id_stays_one_path_segment() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "x"})))
        .mount(&server)
        .await;
    let lending = lending(&server);
    for (id, encoded) in [("../x", "..%2Fx"), ("a/b?c#d", "a%2Fb%3Fc%23d")] {
        lending
            .sales()
            .orders()
            .get(COMPANY, CONNECTION, id)
            .await
            .unwrap();
        let sent = requests(&server).await.pop().unwrap();
        assert_eq!(
            sent.url.path(),
            format!("{CONN}/data/commerce-orders/{encoded}")
        );
        assert_eq!(sent.url.query(), None);
        assert_eq!(sent.url.fragment(), None);

        lending
            .loan_writeback()
            .bank_transactions()
            .get_create_model(COMPANY, CONNECTION, id)
            .await
            .unwrap_err(); // `{"id": "x"}` is no push option; what matters is the path
        let sent = requests(&server).await.pop().unwrap();
        assert_eq!(
            sent.url.path(),
            format!("{CONN}/options/bankAccounts/{encoded}/bankTransactions")
        );
    }
    // `..` cannot be a segment at all: refused, nothing sent.
    let before = requests(&server).await.len();
    let err = lending
        .accounting_bank_data()
        .accounts()
        .get(COMPANY, "..", "acc-1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPathParameter { .. }), "{err:?}");
    let err = lending
        .sales()
        .metrics()
        .get_revenue(
            "..",
            CONNECTION,
            "29-09-2020",
            1,
            1,
            &PeriodUnit::Day,
            codat_lending::models::GetCommerceRevenueMetricsParams::new(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPathParameter { .. }), "{err:?}");
    assert_eq!(requests(&server).await.len(), before);
}

// ---- the declarations as a whole --------------------------------------------------------------

/// This part's modules of the crate.
const MODULES: [&str; 4] = [
    "codat_lending::sales",
    "codat_lending::banking",
    "codat_lending::loan_writeback",
    "codat_lending::accounting_bank_data",
];

#[test]
fn every_operation_of_these_groups_is_declared_once_with_the_specs_errors() {
    let ours: Vec<_> = codat_client::operations()
        .filter(|op| op.product == "codat-lending")
        .filter(|op| {
            MODULES
                .iter()
                .any(|m| op.module == *m || op.module.starts_with(&format!("{m}::")))
        })
        .collect();
    let declared: BTreeSet<String> = ours
        .iter()
        .map(|op| format!("{:?} {}", op.method, op.template).to_uppercase())
        .collect();
    assert_eq!(ours.len(), 51, "{declared:#?}");
    assert_eq!(declared.len(), 51);
    let Some(spec) = spec() else { return };
    let mut matched = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (verb, op) in item.as_object().unwrap() {
            if !["get", "post", "put", "patch", "delete"].contains(&verb.as_str()) {
                continue;
            }
            let group = op["x-speakeasy-group"].as_str().unwrap_or("");
            let top = group.split('.').next().unwrap();
            let mine = ["sales", "banking", "loan-writeback", "accounting-bank-data"]
                .contains(&top)
                || op["tags"][0] == "Accounting bank data";
            // Push history is Platform's, declared in codat-client.
            if !mine || group == "loan-writeback.create-operations" {
                continue;
            }
            let template = path.replace('{', "<").replace('}', ">");
            let found = ours.iter().find(|ours| {
                format!("{:?}", ours.method).eq_ignore_ascii_case(verb)
                    && ours
                        .template
                        .replace('_', "")
                        .eq_ignore_ascii_case(&template)
            });
            let found = found.unwrap_or_else(|| panic!("{verb} {path} is not declared"));
            assert_eq!(
                found.errors,
                spec_errors(op).unwrap().as_slice(),
                "{verb} {path}"
            );
            matched += 1;
        }
    }
    assert_eq!(matched, 51);
}

/// Serves `total` items of `list` in pages of the `pageSize` asked for (ids `item-0`, ...),
/// with a `next` link on every page but the last; the pages in `failing` answer 500 instead.
async fn paged_server(list: List, total: usize, failing: &'static [usize]) -> MockServer {
    common::paged_server(&list.path(), total, failing, move |range, page, size| {
        // What the banking items require besides the id.
        let items = range.map(|i| {
            json!({"id": format!("item-{i}"), "accountId": "acc-1", "currency": "GBP", "name": "n"})
        });
        page_body(items.collect(), page, size, total)
    })
    .await
}

impl common::Listing for List {
    fn read(self, lending: &Lending, options: PageOptions) -> BoxStream<'_, Result<String, Error>> {
        self.stream(lending, options)
    }

    async fn serve(self, total: usize, failing: &'static [usize]) -> MockServer {
        paged_server(self, total, failing).await
    }
}
