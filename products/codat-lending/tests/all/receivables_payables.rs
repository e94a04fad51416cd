//! Accounts payable, accounts receivable, company info and data integrity: their rows of the
//! tables, then what only they have: attachments and the invoice PDF as files, the aged
//! reports' options, report availability as a bool, the data types in the path, enum values
//! Codat keeps or adds, a reconciled report read to an empty page.

use codat_client::paging::{PageOptions, PageParams};
use codat_client::Error;
use codat_lending::data_integrity::DataIntegrityDataType as DataType;
use codat_lending::models::{
    BillStatus, GetAccountingAgedCreditorsReportParams, GetAccountingAgedDebtorsReportParams,
    GetAccountingDirectIncomeAttachmentParams, GetDataIntegritySummariesParams, IntegrityStatus,
    InvoiceStatus, ListReconciledInvoicesParams, SupplierStatus,
};
use codat_lending::Lending;
use codat_product_tests::{answering, call, ids, list, pages_asked, paging, within, COMPANY};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::{List, Op, LENDING};

/// The smallest JSON each kind of record decodes from (its required fields), with `id`.
fn bill(id: &str) -> Value {
    json!({"id": id, "issueDate": "2024-01-05T00:00:00", "status": "Open",
           "subTotal": 100.0, "taxAmount": 20.0, "totalAmount": 120.0})
}
fn bill_credit_note(id: &str) -> Value {
    json!({"id": id, "totalAmount": 12.0, "totalDiscount": 0.0, "subTotal": 10.0,
           "totalTaxAmount": 2.0, "discountPercentage": 0.0, "status": "Submitted"})
}
fn credit_note(id: &str) -> Value {
    let mut note = bill_credit_note(id);
    note["remainingCredit"] = json!(12.0);
    note
}
fn payment(id: &str) -> Value {
    json!({"id": id, "date": "2024-01-09T00:00:00"})
}
fn contact(id: &str) -> Value {
    json!({"id": id, "status": "Active"})
}
fn direct_income(id: &str) -> Value {
    json!({"id": id, "issueDate": "2024-01-05T00:00:00", "currency": "GBP", "lineItems": [],
           "paymentAllocations": [], "subTotal": 10.0, "taxAmount": 2.0, "totalAmount": 12.0})
}
fn invoice(id: &str) -> Value {
    json!({"id": id, "issueDate": "2024-01-05T00:00:00", "totalTaxAmount": 2.0,
           "totalAmount": 12.0, "amountDue": 12.0, "status": "Submitted"})
}

fn attachments() -> Value {
    json!({"attachments": [
        {"id": "att-1", "name": "receipt.pdf", "contentType": "application/pdf",
         "fileSize": 1024, "includeWhenSent": true},
        {"id": "att-2", "name": "photo.png", "contentType": "image/png", "fileSize": null}
    ]})
}

fn attachment() -> Value {
    json!({"id": crate::ATTACHMENT, "name": "receipt.pdf", "fileSize": 1024})
}

/// An aged report of one debtor (`who` `customer`) or creditor (`supplier`).
fn aged_report(who: &str) -> Value {
    json!({
        "generated": "2024-05-01T10:00:00Z", "reportDate": "2024-04-30",
        "data": [{format!("{who}Id"): "x-1", format!("{who}Name"): "Acme",
                  "agedCurrencyOutstanding": [{"currency": "GBP", "agedOutstandingAmounts": [
                      {"fromDate": "2024-04-01", "toDate": "2024-04-30", "amount": 10.5,
                       "details": [{"name": "Invoices", "amount": 10.5}]}]}]}]
    })
}

const AGED_QUERY: &str = "reportDate=2022-12-31&numberOfPeriods=12&periodLengthDays=30";
const OCTET: &str = "application/octet-stream";

fn debtors() -> GetAccountingAgedDebtorsReportParams {
    let params = GetAccountingAgedDebtorsReportParams::new().report_date("2022-12-31");
    params.number_of_periods(12).period_length_days(30)
}

fn creditors() -> GetAccountingAgedCreditorsReportParams {
    let params = GetAccountingAgedCreditorsReportParams::new().report_date("2022-12-31");
    params.number_of_periods(12).period_length_days(30)
}

