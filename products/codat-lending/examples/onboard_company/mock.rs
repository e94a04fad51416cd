//! A local stand-in for the Codat API for the `onboard_company` example and its test: it
//! creates the company and its connection, plays the company's user linking the accounting
//! software a moment later, and moves each queued read through Codat's states over a few
//! seconds; then it serves the company's invoices as the Lending stand-in does.
//!
//! Time is real: the link happens [`LINK_AFTER`] after the connection is created, and a read
//! takes [`READ_TAKES`] times its position in the queue (so they end one after another). The
//! invoices are Lending's operation: a program that starts this mock links `codat-lending`.
//! It is a mock: nothing it answers comes from Codat.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use codat_test::{Call, Reply};
use serde_json::{json, Value};

use super::lending_mock::invoices_page;
use codat_mock::{Running, MOCK_COMPANY_ID};

/// The connection id the mock answers for.
pub(crate) use codat_mock::MOCK_CONNECTION_ID;
/// How long after the connection is created the simulated user has linked it.
pub(crate) const LINK_AFTER: Duration = Duration::from_millis(1500);
/// How long the first queued read takes; the n-th takes n times as long.
pub(crate) const READ_TAKES: Duration = Duration::from_millis(1500);

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
pub(crate) struct MockOnboarding(Running);

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

impl MockOnboarding {
    /// Starts the mock on a free port of 127.0.0.1.
    pub(crate) async fn start() -> MockOnboarding {
        let running = Running::start().await;
        let ledger = Arc::new(Mutex::new(Ledger::default()));

        let book = ledger.clone();
        running.on("create-company").reply_with(move |call: &Call| {
            let body: Value = call.json().unwrap_or(Value::Null);
            let Some(name) = body["name"].as_str().filter(|n| !n.trim().is_empty()) else {
                return Reply::error(400, "a company needs a name");
            };
            book.lock().unwrap().company_name = Some(name.to_owned());
            Reply::ok(&json!({
                "id": MOCK_COMPANY_ID,
                "name": name,
                "description": body["description"],
                "redirect": format!("https://link.codat.io/company/{MOCK_COMPANY_ID}"),
                "created": "2026-11-26T09:00:00Z",
                "products": [],
                "dataConnections": [],
            }))
        });

        let book = ledger.clone();
        running.on("create-connection").reply_with(move |_: &Call| {
            book.lock().unwrap().connection_created = Some(Instant::now());
            Reply::ok(&connection(false))
        });

        let book = ledger.clone();
        running.on("get-connection").reply_with(move |_: &Call| {
            match book.lock().unwrap().connection_created {
                Some(at) => Reply::ok(&connection(at.elapsed() >= LINK_AFTER)),
                None => Reply::error(404, "no such connection"),
            }
        });

        let book = ledger.clone();
        running
            .on("refresh-data-type")
            .reply_with(move |call: &Call| {
                let data_type = call.path_value("data_type").unwrap_or_default();
                let mut book = book.lock().unwrap();
                let linked = book
                    .connection_created
                    .is_some_and(|at| at.elapsed() >= LINK_AFTER);
                if !linked {
                    return Reply::error(400, "the company has no linked connection to read from");
                }
                let place = u32::try_from(book.reads.len()).unwrap_or(u32::MAX) + 1;
                book.reads
                    .insert(data_type.to_owned(), (Instant::now(), place));
                Reply::ok(&pull(data_type, Duration::ZERO, READ_TAKES))
            });

        let book = ledger;
        running
            .on("get-pull-operation")
            .reply_with(move |call: &Call| {
                let id = call.path_value("dataset_id").unwrap_or_default();
                let read = id.strip_prefix("mock-pull-").and_then(|data_type| {
                    Some((data_type, *book.lock().unwrap().reads.get(data_type)?))
                });
                match read {
                    Some((data_type, (at, place))) => {
                        Reply::ok(&pull(data_type, at.elapsed(), READ_TAKES * place))
                    }
                    None => Reply::error(404, "no such dataset"),
                }
            });

        running
            .on("list-accounting-invoices")
            .reply_with(invoices_page);

        MockOnboarding(running)
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
