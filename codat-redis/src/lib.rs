//! Codat's rate limits kept by every worker of one Codat account, through Redis.
//!
//! Codat counts its limits per account and per company, not per process: at most 10
//! requests in flight per company, and a daily quota. A client in one process keeps them
//! itself ([`codat_client::limit::LocalLimiter`]); workers in many processes keep them
//! together with a [`RedisLimiter`] on a Redis they share:
//!
//! ```no_run
//! # async fn run() -> Result<(), codat_client::Error> {
//! use codat_client::Codat;
//! use codat_redis::{OnUnavailable, RedisLimiter};
//!
//! let limiter = RedisLimiter::builder("redis://127.0.0.1:6379/")
//!     .reserve(500)
//!     .on_unavailable(OnUnavailable::FailOpen)
//!     .build()?;
//! let codat = Codat::builder().api_key("...").limiter(limiter).build()?;
//! # Ok(()) }
//! ```
//!
//! Receivers of Codat's webhooks running as several replicas share the ids of the deliveries
//! they handled through a [`RedisSeen`], so that each delivery is handled once.

mod arith;
mod limiter;
mod scripts;
mod seen;

pub use limiter::{
    OnUnavailable, RedisLimiter, RedisLimiterBuilder, DEFAULT_BREAKER_JITTER, DEFAULT_LEASE_MARGIN,
    DEFAULT_PREFIX, DEFAULT_REDIS_TIMEOUT,
};
/// The Redis client crate this one is built on, for [`RedisLimiter::builder_with`].
pub use redis;
pub use seen::RedisSeen;
