//! Every Sync for Expenses operation against wiremock on 127.0.0.1, from one table: the
//! method, the encoded path, the query, the auth header and the body sent, and every success
//! example the spec documents (or, where it documents none, one built from the response
//! schema) decoded into the operation's return type. Then the exact JSON arrays the
//! transaction operations send, the multipart upload, the three page streams, errors and
//! hostile path values.
//!
//! The spec is read from `../../../shared/codat/Codat-Sync-Expenses.json` (or the folder in
//! `CODAT_SPEC_DIR`). Without it the request checks still run against fixtures written here;
//! the example checks are skipped and say so, except with `CI=true`, where they fail.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use codat_client::models::push_data::{PushOperationStatus, PushOptionType};
use codat_client::paging::{PageOptions, PageParams};
use codat_client::{Error, Upload};
use codat_product_tests as shared;
use codat_product_tests::{
    header_of, json_body, normalized, requests, serve, spec_errors, within, COMPANY, CONNECTION,
};
use codat_sync_expenses::models::{
    AccountMappingInfoAccountType, AccountPrototype, AccountStatus, AccountType,
    AdjustmentTransactionLine, AdjustmentTransactionRequest, BankAccount, BankAccountDetails,
    BankAccountPrototypeAccountType, BankAccountStatus, CompanyConfiguration, Customer,
    CustomerDetails, CustomerStatus, ExpenseContactRef, ExpenseContactRefType, ExpenseTransaction,
    ExpenseTransactionBankAccountRef, ExpenseTransactionLine, ExpenseTransactionType,
    IntegrationType, InvoiceTo, InvoiceToType, RecordRef, ReimbursableExpenseTransaction,
    ReimbursableExpenseTransactionLine, ReimbursementContactRef, Supplier, SupplierDetails,
    SupplierStatus, TrackingRef, TrackingRefAdjustmentTransaction,
    TrackingRefAdjustmentTransactionDataType, TrackingRefDataType, TransactionStatus,
    TransferTransactionRequest, TransferTransactionRequestFrom,
    TransferTransactionRequestFromAccountRef, TransferTransactionRequestTo,
    TransferTransactionRequestToAccountRef, UpdateExpenseRequest,
    UpdateExpenseRequestBankAccountRef, UpdateExpenseRequestType,
    UpdateReimbursableExpenseTransactionRequest, ValidForItem,
};
use codat_sync_expenses::SyncForExpenses;
use futures_util::{StreamExt, TryStreamExt};
use rust_decimal_macros::dec;
use serde_json::{json, Value};
use wiremock::matchers::{any, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod common;

const KEY: &str = "sync-expenses-test-key";
/// `Basic` and the key in base64, worked out independently of the client.
const AUTH: &str = "Basic c3luYy1leHBlbnNlcy10ZXN0LWtleQ==";
/// The ids the table's paths are filled with.
const SYNC: &str = "6fb40d5e-b13e-11ed-afa1-0242ac120002";
const TRANSACTION: &str = "336694d8-2dca-4cb5-a28d-3ccb83e55eee";
const RECORD: &str = "13d946f0-c5d5-42bc-b092-97ece17923ab";
/// Where the product's own operations are, for the test company.
const EXPENSES: &str = "/companies/8a210b68-6988-11ed-a1eb-0242ac120002/sync/expenses";

// ---- the spec -------------------------------------------------------------------------------

/// The spec, read once.
static SPEC: LazyLock<Option<Value>> =
    LazyLock::new(|| shared::spec(env!("CARGO_MANIFEST_DIR"), "Codat-Sync-Expenses.json"));

fn spec() -> Option<&'static Value> {
    SPEC.as_ref()
}

/// The spec as `example_of` can walk all of it.
static BUILDABLE: LazyLock<Option<Value>> = LazyLock::new(|| spec().map(common::buildable));

/// The spec's operation at the path template `spec_path` and `verb`.
fn operation(spec_path: &str, verb: &str) -> Option<&'static Value> {
    shared::operation(spec(), spec_path, verb)
}

/// The spec path with the test ids in place of its placeholders.
fn concrete(spec_path: &str) -> String {
    spec_path
        .replace("{companyId}", COMPANY)
        .replace("{connectionId}", CONNECTION)
        .replace("{syncId}", SYNC)
        .replace("{transactionId}", TRANSACTION)
        .replace("{customerId}", RECORD)
        .replace("{supplierId}", RECORD)
}

/// Every JSON example of the operation's `status` response, named. Where the spec names none,
/// one built from the response schema's own examples; `fixture` alone without the spec.
fn success_examples(case: &Case) -> Vec<(String, Value)> {
    let Some(op) = operation(case.spec_path, case.verb) else {
        return vec![("fixture".into(), case.fixture.clone())];
    };
    let content = &op["responses"][case.status.to_string()]["content"]["application/json"];
    assert!(content.is_object(), "{}: no JSON {}", case.id, case.status);
    let named = shared::examples(content);
    if !named.is_empty() {
        return named;
    }
    let built = shared::example_of(BUILDABLE.as_ref().unwrap(), &content["schema"]);
    vec![("built from the schema".into(), built)]
}

/// Every JSON example of the operation's request body.
fn request_examples(spec_path: &str, verb: &str) -> Vec<(String, Value)> {
    operation(spec_path, verb).map_or_else(Vec::new, |op| {
        shared::examples(&op["requestBody"]["content"]["application/json"])
    })
}

// ---- the client and the server --------------------------------------------------------------

fn expenses(server: &MockServer) -> SyncForExpenses {
    SyncForExpenses::new(&shared::codat(KEY, server))
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
const CREATE_QUERY: &str = "timeoutInMinutes=30&allowSyncOnPushComplete=false";
const UPDATE_QUERY: &str = "timeoutInMinutes=5&allowSyncOnPushComplete=true&forceUpdate=true";

/// A string field of an example.
fn text<'v>(example: &'v Value, field: &str) -> Option<&'v str> {
    example[field].as_str()
}

/// The length of an array field of an example, if it is one.
fn count(example: &Value, field: &str) -> Option<usize> {
    example[field].as_array().map(Vec::len)
}

// ---- fixtures, for when the spec is missing -------------------------------------------------

fn sync_fixture() -> Value {
    json!({"syncId": SYNC})
}

fn push_fixture(data: Value) -> Value {
    json!({
        "data": data,
        "companyId": COMPANY,
        "pushOperationKey": "1b6ee3f4-4a33-4d2e-9c0a-7a4a0f5d0001",
        "dataConnectionKey": CONNECTION,
        "requestedOnUtc": "2024-05-01T10:00:00Z",
        "status": "Success",
        "statusCode": 200
    })
}

fn push_option_fixture() -> Value {
    json!({"type": "Object", "displayName": "Account", "description": "Account", "required": true})
}

fn page_fixture(results: Value) -> Value {
    json!({"results": results, "pageNumber": 1, "pageSize": 100, "totalResults": 1})
}

fn sync_status_fixture() -> Value {
    json!({"companyId": COMPANY, "syncId": SYNC, "syncStatusCode": 2000, "syncStatus": "Complete",
           "syncUtc": "2023-01-24T14:15:22Z", "dataPushed": true})
}

// ---- request bodies -------------------------------------------------------------------------

/// The spec's `Payment` example of a new expense transaction.
fn payment() -> ExpenseTransaction {
    ExpenseTransaction {
        id: "4d7c6929-7770-412b-91bb-44d3bc71d111".into(),
        r#type: ExpenseTransactionType::Payment,
        issue_date: "2024-05-21T00:00:00+00:00".into(),
        currency: "GBP".into(),
        currency_rate: Some(dec!(1)),
        contact_ref: Some(ExpenseContactRef {
            id: "430".into(),
            r#type: Some(ExpenseContactRefType::Supplier),
        }),
        bank_account_ref: Some(ExpenseTransactionBankAccountRef {
            id: Some("97".into()),
        }),
        reference: None,
        merchant_name: Some("Amazon UK".into()),
        lines: Some(vec![ExpenseTransactionLine {
            net_amount: dec!(100),
            tax_amount: Some(dec!(20)),
            tax_rate_ref: Some(record("23_Bills")),
            account_ref: Some(record("35")),
            item_ref: None,
            tracking_refs: Some(vec![TrackingRef {
                id: Some("DEPARTMENT_5".into()),
                data_type: Some(TrackingRefDataType::TrackingCategories),
            }]),
            invoice_to: Some(invoice_to("504")),
        }]),
        notes: Some(NOTES.into()),
        post_as_draft: None,
    }
}

