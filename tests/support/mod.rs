//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]
// each test binary uses a part
// `pub` so that each test binary can use them; the lint cannot see across test crates.
#![allow(unreachable_pub)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub mod operations;
pub mod spec;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The product tests' virtual clock, shared.
pub use codat_product_tests::VirtualTimer;

/// Collects formatted tracing output in memory, for tests of what the client logs.
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    /// Everything written so far, as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// Captures what `tracing` logs at `level` and above on this thread until the guard drops.
pub fn capture_logs(level: tracing::Level) -> (Captured, tracing::subscriber::DefaultGuard) {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    (captured, tracing::subscriber::set_default(subscriber))
}

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a raw test server does with connection number `n` (from 0).
#[derive(Clone, Copy, Debug)]
pub enum Fault {
    /// Close at once without answering.
    Close,
    /// Announce a 100-byte JSON body, send 10 bytes, close.
    CloseMidBody,
    /// Answer with bytes that are not HTTP.
    Garbage,
    /// Read the request and never answer.
    Silence,
    /// A proper 200 with `{"accessToken":"ok"}`.
    Ok,
}

/// A TCP server on 127.0.0.1 that misbehaves as `plan` says, connection by connection (the
/// last entry repeats). Counts connections; stops with the test's runtime.
pub struct FaultServer {
    pub url: String,
    connections: Arc<AtomicUsize>,
}

impl FaultServer {
    pub async fn start(plan: Vec<Fault>) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let n = counter.fetch_add(1, Ordering::SeqCst);
                let fault = plan[n.min(plan.len() - 1)];
                tokio::spawn(serve(stream, fault));
            }
        });
        FaultServer { url, connections }
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

async fn serve(mut stream: TcpStream, fault: Fault) {
    if !matches!(fault, Fault::Close) {
        // Read the request head (GET requests have no body).
        let mut buf = vec![0u8; 8192];
        let mut read = 0;
        while !buf[..read].windows(4).any(|w| w == b"\r\n\r\n") {
            match stream.read(&mut buf[read..]).await {
                Ok(0) | Err(_) => return,
                Ok(n) => read += n,
            }
        }
    }
    let reply: &[u8] = match fault {
        Fault::Close => return,
        Fault::CloseMidBody => b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"accessTo",
        Fault::Garbage => b"\x00\x01garbage that is not HTTP\r\n\r\n\xff\xfe",
        Fault::Silence => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            return;
        }
        Fault::Ok => b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 20\r\nconnection: close\r\n\r\n{\"accessToken\":\"ok\"}",
    };
    let _ = stream.write_all(reply).await;
    let _ = stream.shutdown().await;
}
