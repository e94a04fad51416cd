//! A local stand-in for Codat's Sync for Payables API, on loopback, for the `bill_pay` example
//! and its test.
//!
//! It answers the operations a bill-pay flow uses with bodies shaped like the spec's examples,
//! remembers the suppliers, bills, attachments and payments created through it, lists the
//! bills over two pages joined by a continuation token, and checks the `Authorization` header
//! the way Codat would. It is a mock: nothing it answers comes from Codat.

use std::sync::{Arc, Mutex};

use codat_client::models::Decimal;
use serde_json::{json, Value};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::{basic_auth, error_message, Running, MOCK_API_KEY};

/// The connection id the mock answers for.
pub use crate::MOCK_CONNECTION_ID;
/// The continuation token of the second page of bills.
pub const SECOND_PAGE: &str = "mock-page-2";

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
pub struct MockPayables(Running);

impl std::ops::Deref for MockPayables {
    type Target = Running;
    fn deref(&self) -> &Running {
        &self.0
    }
}

/// The pattern of a payables path under any company and connection.
fn payables(rest: &str) -> String {
    format!(r"^/companies/[^/]+/connections/[^/]+/payables{rest}$")
}

fn body_of(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap_or(Value::Null)
}

/// The file name and length of the first part of a multipart body.
fn multipart_file(request: &Request) -> Option<(String, usize)> {
    let content_type = request.headers.get("content-type")?.to_str().ok()?;
    let boundary = content_type.split("boundary=").nth(1)?;
    let body = &request.body;
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
    pub async fn start() -> MockPayables {
        let server = MockServer::start().await;
        let ledger = Arc::new(Mutex::new(Ledger::default()));
        let auth = basic_auth(MOCK_API_KEY);
        let right_auth = {
            let auth = auth.clone();
            move |request: &Request| {
                request.headers.get("authorization").map(|v| v.as_bytes()) == Some(auth.as_bytes())
            }
        };

        let mount = |verb: &'static str, rest: &str| {
            Mock::given(method(verb))
                .and(path_regex(payables(rest)))
                .and(right_auth.clone())
        };

        mount("GET", "/info")
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"companyName": "Bank of Dave (mock)", "baseCurrency": "GBP"}),
            ))
            .with_priority(1)
            .mount(&server)
            .await;

        mount("GET", "/mappingOptions/bills")
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
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
            })))
            .with_priority(1)
            .mount(&server)
            .await;

        mount("GET", "/mappingOptions/payments")
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "bankAccounts": [{
                    "id": "3d5a8e00-d108-4045-8823-7f342676cffa",
                    "name": "Bank of Dave current account", "accountNumber": "12345678",
                    "currency": "GBP", "nominalCode": "1234567", "sortCode": "123456",
                    "status": "Active", "accountType": "Debit",
                    "sourceModifiedDate": "2022-10-23T00:00:00.000Z"
                }],
                "pagination": {}
            })))
            .with_priority(1)
            .mount(&server)
            .await;

        let state = ledger.clone();
        mount("POST", "/suppliers")
            .respond_with(move |request: &Request| {
                let mut ledger = state.lock().unwrap();
                let mut supplier = body_of(request);
                supplier["id"] = json!(format!("mock-supplier-{}", ledger.suppliers.len() + 1));
                supplier["balance"] = json!(0);
                supplier["sourceModifiedDate"] = json!("2024-06-01T09:00:00Z");
                ledger.suppliers.push(supplier.clone());
                ResponseTemplate::new(201).set_body_json(supplier)
            })
            .with_priority(1)
            .mount(&server)
            .await;

        let state = ledger.clone();
        mount("POST", "/bills")
            .respond_with(move |request: &Request| {
                let mut ledger = state.lock().unwrap();
                let mut bill = body_of(request);
                let total: Decimal = bill["lineItems"]
                    .as_array()
                    .map(|lines| lines.iter().map(|l| amount(&l["totalAmount"])).sum())
                    .unwrap_or_default();
                bill["id"] = json!(format!("mock-bill-{}", ledger.bills.len() + 1));
                bill["totalAmount"] = amount_json(total);
                bill["amountDue"] = amount_json(total);
                bill["sourceModifiedDate"] = json!("2024-06-01T09:00:00Z");
                ledger.bills.push(bill.clone());
                ResponseTemplate::new(201).set_body_json(bill)
            })
            .with_priority(1)
            .mount(&server)
            .await;

        let state = ledger.clone();
        mount("POST", "/bills/[^/]+/attachments")
            .respond_with(move |request: &Request| {
                let Some((name, size)) = multipart_file(request) else {
                    return error_message(400, "expected a multipart body with a file part");
                };
                let mut ledger = state.lock().unwrap();
                let content_type = multipart_content_type(request);
                let attachment = json!({
                    "id": format!("mock-attachment-{}", ledger.attachments.len() + 1),
                    "name": name,
                    "contentType": content_type,
                    "dateCreated": "2024-06-01T09:00:00Z",
                    "fileSize": size,
                    "includeWhenSent": false,
                    "sourceModifiedDate": "2024-06-01T09:00:00Z"
                });
                ledger.attachments.push(attachment.clone());
                ResponseTemplate::new(201).set_body_json(attachment)
            })
            .with_priority(1)
            .mount(&server)
            .await;

        let state = ledger.clone();
        mount("POST", "/bills/[^/]+/payment")
            .respond_with(move |request: &Request| {
                let bill_id = request
                    .url
                    .path()
                    .split('/')
                    .nth(7)
                    .unwrap_or_default()
                    .to_owned();
                let mut ledger = state.lock().unwrap();
                let mut payment = body_of(request);
                let paid = amount(&payment["amount"]);
                let Some(bill) = ledger
                    .bills
                    .iter_mut()
                    .find(|b| b["id"] == bill_id.as_str())
                else {
                    return error_message(404, &format!("the mock has no bill {bill_id}"));
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
                ResponseTemplate::new(201).set_body_json(payment)
            })
            .with_priority(1)
            .mount(&server)
            .await;

        // Two pages: the bill that was there before, then those created through the mock.
        let state = ledger.clone();
        mount("GET", "/bills")
            .respond_with(move |request: &Request| {
                let token = request
                    .url
                    .query_pairs()
                    .find(|(k, _)| k == "continuationToken")
                    .map(|(_, v)| v.into_owned());
                match token.as_deref() {
                    None => ResponseTemplate::new(200).set_body_json(json!({
                        "results": [existing_bill()],
                        "pagination": {"continuationToken": SECOND_PAGE}
                    })),
                    Some(SECOND_PAGE) => {
                        let bills = state.lock().unwrap().bills.clone();
                        ResponseTemplate::new(200)
                            .set_body_json(json!({"results": bills, "pagination": {}}))
                    }
                    Some(other) => {
                        error_message(400, &format!("unknown continuation token {other}"))
                    }
                }
            })
            .with_priority(1)
            .mount(&server)
            .await;

        MockPayables(Running::refuse_the_rest(server).await)
    }
}

/// The content type of the first part of a multipart body.
fn multipart_content_type(request: &Request) -> Option<String> {
    let body = &request.body;
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