/// The spec's `Refund` example.
fn refund() -> ExpenseTransaction {
    ExpenseTransaction {
        id: "7008d3f2-aeb4-11ed-afa1-0242ac120002".into(),
        r#type: ExpenseTransactionType::Refund,
        issue_date: "2024-02-17T00:00:00+00:00".into(),
        currency_rate: None,
        lines: Some(vec![ExpenseTransactionLine {
            net_amount: dec!(100),
            tax_amount: Some(dec!(20)),
            tax_rate_ref: Some(record("23_Bills")),
            account_ref: Some(record("42")),
            item_ref: None,
            tracking_refs: Some(vec![TrackingRef {
                id: Some("DEPARTMENT_6".into()),
                data_type: None,
            }]),
            invoice_to: None,
        }]),
        ..payment()
    }
}

const NOTES: &str = "APPLE.COM/BILL - 09001077498 - Card Ending: 4590";

fn record(id: &str) -> RecordRef {
    RecordRef {
        id: Some(id.into()),
    }
}

fn invoice_to(id: &str) -> InvoiceTo {
    InvoiceTo {
        id: Some(id.into()),
        r#type: Some(InvoiceToType::Customer),
    }
}

/// What `[payment(), refund()]` must be sent as, written out.
fn expenses_json() -> Value {
    json!([
        {"id": "4d7c6929-7770-412b-91bb-44d3bc71d111", "type": "Payment",
         "issueDate": "2024-05-21T00:00:00+00:00", "currency": "GBP", "currencyRate": 1,
         "contactRef": {"id": "430", "type": "Supplier"}, "bankAccountRef": {"id": "97"},
         "merchantName": "Amazon UK", "notes": NOTES,
         "lines": [{"netAmount": 100, "taxAmount": 20, "taxRateRef": {"id": "23_Bills"},
                    "accountRef": {"id": "35"},
                    "trackingRefs": [{"id": "DEPARTMENT_5", "dataType": "trackingCategories"}],
                    "invoiceTo": {"id": "504", "type": "customer"}}]},
        {"id": "7008d3f2-aeb4-11ed-afa1-0242ac120002", "type": "Refund",
         "issueDate": "2024-02-17T00:00:00+00:00", "currency": "GBP",
         "contactRef": {"id": "430", "type": "Supplier"}, "bankAccountRef": {"id": "97"},
         "merchantName": "Amazon UK", "notes": NOTES,
         "lines": [{"netAmount": 100, "taxAmount": 20, "taxRateRef": {"id": "23_Bills"},
                    "accountRef": {"id": "42"}, "trackingRefs": [{"id": "DEPARTMENT_6"}]}]}
    ])
}

fn expense_update() -> UpdateExpenseRequest {
    let created = payment();
    UpdateExpenseRequest {
        r#type: UpdateExpenseRequestType::Payment,
        issue_date: "2024-05-21T00:00:00+00:00".into(),
        currency: created.currency,
        currency_rate: created.currency_rate,
        contact_ref: created.contact_ref,
        bank_account_ref: Some(UpdateExpenseRequestBankAccountRef {
            id: Some("97".into()),
        }),
        merchant_name: created.merchant_name,
        lines: created.lines,
        notes: created.notes,
    }
}

/// The payment's JSON without its id: the update's body.
fn expense_update_json() -> Value {
    let mut body = expenses_json()[0].clone();
    body.as_object_mut().unwrap().remove("id");
    body
}

fn transfer() -> TransferTransactionRequest {
    TransferTransactionRequest {
        description: Some("Sample transfer description".into()),
        date: "2021-05-21T00:00:00+00:00".into(),
        from: TransferTransactionRequestFrom {
            account_ref: TransferTransactionRequestFromAccountRef {
                id: "787dfb37-5707-4dc0-8a86-8d74e4cc78ea".into(),
            },
            amount: dec!(100),
        },
        to: TransferTransactionRequestTo {
            account_ref: TransferTransactionRequestToAccountRef {
                id: "777dfb37-5506-3dc0-6g86-8d34z4cc78ea".into(),
            },
            amount: dec!(100),
        },
    }
}

fn transfer_json() -> Value {
    json!({
        "description": "Sample transfer description", "date": "2021-05-21T00:00:00+00:00",
        "from": {"accountRef": {"id": "787dfb37-5707-4dc0-8a86-8d74e4cc78ea"}, "amount": 100},
        "to": {"accountRef": {"id": "777dfb37-5506-3dc0-6g86-8d34z4cc78ea"}, "amount": 100}
    })
}

fn adjustment() -> AdjustmentTransactionRequest {
    let tracking = || {
        Some(vec![TrackingRefAdjustmentTransaction {
            id: Some("80000003-1674553958".into()),
            data_type: Some(TrackingRefAdjustmentTransactionDataType::TrackingCategories),
        }])
    };
    AdjustmentTransactionRequest {
        id: "3357b3df-5f2e-465d-b9ba-226519dbb8f1".into(),
        date: "2024-05-21T00:00:00+00:00".into(),
        currency: "USD".into(),
        currency_rate: Some(dec!(1)),
        reference: Some("test reference".into()),
        lines: vec![
            AdjustmentTransactionLine {
                amount: dec!(50),
                account_ref: record("80000018-1671793811"),
                description: Some("debit line".into()),
                tracking_refs: tracking(),
                invoice_to: Some(invoice_to("80000002-1674552702")),
            },
            AdjustmentTransactionLine {
                amount: dec!(-50),
                account_ref: record("80000028-1671794219"),
                description: Some("credit line".into()),
                tracking_refs: tracking(),
                invoice_to: None,
            },
        ],
    }
}

fn adjustments_json() -> Value {
    let tracking = json!([{"id": "80000003-1674553958", "dataType": "trackingCategories"}]);
    json!([{
        "id": "3357b3df-5f2e-465d-b9ba-226519dbb8f1", "date": "2024-05-21T00:00:00+00:00",
        "currency": "USD", "currencyRate": 1, "reference": "test reference",
        "lines": [
            {"amount": 50, "accountRef": {"id": "80000018-1671793811"},
             "description": "debit line", "trackingRefs": tracking,
             "invoiceTo": {"id": "80000002-1674552702", "type": "customer"}},
            {"amount": -50, "accountRef": {"id": "80000028-1671794219"},
             "description": "credit line", "trackingRefs": tracking}
        ]
    }])
}

fn reimbursement_lines() -> Option<Vec<ReimbursableExpenseTransactionLine>> {
    Some(vec![ReimbursableExpenseTransactionLine {
        description: Some("Hotel".into()),
        net_amount: dec!(100),
        tax_amount: Some(dec!(20)),
        tax_rate_ref: Some(record("23_Bills")),
        account_ref: Some(record("35")),
        item_ref: None,
        tracking_refs: Some(vec![TrackingRef {
            id: Some("DEPARTMENT_5".into()),
            data_type: Some(TrackingRefDataType::TrackingCategories),
        }]),
        invoice_to: Some(invoice_to("504")),
    }])
}

fn reimbursement() -> ReimbursableExpenseTransaction {
    ReimbursableExpenseTransaction {
        id: "4d7c6929-7770-412b-91bb-44d3bc71d111".into(),
        reference: Some("expenses w/c 01/07".into()),
        contact_ref: ReimbursementContactRef { id: "752".into() },
        ap_account_ref: None,
        issue_date: "2024-05-21".into(),
        due_date: "2024-05-21".into(),
        currency: "GBP".into(),
        currency_rate: Some(dec!(1)),
        notes: Some(NOTES.into()),
        lines: reimbursement_lines(),
    }
}

fn reimbursement_update() -> UpdateReimbursableExpenseTransactionRequest {
    let created = reimbursement();
    UpdateReimbursableExpenseTransactionRequest {
        reference: created.reference,
        contact_ref: created.contact_ref,
        ap_account_ref: None,
        issue_date: created.issue_date,
        due_date: created.due_date,
        currency: created.currency,
        currency_rate: created.currency_rate,
        notes: created.notes,
        lines: created.lines,
    }
}

