//! Every Sync for Expenses operation and page stream, from the two tables the shared checks
//! walk (`codat_product_tests`): what each operation sends, every success example the spec
//! documents (or, where it documents none, one built from the response schema) decoded,
//! Codat's errors, hostile path values, the declarations; every stream's pages, end, first
//! error and concurrency. Then what only this product has: the exact JSON arrays the
//! transaction operations send, the multipart upload, enum values Codat adds later.

use codat_client::Upload;
use codat_product_tests::{answering, call, json_body, list, list_tests, normalized, op_tests};
use codat_product_tests::{page_fixture, paging, push_fixture, push_option_fixture, requests};
use codat_product_tests::{Product, COMPANY, CONNECTION};
use codat_sync_expenses::models::{
    AccountMappingInfoAccountType, AccountPrototype, AccountStatus, AccountType,
    AdjustmentTransactionLine, AdjustmentTransactionRequest, BankAccountDetails,
    CompanyConfiguration, CreateAccountParams, CreateBankAccountParams, CreateCustomerParams,
    CreateSupplierParams, Customer, CustomerDetails, CustomerStatus, ExpenseContactRef,
    ExpenseContactRefType, ExpenseTransaction, ExpenseTransactionBankAccountRef,
    ExpenseTransactionLine, ExpenseTransactionType, IntegrationType, InvoiceTo, InvoiceToType,
    ListSyncTransactionsParams, RecordRef, ReimbursableExpenseTransaction,
    ReimbursableExpenseTransactionLine, ReimbursementContactRef, Supplier, SupplierDetails,
    SupplierStatus, TrackingRef, TrackingRefAdjustmentTransaction,
    TrackingRefAdjustmentTransactionDataType, TrackingRefDataType, TransactionStatus,
    TransferTransactionRequest, TransferTransactionRequestFrom,
    TransferTransactionRequestFromAccountRef, TransferTransactionRequestTo,
    TransferTransactionRequestToAccountRef, UpdateCustomerParams, UpdateExpenseRequest,
    UpdateExpenseRequestBankAccountRef, UpdateExpenseRequestType,
    UpdateReimbursableExpenseTransactionRequest, UpdateSupplierParams, ValidForItem,
};
use codat_sync_expenses::SyncForExpenses;
use rust_decimal_macros::dec;
use serde_json::{json, Value};
use wiremock::ResponseTemplate;

type Op = codat_product_tests::Op<SyncForExpenses>;
type List = codat_product_tests::List<SyncForExpenses>;

/// The ids the table's paths are filled with.
const SYNC: &str = "6fb40d5e-b13e-11ed-afa1-0242ac120002";
const TRANSACTION: &str = "336694d8-2dca-4cb5-a28d-3ccb83e55eee";
const RECORD: &str = "13d946f0-c5d5-42bc-b092-97ece17923ab";

static EXPENSES: Product<SyncForExpenses> =
    Product::new("codat-sync-expenses", SyncForExpenses::new)
        .values(&[("syncId", SYNC)])
        .built();

const CREATE_QUERY: &str = "timeoutInMinutes=30&allowSyncOnPushComplete=false";
const UPDATE_QUERY: &str = "timeoutInMinutes=5&allowSyncOnPushComplete=true&forceUpdate=true";
const EXPENSES_SPEC: &str = "/companies/{companyId}/sync/expenses";

