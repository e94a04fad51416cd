//! Money is exact over the wire: amounts Codat sends are read with their digits, amounts sent go
//! out with theirs. Each response body is served as text on 127.0.0.1 (a `serde_json::Value`
//! would already have rounded it) and each request body is read back as text.

use codat_bank_feeds::models::{
    CreateSourceAccountRequest, CreateSourceAccountResponse, SourceAccountV2AccountType,
    SourceAccountV2Prototype,
};
use codat_bank_feeds::BankFeeds;
use codat_client::models::{DateTime, Decimal};
use codat_client::Codat;
use codat_lending::Lending;
use codat_sync_payables::models::{BillLineItem, BillPrototype, BillStatus, SupplierRef};
use codat_sync_payables::SyncForPayables;
use rust_decimal_macros::dec;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const COMPANY: &str = "8a210b68-6988-11ed-a1eb-0242ac120002";
const CONNECTION: &str = "2e9d2c44-f675-40ba-8049-353bfcb5e171";

/// 19 significant digits: an f64 keeps about 16 of them.
const BIG: &str = "12345678901234567.89";

fn big() -> Decimal {
    Decimal::from_str_exact(BIG).unwrap()
}

/// A server that answers `verb path` with `body`, as written.
async fn serving(verb: &str, at: &str, body: &str) -> MockServer {
    let server = MockServer::builder().start().await;
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    server
}

fn codat(server: &MockServer) -> Codat {
    Codat::builder()
        .api_key("money-test-key")
        .base_url(server.uri())
        .build()
        .unwrap()
}

/// The one request body the server got, as text.
async fn sent(server: &MockServer) -> String {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    String::from_utf8(requests[0].body.clone()).unwrap()
}

const BILL: &str = r#"{"id": "b-1", "supplierRef": {"id": "s-1"}, "issueDate": "2024-06-01T00:00:00",
    "dueDate": "2024-07-01T00:00:00", "currency": "GBP", "status": "Open",
    "totalAmount": 12345678901234567.89, "amountDue": 0.1, "currencyRate": 1.10,
    "lineItems": [{"unitAmount": 0.1, "quantity": 3, "totalAmount": 0.30}]}"#;

