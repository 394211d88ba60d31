-- An email's wrong passwords with Redis's time now, for SignInDelays to reckon the wait on one clock.
-- KEYS: 1 the email's failures (hash: count, last in epoch ms)
-- Returns {count, last, now}; the count is 0 when none are remembered.
local failures = redis.call('HMGET', KEYS[1], 'count', 'last')
local now = redisNow()
return {tonumber(failures[1]) or 0, tonumber(failures[2]) or 0, now}
