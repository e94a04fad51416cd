//! [`RedisLimiter`]: Codat's limits kept by every worker that shares one Redis.

use std::collections::HashMap;
use std::fmt;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};
use std::time::{Duration, Instant};

use codat_client::limit::{
    AcquireFuture, Acquired, Ask, Limiter, LocalLimiter, Observed, Priority, Slot,
    CODAT_COMPANY_CONCURRENCY,
};
use futures_core::Stream;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{RedisError, Script};
use tokio::sync::Notify;
use tokio::task::AbortHandle;

use crate::arith::{count, hold_ms, jittered, lease_ms, poll_after, unix_ms, MAX_HOLD};
use crate::scripts;

/// What a [`RedisLimiter`] does while Redis cannot be reached.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum OnUnavailable {
    /// Go on with this process's own limits (its per-company cap and breaker), warning once
    /// in `tracing`: workers may then exceed Codat's cap together, and Codat's 429s (which
    /// the client retries) take over.
    #[default]
    FailOpen,
    /// Send nothing: calls fail with
    /// [`Error::LimiterUnavailable`](codat_client::Error::LimiterUnavailable) (nothing was
    /// sent, so repeating them is safe) until Redis answers again.
    FailClosed,
}

/// The prefix of every key unless set.
pub const DEFAULT_PREFIX: &str = "codat";
/// How much longer than an attempt's timeout its lease lasts unless set.
pub const DEFAULT_LEASE_MARGIN: Duration = Duration::from_secs(5);
/// The most added to a shared hold, at random, per worker, unless set.
pub const DEFAULT_BREAKER_JITTER: Duration = Duration::from_millis(250);
/// How long a command to Redis may take unless set.
pub const DEFAULT_REDIS_TIMEOUT: Duration = Duration::from_secs(1);

/// The longest a waiter sleeps between asks when no release wakes it.
const LONGEST_POLL: Duration = Duration::from_millis(200);
/// How long Redis is left alone after it failed, before it is tried again.
const RETRY_DOWN: Duration = Duration::from_millis(250);
/// How often a quota reading far from the reserve is shared at most.
const QUOTA_EVERY: Duration = Duration::from_secs(1);

/// Sets up a [`RedisLimiter`]; from [`RedisLimiter::builder`].
#[must_use]
pub struct RedisLimiterBuilder {
    client: Result<redis::Client, String>,
    prefix: String,
    per_company: usize,
    lease_margin: Duration,
    reserve: u64,
    on_unavailable: OnUnavailable,
    jitter: Duration,
    redis_timeout: Duration,
}

impl fmt::Debug for RedisLimiterBuilder {
    // The URL may carry a password: never shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisLimiterBuilder")
            .field("prefix", &self.prefix)
            .field("per_company", &self.per_company)
            .field("lease_margin", &self.lease_margin)
            .field("reserve", &self.reserve)
            .field("on_unavailable", &self.on_unavailable)
            .finish_non_exhaustive()
    }
}

impl RedisLimiterBuilder {
    /// The prefix of every key and channel ([`DEFAULT_PREFIX`] unless set): workers of one
    /// Codat account share it, another account needs its own.
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// At most `n` requests in flight per company across all workers (Codat's 10 unless
    /// set).
    pub fn per_company(mut self, n: usize) -> Self {
        self.per_company = n;
        self
    }

    /// How much longer than an attempt's timeout its slot is leased ([`DEFAULT_LEASE_MARGIN`]
    /// unless set): a worker that dies holding slots gives them back that long after the
    /// attempts would have timed out.
    pub fn lease_margin(mut self, margin: Duration) -> Self {
        self.lease_margin = margin;
        self
    }

    /// Keeps the last `requests` of Codat's daily quota for calls of normal priority: once
    /// the latest `X-Rate-Limit-Remaining` any worker saw is below it, calls of
    /// [`Priority::Low`] are held until the quota resets (and so fail at once with
    /// [`Error::RateLimited`](codat_client::Error::RateLimited)). None unless set.
    pub fn reserve(mut self, requests: u64) -> Self {
        self.reserve = requests;
        self
    }

    /// What to do while Redis cannot be reached ([`OnUnavailable::FailOpen`] unless set).
    pub fn on_unavailable(mut self, choice: OnUnavailable) -> Self {
        self.on_unavailable = choice;
        self
    }

