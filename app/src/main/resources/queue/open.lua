-- Opens the line once sales open: the pre-queue is shuffled (Fisher-Yates) and its members take
-- the first tickets, ahead of everyone who arrives later. Idempotent: only the first call acts.
-- KEYS: 1 line, 2 ticket counter, 3 pre-queue, 4 opened flag
-- ARGV: 1 random seed from the caller (scripts must not rely on Redis's fixed seed)
-- Returns the number of early arrivals placed, or -1 when the line was already open.
if redis.call('SET', KEYS[4], '1', 'NX') == false then
  return -1
end
local early = redis.call('SMEMBERS', KEYS[3])
math.randomseed(tonumber(ARGV[1]))
for i = #early, 2, -1 do
  local j = math.random(i)
  early[i], early[j] = early[j], early[i]
end
for i = 1, #early do
  redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[2]), early[i])
end
redis.call('DEL', KEYS[3])
return #early
