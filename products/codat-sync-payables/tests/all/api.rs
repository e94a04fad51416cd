//! Every Sync for Payables operation, from the table the shared checks walk
//! (`codat_product_tests`): what each sends (the idempotency key given, or none), the spec's
//! success examples decoded, Codat's errors, hostile path values, the declarations. Then what
//! only this product has: a fresh idempotency key per call, the typed query, the multipart
//! upload, and the four page streams that follow continuation tokens.

use std::sync::Arc;

use codat_client::models::DateTime;
use codat_client::{Error, Upload};
use codat_product_tests::{answering, call, header_of, op_tests, requests, within, Product};
use codat_product_tests::{COMPANY, CONNECTION};
use codat_sync_payables::bills::BillMappingOption;
use codat_sync_payables::models::{
    Address, AddressType, BankAccountPrototype, BankAccountType, BillAccountRef, BillLineItem,
    BillPaymentAccountRef, BillPaymentPrototype, BillPrototype, BillStatus, BillTaxRateRef,
    CreateBankAccountParams, CreateBillParams, CreateBillPaymentParams, CreateSupplierParams,
    GetMappingOptionsBillsParams, GetMappingOptionsPaymentsParams, ListBillsParams,
    ListSuppliersParams, SupplierPrototype, SupplierRef, SupplierStatus, UpdateBillParams,
};
use codat_sync_payables::SyncForPayables;
use futures_util::StreamExt;
use rust_decimal_macros::dec;
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

type Op = codat_product_tests::Op<SyncForPayables>;

const AUTH: &str = "Basic c3luYy1wYXlhYmxlcy10ZXN0LWtleQ==";
const BASE: &str =
    "/companies/8a210b68-6988-11ed-a1eb-0242ac120002/connections/2e9d2c44-f675-40ba-8049-353bfcb5e171/payables";
const SPEC_BASE: &str = "/companies/{companyId}/connections/{connectionId}/payables";

static PAYABLES: Product<SyncForPayables> =
    Product::new("codat-sync-payables", SyncForPayables::new);

fn is_uuid_v4(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| bytes[i] == b'-')
        && bytes[14] == b'4'
        && text
            .chars()
            .filter(|c| *c != '-')
            .all(|c| c.is_ascii_hexdigit())
}

// ---- request bodies -------------------------------------------------------------------------

fn bill_prototype() -> BillPrototype {
    BillPrototype {
        reference: Some("INV-2024-001".into()),
        supplier_ref: SupplierRef {
            id: "sup-1".into(),
            supplier_name: Some("Northridge Office Supplies".into()),
        },
        issue_date: DateTime::from("2024-05-01T00:00:00"),
        due_date: DateTime::from("2024-05-31T00:00:00"),
        currency: "GBP".into(),
        currency_rate: None,
        line_items: Some(vec![BillLineItem {
            description: Some("Paper".into()),
            unit_amount: Some(dec!(12.5)),
            quantity: Some(dec!(4.0)),
            tax_amount: Some(dec!(10.0)),
            account_ref: Some(BillAccountRef {
                id: Some("acc-1".into()),
            }),
            total_amount: Some(dec!(60.0)),
            tax_rate_ref: Some(BillTaxRateRef {
                id: Some("VAT20".into()),
            }),
            tracking_refs: None,
        }]),
        status: BillStatus::Open,
    }
}

fn bill_json() -> Value {
    json!({
        "reference": "INV-2024-001",
        "supplierRef": {"id": "sup-1", "supplierName": "Northridge Office Supplies"},
        "issueDate": "2024-05-01T00:00:00",
        "dueDate": "2024-05-31T00:00:00",
        "currency": "GBP",
        "lineItems": [{
            "description": "Paper", "unitAmount": 12.5, "quantity": 4.0, "taxAmount": 10.0,
            "accountRef": {"id": "acc-1"}, "totalAmount": 60.0, "taxRateRef": {"id": "VAT20"}
        }],
        "status": "Open"
    })
}