pub(crate) fn ops() -> Vec<Op> {
    let reconciled = json!({
        "reportInfo": {"pageNumber": 1, "pageSize": 10, "totalResults": 1,
                       "reportName": "Invoices report"},
        "reportItems": [{"id": "i-1", "invoiceNumber": "INV-1", "status": "Paid",
                         "totalAmount": 12.0, "amountDue": 0,
                         "payments": [{"id": "p-1", "amount": 12.0, "currency": "GBP"}]}]
    });
    let profile = json!({"companyName": "Acme Lending Ltd", "baseCurrency": "GBP"});
    vec![
        // ---- accounts payable
        Op::page(
            "/companies/{companyId}/data/bills",
            call!(|p, a| p.accounts_payable().bills().list(&a[0], paging())),
            bill("b-1"),
        ),
        Op::get(
            "/companies/{companyId}/data/bills/{billId}",
            call!(|p, a| p.accounts_payable().bills().get(&a[0], &a[1])),
        )
        .fixture(bill("b-1")),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/bills/{billId}/attachments",
            call!(|p, a| p.accounts_payable().bills().list_attachments(&a[0], &a[1], &a[2])),
        )
        .fixture(attachments()),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/bills/{billId}/attachments/{attachmentId}",
            call!(|p, a| p.accounts_payable().bills().get_attachment(&a[0], &a[1], &a[2], &a[3])),
        )
        .fixture(attachment()),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/bills/{billId}/attachments/{attachmentId}/download",
            call!(|p, a| p.accounts_payable().bills().download_attachment(&a[0], &a[1], &a[2], &a[3]) => file),
        )
        .file(OCTET),
        Op::page(
            "/companies/{companyId}/data/billCreditNotes",
            call!(|p, a| p.accounts_payable().bill_credit_notes().list(&a[0], paging())),
            bill_credit_note("bcn-1"),
        ),
        Op::get(
            "/companies/{companyId}/data/billCreditNotes/{billCreditNoteId}",
            call!(|p, a| p.accounts_payable().bill_credit_notes().get(&a[0], &a[1])),
        )
        .fixture(bill_credit_note("bcn-1")),
        Op::page(
            "/companies/{companyId}/data/billPayments",
            call!(|p, a| p.accounts_payable().bill_payments().list(&a[0], paging())),
            payment("bp-1"),
        ),
        Op::get(
            "/companies/{companyId}/data/billPayments/{billPaymentId}",
            call!(|p, a| p.accounts_payable().bill_payments().get(&a[0], &a[1])),
        )
        .fixture(payment("bp-1")),
        Op::page(
            "/companies/{companyId}/data/suppliers",
            call!(|p, a| p.accounts_payable().suppliers().list(&a[0], paging())),
            contact("s-1"),
        ),
        Op::get(
            "/companies/{companyId}/data/suppliers/{supplierId}",
            call!(|p, a| p.accounts_payable().suppliers().get(&a[0], &a[1])),
        )
        .fixture(contact("s-1")),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/suppliers/{supplierId}/attachments",
            call!(|p, a| p.accounts_payable().suppliers().list_attachments(&a[0], &a[1], &a[2])),
        )
        .fixture(attachments()),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/suppliers/{supplierId}/attachments/{attachmentId}",
            call!(|p, a| p.accounts_payable().suppliers().get_attachment(&a[0], &a[1], &a[2], &a[3])),
        )
        .fixture(attachment()),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/suppliers/{supplierId}/attachments/{attachmentId}/download",
            call!(|p, a| p.accounts_payable().suppliers().download_attachment(&a[0], &a[1], &a[2], &a[3]) => file),
        )
        .file(OCTET),
        // ---- accounts receivable
        Op::page(
            "/companies/{companyId}/data/creditNotes",
            call!(|p, a| p.accounts_receivable().credit_notes().list(&a[0], paging())),
            credit_note("cn-1"),
        ),
        Op::get(
            "/companies/{companyId}/data/creditNotes/{creditNoteId}",
            call!(|p, a| p.accounts_receivable().credit_notes().get(&a[0], &a[1])),
        )
        .fixture(credit_note("cn-1")),
        Op::page(
            "/companies/{companyId}/data/customers",
            call!(|p, a| p.accounts_receivable().customers().list(&a[0], paging())),
            contact("c-1"),
        ),
        Op::get(
            "/companies/{companyId}/data/customers/{customerId}",
            call!(|p, a| p.accounts_receivable().customers().get(&a[0], &a[1])),
        )
        .fixture(contact("c-1")),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/customers/{customerId}/attachments",
            call!(|p, a| p.accounts_receivable().customers().list_attachments(&a[0], &a[1], &a[2])),
        )
        .fixture(attachments()),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/customers/{customerId}/attachments/{attachmentId}",
            call!(|p, a| p.accounts_receivable().customers().get_attachment(&a[0], &a[1], &a[2], &a[3])),
        )
        .fixture(attachment()),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/customers/{customerId}/attachments/{attachmentId}/download",
            call!(|p, a| p.accounts_receivable().customers().download_attachment(&a[0], &a[1], &a[2], &a[3]) => file),
        )
        .file(OCTET),
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/directIncomes",
            call!(|p, a| p.accounts_receivable().direct_incomes().list(&a[0], &a[1], paging())),
            direct_income("di-1"),
        ),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/directIncomes/{directIncomeId}",
            call!(|p, a| p.accounts_receivable().direct_incomes().get(&a[0], &a[1], &a[2])),
        )
        .fixture(direct_income("di-1")),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/directIncomes/{directIncomeId}/attachments",
            call!(|p, a| p.accounts_receivable().direct_incomes().list_attachments(&a[0], &a[1], &a[2])),
        )
        .fixture(attachments()),
        // Only direct incomes' read takes a timeout.
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/directIncomes/{directIncomeId}/attachments/{attachmentId}",
            call!(|p, a| {
                let timeout = GetAccountingDirectIncomeAttachmentParams::new().timeout_in_minutes(15);
                p.accounts_receivable().direct_incomes().get_attachment(&a[0], &a[1], &a[2], &a[3], timeout)
            }),
        )
        .query("timeoutInMinutes=15")
        .fixture(attachment()),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/directIncomes/{directIncomeId}/attachments/{attachmentId}/download",
            call!(|p, a| p.accounts_receivable().direct_incomes().download_attachment(&a[0], &a[1], &a[2], &a[3]) => file),
        )
        .file(OCTET),
        Op::page(
            "/companies/{companyId}/data/invoices",
            call!(|p, a| p.accounts_receivable().invoices().list(&a[0], paging())),
            invoice("i-1"),
        ),
        Op::get(
            "/companies/{companyId}/data/invoices/{invoiceId}",
            call!(|p, a| p.accounts_receivable().invoices().get(&a[0], &a[1])),
        )
        .fixture(invoice("i-1")),
        Op::get(
            "/companies/{companyId}/data/invoices/{invoiceId}/pdf",
            call!(|p, a| p.accounts_receivable().invoices().download_pdf(&a[0], &a[1]) => file),
        )
        .file("application/pdf"),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/invoices/{invoiceId}/attachments",
            call!(|p, a| p.accounts_receivable().invoices().list_attachments(&a[0], &a[1], &a[2])),
        )
        .fixture(attachments()),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/invoices/{invoiceId}/attachments/{attachmentId}",
            call!(|p, a| p.accounts_receivable().invoices().get_attachment(&a[0], &a[1], &a[2], &a[3])),
        )
        .fixture(attachment()),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/invoices/{invoiceId}/attachments/{attachmentId}/download",
            call!(|p, a| p.accounts_receivable().invoices().download_attachment(&a[0], &a[1], &a[2], &a[3]) => file),
        )
        .file(OCTET),
        Op::get(
            "/companies/{companyId}/reports/enhancedInvoices",
            call!(|p, a| {
                let params = ListReconciledInvoicesParams::new().page(2).page_size(10).query("status=Paid");
                p.accounts_receivable().invoices().list_reconciled(&a[0], params)
            }),
        )
        .query("page=2&pageSize=10&query=status%3DPaid")
        .fixture(reconciled),
        Op::page(
            "/companies/{companyId}/data/payments",
            call!(|p, a| p.accounts_receivable().payments().list(&a[0], paging())),
            payment("p-1"),
        ),
        Op::get(
            "/companies/{companyId}/data/payments/{paymentId}",
            call!(|p, a| p.accounts_receivable().payments().get(&a[0], &a[1])),
        )
        .fixture(payment("p-1")),
        Op::get(
            "/companies/{companyId}/reports/agedDebtor/available",
            call!(|p, a| p.accounts_receivable().reports().is_aged_debtors_available(&a[0])),
        )
        .fixture(json!(true)),
        Op::get(
            "/companies/{companyId}/reports/agedDebtor",
            call!(|p, a| p.accounts_receivable().reports().get_aged_debtors(&a[0], debtors())),
        )
        .query(AGED_QUERY)
        .fixture(aged_report("customer")),
        Op::get(
            "/companies/{companyId}/reports/agedCreditor/available",
            call!(|p, a| p.accounts_receivable().reports().is_aged_creditors_available(&a[0])),
        )
        .fixture(json!(false)),
        Op::get(
            "/companies/{companyId}/reports/agedCreditor",
            call!(|p, a| p.accounts_receivable().reports().get_aged_creditors(&a[0], creditors())),
        )
        .query(AGED_QUERY)
        .fixture(aged_report("supplier")),
        // ---- company info
        Op::get(
            "/companies/{companyId}/data/info",
            call!(|p, a| p.company_info().get_accounting_profile(&a[0])),
        )
        .fixture(profile.clone()),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-info",
            call!(|p, a| p.company_info().get_commerce_profile(&a[0], &a[1])),
        )
        .fixture(profile),
        // ---- data integrity
        Op::get(
            "/data/companies/{companyId}/assess/dataTypes/{dataType}/dataIntegrity/status",
            call!(|p, a| p.data_integrity().status(&a[0], &DataType::from(&a[1]))),
        )
        .fixture(json!({"metadata": [{
            "type": "bankAccounts",
            "statusInfo": {"lastMatched": "2024-05-01T10:00:00Z", "currentStatus": "Complete",
                           "statusMessage": "Matched"},
            "connectionIds": {"source": [crate::CONNECTION], "target": [crate::CONNECTION]},
            "amounts": {"min": 1.5, "max": 900.0, "currency": "GBP"},
            "dates": {"minDate": "2024-01-01", "maxDate": "2024-04-30"}
        }]})),
        Op::get(
            "/data/companies/{companyId}/assess/dataTypes/{dataType}/dataIntegrity/summaries",
            call!(|p, a| async {
                let options = GetDataIntegritySummariesParams::new().query("amount>100");
                p.data_integrity().summaries(&a[0], &DataType::from(&a[1]), options).await
            }),
        )
        .query("query=amount%3E100")
        .fixture(json!({"summaries": [{
            "type": "bankAccounts",
            "byAmount": {"matchPercentage": 75.0, "unmatched": 25.0, "matched": 75.0,
                         "total": 100.0, "currency": "GBP"},
            "byCount": {"matchPercentage": 50.0, "unmatched": 2, "matched": 2, "total": 4}
        }]})),
        Op::page(
            "/data/companies/{companyId}/assess/dataTypes/{dataType}/dataIntegrity/details",
            call!(|p, a| p.data_integrity().details(&a[0], &DataType::from(&a[1]), paging())),
            json!({
                "id": "d-1", "type": "banking-transactions", "connectionId": crate::CONNECTION,
                "date": "2024-03-01", "description": "Card payment", "amount": -12.5,
                "currency": "GBP",
                "matches": [{"id": "m-1", "type": "accountTransactions", "amount": "-12.5"}]
            }),
        ),
    ]
}

