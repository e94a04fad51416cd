//! Lending's accounts payable, accounts receivable, company info and data integrity operations
//! against wiremock on 127.0.0.1: the method, the encoded path, the query and the auth header
//! sent, and every success example the spec documents decoded into the operation's return
//! type. Then the downloads (bytes, type, name; a body cut short; HTML where a PDF was
//! expected), the page streams (several pages, their end, the first error), error statuses and
//! bodies that are not what they should be, and hostile path values.
//!
//! The spec is read from `../../../shared/codat/Codat-Lending.json` (or the folder in
//! `CODAT_SPEC_DIR`). Without it the request checks still run against fixtures written here;
//! the example checks are skipped and say so, except with `CI=true`, where they fail.

mod common;

use std::future::Future;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use codat_client::models::Page;
use codat_client::paging::{PageOptions, PageParams};
use codat_client::{Download, Error};
use codat_lending::data_integrity::DataIntegrityDataType;
use codat_lending::models::{
    AccountingBill, AccountingBillCreditNote, AccountingBillPayment, AccountingCreditNote,
    AccountingCustomer, AccountingDirectIncome, AccountingInvoice, AccountingPayment,
    AccountingSupplier, BillStatus, DataIntegrityDetail, IntegrityStatus, InvoiceStatus,
    SupplierStatus,
};
use codat_lending::Lending;
use codat_product_tests::{requests, serve, spec_errors, within};
use common::*;
use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;
use futures_util::{FutureExt, StreamExt, TryStreamExt};
use serde_json::{json, Value};
use wiremock::matchers::{any, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// An attachment id: the spec wants a UUID.
const ATTACHMENT: &str = "3f1c1b1e-0d5b-4c84-9b0e-0a1b2c3d4e5f";
/// Where data integrity is read, for each data type.
const ASSESS: &str = "/data/companies/8a210b68-6988-11ed-a1eb-0242ac120002/assess/dataTypes";
const SPEC_ASSESS: &str = "/data/companies/{companyId}/assess/dataTypes/{dataType}/dataIntegrity";

// ---- helpers --------------------------------------------------------------------------------

/// A record with an id in the accounting software.
trait Record {
    fn record_id(&self) -> Option<&str>;
}

macro_rules! records {
    ($($ty:ty),* $(,)?) => {$(
        impl Record for $ty {
            fn record_id(&self) -> Option<&str> {
                self.id.as_deref()
            }
        }
    )*};
}

records!(
    AccountingBill,
    AccountingBillCreditNote,
    AccountingBillPayment,
    AccountingSupplier,
    AccountingCreditNote,
    AccountingCustomer,
    AccountingDirectIncome,
    AccountingInvoice,
    AccountingPayment,
    DataIntegrityDetail,
);

/// Serves every example of the 200 of `GET spec_path` (or `fixture`) at `full_path`, makes
/// the call, checks that one GET with the auth header, `query` and no body arrived, and hands
/// the decoded value and the example to `check`.
async fn for_each_example<T, F, Fut>(
    spec_path: &str,
    full_path: &str,
    query: Option<&str>,
    fixture: Value,
    call: F,
    check: impl Fn(&str, T, &Value),
) where
    F: Fn(Lending) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    for (name, body) in examples(spec_path, "get", fixture) {
        let server = serve(AUTH, "GET", full_path, 200, &body).await;
        let got = call(lending(&server))
            .await
            .unwrap_or_else(|e| panic!("{spec_path} {name}: {e}"));
        check(&name, got, &body);
        let request = only_request(&server).await;
        assert_eq!(request.method.as_str(), "GET");
        assert_eq!(request.url.query(), query, "{spec_path} {name}");
        assert!(request.body.is_empty());
    }
}

/// [`for_each_example`] for a list sent with [`paging()`]: the page's items, by id, and its
/// total.
async fn list_examples<T: Record, F, Fut>(spec_path: &str, full_path: &str, item: Value, call: F)
where
    F: Fn(Lending) -> Fut,
    Fut: Future<Output = Result<Page<T>, Error>>,
{
    let fixture = page_fixture(json!([item]));
    for_each_example(
        spec_path,
        full_path,
        Some(PAGING_QUERY),
        fixture,
        call,
        |name, page, body| {
            let results = body["results"].as_array().unwrap();
            assert!(!results.is_empty(), "{spec_path} {name}: an empty example");
            assert_eq!(page.results.len(), results.len(), "{name}");
            assert_eq!(page.total_results, body["totalResults"].as_i64().unwrap());
            for (record, json) in page.results.iter().zip(results) {
                assert_eq!(record.record_id(), json["id"].as_str(), "{name}");
            }
        },
    )
    .await;
}

/// [`for_each_example`] for one record, checked by its id.
async fn record_examples<T: Record, F, Fut>(spec_path: &str, full_path: &str, item: Value, call: F)
where
    F: Fn(Lending) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    for_each_example(
        spec_path,
        full_path,
        None,
        item,
        call,
        |name, record, body| {
            assert!(body["id"].is_string(), "{spec_path} {name}: no id");
            assert_eq!(record.record_id(), body["id"].as_str(), "{name}");
        },
    )
    .await;
}

/// The smallest JSON each list's items decode from (their required fields), with `id`.
fn item(list: List, id: &str) -> Value {
    let mut item = match list {
        List::Bills => json!({
            "issueDate": "2024-01-05T00:00:00", "status": "Open",
            "subTotal": 100.0, "taxAmount": 20.0, "totalAmount": 120.0
        }),
        List::BillCreditNotes => json!({
            "totalAmount": 12.0, "totalDiscount": 0.0, "subTotal": 10.0,
            "totalTaxAmount": 2.0, "discountPercentage": 0.0, "status": "Submitted"
        }),
        List::CreditNotes => json!({
            "totalAmount": 12.0, "totalDiscount": 0.0, "subTotal": 10.0,
            "totalTaxAmount": 2.0, "discountPercentage": 0.0, "remainingCredit": 12.0,
            "status": "Submitted"
        }),
        List::BillPayments | List::Payments => json!({"date": "2024-01-09T00:00:00"}),
        List::Suppliers | List::Customers => json!({"status": "Active"}),
        List::DirectIncomes => json!({
            "issueDate": "2024-01-05T00:00:00", "currency": "GBP", "lineItems": [],
            "paymentAllocations": [], "subTotal": 10.0, "taxAmount": 2.0, "totalAmount": 12.0
        }),
        List::Invoices => json!({
            "issueDate": "2024-01-05T00:00:00", "totalTaxAmount": 2.0, "totalAmount": 12.0,
            "amountDue": 12.0, "status": "Submitted"
        }),
        List::Details | List::Reconciled => json!({}),
    };
    item["id"] = json!(id);
    item
}

// ---- lists ----------------------------------------------------------------------------------