    /// The most each worker adds, at random, to a hold it learns of through Redis
    /// ([`DEFAULT_BREAKER_JITTER`] unless set), so that held workers come back spread out.
    pub fn breaker_jitter(mut self, jitter: Duration) -> Self {
        self.jitter = jitter;
        self
    }

    /// How long connecting to Redis, or one command, may take before Redis counts as
    /// unreachable ([`DEFAULT_REDIS_TIMEOUT`] unless set).
    pub fn redis_timeout(mut self, timeout: Duration) -> Self {
        self.redis_timeout = timeout;
        self
    }

    /// The limiter. It connects on first use, so Redis need not be up yet; call inside a
    /// tokio runtime. Fails for a URL that does not parse or a cap of 0.
    pub fn build(self) -> Result<RedisLimiter, codat_client::Error> {
        let config = |message: String| codat_client::Error::Config { message };
        let client = self.client.map_err(config)?;
        if self.per_company == 0 {
            return Err(config(
                "`per_company` must be at least 1 for a RedisLimiter".into(),
            ));
        }
        if self.per_company > tokio::sync::Semaphore::MAX_PERMITS {
            return Err(config(format!(
                "`per_company` is too large for a RedisLimiter (at most {})",
                tokio::sync::Semaphore::MAX_PERMITS
            )));
        }
        let conn = connection(&client, self.redis_timeout)?;
        let prefix = self.prefix;
        let shared = Shared {
            conn,
            client,
            local: LocalLimiter::new(self.per_company),
            keys: Keys {
                hold: format!("{prefix}:hold"),
                quota: format!("{prefix}:quota"),
                channel: format!("{prefix}:freed"),
                prefix,
            },
            per_company: self.per_company,
            lease_margin: self.lease_margin,
            reserve: self.reserve,
            on_unavailable: self.on_unavailable,
            jitter: self.jitter,
            waiter_ttl_ms: crate::arith::millis_up(
                (LONGEST_POLL * 3).saturating_add(self.redis_timeout),
                MAX_HOLD,
            ),
            process: format!("{:x}.{:x}", std::process::id(), fastrand::u64(..)),
            next_id: AtomicU64::new(0),
            health: Health::default(),
            wakers: Arc::default(),
            listener: OnceLock::new(),
            quota_sent: Mutex::new(None),
            acquire: Script::new(scripts::ACQUIRE),
            hold: Script::new(scripts::HOLD),
            quota: Script::new(scripts::QUOTA),
            release: Script::new(scripts::RELEASE),
        };
        Ok(RedisLimiter {
            shared: Arc::new(shared),
        })
    }
}

/// Codat's rate limits kept by every worker process (and client) that shares one Redis:
///
/// - at most 10 requests in flight per company across all of them, as leases that expire a
///   margin after the attempt's timeout, so that a worker killed holding slots gives them
///   back; waiters are served first come, first served, woken when a slot is released;
/// - one breaker: a 429 with `Retry-After`, or an answer saying the quota is spent until a
///   reset, seen by any worker holds every worker until then (plus a little jitter each);
/// - optionally a reserve of the daily quota that low-priority calls may not touch.
///
/// Each worker also keeps its own limits ([`LocalLimiter`]), so it never asks Redis for more
/// than its share, and goes on with them when Redis is down if so configured
/// ([`OnUnavailable`]). Clones share everything.
///
/// ```no_run
/// # async fn run() -> Result<(), codat_client::Error> {
/// use codat_client::Codat;
/// use codat_redis::RedisLimiter;
///
/// let limiter = RedisLimiter::builder("redis://127.0.0.1:6379/").build()?;
/// let codat = Codat::builder()
///     .api_key(std::env::var("CODAT_API_KEY").unwrap_or_default())
///     .limiter(limiter)
///     .build()?;
/// codat.companies().get("8a210b68-6988-11ed-a1eb-0242ac120002").await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct RedisLimiter {
    shared: Arc<Shared>,
}

impl fmt::Debug for RedisLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shared = &self.shared;
        f.debug_struct("RedisLimiter")
            .field("prefix", &shared.keys.prefix)
            .field("per_company", &shared.per_company)
            .field("lease_margin", &shared.lease_margin)
            .field("reserve", &shared.reserve)
            .field("on_unavailable", &shared.on_unavailable)
            .finish_non_exhaustive()
    }
}

