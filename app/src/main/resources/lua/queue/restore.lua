-- needs: shared/standing.lua, shared/ticket.lua, shared/served.lua
-- Puts a waiter Redis forgot back where the service's signature says they were (docs/operations.md,
-- "When Redis forgets"): at their own ticket in the line, so that whoever held a lower one is still
-- ahead of them and whoever entered after the loss (shared/ticket.lua) behind; in the pre-queue until
-- the draw, or after it at the back of the line (the draw's order was never theirs to keep); in the
-- door's infinite line at their virtual ticket; or inside, until the admission the database's ledger
-- says is still running ends. Atomic, and once: a user Redis has anywhere is answered where they are,
-- so two instances putting the same waiter back at once put them back once.
-- KEYS: 1 line, 2 pre-queue, 3 admitted, 4 last seen, 5 config, 6 limbo, 7 opened flag, 8 ticket counter,
--       9 regular from, 10 departed, 11 served tickets, 12 stats (hash; 'restored' counts, for the console),
--       13 revoked passes (who left)
-- ARGV: 1 user id, 2 default admissions per second, 3 where to (LINE, PRE, LIMBO or ADMITTED), 4 the ticket
--       (LINE, LIMBO), 5 admitted until (epoch ms, ADMITTED), 6 sales open (epoch ms)
-- Returns what status.lua returns; NONE when the place is not to be put back (served, left, or an
-- admission that has ended): status.lua's check, made again in this atomic step.
local now = redisNow()
local user, kind, ticket = ARGV[1], ARGV[3], ARGV[4]
local config = redis.call('HMGET', KEYS[5], 'rate', 'message')
local rate = tostring(tonumber(config[1]) or tonumber(ARGV[2]))
local message = config[2] or ''
local function standing()
  return standingOf(KEYS[1], KEYS[2], KEYS[3], KEYS[4], user, now, rate, message)
    or limboStandingOf(KEYS[6], KEYS[1], KEYS[2], KEYS[7], user, rate, message)
end
local already = standing()
if already then
  return already
end
local none = {'NONE', 0, 0, rate, '0', message}
if kind ~= 'ADMITTED' and settled(KEYS[11], KEYS[10], KEYS[13], user, kind, ticket, now) then
  return none
end
if kind == 'ADMITTED' then
  if tonumber(ARGV[5]) <= now then
    return none
  end
  redis.call('ZADD', KEYS[3], ARGV[5], user)
elseif kind == 'LIMBO' then
  redis.call('ZADD', KEYS[6], ticket, user)
else
  local drawn = redis.call('EXISTS', KEYS[7]) == 1 or now >= tonumber(ARGV[6])
  if kind == 'PRE' and not drawn then
    redis.call('SADD', KEYS[2], user)
  elseif kind == 'PRE' then
    redis.call('ZADD', KEYS[1], nextTicket(KEYS[8], KEYS[9]), user)
  else
    -- The counter forgot its last tickets too: the ones up to this one are a gap, and the
    -- consecutive numbering starts after it (shared/ticket.lua).
    if tonumber(ticket) > ticketCounter(KEYS[8], KEYS[9]) then
      redis.call('SET', KEYS[8], ticket)
      redis.call('SET', KEYS[9], string.format('%.0f', tonumber(ticket) + 1))
    end
    redis.call('ZADD', KEYS[1], ticket, user)
  end
  if drawn then
    redis.call('SET', KEYS[7], '1')
  end
  redis.call('ZADD', KEYS[4], now, user)
end
redis.call('HINCRBY', KEYS[12], 'restored', 1)
return standing()