pub(crate) fn lists() -> Vec<List> {
    vec![
        List::new(
            "/companies/{companyId}/data/bills",
            list!(
                |p, o| p.accounts_payable().bills().list_all(COMPANY, o.options()),
                |r| r.id
            ),
        )
        .item(|i| bill(&format!("item-{i}"))),
        List::new(
            "/companies/{companyId}/data/billCreditNotes",
            list!(
                |p, o| p
                    .accounts_payable()
                    .bill_credit_notes()
                    .list_all(COMPANY, o.options()),
                |r| r.id
            ),
        )
        .item(|i| bill_credit_note(&format!("item-{i}"))),
        List::new(
            "/companies/{companyId}/data/billPayments",
            list!(
                |p, o| p
                    .accounts_payable()
                    .bill_payments()
                    .list_all(COMPANY, o.options()),
                |r| r.id
            ),
        )
        .item(|i| payment(&format!("item-{i}"))),
        List::new(
            "/companies/{companyId}/data/suppliers",
            list!(
                |p, o| p
                    .accounts_payable()
                    .suppliers()
                    .list_all(COMPANY, o.options()),
                |r| r.id
            ),
        )
        .item(|i| contact(&format!("item-{i}"))),
        List::new(
            "/companies/{companyId}/data/creditNotes",
            list!(
                |p, o| p
                    .accounts_receivable()
                    .credit_notes()
                    .list_all(COMPANY, o.options()),
                |r| r.id
            ),
        )
        .item(|i| credit_note(&format!("item-{i}"))),
        List::new(
            "/companies/{companyId}/data/customers",
            list!(
                |p, o| p
                    .accounts_receivable()
                    .customers()
                    .list_all(COMPANY, o.options()),
                |r| r.id
            ),
        )
        .item(|i| contact(&format!("item-{i}"))),
        List::new(
            "/companies/{companyId}/connections/{connectionId}/data/directIncomes",
            list!(
                |p, o| p.accounts_receivable().direct_incomes().list_all(
                    COMPANY,
                    crate::CONNECTION,
                    o.options()
                ),
                |r| r.id
            ),
        )
        .item(|i| direct_income(&format!("item-{i}"))),
        List::new(
            "/companies/{companyId}/data/invoices",
            list!(
                |p, o| p
                    .accounts_receivable()
                    .invoices()
                    .list_all(COMPANY, o.options()),
                |r| r.id
            ),
        )
        .item(|i| invoice(&format!("item-{i}"))),
        List::new(
            "/companies/{companyId}/data/payments",
            list!(
                |p, o| p
                    .accounts_receivable()
                    .payments()
                    .list_all(COMPANY, o.options()),
                |r| r.id
            ),
        )
        .item(|i| payment(&format!("item-{i}"))),
        List::new(
            "/data/companies/{companyId}/assess/dataTypes/{dataType}/dataIntegrity/details",
            list!(
                |p, o| p.data_integrity().list_all_details(
                    COMPANY,
                    &DataType::BankAccounts,
                    o.options()
                ),
                |r| r.id
            ),
        ),
        // The reconciled report takes no order.
        List::new(
            "/companies/{companyId}/reports/enhancedInvoices",
            list!(
                |p, o| p
                    .accounts_receivable()
                    .invoices()
                    .list_all_reconciled(COMPANY, o.options()),
                |r| r.id
            ),
        )
        .report()
        .no_order(),
    ]
}