impl RedisLimiter {
    /// A limiter on the Redis at `url` (`redis://[:password@]host:port/[db]`), with Codat's
    /// limits; see the builder's methods for the rest.
    pub fn builder(url: &str) -> RedisLimiterBuilder {
        RedisLimiterBuilder::with(open(url))
    }

    /// [`builder`](Self::builder) with a Redis client made by the application (TLS, a
    /// cluster's node, credentials).
    pub fn builder_with(client: redis::Client) -> RedisLimiterBuilder {
        RedisLimiterBuilder::with(Ok(client))
    }

    /// The latest reading of Codat's daily quota any worker shared: requests remaining, and
    /// Unix milliseconds when it resets. Each worker shares a reading at most once a second,
    /// and every reading near the [reserve](RedisLimiterBuilder::reserve).
    pub async fn quota(&self) -> Result<Option<(u64, u64)>, RedisError> {
        let mut conn = self.shared.conn.clone();
        let (remaining, reset): (Option<u64>, Option<u64>) = redis::cmd("HMGET")
            .arg(&self.shared.keys.quota)
            .arg("remaining")
            .arg("reset")
            .query_async(&mut conn)
            .await?;
        Ok(remaining.zip(reset))
    }

    /// How long every worker is still held by the shared breaker, as Redis sees it.
    pub async fn held_for(&self) -> Result<Option<Duration>, RedisError> {
        let mut conn = self.shared.conn.clone();
        let ms: i64 = redis::cmd("PTTL")
            .arg(&self.shared.keys.hold)
            .query_async(&mut conn)
            .await?;
        Ok(u64::try_from(ms)
            .ok()
            .filter(|ms| *ms > 0)
            .map(Duration::from_millis))
    }

    /// How many slots of `company` are leased right now across all workers (`company` as
    /// the client sends it in the path, percent-encoded).
    pub async fn leased(&self, company: &str) -> Result<usize, RedisError> {
        let mut conn = self.shared.conn.clone();
        let keys = self.shared.keys.company(company);
        redis::cmd("ZCOUNT")
            .arg(&keys.slots)
            .arg("(0")
            .arg("+inf")
            .query_async(&mut conn)
            .await
    }

    async fn acquire_shared(&self, ask: Ask<'_>) -> Acquired {
        let shared = &self.shared;
        // This process's own share first: it never asks Redis for more than the cap.
        let local = match shared.local.acquire(ask).await {
            Acquired::Slot(slot) => slot,
            other => return other,
        };
        if !shared.health.usable() {
            return shared.without_redis(local, None);
        }
        shared.listen();
        let reserve = if ask.priority == Priority::Low {
            shared.reserve
        } else {
            0
        };
        let Some(company) = ask.company else {
            return match shared.ask(None, "", 0, reserve).await {
                Ok(Answer::Granted { .. } | Answer::Queued { .. }) => Acquired::Slot(local),
                Ok(answer) => shared.held(answer),
                Err(error) => shared.without_redis(local, Some(error)),
            };
        };
        let keys = shared.keys.company(company);
        let id = shared.lease_id();
        let lease = lease_ms(ask.timeout, shared.lease_margin);
        let waker = shared.wakers.get(company);
        let mut place = Place {
            shared: shared.clone(),
            keys: Some(keys),
            company: company.into(),
            id,
            asked: false,
        };
        loop {
            let keys = place.keys.as_ref().expect("kept until the loop ends");
            place.asked = true;
            match shared.ask(Some(keys), &place.id, lease, reserve).await {
                Ok(Answer::Granted { free }) => {
                    if free > 0 {
                        // More room: let this process's next waiter ask too.
                        waker.notify_one();
                    }
                    let lease = Lease {
                        shared: shared.clone(),
                        keys: place.keys.take(),
                        company: std::mem::take(&mut place.company),
                        id: std::mem::take(&mut place.id),
                        _local: local,
                    };
                    return Acquired::Slot(Slot::custom(lease));
                }
                Ok(Answer::Queued { rank }) => {
                    let wait = poll_after(rank, shared.per_company, LONGEST_POLL, fastrand::f64());
                    // A release anywhere wakes this process's first waiter sooner.
                    let _ = tokio::time::timeout(wait, waker.notified()).await;
                }
                Ok(answer) => return shared.held(answer),
                Err(error) => return shared.without_redis(local, Some(error)),
            }
        }
    }
}

