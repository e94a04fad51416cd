//! [`RedisSeen`]: the ids of handled webhook deliveries, shared by every receiver replica.

use std::fmt;
use std::time::Duration;

use codat_client::webhooks::{SeenError, SeenFuture, SeenStore};
use redis::aio::ConnectionManager;

use crate::arith::millis_up;
use crate::limiter::{connection, describe, open, Unreachable};
use crate::{DEFAULT_PREFIX, DEFAULT_REDIS_TIMEOUT};

/// The longest an id is kept: far beyond Codat's retry window of about 28 hours.
const LONGEST: Duration = Duration::from_secs(366 * 86_400);

/// A [`SeenStore`] in Redis, so that receivers running as several replicas handle each
/// delivery once: the first replica to record a `webhook-id` handles it, the others see a
/// repeat. Each id is one key (`{prefix}:seen:{id}`) that expires after the store's TTL
/// ([`SEEN_TTL`](codat_client::webhooks::SEEN_TTL) unless set on the `Webhook`).
///
/// When Redis cannot be reached, [`Webhook::verify_once`](codat_client::webhooks::Webhook::verify_once)
/// fails with [`WebhookError::Seen`](codat_client::webhooks::WebhookError::Seen): answer 5xx
/// and Codat tries again later.
///
/// ```no_run
/// # fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use codat_client::webhooks::Webhook;
/// use codat_redis::RedisSeen;
///
/// let webhook = Webhook::new(&std::env::var("CODAT_WEBHOOK_SECRET")?)?
///     .seen_store(RedisSeen::open("redis://127.0.0.1:6379/")?);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct RedisSeen {
    conn: ConnectionManager,
    prefix: String,
}

impl fmt::Debug for RedisSeen {
    // The connection's details may carry a password: never shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisSeen")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

impl RedisSeen {
    /// A store on the Redis at `url`, connecting on first use (inside a tokio runtime).
    pub fn open(url: &str) -> Result<RedisSeen, codat_client::Error> {
        let client = open(url).map_err(|message| codat_client::Error::Config { message })?;
        RedisSeen::with_client(client)
    }

    /// A store on a Redis client made by the application.
    pub fn with_client(client: redis::Client) -> Result<RedisSeen, codat_client::Error> {
        Ok(RedisSeen {
            conn: connection(&client, DEFAULT_REDIS_TIMEOUT)?,
            prefix: DEFAULT_PREFIX.into(),
        })
    }

    /// The prefix of the store's keys ([`DEFAULT_PREFIX`] unless set).
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    fn key(&self, id: &str) -> String {
        format!("{}:seen:{id}", self.prefix)
    }
}

impl SeenStore for RedisSeen {
    fn first_sighting<'a>(&'a self, id: &'a str, ttl: Duration) -> SeenFuture<'a, bool> {
        Box::pin(async move {
            if ttl.is_zero() {
                // Kept for no time at all: every delivery is a first one.
                return Ok(true);
            }
            let mut conn = self.conn.clone();
            // SET NX: of replicas recording one id at once, exactly one succeeds.
            let set: Option<String> = redis::cmd("SET")
                .arg(self.key(id))
                .arg(1)
                .arg("NX")
                .arg("PX")
                .arg(millis_up(ttl, LONGEST))
                .query_async(&mut conn)
                .await
                .map_err(unreachable)?;
            Ok(set.is_some())
        })
    }

    fn forget<'a>(&'a self, id: &'a str) -> SeenFuture<'a, ()> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            redis::cmd("DEL")
                .arg(self.key(id))
                .query_async::<i64>(&mut conn)
                .await
                .map_err(unreachable)?;
            Ok(())
        })
    }
}

fn unreachable(error: redis::RedisError) -> SeenError {
    SeenError::new(Unreachable(describe(&error)))
}
