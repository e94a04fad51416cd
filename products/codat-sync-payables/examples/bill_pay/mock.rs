//! A local stand-in for Codat's Sync for Payables API, on loopback, for the `bill_pay` example
//! and its test.
//!
//! It answers the operations a bill-pay flow uses with bodies shaped like the spec's examples,
//! remembers the suppliers, bills, attachments and payments created through it, lists the
//! bills over two pages joined by a continuation token, and pays only bills it created. It is
//! a mock: nothing it answers comes from Codat.

use std::sync::{Arc, Mutex};

use codat_client::models::Decimal;
use codat_test::{Call, Reply};
use serde_json::{json, Value};

use codat_mock::Running;

/// The connection id the mock answers for.
#[allow(unused_imports)] // the tests name it; the example takes it from the stand-in
pub(crate) use codat_mock::MOCK_CONNECTION_ID;
/// The continuation token of the second page of bills.
pub(crate) const SECOND_PAGE: &str = "mock-page-2";

/// What the mock was sent and created so far.
#[derive(Debug, Default)]
struct Ledger {
    suppliers: Vec<Value>,
    bills: Vec<Value>,
    attachments: Vec<Value>,
    payments: Vec<Value>,
}

/// A running mock of Sync for Payables; stops when dropped.
#[derive(Debug)]
pub(crate) struct MockPayables(Running);

impl std::ops::Deref for MockPayables {
    type Target = Running;
    fn deref(&self) -> &Running {
        &self.0
    }
}

/// A payables operation, by method and template: Codat's operation ids for some of them
/// (`create-supplier`, `get-company-information`) are shared with other products.
fn payables(method: &str, rest: &str) -> String {
    format!("{method} /companies/<company_id>/connections/<connection_id>/payables{rest}")
}

fn body_of(call: &Call) -> Value {
    call.json().unwrap_or(Value::Null)
}

/// The file name and length of the first part of a multipart body.
fn multipart_file(call: &Call) -> Option<(String, usize)> {
    let content_type = call.header("content-type")?;
    let boundary = content_type.split("boundary=").nth(1)?;
    let body = call.body();
    let head_end = body.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&body[..head_end]);
    let name = head
        .split("filename=\"")
        .nth(1)?
        .split('"')
        .next()?
        .to_owned();
    let closing = format!("\r\n--{boundary}");
    let end = body[head_end..]
        .windows(closing.len())
        .position(|w| w == closing.as_bytes())?;
    Some((name, end))
}

/// A bill already in the accounting software, shaped like the spec's example.
fn existing_bill() -> Value {
    json!({
        "id": "18",
        "reference": "12",
        "supplierRef": {"id": "4", "supplierName": "BILLy elliot"},
        "issueDate": "2019-05-13T00:00:00",
        "dueDate": "2019-05-13T00:00:00",
        "currency": "GBP",
        "currencyRate": 1,
        "lineItems": [{
            "description": "Dance shoes", "unitAmount": 5, "quantity": 1, "taxAmount": 0,
            "accountRef": {"id": "16"}, "taxRateRef": {"id": "NON"}, "totalAmount": 5
        }],
        "status": "Open",
        "totalAmount": 5,
        "amountDue": 5,
        "sourceModifiedDate": "2022-05-26T10:34:10Z"
    })
}

