-- needs: shared/standing.lua, shared/served.lua
-- Where a user stands, without joining. Asking counts as a sign of life for a waiter.
-- With a place the service signed for the user (a line ticket, the pre-queue, or the door's infinite
-- line, from the stream ticket it holds), a user Redis has nowhere is told apart: their place was
-- forgotten, unless they left or it is a ticket that was served, and restore.lua may put it back.
-- KEYS: 1 line, 2 pre-queue, 3 admitted, 4 last seen, 5 config, 6 limbo (the door's infinite line), 7 opened flag,
--       8 departed, 9 served tickets (shared/served.lua), 10 revoked passes (who left)
-- ARGV: 1 user id, 2 default admissions per second, 3 the signed place's kind (LINE, PRE, LIMBO; '' for none),
--       4 its ticket ('0' but for LINE)
-- Returns {state, position or pre-queue size, ticket, rate, admitted-until, the operator's message}; state NONE
-- when not in line, then with a seventh element '1' when the signed place was forgotten; in limbo,
-- {'LIMBO', real waiters ahead of the virtual ticket, virtual ticket, rate, '0', message}, or PRE until the draw.
local now = redisNow()
local config = redis.call('HMGET', KEYS[5], 'rate', 'message')
local rate = tostring(tonumber(config[1]) or tonumber(ARGV[2]))
local message = config[2] or ''
local standing = standingOf(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], now, rate, message)
  or limboStandingOf(KEYS[6], KEYS[1], KEYS[2], KEYS[7], ARGV[1], rate, message)
if standing then
  return standing
end
local forgotten = ARGV[3] ~= '' and not settled(KEYS[9], KEYS[8], KEYS[10], ARGV[1], ARGV[3], ARGV[4], now)
return {'NONE', 0, 0, rate, '0', message, forgotten and '1' or '0'}