#[tokio::test]
async fn payable_lists_send_the_paging_and_decode_every_example() {
    list_examples(
        &format!("{SPEC_DATA}/bills"),
        &format!("{DATA}/bills"),
        item(List::Bills, "b-1"),
        |l| async move { l.accounts_payable().bills().list(COMPANY, paging()).await },
    )
    .await;
    list_examples(
        &format!("{SPEC_DATA}/billCreditNotes"),
        &format!("{DATA}/billCreditNotes"),
        item(List::BillCreditNotes, "bcn-1"),
        |l| async move {
            l.accounts_payable()
                .bill_credit_notes()
                .list(COMPANY, paging())
                .await
        },
    )
    .await;
    list_examples(
        &format!("{SPEC_DATA}/billPayments"),
        &format!("{DATA}/billPayments"),
        item(List::BillPayments, "bp-1"),
        |l| async move {
            l.accounts_payable()
                .bill_payments()
                .list(COMPANY, paging())
                .await
        },
    )
    .await;
    list_examples(
        &format!("{SPEC_DATA}/suppliers"),
        &format!("{DATA}/suppliers"),
        item(List::Suppliers, "s-1"),
        |l| async move {
            l.accounts_payable()
                .suppliers()
                .list(COMPANY, paging())
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn receivable_lists_send_the_paging_and_decode_every_example() {
    list_examples(
        &format!("{SPEC_DATA}/creditNotes"),
        &format!("{DATA}/creditNotes"),
        item(List::CreditNotes, "cn-1"),
        |l| async move {
            l.accounts_receivable()
                .credit_notes()
                .list(COMPANY, paging())
                .await
        },
    )
    .await;
    list_examples(
        &format!("{SPEC_DATA}/customers"),
        &format!("{DATA}/customers"),
        item(List::Customers, "c-1"),
        |l| async move {
            l.accounts_receivable()
                .customers()
                .list(COMPANY, paging())
                .await
        },
    )
    .await;
    list_examples(
        &format!("{SPEC_CONN}/data/directIncomes"),
        &format!("{CONN}/data/directIncomes"),
        item(List::DirectIncomes, "di-1"),
        |l| async move {
            l.accounts_receivable()
                .direct_incomes()
                .list(COMPANY, CONNECTION, paging())
                .await
        },
    )
    .await;
    list_examples(
        &format!("{SPEC_DATA}/invoices"),
        &format!("{DATA}/invoices"),
        item(List::Invoices, "i-1"),
        |l| async move {
            l.accounts_receivable()
                .invoices()
                .list(COMPANY, paging())
                .await
        },
    )
    .await;
    list_examples(
        &format!("{SPEC_DATA}/payments"),
        &format!("{DATA}/payments"),
        item(List::Payments, "p-1"),
        |l| async move {
            l.accounts_receivable()
                .payments()
                .list(COMPANY, paging())
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn a_list_without_paging_sends_no_query() {
    let body = page_fixture(json!([item(List::Invoices, "i-1")]));
    let server = serve(AUTH, "GET", &format!("{DATA}/invoices"), 200, &body).await;
    let page = lending(&server)
        .accounts_receivable()
        .invoices()
        .list(COMPANY, PageParams::new())
        .await
        .unwrap();
    assert_eq!(page.results[0].status, InvoiceStatus::Submitted);
    assert_eq!(only_request(&server).await.url.query(), None);
}

#[tokio::test]
async fn codats_own_unknown_status_is_not_the_catch_all_for_statuses_the_crate_does_not_know() {
    let invoices: Vec<Value> = ["Unknown", "PartlyRefunded", "Paid"]
        .iter()
        .enumerate()
        .map(|(n, status)| {
            let mut invoice = item(List::Invoices, &format!("i-{n}"));
            invoice["status"] = json!(status);
            invoice
        })
        .collect();
    let body = page_fixture(json!(invoices));
    let server = serve(AUTH, "GET", &format!("{DATA}/invoices"), 200, &body).await;
    let page = lending(&server)
        .accounts_receivable()
        .invoices()
        .list(COMPANY, PageParams::new())
        .await
        .unwrap();
    let statuses: Vec<InvoiceStatus> = page.results.iter().map(|i| i.status.clone()).collect();
    assert_eq!(
        statuses,
        [
            InvoiceStatus::Unknown,
            InvoiceStatus::Unrecognized("PartlyRefunded".into()),
            InvoiceStatus::Paid
        ]
    );
    let unrecognized = statuses
        .iter()
        .filter(|s| matches!(s, InvoiceStatus::Unrecognized(_)))
        .count();
    assert_eq!(unrecognized, 1);
    // Both written back as they came.
    let written: Vec<String> = statuses
        .iter()
        .map(|s| serde_json::to_string(s).unwrap())
        .collect();
    assert_eq!(
        written,
        [r#""Unknown""#, r#""PartlyRefunded""#, r#""Paid""#]
    );
}

// ---- single records -------------------------------------------------------------------------

#[tokio::test]
async fn payable_records_decode_every_example() {
    record_examples(
        &format!("{SPEC_DATA}/bills/{{billId}}"),
        &format!("{DATA}/bills/b-1"),
        item(List::Bills, "b-1"),
        |l| async move { l.accounts_payable().bills().get(COMPANY, "b-1").await },
    )
    .await;
    record_examples(
        &format!("{SPEC_DATA}/billCreditNotes/{{billCreditNoteId}}"),
        &format!("{DATA}/billCreditNotes/bcn-1"),
        item(List::BillCreditNotes, "bcn-1"),
        |l| async move {
            l.accounts_payable()
                .bill_credit_notes()
                .get(COMPANY, "bcn-1")
                .await
        },
    )
    .await;
    record_examples(
        &format!("{SPEC_DATA}/billPayments/{{billPaymentId}}"),
        &format!("{DATA}/billPayments/bp-1"),
        item(List::BillPayments, "bp-1"),
        |l| async move {
            l.accounts_payable()
                .bill_payments()
                .get(COMPANY, "bp-1")
                .await
        },
    )
    .await;
    record_examples(
        &format!("{SPEC_DATA}/suppliers/{{supplierId}}"),
        &format!("{DATA}/suppliers/s-1"),
        item(List::Suppliers, "s-1"),
        |l| async move { l.accounts_payable().suppliers().get(COMPANY, "s-1").await },
    )
    .await;
}

#[tokio::test]
async fn receivable_records_decode_every_example() {
    record_examples(
        &format!("{SPEC_DATA}/creditNotes/{{creditNoteId}}"),
        &format!("{DATA}/creditNotes/cn-1"),
        item(List::CreditNotes, "cn-1"),
        |l| async move {
            l.accounts_receivable()
                .credit_notes()
                .get(COMPANY, "cn-1")
                .await
        },
    )
    .await;
    record_examples(
        &format!("{SPEC_DATA}/customers/{{customerId}}"),
        &format!("{DATA}/customers/c-1"),
        item(List::Customers, "c-1"),
        |l| async move {
            l.accounts_receivable()
                .customers()
                .get(COMPANY, "c-1")
                .await
        },
    )
    .await;
    record_examples(
        &format!("{SPEC_CONN}/data/directIncomes/{{directIncomeId}}"),
        &format!("{CONN}/data/directIncomes/di-1"),
        item(List::DirectIncomes, "di-1"),
        |l| async move {
            l.accounts_receivable()
                .direct_incomes()
                .get(COMPANY, CONNECTION, "di-1")
                .await
        },
    )
    .await;
    record_examples(
        &format!("{SPEC_DATA}/invoices/{{invoiceId}}"),
        &format!("{DATA}/invoices/i-1"),
        item(List::Invoices, "i-1"),
        |l| async move { l.accounts_receivable().invoices().get(COMPANY, "i-1").await },
    )
    .await;
    record_examples(
        &format!("{SPEC_DATA}/payments/{{paymentId}}"),
        &format!("{DATA}/payments/p-1"),
        item(List::Payments, "p-1"),
        |l| async move { l.accounts_receivable().payments().get(COMPANY, "p-1").await },
    )
    .await;
}

// ---- attachments ----------------------------------------------------------------------------

/// The five kinds of record with attachments: their path segment under the connection's
/// data, their id placeholder in the spec, and the id the tests use.
const ATTACHED: [(&str, &str, &str); 5] = [
    ("bills", "billId", "b-1"),
    ("customers", "customerId", "c-1"),
    ("directIncomes", "directIncomeId", "di-1"),
    ("invoices", "invoiceId", "i-1"),
    ("suppliers", "supplierId", "s-1"),
];

type AttachmentsCall = fn(Lending) -> BoxFuture<'static, Result<Vec<Option<String>>, Error>>;
type AttachmentCall = fn(Lending) -> BoxFuture<'static, Result<Option<String>, Error>>;
type DownloadCall = fn(Lending) -> BoxFuture<'static, Result<Download, Error>>;

/// The attachment ids of an `Attachments` answer.
macro_rules! ids_of {
    ($list:expr) => {
        $list.map(|list| {
            list.attachments
                .unwrap_or_default()
                .into_iter()
                .map(|a| a.id)
                .collect()
        })
    };
}

/// `list_attachments` of each kind, in the order of [`ATTACHED`].
fn list_attachment_calls() -> [AttachmentsCall; 5] {
    [
        |l| {
            async move {
                let r = l.accounts_payable();
                ids_of!(r.bills().list_attachments(COMPANY, CONNECTION, "b-1").await)
            }
            .boxed()
        },
        |l| {
            async move {
                let r = l.accounts_receivable();
                ids_of!(
                    r.customers()
                        .list_attachments(COMPANY, CONNECTION, "c-1")
                        .await
                )
            }
            .boxed()
        },
        |l| {
            async move {
                let r = l.accounts_receivable();
                ids_of!(
                    r.direct_incomes()
                        .list_attachments(COMPANY, CONNECTION, "di-1")
                        .await
                )
            }
            .boxed()
        },
        |l| {
            async move {
                let r = l.accounts_receivable();
                ids_of!(
                    r.invoices()
                        .list_attachments(COMPANY, CONNECTION, "i-1")
                        .await
                )
            }
            .boxed()
        },
        |l| {
            async move {
                let r = l.accounts_payable();
                ids_of!(
                    r.suppliers()
                        .list_attachments(COMPANY, CONNECTION, "s-1")
                        .await
                )
            }
            .boxed()
        },
    ]
}

/// `get_attachment` of each kind (direct incomes with their timeout), in the order of
/// [`ATTACHED`].
fn get_attachment_calls() -> [AttachmentCall; 5] {
    [
        |l| {
            async move {
                let r = l.accounts_payable().bills();
                let a = r.get_attachment(COMPANY, CONNECTION, "b-1", ATTACHMENT);
                a.await.map(|a| a.id)
            }
            .boxed()
        },
        |l| {
            async move {
                let r = l.accounts_receivable().customers();
                let a = r.get_attachment(COMPANY, CONNECTION, "c-1", ATTACHMENT);
                a.await.map(|a| a.id)
            }
            .boxed()
        },
        |l| {
            async move {
                let r = l.accounts_receivable().direct_incomes();
                let a = r.get_attachment(
                    COMPANY,
                    CONNECTION,
                    "di-1",
                    ATTACHMENT,
                    codat_lending::models::GetAccountingDirectIncomeAttachmentParams::new()
                        .timeout_in_minutes(15),
                );
                a.await.map(|a| a.id)
            }
            .boxed()
        },
        |l| {
            async move {
                let r = l.accounts_receivable().invoices();
                let a = r.get_attachment(COMPANY, CONNECTION, "i-1", ATTACHMENT);
                a.await.map(|a| a.id)
            }
            .boxed()
        },
        |l| {
            async move {
                let r = l.accounts_payable().suppliers();
                let a = r.get_attachment(COMPANY, CONNECTION, "s-1", ATTACHMENT);
                a.await.map(|a| a.id)
            }
            .boxed()
        },
    ]
}

/// `download_attachment` of each kind, in the order of [`ATTACHED`].
fn download_attachment_calls() -> [DownloadCall; 5] {
    [
        |l| {
            async move {
                let r = l.accounts_payable().bills();
                r.download_attachment(COMPANY, CONNECTION, "b-1", ATTACHMENT)
                    .await
            }
            .boxed()
        },
        |l| {
            async move {
                let r = l.accounts_receivable().customers();
                r.download_attachment(COMPANY, CONNECTION, "c-1", ATTACHMENT)
                    .await
            }
            .boxed()
        },
        |l| {
            async move {
                let r = l.accounts_receivable().direct_incomes();
                r.download_attachment(COMPANY, CONNECTION, "di-1", ATTACHMENT)
                    .await
            }
            .boxed()
        },
        |l| {
            async move {
                let r = l.accounts_receivable().invoices();
                r.download_attachment(COMPANY, CONNECTION, "i-1", ATTACHMENT)
                    .await
            }
            .boxed()
        },
        |l| {
            async move {
                let r = l.accounts_payable().suppliers();
                r.download_attachment(COMPANY, CONNECTION, "s-1", ATTACHMENT)
                    .await
            }
            .boxed()
        },
    ]
}

#[tokio::test]
async fn every_attachment_list_decodes_the_list() {
    let fixture = json!({"attachments": [
        {"id": "att-1", "name": "receipt.pdf", "contentType": "application/pdf",
         "fileSize": 1024, "includeWhenSent": true},
        {"id": "att-2", "name": "photo.png", "contentType": "image/png", "fileSize": null}
    ]});
    for ((kind, placeholder, id), call) in ATTACHED.into_iter().zip(list_attachment_calls()) {
        let spec_path = format!("{SPEC_CONN}/data/{kind}/{{{placeholder}}}/attachments");
        let full_path = format!("{CONN}/data/{kind}/{id}/attachments");
        for_each_example(
            &spec_path,
            &full_path,
            None,
            fixture.clone(),
            call,
            |name, ids, body| {
                let expected: Vec<Option<String>> = body["attachments"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a["id"].as_str().map(str::to_owned))
                    .collect();
                assert_eq!(ids, expected, "{kind} {name}");
            },
        )
        .await;
    }
}

#[tokio::test]
async fn every_attachment_read_decodes_every_example() {
    let fixture = json!({"id": ATTACHMENT, "name": "receipt.pdf", "fileSize": 1024});
    for ((kind, placeholder, id), call) in ATTACHED.into_iter().zip(get_attachment_calls()) {
        let spec_path =
            format!("{SPEC_CONN}/data/{kind}/{{{placeholder}}}/attachments/{{attachmentId}}");
        let full_path = format!("{CONN}/data/{kind}/{id}/attachments/{ATTACHMENT}");
        // Only direct incomes' read takes a timeout.
        let query = (kind == "directIncomes").then_some("timeoutInMinutes=15");
        for_each_example(
            &spec_path,
            &full_path,
            query,
            fixture.clone(),
            call,
            |name, got, body| {
                assert!(body["id"].is_string(), "{kind} {name}");
                assert_eq!(got.as_deref(), body["id"].as_str(), "{kind} {name}");
            },
        )
        .await;
    }
}

// ---- downloads ------------------------------------------------------------------------------

/// A server that answers GET `full_path` with `bytes` as a file of `content_type` named
/// `name`.
async fn file_server(full_path: &str, bytes: &[u8], content_type: &str, name: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(full_path))
        .and(header("authorization", AUTH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(bytes.to_vec(), content_type)
                .insert_header(
                    "content-disposition",
                    format!("attachment; filename=\"{name}\"").as_str(),
                ),
        )
        .mount(&server)
        .await;
    server
}

/// Asserts that the spec's 200 of `GET spec_path` is a binary file of `content_type`.
fn assert_binary(spec_path: &str, content_type: &str) {
    if let Some(op) = operation(spec_path, "get") {
        let schema = &op["responses"]["200"]["content"][content_type]["schema"];
        assert_eq!(schema["format"], "binary", "{spec_path}: {schema}");
    }
}

#[tokio::test]
async fn every_attachment_download_keeps_bytes_type_and_name() {
    // Bytes that are not UTF-8, so that nothing decodes them as text on the way.
    let bytes: Vec<u8> = (0..70_000u32).map(|i| (i * 7 % 256) as u8).collect();
    for ((kind, placeholder, id), call) in ATTACHED.into_iter().zip(download_attachment_calls()) {
        assert_binary(
            &format!(
                "{SPEC_CONN}/data/{kind}/{{{placeholder}}}/attachments/{{attachmentId}}/download"
            ),
            "application/octet-stream",
        );
        let full_path = format!("{CONN}/data/{kind}/{id}/attachments/{ATTACHMENT}/download");
        let name = format!("{kind} scan.png");
        let server = file_server(&full_path, &bytes, "image/png", &name).await;
        let download = call(lending(&server)).await.unwrap();
        assert_eq!(download.status(), 200, "{kind}");
        assert_eq!(download.content_type(), Some("image/png"), "{kind}");
        assert_eq!(download.file_name(), Some(name), "{kind}");
        assert_eq!(download.content_length(), Some(bytes.len() as u64));
        assert_eq!(within(download.bytes()).await.unwrap(), bytes, "{kind}");
        let request = only_request(&server).await;
        assert_eq!(request.url.query(), None);
        assert!(request.body.is_empty());
    }
}

#[tokio::test]
async fn the_invoice_pdf_streams_in_chunks() {
    assert_binary(
        &format!("{SPEC_DATA}/invoices/{{invoiceId}}/pdf"),
        "application/pdf",
    );
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend((0..200_000u32).map(|i| (i % 251) as u8));
    let full_path = format!("{DATA}/invoices/i-1/pdf");
    let server = file_server(&full_path, &pdf, "application/pdf", "INV-001.pdf").await;
    let download = lending(&server)
        .accounts_receivable()
        .invoices()
        .download_pdf(COMPANY, "i-1")
        .await
        .unwrap();
    assert_eq!(download.content_type(), Some("application/pdf"));
    assert_eq!(download.file_name().as_deref(), Some("INV-001.pdf"));
    let mut chunks = download.into_stream();
    let mut received = Vec::new();
    while let Some(chunk) = within(chunks.next()).await {
        received.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(received, pdf);
    assert_eq!(only_request(&server).await.url.path(), full_path);
}

#[tokio::test]
async fn an_html_page_where_a_pdf_was_expected_keeps_its_status_and_type() {
    // Codat's PDF answer is declared as a binary file, so the client hands over what came;
    // the caller can see it is not a PDF.
    let page = b"<html><body>Sign in to continue</body></html>";
    let full_path = format!("{DATA}/invoices/i-1/pdf");
    let server = file_server(&full_path, page, "text/html; charset=utf-8", "login.html").await;
    let download = lending(&server)
        .accounts_receivable()
        .invoices()
        .download_pdf(COMPANY, "i-1")
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(download.content_type(), Some("text/html; charset=utf-8"));
    assert_eq!(download.bytes().await.unwrap().as_ref(), page);
}

#[tokio::test]
async fn a_download_error_is_codats_error_message() {
    let full_path = format!("{DATA}/invoices/missing/pdf");
    let message = json!({
        "statusCode": 404, "service": "PublicApi", "error": "Invoice not found",
        "correlationId": "pdf-404"
    });
    let server = serve(AUTH, "GET", &full_path, 404, &message).await;
    let err = lending(&server)
        .accounts_receivable()
        .invoices()
        .download_pdf(COMPANY, "missing")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.status(), Some(404));
    assert_eq!(
        err.error_message().unwrap().error.as_deref(),
        Some("Invoice not found")
    );
    assert_eq!(err.correlation_id(), Some("pdf-404"));
}

/// A server on 127.0.0.1 that announces `announced` bytes of `content_type`, sends `sent`,
/// and closes the connection, for every connection.
fn cut_short_server(content_type: &'static str, announced: usize, sent: &'static [u8]) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut head = Vec::new();
            let mut buf = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ncontent-length: {announced}\r\n\r\n"
            );
            let _ = stream.write_all(response.as_bytes());
            let _ = stream.write_all(sent);
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
    });
    url
}

#[tokio::test]
async fn a_download_that_ends_early_is_an_error_not_a_short_file() {
    let url = cut_short_server("application/pdf", 5000, b"%PDF-1.7 and then nothing");
    let codat = codat_client::Codat::builder()
        .api_key(KEY)
        .base_url(url)
        .retry_policy(codat_client::RetryPolicy::disabled())
        .build()
        .unwrap();
    let lending = Lending::new(&codat);

    let download = within(
        lending
            .accounts_receivable()
            .invoices()
            .download_pdf(COMPANY, "i-1"),
    )
    .await
    .unwrap();
    assert_eq!(download.content_length(), Some(5000));
    let err = within(download.bytes()).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");

    let download = within(
        lending
            .accounts_payable()
            .bills()
            .download_attachment(COMPANY, CONNECTION, "b-1", ATTACHMENT),
    )
    .await
    .unwrap();
    let mut chunks = download.into_stream();
    let mut results = Vec::new();
    while let Some(chunk) = within(chunks.next()).await {
        results.push(chunk.is_ok());
    }
    assert_eq!(
        results.last(),
        Some(&false),
        "the stream ends with the error"
    );
}

// ---- reconciled invoices --------------------------------------------------------------------

#[tokio::test]
async fn reconciled_invoices_send_their_paging_and_decode_the_example() {
    let spec_path = format!("{SPEC_COMP}/reports/enhancedInvoices");
    let fixture = json!({
        "reportInfo": {"pageNumber": 1, "pageSize": 10, "totalResults": 1,
                       "reportName": "Invoices report"},
        "reportItems": [{"id": "i-1", "invoiceNumber": "INV-1", "status": "Paid",
                         "totalAmount": 12.0, "amountDue": 0,
                         "payments": [{"id": "p-1", "amount": 12.0, "currency": "GBP"}]}]
    });
    // The spec gives this report one unnamed example rather than named ones.
    let body = operation(&spec_path, "get")
        .map(|op| op["responses"]["200"]["content"]["application/json"]["example"].clone())
        .unwrap_or(fixture);
    assert!(body["reportItems"].is_array(), "{body}");
    let server = serve(
        AUTH,
        "GET",
        &format!("{COMP}/reports/enhancedInvoices"),
        200,
        &body,
    )
    .await;
    let report = lending(&server)
        .accounts_receivable()
        .invoices()
        .list_reconciled(
            COMPANY,
            codat_lending::models::ListReconciledInvoicesParams::new()
                .page(2)
                .page_size(10)
                .query("status=Paid"),
        )
        .await
        .unwrap();
    let info = report.report_info.unwrap();
    assert_eq!(info.page_size, body["reportInfo"]["pageSize"].as_i64());
    assert_eq!(
        info.total_results,
        body["reportInfo"]["totalResults"].as_i64()
    );
    let items = report.report_items.unwrap();
    let json = body["reportItems"].as_array().unwrap();
    assert_eq!(items.len(), json.len());
    for (item, json) in items.iter().zip(json) {
        assert_eq!(item.id.as_deref(), json["id"].as_str());
        assert_eq!(
            item.status.as_ref().map(InvoiceStatus::as_str),
            json["status"].as_str()
        );
        assert_eq!(
            item.payments.as_ref().map(Vec::len),
            json["payments"].as_array().map(Vec::len)
        );
    }
    assert_eq!(
        only_request(&server).await.url.query(),
        Some("page=2&pageSize=10&query=status%3DPaid")
    );
}

// ---- aged debtors and creditors -------------------------------------------------------------

#[tokio::test]
async fn aged_reports_send_their_options_and_decode_every_example() {
    let fixture = json!({
        "generated": "2024-05-01T10:00:00Z", "reportDate": "2024-04-30",
        "data": [{"customerId": "c-1", "supplierId": "s-1", "customerName": "Acme",
                  "agedCurrencyOutstanding": [{"currency": "GBP", "agedOutstandingAmounts": [
                      {"fromDate": "2024-04-01", "toDate": "2024-04-30", "amount": 10.5,
                       "details": [{"name": "Invoices", "amount": 10.5}]}]}]}]
    });
    let query = Some("reportDate=2022-12-31&numberOfPeriods=12&periodLengthDays=30");
    for_each_example(
        &format!("{SPEC_COMP}/reports/agedDebtor"),
        &format!("{COMP}/reports/agedDebtor"),
        query,
        fixture.clone(),
        |l| async move {
            let reports = l.accounts_receivable().reports();
            reports
                .get_aged_debtors(
                    COMPANY,
                    codat_lending::models::GetAccountingAgedDebtorsReportParams::new()
                        .report_date("2022-12-31")
                        .number_of_periods(12)
                        .period_length_days(30),
                )
                .await
        },
        |name, report, body| {
            let data = report.data.unwrap();
            let json = body["data"].as_array().unwrap();
            assert_eq!(data.len(), json.len(), "{name}");
            for (debtor, json) in data.iter().zip(json) {
                assert_eq!(debtor.customer_id.as_deref(), json["customerId"].as_str());
            }
            assert_eq!(
                report.report_date.as_ref().map(|d| d.as_str()),
                body["reportDate"].as_str()
            );
        },
    )
    .await;
    for_each_example(
        &format!("{SPEC_COMP}/reports/agedCreditor"),
        &format!("{COMP}/reports/agedCreditor"),
        query,
        fixture.clone(),
        |l| async move {
            let reports = l.accounts_receivable().reports();
            reports
                .get_aged_creditors(
                    COMPANY,
                    codat_lending::models::GetAccountingAgedCreditorsReportParams::new()
                        .report_date("2022-12-31")
                        .number_of_periods(12)
                        .period_length_days(30),
                )
                .await
        },
        |name, report, body| {
            let data = report.data.unwrap();
            let json = body["data"].as_array().unwrap();
            assert_eq!(data.len(), json.len(), "{name}");
            for (creditor, json) in data.iter().zip(json) {
                assert_eq!(creditor.supplier_id.as_deref(), json["supplierId"].as_str());
                assert_eq!(
                    creditor.aged_currency_outstanding.as_ref().map(Vec::len),
                    json["agedCurrencyOutstanding"].as_array().map(Vec::len),
                    "{name}"
                );
            }
        },
    )
    .await;
    // Every option is optional: none sends no query.
    let server = serve(
        AUTH,
        "GET",
        &format!("{COMP}/reports/agedCreditor"),
        200,
        &fixture,
    )
    .await;
    lending(&server)
        .accounts_receivable()
        .reports()
        .get_aged_creditors(
            COMPANY,
            codat_lending::models::GetAccountingAgedCreditorsReportParams::new(),
        )
        .await
        .unwrap();
    assert_eq!(only_request(&server).await.url.query(), None);
}

#[tokio::test]
async fn report_availability_is_a_bool_and_nothing_else() {
    for (kind, answer) in [("agedDebtor", true), ("agedCreditor", false)] {
        let full_path = format!("{COMP}/reports/{kind}/available");
        let server = serve(AUTH, "GET", &full_path, 200, &json!(answer)).await;
        let client = lending(&server);
        let reports = client.accounts_receivable().reports();
        let got = if kind == "agedDebtor" {
            reports.is_aged_debtors_available(COMPANY).await
        } else {
            reports.is_aged_creditors_available(COMPANY).await
        };
        assert_eq!(got.unwrap(), answer, "{kind}");
        assert_eq!(only_request(&server).await.url.query(), None);

        // A quoted "true" is not a boolean: a decode error that keeps the body.
        let server = serve(AUTH, "GET", &full_path, 200, &json!("true")).await;
        let client = lending(&server);
        let reports = client.accounts_receivable().reports();
        let err = if kind == "agedDebtor" {
            reports.is_aged_debtors_available(COMPANY).await
        } else {
            reports.is_aged_creditors_available(COMPANY).await
        }
        .unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{kind}: {err:?}");
        assert_eq!(err.body(), Some("\"true\""));
    }
}

// ---- company info ---------------------------------------------------------------------------

#[tokio::test]
async fn company_profiles_decode_every_example() {
    let fixture = json!({"companyName": "Acme Lending Ltd", "baseCurrency": "GBP"});
    for_each_example(
        &format!("{SPEC_DATA}/info"),
        &format!("{DATA}/info"),
        None,
        fixture.clone(),
        |l| async move { l.company_info().get_accounting_profile(COMPANY).await },
        |name, info, body| {
            assert!(body["companyName"].is_string(), "{name}");
            assert_eq!(info.company_name.as_deref(), body["companyName"].as_str());
            assert_eq!(info.base_currency.as_deref(), body["baseCurrency"].as_str());
        },
    )
    .await;
    for_each_example(
        &format!("{SPEC_CONN}/data/commerce-info"),
        &format!("{CONN}/data/commerce-info"),
        None,
        fixture,
        |l| async move {
            l.company_info()
                .get_commerce_profile(COMPANY, CONNECTION)
                .await
        },
        |name, info, body| {
            assert!(body["companyName"].is_string(), "{name}");
            assert_eq!(info.company_name.as_deref(), body["companyName"].as_str());
            assert_eq!(
                info.account_balances.as_ref().map(Vec::len),
                body["accountBalances"].as_array().map(Vec::len),
                "{name}"
            );
        },
    )
    .await;
}

// ---- data integrity -------------------------------------------------------------------------

const DATA_TYPES: [(DataIntegrityDataType, &str); 4] = [
    (DataIntegrityDataType::BankingAccounts, "banking-accounts"),
    (
        DataIntegrityDataType::BankingTransactions,
        "banking-transactions",
    ),
    (DataIntegrityDataType::BankAccounts, "bankAccounts"),
    (
        DataIntegrityDataType::AccountTransactions,
        "accountTransactions",
    ),
];

#[test]
fn the_data_types_are_the_specs() {
    let Some(op) = operation(&format!("{SPEC_ASSESS}/status"), "get") else {
        return;
    };
    let spec = spec().unwrap();
    let param = op["parameters"]
        .as_array()
        .into_iter()
        .chain(spec["paths"][format!("{SPEC_ASSESS}/status")]["parameters"].as_array())
        .flatten()
        .map(|p| codat_product_tests::resolve(spec, p))
        .find(|p| p["name"] == "dataType")
        .expect("a dataType parameter");
    let wire: Vec<&str> = param["schema"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let ours: Vec<&str> = DATA_TYPES.iter().map(|(_, wire)| *wire).collect();
    assert_eq!(ours, wire);
    for (data_type, wire) in &DATA_TYPES {
        assert_eq!(data_type.as_str(), *wire);
        assert_eq!(&DataIntegrityDataType::from(*wire), data_type);
    }
    assert_eq!(
        DataIntegrityDataType::from("invoices"),
        DataIntegrityDataType::Unrecognized("invoices".into())
    );
}

#[tokio::test]
async fn data_integrity_status_names_each_data_type_in_the_path() {
    let fixture = json!({"metadata": [{
        "type": "bankAccounts",
        "statusInfo": {"lastMatched": "2024-05-01T10:00:00Z", "currentStatus": "Complete",
                       "statusMessage": "Matched"},
        "connectionIds": {"source": [CONNECTION], "target": [CONNECTION]},
        "amounts": {"min": 1.5, "max": 900.0, "currency": "GBP"},
        "dates": {"minDate": "2024-01-01", "maxDate": "2024-04-30"}
    }]});
    for (data_type, wire) in DATA_TYPES {
        for_each_example(
            &format!("{SPEC_ASSESS}/status"),
            &format!("{ASSESS}/{wire}/dataIntegrity/status"),
            None,
            fixture.clone(),
            |l| {
                let data_type = data_type.clone();
                async move { l.data_integrity().status(COMPANY, &data_type).await }
            },
            |name, statuses, body| {
                let metadata = statuses.metadata.unwrap();
                assert_eq!(metadata.len(), body["metadata"].as_array().unwrap().len());
                let info = metadata[0].status_info.as_ref().unwrap();
                assert_eq!(
                    info.current_status.as_ref().map(IntegrityStatus::as_str),
                    body["metadata"][0]["statusInfo"]["currentStatus"].as_str(),
                    "{name}"
                );
            },
        )
        .await;
    }
}

#[tokio::test]
async fn data_integrity_summaries_send_the_query() {
    let fixture = json!({"summaries": [{
        "type": "bankAccounts",
        "byAmount": {"matchPercentage": 75.0, "unmatched": 25.0, "matched": 75.0,
                     "total": 100.0, "currency": "GBP"},
        "byCount": {"matchPercentage": 50.0, "unmatched": 2, "matched": 2, "total": 4}
    }]});
    let spec_path = format!("{SPEC_ASSESS}/summaries");
    let full_path = format!("{ASSESS}/accountTransactions/dataIntegrity/summaries");
    for (query, sent) in [
        (Some("amount>100"), Some("query=amount%3E100")),
        (None, None),
    ] {
        for_each_example(
            &spec_path,
            &full_path,
            sent,
            fixture.clone(),
            |l| async move {
                l.data_integrity()
                    .summaries(COMPANY, &DataIntegrityDataType::AccountTransactions, {
                        let mut params =
                            codat_lending::models::GetDataIntegritySummariesParams::new();
                        params.query = query.map(str::to_owned);
                        params
                    })
                    .await
            },
            |name, summaries, body| {
                let summaries = summaries.summaries.unwrap();
                let json = &body["summaries"][0];
                assert_eq!(
                    summaries[0].r#type.as_deref(),
                    json["type"].as_str(),
                    "{name}"
                );
                assert_eq!(
                    summaries[0].by_count.as_ref().unwrap().total,
                    decimal(&json["byCount"]["total"])
                );
            },
        )
        .await;
    }
}

#[tokio::test]
async fn data_integrity_details_send_the_paging_and_decode_every_example() {
    list_examples(
        &format!("{SPEC_ASSESS}/details"),
        &format!("{ASSESS}/banking-transactions/dataIntegrity/details"),
        json!({
            "id": "d-1", "type": "banking-transactions", "connectionId": CONNECTION,
            "date": "2024-03-01", "description": "Card payment", "amount": -12.5,
            "currency": "GBP",
            "matches": [{"id": "m-1", "type": "accountTransactions", "amount": "-12.5"}]
        }),
        |l| async move {
            l.data_integrity()
                .details(
                    COMPANY,
                    &DataIntegrityDataType::BankingTransactions,
                    paging(),
                )
                .await
        },
    )
    .await;
}

// ---- enums Codat may extend -----------------------------------------------------------------

#[tokio::test]
async fn a_status_this_crate_does_not_know_is_kept_as_unknown() {
    let mut bill = item(List::Bills, "b-1");
    bill["status"] = json!("Disputed");
    let server = serve(AUTH, "GET", &format!("{DATA}/bills/b-1"), 200, &bill).await;
    let bill = lending(&server)
        .accounts_payable()
        .bills()
        .get(COMPANY, "b-1")
        .await
        .unwrap();
    assert_eq!(bill.status, BillStatus::Unrecognized("Disputed".into()));

    let mut supplier = item(List::Suppliers, "s-1");
    supplier["status"] = json!("Blocked");
    let server = serve(
        AUTH,
        "GET",
        &format!("{DATA}/suppliers/s-1"),
        200,
        &supplier,
    )
    .await;
    let supplier = lending(&server)
        .accounts_payable()
        .suppliers()
        .get(COMPANY, "s-1")
        .await
        .unwrap();
    assert_eq!(
        supplier.status,
        SupplierStatus::Unrecognized("Blocked".into())
    );
    // Codat's own "Unknown" is a value of its own, not an unknown one.
    assert_eq!(SupplierStatus::from("Unknown"), SupplierStatus::Unknown);

    let body = json!({"metadata": [{"statusInfo": {"currentStatus": "Stale"}}]});
    let full_path = format!("{ASSESS}/bankAccounts/dataIntegrity/status");
    let server = serve(AUTH, "GET", &full_path, 200, &body).await;
    let statuses = lending(&server)
        .data_integrity()
        .status(COMPANY, &DataIntegrityDataType::BankAccounts)
        .await
        .unwrap();
    let status = statuses.metadata.unwrap()[0].status_info.clone().unwrap();
    assert_eq!(
        status.current_status,
        Some(IntegrityStatus::Unrecognized("Stale".into()))
    );
}

// ---- page streams ---------------------------------------------------------------------------

/// The lists that come as streams.
#[derive(Clone, Copy, Debug, PartialEq)]
enum List {
    Bills,
    BillCreditNotes,
    BillPayments,
    Suppliers,
    CreditNotes,
    Customers,
    DirectIncomes,
    Invoices,
    Payments,
    Details,
    Reconciled,
}

const LISTS: [List; 11] = [
    List::Bills,
    List::BillCreditNotes,
    List::BillPayments,
    List::Suppliers,
    List::CreditNotes,
    List::Customers,
    List::DirectIncomes,
    List::Invoices,
    List::Payments,
    List::Details,
    List::Reconciled,
];

impl List {
    fn path(self) -> String {
        match self {
            List::Bills => format!("{DATA}/bills"),
            List::BillCreditNotes => format!("{DATA}/billCreditNotes"),
            List::BillPayments => format!("{DATA}/billPayments"),
            List::Suppliers => format!("{DATA}/suppliers"),
            List::CreditNotes => format!("{DATA}/creditNotes"),
            List::Customers => format!("{DATA}/customers"),
            List::DirectIncomes => format!("{CONN}/data/directIncomes"),
            List::Invoices => format!("{DATA}/invoices"),
            List::Payments => format!("{DATA}/payments"),
            List::Details => format!("{ASSESS}/bankAccounts/dataIntegrity/details"),
            List::Reconciled => format!("{COMP}/reports/enhancedInvoices"),
        }
    }

    /// One page as the list's server sends it: Codat's page, or the report's own shape.
    fn page(self, ids: &[String], page: usize, size: usize, total: usize) -> Value {
        let results: Vec<Value> = ids.iter().map(|id| item(self, id)).collect();
        if self == List::Reconciled {
            return json!({
                "reportInfo": {"pageNumber": page, "pageSize": size, "totalResults": total,
                               "reportName": "Invoices report"},
                "reportItems": results
            });
        }
        let mut links = json!({"self": {"href": "/x"}, "current": {"href": "/x"}});
        if page * size < total {
            links["next"] = json!({"href": "/x?next"});
        }
        json!({
            "results": results, "pageNumber": page, "pageSize": size,
            "totalResults": total, "_links": links
        })
    }

    /// The stream's items, as their ids.
    fn stream(
        self,
        lending: &Lending,
        options: PageOptions,
    ) -> BoxStream<'_, Result<String, Error>> {
        fn id(id: Option<String>) -> String {
            id.unwrap_or_default()
        }
        const DETAILS: &DataIntegrityDataType = &DataIntegrityDataType::BankAccounts;
        let payable = lending.accounts_payable();
        let receivable = lending.accounts_receivable();
        match self {
            List::Bills => payable
                .bills()
                .list_all(COMPANY, options)
                .map_ok(|r| id(r.id))
                .boxed(),
            List::BillCreditNotes => payable
                .bill_credit_notes()
                .list_all(COMPANY, options)
                .map_ok(|r| id(r.id))
                .boxed(),
            List::BillPayments => payable
                .bill_payments()
                .list_all(COMPANY, options)
                .map_ok(|r| id(r.id))
                .boxed(),
            List::Suppliers => payable
                .suppliers()
                .list_all(COMPANY, options)
                .map_ok(|r| id(r.id))
                .boxed(),
            List::CreditNotes => receivable
                .credit_notes()
                .list_all(COMPANY, options)
                .map_ok(|r| id(r.id))
                .boxed(),
            List::Customers => receivable
                .customers()
                .list_all(COMPANY, options)
                .map_ok(|r| id(r.id))
                .boxed(),
            List::DirectIncomes => receivable
                .direct_incomes()
                .list_all(COMPANY, CONNECTION, options)
                .map_ok(|r| id(r.id))
                .boxed(),
            List::Invoices => receivable
                .invoices()
                .list_all(COMPANY, options)
                .map_ok(|r| id(r.id))
                .boxed(),
            List::Payments => receivable
                .payments()
                .list_all(COMPANY, options)
                .map_ok(|r| id(r.id))
                .boxed(),
            List::Details => lending
                .data_integrity()
                .list_all_details(COMPANY, DETAILS, options)
                .map_ok(|r| id(r.id))
                .boxed(),
            List::Reconciled => receivable
                .invoices()
                .list_all_reconciled(COMPANY, options)
                .map_ok(|r| id(r.id))
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
        // Three pages, and no fourth: the total says so.
        assert_eq!(pages_asked(&server).await, [1, 2, 3], "{list:?}");
        for request in requests(&server).await {
            let query = request.url.query().unwrap();
            // The reconciled report takes no order; the other lists do.
            let expected = if list == List::Reconciled {
                "pageSize=3&query=status%3DActive"
            } else {
                "pageSize=3&query=status%3DActive&orderBy=-modifiedDate"
            };
            assert!(query.ends_with(expected), "{list:?}: {query}");
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
    for list in [List::Invoices, List::Reconciled, List::Details] {
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

#[tokio::test]
async fn a_reconciled_report_without_totals_is_read_until_an_empty_page() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(List::Reconciled.path()))
        .respond_with(|request: &Request| {
            let page = number_param(request, "page").unwrap();
            // Two pages of two, then nothing; no report info at all.
            let items: Vec<Value> = if page <= 2 {
                (0..2)
                    .map(|i| json!({"id": format!("item-{}", (page - 1) * 2 + i)}))
                    .collect()
            } else {
                Vec::new()
            };
            ResponseTemplate::new(200).set_body_json(json!({"reportItems": items}))
        })
        .mount(&server)
        .await;
    let lending = lending(&server);
    let got: Vec<String> = within(
        List::Reconciled
            .stream(&lending, PageOptions::new().page_size(2))
            .try_collect(),
    )
    .await
    .unwrap();
    assert_eq!(got, ids(0..4));
    assert_eq!(pages_asked(&server).await, [1, 2, 3]);
}

#[tokio::test]
async fn a_stream_fetches_as_many_pages_at_once_as_its_options_say() {
    // Page 2 answers slowly. One page at a time, page 3 is asked for only after page 2's
    // answer; three at a time, pages 3 and 4 are asked for while page 2 is still pending.
    for (concurrency, overlapping) in [(1, false), (3, true)] {
        for list in [List::Bills, List::Reconciled] {
            let server = MockServer::start().await;
            let asked: Arc<Mutex<Vec<(usize, Instant)>>> = Arc::default();
            let log = asked.clone();
            Mock::given(method("GET"))
                .and(path(list.path()))
                .respond_with(move |request: &Request| {
                    let page = number_param(request, "page").unwrap();
                    log.lock().unwrap().push((page, Instant::now()));
                    let template = ResponseTemplate::new(200).set_body_json(list.page(
                        &[format!("item-{page}")],
                        page,
                        1,
                        4,
                    ));
                    if page == 2 {
                        template.set_delay(Duration::from_millis(400))
                    } else {
                        template
                    }
                })
                .mount(&server)
                .await;
            let lending = lending(&server);
            let options = PageOptions::new().page_size(1).concurrency(concurrency);
            let got: Vec<String> = within(list.stream(&lending, options).try_collect())
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

// ---- errors ---------------------------------------------------------------------------------

#[tokio::test]
async fn a_declared_error_status_is_codats_error_message_and_an_undeclared_one_is_not() {
    let message = json!({
        "statusCode": 409, "service": "PublicApi",
        "error": "Data type invoices is not yet synced", "correlationId": "corr-409",
        "canBeRetried": "Unknown", "detailedErrorCode": 0
    });
    if let Some(errors) = operation(&format!("{SPEC_DATA}/invoices"), "get").and_then(spec_errors) {
        assert!(errors.contains(&409), "{errors:?}");
    }
    let server = serve(AUTH, "GET", &format!("{DATA}/invoices"), 409, &message).await;
    let err = lending(&server)
        .accounts_receivable()
        .invoices()
        .list(COMPANY, PageParams::new())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));
    assert_eq!(
        err.error_message().unwrap().error.as_deref(),
        Some("Data type invoices is not yet synced")
    );
    assert_eq!(err.correlation_id(), Some("corr-409"));

    // Reading one attachment does not declare 409: the same body is an unexpected status.
    let spec_path = format!("{SPEC_CONN}/data/invoices/{{invoiceId}}/attachments/{{attachmentId}}");
    if let Some(errors) = operation(&spec_path, "get").and_then(spec_errors) {
        assert!(!errors.contains(&409), "{errors:?}");
    }
    let full_path = format!("{CONN}/data/invoices/i-1/attachments/{ATTACHMENT}");
    let server = serve(AUTH, "GET", &full_path, 409, &message).await;
    let err = lending(&server)
        .accounts_receivable()
        .invoices()
        .get_attachment(COMPANY, CONNECTION, "i-1", ATTACHMENT)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));
    assert!(err.body().unwrap().contains("not yet synced"));
}

/// A server that answers every request with `status`, `content_type` and `body`.
async fn raw_server(status: u16, content_type: &str, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.as_bytes(), content_type))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn an_html_error_page_keeps_its_status_and_the_start_of_its_body() {
    let page = "<html><head><title>502 Bad Gateway</title></head><body>upstream gone</body></html>";
    // 502 is not declared; 500 is, but an HTML page is not Codat's error message either.
    for status in [502, 500] {
        let server = raw_server(status, "text/html", page).await;
        let err = lending(&server)
            .company_info()
            .get_accounting_profile(COMPANY)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
        assert_eq!(err.status(), Some(status));
        assert!(err.body().unwrap().contains("upstream gone"), "{err:?}");
        let response = err.response().unwrap();
        assert_eq!(response.content_type.as_deref(), Some("text/html"));
    }
}

#[tokio::test]
async fn a_200_that_is_not_the_model_is_a_decode_error() {
    for (body, content_type) in [
        ("{\"results\": [", "application/json"),
        ("", "application/json"),
        ("<html>maintenance</html>", "text/html"),
        ("{\"results\": {\"id\": \"x\"}}", "application/json"),
    ] {
        let server = raw_server(200, content_type, body).await;
        let err = lending(&server)
            .accounts_payable()
            .bills()
            .list(COMPANY, PageParams::new())
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{body:?}: {err:?}");
        assert_eq!(err.status(), Some(200));
        assert_eq!(err.body(), Some(body));
    }
}

#[tokio::test]
async fn a_hostile_id_stays_one_path_segment() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(item(List::Invoices, "x")))
        .mount(&server)
        .await;
    let lending = lending(&server);
    for (id, encoded) in [
        ("../x", "..%2Fx"),
        ("a/b?c#d", "a%2Fb%3Fc%23d"),
        ("%2e%2e", "%252e%252e"),
    ] {
        lending
            .accounts_receivable()
            .invoices()
            .get(COMPANY, id)
            .await
            .unwrap();
        let sent = requests(&server).await.pop().unwrap();
        assert_eq!(sent.url.path(), format!("{DATA}/invoices/{encoded}"));
        assert_eq!(sent.url.query(), None);
        assert_eq!(sent.url.fragment(), None);

        // A file download too, and a data type Codat may add.
        let _ = lending
            .accounts_receivable()
            .invoices()
            .download_pdf(COMPANY, id)
            .await
            .unwrap();
        let sent = requests(&server).await.pop().unwrap();
        assert_eq!(sent.url.path(), format!("{DATA}/invoices/{encoded}/pdf"));
        let data_type = DataIntegrityDataType::from(id);
        let _ = lending.data_integrity().status(COMPANY, &data_type).await;
        let sent = requests(&server).await.pop().unwrap();
        assert_eq!(
            sent.url.path(),
            format!("{ASSESS}/{encoded}/dataIntegrity/status")
        );
    }
    // `..` and `.` cannot be a segment at all: refused, nothing sent.
    let before = requests(&server).await.len();
    for id in ["..", "."] {
        let err = lending
            .accounts_payable()
            .bills()
            .download_attachment(COMPANY, CONNECTION, "b-1", id)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidPathParameter { .. }), "{err:?}");
        let err = lending
            .accounts_receivable()
            .reports()
            .get_aged_debtors(
                id,
                codat_lending::models::GetAccountingAgedDebtorsReportParams::new(),
            )
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidPathParameter { .. }), "{err:?}");
    }
    assert_eq!(requests(&server).await.len(), before);
}