// ---- what the tables do not say -------------------------------------------------------------

/// Lending on a server answering anything with `body`, and the server.
async fn answered(body: Value) -> (Lending, wiremock::MockServer) {
    LENDING
        .answered(ResponseTemplate::new(200).set_body_json(body))
        .await
}

#[tokio::test]
async fn lists_and_reports_without_options_send_no_query() {
    let invoices = json!({"results": [invoice("i-1")], "pageNumber": 1, "pageSize": 100,
                          "totalResults": 1});
    let (lending, server) = answered(invoices).await;
    let receivable = lending.accounts_receivable();
    let page = receivable.invoices().list(COMPANY, PageParams::new()).await;
    assert_eq!(page.unwrap().results[0].status, InvoiceStatus::Submitted);
    let none = GetAccountingAgedCreditorsReportParams::new();
    let _ = receivable.reports().get_aged_creditors(COMPANY, none).await;
    let (integrity, none) = (
        lending.data_integrity(),
        GetDataIntegritySummariesParams::new(),
    );
    let _ = integrity
        .summaries(COMPANY, &DataType::BankAccounts, none)
        .await;
    for request in codat_product_tests::requests(&server).await {
        assert_eq!(request.url.query(), None, "{}", request.url);
    }
}

#[tokio::test]
async fn codats_own_unknown_status_is_not_the_catch_all_for_statuses_the_crate_does_not_know() {
    let invoices: Vec<Value> = ["Unknown", "PartlyRefunded", "Paid"]
        .iter()
        .enumerate()
        .map(|(n, status)| {
            let mut invoice = invoice(&format!("i-{n}"));
            invoice["status"] = json!(status);
            invoice
        })
        .collect();
    let body = json!({"results": invoices, "pageNumber": 1, "pageSize": 100, "totalResults": 3});
    let (lending, _server) = answered(body).await;
    let page = lending
        .accounts_receivable()
        .invoices()
        .list(COMPANY, PageParams::new())
        .await;
    let statuses: Vec<InvoiceStatus> = page
        .unwrap()
        .results
        .into_iter()
        .map(|i| i.status)
        .collect();
    let partly = InvoiceStatus::Unrecognized("PartlyRefunded".into());
    assert_eq!(
        statuses,
        [InvoiceStatus::Unknown, partly, InvoiceStatus::Paid]
    );
    // All three written back as they came.
    let written = serde_json::to_value(&statuses).unwrap();
    assert_eq!(written, json!(["Unknown", "PartlyRefunded", "Paid"]));
}

