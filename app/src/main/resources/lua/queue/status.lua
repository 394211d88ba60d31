-- needs: shared/standing.lua
-- Where a user stands, without joining. Asking counts as a sign of life for a waiter.
-- KEYS: 1 line, 2 pre-queue, 3 admitted, 4 last seen, 5 config, 6 limbo (the door's infinite line), 7 opened flag
-- ARGV: 1 user id, 2 default admissions per second
-- Returns {state, position or pre-queue size, ticket, rate, admitted-until, the operator's message}; state NONE
-- when not in line; in limbo, {'LIMBO', real waiters ahead of the virtual ticket, virtual ticket, rate, '0', message},
-- or PRE until the draw.
local now = redisNow()
local config = redis.call('HMGET', KEYS[5], 'rate', 'message')
local rate = tostring(tonumber(config[1]) or tonumber(ARGV[2]))
local message = config[2] or ''
return standingOf(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], now, rate, message)
  or limboStandingOf(KEYS[6], KEYS[1], KEYS[2], KEYS[7], ARGV[1], rate, message)
  or {'NONE', 0, 0, rate, '0', message}