fn reimbursement_update_json() -> Value {
    json!({
        "reference": "expenses w/c 01/07", "contactRef": {"id": "752"},
        "issueDate": "2024-05-21", "dueDate": "2024-05-21", "currency": "GBP",
        "currencyRate": 1, "notes": NOTES,
        "lines": [{"description": "Hotel", "netAmount": 100, "taxAmount": 20,
                   "taxRateRef": {"id": "23_Bills"}, "accountRef": {"id": "35"},
                   "trackingRefs": [{"id": "DEPARTMENT_5", "dataType": "trackingCategories"}],
                   "invoiceTo": {"id": "504", "type": "customer"}}]
    })
}

fn reimbursements_json() -> Value {
    let mut body = reimbursement_update_json();
    body["id"] = json!("4d7c6929-7770-412b-91bb-44d3bc71d111");
    json!([body])
}

fn configuration() -> CompanyConfiguration {
    CompanyConfiguration {
        bank_account: BankAccountDetails {
            id: Some("89".into()),
        },
        supplier: SupplierDetails {
            id: Some("124".into()),
        },
        customer: CustomerDetails {
            id: Some("140".into()),
        },
    }
}

fn account() -> AccountPrototype {
    AccountPrototype {
        nominal_code: Some("6100".into()),
        name: Some("Travel".into()),
        currency: Some("GBP".into()),
        r#type: Some(AccountType::Expense),
        status: Some(AccountStatus::Active),
        is_bank_account: Some(false),
        ..Default::default()
    }
}

fn bank_account() -> BankAccount {
    BankAccount {
        account_name: Some("GBP card account".into()),
        account_type: Some(BankAccountPrototypeAccountType::Credit),
        account_number: Some("12345678".into()),
        currency: Some("GBP".into()),
        status: Some(BankAccountStatus::Active),
        ..Default::default()
    }
}

fn customer() -> Customer {
    Customer {
        id: None,
        customer_name: Some("Acme Events".into()),
        contact_name: None,
        email_address: Some("billing@acme.example".into()),
        default_currency: Some("GBP".into()),
        phone: None,
        addresses: None,
        contacts: None,
        registration_number: None,
        tax_number: None,
        status: CustomerStatus::Active,
        metadata: None,
        supplemental_data: None,
        modified_date: None,
        source_modified_date: None,
    }
}

fn supplier() -> Supplier {
    Supplier {
        id: None,
        supplier_name: Some("Amazon UK".into()),
        contact_name: None,
        email_address: None,
        phone: None,
        addresses: None,
        registration_number: None,
        tax_number: None,
        status: SupplierStatus::Active,
        default_currency: Some("GBP".into()),
        metadata: None,
        supplemental_data: None,
        modified_date: None,
        source_modified_date: None,
    }
}

// ---- the table ------------------------------------------------------------------------------

/// What a case's request carries.
enum Sent {
    Nothing,
    /// Exactly this JSON (numbers compared as numbers).
    Json(Value),
    /// A `multipart/form-data` body; its parts are checked in their own test.
    Multipart,
}

/// One call of the operation, checking what it decoded against the served example.
type Run = for<'a> fn(
    &'a SyncForExpenses,
    &'a Value,
) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + 'a>>;

macro_rules! run {
    (|$x:ident, $ex:ident| $body:block) => {{
        fn run<'a>(
            $x: &'a SyncForExpenses,
            $ex: &'a Value,
        ) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + 'a>> {
            Box::pin(async move {
                $body;
                Ok(())
            })
        }
        run as Run
    }};
}

/// One operation: where it is in the spec, its success status, what it must send, a
/// response to use without the spec, and the call.
struct Case {
    id: &'static str,
    verb: &'static str,
    spec_path: &'static str,
    status: u16,
    query: Option<&'static str>,
    sent: Sent,
    fixture: Value,
    run: Run,
}

/// Checks a decoded push operation against its example.
macro_rules! check_push {
    ($got:expr, $ex:expr) => {{
        let got = $got;
        assert_eq!(
            Some(got.push_operation_key.as_str()),
            text($ex, "pushOperationKey")
        );
        assert_eq!(Some(got.status.as_str()), text($ex, "status"));
        assert_eq!(Some(got.status_code), $ex["statusCode"].as_i64());
        assert_eq!(got.data.is_some(), $ex["data"].is_object());
        got
    }};
}

