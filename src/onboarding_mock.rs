//! A local stand-in for the Codat API for the `onboard_company` example and its test: it
//! creates the company and its connection, plays the company's user linking the accounting
//! software a moment later, and moves each queued read through Codat's states over a few
//! seconds; then it serves the company's invoices as the Lending stand-in does.
//!
//! Time is real: the link happens [`LINK_AFTER`] after the connection is created, and a read
//! takes [`READ_TAKES`] times its position in the queue (so they end one after another). It
//! checks the `Authorization` header the way Codat would. It is a mock: nothing it answers
//! comes from Codat.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::lending_mock::invoices_page;
use crate::{basic_auth, error_message, Running, MOCK_API_KEY, MOCK_COMPANY_ID};

/// The connection id the mock answers for.
pub use crate::MOCK_CONNECTION_ID;
/// How long after the connection is created the simulated user has linked it.
pub const LINK_AFTER: Duration = Duration::from_millis(1500);
/// How long the first queued read takes; the n-th takes n times as long.
pub const READ_TAKES: Duration = Duration::from_millis(1500);

/// What the mock was asked for so far.
#[derive(Debug, Default)]
struct Ledger {
    company_name: Option<String>,
    connection_created: Option<Instant>,
    /// Each queued read: its data type, when it was queued and its place in the queue.
    reads: BTreeMap<String, (Instant, u32)>,
}

/// A running mock; stops when dropped.
#[derive(Debug)]
pub struct MockOnboarding(Running);

impl std::ops::Deref for MockOnboarding {
    type Target = Running;
    fn deref(&self) -> &Running {
        &self.0
    }
}

fn connection(linked: bool) -> Value {
    json!({
        "id": MOCK_CONNECTION_ID,
        "integrationId": "bf083d72-62c7-493e-aec9-81b4dbba7e2c",
        "integrationKey": "gbol",
        "sourceId": "56e6575a-3f1f-4918-b009-f7535555f0d6",
        "sourceType": "Accounting",
        "platformName": "Xero (mock)",
        "linkUrl": format!("https://link-api.codat.io/companies/{MOCK_COMPANY_ID}/connections/{MOCK_CONNECTION_ID}/start"),
        "status": if linked { "Linked" } else { "PendingAuth" },
        "created": "2026-11-26T09:00:00Z",
    })
}

/// A read of `data_type`, `elapsed` into taking `takes`.
fn pull(data_type: &str, elapsed: Duration, takes: Duration) -> Value {
    let progress = if takes.is_zero() {
        100
    } else {
        (elapsed.as_millis() * 100 / takes.as_millis()).min(100) as i64
    };
    let status = match progress {
        0..=9 => "Queued",
        10..=59 => "Fetching",
        60..=99 => "Mapping",
        _ => "Complete",
    };
    json!({
        "id": format!("mock-pull-{data_type}"),
        "companyId": MOCK_COMPANY_ID,
        "connectionId": MOCK_CONNECTION_ID,
        "dataType": data_type,
        "status": status,
        "requested": "2026-11-26T09:00:05Z",
        "progress": progress,
        "isCompleted": progress == 100,
        "isErrored": false,
    })
}

fn last_segment(request: &Request) -> String {
    request
        .url
        .path_segments()
        .and_then(|mut s| s.next_back())
        .unwrap_or_default()
        .to_owned()
}

impl MockOnboarding {
    /// Starts the mock on a free port of 127.0.0.1.
    pub async fn start() -> MockOnboarding {
        let server = MockServer::start().await;
        let ledger = Arc::new(Mutex::new(Ledger::default()));
        let auth = basic_auth(MOCK_API_KEY);
        let right_auth = move |request: &Request| {
            request.headers.get("authorization").map(|v| v.as_bytes()) == Some(auth.as_bytes())
        };
        let mount = |verb: &'static str, pattern: &str| {
            Mock::given(method(verb))
                .and(path_regex(pattern))
                .and(right_auth.clone())
        };

