-- Where a user stands, without joining. Asking counts as a sign of life for a waiter.
-- KEYS: 1 line, 2 pre-queue, 3 admitted, 4 last seen, 5 config
-- ARGV: 1 user id, 2 default admissions per second
-- Returns {state, position or pre-queue size, ticket, rate, admitted-until}; state NONE when not in line.
local now = redisNow()
local user = ARGV[1]
local rate = tostring(tonumber(redis.call('HGET', KEYS[5], 'rate')) or tonumber(ARGV[2]))

local admittedUntil = tonumber(redis.call('ZSCORE', KEYS[3], user))
if admittedUntil and admittedUntil > now then
  return {'ADMITTED', 0, 0, rate, tostring(admittedUntil)}
end
local ticket = tonumber(redis.call('ZSCORE', KEYS[1], user))
if ticket then
  redis.call('ZADD', KEYS[4], now, user)
  return {'WAITING', redis.call('ZRANK', KEYS[1], user) + 1, ticket, rate, '0'}
end
if redis.call('SISMEMBER', KEYS[2], user) == 1 then
  redis.call('ZADD', KEYS[4], now, user)
  return {'PRE', redis.call('SCARD', KEYS[2]), 0, rate, '0'}
end
return {'NONE', 0, 0, rate, '0'}
