//! Several worker processes of one Codat account keep Codat's limit of 10 requests in flight
//! per company together, through one Redis: each worker alone would send up to 10 per
//! company, so four of them would send 40.
//!
//! ```sh
//! # Offline: a local Codat stand-in, and a redis-server started on a free port.
//! cargo run -p codat-redis --example workers
//! # Your own Redis, and the real API with your companies:
//! REDIS_URL=redis://127.0.0.1:6379/ CODAT_API_KEY=... CODAT_COMPANY_IDS=id1,id2 \
//!   cargo run -p codat-redis --example workers
//! ```

use std::error::Error;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use codat_client::Codat;
use codat_redis::RedisLimiter;
use codat_test::{MockCodat, Reply};

const WORKERS: usize = 4;
const CALLS_PER_WORKER: usize = 120;
/// Calls each worker runs at once.
const CONCURRENCY: usize = 30;
const PREFIX: &str = "codat-example";

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--worker") {
        return worker(&args[2]).await;
    }

    let (redis_url, _redis) = match std::env::var("REDIS_URL") {
        Ok(url) => (url, None),
        Err(_) => {
            let redis = LocalRedis::start()?;
            println!(
                "no REDIS_URL: started redis-server on 127.0.0.1:{}",
                redis.port
            );
            (format!("redis://127.0.0.1:{}/", redis.port), Some(redis))
        }
    };
    let mut env = vec![("REDIS_URL", redis_url.clone())];
    let (companies, _mock) = match std::env::var("CODAT_API_KEY") {
        Ok(_) => {
            println!("CODAT_API_KEY is set: the workers call Codat's API");
            let ids = std::env::var("CODAT_COMPANY_IDS")
                .map_err(|_| "set CODAT_COMPANY_IDS to the companies to read")?;
            (ids.split(',').map(str::to_owned).collect::<Vec<_>>(), None)
        }
        Err(_) => {
            println!("no CODAT_API_KEY: the workers call a local Codat stand-in");
            let mock = MockCodat::start().await;
            mock.on("companies::get").reply_with(|call| {
                let id = call.path_value("company_id").unwrap_or_default();
                let company = serde_json::json!({
                    "id": id, "name": "Toft stores", "redirect": "https://link.codat.io",
                });
                Reply::ok(&company).delay(Duration::from_millis(20))
            });
            env.push(("CODAT_BASE_URL", mock.url()));
            env.push(("CODAT_API_KEY", codat_test::TEST_API_KEY.into()));
            let ids = ["acme", "globex", "initech"].map(String::from).to_vec();
            (ids, Some(mock))
        }
    };
    env.push(("CODAT_COMPANY_IDS", companies.join(",")));

    let started = Instant::now();
    let mut workers: Vec<Child> = (0..WORKERS)
        .map(|n| {
            Command::new(std::env::current_exe()?)
                .args(["--worker", &n.to_string()])
                .envs(env.iter().map(|(name, value)| (name, value)))
                .stdout(Stdio::inherit())
                .spawn()
        })
        .collect::<Result<_, _>>()?;

    // Watch the leases in Redis while the workers run.
    let watcher = RedisLimiter::builder(&redis_url).prefix(PREFIX).build()?;
    let mut most = 0;
    while workers
        .iter_mut()
        .any(|w| w.try_wait().ok().flatten().is_none())
    {
        for company in &companies {
            most = most.max(watcher.leased(company).await?);
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    for worker in &mut workers {
        if !worker.wait()?.success() {
            return Err("a worker failed".into());
        }
    }
    println!(
        "{WORKERS} workers x {CALLS_PER_WORKER} calls in {:.1?}: at most {most} requests in \
         flight per company across all of them",
        started.elapsed()
    );
    Ok(())
}

/// One worker: its calls spread over the companies, 30 at a time, kept within Codat's limits
/// by the limiter it shares with the others.
async fn worker(n: &str) -> Result<(), Box<dyn Error>> {
    let limiter = RedisLimiter::builder(&std::env::var("REDIS_URL")?)
        .prefix(PREFIX)
        .build()?;
    let mut builder = Codat::builder()
        .api_key(std::env::var("CODAT_API_KEY")?)
        .limiter(limiter);
    if let Ok(url) = std::env::var("CODAT_BASE_URL") {
        builder = builder.base_url(url);
    }
    let codat = builder.build()?;
    let companies: Vec<String> = std::env::var("CODAT_COMPANY_IDS")?
        .split(',')
        .map(str::to_owned)
        .collect();
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for lane in 0..CONCURRENCY {
        let (codat, companies) = (codat.clone(), companies.clone());
        tasks.spawn(async move {
            for call in (lane..CALLS_PER_WORKER).step_by(CONCURRENCY) {
                let company = &companies[call % companies.len()];
                codat.companies().get(company).await?;
            }
            Ok::<_, codat_client::Error>(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done??;
    }
    println!(
        "worker {n}: {CALLS_PER_WORKER} calls answered in {:.1?}",
        started.elapsed()
    );
    Ok(())
}

/// A `redis-server` on a free port of 127.0.0.1, stopped when dropped.
struct LocalRedis {
    child: Child,
    port: u16,
}

impl LocalRedis {
    fn start() -> Result<LocalRedis, Box<dyn Error>> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", ""])
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| {
                format!("redis-server did not start ({e}): install it (Debian: apt-get install redis-server) or set REDIS_URL")
            })?;
        let redis = LocalRedis { child, port };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(redis);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Err("redis-server did not listen within 2 s".into())
    }
}

impl Drop for LocalRedis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
