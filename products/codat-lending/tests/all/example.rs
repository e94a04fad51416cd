//! The `lending_report` example end to end: run as a user runs it, offline (it says it calls a
//! local mock) and in its real-API mode pointed at the same mock on loopback; the workbook it
//! saves is byte for byte what was served, and a workbook cut short on the wire leaves the one
//! saved before in place. And the stand-in itself: the typed query arrives
//! encoded and filters, a query it cannot read and a wrong key are refused as Codat would.

#[allow(dead_code)] // the test uses a part
#[path = "../../examples/lending_report/mock.rs"]
pub(crate) mod lending_mock;

use codat_client::paging::PageOptions;
use codat_client::query::fields;
use codat_lending::models::{AccountingInvoice, InvoiceStatus};
use codat_lending::{Lending, ReportId};
use codat_mock::{MOCK_API_KEY, MOCK_COMPANY_ID};
use futures_util::TryStreamExt;
use lending_mock::{workbook, MockLending, WORKBOOK_NAME};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

fn run_example(envs: &[(&str, &str)], out: &std::path::Path) -> (bool, String, String) {
    let out = out.to_str().unwrap();
    let mut all = vec![("LENDING_REPORT_OUT", out)];
    all.extend_from_slice(envs);
    codat_mock::cli::run_example("lending_report", &all)
}

fn temp_file(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("{name}-{}.xlsx", std::process::id()))
}

/// What every run prints, offline or not: the four unpaid invoices in due order, the total,
/// the financial summary and the saved workbook.
fn assert_report(stdout: &str, out: &std::path::Path) {
    assert!(
        stdout.contains("Unpaid invoices (amountDue>0&&status!=Void):"),
        "{stdout}"
    );
    let listed: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("INV-"))
        .map(|l| &l[..4])
        .collect();
    assert_eq!(listed, ["1002", "1003", "1005", "1006"], "{stdout}");
    assert!(stdout.contains("4 unpaid, 7610.65 due in all"), "{stdout}");
    assert!(
        stdout.contains("Credit model: accounting score 87, books closed to 2025-05-31"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("100004 bytes (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, sent as {WORKBOOK_NAME})")),
        "{stdout}"
    );
    assert_eq!(std::fs::read(out).unwrap(), workbook());
    std::fs::remove_file(out).unwrap();
}

#[test]
fn the_example_run_offline_says_it_calls_a_local_mock() {
    let out = temp_file("lending-offline");
    let (ok, stdout, stderr) = run_example(&[], &out);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("calling a LOCAL MOCK of the Lending API at http://127.0.0.1:"),
        "{stdout}"
    );
    assert!(stdout.contains("(not the real API"), "{stdout}");
    assert_report(&stdout, &out);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_example_with_credentials_calls_the_api_it_is_given() {
    let mock = MockLending::start().await;
    let out = temp_file("lending-api");
    let uri = mock.uri();
    let (ok, stdout, stderr) = tokio::task::spawn_blocking(move || {
        run_example(
            &[
                ("CODAT_API_KEY", MOCK_API_KEY),
                ("CODAT_BASE_URL", &uri),
                ("CODAT_COMPANY_ID", MOCK_COMPANY_ID),
            ],
            &out,
        )
    })
    .await
    .unwrap();
    let out = temp_file("lending-api");
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!("Calling the Codat API at {}", mock.uri())),
        "{stdout}"
    );
    assert!(!stdout.contains("MOCK"), "{stdout}");
    assert_report(&stdout, &out);
    // Two pages of three invoices, the summary, the workbook.
    assert_eq!(mock.calls().len(), 4);

    // Without a company it says what is missing, and fails.
    let uri = mock.uri();
    let (ok, _, stderr) = tokio::task::spawn_blocking(move || {
        run_example(
            &[("CODAT_API_KEY", MOCK_API_KEY), ("CODAT_BASE_URL", &uri)],
            &temp_file("unused"),
        )
    })
    .await
    .unwrap();
    assert!(!ok);
    assert!(stderr.contains("set CODAT_COMPANY_ID"), "{stderr}");
}