fn sync_status() -> Value {
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

/// A record whose other fields are absent.
fn bare<T: serde::de::DeserializeOwned>() -> T {
    serde_json::from_value(json!({"status": "Active"})).unwrap()
}

fn customer() -> Customer {
    Customer {
        customer_name: Some("Acme Events".into()),
        email_address: Some("billing@acme.example".into()),
        default_currency: Some("GBP".into()),
        status: CustomerStatus::Active,
        ..bare()
    }
}

fn supplier() -> Supplier {
    Supplier {
        supplier_name: Some("Amazon UK".into()),
        status: SupplierStatus::Active,
        default_currency: Some("GBP".into()),
        ..bare()
    }
}

fn customer_json() -> Value {
    json!({"customerName": "Acme Events", "emailAddress": "billing@acme.example",
           "defaultCurrency": "GBP", "status": "Active"})
}

fn ops() -> Vec<Op> {
    let sync = || json!({"syncId": SYNC});
    let config = json!({"bankAccount": {"id": "89"}, "supplier": {"id": "124"},
                        "customer": {"id": "140"}});
    vec![
        Op::post(
            "/companies/{companyId}/sync/expenses/connections/partnerExpense",
            call!(|p, a| p.connections().create_partner_expense_connection(&a[0])),
        )
        .fixture(json!({
            "id": CONNECTION, "integrationId": "fd321cb6-7963-4506-b873-e99593a45e30",
            "sourceId": "35b92968-9851-4095-ad60-395c95cbcba4", "sourceType": "Expense",
            "platformName": "Partner Expense", "linkUrl": "https://link-api.codat.io",
            "status": "Linked", "created": "2022-10-27T09:53:29Z"
        })),
        Op::get(
            "/companies/{companyId}/data/info",
            call!(|p, a| p.company_info().get(&a[0])),
        )
        .fixture(json!({"companyName": "Codat", "baseCurrency": "GBP"})),
        Op::get(
            "/companies/{companyId}/sync/expenses/config",
            call!(|p, a| p.configuration().get(&a[0])),
        )
        .fixture(config.clone()),
        Op::post(
            "/companies/{companyId}/sync/expenses/config",
            call!(|p, a| p.configuration().set(&a[0], &configuration())),
        )
        .sends(config.clone())
        .fixture(config),
        Op::get(
            "/companies/{companyId}/sync/expenses/mappingOptions",
            call!(|p, a| p.mapping_options().get_mapping_options(&a[0])),
        )
        .fixture(json!({"expenseProvider": "Partner Expense",
                        "accounts": [{"id": "35", "accountType": "Expense"}]})),
        Op::get(
            "/companies/{companyId}/sync/expenses/syncs/lastSuccessful/status",
            call!(|p, a| p.sync().get_last_successful_sync(&a[0])),
        )
        .fixture(sync_status()),
        Op::get(
            "/companies/{companyId}/sync/expenses/syncs/latest/status",
            call!(|p, a| p.sync().get_latest_sync(&a[0])),
        )
        .fixture(sync_status()),
        Op::get(
            "/companies/{companyId}/sync/expenses/syncs/list/status",
            call!(|p, a| p.sync().list(&a[0])),
        )
        .fixture(json!([sync_status(), sync_status()])),
        Op::get(
            "/companies/{companyId}/sync/expenses/syncs/{syncId}/status",
            call!(|p, a| p.sync().get(&a[0], &a[1])),
        )
        .fixture(sync_status()),
        Op::get(
            "/companies/{companyId}/sync/expenses/syncs/{syncId}/transactions",
            call!(|p, a| {
                let params = ListSyncTransactionsParams::new().page(2).page_size(50);
                p.transaction_status().list(&a[0], &a[1], params)
            }),
        )
        .query("page=2&pageSize=50")
        .fixture(page_fixture(json!([{"transactionId": TRANSACTION, "status": "Completed",
                                      "integrationType": "expenses"}]))),
        Op::get(
            "/companies/{companyId}/sync/expenses/syncs/{syncId}/transactions/{transactionId}",
            call!(|p, a| p.transaction_status().get(&a[0], &a[1], &a[2])),
        )
        .fixture(json!([{"transactionId": TRANSACTION, "status": "Completed"}])),
        Op::post(
            "/companies/{companyId}/sync/expenses/expense-transactions",
            call!(|p, a| p.expenses().create(&a[0], &[payment(), refund()])),
        )
        .sends(expenses_json())
        .fixture(sync()),
        Op::put(
            "/companies/{companyId}/sync/expenses/expense-transactions/{transactionId}",
            call!(|p, a| p.expenses().update(&a[0], &a[1], &expense_update())),
        )
        .status(202)
        .sends(expense_update_json())
        .fixture(sync()),
        Op::put(
            "/companies/{companyId}/sync/expenses/transfer-transactions/{transactionId}",
            call!(|p, a| p.transfers().create(&a[0], &a[1], &transfer())),
        )
        .sends(transfer_json())
        .fixture(sync()),
        Op::post(
            "/companies/{companyId}/sync/expenses/adjustment-transactions",
            call!(|p, a| p.adjustments().create(&a[0], &[adjustment()])),
        )
        .sends(adjustments_json())
        .fixture(sync()),
        Op::post(
            "/companies/{companyId}/sync/expenses/reimbursable-expense-transactions",
            call!(|p, a| p.reimbursements().create(&a[0], &[reimbursement()])),
        )
        .sends(reimbursements_json())
        .fixture(sync()),
        Op::put(
            "/companies/{companyId}/sync/expenses/reimbursable-expense-transactions/{transactionId}",
            call!(|p, a| p.reimbursements().update(&a[0], &a[1], &reimbursement_update())),
        )
        .sends(reimbursement_update_json())
        .fixture(sync()),
        Op::post(
            "/companies/{companyId}/sync/expenses/syncs/{syncId}/transactions/{transactionId}/attachments",
            call!(|p, a| {
                let receipt = Upload::from_bytes(&b"%PDF-1.7 receipt"[..]).file_name("receipt.pdf");
                p.attachments().upload(&a[0], &a[1], &a[2], receipt)
            }),
        )
        .multipart()
        .fixture(json!({"companyId": COMPANY, "id": "att-1", "transactionId": TRANSACTION})),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/push/accounts",
            call!(|p, a| async {
                let params = CreateAccountParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(false);
                p.accounts().create(&a[0], &a[1], params, &account()).await
            }),
        )
        .query(CREATE_QUERY)
        .sends(json!({"nominalCode": "6100", "name": "Travel", "currency": "GBP",
                      "type": "Expense", "status": "Active", "isBankAccount": false}))
        .fixture(push_fixture(json!({"id": "acc-9", "name": "Travel"}))),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/options/chartOfAccounts",
            call!(|p, a| p.accounts().get_create_model(&a[0], &a[1])),
        )
        .fixture(push_option_fixture()),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/push/bankAccounts",
            call!(|p, a| async {
                let params = CreateBankAccountParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(false);
                p.bank_accounts().create(&a[0], &a[1], params, &a.body()).await
            }),
        )
        .query(CREATE_QUERY)
        .sends_examples(json!({"accountName": "GBP card account", "accountType": "Credit",
                               "accountNumber": "12345678", "currency": "GBP", "status": "Active"}))
        .fixture(push_fixture(json!({"id": "ba-1", "accountName": "GBP card account"}))),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/options/bankAccounts",
            call!(|p, a| p.bank_accounts().get_create_model(&a[0], &a[1])),
        )
        .fixture(push_option_fixture()),
        Op::page(
            "/companies/{companyId}/data/customers",
            call!(|p, a| p.customers().list(&a[0], paging())),
            json!({"id": RECORD, "status": "Active"}),
        ),
        Op::get(
            "/companies/{companyId}/data/customers/{customerId}",
            call!(|p, a| p.customers().get(&a[0], &a[1])),
        )
        .fixture(json!({"id": RECORD, "customerName": "Acme Events", "status": "Active"})),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/push/customers",
            call!(|p, a| async {
                let params = CreateCustomerParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(false);
                p.customers().create(&a[0], &a[1], params, &customer()).await
            }),
        )
        .query(CREATE_QUERY)
        .sends(customer_json())
        .fixture(push_fixture(json!({"id": RECORD, "status": "Active"}))),
        Op::put(
            "/companies/{companyId}/connections/{connectionId}/push/customers/{customerId}",
            call!(|p, a| async {
                let params = UpdateCustomerParams::new().timeout_in_minutes(5).allow_sync_on_push_complete(true).force_update(true);
                p.customers().update(&a[0], &a[1], &a[2], params, &customer()).await
            }),
        )
        .query(UPDATE_QUERY)
        .sends(customer_json())
        .fixture(push_fixture(json!({"id": RECORD, "status": "Active"}))),
        Op::page(
            "/companies/{companyId}/data/suppliers",
            call!(|p, a| p.suppliers().list(&a[0], paging())),
            json!({"id": RECORD, "status": "Active"}),
        ),
        Op::get(
            "/companies/{companyId}/data/suppliers/{supplierId}",
            call!(|p, a| p.suppliers().get(&a[0], &a[1])),
        )
        .fixture(json!({"id": RECORD, "supplierName": "Amazon UK", "status": "Active"})),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/push/suppliers",
            call!(|p, a| async {
                let params = CreateSupplierParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(false);
                p.suppliers().create(&a[0], &a[1], params, &a.body()).await
            }),
        )
        .query(CREATE_QUERY)
        .sends_examples(json!({"supplierName": "Amazon UK", "status": "Active", "defaultCurrency": "GBP"}))
        .fixture(push_fixture(json!({"id": RECORD, "status": "Active"}))),
        Op::put(
            "/companies/{companyId}/connections/{connectionId}/push/suppliers/{supplierId}",
            call!(|p, a| async {
                let params = UpdateSupplierParams::new().timeout_in_minutes(5).allow_sync_on_push_complete(true).force_update(true);
                p.suppliers().update(&a[0], &a[1], &a[2], params, &supplier()).await
            }),
        )
        .query(UPDATE_QUERY)
        .sends(json!({"supplierName": "Amazon UK", "status": "Active", "defaultCurrency": "GBP"}))
        .fixture(push_fixture(json!({"id": RECORD, "status": "Active"}))),
    ]
}