/// The spec's supplier request example, as a prototype.
fn supplier_prototype() -> SupplierPrototype {
    SupplierPrototype {
        supplier_name: "Northridge Office Supplies".into(),
        contact_name: Some("Sarah Johnson".into()),
        email_address: Some("sarah.johnson@northridgesupplies.co.uk".into()),
        phone: Some("+44 (0)1223 322410".into()),
        addresses: Some(vec![Address {
            r#type: Some(AddressType::Billing),
            line1: Some("Flat 1".into()),
            line2: Some("2 Dennis Avenue".into()),
            city: Some("London".into()),
            region: Some("Camden".into()),
            country: Some("GB".into()),
            postal_code: Some("EC1N 7TE".into()),
        }]),
        status: SupplierStatus::Active,
        balance: None,
        default_currency: Some("GBP".into()),
    }
}

/// The spec's bill payment request example, as a prototype.
fn payment_prototype() -> BillPaymentPrototype {
    BillPaymentPrototype {
        amount: dec!(22.0),
        date: DateTime::from("2022-10-23T00:00:00.000Z"),
        reference: Some("Bill Payment against bill c13e37b6 dfaa-4894-b3be-9fe97bda9f44".into()),
        account_ref: BillPaymentAccountRef {
            id: "7bda9f44sr56".into(),
        },
        currency_rate: Some(dec!(1.0)),
    }
}

/// The spec's bank account request example, as a prototype.
fn bank_account_prototype() -> BankAccountPrototype {
    BankAccountPrototype {
        nominal_code: Some("22".into()),
        name: Some("Plutus - Payables - Bank Account 12".into()),
        account_type: BankAccountType::Debit,
        account_number: Some("0120 0440".into()),
        sort_code: Some("50-50-50".into()),
        currency: "GBP".into(),
    }
}

/// The spec's request example of `verb` at `suffix` (after the payables prefix); without the
/// spec, what `fallback` writes.
fn request_example(verb: &str, suffix: &str, fallback: impl serde::Serialize) -> Value {
    let fallback = serde_json::to_value(fallback).unwrap();
    let path = format!("{SPEC_BASE}{suffix}");
    PAYABLES
        .request_examples(verb, &path, &fallback)
        .swap_remove(0)
        .1
}