        let book = ledger.clone();
        mount("POST", r"^/companies$")
            .respond_with(move |request: &Request| {
                let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
                let Some(name) = body["name"].as_str().filter(|n| !n.trim().is_empty()) else {
                    return error_message(400, "a company needs a name");
                };
                book.lock().unwrap().company_name = Some(name.to_owned());
                ResponseTemplate::new(200).set_body_json(json!({
                    "id": MOCK_COMPANY_ID,
                    "name": name,
                    "description": body["description"],
                    "redirect": format!("https://link.codat.io/company/{MOCK_COMPANY_ID}"),
                    "created": "2026-11-26T09:00:00Z",
                    "products": [],
                    "dataConnections": [],
                }))
            })
            .with_priority(1)
            .mount(&server)
            .await;

        let book = ledger.clone();
        mount("POST", r"^/companies/[^/]+/connections$")
            .respond_with(move |_: &Request| {
                book.lock().unwrap().connection_created = Some(Instant::now());
                ResponseTemplate::new(200).set_body_json(connection(false))
            })
            .with_priority(1)
            .mount(&server)
            .await;

        let book = ledger.clone();
        mount("GET", r"^/companies/[^/]+/connections/[^/]+$")
            .respond_with(
                move |_: &Request| match book.lock().unwrap().connection_created {
                    Some(at) => ResponseTemplate::new(200)
                        .set_body_json(connection(at.elapsed() >= LINK_AFTER)),
                    None => error_message(404, "no such connection"),
                },
            )
            .with_priority(1)
            .mount(&server)
            .await;

        let book = ledger.clone();
        mount("POST", r"^/companies/[^/]+/data/queue/[^/]+$")
            .respond_with(move |request: &Request| {
                let data_type = last_segment(request);
                let mut book = book.lock().unwrap();
                let linked = book
                    .connection_created
                    .is_some_and(|at| at.elapsed() >= LINK_AFTER);
                if !linked {
                    return error_message(400, "the company has no linked connection to read from");
                }
                let place = u32::try_from(book.reads.len()).unwrap_or(u32::MAX) + 1;
                book.reads
                    .insert(data_type.clone(), (Instant::now(), place));
                ResponseTemplate::new(200).set_body_json(pull(
                    &data_type,
                    Duration::ZERO,
                    READ_TAKES,
                ))
            })
            .with_priority(1)
            .mount(&server)
            .await;

        let book = ledger.clone();
        mount("GET", r"^/companies/[^/]+/data/history/mock-pull-[^/]+$")
            .respond_with(move |request: &Request| {
                let id = last_segment(request);
                let data_type = id.trim_start_matches("mock-pull-");
                match book.lock().unwrap().reads.get(data_type) {
                    Some((at, place)) => ResponseTemplate::new(200).set_body_json(pull(
                        data_type,
                        at.elapsed(),
                        READ_TAKES * *place,
                    )),
                    None => error_message(404, "no such dataset"),
                }
            })
            .with_priority(1)
            .mount(&server)
            .await;

        mount("GET", r"^/companies/[^/]+/data/invoices$")
            .respond_with(invoices_page)
            .with_priority(1)
            .mount(&server)
            .await;

        MockOnboarding(Running::refuse_the_rest(server).await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_moves_through_the_states_as_time_passes() {
        let takes = Duration::from_secs(2);
        let at = |ms| pull("invoices", Duration::from_millis(ms), takes);
        assert_eq!(at(0)["status"], "Queued");
        assert_eq!(at(500)["status"], "Fetching");
        assert_eq!(at(500)["progress"], 25);
        assert_eq!(at(1500)["status"], "Mapping");
        assert_eq!(at(2000)["status"], "Complete");
        assert_eq!(at(9000)["progress"], 100);
        assert_eq!(
            pull("bills", Duration::ZERO, Duration::ZERO)["status"],
            "Complete"
        );
    }
}
