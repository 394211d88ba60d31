-- How many admissions are still running, on Redis's clock, the one admit.lua gave them.
-- KEYS: 1 admitted (zset user -> pass expiry ms)
-- Returns the count.
local now = redisNow()
return redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')