/// The spec's example of the bills list has `"currencyRate": "1,"` where the schema says
/// number: the client reports it as a decode error rather than guessing.
fn currency_rate(example: &Value) -> Option<Value> {
    let text = example.to_string();
    let fixed = text.replace(r#""currencyRate":"1,""#, r#""currencyRate":1"#);
    (fixed != text).then(|| serde_json::from_str(&fixed).unwrap())
}

fn ops() -> Vec<Op> {
    let bill = json!({"id": "bill-1", "supplierRef": {"id": "sup-1"}, "issueDate": "2024-05-01",
                      "dueDate": "2024-05-31", "currency": "GBP", "status": "Open"});
    vec![
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/payables/info",
            call!(|p, a| p.company_information().get(&a[0], &a[1])),
        )
        .fixture(json!({"companyName": "Acme", "baseCurrency": "GBP"})),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/payables/bills",
            call!(|p, a| {
                let params = ListBillsParams::new().continuation_token("tok/1==");
                p.bills().list(&a[0], &a[1], params.query("status=Open&&amountDue>0"))
            }),
        )
        .query("continuationToken=tok%2F1%3D%3D&query=status%3DOpen%26%26amountDue%3E0")
        .erratum(currency_rate)
        .fixture(json!({"results": [bill.clone()]})),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/payables/bills",
            call!(|p, a| async {
                let key = CreateBillParams::new().idempotency_key("bill-key-1");
                p.bills().create(&a[0], &a[1], key, &bill_prototype()).await
            }),
        )
        .status(201)
        .headers(&[("idempotency-key", Some("bill-key-1"))])
        .sends(bill_json())
        .fixture(bill.clone()),
        Op::put(
            "/companies/{companyId}/connections/{connectionId}/payables/bills/{billId}",
            call!(|p, a| async {
                let key = UpdateBillParams::new().idempotency_key("upd-1");
                p.bills().update(&a[0], &a[1], &a[2], key, &bill_prototype()).await
            }),
        )
        .headers(&[("idempotency-key", Some("upd-1"))])
        .sends(bill_json())
        .fixture(bill),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/payables/bills/{billId}/attachments",
            call!(|p, a| {
                let upload = Upload::from_bytes(&b"%PDF-1.7 invoice"[..]).file_name("invoice 42.pdf");
                p.bills().upload_attachment(&a[0], &a[1], &a[2], upload)
            }),
        )
        .status(201)
        .multipart()
        .fixture(json!({"id": "att-1", "name": "receipt.png", "fileSize": 100})),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/payables/bills/{billId}/attachments",
            call!(|p, a| p.bills().list_attachments(&a[0], &a[1], &a[2])),
        )
        .fixture(json!([{"id": "a1"}, {"id": "a2"}])),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/payables/bills/{billId}/attachments/{attachmentId}/download",
            call!(|p, a| p.bills().download_attachment(&a[0], &a[1], &a[2], &a[3]) => file),
        )
        .file("application/octet-stream"),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/payables/mappingOptions/bills",
            call!(|p, a| {
                let params = GetMappingOptionsBillsParams::new().continuation_token("t 1");
                p.bills().get_bill_options(&a[0], &a[1], params.status_query("status=Active"))
            }),
        )
        .query("continuationToken=t%201&statusQuery=status%3DActive")
        .fixture(json!({"accounts": [{"id": "acc-1"}], "taxRates": [{"id": "tax-1"}],
                        "pagination": {"continuationToken": "next"}})),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/payables/bills/{billId}/payment",
            call!(|p, a| async {
                let key = CreateBillPaymentParams::new().idempotency_key("pay-1");
                p.bill_payments().create(&a[0], &a[1], &a[2], key, &payment_prototype()).await
            }),
        )
        .status(201)
        .headers(&[("idempotency-key", Some("pay-1"))])
        .sends(request_example("POST", "/bills/{billId}/payment", payment_prototype()))
        .fixture(json!({"id": "billPayment-1", "amount": 22})),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/payables/mappingOptions/payments",
            call!(|p, a| {
                let params = GetMappingOptionsPaymentsParams::new().status_query("status=Active");
                p.bill_payments().get_payment_options(&a[0], &a[1], params)
            }),
        )
        .query("statusQuery=status%3DActive")
        .fixture(json!({"bankAccounts": [{"id": "ba-1", "accountType": "Debit"}]})),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/payables/suppliers",
            call!(|p, a| {
                let params = ListSuppliersParams::new().continuation_token("abc");
                p.suppliers().list(&a[0], &a[1], params.query("status=Active"))
            }),
        )
        .query("continuationToken=abc&query=status%3DActive")
        .fixture(json!({"results": [{"id": "s1", "supplierName": "Acme"}]})),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/payables/suppliers",
            call!(|p, a| async {
                let key = CreateSupplierParams::new().idempotency_key("sup-key");
                p.suppliers().create(&a[0], &a[1], key, &supplier_prototype()).await
            }),
        )
        .status(201)
        .headers(&[("idempotency-key", Some("sup-key"))])
        .sends(request_example("POST", "/suppliers", supplier_prototype()))
        .fixture(json!({"id": "sup-1", "supplierName": "Northridge Office Supplies"})),
        // An update sends no idempotency key.
        Op::put(
            "/companies/{companyId}/connections/{connectionId}/payables/suppliers/{supplierId}",
            call!(|p, a| p.suppliers().update(&a[0], &a[1], &a[2], &supplier_prototype())),
        )
        .headers(&[("idempotency-key", None)])
        .sends(request_example("PUT", "/suppliers/{supplierId}", supplier_prototype()))
        .fixture(json!({"id": "sup-10933920", "status": "Active"})),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/payables/bankAccounts",
            call!(|p, a| async {
                let key = CreateBankAccountParams::new().idempotency_key("ba-key");
                p.bank_accounts().create(&a[0], &a[1], key, &bank_account_prototype()).await
            }),
        )
        .status(201)
        .headers(&[("idempotency-key", Some("ba-key"))])
        .sends(request_example("POST", "/bankAccounts", bank_account_prototype()))
        .fixture(json!({"id": "ba-1", "accountType": "Debit", "status": "Active"})),
    ]
}