impl RedisLimiterBuilder {
    fn with(client: Result<redis::Client, String>) -> Self {
        RedisLimiterBuilder {
            client,
            prefix: DEFAULT_PREFIX.into(),
            per_company: CODAT_COMPANY_CONCURRENCY,
            lease_margin: DEFAULT_LEASE_MARGIN,
            reserve: 0,
            on_unavailable: OnUnavailable::default(),
            jitter: DEFAULT_BREAKER_JITTER,
            redis_timeout: DEFAULT_REDIS_TIMEOUT,
        }
    }
}

impl Limiter for RedisLimiter {
    fn acquire<'a>(&'a self, ask: Ask<'a>) -> AcquireFuture<'a> {
        Box::pin(self.acquire_shared(ask))
    }

    fn observe(&self, answer: &Observed<'_>) {
        let shared = &self.shared;
        shared.local.observe(answer);
        let hold = answer.hold().and_then(hold_ms);
        let quota = answer
            .rate_limit
            .and_then(|rate| Some((count(rate.remaining?), unix_ms(rate.resets_at?)?)))
            .filter(|&(remaining, reset)| shared.quota_worth_sharing(remaining, reset));
        if (hold.is_none() && quota.is_none()) || !shared.health.usable() {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let shared = shared.clone();
        runtime.spawn(async move {
            let mut conn = shared.conn.clone();
            let mut result = Ok(());
            if let Some(ms) = hold {
                let mut held = shared.hold.key(&shared.keys.hold);
                held.arg(ms);
                result = held.invoke_async::<i64>(&mut conn).await.map(drop);
            }
            if let (Some((remaining, reset)), Ok(())) = (quota, &result) {
                let mut kept = shared.quota.key(&shared.keys.quota);
                kept.arg(remaining).arg(reset);
                result = kept.invoke_async::<i64>(&mut conn).await.map(drop);
            }
            match result {
                Ok(()) => shared.health.succeeded(),
                Err(error) => shared.health.failed(&error, shared.on_unavailable),
            }
        });
    }
}

/// The keys of one company's slots: leases (id by expiry), the line of waiters (id by
/// first ask) and when each waiter asked last (id by the time its place lapses).
#[derive(Debug)]
struct CompanyKeys {
    slots: String,
    queue: String,
    alive: String,
}

#[derive(Debug)]
struct Keys {
    prefix: String,
    hold: String,
    quota: String,
    /// Where releases are announced, with the company as the message.
    channel: String,
}

impl Keys {
    fn company(&self, company: &str) -> CompanyKeys {
        // The company last, so that no company can name another kind of key.
        CompanyKeys {
            slots: format!("{}:slots:{company}", self.prefix),
            queue: format!("{}:queue:{company}", self.prefix),
            alive: format!("{}:alive:{company}", self.prefix),
        }
    }
}

/// Redis's answer to one ask.
#[derive(Debug, PartialEq, Eq)]
enum Answer {
    Granted { free: u64 },
    Queued { rank: u64 },
    Held { ms: u64 },
    Reserved { ms: u64 },
}

impl Answer {
    /// Reads the script's `{code, value}`: values from the wire are bounded, never trusted.
    fn read(reply: &[i64]) -> Option<Answer> {
        let (&code, &value) = (reply.first()?, reply.get(1)?);
        let value = u64::try_from(value).unwrap_or(0);
        let ms = value.min(MAX_HOLD.as_millis() as u64);
        Some(match code {
            1 => Answer::Granted { free: value },
            0 => Answer::Queued { rank: value },
            2 => Answer::Held { ms },
            3 => Answer::Reserved { ms },
            _ => return None,
        })
    }
}

struct Shared {
    conn: ConnectionManager,
    client: redis::Client,
    local: LocalLimiter,
    keys: Keys,
    per_company: usize,
    lease_margin: Duration,
    reserve: u64,
    on_unavailable: OnUnavailable,
    jitter: Duration,
    /// How long a waiter keeps its place without asking again, in ms.
    waiter_ttl_ms: u64,
    /// Makes lease ids unique across processes.
    process: String,
    next_id: AtomicU64,
    health: Health,
    wakers: Arc<Wakers>,
    /// The task that hears releases, started on first use.
    listener: OnceLock<AbortHandle>,
    /// The last quota reading shared: remaining, reset, when.
    quota_sent: Mutex<Option<(u64, u64, Instant)>>,
    acquire: Script,
    hold: Script,
    quota: Script,
    release: Script,
}

impl Drop for Shared {
    fn drop(&mut self) {
        if let Some(listener) = self.listener.get() {
            listener.abort();
        }
    }
}

impl Shared {
    fn lease_id(&self) -> String {
        let n = self.next_id.fetch_add(1, Ordering::Relaxed);
        format!("{}.{n:x}", self.process)
    }

