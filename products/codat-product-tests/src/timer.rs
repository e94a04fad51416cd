//! A clock that moves only when slept on, so that tests of deadlines do not wait in real time.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use codat_client::Timer;

/// A clock that moves only when slept on, and remembers every sleep; give it to a client with
/// `Codat::builder().timer(...)`.
#[derive(Debug)]
pub struct VirtualTimer {
    start: Instant,
    sleeps: Mutex<Vec<Duration>>,
}

impl VirtualTimer {
    /// A clock at now that has not slept.
    pub fn new() -> Arc<Self> {
        Arc::new(VirtualTimer {
            start: Instant::now(),
            sleeps: Mutex::default(),
        })
    }

    /// Every sleep so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.sleeps.lock().unwrap().clone()
    }
}

impl Timer for VirtualTimer {
    fn now(&self) -> Instant {
        // A test may sleep `Duration::MAX`: past what an Instant holds, the clock stops a
        // century on.
        let slept = self
            .sleeps()
            .iter()
            .fold(Duration::ZERO, |sum, d| sum.saturating_add(*d));
        self.start
            .checked_add(slept)
            .unwrap_or_else(|| self.start + Duration::from_secs(100 * 365 * 86_400))
    }

    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        self.sleeps.lock().unwrap().push(duration);
        Box::pin(std::future::ready(()))
    }
}