#[tokio::test]
async fn a_status_this_crate_does_not_know_is_kept_as_unknown() {
    let mut bill = bill("b-1");
    bill["status"] = json!("Disputed");
    let (lending, _server) = answered(bill).await;
    let got = lending.accounts_payable().bills().get(COMPANY, "b-1").await;
    assert_eq!(
        got.unwrap().status,
        BillStatus::Unrecognized("Disputed".into())
    );

    let (lending, _server) = answered(json!({"id": "s-1", "status": "Blocked"})).await;
    let got = lending
        .accounts_payable()
        .suppliers()
        .get(COMPANY, "s-1")
        .await;
    assert_eq!(
        got.unwrap().status,
        SupplierStatus::Unrecognized("Blocked".into())
    );
    // Codat's own "Unknown" is a value of its own, not an unknown one.
    assert_eq!(SupplierStatus::from("Unknown"), SupplierStatus::Unknown);

    let (lending, _server) =
        answered(json!({"metadata": [{"statusInfo": {"currentStatus": "Stale"}}]})).await;
    let statuses = lending
        .data_integrity()
        .status(COMPANY, &DataType::BankAccounts)
        .await;
    let status = statuses.unwrap().metadata.unwrap()[0]
        .status_info
        .clone()
        .unwrap();
    let stale = Some(IntegrityStatus::Unrecognized("Stale".into()));
    assert_eq!(status.current_status, stale);
}