    async fn ask(
        &self,
        company: Option<&CompanyKeys>,
        id: &str,
        lease_ms: u64,
        reserve: u64,
    ) -> Result<Answer, RedisError> {
        let mut invocation = self.acquire.key(&self.keys.hold);
        invocation.key(&self.keys.quota);
        if let Some(keys) = company {
            invocation
                .key(&keys.slots)
                .key(&keys.queue)
                .key(&keys.alive);
        }
        invocation
            .arg(id)
            .arg(self.per_company)
            .arg(lease_ms)
            .arg(self.waiter_ttl_ms)
            .arg(count(reserve));
        let mut conn = self.conn.clone();
        let reply: Vec<i64> = invocation.invoke_async(&mut conn).await?;
        self.health.succeeded();
        Answer::read(&reply).ok_or_else(|| {
            RedisError::from((
                redis::ErrorKind::Client,
                "unexpected answer from the limiter's script",
            ))
        })
    }

    /// Gives `id`'s lease of `company` back (nothing when it holds none), and announces it
    /// when someone waits for that company.
    async fn release(
        &self,
        conn: &mut ConnectionManager,
        keys: &CompanyKeys,
        company: &str,
        id: &str,
    ) -> Result<i64, RedisError> {
        let mut release = self.release.key(&keys.slots);
        release
            .key(&keys.queue)
            .arg(id)
            .arg(company)
            .arg(&self.keys.channel);
        release.invoke_async(conn).await
    }

    /// A hold Redis reported, as the client should wait it out.
    fn held(&self, answer: Answer) -> Acquired {
        match answer {
            Answer::Held { ms } => Acquired::Hold(jittered(ms, self.jitter, fastrand::f64())),
            Answer::Reserved { ms } => Acquired::Hold(Duration::from_millis(ms)),
            Answer::Granted { .. } | Answer::Queued { .. } => Acquired::Hold(Duration::ZERO),
        }
    }

    /// Goes on without Redis as configured: with this process's slot, or refusing.
    fn without_redis(&self, local: Slot, error: Option<RedisError>) -> Acquired {
        if let Some(error) = &error {
            self.health.failed(error, self.on_unavailable);
        }
        match self.on_unavailable {
            OnUnavailable::FailOpen => Acquired::Slot(local),
            OnUnavailable::FailClosed => {
                let reason = match &error {
                    Some(error) => describe(error),
                    None => "it failed moments ago".into(),
                };
                Acquired::Unavailable(Box::new(Unreachable(reason)))
            }
        }
    }

    /// Starts the task that wakes this process's waiters when a slot is released anywhere.
    fn listen(&self) {
        self.listener.get_or_init(|| {
            let (client, channel) = (self.client.clone(), self.keys.channel.clone());
            let wakers = Arc::downgrade(&self.wakers);
            tokio::spawn(hear_releases(client, channel, wakers)).abort_handle()
        });
    }

    /// Whether a quota reading is worth a round trip: a new window, one near the reserve,
    /// or the first in a while.
    fn quota_worth_sharing(&self, remaining: u64, reset: u64) -> bool {
        let now = Instant::now();
        let mut sent = self
            .quota_sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let worth = match *sent {
            None => true,
            Some((last, last_reset, at)) => {
                reset != last_reset
                    || remaining <= self.reserve.saturating_mul(2)
                    || (remaining < last && now.duration_since(at) >= QUOTA_EVERY)
            }
        };
        if worth {
            *sent = Some((remaining, reset, now));
        }
        worth
    }
}

/// A connection to `client`'s Redis that reconnects by itself, made on first use; each
/// connect and command may take `timeout`.
pub(crate) fn connection(
    client: &redis::Client,
    timeout: Duration,
) -> Result<ConnectionManager, codat_client::Error> {
    let manager = ConnectionManagerConfig::new()
        .set_response_timeout(Some(timeout))
        .set_connection_timeout(Some(timeout))
        .set_number_of_retries(1)
        .set_max_delay(RETRY_DOWN);
    ConnectionManager::new_lazy_with_config(client.clone(), manager).map_err(|e| {
        codat_client::Error::Config {
            message: format!("Redis connection: {}", e.category()),
        }
    })
}

/// Opens a Redis URL; the error does not repeat the URL, which may carry a password.
pub(crate) fn open(url: &str) -> Result<redis::Client, String> {
    redis::Client::open(url).map_err(|e| format!("the Redis URL is not valid ({})", e.category()))
}

/// Why Redis could not serve a limiter or store.
#[derive(Debug)]
pub(crate) struct Unreachable(pub(crate) String);

impl fmt::Display for Unreachable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Redis is unreachable ({})", self.0)
    }
}