fn cases() -> Vec<Case> {
    let push = push_fixture;
    vec![
        Case {
            id: "create-partner-expense-connection",
            verb: "post",
            spec_path: "/companies/{companyId}/sync/expenses/connections/partnerExpense",
            status: 200,
            query: None,
            sent: Sent::Nothing,
            fixture: json!({
                "id": CONNECTION, "integrationId": "fd321cb6-7963-4506-b873-e99593a45e30",
                "sourceId": "35b92968-9851-4095-ad60-395c95cbcba4", "sourceType": "Expense",
                "platformName": "Partner Expense", "linkUrl": "https://link-api.codat.io",
                "status": "Linked", "created": "2022-10-27T09:53:29Z"
            }),
            run: run!(|x, ex| {
                let got = x
                    .connections()
                    .create_partner_expense_connection(COMPANY)
                    .await?;
                assert_eq!(Some(got.id.as_str()), text(ex, "id"));
                assert_eq!(Some(got.platform_name.as_str()), text(ex, "platformName"));
                assert_eq!(Some(got.status.as_str()), text(ex, "status"));
            }),
        },
        Case {
            id: "get-company-info",
            verb: "get",
            spec_path: "/companies/{companyId}/data/info",
            status: 200,
            query: None,
            sent: Sent::Nothing,
            fixture: json!({"companyName": "Codat", "baseCurrency": "GBP"}),
            run: run!(|x, ex| {
                let got = x.company_info().get(COMPANY).await?;
                assert_eq!(got.company_name.as_deref(), text(ex, "companyName"));
                assert_eq!(got.base_currency.as_deref(), text(ex, "baseCurrency"));
                assert_eq!(got.addresses.as_ref().map(Vec::len), count(ex, "addresses"));
            }),
        },
        Case {
            id: "get-company-configuration",
            verb: "get",
            spec_path: "/companies/{companyId}/sync/expenses/config",
            status: 200,
            query: None,
            sent: Sent::Nothing,
            fixture: json!({"bankAccount": {"id": "89"}, "supplier": {"id": "124"},
                            "customer": {"id": "140"}}),
            run: run!(|x, ex| {
                let got = x.configuration().get(COMPANY).await?;
                assert_eq!(got.bank_account.id.as_deref(), ex["bankAccount"]["id"].as_str());
                assert_eq!(got.supplier.id.as_deref(), ex["supplier"]["id"].as_str());
                assert_eq!(got.customer.id.as_deref(), ex["customer"]["id"].as_str());
            }),
        },
        Case {
            id: "set-company-configuration",
            verb: "post",
            spec_path: "/companies/{companyId}/sync/expenses/config",
            status: 200,
            query: None,
            sent: Sent::Json(json!({"bankAccount": {"id": "89"}, "supplier": {"id": "124"},
                                    "customer": {"id": "140"}})),
            fixture: json!({"bankAccount": {"id": "89"}, "supplier": {"id": "124"},
                            "customer": {"id": "140"}}),
            run: run!(|x, ex| {
                let got = x.configuration().set(COMPANY, &configuration()).await?;
                assert_eq!(got.bank_account.id.as_deref(), ex["bankAccount"]["id"].as_str());
                assert_eq!(got.customer.id.as_deref(), ex["customer"]["id"].as_str());
            }),
        },
        Case {
            id: "get-mapping-options",
            verb: "get",
            spec_path: "/companies/{companyId}/sync/expenses/mappingOptions",
            status: 200,
            query: None,
            sent: Sent::Nothing,
            fixture: json!({"expenseProvider": "Partner Expense",
                            "accounts": [{"id": "35", "accountType": "Expense"}]}),
            run: run!(|x, ex| {
                let got = x.mapping_options().get_mapping_options(COMPANY).await?;
                assert_eq!(got.expense_provider.as_deref(), text(ex, "expenseProvider"));
                assert_eq!(got.accounts.as_ref().map(Vec::len), count(ex, "accounts"));
                assert_eq!(got.tax_rates.as_ref().map(Vec::len), count(ex, "taxRates"));
                let first = got.accounts.unwrap_or_default().into_iter().next();
                assert_eq!(
                    first.and_then(|a| a.account_type).map(|t| t.as_str().to_owned()),
                    ex["accounts"][0]["accountType"].as_str().map(str::to_owned)
                );
            }),
        },
        Case {
            id: "get-last-successful-sync",
            verb: "get",
            spec_path: "/companies/{companyId}/sync/expenses/syncs/lastSuccessful/status",
            status: 200,
            query: None,
            sent: Sent::Nothing,
            fixture: sync_status_fixture(),
            run: run!(|x, ex| {
                let got = x.sync().get_last_successful_sync(COMPANY).await?;
                assert_eq!(got.sync_id.as_deref(), text(ex, "syncId"));
                assert_eq!(got.sync_status_code.map(i64::from), ex["syncStatusCode"].as_i64());
                assert_eq!(got.data_pushed, ex["dataPushed"].as_bool());
            }),
        },
        Case {
            id: "get-latest-sync",
            verb: "get",
            spec_path: "/companies/{companyId}/sync/expenses/syncs/latest/status",
            status: 200,
            query: None,
            sent: Sent::Nothing,
            fixture: sync_status_fixture(),
            run: run!(|x, ex| {
                let got = x.sync().get_latest_sync(COMPANY).await?;
                assert_eq!(got.sync_status.as_deref(), text(ex, "syncStatus"));
                assert_eq!(got.sync_utc.as_ref().map(|d| d.as_str()), text(ex, "syncUtc"));
            }),
        },
        Case {
            id: "list-syncs",
            verb: "get",
            spec_path: "/companies/{companyId}/sync/expenses/syncs/list/status",
            status: 200,
            query: None,
            sent: Sent::Nothing,
            fixture: json!([sync_status_fixture(), sync_status_fixture()]),
            run: run!(|x, ex| {
                let got = x.sync().list(COMPANY).await?;
                let all = ex.as_array().unwrap();
                assert_eq!(got.len(), all.len());
                for (sync, json) in got.iter().zip(all) {
                    assert_eq!(sync.sync_id.as_deref(), text(json, "syncId"));
                }
            }),
        },
        Case {
            id: "get-sync-by-id",
            verb: "get",
            spec_path: "/companies/{companyId}/sync/expenses/syncs/{syncId}/status",
            status: 200,
            query: None,
            sent: Sent::Nothing,
            fixture: sync_status_fixture(),
            run: run!(|x, ex| {
                let got = x.sync().get(COMPANY, SYNC).await?;
                assert_eq!(got.company_id.as_deref(), text(ex, "companyId"));
                assert_eq!(got.sync_id.as_deref(), text(ex, "syncId"));
            }),
        },
        Case {
            id: "list-sync-transactions",
            verb: "get",
            spec_path: "/companies/{companyId}/sync/expenses/syncs/{syncId}/transactions",
            status: 200,
            query: Some("page=2&pageSize=50"),
            sent: Sent::Nothing,
            fixture: page_fixture(json!([{"transactionId": TRANSACTION, "status": "Completed",
                                          "integrationType": "expenses"}])),
            run: run!(|x, ex| {
                let got = x
                    .transaction_status()
                    .list(COMPANY, SYNC, codat_sync_expenses::models::ListSyncTransactionsParams::new().page(2).page_size(50))
                    .await?;
                let results = ex["results"].as_array().unwrap();
                assert_eq!(got.results.len(), results.len());
                assert_eq!(got.total_results, ex["totalResults"].as_i64().unwrap());
                for (t, json) in got.results.iter().zip(results) {
                    assert_eq!(t.transaction_id.as_deref(), text(json, "transactionId"));
                    assert_eq!(t.status.as_ref().map(|s| s.as_str()), text(json, "status"));
                }
            }),
        },
        Case {
            id: "get-sync-transaction",
            verb: "get",
            spec_path:
                "/companies/{companyId}/sync/expenses/syncs/{syncId}/transactions/{transactionId}",
            status: 200,
            query: None,
            sent: Sent::Nothing,
            fixture: json!([{"transactionId": TRANSACTION, "status": "Completed"}]),
            run: run!(|x, ex| {
                let got = x
                    .transaction_status()
                    .get(COMPANY, SYNC, TRANSACTION)
                    .await?;
                let all = ex.as_array().unwrap();
                assert_eq!(got.len(), all.len());
                for (t, json) in got.iter().zip(all) {
                    assert_eq!(t.transaction_id.as_deref(), text(json, "transactionId"));
                    assert_eq!(t.message.as_deref(), text(json, "message"));
                }
            }),
        },
        Case {
            id: "create-expense-transaction",
            verb: "post",
            spec_path: "/companies/{companyId}/sync/expenses/expense-transactions",
            status: 200,
            query: None,
            sent: Sent::Json(expenses_json()),
            fixture: sync_fixture(),
            run: run!(|x, ex| {
                let got = x.expenses().create(COMPANY, &[payment(), refund()]).await?;
                assert_eq!(got.sync_id.as_deref(), text(ex, "syncId"));
            }),
        },
        Case {
            id: "update-expense-transaction",
            verb: "put",
            spec_path: "/companies/{companyId}/sync/expenses/expense-transactions/{transactionId}",
            status: 202,
            query: None,
            sent: Sent::Json(expense_update_json()),
            fixture: sync_fixture(),
            run: run!(|x, ex| {
                let got = x
                    .expenses()
                    .update(COMPANY, TRANSACTION, &expense_update())
                    .await?;
                assert_eq!(got.sync_id.as_deref(), text(ex, "syncId"));
            }),
        },
        Case {
            id: "create-transfer-transaction",
            verb: "put",
            spec_path: "/companies/{companyId}/sync/expenses/transfer-transactions/{transactionId}",
            status: 200,
            query: None,
            sent: Sent::Json(transfer_json()),
            fixture: sync_fixture(),
            run: run!(|x, ex| {
                let got = x
                    .transfers()
                    .create(COMPANY, TRANSACTION, &transfer())
                    .await?;
                assert_eq!(got.sync_id.as_deref(), text(ex, "syncId"));
            }),
        },
        Case {
            id: "create-adjustment-transaction",
            verb: "post",
            spec_path: "/companies/{companyId}/sync/expenses/adjustment-transactions",
            status: 200,
            query: None,
            sent: Sent::Json(adjustments_json()),
            fixture: sync_fixture(),
            run: run!(|x, ex| {
                let got = x.adjustments().create(COMPANY, &[adjustment()]).await?;
                assert_eq!(got.sync_id.as_deref(), text(ex, "syncId"));
            }),
        },
        Case {
            id: "create-reimbursable-expense-transaction",
            verb: "post",
            spec_path: "/companies/{companyId}/sync/expenses/reimbursable-expense-transactions",
            status: 200,
            query: None,
            sent: Sent::Json(reimbursements_json()),
            fixture: sync_fixture(),
            run: run!(|x, ex| {
                let got = x
                    .reimbursements()
                    .create(COMPANY, &[reimbursement()])
                    .await?;
                assert_eq!(got.sync_id.as_deref(), text(ex, "syncId"));
            }),
        },
        Case {
            id: "update-reimbursable-expense-transaction",
            verb: "put",
            spec_path:
                "/companies/{companyId}/sync/expenses/reimbursable-expense-transactions/{transactionId}",
            status: 200,
            query: None,
            sent: Sent::Json(reimbursement_update_json()),
            fixture: sync_fixture(),
            run: run!(|x, ex| {
                let got = x
                    .reimbursements()
                    .update(COMPANY, TRANSACTION, &reimbursement_update())
                    .await?;
                assert_eq!(got.sync_id.as_deref(), text(ex, "syncId"));
            }),
        },
        Case {
            id: "upload-expense-attachment",
            verb: "post",
            spec_path: "/companies/{companyId}/sync/expenses/syncs/{syncId}/transactions/{transactionId}/attachments",
            status: 200,
            query: None,
            sent: Sent::Multipart,
            fixture: json!({"companyId": COMPANY, "id": "att-1", "transactionId": TRANSACTION}),
            run: run!(|x, ex| {
                let receipt = Upload::from_bytes(&b"%PDF-1.7 receipt"[..]).file_name("receipt.pdf");
                let got = x
                    .attachments()
                    .upload(COMPANY, SYNC, TRANSACTION, receipt)
                    .await?;
                assert_eq!(got.id.as_deref(), text(ex, "id"));
                assert_eq!(got.transaction_id.as_deref(), text(ex, "transactionId"));
                assert_eq!(got.company_id.as_deref(), text(ex, "companyId"));
            }),
        },
        Case {
            id: "create-account",
            verb: "post",
            spec_path: "/companies/{companyId}/connections/{connectionId}/push/accounts",
            status: 200,
            query: Some(CREATE_QUERY),
            sent: Sent::Json(json!({"nominalCode": "6100", "name": "Travel", "currency": "GBP",
                                    "type": "Expense", "status": "Active",
                                    "isBankAccount": false})),
            fixture: push(json!({"id": "acc-9", "name": "Travel"})),
            run: run!(|x, ex| {
                let got = x
                    .accounts()
                    .create(COMPANY, CONNECTION, codat_sync_expenses::models::CreateAccountParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(false), &account())
                    .await?;
                let got = check_push!(got, ex);
                assert_eq!(
                    got.data.and_then(|a| a.name),
                    ex["data"]["name"].as_str().map(str::to_owned)
                );
            }),
        },
        Case {
            id: "get-create-chartOfAccounts-model",
            verb: "get",
            spec_path: "/companies/{companyId}/connections/{connectionId}/options/chartOfAccounts",
            status: 200,
            query: None,
            sent: Sent::Nothing,
            fixture: push_option_fixture(),
            run: run!(|x, ex| {
                let got = x.accounts().get_create_model(COMPANY, CONNECTION).await?;
                assert_eq!(Some(got.display_name.as_str()), text(ex, "displayName"));
                assert_eq!(got.kind, PushOptionType::Object);
            }),
        },
        Case {
            id: "create-bank-account",
            verb: "post",
            spec_path: "/companies/{companyId}/connections/{connectionId}/push/bankAccounts",
            status: 200,
            query: Some(CREATE_QUERY),
            sent: Sent::Json(json!({"accountName": "GBP card account", "accountType": "Credit",
                                    "accountNumber": "12345678", "currency": "GBP",
                                    "status": "Active"})),
            fixture: push(json!({"id": "ba-1", "accountName": "GBP card account"})),
            run: run!(|x, ex| {
                let got = x
                    .bank_accounts()
                    .create(COMPANY, CONNECTION, codat_sync_expenses::models::CreateBankAccountParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(false), &bank_account())
                    .await?;
                let got = check_push!(got, ex);
                assert_eq!(
                    got.data.and_then(|a| a.account_name),
                    ex["data"]["accountName"].as_str().map(str::to_owned)
                );
            }),
        },
        Case {
            id: "get-create-bankAccounts-model",
            verb: "get",
            spec_path: "/companies/{companyId}/connections/{connectionId}/options/bankAccounts",
            status: 200,
            query: None,
            sent: Sent::Nothing,
            fixture: push_option_fixture(),
            run: run!(|x, ex| {
                let got = x.bank_accounts().get_create_model(COMPANY, CONNECTION).await?;
                assert_eq!(Some(got.display_name.as_str()), text(ex, "displayName"));
                assert_eq!(
                    got.properties.as_ref().map(|p| p.len()),
                    ex["properties"].as_object().map(|p| p.len())
                );
            }),
        },
        Case {
            id: "list-customers",
            verb: "get",
            spec_path: "/companies/{companyId}/data/customers",
            status: 200,
            query: Some(PAGING_QUERY),
            sent: Sent::Nothing,
            fixture: page_fixture(json!([{"id": RECORD, "status": "Active"}])),
            run: run!(|x, ex| {
                let got = x.customers().list(COMPANY, paging()).await?;
                let results = ex["results"].as_array().unwrap();
                assert_eq!(got.results.len(), results.len());
                for (c, json) in got.results.iter().zip(results) {
                    assert_eq!(c.id.as_deref(), text(json, "id"));
                    assert_eq!(c.customer_name.as_deref(), text(json, "customerName"));
                    assert_eq!(Some(c.status.as_str()), text(json, "status"));
                }
            }),
        },
        Case {
            id: "get-customer",
            verb: "get",
            spec_path: "/companies/{companyId}/data/customers/{customerId}",
            status: 200,
            query: None,
            sent: Sent::Nothing,
            fixture: json!({"id": RECORD, "customerName": "Acme Events", "status": "Active"}),
            run: run!(|x, ex| {
                let got = x.customers().get(COMPANY, RECORD).await?;
                assert_eq!(got.id.as_deref(), text(ex, "id"));
                assert_eq!(got.contacts.as_ref().map(Vec::len), count(ex, "contacts"));
            }),
        },
        Case {
            id: "create-customer",
            verb: "post",
            spec_path: "/companies/{companyId}/connections/{connectionId}/push/customers",
            status: 200,
            query: Some(CREATE_QUERY),
            sent: Sent::Json(json!({"customerName": "Acme Events",
                                    "emailAddress": "billing@acme.example",
                                    "defaultCurrency": "GBP", "status": "Active"})),
            fixture: push(json!({"id": RECORD, "status": "Active"})),
            run: run!(|x, ex| {
                let got = x
                    .customers()
                    .create(COMPANY, CONNECTION, codat_sync_expenses::models::CreateCustomerParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(false), &customer())
                    .await?;
                let got = check_push!(got, ex);
                assert_eq!(got.data.and_then(|c| c.id).as_deref(), ex["data"]["id"].as_str());
            }),
        },
        Case {
            id: "update-customer",
            verb: "put",
            spec_path: "/companies/{companyId}/connections/{connectionId}/push/customers/{customerId}",
            status: 200,
            query: Some(UPDATE_QUERY),
            sent: Sent::Json(json!({"customerName": "Acme Events",
                                    "emailAddress": "billing@acme.example",
                                    "defaultCurrency": "GBP", "status": "Active"})),
            fixture: push(json!({"id": RECORD, "status": "Active"})),
            run: run!(|x, ex| {
                let got = x
                    .customers()
                    .update(COMPANY, CONNECTION, RECORD, codat_sync_expenses::models::UpdateCustomerParams::new().timeout_in_minutes(5).allow_sync_on_push_complete(true).force_update(true), &customer())
                    .await?;
                check_push!(got, ex);
            }),
        },
        Case {
            id: "list-suppliers",
            verb: "get",
            spec_path: "/companies/{companyId}/data/suppliers",
            status: 200,
            query: Some(PAGING_QUERY),
            sent: Sent::Nothing,
            fixture: page_fixture(json!([{"id": RECORD, "status": "Active"}])),
            run: run!(|x, ex| {
                let got = x.suppliers().list(COMPANY, paging()).await?;
                let results = ex["results"].as_array().unwrap();
                assert_eq!(got.results.len(), results.len());
                for (s, json) in got.results.iter().zip(results) {
                    assert_eq!(s.id.as_deref(), text(json, "id"));
                    assert_eq!(s.supplier_name.as_deref(), text(json, "supplierName"));
                    assert_eq!(Some(s.status.as_str()), text(json, "status"));
                }
            }),
        },
        Case {
            id: "get-supplier",
            verb: "get",
            spec_path: "/companies/{companyId}/data/suppliers/{supplierId}",
            status: 200,
            query: None,
            sent: Sent::Nothing,
            fixture: json!({"id": RECORD, "supplierName": "Amazon UK", "status": "Active"}),
            run: run!(|x, ex| {
                let got = x.suppliers().get(COMPANY, RECORD).await?;
                assert_eq!(got.id.as_deref(), text(ex, "id"));
                assert_eq!(got.addresses.as_ref().map(Vec::len), count(ex, "addresses"));
            }),
        },
        Case {
            id: "create-supplier",
            verb: "post",
            spec_path: "/companies/{companyId}/connections/{connectionId}/push/suppliers",
            status: 200,
            query: Some(CREATE_QUERY),
            sent: Sent::Json(json!({"supplierName": "Amazon UK", "status": "Active",
                                    "defaultCurrency": "GBP"})),
            fixture: push(json!({"id": RECORD, "status": "Active"})),
            run: run!(|x, ex| {
                let got = x
                    .suppliers()
                    .create(COMPANY, CONNECTION, codat_sync_expenses::models::CreateSupplierParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(false), &supplier())
                    .await?;
                let got = check_push!(got, ex);
                assert_eq!(got.data.and_then(|s| s.id).as_deref(), ex["data"]["id"].as_str());
            }),
        },
        Case {
            id: "update-supplier",
            verb: "put",
            spec_path: "/companies/{companyId}/connections/{connectionId}/push/suppliers/{supplierId}",
            status: 200,
            query: Some(UPDATE_QUERY),
            sent: Sent::Json(json!({"supplierName": "Amazon UK", "status": "Active",
                                    "defaultCurrency": "GBP"})),
            fixture: push(json!({"id": RECORD, "status": "Active"})),
            run: run!(|x, ex| {
                let got = x
                    .suppliers()
                    .update(COMPANY, CONNECTION, RECORD, codat_sync_expenses::models::UpdateSupplierParams::new().timeout_in_minutes(5).allow_sync_on_push_complete(true).force_update(true), &supplier())
                    .await?;
                check_push!(got, ex);
            }),
        },
    ]
}

