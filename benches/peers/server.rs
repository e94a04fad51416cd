//! The neutral server for `benches/peers/run.sh`: a stand-in for the two Codat operations the
//! peer comparison calls, on 127.0.0.1. A separate process on plain hyper, sharing no code with
//! codat-client, so that it treats the three clients alike.
//!
//! - `GET /companies/{id}/connectionManagement/accessToken` answers `{"accessToken":
//!   "peers-token-{id}"}` at once.
//! - `GET /companies?page=N&pageSize=S` answers page N of `--items` companies in Codat's page
//!   shape (`results`, `pageNumber`, `pageSize`, `totalResults`, `_links`) after a fixed
//!   `--page-delay-ms`, so that fetching pages concurrently shows.
//! - A wrong `Authorization` header gets 401, anything else 404, both with Codat's error body.
//!
//! It prints its base URL on the first line of stdout and exits by itself after
//! `--max-seconds`, so that a lost parent cannot leave it running.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// The API key every driver uses.
const KEY: &str = "peers-api-key";

struct Config {
    items: usize,
    page_delay: Duration,
    threads: usize,
    max_seconds: u64,
}

struct State {
    auth: String,
    items: usize,
    page_delay: Duration,
    /// Pages of the default size, built once so that serving them costs little.
    default_pages: Vec<Bytes>,
}

fn main() {
    let config = parse_args();
    // One thread by default, like the single-threaded servers clients usually meet in tests;
    // it leaves the other core to the client under test.
    let runtime = if config.threads <= 1 {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(config.threads)
            .enable_all()
            .build()
    }
    .expect("a tokio runtime");
    runtime.block_on(serve(config));
}

fn parse_args() -> Config {
    let mut config = Config {
        items: 10_000,
        page_delay: Duration::from_millis(5),
        threads: 1,
        max_seconds: 1800,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        let number = || -> u64 {
            value
                .parse()
                .unwrap_or_else(|_| panic!("{flag} takes a number, got {value:?}"))
        };
        match flag.as_str() {
            "--items" => config.items = number() as usize,
            "--page-delay-ms" => config.page_delay = Duration::from_millis(number()),
            "--threads" => config.threads = number() as usize,
            "--max-seconds" => config.max_seconds = number(),
            _ => panic!(
                "unknown flag {flag}; flags: --items --page-delay-ms --threads --max-seconds"
            ),
        }
    }
    config
}

async fn serve(config: Config) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local address");
    let state = Arc::new(State {
        auth: format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(KEY)
        ),
        items: config.items,
        page_delay: config.page_delay,
        default_pages: (1..=config.items.div_ceil(DEFAULT_PAGE_SIZE).max(1))
            .map(|page| page_body(config.items, page, DEFAULT_PAGE_SIZE).into())
            .collect(),
    });
    println!("http://{addr}");
    let deadline = tokio::time::sleep(Duration::from_secs(config.max_seconds));
    tokio::pin!(deadline);
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(_) => continue,
            },
            _ = &mut deadline => {
                eprintln!("peers_server: --max-seconds reached, exiting");
                return;
            }
        };
        let _ = stream.set_nodelay(true);
        let state = state.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request: Request<Incoming>| {
                let state = state.clone();
                async move { Ok::<_, Infallible>(respond(&state, request).await) }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

const DEFAULT_PAGE_SIZE: usize = 100;

async fn respond(state: &State, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    // Read the body so that keep-alive connections stay usable.
    let _ = body.collect().await;
    if parts.headers.get("authorization").map(|v| v.as_bytes()) != Some(state.auth.as_bytes()) {
        return reply(401, error_body(401, "Unauthorized"));
    }
    if parts.method != hyper::Method::GET {
        return reply(404, error_body(404, "not served here"));
    }
    let path = parts.uri.path();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    match segments.as_slice() {
        ["companies", id, "connectionManagement", "accessToken"] if !id.is_empty() => reply(
            200,
            format!(r#"{{"accessToken":"peers-token-{id}"}}"#).into(),
        ),
        ["companies"] => {
            let (mut page, mut size) = (1usize, DEFAULT_PAGE_SIZE);
            for pair in parts.uri.query().unwrap_or("").split('&') {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                let target = match name {
                    "page" => &mut page,
                    "pageSize" => &mut size,
                    _ => continue,
                };
                match value.parse() {
                    Ok(n) => *target = n,
                    Err(_) => return reply(400, error_body(400, "page and pageSize are numbers")),
                }
            }
            if page == 0 || size == 0 || size > 5000 {
                return reply(400, error_body(400, "page from 1, pageSize from 1 to 5000"));
            }
            tokio::time::sleep(state.page_delay).await;
            let body = match state.default_pages.get(page - 1) {
                Some(body) if size == DEFAULT_PAGE_SIZE => body.clone(),
                _ => page_body(state.items, page, size).into(),
            };
            reply(200, body)
        }
        _ => reply(404, error_body(404, "not served here")),
    }
}

fn reply(status: u16, body: Bytes) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json; charset=utf-8")
        .body(Full::new(body))
        .expect("valid response parts")
}

fn error_body(status: u16, error: &str) -> Bytes {
    serde_json::json!({
        "statusCode": status,
        "service": "PeersServer",
        "error": error,
        "correlationId": "peers",
        "canBeRetried": "Unknown",
        "detailedErrorCode": 0,
    })
    .to_string()
    .into()
}

/// The id of company `i`, which the drivers recompute to check order and completeness.
fn company_id(i: usize) -> String {
    format!("00000000-0000-4000-8000-{i:012}")
}

/// Page `page` (from 1) of `size` items, in Codat's shape.
fn page_body(items: usize, page: usize, size: usize) -> String {
    let first = (page - 1).saturating_mul(size).min(items);
    let last = page.saturating_mul(size).min(items);
    let results: Vec<serde_json::Value> = (first..last)
        .map(|i| {
            let id = company_id(i);
            serde_json::json!({
                "id": id,
                "name": format!("Peers Company {i}"),
                "description": "A company of the peer benchmark",
                "redirect": format!("https://link.codat.io/company/{id}"),
                "lastSync": "2026-11-20T10:00:00Z",
                "created": "2026-01-15T09:30:00Z",
                "createdByUserName": "benchmark",
                "products": ["accounting", "banking"],
                "tags": { "region": "uk", "segment": "smb" },
                "dataConnections": [],
            })
        })
        .collect();
    let href =
        |n: usize| serde_json::json!({ "href": format!("/companies?page={n}&pageSize={size}") });
    let mut links = serde_json::json!({
        "self": { "href": "/companies" },
        "current": href(page),
    });
    if last < items {
        links["next"] = href(page + 1);
    }
    if page > 1 {
        links["previous"] = href(page - 1);
    }
    serde_json::json!({
        "results": results,
        "pageNumber": page,
        "pageSize": size,
        "totalResults": items,
        "_links": links,
    })
    .to_string()
}
