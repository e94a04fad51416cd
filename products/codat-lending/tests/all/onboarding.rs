//! The `onboard_company` example end to end, run as a user runs it: offline (it says it calls
//! a local mock, waits for the simulated link, shows the reads progressing and sums up the
//! unpaid invoices), in its API mode against the same stand-in on loopback (the requests it
//! makes, in order), and with a key the API refuses (a clear error, nothing after).

// The stand-in serves the invoices through Lending's declaration of the operation.
use codat_lending as _;
use codat_mock::MOCK_API_KEY;
use onboarding_mock::MockOnboarding;

// The onboarding stand-in serves the lending report stand-in's invoices.
use super::example::lending_mock;
#[allow(dead_code)] // the test uses a part
#[path = "../../examples/onboard_company/mock.rs"]
mod onboarding_mock;

/// The steps every successful run prints.
fn assert_onboarded(stdout: &str) {
    for line in [
        "1. Created company Bakery & Sons (8a210b68-6988-11ed-a1eb-0242ac120002)",
        "   Send its user this link to connect Xero (mock): https://link-api.codat.io/companies/",
        "2. Waiting for the user to link it...",
        "   Xero (mock) is Linked",
        "3. Reading invoices and customers:",
        "   100 % invoices Complete, customers Complete",
        "   2 reads complete",
        "   The largest 3 of 4 unpaid invoices:",
        "   INV-1005   Northwind Traders         5120.00",
        "Summary: Bakery & Sons owes 7610.65 over 4 unpaid invoices.",
    ] {
        assert!(stdout.contains(line), "{line:?} missing from:\n{stdout}");
    }
    // The progress only ever grows, and was seen in between.
    let progress: Vec<u32> = stdout
        .lines()
        .filter_map(|l| l.trim().split_once(" % "))
        .map(|(p, _)| p.parse().unwrap())
        .collect();
    assert!(progress.len() >= 3, "{stdout}");
    assert!(progress.windows(2).all(|w| w[0] < w[1]), "{progress:?}");
    assert_eq!(progress.last(), Some(&100));
}

#[test]
fn the_example_run_offline_says_it_calls_a_local_mock() {
    let (ok, stdout, stderr) = codat_mock::cli::run_example("onboard_company", &[]);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("calling a LOCAL MOCK of the Codat API at http://127.0.0.1:"),
        "{stdout}"
    );
    assert!(stdout.contains("(not the real API"), "{stdout}");
    assert_onboarded(&stdout);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_example_with_credentials_makes_the_calls_of_a_real_onboarding() {
    let mock = MockOnboarding::start().await;
    let uri = mock.uri();
    let (ok, stdout, stderr) = tokio::task::spawn_blocking(move || {
        codat_mock::cli::run_example(
            "onboard_company",
            &[("CODAT_API_KEY", MOCK_API_KEY), ("CODAT_BASE_URL", &uri)],
        )
    })
    .await
    .unwrap();
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!(
            "Calling the Codat API at {}: this creates a company and a gbol connection.",
            mock.uri()
        )),
        "{stdout}"
    );
    assert_onboarded(&stdout);
    let requests = mock.calls();
    let calls: Vec<String> = requests
        .iter()
        .map(|c| format!("{} {}", c.method(), c.path()))
        .collect();
    let company = "/companies/8a210b68-6988-11ed-a1eb-0242ac120002";
    assert_eq!(calls[0], "POST /companies");
    assert_eq!(calls[1], format!("POST {company}/connections"));
    // Polled until linked (the link takes 1.5 s; the real-API settings poll from 1 s).
    let linked_polls = calls[2..]
        .iter()
        .take_while(|c| c.contains("/connections/"))
        .count();
    assert!(linked_polls >= 2, "{calls:?}");
    // Queued at once, so they may arrive in either order.
    let mut queued: Vec<&String> = calls
        .iter()
        .filter(|c| c.contains("/data/queue/"))
        .collect();
    queued.sort();
    assert_eq!(
        queued,
        [
            &format!("POST {company}/data/queue/customers"),
            &format!("POST {company}/data/queue/invoices")
        ]
    );
    assert_eq!(
        calls.last().unwrap(),
        &format!("GET {company}/data/invoices")
    );
    let invoices = requests.last().unwrap();
    // Decoded: a `&&` left unencoded would have split the query in two.
    let sent: Vec<(&str, &str)> = invoices
        .query_pairs()
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    assert_eq!(
        sent,
        [
            ("page", "1"),
            ("query", "amountDue>0&&status!=Void"),
            ("orderBy", "-amountDue")
        ]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_key_stops_the_example_with_codats_answer() {
    let mock = MockOnboarding::start().await;
    let uri = mock.uri();
    let (ok, stdout, stderr) = tokio::task::spawn_blocking(move || {
        codat_mock::cli::run_example(
            "onboard_company",
            &[
                ("CODAT_API_KEY", "not-the-mock-key"),
                ("CODAT_BASE_URL", &uri),
            ],
        )
    })
    .await
    .unwrap();
    assert!(!ok, "{stdout}");
    assert!(stderr.contains("401"), "{stderr}");
    assert!(
        stderr.contains("correlation id: codat-test-401"),
        "{stderr}"
    );
    assert!(!stderr.contains("not-the-mock-key"), "{stderr}");
    assert_eq!(mock.calls().len(), 1);
}