// ---- every operation ------------------------------------------------------------------------

#[tokio::test]
async fn every_operation_sends_its_request_and_decodes_every_success_example() {
    let mut decoded = 0;
    for case in cases() {
        let full_path = concrete(case.spec_path);
        let verb = case.verb.to_uppercase();
        if let Some(op) = operation(case.spec_path, case.verb) {
            assert_eq!(op["operationId"], case.id, "{verb} {}", case.spec_path);
            let successes: Vec<&String> = op["responses"]
                .as_object()
                .unwrap()
                .keys()
                .filter(|s| s.starts_with('2'))
                .collect();
            assert_eq!(successes, [&case.status.to_string()], "{}", case.id);
        }
        for (name, example) in success_examples(&case) {
            let server = serve(AUTH, &verb, &full_path, case.status, &example).await;
            (case.run)(&expenses(&server), &example)
                .await
                .unwrap_or_else(|e| panic!("{} ({name}): {e}\n{example}", case.id));
            let request = only_request(&server).await;
            assert_eq!(request.url.query(), case.query, "{}", case.id);
            match &case.sent {
                Sent::Nothing => assert!(request.body.is_empty(), "{}", case.id),
                Sent::Json(body) => assert_eq!(
                    normalized(&json_body(&request)),
                    normalized(body),
                    "{}",
                    case.id
                ),
                Sent::Multipart => assert!(
                    header_of(&request, "content-type")
                        .unwrap()
                        .starts_with("multipart/form-data; boundary="),
                    "{}",
                    case.id
                ),
            }
            decoded += 1;
        }
    }
    // At least one response per operation; more where the spec documents several.
    assert!(decoded >= 30, "{decoded}");
}