op_tests!(EXPENSES, ops(), 30);

fn lists() -> Vec<List> {
    vec![
        List::new(
            "/companies/{companyId}/data/customers",
            list!(|p, o| p.customers().list_all(COMPANY, o.options()), |c| c
                .id),
        )
        .item(|i| json!({"id": format!("item-{i}"), "status": "Active"})),
        List::new(
            "/companies/{companyId}/data/suppliers",
            list!(|p, o| p.suppliers().list_all(COMPANY, o.options()), |s| s
                .id),
        )
        .item(|i| json!({"id": format!("item-{i}"), "status": "Active"})),
        // Sync transactions take a page size and nothing more.
        List::new(
            "/companies/{companyId}/sync/expenses/syncs/{syncId}/transactions",
            list!(
                |p, o| p
                    .transaction_status()
                    .list_all(COMPANY, SYNC, o.size, o.concurrency),
                |t| t.transaction_id
            ),
        )
        .item(|i| json!({"transactionId": format!("item-{i}"), "status": "Completed"}))
        .no_query(),
    ]
}

list_tests!(EXPENSES, lists());

// ---- what the tables do not say -------------------------------------------------------------

#[test]
fn the_array_bodies_are_the_specs_request_examples() {
    let Some(_) = EXPENSES.spec() else { return };
    let examples = |path: &str, verb: &str| -> Vec<Value> {
        let found =
            EXPENSES.request_examples(verb, &format!("{EXPENSES_SPEC}{path}"), &Value::Null);
        found.into_iter().map(|(_, v)| normalized(&v)).collect()
    };
    // The two expense examples, one item each, are the two items this crate sends.
    let expenses: Vec<Value> = examples("/expense-transactions", "POST")
        .into_iter()
        .flat_map(|v| v.as_array().unwrap().clone())
        .collect();
    assert_eq!(Value::Array(expenses), normalized(&expenses_json()));
    let adjustments = examples("/adjustment-transactions", "POST");
    assert_eq!(adjustments, [normalized(&adjustments_json())]);
    let path = "/reimbursable-expense-transactions";
    assert_eq!(examples(path, "POST"), [normalized(&reimbursements_json())]);
    let update = examples(&format!("{path}/{{transactionId}}"), "PUT");
    assert_eq!(update, [normalized(&reimbursement_update_json())]);
    let update = examples("/expense-transactions/{transactionId}", "PUT");
    assert_eq!(update, [normalized(&expense_update_json())]);
    let transfer = examples("/transfer-transactions/{transactionId}", "PUT");
    assert_eq!(transfer, [normalized(&transfer_json())]);
}

