//! codat-redis against a real `redis-server` and a Codat stand-in on loopback that keeps
//! Codat's limits, with workers as real processes.

mod support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use codat_client::limit::{Limiter, Observed, Priority};
use codat_client::webhooks::{SeenStore, Webhook, SEEN_TTL};
use codat_client::{Codat, Error, RateLimit};
use codat_redis::{OnUnavailable, RedisLimiter, RedisLimiterBuilder, RedisSeen};
use support::codat::{Codat as Stand, Rules};
use support::receiver::{self, Replica};
use support::redis::{prefix, redis, RedisServer};
use support::worker::{print, Results, Work};

/// Not a test: the body of a worker process (see `support::worker`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run as a worker process by the tests that start workers"]
async fn worker_process() {
    let work = Work::from_env().expect("started by a test, with CODAT_WORKER_* set");
    print(&work.work().await);
}

/// Not a test: the body of a webhook receiver replica (see `support::receiver`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run as a receiver process by the webhook tests"]
async fn receiver_process() {
    support::receiver::serve_from_env().await;
}

fn companies() -> Vec<String> {
    ["acme", "globex", "initech"].map(String::from).to_vec()
}

/// `n` workers of `calls` each, all with `work`'s settings.
async fn run_workers(n: usize, work: &Work) -> Vec<Results> {
    let runs = (0..n).map(|id| {
        let work = Work { id, ..work.clone() };
        tokio::spawn(async move { work.run().await })
    });
    let mut results = Vec::new();
    for run in runs.collect::<Vec<_>>() {
        results.push(run.await.unwrap());
    }
    results
}

