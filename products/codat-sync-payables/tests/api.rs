//! Every Sync for Payables operation against wiremock on 127.0.0.1: the method, the encoded
//! path, the query, the headers (auth, idempotency key), the JSON or multipart body, and the
//! decoding of the spec's success examples into each operation's return type. Then the four
//! page streams, a declared and an undeclared error status, and hostile path values.
//!
//! The spec is read from `../../../shared/codat/Codat-Sync-Payables.json` (or the folder in
//! `CODAT_SPEC_DIR`). Without it the request checks still run against fixtures written here;
//! the example checks are skipped and say so, except with `CI=true`, where they fail.

use std::sync::{Arc, LazyLock};

use codat_client::models::{DateTime, Decimal};
use codat_client::{Error, Upload};
use codat_product_tests as shared;
use codat_product_tests::{
    example, header_of, json_body, normalized, requests, serve, spec_errors, within, COMPANY,
    CONNECTION,
};
use codat_sync_payables::bills::BillMappingOption;
use codat_sync_payables::models::{
    Address, AddressType, BankAccountPrototype, BankAccountType, BillAccountRef, BillLineItem,
    BillPaymentAccountRef, BillPaymentPrototype, BillPrototype, BillStatus, BillTaxRateRef,
    CreateBankAccountParams, GetMappingOptionsBillsParams, GetMappingOptionsPaymentsParams,
    ListBillsParams, ListSuppliersParams, SupplierPrototype, SupplierRef, SupplierStatus,
};
use codat_sync_payables::SyncForPayables;
use futures_util::StreamExt;
use rust_decimal_macros::dec;
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "sync-payables-test-key";
/// `Basic` and the key in base64, worked out independently of the client.
const AUTH: &str = "Basic c3luYy1wYXlhYmxlcy10ZXN0LWtleQ==";
const BASE: &str =
    "/companies/8a210b68-6988-11ed-a1eb-0242ac120002/connections/2e9d2c44-f675-40ba-8049-353bfcb5e171/payables";
/// The spec's path templates, as keys into its `paths`.
const SPEC_BASE: &str = "/companies/{companyId}/connections/{connectionId}/payables";

/// A JSON number (or null) as the exact decimal its text spells.
fn decimal(value: &Value) -> Option<Decimal> {
    codat_client::decimal::deserialize(value).unwrap()
}

// ---- the spec -------------------------------------------------------------------------------

/// The spec, read once.
static SPEC: LazyLock<Option<Value>> =
    LazyLock::new(|| shared::spec(env!("CARGO_MANIFEST_DIR"), "Codat-Sync-Payables.json"));

fn spec() -> Option<&'static Value> {
    SPEC.as_ref()
}

/// The spec's operation at `suffix` (after the payables prefix) and `verb`.
fn operation(suffix: &str, verb: &str) -> Option<&'static Value> {
    shared::operation(spec(), &format!("{SPEC_BASE}{suffix}"), verb)
}

/// The first JSON example of the operation's `status` response, or `None` without the spec.
fn response_example(suffix: &str, verb: &str, status: &str) -> Option<Value> {
    let media = &operation(suffix, verb)?["responses"][status]["content"]["application/json"];
    let example = example(media).unwrap_or_else(|| panic!("{verb} {suffix}: no {status} example"));
    assert!(!example.is_null(), "an example value");
    Some(example)
}

/// The first JSON example of the operation's request body.
fn request_example(suffix: &str, verb: &str) -> Option<Value> {
    example(&operation(suffix, verb)?["requestBody"]["content"]["application/json"])
}

// ---- the client and the server --------------------------------------------------------------

fn payables(server: &MockServer) -> SyncForPayables {
    SyncForPayables::new(&shared::codat(KEY, server))
}

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

/// A body sent is the spec's request example, numbers compared as numbers.
fn assert_is_request_example(sent: &Value, suffix: &str, verb: &str) {
    if let Some(example) = request_example(suffix, verb) {
        assert_eq!(normalized(sent), normalized(&example), "{verb} {suffix}");
    }
}

// ---- company information --------------------------------------------------------------------

