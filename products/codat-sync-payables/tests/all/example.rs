//! The `bill_pay` example end to end against the local Sync for Payables mock: what it sent
//! (idempotency keys, the PDF, the payment) and what it printed. The example's flow is
//! compiled in here as a module; the built example binary is run too when it is there.

use std::time::Duration;

use codat_mock::MOCK_COMPANY_ID;
use codat_sync_payables::models::{Bill, ListBillsParams};
use codat_sync_payables::SyncForPayables;
use serde_json::Value;

#[allow(dead_code)] // the example's `main` and `run` are not called from here
#[path = "../../examples/bill_pay/main.rs"]
mod bill_pay;

use bill_pay::mock::{MockPayables, MOCK_CONNECTION_ID, SECOND_PAGE};

#[tokio::test]
async fn the_flow_creates_attaches_pays_and_lists() {
    let mock = MockPayables::start().await;
    let payables = SyncForPayables::new(&mock.client());
    let mut out = Vec::new();
    let paid = tokio::time::timeout(
        Duration::from_secs(30),
        bill_pay::bill_pay(
            &payables,
            mock.company_id(),
            mock.connection_id(),
            "INV-t1",
            &mut out,
        ),
    )
    .await
    .expect("the flow finished within 30 s")
    .unwrap();
    let printed = String::from_utf8(out).unwrap();

    assert_eq!(paid.supplier_id, "mock-supplier-1");
    assert_eq!(paid.bill_id, "mock-bill-1");
    assert_eq!(paid.attachment_id, "mock-attachment-1");
    assert_eq!(paid.payment_id, "mock-payment-1");
    assert_eq!(paid.bills_listed, 2, "{printed}");

    let pdf = bill_pay::invoice_pdf("INV-t1");
    for line in [
        "Company: Bank of Dave (mock) (base currency GBP)",
        "Created supplier mock-supplier-1: Northridge Office Supplies",
        "Created bill mock-bill-1 (INV-t1): 300 GBP due 2024-07-01T00:00:00",
        &format!(
            "Attached INV-t1.pdf ({} bytes, application/pdf) as mock-attachment-1",
            pdf.len()
        ),
        "Paid bill mock-bill-1: payment mock-payment-1 of 300 from bank account \
         3d5a8e00-d108-4045-8823-7f342676cffa",
        "2 bills listed",
    ] {
        assert!(printed.contains(line), "missing {line:?} in:\n{printed}");
    }
    // The listing shows the bill that was there and the new one, now paid.
    let listed: Vec<&str> = printed
        .lines()
        .skip_while(|l| *l != "Bills:")
        .skip(1)
        .take(2)
        .collect();
    assert!(listed[0].trim_start().starts_with("18 "), "{listed:?}");
    assert!(listed[1].contains("mock-bill-1"), "{listed:?}");
    assert!(listed[1].contains("INV-t1"), "{listed:?}");
    assert!(listed[1].contains("Paid"), "{listed:?}");

    let calls = mock.calls();
    let base = format!("/companies/{MOCK_COMPANY_ID}/connections/{MOCK_CONNECTION_ID}/payables");
    let find = |verb: &str, path: &str| {
        calls
            .iter()
            .find(|c| c.method() == verb && c.path() == path)
            .unwrap_or_else(|| panic!("no {verb} {path}"))
    };
    let keys = keys_sent(&mock);
    let bill = find("POST", &format!("{base}/bills"));
    assert_eq!(bill.header("idempotency-key"), Some(keys[1].as_str()));
    let bill: Value = bill.json().unwrap();
    assert_eq!(bill["supplierRef"]["id"], "mock-supplier-1");
    assert_eq!(
        bill["lineItems"][0]["accountRef"]["id"],
        "1b6266d1-1e44-46c5-8eb5-a8f98e03124e"
    );
    assert_eq!(
        bill["lineItems"][0]["taxRateRef"]["id"],
        "d2939064-dd3a-4c0f-9865-a238c2193515"
    );

    let upload = find("POST", &format!("{base}/bills/mock-bill-1/attachments"));
    let body = upload.body();
    assert!(body.windows(pdf.len()).any(|w| w == pdf.as_slice()));
    let text = String::from_utf8_lossy(body);
    assert!(
        text.contains("name=\"file\"; filename=\"INV-t1.pdf\""),
        "{text}"
    );
    assert!(pdf.starts_with(b"%PDF-1.4") && pdf.ends_with(b"%%EOF\n"));

    let payment = find("POST", &format!("{base}/bills/mock-bill-1/payment"));
    assert_eq!(payment.header("idempotency-key"), Some(keys[3].as_str()));
    let payment: Value = payment.json().unwrap();
    assert_eq!(payment["amount"], 300.0);
    assert_eq!(
        payment["accountRef"]["id"],
        "3d5a8e00-d108-4045-8823-7f342676cffa"
    );

    let pages: Vec<Option<String>> = mock
        .calls_to("list-bills")
        .iter()
        .map(|c| c.query("continuationToken").map(str::to_owned))
        .collect();
    assert_eq!(pages, [None, Some(SECOND_PAGE.to_owned())]);
}