impl std::error::Error for Unreachable {}

/// A Redis error in a few words, without the server's address or any credential.
pub(crate) fn describe(error: &RedisError) -> String {
    if error.is_timeout() {
        "timed out".into()
    } else if error.is_connection_refusal() {
        "connection refused".into()
    } else if error.is_io_error() || error.is_connection_dropped() {
        "connection lost".into()
    } else {
        error.category().to_lowercase()
    }
}

/// Whether Redis answered lately; after a failure it is left alone for a moment, so that
/// calls do not each wait on a dead connection.
#[derive(Debug, Default)]
struct Health {
    down: AtomicBool,
    retry_at: Mutex<Option<Instant>>,
}

impl Health {
    fn usable(&self) -> bool {
        if !self.down.load(Ordering::Acquire) {
            return true;
        }
        let retry_at = self.retry_at.lock().unwrap_or_else(PoisonError::into_inner);
        retry_at.is_none_or(|at| Instant::now() >= at)
    }

    fn failed(&self, error: &RedisError, choice: OnUnavailable) {
        *self.retry_at.lock().unwrap_or_else(PoisonError::into_inner) =
            Some(Instant::now() + RETRY_DOWN);
        if !self.down.swap(true, Ordering::AcqRel) {
            let reason = describe(error);
            match choice {
                OnUnavailable::FailOpen => tracing::warn!(
                    %reason,
                    "Redis is unreachable: going on with this process's own rate limits"
                ),
                OnUnavailable::FailClosed => tracing::warn!(
                    %reason,
                    "Redis is unreachable: refusing calls to Codat until it answers"
                ),
            }
        }
    }

    fn succeeded(&self) {
        if self.down.load(Ordering::Acquire) && self.down.swap(false, Ordering::AcqRel) {
            tracing::info!("Redis answers again: rate limits are shared again");
        }
    }
}

/// Companies kept before those nobody waits for are swept.
const SWEEP_AT: usize = 1024;

/// One waker per company this process has waiters for.
#[derive(Debug, Default)]
struct Wakers {
    map: Mutex<WakerMap>,
}

#[derive(Debug, Default)]
struct WakerMap {
    wakers: HashMap<Box<str>, Weak<Notify>>,
    /// The size at which the map is swept next.
    sweep_at: usize,
}

impl Wakers {
    fn get(&self, company: &str) -> Arc<Notify> {
        let mut map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(notify) = map.wakers.get(company).and_then(Weak::upgrade) {
            return notify;
        }
        if map.wakers.len() >= map.sweep_at.max(SWEEP_AT) {
            map.wakers.retain(|_, notify| notify.strong_count() > 0);
            // Sweep again only once as many more have come.
            map.sweep_at = map.wakers.len().saturating_mul(2);
        }
        let notify = Arc::new(Notify::new());
        map.wakers.insert(company.into(), Arc::downgrade(&notify));
        notify
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        let map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        map.wakers.len()
    }

    fn wake(&self, company: &str) {
        let map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(notify) = map.wakers.get(company).and_then(Weak::upgrade) {
            notify.notify_one();
        }
    }
}

/// Hears every release on `channel` and wakes this process's first waiter for that company;
/// reconnects after Redis goes away. Ends when the limiter is dropped.
async fn hear_releases(client: redis::Client, channel: String, wakers: Weak<Wakers>) {
    loop {
        if let Ok(mut pubsub) = client.get_async_pubsub().await
            && pubsub.subscribe(&channel).await.is_ok()
        {
            let mut messages = pin!(pubsub.into_on_message());
            while let Some(message) =
                std::future::poll_fn(|cx| messages.as_mut().poll_next(cx)).await
            {
                let Some(wakers) = wakers.upgrade() else {
                    return;
                };
                if let Ok(company) = std::str::from_utf8(message.get_payload_bytes()) {
                    wakers.wake(company);
                }
            }
        }
        if wakers.strong_count() == 0 {
            return;
        }
        tokio::time::sleep(RETRY_DOWN).await;
    }
}

