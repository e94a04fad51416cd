//! What the declared client costs next to a careful hand-written `reqwest` call doing the same
//! work (same headers, path encoding, status check and serde decoding), in one run against the
//! same loopback server: single-call latency, throughput at 64 concurrent calls, and heap
//! allocations per call.
//!
//! `cargo bench -p codat-tests --bench client_overhead`; ratios are printed at the end.
#![allow(deprecated)] // the seed operation

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use codat_client::connection_management::ConnectionManagement;
use codat_client::models::connection_management::ConnectionManagementAccessToken;
use codat_client::Codat;
use codat_mock::loopback::{LoopbackServer, Reply};
use criterion::Criterion;
use futures_util::future::join_all;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, USER_AGENT};

/// Counts heap allocations so that both clients can be compared per call.
struct CountingAllocator;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

const COMPANY: &str = "8a210b68-6988-11ed-a1eb-0242ac120002";
const KEY: &str = "bench-api-key";
const CONCURRENCY: usize = 64;
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The call a careful engineer would write by hand.
struct HandWritten {
    http: reqwest::Client,
    base: String,
    auth: HeaderValue,
    user_agent: HeaderValue,
}

impl HandWritten {
    async fn get_access_token(
        &self,
        company_id: &str,
    ) -> Result<ConnectionManagementAccessToken, String> {
        let url = format!(
            "{}/companies/{}/connectionManagement/accessToken",
            self.base,
            utf8_percent_encode(company_id, SEGMENT)
        );
        let response = self
            .http
            .get(url)
            .header(AUTHORIZATION, self.auth.clone())
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .header(USER_AGENT, self.user_agent.clone())
            .timeout(Duration::from_secs(60))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| e.to_string())?;
        if !status.is_success() {
            return Err(format!("status {status}"));
        }
        serde_json::from_slice(&body).map_err(|e| e.to_string())
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let server = runtime
        .block_on(LoopbackServer::start(|_, _| {
            Reply::json(
                200,
                r#"{"accessToken":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9.c2lnbmF0dXJl"}"#,
            )
        }))
        .unwrap();
    let codat = Codat::builder()
        .api_key(KEY)
        .base_url(server.url())
        .build()
        .unwrap();
    let hand = HandWritten {
        http: reqwest::Client::new(),
        base: server.url(),
        auth: {
            let mut value = HeaderValue::from_str(&codat_mock::basic_auth(KEY)).unwrap();
            value.set_sensitive(true);
            value
        },
        user_agent: HeaderValue::from_static("codat-rs/0.1.0"),
    };
    // Both clients must get the same answer before anything is timed.
    let (a, b) = runtime.block_on(async {
        (
            codat
                .connection_management()
                .get_access_token(COMPANY)
                .await
                .unwrap(),
            hand.get_access_token(COMPANY).await.unwrap(),
        )
    });
    assert_eq!(a, b);

    // Operations borrow their resource, so a future that outlives the statement needs it bound.
    let tokens = codat.connection_management();
    // The same client with one hook that does nothing, for the cost of the hook path itself.
    struct NoOp;
    impl codat_client::hooks::Hook for NoOp {}
    let hooked = Codat::builder()
        .api_key(KEY)
        .base_url(server.url())
        .hook(NoOp)
        .build()
        .unwrap();
    let hooked_tokens = hooked.connection_management();
    // The same client without the per-company cap and breaker, for what keeping them costs.
    let unlimited = Codat::builder()
        .api_key(KEY)
        .base_url(server.url())
        .without_rate_limits()
        .build()
        .unwrap();
    let unlimited_tokens = unlimited.connection_management();
    // `CODAT_BENCH_ONLY=declared|hooked|unlimited|handwritten` makes 2,000 calls of one client
    // and stops: for instruction counts under `valgrind --tool=callgrind`, which do not vary
    // with machine load. `hooked` is the declared call through a client with one no-op hook,
    // `unlimited` through one without rate limits.
    if let Ok(only) = std::env::var("CODAT_BENCH_ONLY") {
        runtime.block_on(async {
            for _ in 0..2000 {
                match only.as_str() {
                    "declared" => drop(tokens.get_access_token(COMPANY).await.unwrap()),
                    "hooked" => drop(hooked_tokens.get_access_token(COMPANY).await.unwrap()),
                    "unlimited" => drop(unlimited_tokens.get_access_token(COMPANY).await.unwrap()),
                    _ => drop(hand.get_access_token(COMPANY).await.unwrap()),
                }
            }
        });
        return;
    }
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(6))
        .configure_from_args();
    {
        let mut group = criterion.benchmark_group("single_call");
        group.bench_function("declared", |b| {
            b.to_async(&runtime)
                .iter(|| tokens.get_access_token(COMPANY))
        });
        group.bench_function("handwritten", |b| {
            b.to_async(&runtime).iter(|| hand.get_access_token(COMPANY))
        });
        group.finish();
    }
    {
        let mut group = criterion.benchmark_group("concurrent_64");
        group.throughput(criterion::Throughput::Elements(CONCURRENCY as u64));
        group.bench_function("declared", |b| {
            b.to_async(&runtime)
                .iter(|| join_all((0..CONCURRENCY).map(|_| tokens.get_access_token(COMPANY))))
        });
        group.bench_function("handwritten", |b| {
            b.to_async(&runtime)
                .iter(|| join_all((0..CONCURRENCY).map(|_| hand.get_access_token(COMPANY))))
        });
        group.finish();
    }
    criterion.final_summary();

    let per_call = |name: &str, calls: u64, run: &dyn Fn()| {
        let before = ALLOCATIONS.load(Ordering::Relaxed);
        run();
        let after = ALLOCATIONS.load(Ordering::Relaxed);
        // The server shares the process: its allocations are counted for both clients alike.
        println!(
            "allocations per call, {name}: {:.1} (client and server together)",
            (after - before) as f64 / calls as f64
        );
    };
    const CALLS: u64 = 2000;
    per_call("declared", CALLS, &|| {
        runtime.block_on(async {
            for _ in 0..CALLS {
                codat
                    .connection_management()
                    .get_access_token(COMPANY)
                    .await
                    .unwrap();
            }
        })
    });
    per_call("handwritten", CALLS, &|| {
        runtime.block_on(async {
            for _ in 0..CALLS {
                hand.get_access_token(COMPANY).await.unwrap();
            }
        })
    });
    print_ratios();
    interleaved(&runtime, &tokens, &hand);
}