#[tokio::test]
async fn a_200_that_is_not_the_model_is_a_decode_error_that_keeps_the_body() {
    for body in ["", "{\"results\": {\"id\": \"x\"}}"] {
        let template = ResponseTemplate::new(200).set_body_raw(body, "application/json");
        let server = answering(template).await;
        let lending = LENDING.client(&server);
        let err = lending
            .accounts_payable()
            .bills()
            .list(COMPANY, PageParams::new())
            .await;
        let err = err.unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{body:?}: {err:?}");
        assert_eq!((err.status(), err.body()), (Some(200), Some(body)));
    }
}

#[tokio::test]
async fn report_availability_is_a_bool_and_nothing_else() {
    // A quoted "true" is not a boolean: a decode error that keeps the body.
    let (lending, _server) = answered(json!("true")).await;
    let reports = lending.accounts_receivable().reports();
    let debtors = reports.is_aged_debtors_available(COMPANY).await;
    let creditors = reports.is_aged_creditors_available(COMPANY).await;
    for err in [debtors.unwrap_err(), creditors.unwrap_err()] {
        assert!(matches!(err, Error::Decode { .. }), "{err:?}");
        assert_eq!(err.body(), Some("\"true\""));
    }
}

/// The data types Codat assesses, and their names on the wire.
const DATA_TYPES: [(DataType, &str); 4] = [
    (DataType::BankingAccounts, "banking-accounts"),
    (DataType::BankingTransactions, "banking-transactions"),
    (DataType::BankAccounts, "bankAccounts"),
    (DataType::AccountTransactions, "accountTransactions"),
];

