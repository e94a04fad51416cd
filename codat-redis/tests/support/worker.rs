//! Worker processes: this test binary started again, running only the ignored
//! `worker_process` test, which reads what to do from `CODAT_WORKER_*` variables and prints
//! one line of results.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use codat_client::{Codat, Error};
use codat_redis::{OnUnavailable, RedisLimiter};

/// What one worker does.
#[derive(Debug, Clone, Default)]
pub(crate) struct Work {
    pub(crate) id: usize,
    pub(crate) base_url: String,
    /// `None`: the client's own limits only.
    pub(crate) redis_url: Option<String>,
    pub(crate) prefix: String,
    pub(crate) companies: Vec<String>,
    pub(crate) calls: usize,
    /// Calls run at once.
    pub(crate) concurrency: usize,
    pub(crate) timeout_ms: u64,
    pub(crate) lease_margin_ms: u64,
    /// Ask the stand-in to hold every request unanswered.
    pub(crate) hang: bool,
    pub(crate) fail_closed: bool,
}

/// A worker's results.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Results {
    pub(crate) ok: usize,
    pub(crate) failed: usize,
    /// Tries refused by a limiter set to fail closed (nothing sent).
    pub(crate) unavailable: usize,
    /// Tries the limiter held for longer than the client waits (nothing sent).
    pub(crate) held: usize,
}

impl Work {
    /// The worker as a process of its own.
    pub(crate) fn command(&self) -> tokio::process::Command {
        let mut command = tokio::process::Command::new(std::env::current_exe().unwrap());
        command
            .args(["worker_process", "--exact", "--ignored", "--nocapture"])
            .env("CODAT_WORKER_ID", self.id.to_string())
            .env("CODAT_WORKER_BASE_URL", &self.base_url)
            .env(
                "CODAT_WORKER_REDIS_URL",
                self.redis_url.clone().unwrap_or_default(),
            )
            .env("CODAT_WORKER_PREFIX", &self.prefix)
            .env("CODAT_WORKER_COMPANIES", self.companies.join(","))
            .env("CODAT_WORKER_CALLS", self.calls.to_string())
            .env("CODAT_WORKER_CONCURRENCY", self.concurrency.to_string())
            .env("CODAT_WORKER_TIMEOUT_MS", self.timeout_ms.to_string())
            .env(
                "CODAT_WORKER_LEASE_MARGIN_MS",
                self.lease_margin_ms.to_string(),
            )
            .env("CODAT_WORKER_HANG", if self.hang { "1" } else { "" })
            .env(
                "CODAT_WORKER_FAIL_CLOSED",
                if self.fail_closed { "1" } else { "" },
            )
            .kill_on_drop(true)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit());
        command
    }

    /// Runs the worker to its end and reads its results.
    pub(crate) async fn run(&self) -> Results {
        // A worker that hangs is killed (kill_on_drop) and fails the test.
        let output = tokio::time::timeout(Duration::from_secs(120), self.command().output())
            .await
            .unwrap_or_else(|_| panic!("worker {} still running after 120 s", self.id))
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "worker {} failed: {stdout}",
            self.id
        );
        parse(&stdout).unwrap_or_else(|| panic!("worker {} printed no results: {stdout}", self.id))
    }

    /// The work described by this process's `CODAT_WORKER_*` variables, if it is a worker.
    pub(crate) fn from_env() -> Option<Work> {
        let var = |name: &str| std::env::var(format!("CODAT_WORKER_{name}")).unwrap_or_default();
        let id = var("ID").parse().ok()?;
        let number = |name: &str| var(name).parse::<u64>().unwrap_or(0);
        Some(Work {
            id,
            base_url: var("BASE_URL"),
            redis_url: Some(var("REDIS_URL")).filter(|url| !url.is_empty()),
            prefix: var("PREFIX"),
            companies: var("COMPANIES").split(',').map(str::to_owned).collect(),
            calls: number("CALLS") as usize,
            concurrency: number("CONCURRENCY").max(1) as usize,
            timeout_ms: number("TIMEOUT_MS"),
            lease_margin_ms: number("LEASE_MARGIN_MS"),
            hang: !var("HANG").is_empty(),
            fail_closed: !var("FAIL_CLOSED").is_empty(),
        })
    }

    /// Does the work in this process: every call until it is answered, trying again (it was
    /// not sent) when the limiter refused or held it too long.
    pub(crate) async fn work(&self) -> Results {
        let mut builder = Codat::builder()
            .api_key("test-key")
            .base_url(&self.base_url)
            .timeout(Duration::from_millis(self.timeout_ms.max(1)));
        if let Some(url) = &self.redis_url {
            let choice = if self.fail_closed {
                OnUnavailable::FailClosed
            } else {
                OnUnavailable::FailOpen
            };
            let limiter = RedisLimiter::builder(url)
                .prefix(&self.prefix)
                .lease_margin(Duration::from_millis(self.lease_margin_ms))
                .on_unavailable(choice)
                .redis_timeout(Duration::from_millis(300))
                .build()
                .unwrap();
            builder = builder.limiter(limiter);
        }
        let codat = builder.build().unwrap();
        let next = Arc::new(AtomicUsize::new(0));
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..self.concurrency {
            let (codat, next, work) = (codat.clone(), next.clone(), self.clone());
            tasks.spawn(async move {
                let mut results = Results::default();
                loop {
                    let n = next.fetch_add(1, Ordering::SeqCst);
                    if n >= work.calls {
                        return results;
                    }
                    work.call(&codat, n, &mut results).await;
                }
            });
        }
        let mut all = Results::default();
        while let Some(results) = tasks.join_next().await {
            let results = results.unwrap();
            all.ok += results.ok;
            all.failed += results.failed;
            all.unavailable += results.unavailable;
            all.held += results.held;
        }
        all
    }

    async fn call(&self, codat: &Codat, n: usize, results: &mut Results) {
        let company = &self.companies[n % self.companies.len()];
        let mut client = codat
            .with_header("X-Call-Id", format!("{}-{n}", self.id))
            .unwrap();
        if self.hang {
            client = client.with_header("X-Hang", "1").unwrap();
        }
        loop {
            match client.companies().get(company).await {
                Ok(_) => return results.ok += 1,
                Err(Error::LimiterUnavailable { .. }) => {
                    results.unavailable += 1;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(error @ Error::RateLimited { .. }) => {
                    results.held += 1;
                    tokio::time::sleep(error.retry_after().unwrap_or_default()).await;
                }
                Err(error) => {
                    eprintln!("worker {}: call {n} failed: {error}", self.id);
                    return results.failed += 1;
                }
            }
        }
    }
}

pub(crate) fn print(results: &Results) {
    println!(
        "WORKER ok={} failed={} unavailable={} held={}",
        results.ok, results.failed, results.unavailable, results.held
    );
}

fn parse(stdout: &str) -> Option<Results> {
    let line = stdout.lines().find(|line| line.starts_with("WORKER "))?;
    let mut results = Results::default();
    for pair in line.split_whitespace().skip(1) {
        let (name, value) = pair.split_once('=')?;
        let value = value.parse().ok()?;
        match name {
            "ok" => results.ok = value,
            "failed" => results.failed = value,
            "unavailable" => results.unavailable = value,
            "held" => results.held = value,
            _ => return None,
        }
    }
    Some(results)
}
