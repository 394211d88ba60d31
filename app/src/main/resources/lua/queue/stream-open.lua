-- Opens a position stream for one user and event unless the user already has the most open.
-- Streams whose instance stopped marking them (it crashed, or lost Redis) count until they go stale.
-- KEYS: 1 the user's open streams (zset stream id -> last sign of life, ms)
-- ARGV: 1 stream id, 2 stale after (ms), 3 most streams open at once
-- Returns 0 when opened, else the ms until the longest-silent stream goes stale (at least 1).
local now = redisNow()
local staleAfter = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - staleAfter))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + staleAfter - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], staleAfter)
return 0
