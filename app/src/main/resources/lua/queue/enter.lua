-- needs: shared/take-token.lua, shared/open-line.lua
-- Joins the line, or reports the place already held: entering twice never moves anyone back.
-- Pre-queue or line is decided here, on Redis's clock (TIME), never on the calling instance's:
-- before sales open an entry waits in the pre-queue; from the opening moment on it joins the line,
-- and the first entry to find the line not yet drawn draws it (openLine, shared/open-line.lua) in
-- the same atomic step, so no entry can land in a pre-queue that has already been drawn.
-- The entry's rate limits are taken here too (takeFromEach, shared/take-token.lua), from buckets in the
-- event's slot: the account's, then the client address's, each refused entry costing no round trip
-- of its own and no entry getting past them.
-- KEYS: 1 line (zset user -> ticket), 2 ticket counter, 3 pre-queue (set), 4 admitted (zset user -> pass expiry ms),
--       5 last seen (zset user -> ms), 6 config (hash), 7 opened flag,
--       8, 9 the user's entry bucket (tokens, counted at), 10, 11 the address's entry bucket
-- ARGV: 1 user id, 2 sales open (epoch ms), 3 default admissions per second, 4 random seed for the draw,
--       5 entries per user per window (0: not limited), 6 entries per address per window (0: not limited),
--       7 the window in ms
-- Returns {state, position or pre-queue size, ticket, rate, admitted-until}; state ADMITTED, WAITING or PRE;
-- or {'LIMITED', 'account' or 'address', ms until the bucket holds a token again}.
local now = redisNow()
local user = ARGV[1]

local limited, wait = takeFromEach({{KEYS[8], KEYS[9], tonumber(ARGV[5]), 'account'},
  {KEYS[10], KEYS[11], tonumber(ARGV[6]), 'address'}}, tonumber(ARGV[7]), now)
if limited then
  return {'LIMITED', limited, wait}
end

local rate = tostring(tonumber(redis.call('HGET', KEYS[6], 'rate')) or tonumber(ARGV[3]))

local admittedUntil = tonumber(redis.call('ZSCORE', KEYS[4], user))
if admittedUntil and admittedUntil > now then
  return {'ADMITTED', 0, 0, rate, tostring(admittedUntil)}
end
redis.call('ZADD', KEYS[5], now, user)

local ticket = tonumber(redis.call('ZSCORE', KEYS[1], user))
if not ticket then
  if redis.call('EXISTS', KEYS[7]) == 0
      and openLine(KEYS[1], KEYS[2], KEYS[3], KEYS[7], tonumber(ARGV[2]), ARGV[4], now) == -2 then
    -- Early arrivals wait unordered until the draw.
    redis.call('SADD', KEYS[3], user)
    return {'PRE', redis.call('SCARD', KEYS[3]), 0, rate, '0'}
  end
  -- An early arrival whose entry just drew the line already holds a ticket.
  ticket = tonumber(redis.call('ZSCORE', KEYS[1], user))
  if not ticket then
    ticket = redis.call('INCR', KEYS[2])
    redis.call('ZADD', KEYS[1], ticket, user)
  end
end
return {'WAITING', redis.call('ZRANK', KEYS[1], user) + 1, ticket, rate, '0'}