#[test]
fn the_table_has_every_operation_of_the_product_and_no_other() {
    let cases = cases();
    let mut ids: Vec<&str> = cases.iter().map(|c| c.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 30);
    let Some(spec) = spec() else { return };
    let platform = shared::spec(env!("CARGO_MANIFEST_DIR"), "Codat-Platform.json")
        .expect("Platform's spec, beside the product's");
    let mut own = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (verb, op) in item.as_object().unwrap() {
            let Some(id) = op.get("operationId").and_then(Value::as_str) else {
                continue;
            };
            if platform["paths"][path].get(verb).is_none() {
                own.push(id);
            }
        }
    }
    own.sort_unstable();
    assert_eq!(own, ids);
}

#[tokio::test]
async fn every_operation_of_the_product_is_declared_once() {
    let ours: Vec<_> = codat_client::operations()
        .filter(|op| op.product == "codat-sync-expenses")
        .collect();
    let mut templates: Vec<String> = ours
        .iter()
        .map(|op| format!("{:?} {}", op.method, op.template))
        .collect();
    templates.sort();
    templates.dedup();
    assert_eq!(ours.len(), 30, "{templates:#?}");
    assert_eq!(templates.len(), 30, "{templates:#?}");
    // Each declared template is one of the table's paths.
    let table: Vec<String> = cases()
        .iter()
        .map(|c| {
            let template = c.spec_path.replace('{', "<").replace('}', ">");
            format!("{} {template}", c.verb).to_lowercase()
        })
        .collect();
    for op in ours {
        let declared = format!("{:?} {}", op.method, op.template)
            .replace('_', "")
            .to_lowercase();
        assert!(table.contains(&declared), "{declared}");
    }
}

// ---- the JSON arrays, the 202, the multipart upload -----------------------------------------

#[test]
fn the_array_bodies_are_the_specs_request_examples() {
    let Some(_) = spec() else { return };
    let examples = |path: &str, verb: &str| -> Vec<Value> {
        request_examples(path, verb)
            .into_iter()
            .map(|(_, v)| normalized(&v))
            .collect()
    };
    // The two expense examples, one item each, are the two items this crate sends.
    let expenses: Vec<Value> = examples(&format!("{EXPENSES_SPEC}/expense-transactions"), "post")
        .into_iter()
        .flat_map(|v| v.as_array().unwrap().clone())
        .collect();
    assert_eq!(Value::Array(expenses), normalized(&expenses_json()));
    let adjustments = examples(&format!("{EXPENSES_SPEC}/adjustment-transactions"), "post");
    assert_eq!(adjustments, [normalized(&adjustments_json())]);
    let path = format!("{EXPENSES_SPEC}/reimbursable-expense-transactions");
    assert_eq!(
        examples(&path, "post"),
        [normalized(&reimbursements_json())]
    );
    let path = format!("{path}/{{transactionId}}");
    assert_eq!(
        examples(&path, "put"),
        [normalized(&reimbursement_update_json())]
    );
    let path = format!("{EXPENSES_SPEC}/expense-transactions/{{transactionId}}");
    assert_eq!(examples(&path, "put"), [normalized(&expense_update_json())]);
    let path = format!("{EXPENSES_SPEC}/transfer-transactions/{{transactionId}}");
    assert_eq!(examples(&path, "put"), [normalized(&transfer_json())]);
    // The bodies that are arrays in the spec are arrays here (the table checks what is sent).
    for suffix in [
        "expense-transactions",
        "adjustment-transactions",
        "reimbursable-expense-transactions",
    ] {
        let op = operation(&format!("{EXPENSES_SPEC}/{suffix}"), "post").unwrap();
        let schema = shared::resolve(
            spec().unwrap(),
            &op["requestBody"]["content"]["application/json"]["schema"],
        );
        assert_eq!(schema["type"], "array", "{suffix}");
    }
}

const EXPENSES_SPEC: &str = "/companies/{companyId}/sync/expenses";

#[tokio::test]
async fn an_empty_or_single_item_array_is_sent_as_an_array() {
    let server = serve(
        AUTH,
        "POST",
        &format!("{EXPENSES}/adjustment-transactions"),
        200,
        &sync_fixture(),
    )
    .await;
    let x = expenses(&server);
    x.adjustments().create(COMPANY, &[]).await.unwrap();
    x.adjustments()
        .create(COMPANY, &[adjustment()])
        .await
        .unwrap();
    let sent: Vec<Value> = requests(&server).await.iter().map(json_body).collect();
    assert_eq!(sent[0], json!([]));
    assert_eq!(normalized(&sent[1]), normalized(&adjustments_json()));
}

#[tokio::test]
async fn an_expense_update_is_accepted_with_202_and_its_sync_id() {
    let server = serve(
        AUTH,
        "PUT",
        &format!("{EXPENSES}/expense-transactions/{TRANSACTION}"),
        202,
        &json!({"syncId": "1ad0695c-4566-4715-918c-adbb03eac81e"}),
    )
    .await;
    let accepted = expenses(&server)
        .expenses()
        .update(COMPANY, TRANSACTION, &expense_update())
        .await
        .unwrap();
    assert_eq!(
        accepted.sync_id.as_deref(),
        Some("1ad0695c-4566-4715-918c-adbb03eac81e")
    );
    // A 422 is declared for the update: Codat's error message, with its correlation id.
    let server = serve(
        AUTH,
        "PUT",
        &format!("{EXPENSES}/expense-transactions/{TRANSACTION}"),
        422,
        &json!({"statusCode": 422, "service": "PublicApi", "error": "Transaction not synced",
                "correlationId": "corr-422"}),
    )
    .await;
    let err = expenses(&server)
        .expenses()
        .update(COMPANY, TRANSACTION, &expense_update())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.status(), Some(422));
    assert_eq!(err.correlation_id(), Some("corr-422"));
}