impl MockPayables {
    /// Starts the mock on a free port of 127.0.0.1.
    pub(crate) async fn start() -> MockPayables {
        let running = Running::start().await;
        let ledger = Arc::new(Mutex::new(Ledger::default()));

        running.on(&payables("GET", "/info")).reply(Reply::ok(
            &json!({"companyName": "Bank of Dave (mock)", "baseCurrency": "GBP"}),
        ));

        running
            .on("get-mapping-options-bills")
            .reply(Reply::ok(&json!({
                "accounts": [{
                    "id": "1b6266d1-1e44-46c5-8eb5-a8f98e03124e", "nominalCode": "879-i",
                    "name": "Accounts payable", "type": "Liability", "currency": "GBP",
                    "status": "Active", "sourceModifiedDate": "2022-10-23T00:00:00.000Z"
                }],
                "taxRates": [{
                    "id": "d2939064-dd3a-4c0f-9865-a238c2193515", "name": "VAT @ 20%",
                    "code": "VAT20", "effectiveTaxRate": 20, "totalTaxRate": 20,
                    "status": "Active", "sourceModifiedDate": "2022-10-23T00:00:00.000Z"
                }],
                "pagination": {}
            })));

        running
            .on("get-mapping-options-payments")
            .reply(Reply::ok(&json!({
                "bankAccounts": [{
                    "id": "3d5a8e00-d108-4045-8823-7f342676cffa",
                    "name": "Bank of Dave current account", "accountNumber": "12345678",
                    "currency": "GBP", "nominalCode": "1234567", "sortCode": "123456",
                    "status": "Active", "accountType": "Debit",
                    "sourceModifiedDate": "2022-10-23T00:00:00.000Z"
                }],
                "pagination": {}
            })));

        let state = ledger.clone();
        running
            .on(&payables("POST", "/suppliers"))
            .reply_with(move |call: &Call| {
                let mut ledger = state.lock().unwrap();
                let mut supplier = body_of(call);
                supplier["id"] = json!(format!("mock-supplier-{}", ledger.suppliers.len() + 1));
                supplier["balance"] = json!(0);
                supplier["sourceModifiedDate"] = json!("2024-06-01T09:00:00Z");
                ledger.suppliers.push(supplier.clone());
                Reply::json(201, &supplier)
            });

        let state = ledger.clone();
        running.on("create-bill").reply_with(move |call: &Call| {
            let mut ledger = state.lock().unwrap();
            let mut bill = body_of(call);
            let total: Decimal = bill["lineItems"]
                .as_array()
                .map(|lines| lines.iter().map(|l| amount(&l["totalAmount"])).sum())
                .unwrap_or_default();
            bill["id"] = json!(format!("mock-bill-{}", ledger.bills.len() + 1));
            bill["totalAmount"] = amount_json(total);
            bill["amountDue"] = amount_json(total);
            bill["sourceModifiedDate"] = json!("2024-06-01T09:00:00Z");
            ledger.bills.push(bill.clone());
            Reply::json(201, &bill)
        });

        let state = ledger.clone();
        running
            .on("upload-bill-attachment")
            .reply_with(move |call: &Call| {
                let Some((name, size)) = multipart_file(call) else {
                    return Reply::error(400, "expected a multipart body with a file part");
                };
                let mut ledger = state.lock().unwrap();
                let attachment = json!({
                    "id": format!("mock-attachment-{}", ledger.attachments.len() + 1),
                    "name": name,
                    "contentType": multipart_content_type(call),
                    "dateCreated": "2024-06-01T09:00:00Z",
                    "fileSize": size,
                    "includeWhenSent": false,
                    "sourceModifiedDate": "2024-06-01T09:00:00Z"
                });
                ledger.attachments.push(attachment.clone());
                Reply::json(201, &attachment)
            });

        let state = ledger.clone();
        running
            .on("create-bill-payment")
            .reply_with(move |call: &Call| {
                let bill_id = call.path_value("bill_id").unwrap_or_default();
                let mut ledger = state.lock().unwrap();
                let mut payment = body_of(call);
                let paid = amount(&payment["amount"]);
                let Some(bill) = ledger.bills.iter_mut().find(|b| b["id"] == bill_id) else {
                    return Reply::error(404, &format!("the mock has no bill {bill_id}"));
                };
                let due = amount(&bill["amountDue"]) - paid;
                bill["amountDue"] = amount_json(due);
                bill["status"] = json!(if due <= Decimal::ZERO {
                    "Paid"
                } else {
                    "PartiallyPaid"
                });
                payment["id"] = json!(format!("mock-payment-{}", ledger.payments.len() + 1));
                ledger.payments.push(payment.clone());
                Reply::json(201, &payment)
            });

        // Two pages: the bill that was there before, then those created through the mock.
        let state = ledger;
        running.on("list-bills").reply_with(move |call: &Call| {
            match call.query("continuationToken") {
                None => Reply::ok(&json!({
                    "results": [existing_bill()],
                    "pagination": {"continuationToken": SECOND_PAGE}
                })),
                Some(SECOND_PAGE) => {
                    let bills = state.lock().unwrap().bills.clone();
                    Reply::ok(&json!({"results": bills, "pagination": {}}))
                }
                Some(other) => Reply::error(400, &format!("unknown continuation token {other}")),
            }
        });

        MockPayables(running)
    }
}

/// The content type of the first part of a multipart body.
fn multipart_content_type(call: &Call) -> Option<String> {
    let body = call.body();
    let head_end = body.windows(4).position(|w| w == b"\r\n\r\n")?;
    String::from_utf8_lossy(&body[..head_end])
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-type")
                .then(|| value.trim().to_owned())
        })
}

/// An amount of a JSON body, as the decimal its text spells (Codat's amounts are decimals);
/// absent or not a number, zero.
fn amount(value: &Value) -> Decimal {
    codat_client::decimal::deserialize::<Option<Decimal>, _>(value)
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// An amount as a JSON number with its digits (`300`, not the `300.0` of an f64 sum).
fn amount_json(amount: Decimal) -> Value {
    serde_json::from_str(&amount.to_string()).unwrap_or(Value::Null)
}