/// The idempotency keys of the writes `mock` received: supplier, bill, attachment, payment.
fn keys_sent(mock: &MockPayables) -> Vec<String> {
    let keys: Vec<String> = mock
        .calls()
        .iter()
        .filter(|c| c.method() == "POST")
        .map(|c| c.header("idempotency-key").unwrap().to_owned())
        .collect();
    assert_eq!(keys.len(), 4, "{keys:?}");
    keys
}

async fn run_flow(reference: &str) -> Vec<String> {
    let mock = MockPayables::start().await;
    let payables = SyncForPayables::new(&mock.client());
    tokio::time::timeout(
        Duration::from_secs(30),
        bill_pay::bill_pay(
            &payables,
            mock.company_id(),
            mock.connection_id(),
            reference,
            &mut Vec::new(),
        ),
    )
    .await
    .expect("the flow finished within 30 s")
    .unwrap();
    keys_sent(&mock)
}

#[tokio::test]
async fn a_second_run_for_the_same_invoice_sends_the_same_keys() {
    let first = run_flow("INV-t1").await;
    let again = run_flow("INV-t1").await;
    // Supplier, bill and payment: keys from the business data, the same on a rerun, so Codat
    // answers a rerun with the first run's answers. The attachment upload has a fresh key.
    for i in [0, 1, 3] {
        assert_eq!(first[i], again[i], "write {i}");
        let key = uuid::Uuid::parse_str(&first[i]).unwrap();
        assert_eq!(key.get_version_num(), 5, "a name-based UUID: {key}");
    }
    assert_ne!(first[2], again[2], "the attachment's key is made per call");
    let mut distinct = vec![&first[0], &first[1], &first[3]];
    distinct.dedup();
    assert_eq!(distinct.len(), 3, "one key per step: {first:?}");
    // Another invoice: other keys.
    let other = run_flow("INV-t2").await;
    for i in [0, 1, 3] {
        assert_ne!(first[i], other[i], "write {i}");
    }
}

#[tokio::test]
async fn the_mock_refuses_a_wrong_key() {
    let mock = MockPayables::start().await;
    let codat = codat_client::Codat::builder()
        .api_key("not-the-mock-key")
        .base_url(mock.uri())
        .build()
        .unwrap();
    let err = SyncForPayables::new(&codat)
        .company_information()
        .get(MOCK_COMPANY_ID, MOCK_CONNECTION_ID)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401));
}

/// The example as a user runs it (`cargo run -p codat-sync-payables --example bill_pay`), without credentials: it
/// says it calls a local mock, and runs the whole flow.
#[test]
fn the_example_run_offline_says_it_calls_a_local_mock() {
    let (ok, stdout, stderr) = codat_mock::cli::run_example("bill_pay", &[]);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("calling a LOCAL MOCK of Sync for Payables at http://127.0.0.1:"),
        "{stdout}"
    );
    assert!(stdout.contains("(not the real API"), "{stdout}");
    assert!(stdout.contains("Paid bill mock-bill-1"), "{stdout}");
    assert!(
        stdout.contains(
            "Done: supplier mock-supplier-1, bill mock-bill-1 with attachment \
             mock-attachment-1, payment mock-payment-1; 2 bills listed."
        ),
        "{stdout}"
    );
}

/// Bills as a service streams them: from a function that owns the client and the ids, then
/// through a channel from another task.
fn bills(
    codat: codat_client::Codat,
    company: String,
    connection: String,
) -> impl futures_util::Stream<Item = Result<Bill, codat_client::Error>> + Send + 'static {
    SyncForPayables::new(&codat)
        .bills()
        .list_all(&company, &connection, ListBillsParams::new())
}

#[tokio::test]
async fn a_bill_stream_outlives_the_client_and_ids_it_was_made_from() {
    use futures_util::StreamExt;
    let mock = MockPayables::start().await;
    let stream = bills(
        mock.client(),
        MOCK_COMPANY_ID.to_owned(),
        MOCK_CONNECTION_ID.to_owned(),
    );
    let (sender, mut received) = tokio::sync::mpsc::channel(1);
    tokio::spawn(async move {
        let mut stream = std::pin::pin!(stream);
        while let Some(bill) = stream.next().await {
            if sender.send(bill).await.is_err() {
                break;
            }
        }
    });
    let mut ids = Vec::new();
    while let Some(bill) = tokio::time::timeout(Duration::from_secs(20), received.recv())
        .await
        .expect("a bill or the end within 20 s")
    {
        ids.push(bill.unwrap().id.unwrap());
    }
    // The bill that was there before, over the two pages the mock serves.
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!(mock.calls().len(), 2);
}