#[tokio::test]
async fn an_empty_or_single_item_array_is_sent_as_an_array() {
    let (x, server) = EXPENSES
        .answered(ResponseTemplate::new(200).set_body_json(json!({"syncId": SYNC})))
        .await;
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
async fn writes_without_options_send_no_query() {
    let (x, server) = EXPENSES
        .answered(ResponseTemplate::new(200).set_body_json(push_fixture(json!({}))))
        .await;
    let none = CreateBankAccountParams::new();
    let _ = x
        .bank_accounts()
        .create(COMPANY, CONNECTION, none, &Default::default())
        .await;
    let none = CreateSupplierParams::new();
    let _ = x
        .suppliers()
        .create(COMPANY, CONNECTION, none, &supplier())
        .await;
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    assert!(sent.iter().all(|r| r.url.query().is_none()));
}

#[tokio::test]
async fn an_attachment_arrives_as_one_file_part() {
    let body = json!({"companyId": COMPANY, "id": "att-7", "transactionId": TRANSACTION});
    let (x, server) = EXPENSES
        .answered(ResponseTemplate::new(200).set_body_json(body))
        .await;
    // Every byte value, so that nothing is re-encoded on the way.
    let receipt: Vec<u8> = b"%PDF-1.7\n"
        .iter()
        .copied()
        .chain((0..4096u32).map(|i| (i % 256) as u8))
        .collect();
    let upload = Upload::from_bytes(receipt.clone())
        .file_name("taxi receipt.pdf")
        .content_type("application/pdf");
    let attachment = x
        .attachments()
        .upload(COMPANY, SYNC, TRANSACTION, upload)
        .await
        .unwrap();
    assert_eq!(attachment.id.as_deref(), Some("att-7"));
    codat_product_tests::check_one_file_part(
        &EXPENSES.only_request(&server).await,
        "taxi receipt.pdf",
        "application/pdf",
        &receipt,
    );
}

#[tokio::test]
async fn unknown_enum_values_decode_as_unknown_and_an_empty_configuration_is_none() {
    let answer = |body: Value| answering(ResponseTemplate::new(200).set_body_json(body));
    let server = answer(json!([
        {"transactionId": "t-1", "status": "Queued", "integrationType": "payroll"},
        {"transactionId": "t-2", "status": "Unknown", "integrationType": "expenses"}
    ]))
    .await;
    let x = EXPENSES.client(&server);
    let got = x
        .transaction_status()
        .get(COMPANY, SYNC, TRANSACTION)
        .await
        .unwrap();
    assert_eq!(
        got[0].status,
        Some(TransactionStatus::Unrecognized("Queued".into()))
    );
    let payroll = Some(IntegrationType::Unrecognized("payroll".into()));
    assert_eq!(got[0].integration_type, payroll);
    // Codat's own `Unknown` is a known value.
    assert_eq!(got[1].status, Some(TransactionStatus::Unknown));
    assert_eq!(got[1].integration_type, Some(IntegrationType::Expenses));

    let server = answer(json!({"accounts": [{"id": "1", "accountType": "Crypto",
                                             "validFor": ["expense-transactions.Payment", "loans"]}]}))
    .await;
    let options = EXPENSES
        .client(&server)
        .mapping_options()
        .get_mapping_options(COMPANY)
        .await;
    let account = &options.unwrap().accounts.unwrap()[0];
    let crypto = Some(AccountMappingInfoAccountType::Unrecognized("Crypto".into()));
    assert_eq!(account.account_type, crypto);
    let valid = [
        ValidForItem::ExpenseTransactionsPayment,
        ValidForItem::Unrecognized("loans".into()),
    ];
    assert_eq!(account.valid_for.as_deref(), Some(&valid[..]));

    // The configuration's three parts are required: an empty body is no configuration.
    let template = ResponseTemplate::new(200).set_body_raw("", "application/json");
    let err = EXPENSES
        .client(&answering(template).await)
        .configuration()
        .get(COMPANY)
        .await;
    let err = err.unwrap_err();
    assert!(matches!(err, codat_client::Error::Decode { .. }), "{err:?}");
    assert_eq!((err.status(), err.body()), (Some(200), Some("")));
}