/// Every call of every worker was answered exactly once.
fn each_call_answered_once(stand: &Stand, workers: usize, calls: usize) {
    stand.seen(|seen| {
        for id in 0..workers {
            for n in 0..calls {
                let count = seen.answered.get(&format!("{id}-{n}")).copied();
                assert_eq!(count, Some(1), "call {id}-{n} answered {count:?} times");
            }
        }
        assert_eq!(
            seen.answered.len(),
            workers * calls,
            "no call beyond those made"
        );
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_worker_processes_share_ten_slots_per_company() {
    let Some(redis) = redis() else { return };
    const WORKERS: usize = 8;
    const CALLS: usize = 500;
    let work = Work {
        redis_url: Some(redis.url.clone()),
        prefix: prefix("eight"),
        companies: companies(),
        calls: CALLS,
        concurrency: 16,
        timeout_ms: 10_000,
        lease_margin_ms: 5_000,
        ..Work::default()
    };

    let stand = Stand::start(Rules::default()).await;
    let shared = Work {
        base_url: stand.url.clone(),
        ..work.clone()
    };
    let started = Instant::now();
    let results = run_workers(WORKERS, &shared).await;
    let took = started.elapsed();
    for results in &results {
        assert_eq!(results.ok, CALLS, "{results:?}");
        assert_eq!(results.failed, 0, "{results:?}");
    }
    assert_eq!(stand.seen(|seen| seen.refused), 0, "no request refused");
    for company in companies() {
        let most = stand.seen(|seen| seen.most.get(&company).copied());
        assert!(
            most.is_some_and(|most| most <= 10),
            "{company}: {most:?} in flight"
        );
    }
    // Ten at a time per company were in fact reached: the workers were not serialised.
    assert_eq!(stand.most_in_flight(), 10);
    each_call_answered_once(&stand, WORKERS, CALLS);

    // The same workers with only their own limits: each keeps 10 per company, together 80.
    let alone = Stand::start(Rules::default()).await;
    let own = Work {
        base_url: alone.url.clone(),
        redis_url: None,
        ..work
    };
    let started_alone = Instant::now();
    let results = run_workers(WORKERS, &own).await;
    let took_alone = started_alone.elapsed();
    let refused = alone.seen(|seen| seen.refused);
    let failed: usize = results.iter().map(|r| r.failed).sum();
    eprintln!(
        "{WORKERS} workers x {CALLS} calls over 3 companies: with codat-redis 0 refused in \
         {took:.1?}, most in flight {}; without it {refused} refused ({failed} calls failed \
         after their retries) in {took_alone:.1?}",
        stand.most_in_flight(),
    );
    assert!(refused > 0, "without shared limits Codat refuses some");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_seen_by_one_worker_holds_every_worker_until_it_lifts() {
    let Some(redis) = redis() else { return };
    const WORKERS: usize = 4;
    const CALLS: usize = 300;
    let stand = Stand::start(Rules {
        refuse: Some((150, 1)),
        ..Rules::default()
    })
    .await;
    let work = Work {
        base_url: stand.url.clone(),
        redis_url: Some(redis.url.clone()),
        prefix: prefix("held"),
        companies: companies(),
        calls: CALLS,
        concurrency: 8,
        timeout_ms: 10_000,
        lease_margin_ms: 5_000,
        ..Work::default()
    };
    let results = run_workers(WORKERS, &work).await;
    for results in &results {
        assert_eq!(results.ok, CALLS, "{results:?}");
    }
    let (refused_at, arrivals) =
        stand.seen(|seen| (seen.refused_at.unwrap(), seen.arrivals.clone()));
    // Requests already on their way when the 429 was sent may still arrive just after it.
    let grace = Duration::from_millis(100);
    let lifts = refused_at + Duration::from_secs(1);
    let during: Vec<_> = arrivals
        .iter()
        .filter(|(at, _)| *at > refused_at + grace && *at < lifts)
        .collect();
    assert!(
        during.is_empty(),
        "{} requests sent while held",
        during.len()
    );
    assert!(
        arrivals.iter().any(|(at, _)| *at >= lifts),
        "the workers went on after the hold"
    );
    each_call_answered_once(&stand, WORKERS, CALLS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_holding_slots_gives_them_back_within_the_lease() {
    let Some(redis) = redis() else { return };
    let stand = Stand::start(Rules::default()).await;
    let prefix = prefix("killed");
    // Its requests hang until its 1 s timeout; leases last 0.5 s more.
    let stuck = Work {
        base_url: stand.url.clone(),
        redis_url: Some(redis.url.clone()),
        prefix: prefix.clone(),
        companies: vec!["acme".into()],
        calls: 10,
        concurrency: 10,
        timeout_ms: 1_000,
        lease_margin_ms: 500,
        hang: true,
        ..Work::default()
    };
    let mut worker = stuck.command().spawn().unwrap();
    let started = Instant::now();
    while stand.seen(|seen| seen.hanging.get("acme").copied()) != Some(10) {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the worker took its slots"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    worker.kill().await.unwrap(); // SIGKILL: nothing is given back on the way out.
    let killed = Instant::now();

    let limiter = limiter(&redis.url, &prefix);
    assert_eq!(limiter.leased("acme").await.unwrap(), 10);
    let codat = Codat::builder()
        .api_key("k")
        .base_url(&stand.url)
        .limiter(limiter.clone())
        .build()
        .unwrap();
    let early = codat
        .with_total_timeout(Some(Duration::from_millis(300)))
        .companies()
        .get("acme")
        .await;
    assert!(
        matches!(early, Err(Error::Timeout { .. })),
        "no slot while the dead worker's leases last: {early:?}"
    );
    codat.companies().get("acme").await.unwrap();
    let waited = killed.elapsed();
    // The leases were taken before the kill and last 1.5 s (1 s timeout + 0.5 s margin).
    assert!(
        waited < Duration::from_millis(2_500),
        "slots came back after {waited:?}"
    );
    assert!(stand.seen(|seen| seen.refused) == 0);
}

/// What a run through an outage of Redis showed.
#[derive(Debug)]
struct Outage {
    stand: Stand,
    results: Vec<Results>,
    stopped: Instant,
    restarted: Instant,
    /// Whether a lease was seen in the restarted Redis while the workers ran.
    leased_after: bool,
}

impl Outage {
    /// Requests that arrived while Redis was down, but for those already on their way (the
    /// first 100 ms) when it stopped.
    fn sent_while_down(&self) -> usize {
        let (from, to) = (self.stopped + Duration::from_millis(100), self.restarted);
        self.stand.seen(|seen| {
            seen.arrivals
                .iter()
                .filter(|(at, _)| *at > from && *at < to)
                .count()
        })
    }

    /// Tries the workers' limiters refused.
    fn unavailable(&self) -> usize {
        self.results.iter().map(|r| r.unavailable).sum()
    }
}

/// Runs 3 workers while their Redis is stopped and started again on the same port.
async fn through_an_outage(fail_closed: bool) -> Outage {
    const WORKERS: usize = 3;
    const CALLS: usize = 600;
    let mut server = RedisServer::start().expect("redis-server, checked by the caller");
    let (port, url) = (server.port, server.url());
    let stand = Stand::start(Rules {
        delay_ms: (30, 50),
        ..Rules::default()
    })
    .await;
    let work = Work {
        base_url: stand.url.clone(),
        redis_url: Some(url.clone()),
        prefix: prefix("outage"),
        companies: companies(),
        calls: CALLS,
        concurrency: 10,
        timeout_ms: 10_000,
        lease_margin_ms: 5_000,
        fail_closed,
        ..Work::default()
    };
    let watcher = limiter(&url, &work.prefix);
    let workers = tokio::spawn({
        let work = work.clone();
        async move { run_workers(WORKERS, &work).await }
    });
    let started = Instant::now();
    while stand.seen(|seen| seen.arrivals.len()) < WORKERS * CALLS / 5 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the workers got going"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.stop();
    let stopped = Instant::now();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let restarted = Instant::now();
    let _server = RedisServer::start_on(port).expect("started again");
    let mut leased_after = false;
    while !workers.is_finished() {
        assert!(
            restarted.elapsed() < Duration::from_secs(120),
            "the workers finished"
        );
        for company in companies() {
            leased_after |= watcher.leased(&company).await.unwrap_or(0) > 0;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let results = workers.await.unwrap();
    for results in &results {
        assert_eq!(results.ok, CALLS, "{results:?}");
        assert_eq!(results.failed, 0, "{results:?}");
    }
    each_call_answered_once(&stand, WORKERS, CALLS);
    Outage {
        stand,
        results,
        stopped,
        restarted,
        leased_after,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_stopped_mid_run_fails_open_by_default_and_is_used_again_when_back() {
    if redis().is_none() {
        return;
    }
    let outage = through_an_outage(false).await;
    assert!(
        outage.sent_while_down() > 0,
        "calls went on with each worker's own limits"
    );
    assert_eq!(outage.unavailable(), 0);
    assert!(
        outage.leased_after,
        "slots were leased in Redis again once it was back"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_stopped_mid_run_with_fail_closed_sends_nothing_until_it_is_back() {
    if redis().is_none() {
        return;
    }
    let outage = through_an_outage(true).await;
    assert_eq!(
        outage.sent_while_down(),
        0,
        "nothing sent while Redis was down"
    );
    assert!(outage.unavailable() > 0);
    assert!(
        outage.leased_after,
        "slots were leased in Redis again once it was back"
    );
    assert_eq!(outage.stand.seen(|seen| seen.refused), 0);
}

/// Two limiters on one Redis and prefix, as two workers would have, set up by `set`.
fn two_workers(
    url: &str,
    prefix: &str,
    set: impl Fn(RedisLimiterBuilder) -> RedisLimiterBuilder,
) -> (RedisLimiter, RedisLimiter) {
    let build = || {
        set(RedisLimiter::builder(url).prefix(prefix))
            .build()
            .unwrap()
    };
    (build(), build())
}

/// A limiter on `url` with `prefix` and the defaults.
fn limiter(url: &str, prefix: &str) -> RedisLimiter {
    RedisLimiter::builder(url).prefix(prefix).build().unwrap()
}

/// A client on `stand` sharing `limiter`.
fn client(stand: &Stand, limiter: &RedisLimiter) -> Codat {
    Codat::builder()
        .api_key("k")
        .base_url(&stand.url)
        .limiter(limiter.clone())
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_arriving_while_another_keeps_every_slot_busy_is_served_in_turn() {
    let Some(redis) = redis() else { return };
    let stand = Stand::start(Rules {
        delay_ms: (5, 10),
        ..Rules::default()
    })
    .await;
    let prefix = prefix("fair");
    let (greedy, latecomer) = two_workers(&redis.url, &prefix, |b| b);
    let greedy = client(&stand, &greedy);
    // Ten tasks that ask again the moment they are answered, until the latecomer is done.
    let done = Arc::new(AtomicBool::new(false));
    let hogs: Vec<_> = (0..10)
        .map(|_| {
            let (greedy, done) = (greedy.clone(), done.clone());
            tokio::spawn(async move {
                let mut calls = 0_u32;
                while !done.load(Ordering::Relaxed) {
                    greedy.companies().get("acme").await.unwrap();
                    calls += 1;
                }
                calls
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let latecomer = client(&stand, &latecomer);
    let mut waits = Vec::new();
    for _ in 0..5 {
        let asked = Instant::now();
        latecomer.companies().get("acme").await.unwrap();
        waits.push(asked.elapsed());
    }
    done.store(true, Ordering::Relaxed);
    for hog in hogs {
        // Each hog kept asking while the latecomer waited.
        assert!(hog.await.unwrap() >= 3);
    }
    let longest = waits.iter().max().unwrap();
    // First come, first served: at most one round of the ten requests ahead of it.
    assert!(*longest < Duration::from_millis(500), "waited {waits:?}");
    assert!(stand.most_in_flight() <= 10);
    assert_eq!(stand.seen(|seen| seen.refused), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_that_gives_up_waiting_leaves_the_line() {
    let Some(redis) = redis() else { return };
    let stand = Stand::start(Rules::default()).await;
    let prefix = prefix("leave");
    let (holder, waiter) = two_workers(&redis.url, &prefix, |b| b.per_company(1));
    // The holder's one slot is taken by a hanging request.
    let hanging = client(&stand, &holder).with_header("X-Hang", "1").unwrap();
    let held = tokio::spawn(async move { hanging.companies().get("acme").await });
    let started = Instant::now();
    while holder.leased("acme").await.unwrap() != 1 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the slot was leased"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let result = client(&stand, &waiter)
        .with_total_timeout(Some(Duration::from_millis(200)))
        .companies()
        .get("acme")
        .await;
    assert!(matches!(result, Err(Error::Timeout { .. })), "{result:?}");
    let mut conn = redis::Client::open(redis.url.as_str())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let queue = format!("{prefix}:queue:acme");
    let started = Instant::now();
    loop {
        let waiting: usize = redis::cmd("ZCARD")
            .arg(&queue)
            .query_async(&mut conn)
            .await
            .unwrap();
        if waiting == 0 {
            break;
        }
        // Well before its place would lapse on its own (about 1.6 s).
        assert!(
            started.elapsed() < Duration::from_millis(300),
            "still in line"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    held.abort();
}

/// An answer heard by a limiter, as the client reports it.
fn heard(status: u16, retry_after: Option<Duration>, rate: Option<&RateLimit>) -> Observed<'_> {
    let mut observed = Observed::new(Some("acme"), status, Instant::now());
    observed.retry_after = retry_after;
    observed.rate_limit = rate;
    observed
}

/// Waits until `limiter`'s shared hold is set (it is written in the background).
async fn shared_hold(limiter: &RedisLimiter) -> Option<Duration> {
    for _ in 0..200 {
        if let Some(held) = limiter.held_for().await.unwrap() {
            return Some(held);
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn holds_heard_by_one_limiter_hold_another_and_are_bounded() {
    let Some(redis) = redis() else { return };
    let prefix = prefix("holds");
    let (one, other) = two_workers(&redis.url, &prefix, |b| {
        b.breaker_jitter(Duration::from_millis(100))
    });
    let stand = Stand::start(Rules::default()).await;
    // Only a 429's Retry-After holds; a 503's does not.
    one.observe(&heard(503, Some(Duration::from_secs(30)), None));
    client(&stand, &other)
        .companies()
        .get("acme")
        .await
        .unwrap();
    assert_eq!(other.held_for().await.unwrap(), None);

    one.observe(&heard(429, Some(Duration::from_secs(2)), None));
    let held = shared_hold(&other).await.expect("the hold reached Redis");
    assert!(held <= Duration::from_secs(2) && held > Duration::from_millis(1_500));
    let error = client(&stand, &other)
        .with_retry_policy(
            codat_client::RetryPolicy::default().max_interval(Duration::from_secs(1)),
        )
        .companies()
        .get("acme")
        .await
        .unwrap_err();
    let Error::RateLimited { wait, .. } = error else {
        panic!("{error:?}")
    };
    // The hold left in Redis, and at most the jitter more.
    assert!(
        wait <= Duration::from_millis(2_100) && wait > Duration::from_millis(1_400),
        "{wait:?}"
    );

    // A shorter hint does not shorten it; a huge one is kept as a week.
    one.observe(&heard(429, Some(Duration::from_millis(10)), None));
    one.observe(&heard(429, Some(Duration::MAX), None));
    tokio::time::sleep(Duration::from_millis(50)).await;
    let held = other.held_for().await.unwrap().unwrap();
    assert!(held > Duration::from_secs(6 * 86_400) && held <= Duration::from_secs(7 * 86_400));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quota_spent_until_a_reset_holds_everyone_and_a_past_reset_holds_no_one() {
    let Some(redis) = redis() else { return };
    let prefix = prefix("spent");
    let (one, other) = two_workers(&redis.url, &prefix, |b| b);
    let mut past = RateLimit::default();
    past.remaining = Some(0);
    past.reset = Some("1".into());
    past.resets_at = Some(std::time::UNIX_EPOCH + Duration::from_secs(1));
    one.observe(&heard(200, None, Some(&past)));
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(
        other.held_for().await.unwrap(),
        None,
        "a reset in the past holds nothing"
    );

    let mut spent = past.clone();
    spent.resets_at = Some(std::time::SystemTime::now() + Duration::from_secs(60));
    one.observe(&heard(200, None, Some(&spent)));
    let held = shared_hold(&other).await.expect("held until the reset");
    assert!(held > Duration::from_secs(58) && held <= Duration::from_secs(60));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn low_priority_calls_stop_at_the_reserve_and_the_others_go_on() {
    let Some(redis) = redis() else { return };
    let stand = Stand::start(Rules {
        daily: 30,
        ..Rules::default()
    })
    .await;
    let prefix = prefix("reserve");
    let (busy, nightly) = two_workers(&redis.url, &prefix, |b| b.reserve(20));
    let codat = client(&stand, &busy);
    let background = client(&stand, &nightly).with_priority(Priority::Low);
    // 25 remaining: above the reserve.
    for _ in 0..5 {
        codat.companies().get("acme").await.unwrap();
    }
    background.companies().get("acme").await.unwrap();
    // 19 remaining, seen by the busy worker only.
    for _ in 0..5 {
        codat.companies().get("acme").await.unwrap();
    }
    let mut kept = None;
    for _ in 0..200 {
        kept = busy.quota().await.unwrap();
        if kept.is_some_and(|(remaining, _)| remaining == 19) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(kept.map(|(remaining, _)| remaining), Some(19));
    let error = background.companies().get("acme").await.unwrap_err();
    let Error::RateLimited { wait, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(
        *wait <= Duration::from_secs(86_400),
        "until the quota resets: {wait:?}"
    );
    // Calls of normal priority, from either worker, still go.
    client(&stand, &nightly)
        .companies()
        .get("acme")
        .await
        .unwrap();
    codat.companies().get("acme").await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fail_closed_refuses_calls_while_redis_is_down_and_not_after() {
    let Some(mut server) = RedisServer::start() else {
        return;
    };
    let stand = Stand::start(Rules::default()).await;
    let limiter = RedisLimiter::builder(&server.url())
        .prefix(prefix("closed"))
        .on_unavailable(OnUnavailable::FailClosed)
        .redis_timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let codat = client(&stand, &limiter);
    codat.companies().get("acme").await.unwrap();
    let port = server.port;
    server.stop();
    let error = codat.companies().get("acme").await.unwrap_err();
    assert!(
        matches!(error, Error::LimiterUnavailable { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("Redis is unreachable"), "{message}");
    assert!(
        !message.contains(&port.to_string()),
        "no address in {message}"
    );
    let _server = RedisServer::start_on(port).unwrap();
    let started = Instant::now();
    while codat.companies().get("acme").await.is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "picked up again"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(stand.seen(|seen| seen.answered_total()), 2);
}

/// A signed delivery of `id`: its headers.
fn delivery(id: &str, body: &[u8]) -> Vec<(&'static str, String)> {
    let webhook = Webhook::new(receiver::SECRET).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    vec![
        ("webhook-id", id.to_owned()),
        ("webhook-timestamp", now.to_string()),
        ("webhook-signature", webhook.sign(id, now, body)),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_receiver_replicas_handle_each_delivery_once() {
    let Some(redis) = redis() else { return };
    let prefix = prefix("replicas");
    let mut replicas = Vec::new();
    for _ in 0..3 {
        replicas.push(std::sync::Arc::new(
            Replica::start(&redis.url, &prefix).await,
        ));
    }
    let body = br#"{"eventType":"client.rateLimit.reset","payload":{"quotaRemaining":12000}}"#;
    for id in ["msg_1", "msg_2"] {
        let headers = delivery(id, body);
        // Four copies to each replica, all at once.
        let sends: Vec<_> = (0..12)
            .map(|n| {
                let (replica, headers) = (replicas[n % 3].clone(), headers.clone());
                tokio::spawn(async move { replica.deliver(&headers, body).await })
            })
            .collect();
        let mut statuses = Vec::new();
        for send in sends {
            statuses.push(send.await.unwrap());
        }
        statuses.sort_unstable();
        let mut expected = vec![200; 11];
        expected.push(204);
        assert_eq!(
            statuses, expected,
            "{id}: handled once, the other copies acknowledged"
        );
    }
    // A forged copy is refused, and records nothing.
    let mut forged = delivery("msg_3", body);
    forged[2].1 = Webhook::new("whsec_b3RoZXIgc2VjcmV0")
        .unwrap()
        .sign("msg_3", 1, body);
    assert_eq!(replicas[0].deliver(&forged, body).await, 401);
    assert_eq!(
        replicas[1].deliver(&delivery("msg_3", body), body).await,
        204
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seen_store_keeps_ids_for_their_ttl_and_forgets_on_request() {
    let Some(redis) = redis() else { return };
    let store = RedisSeen::open(&redis.url).unwrap().prefix(prefix("seen"));
    assert!(store
        .first_sighting("a", Duration::from_millis(300))
        .await
        .unwrap());
    assert!(!store
        .first_sighting("a", Duration::from_millis(300))
        .await
        .unwrap());
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(store
        .first_sighting("a", Duration::from_millis(300))
        .await
        .unwrap());
    store.forget("a").await.unwrap();
    assert!(store.first_sighting("a", SEEN_TTL).await.unwrap());
    // No time at all keeps nothing; a huge ttl is kept as a year.
    assert!(store.first_sighting("b", Duration::ZERO).await.unwrap());
    assert!(store.first_sighting("b", Duration::ZERO).await.unwrap());
    assert!(store.first_sighting("c", Duration::MAX).await.unwrap());
    assert!(!store.first_sighting("c", Duration::MAX).await.unwrap());
    // Hostile ids are one key each.
    for id in ["../x", "a:b", "a b\r\n", ""] {
        assert!(store.first_sighting(id, SEEN_TTL).await.unwrap(), "{id:?}");
        assert!(!store.first_sighting(id, SEEN_TTL).await.unwrap(), "{id:?}");
    }
    assert!(!format!("{store:?}").contains("127.0.0.1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seen_store_without_redis_makes_the_receiver_answer_so_codat_tries_again() {
    let Some(mut server) = RedisServer::start() else {
        return;
    };
    let store = RedisSeen::open(&server.url()).unwrap();
    server.stop();
    let error = store.first_sighting("a", SEEN_TTL).await.unwrap_err();
    let message = error.to_string();
    assert!(message.contains("Redis is unreachable"), "{message}");
    assert!(!message.contains(&server.port.to_string()), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_workers_example_keeps_ten_per_company_offline() {
    let Some(redis) = redis() else { return };
    // Cargo builds the package's examples beside its test binaries.
    let deps = std::env::current_exe().unwrap();
    let example = deps
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples/workers");
    let output = tokio::process::Command::new(&example)
        .env("REDIS_URL", &redis.url)
        .env_remove("CODAT_API_KEY")
        .output()
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", example.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("a local Codat stand-in"), "{stdout}");
    let most: usize = stdout
        .split("at most ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!((1..=10).contains(&most), "{stdout}");
    assert_eq!(stdout.matches("120 calls answered").count(), 4, "{stdout}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quota_kept_is_the_lowest_reading_of_the_latest_window() {
    let Some(redis) = redis() else { return };
    let prefix = prefix("quota");
    // Each limiter shares its first reading at once (later ones at most once a second).
    let fresh = || limiter(&redis.url, &prefix);
    let reading = |remaining: u64, resets_in: Duration| {
        let mut rate = RateLimit::default();
        rate.remaining = Some(remaining);
        rate.resets_at = Some(std::time::SystemTime::now() + resets_in);
        rate
    };
    let kept = |expected: u64| {
        let watcher = fresh();
        async move {
            for _ in 0..200 {
                if let Some((remaining, _)) = watcher.quota().await.unwrap()
                    && remaining == expected
                {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            panic!(
                "the quota kept never became {expected}: {:?}",
                watcher.quota().await
            );
        }
    };
    let today = Duration::from_secs(3_600);
    fresh().observe(&heard(200, None, Some(&reading(500, today))));
    kept(500).await;
    // An older answer of the same window, arriving late, does not raise it.
    fresh().observe(&heard(200, None, Some(&reading(600, today))));
    tokio::time::sleep(Duration::from_millis(50)).await;
    kept(500).await;
    fresh().observe(&heard(200, None, Some(&reading(450, today))));
    kept(450).await;
    // The next window replaces it; a late reading of the old one does not come back.
    let tomorrow = today + Duration::from_secs(86_400);
    fresh().observe(&heard(200, None, Some(&reading(10_000, tomorrow))));
    kept(10_000).await;
    fresh().observe(&heard(200, None, Some(&reading(10, today))));
    tokio::time::sleep(Duration::from_millis(50)).await;
    kept(10_000).await;
    // Nothing is kept of a window already over.
    let other = prefix.clone() + "-past";
    let past = limiter(&redis.url, &other);
    let mut over = reading(5, Duration::ZERO);
    over.resets_at = Some(std::time::SystemTime::now() - Duration::from_secs(5));
    past.observe(&heard(200, None, Some(&over)));
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(past.quota().await.unwrap(), None);
}

/// What a `tracing` subscriber wrote.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

// One thread: every task logs through the subscriber set on it.
#[tokio::test(flavor = "current_thread")]
async fn failing_open_warns_once_and_says_when_redis_is_back() {
    let Some(mut server) = RedisServer::start() else {
        return;
    };
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let stand = Stand::start(Rules::default()).await;
    let password_free = server.url();
    let codat = client(&stand, &limiter(&password_free, &prefix("warned")));
    let port = server.port;
    server.stop();
    for _ in 0..3 {
        codat.companies().get("acme").await.unwrap();
        // Past the pause after a failure, so that Redis is tried again each time.
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let warned = "Redis is unreachable: going on with this process's own rate limits";
    assert_eq!(log.matches(warned).count(), 1, "{log}");
    assert!(log.contains("WARN") && log.contains("connection"), "{log}");
    assert!(!log.contains(&port.to_string()), "no address: {log}");
    let _server = RedisServer::start_on(port).unwrap();
    let started = Instant::now();
    loop {
        codat.companies().get("acme").await.unwrap();
        let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        if log.contains("Redis answers again") {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "{log}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        stand.seen(|seen| seen.answered_total()),
        stand.seen(|seen| seen.arrivals.len()) as u64
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_dropped_while_redis_grants_its_lease_gives_the_lease_back() {
    // A Redis of its own: this test keeps it busy, and other tests' workers would fail open.
    let Some(server) = RedisServer::start() else {
        return;
    };
    let url = server.url();
    let stand = Stand::start(Rules::default()).await;
    let limiter = limiter(&url, &prefix("dropped"));
    let codat = client(&stand, &limiter);
    // The lease script is loaded: the next ask is one EVALSHA.
    codat.companies().get("acme").await.unwrap();
    // Redis busy for 600 ms: the next ask waits in its queue, and is granted after the call
    // has given up.
    let busy = tokio::spawn({
        let url = url.clone();
        async move {
            let mut conn = redis::Client::open(url.as_str())
                .unwrap()
                .get_multiplexed_async_connection()
                .await
                .unwrap();
            let spin = "local t = redis.call('TIME') local start = t[1] * 1000000 + t[2] \
                        repeat t = redis.call('TIME') until t[1] * 1000000 + t[2] - start > 600000 \
                        return 1";
            // This connection may stop waiting first; the script runs on regardless.
            let _: Result<i64, _> = redis::cmd("EVAL")
                .arg(spin)
                .arg(0)
                .query_async(&mut conn)
                .await;
        }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let result = codat
        .with_total_timeout(Some(Duration::from_millis(200)))
        .companies()
        .get("acme")
        .await;
    assert!(matches!(result, Err(Error::Timeout { .. })), "{result:?}");
    busy.await.unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let started = Instant::now();
    while limiter.leased("acme").await.unwrap() != 0 {
        // The lease itself would last 65 s.
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "a slot held by nobody"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    codat.companies().get("acme").await.unwrap();
}
