-- needs: shared/queue-mode.lua
-- The waiting room's figures for the operator's console, in one read: sizes of the line, the
-- cumulative counters of the stats hash (entries, admitted, skipped, wait:<bucket>) and the raw
-- settings. Read once per second per watched event per instance, whatever the number of consoles.
-- KEYS: 1 pre-queue, 2 line, 3 admitted (zset user -> pass expiry ms), 4 limbo, 5 stats, 6 config
-- Returns {pre-queue, waiting, inside, limbo, rate, maxActive, paused, mode, message, bits, the mode in force now,
--          stats field, value, field, value...}; a setting that is not set is nil.
local now = redisNow()
local result = {redis.call('SCARD', KEYS[1]), redis.call('ZCARD', KEYS[2]), redis.call('ZCOUNT', KEYS[3], '(' .. now, '+inf'),
  redis.call('ZCARD', KEYS[4])}
local config = redis.call('HMGET', KEYS[6], 'rate', 'maxActive', 'paused', 'mode', 'message', 'bits')
for i = 1, #config do
  result[#result + 1] = config[i]
end
result[#result + 1] = queueMode(KEYS[6], now)
local stats = redis.call('HGETALL', KEYS[5])
for i = 1, #stats do
  result[#result + 1] = stats[i]
end
return result