#[tokio::test]
async fn company_information_get() {
    let body = response_example("/info", "get", "200")
        .unwrap_or_else(|| json!({"companyName": "Acme", "baseCurrency": "GBP"}));
    let server = serve(AUTH, "GET", &format!("{BASE}/info"), 200, &body).await;
    let info = payables(&server)
        .company_information()
        .get(COMPANY, CONNECTION)
        .await
        .unwrap();
    assert_eq!(info.company_name.as_deref(), body["companyName"].as_str());
    assert_eq!(info.base_currency.as_deref(), body["baseCurrency"].as_str());
    let request = &requests(&server).await[0];
    assert_eq!(request.url.query(), None);
    assert_eq!(header_of(request, "authorization"), Some(AUTH));
    assert!(request.body.is_empty());
}

// ---- bills ----------------------------------------------------------------------------------

#[tokio::test]
async fn bills_list_sends_the_token_and_query_and_decodes_the_page() {
    let body = match response_example("/bills", "get", "200") {
        Some(example) => {
            // The spec's example has `"currencyRate": "1,"` where the schema says number: the
            // client reports it as a decode error rather than guessing.
            let server = serve(AUTH, "GET", &format!("{BASE}/bills"), 200, &example).await;
            let err = payables(&server)
                .bills()
                .list(
                    COMPANY,
                    CONNECTION,
                    codat_sync_payables::models::ListBillsParams::new(),
                )
                .await
                .unwrap_err();
            assert!(matches!(err, Error::Decode { .. }), "{err:?}");
            // A decimal may come as a string, but this one spells no number.
            assert!(
                err.to_string()
                    .contains(r#"invalid value: "1,", expected a decimal number"#),
                "{err}"
            );
            // With the rate written as the number it means, the example decodes.
            let fixed = example
                .to_string()
                .replace(r#""currencyRate":"1,""#, r#""currencyRate":1"#);
            serde_json::from_str::<Value>(&fixed).unwrap()
        }
        None => json!({"results": [
            {"id": "18", "supplierRef": {"id": "4"}, "issueDate": "2019-05-13T00:00:00",
             "dueDate": "2019-05-13T00:00:00", "currency": "GBP", "status": "Open"}
        ]}),
    };
    let server = serve(AUTH, "GET", &format!("{BASE}/bills"), 200, &body).await;
    // A typed query over the bill's own fields.
    let bill = codat_client::query::fields::<codat_sync_payables::models::Bill>();
    let open_and_due = (bill.status().eq(BillStatus::Open) & bill.amount_due().gt(0))
        .to_query()
        .unwrap();
    assert_eq!(open_and_due.as_str(), "status=Open&&amountDue>0");
    let page = payables(&server)
        .bills()
        .list(
            COMPANY,
            CONNECTION,
            codat_sync_payables::models::ListBillsParams::new()
                .continuation_token("tok/1==")
                .query(open_and_due.as_str()),
        )
        .await
        .unwrap();
    let bills = page.results.unwrap();
    assert_eq!(bills.len(), body["results"].as_array().unwrap().len());
    assert_eq!(bills[0].id.as_deref(), Some("18"));
    assert_eq!(bills[0].status, BillStatus::Open);
    let request = &requests(&server).await[0];
    assert_eq!(
        request.url.query(),
        Some("continuationToken=tok%2F1%3D%3D&query=status%3DOpen%26%26amountDue%3E0")
    );
    assert_eq!(header_of(request, "authorization"), Some(AUTH));

    // Without a token or query, no query string at all.
    let server = serve(AUTH, "GET", &format!("{BASE}/bills"), 200, &body).await;
    payables(&server)
        .bills()
        .list(
            COMPANY,
            CONNECTION,
            codat_sync_payables::models::ListBillsParams::new(),
        )
        .await
        .unwrap();
    assert_eq!(requests(&server).await[0].url.query(), None);
}

#[tokio::test]
async fn bills_create_sends_the_body_and_the_idempotency_key_given_or_a_fresh_one() {
    let body = response_example("/bills", "post", "201").unwrap_or_else(|| {
        json!({"id": "bill-1", "supplierRef": {"id": "sup-1"}, "issueDate": "2024-05-01",
               "dueDate": "2024-05-31", "currency": "GBP", "status": "Open"})
    });
    let server = serve(AUTH, "POST", &format!("{BASE}/bills"), 201, &body).await;
    let payables = payables(&server);
    let prototype = bill_prototype();
    let created = payables
        .bills()
        .create(
            COMPANY,
            CONNECTION,
            codat_sync_payables::models::CreateBillParams::new().idempotency_key("bill-key-1"),
            &prototype,
        )
        .await
        .unwrap();
    assert_eq!(created.id.as_deref(), body["id"].as_str());
    assert_eq!(created.currency, body["currency"].as_str().unwrap());
    payables
        .bills()
        .create(
            COMPANY,
            CONNECTION,
            codat_sync_payables::models::CreateBillParams::new(),
            &prototype,
        )
        .await
        .unwrap();
    payables
        .bills()
        .create(
            COMPANY,
            CONNECTION,
            codat_sync_payables::models::CreateBillParams::new(),
            &prototype,
        )
        .await
        .unwrap();
    let requests = requests(&server).await;
    assert_eq!(requests.len(), 3);
    assert_eq!(
        header_of(&requests[0], "idempotency-key"),
        Some("bill-key-1")
    );
    let fresh: Vec<&str> = requests[1..]
        .iter()
        .map(|r| header_of(r, "idempotency-key").unwrap())
        .collect();
    assert!(fresh.iter().all(|k| is_uuid_v4(k)), "{fresh:?}");
    assert_ne!(fresh[0], fresh[1], "one key per call");
    for request in &requests {
        assert_eq!(header_of(request, "authorization"), Some(AUTH));
        assert_eq!(normalized(&json_body(request)), normalized(&bill_json()));
    }
}

#[tokio::test]
async fn bills_update_puts_the_bill_at_its_id() {
    let body = response_example("/bills/{billId}", "put", "200").unwrap_or_else(|| {
        json!({"id": "bill-1029932", "supplierRef": {"id": "sup-1"}, "issueDate": "2024-05-01",
               "dueDate": "2024-05-31", "currency": "GBP", "status": "Open"})
    });
    let server = serve(
        AUTH,
        "PUT",
        &format!("{BASE}/bills/bill-1029932"),
        200,
        &body,
    )
    .await;
    let payables = payables(&server);
    let updated = payables
        .bills()
        .update(
            COMPANY,
            CONNECTION,
            "bill-1029932",
            codat_sync_payables::models::UpdateBillParams::new().idempotency_key("upd-1"),
            &bill_prototype(),
        )
        .await
        .unwrap();
    assert_eq!(updated.id.as_deref(), Some("bill-1029932"));
    assert_eq!(updated.status.as_str(), body["status"].as_str().unwrap());
    payables
        .bills()
        .update(
            COMPANY,
            CONNECTION,
            "bill-1029932",
            codat_sync_payables::models::UpdateBillParams::new(),
            &bill_prototype(),
        )
        .await
        .unwrap();
    let requests = requests(&server).await;
    assert_eq!(header_of(&requests[0], "idempotency-key"), Some("upd-1"));
    assert!(is_uuid_v4(
        header_of(&requests[1], "idempotency-key").unwrap()
    ));
    assert_eq!(
        normalized(&json_body(&requests[0])),
        normalized(&bill_json())
    );
    assert_eq!(header_of(&requests[0], "authorization"), Some(AUTH));
}

/// The single part of a multipart body: its headers and its content.
fn multipart_part(request: &Request) -> (String, Vec<u8>) {
    let content_type = header_of(request, "content-type").unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart body");
    let body = &request.body;
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
async fn bills_upload_attachment_sends_one_file_part() {
    let body = response_example("/bills/{billId}/attachments", "post", "201")
        .unwrap_or_else(|| json!({"id": "att-1", "name": "receipt.png", "fileSize": 100}));
    let server = serve(
        AUTH,
        "POST",
        &format!("{BASE}/bills/b-7/attachments"),
        201,
        &body,
    )
    .await;
    let pdf: Vec<u8> = b"%PDF-1.7\n"
        .iter()
        .copied()
        .chain((0..5000u32).map(|i| (i % 251) as u8))
        .collect();
    let upload = Upload::from_bytes(pdf.clone())
        .file_name("invoice 42.pdf")
        .content_type("application/pdf");
    let attachment = payables(&server)
        .bills()
        .upload_attachment(COMPANY, CONNECTION, "b-7", upload)
        .await
        .unwrap();
    assert_eq!(attachment.id.as_deref(), body["id"].as_str());
    assert_eq!(attachment.file_size, body["fileSize"].as_i64());
    let request = &requests(&server).await[0];
    assert_eq!(header_of(request, "authorization"), Some(AUTH));
    let (head, content) = multipart_part(request);
    assert!(head.contains("name=\"file\""), "{head}");
    assert!(head.contains("filename=\"invoice 42.pdf\""), "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/pdf"),
        "{head}"
    );
    assert_eq!(content, pdf);
}

#[tokio::test]
async fn bills_list_attachments_decodes_the_list() {
    let body = response_example("/bills/{billId}/attachments", "get", "200")
        .unwrap_or_else(|| json!([{"id": "a1"}, {"id": "a2"}]));
    let server = serve(
        AUTH,
        "GET",
        &format!("{BASE}/bills/b-7/attachments"),
        200,
        &body,
    )
    .await;
    let attachments = payables(&server)
        .bills()
        .list_attachments(COMPANY, CONNECTION, "b-7")
        .await
        .unwrap();
    assert_eq!(attachments.len(), body.as_array().unwrap().len());
    assert_eq!(attachments[0].id.as_deref(), body[0]["id"].as_str());
    let request = &requests(&server).await[0];
    assert_eq!(request.url.query(), None);
    assert_eq!(header_of(request, "authorization"), Some(AUTH));
}

#[tokio::test]
async fn bills_download_attachment_keeps_type_name_and_bytes() {
    if let Some(op) = operation("/bills/{billId}/attachments/{attachmentId}/download", "get") {
        assert!(
            op["responses"]["200"]["content"]["application/octet-stream"].is_object(),
            "the spec's download is binary"
        );
    }
    let server = MockServer::start().await;
    let bytes: Vec<u8> = (0..70_000u32).map(|i| (i % 253) as u8).collect();
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/bills/b-7/attachments/a-1/download")))
        .and(header("authorization", AUTH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(bytes.clone(), "application/octet-stream")
                .insert_header(
                    "content-disposition",
                    "attachment; filename=\"receipt.png\"",
                ),
        )
        .mount(&server)
        .await;
    let download = payables(&server)
        .bills()
        .download_attachment(COMPANY, CONNECTION, "b-7", "a-1")
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(download.content_type(), Some("application/octet-stream"));
    assert_eq!(download.file_name().as_deref(), Some("receipt.png"));
    assert_eq!(download.content_length(), Some(bytes.len() as u64));
    assert_eq!(download.bytes().await.unwrap(), bytes);
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn bills_get_bill_options_sends_the_status_query() {
    let body = response_example("/mappingOptions/bills", "get", "200").unwrap_or_else(|| {
        json!({"accounts": [{"id": "acc-1"}], "taxRates": [{"id": "tax-1"}],
               "pagination": {"continuationToken": "next"}})
    });
    let server = serve(
        AUTH,
        "GET",
        &format!("{BASE}/mappingOptions/bills"),
        200,
        &body,
    )
    .await;
    let options = payables(&server)
        .bills()
        .get_bill_options(
            COMPANY,
            CONNECTION,
            codat_sync_payables::models::GetMappingOptionsBillsParams::new()
                .continuation_token("t 1")
                .status_query("status=Active"),
        )
        .await
        .unwrap();
    assert_eq!(
        options.accounts.unwrap()[0].id.as_deref(),
        body["accounts"][0]["id"].as_str()
    );
    assert_eq!(
        options.tax_rates.unwrap()[0].id.as_deref(),
        body["taxRates"][0]["id"].as_str()
    );
    assert_eq!(
        options.pagination.unwrap().continuation_token.as_deref(),
        body["pagination"]["continuationToken"].as_str()
    );
    let request = &requests(&server).await[0];
    assert_eq!(
        request.url.query(),
        Some("continuationToken=t%201&statusQuery=status%3DActive")
    );
    assert_eq!(header_of(request, "authorization"), Some(AUTH));
}

// ---- bill payments --------------------------------------------------------------------------

#[tokio::test]
async fn bill_payments_create_pays_the_bill() {
    let body = response_example("/bills/{billId}/payment", "post", "201")
        .unwrap_or_else(|| json!({"id": "billPayment-1", "amount": 22}));
    let server = serve(
        AUTH,
        "POST",
        &format!("{BASE}/bills/b-7/payment"),
        201,
        &body,
    )
    .await;
    let payables = payables(&server);
    let payment = payables
        .bill_payments()
        .create(
            COMPANY,
            CONNECTION,
            "b-7",
            codat_sync_payables::models::CreateBillPaymentParams::new().idempotency_key("pay-1"),
            &payment_prototype(),
        )
        .await
        .unwrap();
    assert_eq!(payment.id.as_deref(), body["id"].as_str());
    assert_eq!(payment.amount, decimal(&body["amount"]));
    payables
        .bill_payments()
        .create(
            COMPANY,
            CONNECTION,
            "b-7",
            codat_sync_payables::models::CreateBillPaymentParams::new(),
            &payment_prototype(),
        )
        .await
        .unwrap();
    let requests = requests(&server).await;
    assert_eq!(header_of(&requests[0], "idempotency-key"), Some("pay-1"));
    assert!(is_uuid_v4(
        header_of(&requests[1], "idempotency-key").unwrap()
    ));
    assert_eq!(header_of(&requests[0], "authorization"), Some(AUTH));
    let sent = json_body(&requests[0]);
    assert_eq!(sent["accountRef"], json!({"id": "7bda9f44sr56"}));
    assert_is_request_example(&sent, "/bills/{billId}/payment", "post");
}

#[tokio::test]
async fn bill_payments_get_payment_options() {
    let body = response_example("/mappingOptions/payments", "get", "200")
        .unwrap_or_else(|| json!({"bankAccounts": [{"id": "ba-1", "accountType": "Debit"}]}));
    let server = serve(
        AUTH,
        "GET",
        &format!("{BASE}/mappingOptions/payments"),
        200,
        &body,
    )
    .await;
    let options = payables(&server)
        .bill_payments()
        .get_payment_options(
            COMPANY,
            CONNECTION,
            codat_sync_payables::models::GetMappingOptionsPaymentsParams::new()
                .status_query("status=Active"),
        )
        .await
        .unwrap();
    let accounts = options.bank_accounts.unwrap();
    assert_eq!(
        accounts[0].id.as_deref(),
        body["bankAccounts"][0]["id"].as_str()
    );
    assert_eq!(
        accounts[0].account_type.as_ref().map(|t| t.as_str()),
        body["bankAccounts"][0]["accountType"].as_str()
    );
    let request = &requests(&server).await[0];
    assert_eq!(request.url.query(), Some("statusQuery=status%3DActive"));
    assert_eq!(header_of(request, "authorization"), Some(AUTH));
}

// ---- suppliers ------------------------------------------------------------------------------

#[tokio::test]
async fn suppliers_list() {
    let body = response_example("/suppliers", "get", "200")
        .unwrap_or_else(|| json!({"results": [{"id": "s1", "supplierName": "Acme"}]}));
    let server = serve(AUTH, "GET", &format!("{BASE}/suppliers"), 200, &body).await;
    let page = payables(&server)
        .suppliers()
        .list(
            COMPANY,
            CONNECTION,
            codat_sync_payables::models::ListSuppliersParams::new()
                .continuation_token("abc")
                .query("status=Active"),
        )
        .await
        .unwrap();
    let suppliers = page.results.unwrap();
    assert_eq!(suppliers.len(), body["results"].as_array().unwrap().len());
    assert_eq!(
        suppliers[0].supplier_name.as_deref(),
        body["results"][0]["supplierName"].as_str()
    );
    let request = &requests(&server).await[0];
    assert_eq!(
        request.url.query(),
        Some("continuationToken=abc&query=status%3DActive")
    );
    assert_eq!(header_of(request, "authorization"), Some(AUTH));
}

#[tokio::test]
async fn suppliers_create() {
    let body = response_example("/suppliers", "post", "201")
        .unwrap_or_else(|| json!({"id": "sup-1", "supplierName": "Northridge Office Supplies"}));
    let server = serve(AUTH, "POST", &format!("{BASE}/suppliers"), 201, &body).await;
    let payables = payables(&server);
    let created = payables
        .suppliers()
        .create(
            COMPANY,
            CONNECTION,
            codat_sync_payables::models::CreateSupplierParams::new().idempotency_key("sup-key"),
            &supplier_prototype(),
        )
        .await
        .unwrap();
    assert_eq!(created.id.as_deref(), body["id"].as_str());
    payables
        .suppliers()
        .create(
            COMPANY,
            CONNECTION,
            codat_sync_payables::models::CreateSupplierParams::new(),
            &supplier_prototype(),
        )
        .await
        .unwrap();
    let requests = requests(&server).await;
    assert_eq!(header_of(&requests[0], "idempotency-key"), Some("sup-key"));
    assert!(is_uuid_v4(
        header_of(&requests[1], "idempotency-key").unwrap()
    ));
    assert_eq!(header_of(&requests[0], "authorization"), Some(AUTH));
    let sent = json_body(&requests[0]);
    assert_eq!(sent["addresses"][0]["postalCode"], "EC1N 7TE");
    assert_is_request_example(&sent, "/suppliers", "post");
}

#[tokio::test]
async fn suppliers_update_sends_no_idempotency_key() {
    let body = response_example("/suppliers/{supplierId}", "put", "200")
        .unwrap_or_else(|| json!({"id": "sup-10933920", "status": "Active"}));
    let server = serve(
        AUTH,
        "PUT",
        &format!("{BASE}/suppliers/sup-10933920"),
        200,
        &body,
    )
    .await;
    let updated = payables(&server)
        .suppliers()
        .update(COMPANY, CONNECTION, "sup-10933920", &supplier_prototype())
        .await
        .unwrap();
    assert_eq!(updated.id.as_deref(), Some("sup-10933920"));
    assert_eq!(updated.status, Some(SupplierStatus::Active));
    let request = &requests(&server).await[0];
    assert_eq!(header_of(request, "idempotency-key"), None);
    assert_eq!(header_of(request, "authorization"), Some(AUTH));
    assert_is_request_example(&json_body(request), "/suppliers/{supplierId}", "put");
}

// ---- bank accounts --------------------------------------------------------------------------

#[tokio::test]
async fn bank_accounts_create() {
    let body = response_example("/bankAccounts", "post", "201")
        .unwrap_or_else(|| json!({"id": "ba-1", "accountType": "Debit", "status": "Active"}));
    let server = serve(AUTH, "POST", &format!("{BASE}/bankAccounts"), 201, &body).await;
    let payables = payables(&server);
    let account = payables
        .bank_accounts()
        .create(
            COMPANY,
            CONNECTION,
            CreateBankAccountParams::new().idempotency_key("ba-key"),
            &bank_account_prototype(),
        )
        .await
        .unwrap();
    assert_eq!(account.id.as_deref(), body["id"].as_str());
    assert_eq!(account.account_type, Some(BankAccountType::Debit));
    payables
        .bank_accounts()
        .create(
            COMPANY,
            CONNECTION,
            CreateBankAccountParams::new(),
            &bank_account_prototype(),
        )
        .await
        .unwrap();
    let requests = requests(&server).await;
    assert_eq!(header_of(&requests[0], "idempotency-key"), Some("ba-key"));
    assert!(is_uuid_v4(
        header_of(&requests[1], "idempotency-key").unwrap()
    ));
    assert_eq!(header_of(&requests[0], "authorization"), Some(AUTH));
    assert_is_request_example(&json_body(&requests[0]), "/bankAccounts", "post");
}

// ---- page streams ---------------------------------------------------------------------------

/// Writes a page's JSON from its item ids and next token.
type PageJson = fn(&[&str], Option<&str>) -> Value;

/// One scripted page: item ids and the next token, or an error status.
type Script = Vec<Result<(Vec<&'static str>, Option<&'static str>), u16>>;

/// Serves `script` at `full_path`: no token gets page 0, token `tN` gets page N. `page`
/// writes a page's JSON from its ids and next token.
async fn token_server(full_path: &str, script: Script, page: PageJson) -> MockServer {
    let server = MockServer::start().await;
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
    let payables = payables(&server);
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
    let payables = payables(&server);
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

// ---- errors and hostile values --------------------------------------------------------------

#[tokio::test]
async fn a_declared_error_status_is_codats_error_message() {
    let message = json!({
        "statusCode": 409,
        "service": "PublicApi",
        "error": "A bill with this reference already exists",
        "correlationId": "corr-409",
        "canBeRetried": "Unknown",
        "detailedErrorCode": 0
    });
    if let Some(errors) = operation("/bills", "post").and_then(spec_errors) {
        assert!(
            errors.contains(&409),
            "create-bill declares 409: {errors:?}"
        );
    }
    let server = serve(AUTH, "POST", &format!("{BASE}/bills"), 409, &message).await;
    let err = payables(&server)
        .bills()
        .create(
            COMPANY,
            CONNECTION,
            codat_sync_payables::models::CreateBillParams::new().idempotency_key("k"),
            &bill_prototype(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));
    let decoded = err.error_message().unwrap();
    assert_eq!(
        decoded.error.as_deref(),
        Some("A bill with this reference already exists")
    );
    assert_eq!(err.correlation_id(), Some("corr-409"));

    // create-supplier does not declare 409: the same body is an unexpected status.
    if let Some(errors) = operation("/suppliers", "post").and_then(spec_errors) {
        assert!(!errors.contains(&409), "{errors:?}");
    }
    let server = serve(AUTH, "POST", &format!("{BASE}/suppliers"), 409, &message).await;
    let err = payables(&server)
        .suppliers()
        .create(
            COMPANY,
            CONNECTION,
            codat_sync_payables::models::CreateSupplierParams::new(),
            &supplier_prototype(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));
}

#[tokio::test]
async fn a_hostile_id_stays_one_path_segment() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let payables = payables(&server);
    for (id, encoded) in [("../x", "..%2Fx"), ("a/b?c#d", "a%2Fb%3Fc%23d")] {
        payables
            .bills()
            .list_attachments(COMPANY, CONNECTION, id)
            .await
            .unwrap();
        let sent = requests(&server).await.pop().unwrap();
        assert_eq!(
            sent.url.path(),
            format!("{BASE}/bills/{encoded}/attachments")
        );
        assert_eq!(sent.url.query(), None);
        assert_eq!(sent.url.fragment(), None);
    }
    // A company id of `..` cannot be a segment at all: refused, nothing sent.
    let before = requests(&server).await.len();
    let err = payables
        .company_information()
        .get("..", CONNECTION)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPathParameter { .. }), "{err:?}");
    assert_eq!(requests(&server).await.len(), before);
}

#[tokio::test]
async fn every_operation_of_the_product_is_declared_once() {
    let ours: Vec<_> = codat_client::operations()
        .filter(|op| op.product == "codat-sync-payables")
        .collect();
    let mut templates: Vec<String> = ours
        .iter()
        .map(|op| format!("{:?} {}", op.method, op.template))
        .collect();
    templates.sort();
    templates.dedup();
    assert_eq!(ours.len(), 14, "{templates:#?}");
    assert_eq!(templates.len(), 14, "{templates:#?}");
    let Some(spec) = spec() else { return };
    let mut in_spec = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        if !path.contains("/payables") {
            continue;
        }
        let verbs = item.as_object().unwrap().keys();
        for verb in
            verbs.filter(|k| ["get", "post", "put", "patch", "delete"].contains(&k.as_str()))
        {
            in_spec += 1;
            let template = path.replace('{', "<").replace('}', ">");
            let found = ours.iter().any(|op| {
                format!("{:?}", op.method).eq_ignore_ascii_case(verb)
                    && op.template.replace('_', "").eq_ignore_ascii_case(&template)
            });
            assert!(found, "{verb} {path} is not declared");
        }
    }
    assert_eq!(in_spec, 14);
}
