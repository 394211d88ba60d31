-- How many admissions are still running, on Redis's clock, the one admit.lua gave them.
-- KEYS: 1 admitted (zset user -> pass expiry ms)
-- Returns the count.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
return redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')