/// Alternates the two clients in short rounds so that machine noise hits both alike, and
/// reports the median of the per-round ratios: steadier on a small shared machine than two
/// separate criterion runs.
fn interleaved(
    runtime: &tokio::runtime::Runtime,
    tokens: &ConnectionManagement<'_>,
    hand: &HandWritten,
) {
    const ROUNDS: usize = 41;
    const CALLS: usize = 300;
    const BATCHES: usize = 8;
    let mut single = Vec::with_capacity(ROUNDS);
    let mut concurrent = Vec::with_capacity(ROUNDS);
    runtime.block_on(async {
        for round in 0..ROUNDS {
            // Which goes first alternates too.
            let declared_first = round % 2 == 0;
            let mut times = [Duration::ZERO; 2];
            for turn in 0..2 {
                let declared = (turn == 0) == declared_first;
                let started = Instant::now();
                for _ in 0..CALLS {
                    if declared {
                        tokens.get_access_token(COMPANY).await.unwrap();
                    } else {
                        hand.get_access_token(COMPANY).await.unwrap();
                    }
                }
                times[usize::from(!declared)] = started.elapsed();
            }
            single.push(times[0].as_secs_f64() / times[1].as_secs_f64());
            for turn in 0..2 {
                let declared = (turn == 0) == declared_first;
                let started = Instant::now();
                for _ in 0..BATCHES {
                    if declared {
                        join_all((0..CONCURRENCY).map(|_| tokens.get_access_token(COMPANY))).await;
                    } else {
                        join_all((0..CONCURRENCY).map(|_| hand.get_access_token(COMPANY))).await;
                    }
                }
                times[usize::from(!declared)] = started.elapsed();
            }
            concurrent.push(times[1].as_secs_f64() / times[0].as_secs_f64());
        }
    });
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[v.len() / 4], v[v.len() / 2], v[3 * v.len() / 4])
    };
    let (q1, m, q3) = median(&mut single);
    println!("interleaved single-call latency ratio declared/hand-written: median {m:.3} (quartiles {q1:.3}..{q3:.3}, {ROUNDS} rounds of {CALLS} calls)");
    let (q1, m, q3) = median(&mut concurrent);
    println!("interleaved throughput ratio declared/hand-written at {CONCURRENCY} concurrent: median {m:.3} (quartiles {q1:.3}..{q3:.3}, {ROUNDS} rounds of {BATCHES}x{CONCURRENCY} calls)");
}

/// Reads criterion's estimates of this run and prints declared / hand-written.
fn print_ratios() {
    let dir = std::env::var("CRITERION_HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/criterion")
        });
    let mean = |group: &str, id: &str| -> Option<f64> {
        let text =
            std::fs::read_to_string(dir.join(group).join(id).join("new/estimates.json")).ok()?;
        let json: serde_json::Value = serde_json::from_str(&text).ok()?;
        json["mean"]["point_estimate"].as_f64()
    };
    for (group, what) in [
        ("single_call", "latency"),
        ("concurrent_64", "time per 64 calls"),
    ] {
        if let (Some(declared), Some(hand)) = (mean(group, "declared"), mean(group, "handwritten"))
        {
            println!(
                "{group}: declared {:.1} µs, hand-written {:.1} µs, {what} ratio declared/hand-written {:.3} (throughput ratio {:.3})",
                declared / 1e3,
                hand / 1e3,
                declared / hand,
                hand / declared
            );
        }
    }
}