op_tests!(PAYABLES, ops(), 14);

// ---- what the table does not say ------------------------------------------------------------

#[tokio::test]
async fn every_write_without_a_key_sends_a_fresh_one_and_options_unset_send_no_query() {
    let server = answering(ResponseTemplate::new(201).set_body_json(json!({}))).await;
    let payables = PAYABLES.client(&server);
    for _ in 0..2 {
        let bills = payables.bills();
        let _ = bills
            .create(
                COMPANY,
                CONNECTION,
                CreateBillParams::new(),
                &bill_prototype(),
            )
            .await;
        let _ = bills
            .update(
                COMPANY,
                CONNECTION,
                "b-7",
                UpdateBillParams::new(),
                &bill_prototype(),
            )
            .await;
        let payment = payment_prototype();
        let none = CreateBillPaymentParams::new();
        let _ = payables
            .bill_payments()
            .create(COMPANY, CONNECTION, "b-7", none, &payment)
            .await;
        let none = CreateSupplierParams::new();
        let _ = payables
            .suppliers()
            .create(COMPANY, CONNECTION, none, &supplier_prototype())
            .await;
        let none = CreateBankAccountParams::new();
        let account = bank_account_prototype();
        let _ = payables
            .bank_accounts()
            .create(COMPANY, CONNECTION, none, &account)
            .await;
    }
    let _ = payables
        .bills()
        .list(COMPANY, CONNECTION, ListBillsParams::new())
        .await;
    let sent = requests(&server).await;
    let keys: Vec<&str> = sent[..10]
        .iter()
        .map(|r| header_of(r, "idempotency-key").unwrap())
        .collect();
    assert!(keys.iter().all(|k| is_uuid_v4(k)), "{keys:?}");
    let mut distinct = keys.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), keys.len(), "one key per call");
    assert!(sent.iter().all(|r| r.url.query().is_none()));
}

#[test]
fn the_typed_query_over_a_bills_fields_is_the_one_the_table_sends() {
    let bill = codat_client::query::fields::<codat_sync_payables::models::Bill>();
    let open_and_due = (bill.status().eq(BillStatus::Open) & bill.amount_due().gt(0)).to_query();
    assert_eq!(open_and_due.unwrap().as_str(), "status=Open&&amountDue>0");
}

#[tokio::test]
async fn an_attachment_is_uploaded_as_one_file_part() {
    let server = answering(ResponseTemplate::new(201).set_body_json(json!({"id": "att-1"}))).await;
    let pdf: Vec<u8> = b"%PDF-1.7\n"
        .iter()
        .copied()
        .chain((0..5000u32).map(|i| (i % 251) as u8))
        .collect();
    let upload = Upload::from_bytes(pdf.clone())
        .file_name("invoice 42.pdf")
        .content_type("application/pdf");
    let payables = PAYABLES.client(&server);
    payables
        .bills()
        .upload_attachment(COMPANY, CONNECTION, "b-7", upload)
        .await
        .unwrap();
    codat_product_tests::check_one_file_part(
        &PAYABLES.only_request(&server).await,
        "invoice 42.pdf",
        "application/pdf",
        &pdf,
    );
}

// ---- page streams ---------------------------------------------------------------------------

/// Writes a page's JSON from its item ids and next token.
type PageJson = fn(&[&str], Option<&str>) -> Value;

/// One scripted page: item ids and the next token, or an error status.
type Script = Vec<Result<(Vec<&'static str>, Option<&'static str>), u16>>;

