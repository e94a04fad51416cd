//! The Lua scripts: each decision is one atomic round trip, timed by Redis's own clock so
//! that workers whose clocks disagree still agree on when a lease or a hold ends.

/// Asks for a slot. KEYS: hold, quota, then (for a call about a company) slots, queue,
/// alive. ARGV: lease id, slots per company, lease ms, waiter ttl ms, reserve (0: none).
///
/// Answers `{1, free slots left}` (granted), `{0, rank in line}` (queued), `{2, ms}` (the
/// shared breaker holds) or `{3, ms}` (the reserve holds a low-priority call).
pub(crate) const ACQUIRE: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local hold = tonumber(redis.call('GET', KEYS[1]))
if hold and hold > now then
  return {2, hold - now}
end
local reserve = tonumber(ARGV[5])
if reserve > 0 then
  local quota = redis.call('HMGET', KEYS[2], 'remaining', 'reset')
  local remaining, reset = tonumber(quota[1]), tonumber(quota[2])
  if remaining and reset and reset > now and remaining < reserve then
    return {3, reset - now}
  end
end
if #KEYS < 5 then
  return {1, 0}
end
local slots, queue, alive, id = KEYS[3], KEYS[4], KEYS[5], ARGV[1]
-- Leases of workers that died holding them end on their own.
redis.call('ZREMRANGEBYSCORE', slots, '-inf', now)
-- So do the places of waiters that stopped asking.
local gone = redis.call('ZRANGEBYSCORE', alive, '-inf', now)
for _, waiter in ipairs(gone) do
  redis.call('ZREM', queue, waiter)
end
if #gone > 0 then
  redis.call('ZREMRANGEBYSCORE', alive, '-inf', now)
end
local free = tonumber(ARGV[2]) - redis.call('ZCARD', slots)
if free > 0 then
  -- First come, first served: a newcomer queues behind everyone already waiting.
  local rank = redis.call('ZRANK', queue, id)
  if not rank then
    rank = redis.call('ZCARD', queue)
  end
  if rank < free then
    local lease = tonumber(ARGV[3])
    redis.call('ZADD', slots, now + lease, id)
    if redis.call('PTTL', slots) < lease then
      redis.call('PEXPIRE', slots, lease)
    end
    redis.call('ZREM', queue, id)
    redis.call('ZREM', alive, id)
    return {1, free - 1}
  end
end
local ttl = tonumber(ARGV[4])
redis.call('ZADD', queue, 'NX', now, id)
redis.call('ZADD', alive, now + ttl, id)
redis.call('PEXPIRE', queue, ttl)
redis.call('PEXPIRE', alive, ttl)
return {0, redis.call('ZRANK', queue, id)}
";

/// Holds every worker for ARGV[1] ms from now, unless a longer hold is set. KEYS: hold.
/// Answers how long the hold now lasts, in ms.
pub(crate) const HOLD: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ms = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]))
if current and current >= now + ms then
  return current - now
end
redis.call('SET', KEYS[1], now + ms, 'PX', ms)
return ms
";

/// Keeps the latest reading of the daily quota. KEYS: quota. ARGV: requests remaining,
/// reset as Unix ms. A reading of a later window replaces the kept one; within a window
/// (resets at most a second apart) the lowest count is the latest. Readings of a window
/// already past are dropped. Answers 1 when the reading was kept.
pub(crate) const QUOTA: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local remaining, reset = tonumber(ARGV[1]), tonumber(ARGV[2])
if reset <= now then
  return 0
end
local kept = redis.call('HMGET', KEYS[1], 'remaining', 'reset')
local kept_remaining, kept_reset = tonumber(kept[1]), tonumber(kept[2])
if kept_reset and reset <= kept_reset + 1000
   and (reset < kept_reset - 1000 or remaining >= kept_remaining) then
  return 0
end
redis.call('HSET', KEYS[1], 'remaining', remaining, 'reset', reset)
redis.call('PEXPIRE', KEYS[1], reset - now)
return 1
";

/// Gives a lease back. KEYS: slots, queue. ARGV: lease id, company, channel. Announces the
/// release only when someone waits for that company, so that uncontended calls wake no one.
pub(crate) const RELEASE: &str = r"
redis.call('ZREM', KEYS[1], ARGV[1])
if redis.call('ZCARD', KEYS[2]) > 0 then
  redis.call('PUBLISH', ARGV[3], ARGV[2])
end
return 0
";
