//! The codat-rs driver of `benches/peers/run.sh`: the same workloads as `node.mjs` and
//! `python.py`, against `peers_server`, printed as one JSON line.
//!
//! `peers_rust --url URL [--calls 2000] [--concurrency 64] [--items 10000] [--warmup 200]`
#![allow(deprecated)] // connectionManagement/accessToken is the call measured by all three

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use codat_client::paging::PageOptions;
use codat_client::Codat;
use futures_util::StreamExt;

const KEY: &str = "peers-api-key";
const COMPANY: &str = "8a210b68-6988-11ed-a1eb-0242ac120002";
/// No workload may take longer, whatever the machine does.
const DEADLINE: Duration = Duration::from_secs(120);

struct Args {
    url: String,
    calls: usize,
    concurrency: usize,
    items: usize,
    warmup: usize,
}

fn main() {
    let args = parse_args();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let line = match runtime.block_on(run(&args)) {
        Ok(fields) => format!(r#"{{"client":"codat-rs","ok":true,{fields}}}"#),
        Err(error) => format!(
            r#"{{"client":"codat-rs","ok":false,"error":{}}}"#,
            serde_json::Value::from(error)
        ),
    };
    println!("{line}");
}

fn parse_args() -> Args {
    let mut args = Args {
        url: String::new(),
        calls: 2000,
        concurrency: 64,
        items: 10_000,
        warmup: 200,
    };
    let mut argv = std::env::args().skip(1);
    while let Some(flag) = argv.next() {
        let value = argv.next().unwrap_or_default();
        let number = || -> usize {
            value
                .parse()
                .unwrap_or_else(|_| panic!("{flag} takes a number, got {value:?}"))
        };
        match flag.as_str() {
            "--url" => args.url = value.clone(),
            "--calls" => args.calls = number(),
            "--concurrency" => args.concurrency = number(),
            "--items" => args.items = number(),
            "--warmup" => args.warmup = number(),
            _ => panic!("unknown flag {flag}"),
        }
    }
    assert!(!args.url.is_empty(), "--url is required");
    args
}

/// The JSON fields of a run in which every response was checked, or what went wrong.
async fn run(args: &Args) -> Result<String, String> {
    let codat = Codat::builder()
        .api_key(KEY)
        .base_url(&args.url)
        .build()
        .map_err(|e| e.to_string())?;
    let expected = format!("peers-token-{COMPANY}");

    let call = |codat: Codat, expected: String| async move {
        let token = codat
            .connection_management()
            .get_access_token(COMPANY)
            .await
            .map_err(|e| e.to_string())?;
        match token.access_token.as_deref() {
            Some(t) if t == expected => Ok(()),
            other => Err(format!("unexpected token {other:?}")),
        }
    };

    for _ in 0..args.warmup {
        call(codat.clone(), expected.clone()).await?;
    }

    let started = Instant::now();
    for _ in 0..args.calls {
        call(codat.clone(), expected.clone()).await?;
        if started.elapsed() > DEADLINE {
            return Err("sequential calls passed the deadline".into());
        }
    }
    let single_us = started.elapsed().as_secs_f64() * 1e6 / args.calls as f64;

    // Workers spawned on the multi-threaded runtime, each taking the next call while any remain:
    // always `concurrency` calls in flight.
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..args.concurrency)
        .map(|_| {
            let (codat, expected, next, calls) =
                (codat.clone(), expected.clone(), next.clone(), args.calls);
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < calls {
                    call(codat.clone(), expected.clone()).await?;
                    if started.elapsed() > DEADLINE {
                        return Err("concurrent calls passed the deadline".to_string());
                    }
                }
                Ok(())
            })
        })
        .collect();
    for worker in workers {
        worker.await.map_err(|e| e.to_string())??;
    }
    let calls_per_s = args.calls as f64 / started.elapsed().as_secs_f64();

    let walk_ms = walk(&codat, args.items, 1).await?;
    let walk8_ms = walk(&codat, args.items, 8).await?;

    Ok(format!(
        r#""sdk":"codat-rs {}","runtime":"tokio multi-threaded","single_us":{single_us:.1},"calls_per_s":{calls_per_s:.0},"walk_ms":{walk_ms:.1},"walk8_ms":{walk8_ms:.1},"rss_mb":{:.1}"#,
        env!("CARGO_PKG_VERSION"),
        peak_rss_mb()
    ))
}

/// Walks every company with the page stream, checking each id in order; returns milliseconds.
async fn walk(codat: &Codat, items: usize, concurrency: usize) -> Result<f64, String> {
    let started = Instant::now();
    let mut stream = codat
        .companies()
        .list_all(PageOptions::new().page_size(100).concurrency(concurrency));
    let mut seen = 0;
    while let Some(company) = stream.next().await {
        let company = company.map_err(|e| e.to_string())?;
        if company.id != format!("00000000-0000-4000-8000-{seen:012}") {
            return Err(format!("item {seen} has id {}", company.id));
        }
        seen += 1;
        if seen > items || started.elapsed() > DEADLINE {
            return Err(format!("walk ran past {items} items or the deadline"));
        }
    }
    if seen != items {
        return Err(format!("walked {seen} items, expected {items}"));
    }
    Ok(started.elapsed().as_secs_f64() * 1e3)
}

/// The process's peak resident set (VmHWM), as all three drivers measure it.
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(-1.0, |kb| kb / 1024.0)
}
