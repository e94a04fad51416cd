//! Codat's rate limits kept by the client, against a loopback server that counts requests in
//! flight per company, holds each a while, and answers as a script says.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use codat_client::limit::{AcquireFuture, Acquired, Ask, Limiter, Observed, Priority, Slot};
use codat_client::models::companies::ListCompaniesParams;
use codat_client::paging::PageParams;
use codat_client::{Codat, Error, RetryPolicy};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// What the server answers to the n-th request (from 0): status and extra headers.
type Script = dyn Fn(usize) -> (u16, Vec<(&'static str, String)>) + Send + Sync;

#[derive(Default)]
struct Counts {
    in_flight: HashMap<String, usize>,
    most: HashMap<String, usize>,
    /// Each request's arrival, its company ("" for none).
    arrivals: Vec<(Instant, String)>,
}

struct Server {
    url: String,
    counts: Arc<Mutex<Counts>>,
    served: Arc<AtomicUsize>,
}

impl Server {
    /// Holds each request `hold` before answering.
    async fn start(hold: Duration, script: Box<Script>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let counts = Arc::new(Mutex::new(Counts::default()));
        let served = Arc::new(AtomicUsize::new(0));
        let script: Arc<Script> = Arc::from(script);
        let (c, s) = (counts.clone(), served.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (counts, served, script) = (c.clone(), s.clone(), script.clone());
                tokio::spawn(async move {
                    let service = service_fn(move |request: Request<Incoming>| {
                        let (counts, served, script) =
                            (counts.clone(), served.clone(), script.clone());
                        async move {
                            let company = company_of(request.uri().path());
                            let n = served.fetch_add(1, Ordering::SeqCst);
                            {
                                let mut counts = counts.lock().unwrap();
                                counts.arrivals.push((Instant::now(), company.clone()));
                                let now = counts.in_flight.entry(company.clone()).or_default();
                                *now += 1;
                                let now = *now;
                                let most = counts.most.entry(company.clone()).or_default();
                                *most = (*most).max(now);
                            }
                            tokio::time::sleep(hold).await;
                            *counts.lock().unwrap().in_flight.get_mut(&company).unwrap() -= 1;
                            let (status, headers) = script(n);
                            let mut response = Response::builder()
                                .status(status)
                                .header("content-type", "application/json");
                            for (name, value) in headers {
                                response = response.header(name, value);
                            }
                            let body = if status == 200 {
                                company_json(&company)
                            } else {
                                error_json(status)
                            };
                            Ok::<_, Infallible>(
                                response.body(Full::new(Bytes::from(body))).unwrap(),
                            )
                        }
                    });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Server {
            url,
            counts,
            served,
        }
    }

    fn most_in_flight(&self, company: &str) -> usize {
        self.counts
            .lock()
            .unwrap()
            .most
            .get(company)
            .copied()
            .unwrap_or(0)
    }

    fn arrivals(&self) -> Vec<(Instant, String)> {
        self.counts.lock().unwrap().arrivals.clone()
    }
}

fn company_of(path: &str) -> String {
    path.strip_prefix("/companies/")
        .map(|rest| rest.split('/').next().unwrap_or_default().to_owned())
        .unwrap_or_default()
}

fn company_json(id: &str) -> String {
    if id.is_empty() {
        r#"{"results":[],"pageNumber":1,"pageSize":100,"totalResults":0,"_links":{}}"#.into()
    } else {
        format!(r#"{{"id":"{id}","name":"n","redirect":"https://link.codat.io"}}"#)
    }
}

fn error_json(status: u16) -> String {
    format!(r#"{{"statusCode":{status},"error":"refused","correlationId":"c-{status}"}}"#)
}

fn ok() -> Box<Script> {
    Box::new(|_| (200, Vec::new()))
}

fn client(server: &Server) -> codat_client::CodatBuilder {
    Codat::builder().api_key("k").base_url(&server.url)
}

async fn get_many(codat: &Codat, companies: &[&str], each: usize) -> Vec<Result<(), Error>> {
    let calls = companies.iter().flat_map(|company| {
        (0..each).map(move |_| async move { codat.companies().get(company).await.map(drop) })
    });
    futures_util::future::join_all(calls).await
}

#[tokio::test]
async fn at_most_ten_requests_per_company_are_in_flight_by_default() {
    let server = Server::start(Duration::from_millis(40), ok()).await;
    let codat = client(&server).build().unwrap();
    let results = get_many(&codat, &["c1", "c2", "c3"], 25).await;
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(server.served.load(Ordering::SeqCst), 75);
    for company in ["c1", "c2", "c3"] {
        assert_eq!(server.most_in_flight(company), 10, "{company}");
    }
}

#[tokio::test]
async fn the_cap_is_configurable_shared_by_clones_and_can_be_turned_off() {
    let server = Server::start(Duration::from_millis(40), ok()).await;
    let codat = client(&server).company_concurrency(3).build().unwrap();
    // A clone with other per-call settings counts against the same slots.
    let patient = codat.with_timeout(Duration::from_secs(20));
    let (a, b) = tokio::join!(get_many(&codat, &["c1"], 6), get_many(&patient, &["c1"], 6));
    assert!(a.iter().chain(&b).all(Result::is_ok));
    assert_eq!(server.most_in_flight("c1"), 3);

    let server = Server::start(Duration::from_millis(100), ok()).await;
    let free = client(&server).without_rate_limits().build().unwrap();
    let results = get_many(&free, &["c1"], 15).await;
    assert!(results.iter().all(Result::is_ok));
    assert!(
        server.most_in_flight("c1") > 10,
        "{}",
        server.most_in_flight("c1")
    );

    let err = client(&server).company_concurrency(0).build().unwrap_err();
    assert!(err.to_string().contains("at least 1"), "{err}");
}

#[tokio::test]
async fn calls_about_no_company_are_not_capped() {
    let server = Server::start(Duration::from_millis(100), ok()).await;
    let codat = client(&server).company_concurrency(2).build().unwrap();
    let lists = (0..8).map(|_| {
        let codat = codat.clone();
        async move {
            codat
                .companies()
                .list(PageParams::new(), ListCompaniesParams::new())
                .await
        }
    });
    let results = futures_util::future::join_all(lists).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert!(server.most_in_flight("") > 2);
}

#[tokio::test]
async fn after_a_429_no_call_of_the_client_is_sent_before_retry_after() {
    // The first request is refused for 1 s; every other is answered.
    let script: Box<Script> = Box::new(|n| match n {
        0 => (429, vec![("retry-after", "1".into())]),
        _ => (200, Vec::new()),
    });
    let server = Server::start(Duration::ZERO, script).await;
    let codat = client(&server).build().unwrap();
    let first = codat.companies().get("c1");
    let others = async {
        // Sent once the 429 has arrived.
        tokio::time::sleep(Duration::from_millis(200)).await;
        get_many(&codat, &["c2", "c3"], 3).await
    };
    let (first, others) = tokio::join!(first, others);
    first.unwrap();
    assert!(others.iter().all(Result::is_ok));
    let arrivals = server.arrivals();
    let refused_at = arrivals[0].0;
    for (at, company) in &arrivals[1..] {
        let after = at.duration_since(refused_at);
        assert!(
            after >= Duration::from_millis(950),
            "{company} sent {after:?} after the 429"
        );
    }
    assert_eq!(arrivals.len(), 8);
}

#[tokio::test]
async fn a_hold_longer_than_the_client_waits_fails_at_once_with_when_it_lifts() {
    let script: Box<Script> = Box::new(|n| match n {
        0 => (429, vec![("retry-after", "3600".into())]),
        _ => (200, Vec::new()),
    });
    let server = Server::start(Duration::ZERO, script).await;
    let codat = client(&server).build().unwrap();
    let started = Instant::now();
    let err = codat.companies().get("c1").await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5), "not slept on");
    let Error::RateLimited { wait, until, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(*wait > Duration::from_secs(3590), "{wait:?}");
    assert!(*until > std::time::SystemTime::now() + Duration::from_secs(3500));
    assert_eq!(err.retry_after(), Some(*wait));
    assert!(err.is_retryable());
    assert_eq!(err.call_context().unwrap().attempts, 1);
    let text = err.to_string();
    assert!(
        text.contains("get (GET /companies/<company_id>) not sent"),
        "{text}"
    );
    assert!(
        text.contains("rate limit holds calls for another"),
        "{text}"
    );

    // Every later call of the client fails the same way without sending, also a clone with
    // no total timeout: the hold is longer than the client waits, whatever the deadline.
    let err = codat.companies().get("c2").await.unwrap_err();
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    assert_eq!(err.call_context().unwrap().attempts, 0);
    let unbounded = codat.with_total_timeout(None);
    let started = Instant::now();
    let err = unbounded.companies().get("c3").await.unwrap_err();
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5), "not slept on");
    assert_eq!(server.served.load(Ordering::SeqCst), 1);

    // A client told to wait longer still gives up when its total timeout comes first.
    let server = Server::start(
        Duration::ZERO,
        Box::new(|n| match n {
            0 => (429, vec![("retry-after", "3600".into())]),
            _ => (200, Vec::new()),
        }),
    )
    .await;
    let patient = client(&server)
        .max_rate_limit_wait(Duration::from_secs(7200))
        .total_timeout(Some(Duration::from_millis(300)))
        .build()
        .unwrap();
    // The refused call ends with Codat's 429: its retry would outlast the total timeout.
    let err = patient.companies().get("c1").await.unwrap_err();
    assert_eq!(err.status(), Some(429), "{err:?}");
    // The next is not sent at all: the hold outlasts its total timeout.
    let started = Instant::now();
    let err = patient.companies().get("c2").await.unwrap_err();
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(250));
    assert_eq!(server.served.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_window_with_nothing_left_holds_calls_until_its_reset() {
    // The first answer says none are left for 1 s.
    let script: Box<Script> = Box::new(|n| match n {
        0 => (
            200,
            vec![
                ("x-rate-limit-limit", "100".into()),
                ("x-rate-limit-remaining", "0".into()),
                ("x-rate-limit-reset", "1".into()),
            ],
        ),
        _ => (200, Vec::new()),
    });
    let server = Server::start(Duration::ZERO, script).await;
    let codat = client(&server).build().unwrap();
    codat.companies().get("c1").await.unwrap();
    codat.companies().get("c2").await.unwrap();
    let arrivals = server.arrivals();
    let gap = arrivals[1].0.duration_since(arrivals[0].0);
    assert!(gap >= Duration::from_millis(900), "{gap:?}");
}

#[tokio::test]
async fn waiting_for_a_slot_ends_at_the_total_timeout() {
    let server = Server::start(Duration::from_millis(600), ok()).await;
    let codat = client(&server).company_concurrency(1).build().unwrap();
    let hurried = codat
        .with_total_timeout(Some(Duration::from_millis(150)))
        .with_retry_policy(RetryPolicy::disabled());
    let (slow, late) = tokio::join!(codat.companies().get("c1"), async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        hurried.companies().get("c1").await
    });
    slow.unwrap();
    let err = late.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(err.call_context().unwrap().attempts, 0);
    assert_eq!(
        server.served.load(Ordering::SeqCst),
        1,
        "the late call was never sent"
    );
}

/// One answer a limiter heard of: company, status, `Retry-After`.
type Heard = (Option<String>, u16, Option<Duration>);

/// A limiter of the application's own: counts what it is asked and told.
#[derive(Debug, Default)]
struct Counting {
    acquired: Mutex<Vec<Option<String>>>,
    /// The priority and attempt timeout of each request.
    asked: Mutex<Vec<(Priority, Duration)>>,
    observed: Mutex<Vec<Heard>>,
    released: Arc<AtomicUsize>,
}

struct Release(Arc<AtomicUsize>);

impl Drop for Release {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

impl Limiter for Counting {
    fn acquire<'a>(&'a self, ask: Ask<'a>) -> AcquireFuture<'a> {
        self.acquired
            .lock()
            .unwrap()
            .push(ask.company.map(str::to_owned));
        self.asked.lock().unwrap().push((ask.priority, ask.timeout));
        let release = Release(self.released.clone());
        Box::pin(async move { Acquired::Slot(Slot::custom(release)) })
    }

    fn observe(&self, answer: &Observed<'_>) {
        self.observed.lock().unwrap().push((
            answer.company.map(str::to_owned),
            answer.status,
            answer.retry_after,
        ));
    }
}

#[tokio::test]
async fn a_limiter_of_the_applications_own_hears_every_attempt() {
    let script: Box<Script> = Box::new(|n| match n {
        0 => (429, vec![("retry-after", "0".into())]),
        _ => (200, Vec::new()),
    });
    let server = Server::start(Duration::ZERO, script).await;
    let limiter = Arc::new(Counting::default());
    #[derive(Debug)]
    struct Shared(Arc<Counting>);
    impl Limiter for Shared {
        fn acquire<'a>(&'a self, ask: Ask<'a>) -> AcquireFuture<'a> {
            self.0.acquire(ask)
        }
        fn observe(&self, answer: &Observed<'_>) {
            self.0.observe(answer)
        }
    }
    let codat = client(&server)
        .limiter(Shared(limiter.clone()))
        .build()
        .unwrap();
    codat.companies().get("a%2Fb").await.unwrap();
    codat
        .with_priority(Priority::Low)
        .with_timeout(Duration::from_secs(7))
        .companies()
        .list(PageParams::new(), ListCompaniesParams::new())
        .await
        .unwrap();
    assert_eq!(
        *limiter.acquired.lock().unwrap(),
        [Some("a%252Fb".to_owned()), Some("a%252Fb".to_owned()), None]
    );
    let default = (Priority::Normal, codat_client::DEFAULT_TIMEOUT);
    assert_eq!(
        *limiter.asked.lock().unwrap(),
        [default, default, (Priority::Low, Duration::from_secs(7))]
    );
    let observed = limiter.observed.lock().unwrap().clone();
    assert_eq!(
        observed[0],
        (Some("a%252Fb".into()), 429, Some(Duration::ZERO))
    );
    assert_eq!(observed[1].1, 200);
    assert_eq!(observed.len(), 3);
    assert_eq!(
        limiter.released.load(Ordering::SeqCst),
        3,
        "every slot given back"
    );
}

/// A limiter whose shared store is down and which refuses calls then.
#[derive(Debug)]
struct Unreachable;

impl Limiter for Unreachable {
    fn acquire<'a>(&'a self, _ask: Ask<'a>) -> AcquireFuture<'a> {
        Box::pin(async {
            Acquired::Unavailable("store at 127.0.0.1:1 refused the connection".into())
        })
    }
    fn observe(&self, _answer: &Observed<'_>) {}
}

#[tokio::test]
async fn a_limiter_that_cannot_tell_fails_the_call_before_sending() {
    let script: Box<Script> = Box::new(|_| (200, Vec::new()));
    let server = Server::start(Duration::ZERO, script).await;
    let codat = client(&server).limiter(Unreachable).build().unwrap();
    let error = codat.companies().get("acme").await.unwrap_err();
    let Error::LimiterUnavailable { source, call } = &error else {
        panic!("expected LimiterUnavailable, got {error:?}");
    };
    assert!(source.to_string().contains("refused the connection"));
    assert_eq!(call.as_ref().map(|call| call.attempts), Some(0));
    assert!(error.is_retryable(), "the store may come back");
    let message = error.to_string();
    assert!(
        message.contains("not sent: the rate limiter is unavailable: store at 127.0.0.1:1"),
        "{message}"
    );
    assert_eq!(server.served.load(Ordering::SeqCst), 0, "nothing was sent");
}