#[tokio::test]
async fn amounts_read_from_a_response_keep_their_digits() {
    let bills = format!(r#"{{"results": [{BILL}]}}"#);
    let at = format!("/companies/{COMPANY}/connections/{CONNECTION}/payables/bills");
    let server = serving("GET", &at, &bills).await;
    let page = SyncForPayables::new(&codat(&server))
        .bills()
        .list(
            COMPANY,
            CONNECTION,
            codat_sync_payables::models::ListBillsParams::new(),
        )
        .await
        .unwrap();
    let bill = &page.results.unwrap()[0];
    assert_eq!(bill.total_amount.unwrap().to_string(), BIG);
    assert_eq!(bill.amount_due.unwrap().to_string(), "0.1");
    // The scale as sent, too.
    assert_eq!(bill.currency_rate.unwrap().to_string(), "1.10");
    // And arithmetic that adds up: 0.1 × 3 is 0.30, and 0.1 + 0.2 is 0.3.
    let line = &bill.line_items.as_ref().unwrap()[0];
    assert_eq!(
        line.unit_amount.unwrap() * line.quantity.unwrap(),
        line.total_amount.unwrap()
    );
    assert_eq!(bill.amount_due.unwrap() + dec!(0.2), dec!(0.3));
    assert_eq!(
        bill.total_amount.unwrap() + bill.amount_due.unwrap(),
        Decimal::from_str_exact("12345678901234567.99").unwrap()
    );
}

#[tokio::test]
async fn amounts_sent_in_a_request_keep_their_digits() {
    let at = format!("/companies/{COMPANY}/connections/{CONNECTION}/payables/bills");
    let server = serving("POST", &at, BILL).await;
    let prototype = BillPrototype {
        reference: None,
        supplier_ref: SupplierRef {
            id: "s-1".into(),
            supplier_name: None,
        },
        issue_date: DateTime::from("2024-06-01T00:00:00"),
        due_date: DateTime::from("2024-07-01T00:00:00"),
        currency: "GBP".into(),
        currency_rate: Some(dec!(1.10)),
        line_items: Some(vec![
            BillLineItem {
                unit_amount: Some(dec!(0.1)),
                quantity: Some(dec!(3)),
                total_amount: Some(dec!(0.30)),
                ..BillLineItem::default()
            },
            BillLineItem {
                total_amount: Some(big()),
                ..BillLineItem::default()
            },
        ]),
        status: BillStatus::Open,
    };
    let bill = SyncForPayables::new(&codat(&server))
        .bills()
        .create(
            COMPANY,
            CONNECTION,
            codat_sync_payables::models::CreateBillParams::new().idempotency_key("money-bill-1"),
            &prototype,
        )
        .await
        .unwrap();
    assert_eq!(bill.total_amount, Some(big()));
    let body = sent(&server).await;
    for amount in [
        r#""currencyRate":1.10"#,
        r#""unitAmount":0.1,"#,
        r#""quantity":3,"#,
        r#""totalAmount":0.30"#,
        r#""totalAmount":12345678901234567.89"#,
    ] {
        assert!(body.contains(amount), "{amount} not in {body}");
    }
}

#[tokio::test]
async fn a_one_of_shape_keeps_its_digits_both_ways() {
    // Bank Feeds' source account is a oneOf of version 2 and version 1.
    let answer = r#"{"id": "acc-1", "accountName": "Current", "accountType": "checking",
        "accountNumber": "12345670", "currency": "GBP", "balance": 12345678901234567.89,
        "accountInfo": {"availableBalance": 0.1}}"#;
    let at =
        format!("/companies/{COMPANY}/connections/{CONNECTION}/connectionInfo/bankFeedAccounts");
    let server = serving("POST", &at, answer).await;
    let request =
        CreateSourceAccountRequest::SourceAccountV2Prototype(Box::new(SourceAccountV2Prototype {
            id: "acc-1".into(),
            account_name: "Current".into(),
            account_type: SourceAccountV2AccountType::Checking,
            account_number: "12345670".into(),
            routing_info: None,
            sort_code: Some("040004".into()),
            currency: "GBP".into(),
            balance: big(),
            modified_date: None,
            account_info: None,
        }));
    let created = BankFeeds::new(&codat(&server))
        .source_accounts()
        .create(COMPANY, CONNECTION, &request)
        .await
        .unwrap();
    let CreateSourceAccountResponse::SourceAccountV2(account) = created else {
        panic!("not version 2: {created:?}");
    };
    assert_eq!(account.balance.to_string(), BIG);
    let available = account.account_info.unwrap().available_balance.unwrap();
    assert_eq!(available.to_string(), "0.1");
    let body = sent(&server).await;
    assert!(body.contains(r#""balance":12345678901234567.89"#), "{body}");
}

#[tokio::test]
async fn a_page_of_invoices_sums_to_the_cent() {
    let invoice = |id: &str, due: &str| {
        format!(
            r#"{{"id": "{id}", "issueDate": "2024-01-01", "status": "Submitted",
                "totalTaxAmount": 0, "totalAmount": {due}, "amountDue": {due}}}"#
        )
    };
    // Ten invoices of 0.1 and one of 12345678901234567.89.
    let mut results: Vec<String> = (0..10).map(|i| invoice(&format!("i-{i}"), "0.1")).collect();
    results.push(invoice("big", BIG));
    let page = format!(
        r#"{{"results": [{}], "pageNumber": 1, "pageSize": 100, "totalResults": 11}}"#,
        results.join(",")
    );
    let at = format!("/companies/{COMPANY}/data/invoices");
    let server = serving("GET", &at, &page).await;
    let invoices = Lending::new(&codat(&server))
        .accounts_receivable()
        .invoices()
        .list(COMPANY, Default::default())
        .await
        .unwrap();
    let due: Decimal = invoices.results.iter().map(|i| i.amount_due).sum();
    assert_eq!(due.to_string(), "12345678901234568.89");
}
