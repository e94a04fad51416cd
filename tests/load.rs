//! Load on one client: 10,000 calls at concurrency 256 against a loopback server that answers
//! 429 to every 10th request. Every call must end (in success, or in a typed error once its
//! attempts are used up), no request may be lost or sent more often than the retry policy
//! allows, and memory must stay bounded. Prints calls, retries and latency percentiles. The
//! load runs in a process of its own (this test binary started again), so that the memory it
//! measures is the load's alone and not that of the tests running beside it.
#![allow(deprecated)]

use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use codat_client::{Codat, RetryPolicy};
use codat_mock::loopback::{LoopbackServer, Reply};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

const CALLS: usize = 10_000;
const CONCURRENCY: usize = 256;
const MAX_ATTEMPTS: u32 = 4;

/// What the server saw.
#[derive(Default)]
struct Counters {
    served: AtomicU64,
    refused: AtomicU64,
    per_company: Mutex<HashMap<String, u32>>,
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn ten_thousand_calls_with_rate_limiting() {
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["load::load_process", "--exact", "--ignored", "--nocapture"])
        .output()
        .expect("the test binary starts again");
    let stderr = String::from_utf8_lossy(&output.stderr);
    std::io::stderr().write_all(stderr.as_bytes()).unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    // A filter that matched nothing would pass too.
    assert!(stdout.contains("1 passed"), "{stdout}");
}

/// The load itself, run only as a process of its own by the test above.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by ten_thousand_calls_with_rate_limiting in a process of its own"]
async fn load_process() {
    let counters = Arc::new(Counters::default());
    let seen = counters.clone();
    let server = LoopbackServer::start(move |request, _body| {
        let company = request
            .uri
            .path()
            .split('/')
            .nth(2)
            .unwrap_or_default()
            .to_owned();
        *seen.per_company.lock().unwrap().entry(company).or_default() += 1;
        if seen.served.fetch_add(1, Ordering::SeqCst) % 10 == 9 {
            seen.refused.fetch_add(1, Ordering::SeqCst);
            Reply::json(429, r#"{"statusCode":429,"error":"slow down"}"#).header("retry-after", "0")
        } else {
            Reply::json(200, r#"{"accessToken":"tok"}"#)
        }
    })
    .await
    .unwrap();
    let codat = Codat::builder()
        .api_key("load-test-key")
        .base_url(server.url())
        .retry_policy(RetryPolicy::default().max_attempts(MAX_ATTEMPTS))
        .build()
        .unwrap();

    // Memory is bounded when what stays allocated after a round does not grow from round to
    // round: the first warms the pool and the allocator, the later ones must add ~nothing.
    let mut settled = Vec::new();
    for number in 1..=3 {
        round(number, &codat, &counters).await;
        settled.push(rss_kib().unwrap_or(0));
    }
    let report = format!("load: RSS after each round (KiB): {settled:?}\n");
    std::io::stderr().write_all(report.as_bytes()).unwrap();
    let growth = settled[2].saturating_sub(settled[0]);
    assert!(growth < 8 * 1024, "RSS kept growing: {settled:?} KiB");
}

/// CALLS calls through `codat`; checks what the server saw and prints the figures.
async fn round(number: u32, codat: &Codat, counters: &Counters) {
    let rss_before = rss_kib();
    let limit = Arc::new(Semaphore::new(CONCURRENCY));
    let mut tasks = JoinSet::new();
    let started = Instant::now();
    for i in 0..CALLS {
        let permit = limit.clone().acquire_owned().await.unwrap();
        let codat = codat.clone();
        tasks.spawn(async move {
            let call_started = Instant::now();
            let result = codat
                .connection_management()
                .get_access_token(&format!("company-{i}"))
                .await;
            drop(permit);
            (result, call_started.elapsed())
        });
    }
    let mut latencies = Vec::with_capacity(CALLS);
    let mut ok = 0;
    let mut errors = HashMap::<Option<u16>, usize>::new();
    while let Some(joined) = tasks.join_next().await {
        let (result, latency) = joined.expect("no task panicked");
        latencies.push(latency);
        match result {
            Ok(token) => {
                assert_eq!(token.access_token.as_deref(), Some("tok"));
                ok += 1;
            }
            Err(err) => *errors.entry(err.status()).or_default() += 1,
        }
    }
    let wall = started.elapsed();
    let growth_kib = match (rss_before, rss_kib()) {
        (Some(before), Some(after)) => after.saturating_sub(before),
        _ => 0,
    };

    // Every call ended and reached the server, none more than MAX_ATTEMPTS times.
    assert_eq!(latencies.len(), CALLS);
    {
        let mut per_company = counters.per_company.lock().unwrap();
        assert_eq!(per_company.len(), CALLS, "every call reached the server");
        assert!(per_company
            .values()
            .all(|&n| (1..=MAX_ATTEMPTS).contains(&n)));
        *per_company = HashMap::new();
    }
    // Each 429 caused exactly one retry, unless the call had used up its attempts.
    let served = counters.served.swap(0, Ordering::SeqCst);
    let refused = counters.refused.swap(0, Ordering::SeqCst);
    let retries = served - CALLS as u64;
    let exhausted = errors.get(&Some(429)).copied().unwrap_or(0);
    assert_eq!(
        errors.len(),
        usize::from(exhausted > 0),
        "only 429s may end a call: {errors:?}"
    );
    assert_eq!(retries + exhausted as u64, refused);
    assert_eq!(ok + exhausted, CALLS);

    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() - 1) as f64 * p) as usize];
    let report = format!(
        "load round {number}: {CALLS} calls at concurrency {CONCURRENCY}: {ok} ok, {exhausted} \
         ended in 429 after {MAX_ATTEMPTS} attempts; {served} requests, {refused} answered 429, \
         {retries} retries; wall {wall:?}; latency p50 {:?} p99 {:?} max {:?}; RSS +{growth_kib} KiB in flight\n",
        pct(0.50),
        pct(0.99),
        latencies[latencies.len() - 1],
    );
    // Written past the test harness's capture so that CI logs show the figures.
    std::io::stderr().write_all(report.as_bytes()).unwrap();
}