/// Serves `script` at `full_path`: no token gets page 0, token `tN` gets page N. `page`
/// writes a page's JSON from its ids and next token.
async fn token_server(full_path: &str, script: Script, page: PageJson) -> MockServer {
    let server = MockServer::builder().start().await;
    let script = Arc::new(script);
    Mock::given(method("GET"))
        .and(path(full_path))
        .and(header("authorization", AUTH))
        .respond_with(move |request: &Request| {
            let token = request
                .url
                .query_pairs()
                .find(|(k, _)| k == "continuationToken")
                .map(|(_, v)| v.into_owned());
            let index = token.map_or(0, |t| t.trim_start_matches('t').parse().unwrap());
            match &script[index] {
                Ok((ids, next)) => ResponseTemplate::new(200).set_body_json(page(ids, *next)),
                Err(status) => ResponseTemplate::new(*status).set_body_json(
                    json!({"statusCode": status, "error": "boom", "correlationId": "c-1"}),
                ),
            }
        })
        .mount(&server)
        .await;
    server
}

/// The continuation tokens the server was sent, in order.
async fn tokens_sent(server: &MockServer) -> Vec<Option<String>> {
    requests(server)
        .await
        .iter()
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "continuationToken")
                .map(|(_, v)| v.into_owned())
        })
        .collect()
}

fn pagination(next: Option<&str>) -> Value {
    json!({"continuationToken": next})
}

fn bills_page(ids: &[&str], next: Option<&str>) -> Value {
    let results: Vec<Value> = ids
        .iter()
        .map(|id| {
            json!({"id": id, "supplierRef": {"id": "s"}, "issueDate": "2024-01-01",
                   "dueDate": "2024-02-01", "currency": "GBP", "status": "Open"})
        })
        .collect();
    json!({"results": results, "pagination": pagination(next)})
}

fn suppliers_page(ids: &[&str], next: Option<&str>) -> Value {
    let results: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
    json!({"results": results, "pagination": pagination(next)})
}

/// Each id becomes an account `id` and a tax rate `id-tax`.
fn bill_options_page(ids: &[&str], next: Option<&str>) -> Value {
    let accounts: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
    let tax_rates: Vec<Value> = ids
        .iter()
        .map(|id| json!({"id": format!("{id}-tax")}))
        .collect();
    json!({"accounts": accounts, "taxRates": tax_rates, "pagination": pagination(next)})
}

fn payment_options_page(ids: &[&str], next: Option<&str>) -> Value {
    let accounts: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
    json!({"bankAccounts": accounts, "pagination": pagination(next)})
}

/// The four streams, walked against `script`: each item's id, or the error.
#[derive(Clone, Copy, Debug)]
enum Stream {
    Bills,
    Suppliers,
    BillOptions,
    PaymentOptions,
}

const STREAMS: [Stream; 4] = [
    Stream::Bills,
    Stream::Suppliers,
    Stream::BillOptions,
    Stream::PaymentOptions,
];

async fn walk(stream: Stream, script: Script) -> (Vec<Result<String, Error>>, Vec<Option<String>>) {
    let (suffix, page): (&str, PageJson) = match stream {
        Stream::Bills => ("/bills", bills_page),
        Stream::Suppliers => ("/suppliers", suppliers_page),
        Stream::BillOptions => ("/mappingOptions/bills", bill_options_page),
        Stream::PaymentOptions => ("/mappingOptions/payments", payment_options_page),
    };
    let server = token_server(&format!("{BASE}{suffix}"), script, page).await;
    let payables = PAYABLES.client(&server);
    let items: Vec<Result<String, Error>> = match stream {
        Stream::Bills => {
            let all = payables
                .bills()
                .list_all(COMPANY, CONNECTION, ListBillsParams::new());
            within(all.map(|r| r.map(|b| b.id.unwrap())).collect()).await
        }
        Stream::Suppliers => {
            let all =
                payables
                    .suppliers()
                    .list_all(COMPANY, CONNECTION, ListSuppliersParams::new());
            within(all.map(|r| r.map(|s| s.id.unwrap())).collect()).await
        }
        Stream::BillOptions => {
            let all = payables.bills().list_all_bill_options(
                COMPANY,
                CONNECTION,
                GetMappingOptionsBillsParams::new(),
            );
            within(
                all.map(|r| {
                    r.map(|option| match option {
                        BillMappingOption::Account(a) => a.id.unwrap(),
                        BillMappingOption::TaxRate(t) => t.id.unwrap(),
                    })
                })
                .collect(),
            )
            .await
        }
        Stream::PaymentOptions => {
            let all = payables.bill_payments().list_all_payment_options(
                COMPANY,
                CONNECTION,
                GetMappingOptionsPaymentsParams::new(),
            );
            within(all.map(|r| r.map(|a| a.id.unwrap())).collect()).await
        }
    };
    (items, tokens_sent(&server).await)
}