// ---- what is declared -----------------------------------------------------------------------

/// The modules of these groups.
const MODULES: [&str; 4] = [
    "codat_lending::accounts_payable",
    "codat_lending::accounts_receivable",
    "codat_lending::company_info",
    "codat_lending::data_integrity",
];

#[test]
fn every_operation_of_these_groups_is_declared_once() {
    let ours: Vec<_> = codat_client::operations()
        .filter(|op| op.product == "codat-lending")
        .filter(|op| MODULES.iter().any(|m| op.module.starts_with(m)))
        .collect();
    let mut templates: Vec<String> = ours
        .iter()
        .map(|op| format!("{:?} {}", op.method, op.template))
        .collect();
    templates.sort();
    templates.dedup();
    assert_eq!(ours.len(), 44, "{templates:#?}");
    assert_eq!(templates.len(), 44, "{templates:#?}");
    let Some(spec) = spec() else { return };
    let mut in_spec = 0;
    for (spec_path, item) in spec["paths"].as_object().unwrap() {
        for (verb, op) in item.as_object().unwrap() {
            if !["get", "post", "put", "patch", "delete"].contains(&verb.as_str()) {
                continue;
            }
            let group = op["x-speakeasy-group"].as_str().unwrap_or("");
            let tag = op["tags"][0].as_str().unwrap_or("");
            let mine = group.starts_with("accounts-payable.")
                || group.starts_with("accounts-receivable.")
                || tag == "Company info"
                || tag == "Data integrity";
            let found = ours.iter().any(|ours| {
                format!("{:?}", ours.method).eq_ignore_ascii_case(verb)
                    && ours
                        .template
                        .replace('_', "")
                        .eq_ignore_ascii_case(&spec_path.replace('{', "<").replace('}', ">"))
            });
            assert_eq!(found, mine, "{verb} {spec_path} ({group}, {tag})");
            in_spec += usize::from(found);
        }
    }
    assert_eq!(in_spec, 44);
}

/// Serves `total` items of `list` in pages of the `pageSize` asked for (ids `item-0`, ...);
/// the pages in `failing` answer 500 instead.
async fn paged_server(list: List, total: usize, failing: &'static [usize]) -> MockServer {
    common::paged_server(&list.path(), total, failing, move |range, page, size| {
        list.page(&ids(range), page, size, total)
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
