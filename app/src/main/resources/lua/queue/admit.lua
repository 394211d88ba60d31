-- needs: shared/queue-mode.lua, shared/wait-histogram.lua, shared/served.lua
-- One admission tick for one event. Any instance may run it at any time: the script is atomic and
-- the token bucket lives in Redis, so several instances together admit at the configured rate,
-- never admit anyone twice, and keep admitting when one of them dies.
-- The room's keys end by themselves: a while (ARGV 8) after sales close, or after the moment the
-- event sold out if that came first. Set again on every tick, so a changed closing time is followed,
-- and seats that come back (a cancelled purchase) bring the room back to the closing time.
-- KEYS: 1 line, 2 admitted, 3 last seen, 4 config, 5 bucket, 6 stats, 7 departed, 8 revoked passes,
--       9 ticket counter, 10 pre-queue, 11 opened flag, 12 limbo, 13 marked accounts, 14 ticket marks
--       (shared/wait-histogram.lua), 15 served tickets (shared/served.lua), 16 regular from
--       (shared/ticket.lua), 17 the mark that admissions were rebuilt (every key of the room, for
--       their expiry; limbo is never admitted from, and only expires here)
-- The time is Redis's own (TIME): instances whose clocks differ still refill one bucket and expire
-- admissions at one moment.
-- ARGV: 1 seats that could still be bought (available + held), 2 grace (ms) after which a silent
--       waiter counts as gone, 3 admission lifetime (ms), 4 default rate, 5 default max active,
--       6 most waiters to look at in one tick, 7 sales close (epoch ms), 8 how long the room stays
--       after the sale ended (ms), 9 sales open (epoch ms), 10 '1' when the config is shared with
--       another line (a presale lane's room): its expiry is the public line's to set, not this one's
-- Nobody is admitted before the opening (FIFO gives early arrivals tickets before it), nor while
-- the event is paused or its mode is QUEUE_ALL (queueMode, shared/queue-mode.lua), when the line
-- keeps its order and its positions and only waits.
-- Returns {1, admitted until (epoch ms), then each admitted user id and the ticket it was admitted
-- from}; or, without touching anything, {0} when the config hash holds no copy of the settings: a
-- Redis that forgot it must not run the sale on defaults (unpaused, door off), so the caller copies
-- the settings back from the database and ticks again (queue.QueueSettingsStore#restore); or {2}
-- when the room has no mark that its admissions were rebuilt: a Redis that forgot who is inside
-- must not admit up to the cap again, so the caller puts back the admissions still running from the
-- database's ledger (rebuild-admitted.lua) and ticks again.
if redis.call('HEXISTS', KEYS[4], 'version') == 0 then
  return {0}
end
if redis.call('EXISTS', KEYS[17]) == 0 then
  return {2}
end
local now = redisNow()
local purchasable, grace, lifetime = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local keep = tonumber(ARGV[8])

local endsAt = tonumber(ARGV[7]) + keep
local soldOutAt = tonumber(redis.call('HGET', KEYS[6], 'soldOutAt'))
-- Every way out of the script sets the expiry, on the keys this tick created too.
local function done(result)
  if soldOutAt then
    endsAt = math.min(endsAt, soldOutAt + keep)
  end
  for i = 1, #KEYS do
    if i ~= 4 or ARGV[10] ~= '1' then
      redis.call('PEXPIREAT', KEYS[i], endsAt)
    end
  end
  table.insert(result, 1, string.format('%.0f', now + lifetime))
  table.insert(result, 1, 1)
  return result
end

-- Nobody waiting: nothing to do, and an idle event should cost a few lookups per tick, not dozens.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return done({})
end
-- Console: dates the tickets issued since the last tick, paused or not.
markTickets(KEYS[14], KEYS[9], now)
if purchasable <= 0 then
  -- Recorded only while someone waits: an empty room has nothing worth a key of its own.
  if not soldOutAt then
    soldOutAt = now
    redis.call('HSET', KEYS[6], 'soldOutAt', now)
  end
elseif soldOutAt then
  soldOutAt = nil
  redis.call('HDEL', KEYS[6], 'soldOutAt')
end

-- Admissions whose pass has expired free their slot.
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)

local config = redis.call('HMGET', KEYS[4], 'rate', 'maxActive', 'paused')
local rate = tonumber(config[1]) or tonumber(ARGV[4])
local maxActive = tonumber(config[2]) or tonumber(ARGV[5])

-- Refill: at most one second's worth of tokens, so a pause or an idle line does not bank a burst.
local bucket = redis.call('HMGET', KEYS[5], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or 0
local at = tonumber(bucket[2]) or now
tokens = math.min(math.max(rate, 1), tokens + math.max(0, now - at) * rate / 1000)
redis.call('HSET', KEYS[5], 'tokens', tostring(tokens), 'at', tostring(now))
-- Also while the waiters a Redis that forgot the room are coming back (rebuild-admitted.lua).
if config[3] == '1' or now < tonumber(ARGV[9]) or queueMode(KEYS[4], now) == 'QUEUE_ALL' or now < tonumber(redis.call('GET', KEYS[17])) then
  return done({})
end

local active = redis.call('ZCARD', KEYS[2])
-- Never more buyers inside than seats they could still buy.
local room = math.min(math.floor(tokens), maxActive - active, purchasable - active)
local admitted, skipped, looked, waits = {}, 0, 0, {}
while room > 0 and looked < tonumber(ARGV[6]) do
  local head = redis.call('ZPOPMIN', KEYS[1])
  if #head == 0 then
    break
  end
  looked = looked + 1
  local user = head[1]
  markServed(KEYS[15], KEYS[7], head[2])
  local seen = tonumber(redis.call('ZSCORE', KEYS[3], user))
  redis.call('ZREM', KEYS[3], user)
  if seen and seen >= now - grace then
    redis.call('ZADD', KEYS[2], now + lifetime, user)
    -- A new admission, a new pass: an earlier one's revocation no longer applies.
    redis.call('HDEL', KEYS[8], user)
    admitted[#admitted + 1] = user
    admitted[#admitted + 1] = tonumber(head[2])
    noteWait(KEYS[14], tonumber(head[2]), now, waits)
    room = room - 1
  else
    skipped = skipped + 1
  end
end

local admittedCount = #admitted / 2
redis.call('HSET', KEYS[5], 'tokens', tostring(tokens - admittedCount))
-- Departed tickets the served ranges cover no longer matter to anyone's position, nor to restore.lua.
local lastServed = redis.call('ZRANGE', KEYS[15], -1, -1)
if #lastServed > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[7], '-inf', string.match(lastServed[1], ':(%d+)$'))
end
local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #head > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[14], '-inf', '(' .. head[2])
else
  redis.call('DEL', KEYS[14])
end
recordWaits(KEYS[6], waits)
if admittedCount > 0 then
  redis.call('HINCRBY', KEYS[6], 'admitted', admittedCount)
end
if skipped > 0 then
  redis.call('HINCRBY', KEYS[6], 'skipped', skipped)
end
return done(admitted)