/// A call's place in a company's line, given up when the wait ends without a slot (a hold, a
/// timeout, a dropped call) rather than left to lapse. A call dropped while Redis was granting
/// it a lease gives that lease back too, so that no slot is held by nobody.
struct Place {
    shared: Arc<Shared>,
    keys: Option<CompanyKeys>,
    company: Box<str>,
    id: String,
    /// Whether Redis may hold a place or a lease for `id`.
    asked: bool,
}

impl Drop for Place {
    fn drop(&mut self) {
        let Some(keys) = self.keys.take().filter(|_| self.asked) else {
            return;
        };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let shared = self.shared.clone();
        let (company, id) = (
            std::mem::take(&mut self.company),
            std::mem::take(&mut self.id),
        );
        runtime.spawn(async move {
            let mut conn = shared.conn.clone();
            // Sent on the same connection after the ask, so it lands after any grant.
            let _: Result<(), RedisError> = redis::pipe()
                .zrem(&keys.queue, &id)
                .ignore()
                .zrem(&keys.alive, &id)
                .ignore()
                .query_async(&mut conn)
                .await;
            let _ = shared.release(&mut conn, &keys, &company, &id).await;
        });
    }
}

/// A slot leased in Redis (and this process's slot); released when dropped, announced when
/// someone waits, so that a waiter anywhere asks at once.
struct Lease {
    shared: Arc<Shared>,
    keys: Option<CompanyKeys>,
    company: Box<str>,
    id: String,
    _local: Slot,
}

impl Drop for Lease {
    fn drop(&mut self) {
        let Some(keys) = self.keys.take() else {
            return;
        };
        // Without a runtime the lease lapses on its own.
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let shared = self.shared.clone();
        let (company, id) = (
            std::mem::take(&mut self.company),
            std::mem::take(&mut self.id),
        );
        runtime.spawn(async move {
            let mut conn = shared.conn.clone();
            if let Err(error) = shared.release(&mut conn, &keys, &company, &id).await {
                shared.health.failed(&error, shared.on_unavailable);
            }
        });
    }
}

