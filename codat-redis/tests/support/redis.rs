//! Real Redis servers for the tests: `redis-server` started on 127.0.0.1 on a free port,
//! stopped on drop. `.ci/run` installs it (and starts one, `CODAT_TEST_REDIS_URL`); without
//! one the tests say so and skip, except in CI (`CI` set), where they fail.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `redis-server` of this test's own.
#[derive(Debug)]
pub(crate) struct RedisServer {
    child: Option<Child>,
    pub(crate) port: u16,
}

impl RedisServer {
    /// A private server on a free port, or `None` (with a message) when `redis-server` is
    /// not installed; in CI a missing server fails the test.
    pub(crate) fn start() -> Option<RedisServer> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        RedisServer::start_on(port)
    }

    /// A server on `port` (to start one again where a stopped one was).
    pub(crate) fn start_on(port: u16) -> Option<RedisServer> {
        let binary = std::env::var("REDIS_SERVER").unwrap_or_else(|_| "redis-server".into());
        let child = Command::new(&binary)
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--loglevel", "warning"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let child = match child {
            Ok(child) => child,
            Err(error) => {
                missing(&format!("`{binary}` did not start: {error}"));
                return None;
            }
        };
        let mut server = RedisServer {
            child: Some(child),
            port,
        };
        let started = Instant::now();
        while !ping(port) {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "redis-server on port {port} did not answer PING within 10 s"
            );
            if let Some(status) = server
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!("redis-server on port {port} exited at start: {status}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Some(server)
    }

    pub(crate) fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// Stops the server at once (SIGKILL: like a crash or a network cut).
    pub(crate) fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A Redis for one test: the one at `CODAT_TEST_REDIS_URL` when set (CI starts one), else a
/// private server, stopped when this is dropped. `None` (skip) when there is none.
#[derive(Debug)]
pub(crate) struct Redis {
    pub(crate) url: String,
    _server: Option<RedisServer>,
}

pub(crate) fn redis() -> Option<Redis> {
    if let Ok(url) = std::env::var("CODAT_TEST_REDIS_URL")
        && !url.is_empty()
    {
        return Some(Redis { url, _server: None });
    }
    let server = RedisServer::start()?;
    Some(Redis {
        url: server.url(),
        _server: Some(server),
    })
}

/// A key prefix no other test uses.
pub(crate) fn prefix(test: &str) -> String {
    format!("test:{test}:{:x}", fastrand::u64(..))
}

fn missing(why: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{why}; CI needs redis-server (installed by .ci/run)");
    }
    eprintln!("skipped: {why}. Install redis-server (Debian: apt-get install redis-server) to run this test.");
}

/// Whether a Redis answers PING on `port`.
pub(crate) fn ping(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    if stream.write_all(b"*1\r\n$4\r\nPING\r\n").is_err() {
        return false;
    }
    let mut reply = [0u8; 7];
    stream.read_exact(&mut reply).is_ok() && &reply == b"+PONG\r\n"
}