/// A loopback proxy in front of `upstream`: it passes each GET on, one per connection, but
/// sends only half of the workbook's body (after headers that promise all of it) and closes.
async fn workbook_cutting_proxy(upstream: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let http = reqwest::Client::new();
        while let Ok((mut stream, _)) = listener.accept().await {
            let (http, upstream) = (http.clone(), upstream.clone());
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                let mut lines = head.split("\r\n");
                let target = lines.next().unwrap().split(' ').nth(1).unwrap().to_owned();
                let mut request = http.get(format!("{upstream}{target}"));
                for (name, value) in lines.filter_map(|l| l.split_once(": ")) {
                    if name.eq_ignore_ascii_case("authorization") {
                        request = request.header(name, value);
                    }
                }
                let answer = request.send().await.unwrap();
                let mut reply = format!("HTTP/1.1 {}\r\nconnection: close\r\n", answer.status());
                for (name, value) in answer.headers() {
                    if name != "connection" && name != "transfer-encoding" {
                        reply += &format!("{name}: {}\r\n", value.to_str().unwrap());
                    }
                }
                let body = answer.bytes().await.unwrap();
                reply += &format!("content-length: {}\r\n\r\n", body.len());
                let sent = if target.contains("/excel") {
                    &body[..body.len() / 2]
                } else {
                    &body[..]
                };
                let _ = stream.write_all(reply.as_bytes()).await;
                let _ = stream.write_all(sent).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    url
}

#[tokio::test(flavor = "multi_thread")]
async fn a_workbook_cut_short_leaves_the_one_saved_before() {
    let mock = MockLending::start().await;
    let proxy = workbook_cutting_proxy(mock.uri()).await;
    let dir = std::env::temp_dir().join(format!("lending-cut-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("statement.xlsx");
    std::fs::write(&out, b"last month's workbook").unwrap();

    let target = out.clone();
    let (ok, stdout, stderr) = tokio::task::spawn_blocking(move || {
        run_example(
            &[
                ("CODAT_API_KEY", MOCK_API_KEY),
                ("CODAT_BASE_URL", &proxy),
                ("CODAT_COMPANY_ID", MOCK_COMPANY_ID),
            ],
            &target,
        )
    })
    .await
    .unwrap();
    assert!(!ok, "{stdout}\n{stderr}");
    // The listing and the summary came through the proxy whole; the workbook did not.
    assert!(stdout.contains("4 unpaid, 7610.65 due in all"), "{stdout}");
    assert!(!stdout.contains("saved to"), "{stdout}");
    assert!(!stderr.trim().is_empty());
    let kept = std::fs::read(&out).unwrap();
    assert!(
        kept == b"last month's workbook",
        "the saved workbook was replaced by {} bytes",
        kept.len()
    );
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["statement.xlsx"], "a temporary file was left behind");

    // The whole workbook replaces it.
    let target = out.clone();
    let uri = mock.uri();
    let (ok, stdout, stderr) = tokio::task::spawn_blocking(move || {
        run_example(
            &[
                ("CODAT_API_KEY", MOCK_API_KEY),
                ("CODAT_BASE_URL", &uri),
                ("CODAT_COMPANY_ID", MOCK_COMPANY_ID),
            ],
            &target,
        )
    })
    .await
    .unwrap();
    assert!(ok, "{stdout}\n{stderr}");
    assert_eq!(std::fs::read(&out).unwrap(), workbook());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn the_stand_in_filters_by_the_typed_query_and_refuses_what_codat_would() {
    let mock = MockLending::start().await;
    let lending = Lending::new(&mock.client());
    let invoice = fields::<AccountingInvoice>();
    let paid = invoice.status().eq(InvoiceStatus::Paid).to_query().unwrap();
    let found: Vec<AccountingInvoice> = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        lending
            .accounts_receivable()
            .invoices()
            .list_all(MOCK_COMPANY_ID, PageOptions::new().page_size(1).query(paid))
            .try_collect(),
    )
    .await
    .unwrap()
    .unwrap();
    let numbers: Vec<_> = found
        .iter()
        .map(|i| i.invoice_number.clone().unwrap())
        .collect();
    assert_eq!(numbers, ["INV-1001", "INV-1004"]);
    let calls = mock.calls();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].query("query"), Some("status=Paid"));

    let unreadable = lending
        .accounts_receivable()
        .invoices()
        .list(
            MOCK_COMPANY_ID,
            codat_client::paging::PageParams::new().query("{status=Paid||status=Void}"),
        )
        .await
        .unwrap_err();
    assert_eq!(unreadable.status(), Some(400));

    let stranger = codat_client::Codat::builder()
        .api_key("not-the-mock-key")
        .base_url(mock.uri())
        .build()
        .unwrap();
    let refused = Lending::new(&stranger)
        .financial_summary()
        .get_financial_summary(MOCK_COMPANY_ID, ReportId::Latest)
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(401));
}

/// The unpaid invoices as a service keeps them: a stream made in a function that owns the
/// client and the company id, returned, and driven on another task.
fn unpaid(
    codat: codat_client::Codat,
    company: String,
) -> impl futures_util::Stream<Item = Result<AccountingInvoice, codat_client::Error>> + Send + 'static
{
    let invoice = fields::<AccountingInvoice>();
    let query = invoice.amount_due().gt(0).to_query().unwrap();
    Lending::new(&codat)
        .accounts_receivable()
        .invoices()
        .list_all(&company, PageOptions::new().page_size(2).query(query))
}

#[tokio::test]
async fn an_invoice_stream_outlives_the_client_and_id_it_was_made_from() {
    let mock = MockLending::start().await;
    let stream = unpaid(mock.client(), MOCK_COMPANY_ID.to_owned());
    let numbers = tokio::spawn(async move {
        stream
            .map_ok(|invoice| invoice.invoice_number.unwrap())
            .try_collect::<Vec<_>>()
            .await
    });
    let numbers = tokio::time::timeout(std::time::Duration::from_secs(20), numbers)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(numbers, ["INV-1002", "INV-1003", "INV-1005", "INV-1006"]);
}
