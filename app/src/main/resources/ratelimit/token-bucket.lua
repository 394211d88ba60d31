-- Takes one token from a bucket that holds at most ARGV[1] tokens and refills evenly, the whole
-- capacity over ARGV[2] ms (after Spring Cloud Gateway's request_rate_limiter.lua). The time is
-- Redis's own (TIME), never a caller's: instances whose clocks differ still share one bucket.
-- A bucket left alone for a whole window is full again, which is what a missing key means, so
-- both keys expire after a window.
-- KEYS: 1 tokens left, 2 when they were counted (epoch ms)
-- ARGV: 1 capacity, 2 window in ms
-- Returns {1, 0} when a token was taken, else {0, ms until the next token}.
local capacity = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local now = redisNow()

local tokens = tonumber(redis.call('GET', KEYS[1]))
local counted = tonumber(redis.call('GET', KEYS[2]))
if tokens == nil or counted == nil then
  tokens = capacity
else
  -- A clock that stepped back (a failover to a replica) refills nothing rather than taking away.
  tokens = math.min(capacity, tokens + math.max(0, now - counted) * capacity / window)
end

local taken = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  taken = 1
else
  wait = math.ceil((1 - tokens) * window / capacity)
end
redis.call('SET', KEYS[1], tostring(tokens), 'PX', window)
redis.call('SET', KEYS[2], now, 'PX', window)
return {taken, wait}
