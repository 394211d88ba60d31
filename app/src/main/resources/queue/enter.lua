-- Joins the line, or reports the place already held: entering twice never moves anyone back.
-- KEYS: 1 line (zset user -> ticket), 2 ticket counter, 3 pre-queue (set), 4 admitted (zset user -> pass expiry ms),
--       5 last seen (zset user -> ms), 6 config (hash)
-- ARGV: 1 user id, 2 now (ms), 3 'PRE' before sales open, 'OPEN' after, 4 default admissions per second
-- Returns {state, position or pre-queue size, ticket, rate, admitted-until}; state ADMITTED, WAITING or PRE.
local user, now = ARGV[1], tonumber(ARGV[2])
local rate = tostring(tonumber(redis.call('HGET', KEYS[6], 'rate')) or tonumber(ARGV[4]))

local admittedUntil = tonumber(redis.call('ZSCORE', KEYS[4], user))
if admittedUntil and admittedUntil > now then
  return {'ADMITTED', 0, 0, rate, tostring(admittedUntil)}
end
redis.call('ZADD', KEYS[5], now, user)

local ticket = tonumber(redis.call('ZSCORE', KEYS[1], user))
if not ticket then
  if ARGV[3] == 'PRE' or redis.call('SISMEMBER', KEYS[3], user) == 1 then
    -- Early arrivals wait unordered; open.lua draws their order once, when sales open.
    redis.call('SADD', KEYS[3], user)
    return {'PRE', redis.call('SCARD', KEYS[3]), 0, rate, '0'}
  end
  ticket = redis.call('INCR', KEYS[2])
  redis.call('ZADD', KEYS[1], ticket, user)
end
return {'WAITING', redis.call('ZRANK', KEYS[1], user) + 1, ticket, rate, '0'}
