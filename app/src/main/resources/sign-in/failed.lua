-- One more wrong password for an email, at Redis's time (TIME), never a caller's: counted on from
-- the last one, or from one again when the last was a whole window ago (SignInDelays.failed's
-- rule, applied here so that instances counting at once never lose a wrong password).
-- KEYS: 1 the email's failures (hash: count, last in epoch ms)
-- ARGV: 1 the window in ms, 2 how long to keep the record in ms
-- Returns the count.
local now = redisNow()
local last = tonumber(redis.call('HGET', KEYS[1], 'last'))
local count = 1
if last ~= nil and now < last + tonumber(ARGV[1]) then
  count = redis.call('HINCRBY', KEYS[1], 'count', 1)
else
  redis.call('HSET', KEYS[1], 'count', 1)
end
redis.call('HSET', KEYS[1], 'last', now)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return count
