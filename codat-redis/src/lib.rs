#![doc = include_str!("../README.md")]

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