/// What a stream yields for a page of `ids`: bill options give each id's tax rate too.
fn expected(stream: Stream, pages: &[&[&str]]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|ids| match stream {
            Stream::BillOptions => ids
                .iter()
                .map(|id| id.to_string())
                .chain(ids.iter().map(|id| format!("{id}-tax")))
                .collect::<Vec<_>>(),
            _ => ids.iter().map(|id| id.to_string()).collect(),
        })
        .collect()
}

#[tokio::test]
async fn every_stream_follows_tokens_until_none_comes() {
    for stream in STREAMS {
        let (items, tokens) = walk(
            stream,
            vec![
                Ok((vec!["a", "b"], Some("t1"))),
                Ok((vec!["c"], Some("t2"))),
                Ok((vec!["d", "e"], None)),
            ],
        )
        .await;
        let items: Vec<String> = items.into_iter().map(Result::unwrap).collect();
        assert_eq!(
            items,
            expected(stream, &[&["a", "b"], &["c"], &["d", "e"]]),
            "{stream:?}"
        );
        assert_eq!(
            tokens,
            [None, Some("t1".into()), Some("t2".into())],
            "{stream:?}"
        );
    }
}

#[tokio::test]
async fn every_stream_ends_at_the_first_error() {
    for stream in STREAMS {
        let (items, tokens) = walk(
            stream,
            vec![Ok((vec!["a"], Some("t1"))), Err(503), Ok((vec!["c"], None))],
        )
        .await;
        let expected_ok = expected(stream, &[&["a"]]);
        assert_eq!(items.len(), expected_ok.len() + 1, "{stream:?}");
        let err = items.last().unwrap().as_ref().unwrap_err();
        assert_eq!(err.status(), Some(503), "{stream:?}");
        assert!(matches!(err, Error::Api { .. }), "{stream:?}: {err:?}");
        assert_eq!(tokens.len(), 2, "{stream:?}: nothing after the error");
    }
}

#[tokio::test]
async fn every_stream_refuses_a_repeated_token() {
    for stream in STREAMS {
        let (items, tokens) = walk(
            stream,
            vec![Ok((vec!["a"], Some("t1"))), Ok((vec!["b"], Some("t1")))],
        )
        .await;
        let expected_ok = expected(stream, &[&["a"], &["b"]]);
        assert_eq!(items.len(), expected_ok.len() + 1, "{stream:?}");
        let ok: Vec<String> = items[..expected_ok.len()]
            .iter()
            .map(|r| r.as_ref().unwrap().clone())
            .collect();
        assert_eq!(ok, expected_ok, "{stream:?}");
        assert!(
            matches!(items.last().unwrap(), Err(Error::RepeatedCursor { token }) if token == "t1"),
            "{stream:?}: {:?}",
            items.last()
        );
        assert_eq!(
            tokens.len(),
            2,
            "{stream:?}: the repeated token is never sent"
        );
    }
}

#[tokio::test]
async fn a_stream_passes_its_query_on_every_page() {
    let server = token_server(
        &format!("{BASE}/suppliers"),
        vec![Ok((vec!["a"], Some("t1"))), Ok((vec!["b"], None))],
        suppliers_page,
    )
    .await;
    let payables = PAYABLES.client(&server);
    let all = payables.suppliers().list_all(
        COMPANY,
        CONNECTION,
        ListSuppliersParams::new().query("status=Active"),
    );
    let items: Vec<_> = within(all.collect::<Vec<_>>()).await;
    assert_eq!(items.len(), 2);
    let queries: Vec<String> = requests(&server)
        .await
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        queries,
        [
            "query=status%3DActive",
            "continuationToken=t1&query=status%3DActive"
        ]
    );
}