#[tokio::test]
async fn the_data_types_are_the_specs_and_each_is_named_in_the_path() {
    for (data_type, wire) in &DATA_TYPES {
        assert_eq!(data_type.as_str(), *wire);
        assert_eq!(&DataType::from(*wire), data_type);
        let (lending, server) = answered(json!({})).await;
        lending
            .data_integrity()
            .status(COMPANY, data_type)
            .await
            .unwrap();
        let sent = LENDING.only_request(&server).await;
        let expected =
            format!("/data/companies/{COMPANY}/assess/dataTypes/{wire}/dataIntegrity/status");
        assert_eq!(sent.url.path(), expected);
    }
    let unknown = DataType::Unrecognized("invoices".into());
    assert_eq!(DataType::from("invoices"), unknown);
    let path = "/data/companies/{companyId}/assess/dataTypes/{dataType}/dataIntegrity/status";
    let Some(op) = LENDING.operation(path, "get") else {
        return;
    };
    let spec = LENDING.spec().unwrap();
    let param = op["parameters"]
        .as_array()
        .into_iter()
        .chain(spec["paths"][path]["parameters"].as_array())
        .flatten()
        .map(|p| codat_product_tests::resolve(spec, p))
        .find(|p| p["name"] == "dataType")
        .expect("a dataType parameter");
    let ours: Vec<&str> = DATA_TYPES.iter().map(|(_, wire)| *wire).collect();
    assert_eq!(param["schema"]["enum"], json!(ours));
}

#[tokio::test]
async fn the_invoice_pdf_streams_in_chunks_and_an_html_page_is_not_taken_for_it() {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend((0..200_000u32).map(|i| (i % 251) as u8));
    let page = b"<html><body>Sign in to continue</body></html>".to_vec();
    // Codat's PDF is declared as a binary file, so the client hands over what came; the
    // caller can see from the type that a web page is not a PDF.
    for (bytes, content_type) in [(pdf, "application/pdf"), (page, "text/html; charset=utf-8")] {
        let server = MockServer::builder().start().await;
        Mock::given(method("GET"))
            .and(path(format!("/companies/{COMPANY}/data/invoices/i-1/pdf")))
            .respond_with(ResponseTemplate::new(200).set_body_raw(bytes.clone(), content_type))
            .mount(&server)
            .await;
        let lending = LENDING.client(&server);
        let download = lending
            .accounts_receivable()
            .invoices()
            .download_pdf(COMPANY, "i-1");
        let download = download.await.unwrap();
        assert_eq!(
            (download.status(), download.content_type()),
            (200, Some(content_type))
        );
        // Without a `Content-Disposition`, no file name.
        assert_eq!(download.file_name(), None);
        let mut chunks = download.into_stream();
        let mut received = Vec::new();
        while let Some(chunk) = within(chunks.next()).await {
            received.extend_from_slice(&chunk.unwrap());
        }
        assert_eq!(received, bytes);
    }
}

#[tokio::test]
async fn a_reconciled_report_without_totals_is_read_until_an_empty_page() {
    let server = MockServer::builder().start().await;
    Mock::given(method("GET"))
        .and(path(format!(
            "/companies/{COMPANY}/reports/enhancedInvoices"
        )))
        .respond_with(|request: &Request| {
            let page = codat_product_tests::number_param(request, "page").unwrap();
            // Two pages of two, then nothing; no report info at all.
            let items: Vec<Value> = (0..2)
                .filter(|_| page <= 2)
                .map(|i| json!({"id": format!("item-{}", (page - 1) * 2 + i)}))
                .collect();
            ResponseTemplate::new(200).set_body_json(json!({"reportItems": items}))
        })
        .mount(&server)
        .await;
    let lending: Lending = LENDING.client(&server);
    let invoices = lending.accounts_receivable().invoices();
    let all = invoices.list_all_reconciled(COMPANY, PageOptions::new().page_size(2));
    let got: Vec<String> = within(all.map_ok(|r| r.id.unwrap_or_default()).try_collect())
        .await
        .unwrap();
    assert_eq!(got, ids(0..4));
    assert_eq!(pages_asked(&server).await, [1, 2, 3]);
}