/// The single part of a multipart body: its headers and its content.
fn multipart_part(request: &Request) -> (String, Vec<u8>) {
    let content_type = header_of(request, "content-type").unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart body");
    let body = &request.body;
    assert!(body.starts_with(format!("--{boundary}\r\n").as_bytes()));
    let start = body.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let closing = format!("\r\n--{boundary}--");
    let end = body
        .windows(closing.len())
        .rposition(|w| w == closing.as_bytes())
        .unwrap();
    (
        String::from_utf8_lossy(&body[..start]).into_owned(),
        body[start..end].to_vec(),
    )
}

#[tokio::test]
async fn an_attachment_arrives_as_one_file_part() {
    let full_path = format!("{EXPENSES}/syncs/{SYNC}/transactions/{TRANSACTION}/attachments");
    let body = json!({"companyId": COMPANY, "id": "att-7", "transactionId": TRANSACTION});
    let server = serve(AUTH, "POST", &full_path, 200, &body).await;
    // Every byte value, so that nothing is re-encoded on the way.
    let receipt: Vec<u8> = b"%PDF-1.7\n"
        .iter()
        .copied()
        .chain((0..4096u32).map(|i| (i % 256) as u8))
        .collect();
    let upload = Upload::from_bytes(receipt.clone())
        .file_name("taxi receipt.pdf")
        .content_type("application/pdf");
    let attachment = expenses(&server)
        .attachments()
        .upload(COMPANY, SYNC, TRANSACTION, upload)
        .await
        .unwrap();
    assert_eq!(attachment.id.as_deref(), Some("att-7"));
    let request = only_request(&server).await;
    let (head, content) = multipart_part(&request);
    assert!(head.contains("name=\"file\""), "{head}");
    assert!(head.contains("filename=\"taxi receipt.pdf\""), "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/pdf"),
        "{head}"
    );
    assert_eq!(content, receipt);
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn bank_account_and_supplier_request_examples_are_sent_unchanged() {
    let spec_conn = "/companies/{companyId}/connections/{connectionId}";
    let mut sent = 0;
    for (name, example) in request_examples(&format!("{spec_conn}/push/bankAccounts"), "post") {
        let path = concrete(&format!("{spec_conn}/push/bankAccounts"));
        let server = serve(AUTH, "POST", &path, 200, &push_fixture(json!({}))).await;
        let account: BankAccount = serde_json::from_value(example.clone()).unwrap();
        expenses(&server)
            .bank_accounts()
            .create(
                COMPANY,
                CONNECTION,
                codat_sync_expenses::models::CreateBankAccountParams::new(),
                &account,
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let request = only_request(&server).await;
        assert_eq!(json_body(&request), example, "{name}");
        assert_eq!(request.url.query(), None);
        sent += 1;
    }
    for (name, example) in request_examples(&format!("{spec_conn}/push/suppliers"), "post") {
        let path = concrete(&format!("{spec_conn}/push/suppliers"));
        let server = serve(
            AUTH,
            "POST",
            &path,
            200,
            &push_fixture(json!({"status": "Active"})),
        )
        .await;
        let supplier: Supplier = serde_json::from_value(example.clone()).unwrap();
        let created = expenses(&server)
            .suppliers()
            .create(
                COMPANY,
                CONNECTION,
                codat_sync_expenses::models::CreateSupplierParams::new(),
                &supplier,
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(created.status, PushOperationStatus::Success);
        assert_eq!(json_body(&only_request(&server).await), example, "{name}");
        sent += 1;
    }
    if spec().is_some() {
        assert_eq!(sent, 3);
    }
}

// ---- page streams ---------------------------------------------------------------------------

/// The three lists that come as streams.
#[derive(Clone, Copy, Debug)]
enum List {
    Customers,
    Suppliers,
    Transactions,
}

const LISTS: [List; 3] = [List::Customers, List::Suppliers, List::Transactions];

impl List {
    fn path(self) -> String {
        match self {
            List::Customers => format!("/companies/{COMPANY}/data/customers"),
            List::Suppliers => format!("/companies/{COMPANY}/data/suppliers"),
            List::Transactions => format!("{EXPENSES}/syncs/{SYNC}/transactions"),
        }
    }

    /// Item `i` of the list as the server sends it.
    fn item(self, i: usize) -> Value {
        match self {
            List::Transactions => {
                json!({"transactionId": format!("item-{i}"), "status": "Completed"})
            }
            _ => json!({"id": format!("item-{i}"), "status": "Active"}),
        }
    }

    /// The stream's items, as their ids, in pages of `size`, `concurrency` at once.
    fn stream(
        self,
        x: &SyncForExpenses,
        size: i32,
        concurrency: usize,
    ) -> futures_util::stream::BoxStream<'_, Result<String, Error>> {
        let options = PageOptions::new().page_size(size).concurrency(concurrency);
        match self {
            List::Customers => x
                .customers()
                .list_all(COMPANY, options.query("status=Active"))
                .map_ok(|c| c.id.unwrap_or_default())
                .boxed(),
            List::Suppliers => x
                .suppliers()
                .list_all(COMPANY, options.query("status=Active"))
                .map_ok(|s| s.id.unwrap_or_default())
                .boxed(),
            List::Transactions => x
                .transaction_status()
                .list_all(COMPANY, SYNC, Some(size), concurrency)
                .map_ok(|t| t.transaction_id.unwrap_or_default())
                .boxed(),
        }
    }

    /// The query every page request must end with.
    fn query_tail(self, size: i32) -> String {
        match self {
            List::Transactions => format!("pageSize={size}"),
            _ => format!("pageSize={size}&query=status%3DActive"),
        }
    }
}

/// The page number of a request.
fn page_of(request: &Request) -> usize {
    let page = request.url.query_pairs().find(|(k, _)| k == "page");
    page.expect("a page number").1.parse().unwrap()
}

/// Serves `total` items in pages of the `pageSize` asked for, with a `next` link on every
/// page but the last; the pages in `failing` answer 500 instead.
async fn paged_server(list: List, total: usize, failing: &'static [usize]) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(list.path()))
        .and(header("authorization", AUTH))
        .respond_with(move |request: &Request| {
            let page = page_of(request);
            let size: usize = request
                .url
                .query_pairs()
                .find(|(k, _)| k == "pageSize")
                .map_or(100, |(_, v)| v.parse().unwrap());
            if failing.contains(&page) {
                return ResponseTemplate::new(500).set_body_json(json!({
                    "statusCode": 500, "service": "PublicApi", "error": "page failed",
                    "correlationId": format!("page-{page}")
                }));
            }
            let start = (page - 1) * size;
            let results: Vec<Value> = (start..(start + size).min(total))
                .map(|i| list.item(i))
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
    requests(server).await.iter().map(page_of).collect()
}

fn ids(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("item-{i}")).collect()
}

#[tokio::test]
async fn every_stream_reads_every_page_and_stops_at_the_end() {
    for list in LISTS {
        let server = paged_server(list, 7, &[]).await;
        let x = expenses(&server);
        let got: Vec<String> = within(list.stream(&x, 3, 1).try_collect()).await.unwrap();
        assert_eq!(got, ids(0..7), "{list:?}");
        // Three pages, and no fourth: the last has no `next` and the total says so.
        assert_eq!(pages_asked(&server).await, [1, 2, 3], "{list:?}");
        for request in requests(&server).await {
            let query = request.url.query().unwrap();
            assert!(query.ends_with(&list.query_tail(3)), "{list:?}: {query}");
        }
    }
}

#[tokio::test]
async fn every_stream_stops_at_an_empty_list() {
    for list in LISTS {
        let server = paged_server(list, 0, &[]).await;
        let x = expenses(&server);
        let got: Vec<String> = within(list.stream(&x, 5, 1).try_collect()).await.unwrap();
        assert!(got.is_empty(), "{list:?}");
        assert_eq!(pages_asked(&server).await, [1], "{list:?}");
    }
}

#[tokio::test]
async fn every_stream_keeps_page_order_when_fetching_pages_at_once() {
    for list in LISTS {
        let server = paged_server(list, 25, &[]).await;
        let x = expenses(&server);
        let got: Vec<String> = within(list.stream(&x, 4, 3).try_collect()).await.unwrap();
        assert_eq!(got, ids(0..25), "{list:?}");
        let mut asked = pages_asked(&server).await;
        asked.sort_unstable();
        assert_eq!(asked, [1, 2, 3, 4, 5, 6, 7], "{list:?}");
    }
}

#[tokio::test]
async fn every_stream_yields_the_first_error_then_ends() {
    for list in LISTS {
        let server = paged_server(list, 9, &[2]).await;
        let x = expenses(&server);
        let got: Vec<Result<String, Error>> = within(list.stream(&x, 3, 1).collect()).await;
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
async fn a_stream_dropped_early_asks_for_no_more_pages() {
    for list in LISTS {
        let server = paged_server(list, 50, &[]).await;
        let x = expenses(&server);
        let first: Vec<String> = within(list.stream(&x, 10, 1).take(3).try_collect())
            .await
            .unwrap();
        assert_eq!(first, ids(0..3), "{list:?}");
        assert_eq!(pages_asked(&server).await, [1], "{list:?}");
    }
}

#[tokio::test]
async fn every_stream_fetches_as_many_pages_at_once_as_asked() {
    // Page 2 answers slowly. One page at a time, page 3 is asked for only after page 2's
    // answer; three at a time, page 3 is asked for while page 2 is still pending.
    for (concurrency, overlapping) in [(1, false), (3, true)] {
        for list in LISTS {
            let server = MockServer::start().await;
            let asked: Arc<Mutex<Vec<(usize, Instant)>>> = Arc::default();
            let log = asked.clone();
            Mock::given(method("GET"))
                .and(path(list.path()))
                .respond_with(move |request: &Request| {
                    let page = page_of(request);
                    log.lock().unwrap().push((page, Instant::now()));
                    let template = ResponseTemplate::new(200).set_body_json(json!({
                        "results": [list.item(page)], "pageNumber": page, "pageSize": 1,
                        "totalResults": 4
                    }));
                    if page == 2 {
                        template.set_delay(Duration::from_millis(400))
                    } else {
                        template
                    }
                })
                .mount(&server)
                .await;
            let x = expenses(&server);
            let got: Vec<String> = within(list.stream(&x, 1, concurrency).try_collect())
                .await
                .unwrap();
            assert_eq!(got, ids(1..5), "{list:?}");
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

// ---- bad input ------------------------------------------------------------------------------

#[tokio::test]
async fn unknown_enum_values_decode_as_unknown() {
    let spec_path =
        "/companies/{companyId}/sync/expenses/syncs/{syncId}/transactions/{transactionId}";
    let server = serve(
        AUTH,
        "GET",
        &concrete(spec_path),
        200,
        &json!([
            {"transactionId": "t-1", "status": "Queued", "integrationType": "payroll"},
            {"transactionId": "t-2", "status": "Unknown", "integrationType": "expenses"}
        ]),
    )
    .await;
    let got = expenses(&server)
        .transaction_status()
        .get(COMPANY, SYNC, TRANSACTION)
        .await
        .unwrap();
    assert_eq!(
        got[0].status,
        Some(TransactionStatus::Unrecognized("Queued".into()))
    );
    assert_eq!(
        got[0].integration_type,
        Some(IntegrationType::Unrecognized("payroll".into()))
    );
    // Codat's own `Unknown` is a known value.
    assert_eq!(got[1].status, Some(TransactionStatus::Unknown));
    assert_eq!(got[1].integration_type, Some(IntegrationType::Expenses));

    let server = serve(
        AUTH,
        "GET",
        &format!("{EXPENSES}/mappingOptions"),
        200,
        &json!({"accounts": [{"id": "1", "accountType": "Crypto",
                              "validFor": ["expense-transactions.Payment", "loans"]}]}),
    )
    .await;
    let options = expenses(&server)
        .mapping_options()
        .get_mapping_options(COMPANY)
        .await
        .unwrap();
    let account = &options.accounts.unwrap()[0];
    assert_eq!(
        account.account_type,
        Some(AccountMappingInfoAccountType::Unrecognized("Crypto".into()))
    );
    assert_eq!(
        account.valid_for.as_deref(),
        Some(
            &[
                ValidForItem::ExpenseTransactionsPayment,
                ValidForItem::Unrecognized("loans".into())
            ][..]
        )
    );
}

/// A server answering anything with `status`, `content_type` and `body`.
async fn answering(status: u16, content_type: &str, body: &'static str) -> MockServer {
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
async fn an_html_page_or_empty_body_keeps_the_status_and_body() {
    // 502 is not declared, 503 is, but neither body is Codat's error message.
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let server = answering(502, "text/html", page).await;
    let err = expenses(&server)
        .sync()
        .get(COMPANY, SYNC)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(502));
    assert_eq!(err.body(), Some(page));
    assert_eq!(err.correlation_id(), None);

    let server = answering(503, "text/html", page).await;
    let err = expenses(&server).sync().list(COMPANY).await.unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(503));

    let server = answering(500, "application/json", "").await;
    let err = expenses(&server)
        .configuration()
        .get(COMPANY)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(500));
    assert_eq!(err.body(), Some(""));
}

#[tokio::test]
async fn a_success_that_does_not_decode_keeps_the_status_and_body() {
    for body in ["", "{\"syncId\": ", "<html>OK</html>"] {
        let server = answering(200, "application/json", body).await;
        // The configuration's three parts are required: an empty body is no configuration.
        let err = expenses(&server)
            .configuration()
            .get(COMPANY)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{body:?}: {err:?}");
        assert_eq!(err.status(), Some(200));
        assert_eq!(err.body(), Some(body));
    }
}

#[tokio::test]
async fn an_undeclared_status_keeps_codats_correlation_id() {
    let message = json!({
        "statusCode": 409, "service": "PublicApi", "error": "Sync in progress",
        "correlationId": "corr-409", "canBeRetried": "Unknown", "detailedErrorCode": 0
    });
    // get-sync-by-id does not declare 409; list-customers does.
    if let Some(errors) = operation(
        "/companies/{companyId}/sync/expenses/syncs/{syncId}/status",
        "get",
    )
    .and_then(spec_errors)
    {
        assert!(!errors.contains(&409), "{errors:?}");
    }
    let server = serve(
        AUTH,
        "GET",
        &format!("{EXPENSES}/syncs/{SYNC}/status"),
        409,
        &message,
    )
    .await;
    let err = expenses(&server)
        .sync()
        .get(COMPANY, SYNC)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));
    assert_eq!(err.correlation_id(), Some("corr-409"));
    assert!(err.body().unwrap().contains("Sync in progress"));

    let server = serve(
        AUTH,
        "GET",
        &format!("/companies/{COMPANY}/data/customers"),
        409,
        &message,
    )
    .await;
    let err = expenses(&server)
        .customers()
        .list(COMPANY, PageParams::new())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(
        err.error_message().unwrap().error.as_deref(),
        Some("Sync in progress")
    );
    assert_eq!(err.correlation_id(), Some("corr-409"));
}

#[tokio::test]
async fn a_hostile_id_stays_one_path_segment() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let x = expenses(&server);
    for (id, encoded) in [("../x", "..%2Fx"), ("a/b?c#d", "a%2Fb%3Fc%23d")] {
        x.transaction_status().get(COMPANY, id, id).await.unwrap();
        let sent = requests(&server).await.pop().unwrap();
        assert_eq!(
            sent.url.path(),
            format!("{EXPENSES}/syncs/{encoded}/transactions/{encoded}")
        );
        assert_eq!(sent.url.query(), None);
        assert_eq!(sent.url.fragment(), None);
    }
    // `..` cannot be a segment at all: refused, nothing sent, whichever parameter it is.
    let before = requests(&server).await.len();
    let err = x.sync().list("..").await.unwrap_err();
    assert!(matches!(err, Error::InvalidPathParameter { .. }), "{err:?}");
    let upload = Upload::from_bytes(&b"x"[..]).file_name("x.pdf");
    let err = x
        .attachments()
        .upload(COMPANY, SYNC, "..", upload)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPathParameter { .. }), "{err:?}");
    let err = x
        .expenses()
        .update(COMPANY, "..", &expense_update())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPathParameter { .. }), "{err:?}");
    assert_eq!(requests(&server).await.len(), before);
}
