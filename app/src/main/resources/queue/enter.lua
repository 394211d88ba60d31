-- Joins the line, or reports the place already held: entering twice never moves anyone back.
-- Whether an entry joins the pre-queue or the line is decided here, by whether open.lua has drawn
-- the line yet, never by the calling instance's clock: once any instance has opened the line, an
-- entry through an instance whose clock still says "before opening" joins the line too, instead of
-- a pre-queue that has already been drawn and would never be drawn again.
-- KEYS: 1 line (zset user -> ticket), 2 ticket counter, 3 pre-queue (set), 4 admitted (zset user -> pass expiry ms),
--       5 last seen (zset user -> ms), 6 config (hash), 7 opened flag
-- ARGV: 1 user id, 2 now (ms), 3 default admissions per second
-- Returns {state, position or pre-queue size, ticket, rate, admitted-until}; state ADMITTED, WAITING or PRE.
local user, now = ARGV[1], tonumber(ARGV[2])
local rate = tostring(tonumber(redis.call('HGET', KEYS[6], 'rate')) or tonumber(ARGV[3]))

local admittedUntil = tonumber(redis.call('ZSCORE', KEYS[4], user))
if admittedUntil and admittedUntil > now then
  return {'ADMITTED', 0, 0, rate, tostring(admittedUntil)}
end
redis.call('ZADD', KEYS[5], now, user)

local ticket = tonumber(redis.call('ZSCORE', KEYS[1], user))
if not ticket then
  if redis.call('EXISTS', KEYS[7]) == 0 then
    -- Early arrivals wait unordered; open.lua draws their order once, when sales open.
    redis.call('SADD', KEYS[3], user)
    return {'PRE', redis.call('SCARD', KEYS[3]), 0, rate, '0'}
  end
  ticket = redis.call('INCR', KEYS[2])
  redis.call('ZADD', KEYS[1], ticket, user)
end
return {'WAITING', redis.call('ZRANK', KEYS[1], user) + 1, ticket, rate, '0'}
