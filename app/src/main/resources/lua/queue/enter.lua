-- needs: shared/take-token.lua, shared/ticket.lua, shared/open-line.lua, shared/queue-mode.lua, shared/standing.lua
-- Joins the line, or reports the place already held: entering twice never moves anyone back.
-- Pre-queue or line is decided here, on Redis's clock (TIME), never on the calling instance's:
-- before sales open an entry waits in the pre-queue; from the opening moment on it joins the line,
-- and the first entry to find the line not yet drawn draws it (openLine, shared/open-line.lua) in
-- the same atomic step, so no entry can land in a pre-queue that has already been drawn.
-- The entry's rate limits are taken here too (takeFromEach, shared/take-token.lua), from buckets in the
-- event's slot: the account's, then the client address's, each refused entry costing no round trip
-- of its own and no entry getting past them.
-- The queueing mode (queueMode, shared/queue-mode.lua) shapes only new entries: CLOSED turns them
-- away, FIFO gives early arrivals their place in line at once instead of a draw, PASSTHROUGH lets
-- them straight in while nobody waits and fewer than maxActive are inside. Whoever is already in
-- the pre-queue, the line or inside keeps their standing in every mode.
-- The proof-of-work door (docs/abuse-controls.md) is decided here too, while the event's config
-- `bits` > 0: a new entry whose solution does not prove that many bits, was used before, or comes
-- from a marked account joins the infinite line (limbo) instead of the line.
-- KEYS: 1 line (zset user -> ticket), 2 ticket counter, 3 pre-queue (set), 4 admitted (zset user -> pass expiry ms),
--       5 last seen (zset user -> ms), 6 config (hash), 7 opened flag,
--       8, 9 the user's entry bucket (tokens, counted at), 10, 11 the address's entry bucket,
--       12 revoked passes, 13 stats (hash; 'entries' counts first joins, for the console), 14 limbo (zset user -> virtual ticket),
--       15 marked accounts (zset user -> marked until, ms), 16 regular from (shared/ticket.lua),
--       17 the solution's nonce (only with a proven solution)
-- ARGV: 1 user id, 2 sales open (epoch ms), 3 default admissions per second, 4 random seed for the draw,
--       5 entries per user per window (0: not limited), 6 entries per address per window (0: not limited),
--       7 the window in ms, 8 admission lifetime (ms), 9 seats that could still be bought, 10 default max active,
--       11 the bits the solution proves (-1: none), 12 ms the nonce stays remembered (until the challenge
--       expires), 13 ms a mark lasts
-- Returns {state, position or pre-queue size, ticket, rate, admitted-until, message}; state ADMITTED, WAITING,
-- PRE or CLOSED, and a seventh element '1' when this entry let the user straight in (a new admission); or {'LIMBO', real waiters ahead of the virtual ticket, virtual ticket, rate, '0', message};
-- or {'LIMITED', 'account' or 'address', ms until the bucket holds a token again}.
local now = redisNow()
local user = ARGV[1]

local config = redis.call('HMGET', KEYS[6], 'rate', 'message', 'maxActive', 'paused', 'bits')
local bits = tonumber(config[5]) or 0

local limited, wait = takeFromEach({{KEYS[8], KEYS[9], tonumber(ARGV[5]), 'account'},
  {KEYS[10], KEYS[11], tonumber(ARGV[6]), 'address'}}, tonumber(ARGV[7]), now)
if limited then
  -- The door: an account that runs into its entry limit while the door is on is a bot's until it proves otherwise.
  if limited == 'account' and bits > 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[15], '-inf', now)
    redis.call('ZADD', KEYS[15], now + tonumber(ARGV[13]), user)
  end
  return {'LIMITED', limited, wait}
end

local rate = tostring(tonumber(config[1]) or tonumber(ARGV[3]))
local message = config[2] or ''

-- Drawn here when this is the first entry since the opening, which may place this very user.
local open = redis.call('EXISTS', KEYS[7]) == 1
  or openLine(KEYS[1], KEYS[2], KEYS[16], KEYS[3], KEYS[7], tonumber(ARGV[2]), ARGV[4], now) ~= -2
local standing = standingOf(KEYS[1], KEYS[3], KEYS[4], KEYS[5], user, now, rate, message)
if standing then
  return standing
end

local mode = queueMode(KEYS[6], now)
if mode == 'CLOSED' then
  return {'CLOSED', 0, 0, rate, '0', message}
end

-- The door: a new entry must prove the event's bits with a solution not used before, from an unmarked account.
if bits > 0 then
  local markedUntil = tonumber(redis.call('ZSCORE', KEYS[15], user))
  local through = not (markedUntil and markedUntil > now) and tonumber(ARGV[11]) >= bits
    and redis.call('SET', KEYS[17], '1', 'NX', 'PX', ARGV[12])
  if not through then
    -- Limbo: a virtual ticket, the one this entry would have drawn, taken from no counter and
    -- added to no line, so real waiters' places never count it; admit.lua never looks here.
    if not redis.call('ZSCORE', KEYS[14], user) then
      -- Behind everyone holding or about to draw a ticket (the pre-queue draws first).
      local virtual = ticketCounter(KEYS[2], KEYS[16]) + redis.call('SCARD', KEYS[3]) + 1
      redis.call('ZADD', KEYS[14], virtual, user)
    end
    return limboStandingOf(KEYS[14], KEYS[1], KEYS[3], KEYS[7], user, rate, message)
  end
end
-- Through the door now (or the door is off): out of limbo, if they were there, to the back.
redis.call('ZREM', KEYS[14], user)

if open and mode == 'PASSTHROUGH' and config[4] ~= '1' and redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
  local inside = redis.call('ZCARD', KEYS[4])
  local maxActive = tonumber(config[3]) or tonumber(ARGV[10])
  -- The tick's own bounds (admit.lua), without its rate: never more inside than the cap or the seats left.
  if inside < maxActive and inside < tonumber(ARGV[9]) then
    local untilMs = now + tonumber(ARGV[8])
    redis.call('ZADD', KEYS[4], untilMs, user)
    redis.call('HDEL', KEYS[12], user)
    redis.call('HINCRBY', KEYS[13], 'admitted', 1)
    redis.call('HINCRBY', KEYS[13], 'entries', 1) -- Console: let straight in is an entry too.
    return {'ADMITTED', 0, 0, rate, tostring(untilMs), message, '1'}
  end
end

redis.call('ZADD', KEYS[5], now, user)
-- Early arrivals wait unordered until the draw, unless the mode is FIFO and nobody is waiting for a
-- draw already: then arrival order is the order, and one arriving later must not pass those earlier.
if not open and (mode ~= 'FIFO' or redis.call('EXISTS', KEYS[3]) == 1) then
  -- Console: a first join counts as an entry; a repeated one does not.
  redis.call('HINCRBY', KEYS[13], 'entries', redis.call('SADD', KEYS[3], user))
  return {'PRE', redis.call('SCARD', KEYS[3]), 0, rate, '0', message}
end
local ticket = nextTicket(KEYS[2], KEYS[16])
redis.call('ZADD', KEYS[1], ticket, user)
redis.call('HINCRBY', KEYS[13], 'entries', 1) -- Console: a new ticket is a new entry.
return {'WAITING', redis.call('ZRANK', KEYS[1], user) + 1, ticket, rate, '0', message}
