-- Leaves the line, or gives up an admission so that its slot goes to the next waiter.
-- A ticket that leaves from the middle is remembered in 'departed', so that positions can be
-- computed for every waiter from the head ticket alone (see line.lua).
-- Ending the pass too (ARGV[2] = 1: the user left the line, or bought their whole share) marks it
-- revoked until it would have expired anyway; the next admission of that user clears the mark.
-- KEYS: 1 line, 2 pre-queue, 3 admitted, 4 last seen, 5 departed (zset ticket -> ticket),
--       6 revoked passes (hash user id -> epoch ms until which their passes are refused),
--       7 limbo (the door's infinite line: no real ticket, so nothing for 'departed')
-- ARGV: 1 user id, 2 end the pass (1 or 0), 3 how long the mark lasts (ms): as long as a pass could
--       still be used, from now on Redis's clock
-- Returns 1 when the user was waiting or admitted, 0 otherwise.
local user = ARGV[1]
if ARGV[2] == '1' then
  local now = redisNow()
  redis.call('HSET', KEYS[6], user, now + tonumber(ARGV[3]))
end
local removed = 0
local ticket = redis.call('ZSCORE', KEYS[1], user)
if ticket then
  redis.call('ZREM', KEYS[1], user)
  redis.call('ZADD', KEYS[5], ticket, ticket)
  removed = 1
end
removed = removed + redis.call('SREM', KEYS[2], user) + redis.call('ZREM', KEYS[3], user) + redis.call('ZREM', KEYS[7], user)
redis.call('ZREM', KEYS[4], user)
if removed > 0 then
  return 1
end
return 0
