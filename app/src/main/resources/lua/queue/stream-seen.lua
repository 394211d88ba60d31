-- Marks an open position stream as alive; one that went stale meanwhile counts again.
-- KEYS: 1 the user's open streams (zset stream id -> last sign of life, ms)
-- ARGV: 1 stream id, 2 stale after (ms)
-- Returns 1.
local now = redisNow()
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
