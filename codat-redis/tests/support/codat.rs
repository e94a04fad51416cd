//! A Codat stand-in on 127.0.0.1 that keeps Codat's limits as Codat does: a request about a
//! company beyond 10 in flight is refused with 429, and every answer carries the daily
//! quota's `X-Rate-Limit-*` headers. It answers `GET /companies/{id}` and counts what it saw.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// How the stand-in behaves.
#[derive(Debug, Clone)]
pub(crate) struct Rules {
    /// Requests in flight per company before it refuses with 429.
    pub(crate) cap: usize,
    /// The daily quota.
    pub(crate) daily: u64,
    /// Each answer takes between these many milliseconds.
    pub(crate) delay_ms: (u64, u64),
    /// Answers the n-th request (from 0) with 429 and `Retry-After` of this many seconds.
    pub(crate) refuse: Option<(u64, u64)>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            cap: 10,
            daily: 1_000_000,
            delay_ms: (2, 8),
            refuse: None,
        }
    }
}

/// What the stand-in saw.
#[derive(Debug, Default)]
pub(crate) struct Seen {
    in_flight: HashMap<String, usize>,
    /// The most requests in flight per company at once.
    pub(crate) most: HashMap<String, usize>,
    /// Requests refused for being beyond the cap.
    pub(crate) refused: usize,
    /// Successful answers per `X-Call-Id`.
    pub(crate) answered: HashMap<String, usize>,
    /// When each request arrived, and about which company.
    pub(crate) arrivals: Vec<(Instant, String)>,
    /// When the scripted 429 was sent.
    pub(crate) refused_at: Option<Instant>,
    /// Requests held unanswered (`X-Hang`), per company.
    pub(crate) hanging: HashMap<String, usize>,
    answered_total: u64,
}

impl Seen {
    /// Successful answers in all.
    pub(crate) fn answered_total(&self) -> u64 {
        self.answered_total
    }
}

#[derive(Debug)]
pub(crate) struct Codat {
    pub(crate) url: String,
    seen: Arc<Mutex<Seen>>,
}

impl Codat {
    pub(crate) async fn start(rules: Rules) -> Codat {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Seen::default()));
        let state = Arc::new((rules, seen.clone(), AtomicU64::new(0)));
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = state.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request: Request<Incoming>| {
                        let state = state.clone();
                        async move {
                            let (rules, seen, served) = &*state;
                            Ok::<_, Infallible>(answer(rules, seen, served, request).await)
                        }
                    });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Codat { url, seen }
    }

    /// What was seen so far.
    pub(crate) fn seen<T>(&self, read: impl FnOnce(&Seen) -> T) -> T {
        read(&self.seen.lock().unwrap())
    }

    pub(crate) fn most_in_flight(&self) -> usize {
        self.seen(|seen| seen.most.values().copied().max().unwrap_or(0))
    }
}

/// Gives a company's place back however the request ends (a dropped connection included).
struct InFlight<'a>(&'a Mutex<Seen>, String);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        let mut seen = self.0.lock().unwrap();
        *seen.in_flight.get_mut(&self.1).unwrap() -= 1;
    }
}

async fn answer(
    rules: &Rules,
    seen: &Mutex<Seen>,
    served: &AtomicU64,
    request: Request<Incoming>,
) -> Response<Full<Bytes>> {
    let company = request
        .uri()
        .path()
        .strip_prefix("/companies/")
        .map(|rest| rest.split('/').next().unwrap_or_default().to_owned())
        .unwrap_or_default();
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let call = header("x-call-id").unwrap_or_default();
    if header("x-hang").is_some() {
        *seen.lock().unwrap().hanging.entry(company).or_default() += 1;
        tokio::time::sleep(Duration::from_secs(3600)).await;
        return respond(500, Vec::new(), String::new());
    }
    let n = served.fetch_add(1, Ordering::SeqCst);
    let guard = {
        let state = seen;
        let mut seen = seen.lock().unwrap();
        seen.arrivals.push((Instant::now(), company.clone()));
        if let Some((at, retry_after)) = rules.refuse
            && at == n
        {
            seen.refused_at = Some(Instant::now());
            let headers = vec![("retry-after", retry_after.to_string())];
            return respond(429, headers, error_json(429));
        }
        let now = seen.in_flight.entry(company.clone()).or_default();
        *now += 1;
        let now = *now;
        if now > rules.cap {
            *seen.in_flight.get_mut(&company).unwrap() -= 1;
            seen.refused += 1;
            return respond(429, Vec::new(), error_json(429));
        }
        let most = seen.most.entry(company.clone()).or_default();
        *most = (*most).max(now);
        drop(seen);
        InFlight(state, company.clone())
    };
    let (low, high) = rules.delay_ms;
    if high > 0 {
        tokio::time::sleep(Duration::from_millis(fastrand::u64(low..=high))).await;
    }
    let remaining = {
        let mut seen = seen.lock().unwrap();
        *seen.answered.entry(call).or_default() += 1;
        seen.answered_total += 1;
        rules.daily.saturating_sub(seen.answered_total)
    };
    drop(guard);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let midnight = now - now % 86_400 + 86_400;
    let headers = vec![
        ("x-rate-limit-limit", rules.daily.to_string()),
        ("x-rate-limit-remaining", remaining.to_string()),
        ("x-rate-limit-reset", midnight.to_string()),
    ];
    let body = format!(r#"{{"id":"{company}","name":"n","redirect":"https://link.codat.io"}}"#);
    respond(200, headers, body)
}

fn respond(status: u16, headers: Vec<(&str, String)>, body: String) -> Response<Full<Bytes>> {
    let mut response = Response::builder()
        .status(status)
        .header("content-type", "application/json");
    for (name, value) in headers {
        response = response.header(name, value);
    }
    response.body(Full::new(Bytes::from(body))).unwrap()
}

fn error_json(status: u16) -> String {
    format!(r#"{{"statusCode":{status},"error":"refused","correlationId":"c-{status}"}}"#)
}