// The integration tests' Redis: CI's, else a private `redis-server`, else a skip.
#[cfg(test)]
#[allow(dead_code, unreachable_pub)]
#[path = "../tests/support/redis.rs"]
mod test_redis;

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_release_published_by_any_process_wakes_this_processs_waiter() {
        let Some(redis) = super::test_redis::redis() else {
            return;
        };
        let client = redis::Client::open(redis.url.as_str()).unwrap();
        let channel = format!("{}:released", super::test_redis::prefix("wake"));
        let wakers = Arc::new(Wakers::default());
        let listener = tokio::spawn(hear_releases(
            client.clone(),
            channel.clone(),
            Arc::downgrade(&wakers),
        ));
        let acme = wakers.get("acme");
        let mut conn = ConnectionManager::new(client).await.unwrap();
        let mut publish = async |company: &str| {
            let _: i64 = redis::cmd("PUBLISH")
                .arg(&channel)
                .arg(company)
                .query_async(&mut conn)
                .await
                .unwrap();
        };
        // A release published before the subscription is up is lost: publish until heard.
        let heard = tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                publish("acme").await;
                let wait = tokio::time::timeout(Duration::from_millis(50), acme.notified());
                if wait.await.is_ok() {
                    break;
                }
            }
        });
        assert!(heard.await.is_ok(), "no release was heard in 10 s");
        // The listener ends with the limiter: at the first release after it is gone.
        drop((acme, wakers));
        let ended = tokio::time::timeout(Duration::from_secs(10), async {
            while !listener.is_finished() {
                publish("acme").await;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        });
        assert!(ended.await.is_ok(), "the listener outlived its limiter");
    }

    #[test]
    fn answers_are_read_bounded() {
        assert_eq!(Answer::read(&[1, 3]), Some(Answer::Granted { free: 3 }));
        assert_eq!(Answer::read(&[0, 7]), Some(Answer::Queued { rank: 7 }));
        assert_eq!(Answer::read(&[2, 2_000]), Some(Answer::Held { ms: 2_000 }));
        assert_eq!(Answer::read(&[3, 5]), Some(Answer::Reserved { ms: 5 }));
        assert_eq!(
            Answer::read(&[2, i64::MAX]),
            Some(Answer::Held {
                ms: MAX_HOLD.as_millis() as u64
            })
        );
        assert_eq!(Answer::read(&[2, -5]), Some(Answer::Held { ms: 0 }));
        assert_eq!(Answer::read(&[9, 1]), None);
        assert_eq!(Answer::read(&[1]), None);
        assert_eq!(Answer::read(&[]), None);
    }

    #[test]
    fn company_keys_end_with_the_company() {
        let keys = Keys {
            prefix: "p".into(),
            hold: String::new(),
            quota: String::new(),
            channel: String::new(),
        };
        let company = keys.company("a:queue:b");
        assert_eq!(company.slots, "p:slots:a:queue:b");
        assert_eq!(company.queue, "p:queue:a:queue:b");
        assert_eq!(company.alive, "p:alive:a:queue:b");
    }

    #[tokio::test]
    async fn a_release_wakes_the_first_waiter_of_its_company_only() {
        let wakers = Wakers::default();
        let (acme, globex) = (wakers.get("acme"), wakers.get("globex"));
        assert!(Arc::ptr_eq(&acme, &wakers.get("acme")));
        let first = acme.notified();
        let second = acme.notified();
        let other = globex.notified();
        tokio::pin!(first, second, other);
        first.as_mut().enable();
        second.as_mut().enable();
        other.as_mut().enable();
        wakers.wake("acme");
        wakers.wake("initech"); // nobody waits there: nothing happens
        let now = |f: std::pin::Pin<&mut tokio::sync::futures::Notified<'_>>| {
            let waker = std::task::Waker::noop();
            std::future::Future::poll(f, &mut std::task::Context::from_waker(waker)).is_ready()
        };
        assert!(now(first.as_mut()));
        assert!(!now(second.as_mut()));
        assert!(!now(other.as_mut()));
    }

    #[test]
    fn wakers_nobody_holds_are_swept_once_a_thousand_are_kept() {
        let wakers = Wakers::default();
        let held: Vec<_> = (0..10).map(|n| wakers.get(&format!("held-{n}"))).collect();
        for n in 0..SWEEP_AT - 10 {
            drop(wakers.get(&format!("idle-{n}")));
        }
        assert_eq!(wakers.len(), SWEEP_AT);
        drop(wakers.get("one-more"));
        // The idle ones went; the held ones and the newcomer stay.
        assert_eq!(wakers.len(), 11);
        // The next sweep waits for the map to double.
        for n in 0..8 {
            drop(wakers.get(&format!("later-{n}")));
        }
        assert_eq!(wakers.len(), 19);
        assert!(held.iter().all(|notify| Arc::strong_count(notify) == 1));
    }

    #[tokio::test]
    async fn a_bad_url_or_cap_is_refused_without_showing_the_url() {
        let error = RedisLimiter::builder("mysql://user:hunter2@db/")
            .build()
            .unwrap_err();
        let message = error.to_string();
        assert!(message.contains("Redis URL is not valid"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
        let error = RedisLimiter::builder("redis://127.0.0.1:1/")
            .per_company(0)
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("at least 1"));
    }

    #[tokio::test]
    async fn the_longest_settings_build_without_overflow() {
        let limiter = RedisLimiter::builder("redis://127.0.0.1:1/")
            .redis_timeout(Duration::MAX)
            .lease_margin(Duration::MAX)
            .breaker_jitter(Duration::MAX)
            .per_company(tokio::sync::Semaphore::MAX_PERMITS)
            .reserve(u64::MAX)
            .build()
            .unwrap();
        assert_eq!(limiter.shared.waiter_ttl_ms, MAX_HOLD.as_millis() as u64);
        let error = RedisLimiter::builder("redis://127.0.0.1:1/")
            .per_company(usize::MAX)
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("too large"), "{error}");
    }

    #[tokio::test]
    async fn debug_never_shows_the_url() {
        let builder = RedisLimiter::builder("redis://:hunter2@127.0.0.1:1/");
        assert!(!format!("{builder:?}").contains("hunter2"));
        let limiter = builder.build().unwrap();
        let shown = format!("{limiter:?}");
        assert!(
            !shown.contains("hunter2") && shown.contains("codat"),
            "{shown}"
        );
    }
}
