//! What sharing Codat's limits through Redis costs, in one run on loopback:
//!
//! 1. one call at a time: a hand-written `reqwest` call, the client with its own limits,
//!    and the client with a `RedisLimiter` (criterion), and the Redis commands per call;
//! 2. 8 worker processes x 500 calls over 3 companies against a stand-in that refuses more
//!    than 10 requests in flight per company, with and without `codat-redis`.
//!
//! `cargo bench -p codat-redis --bench redis` (needs `redis-server`); figures are printed.

#[path = "../tests/support/codat.rs"]
#[allow(dead_code)]
mod codat;
#[path = "../tests/support/redis.rs"]
#[allow(dead_code)]
mod redis_server;
#[path = "../tests/support/worker.rs"]
#[allow(dead_code)]
mod worker;

use std::time::{Duration, Instant};

use codat_client::models::companies::Company;
use codat_client::Codat;
use codat_redis::RedisLimiter;
use criterion::Criterion;
use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION};

use codat::{Codat as Stand, Rules};
use redis_server::RedisServer;
use worker::{Results, Work};

const WORKERS: usize = 8;
const CALLS: usize = 500;
const RUNS: usize = 3;

fn main() {
    if std::env::args().any(|arg| arg == "worker_process") {
        let work = Work::from_env().expect("CODAT_WORKER_* set by the bench");
        let runtime = tokio::runtime::Runtime::new().unwrap();
        worker::print(&runtime.block_on(work.work()));
        return;
    }
    let Some(redis) = RedisServer::start() else {
        return;
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    per_call(&runtime, &redis.url());
    workers(&runtime, &redis.url());
}

/// The call a careful engineer would write by hand.
async fn by_hand(http: &reqwest::Client, url: &str) -> Company {
    let response = http
        .get(url)
        .header(AUTHORIZATION, HeaderValue::from_static("Basic YmVuY2g="))
        .header(ACCEPT, HeaderValue::from_static("application/json"))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
}

fn per_call(runtime: &tokio::runtime::Runtime, redis_url: &str) {
    let stand = runtime.block_on(Stand::start(Rules {
        delay_ms: (0, 0),
        ..Rules::default()
    }));
    let _guard = runtime.enter();
    let http = reqwest::Client::new();
    let url = format!("{}/companies/acme", stand.url);
    let local = Codat::builder()
        .api_key("bench")
        .base_url(&stand.url)
        .build()
        .unwrap();
    let limiter = RedisLimiter::builder(redis_url)
        .prefix("bench")
        .build()
        .unwrap();
    let shared = Codat::builder()
        .api_key("bench")
        .base_url(&stand.url)
        .limiter(limiter)
        .build()
        .unwrap();

    let mut criterion = Criterion::default()
        .configure_from_args()
        .measurement_time(Duration::from_secs(5));
    let mut group = criterion.benchmark_group("one call at a time");
    group.bench_function("reqwest by hand", |b| {
        b.to_async(runtime).iter(|| by_hand(&http, &url))
    });
    group.bench_function("codat, own limits", |b| {
        b.to_async(runtime)
            .iter(|| async { local.companies().get("acme").await.unwrap() })
    });
    group.bench_function("codat, RedisLimiter", |b| {
        b.to_async(runtime)
            .iter(|| async { shared.companies().get("acme").await.unwrap() })
    });
    group.finish();

    // Mean per call, measured here in one run, for the ratios.
    let mean = |run: &dyn Fn()| {
        let started = Instant::now();
        for _ in 0..2_000 {
            run();
        }
        started.elapsed() / 2_000
    };
    let hand = mean(&|| {
        runtime.block_on(by_hand(&http, &url));
    });
    let own = mean(&|| {
        runtime.block_on(local.companies().get("acme")).unwrap();
    });
    let before = commands(runtime, redis_url);
    let redis = mean(&|| {
        runtime.block_on(shared.companies().get("acme")).unwrap();
    });
    // Releases are sent in the background: let the last ones land.
    std::thread::sleep(Duration::from_millis(200));
    let after = commands(runtime, redis_url);
    println!(
        "one call at a time: reqwest by hand {hand:.1?}, codat with its own limits {own:.1?} \
         ({:.2}x), codat with RedisLimiter {redis:.1?} ({:.2}x; +{:.1?} per call)",
        own.as_secs_f64() / hand.as_secs_f64(),
        redis.as_secs_f64() / hand.as_secs_f64(),
        redis.saturating_sub(own),
    );
    let per_call = |name: &str| {
        (after.get(name).unwrap_or(&0) - before.get(name).unwrap_or(&0)) as f64 / 2_000.0
    };
    // Each script run is one round trip: a lease, then its release in the background.
    println!(
        "Redis round trips per call: {:.2} (a lease and its release); releases announced: {:.2}",
        per_call("evalsha") + per_call("eval"),
        per_call("publish"),
    );
}

/// Calls per command so far, from `INFO commandstats`.
fn commands(
    runtime: &tokio::runtime::Runtime,
    redis_url: &str,
) -> std::collections::HashMap<String, u64> {
    runtime.block_on(async {
        let client = redis::Client::open(redis_url).unwrap();
        let mut conn = client.get_multiplexed_async_connection().await.unwrap();
        let info: String = redis::cmd("INFO")
            .arg("commandstats")
            .query_async(&mut conn)
            .await
            .unwrap();
        info.lines()
            .filter_map(|line| {
                let (name, rest) = line.strip_prefix("cmdstat_")?.split_once(':')?;
                let calls = rest
                    .strip_prefix("calls=")?
                    .split(',')
                    .next()?
                    .parse()
                    .ok()?;
                Some((name.to_owned(), calls))
            })
            .collect()
    })
}

fn workers(runtime: &tokio::runtime::Runtime, redis_url: &str) {
    for shared in [true, false] {
        let mut times = Vec::new();
        let mut refused = Vec::new();
        for run in 0..RUNS {
            let stand = runtime.block_on(Stand::start(Rules::default()));
            let work = Work {
                base_url: stand.url.clone(),
                redis_url: shared.then(|| redis_url.to_owned()),
                prefix: format!("bench-workers-{run}"),
                companies: ["acme", "globex", "initech"].map(String::from).to_vec(),
                calls: CALLS,
                concurrency: 16,
                timeout_ms: 10_000,
                lease_margin_ms: 5_000,
                ..Work::default()
            };
            let started = Instant::now();
            let results: Vec<Results> = runtime.block_on(async {
                let runs: Vec<_> = (0..WORKERS)
                    .map(|id| {
                        let work = Work { id, ..work.clone() };
                        tokio::spawn(async move { work.run().await })
                    })
                    .collect();
                let mut all = Vec::new();
                for run in runs {
                    all.push(run.await.unwrap());
                }
                all
            });
            times.push(started.elapsed());
            assert!(results.iter().all(|r| r.ok == CALLS));
            refused.push(stand.seen(|seen| seen.refused));
        }
        times.sort();
        let median = times[RUNS / 2];
        println!(
            "{WORKERS} processes x {CALLS} calls, {}: median {median:.2?} ({:.0} calls/s), \
             refused for concurrency {refused:?}",
            if shared {
                "with codat-redis"
            } else {
                "each with its own limits"
            },
            (WORKERS * CALLS) as f64 / median.as_secs_f64(),
        );
    }
}
