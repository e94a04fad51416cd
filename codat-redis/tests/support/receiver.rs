//! Webhook receiver replicas as processes of their own: this test binary started again,
//! running only the ignored `receiver_process` test, which serves `POST /webhooks` on a free
//! port (printed as `RECEIVER port=N`) and records deliveries through a `RedisSeen`.

use std::convert::Infallible;
use std::time::Duration;

use bytes::Bytes;
use codat_client::webhooks::{Webhook, WebhookError};
use codat_redis::RedisSeen;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::process::{Child, Command};

/// The secret the replicas and the tests sign with.
pub(crate) const SECRET: &str = "whsec_Y29kYXQtcnMgcmVkaXMgdGVzdCBzZWNyZXQ=";

/// A receiver replica running as a process.
#[derive(Debug)]
pub(crate) struct Replica {
    _child: Child,
    pub(crate) port: u16,
}

impl Replica {
    pub(crate) async fn start(redis_url: &str, prefix: &str) -> Replica {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["receiver_process", "--exact", "--ignored", "--nocapture"])
            .env("CODAT_RECEIVER_REDIS_URL", redis_url)
            .env("CODAT_RECEIVER_PREFIX", prefix)
            .kill_on_drop(true)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let port = loop {
            let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
                .await
                .expect("the replica started within 30 s")
                .unwrap()
                .expect("the replica printed its port");
            if let Some(port) = line.strip_prefix("RECEIVER port=") {
                break port.parse().unwrap();
            }
        };
        Replica {
            _child: child,
            port,
        }
    }

    /// Sends a delivery; the status it was answered with.
    pub(crate) async fn deliver(&self, headers: &[(&str, String)], body: &[u8]) -> u16 {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).await.unwrap();
        let mut request = format!(
            "POST /webhooks HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: {}\r\nconnection: close\r\n",
            body.len()
        );
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        stream.write_all(body).await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        answer
            .split_whitespace()
            .nth(1)
            .and_then(|status| status.parse().ok())
            .unwrap_or_else(|| panic!("not an HTTP answer: {answer:?}"))
    }
}

/// Serves deliveries until killed: 204 when handled, 200 for a repeat, 503 when the store
/// could not tell, 401 for anything else.
pub(crate) async fn serve_from_env() {
    let redis_url = std::env::var("CODAT_RECEIVER_REDIS_URL").expect("started by a test");
    let prefix = std::env::var("CODAT_RECEIVER_PREFIX").unwrap_or_default();
    let webhook = Webhook::new(SECRET)
        .unwrap()
        .seen_store(RedisSeen::open(&redis_url).unwrap().prefix(prefix));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("RECEIVER port={}", listener.local_addr().unwrap().port());
    loop {
        let (stream, _) = listener.accept().await.unwrap();
        let webhook = webhook.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request: Request<Incoming>| {
                let webhook = webhook.clone();
                async move {
                    let (parts, body) = request.into_parts();
                    let body = body.collect().await.unwrap().to_bytes();
                    let status = match webhook.verify_once(&parts.headers, &body).await {
                        Ok(_) => 204,
                        Err(WebhookError::Repeat { .. }) => 200,
                        Err(WebhookError::Seen(_)) => 503,
                        Err(_) => 401,
                    };
                    let response = Response::builder()
                        .status(status)
                        .body(Full::new(Bytes::new()));
                    Ok::<_, Infallible>(response.unwrap())
                }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
