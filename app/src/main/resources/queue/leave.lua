-- Leaves the line, or gives up an admission so that its slot goes to the next waiter.
-- A ticket that leaves from the middle is remembered in 'departed', so that positions can be
-- computed for every waiter from the head ticket alone (see line.lua).
-- KEYS: 1 line, 2 pre-queue, 3 admitted, 4 last seen, 5 departed (zset ticket -> ticket)
-- ARGV: 1 user id
-- Returns 1 when the user was waiting or admitted, 0 otherwise.
local user = ARGV[1]
local removed = 0
local ticket = redis.call('ZSCORE', KEYS[1], user)
if ticket then
  redis.call('ZREM', KEYS[1], user)
  redis.call('ZADD', KEYS[5], ticket, ticket)
  removed = 1
end
removed = removed + redis.call('SREM', KEYS[2], user) + redis.call('ZREM', KEYS[3], user)
redis.call('ZREM', KEYS[4], user)
if removed > 0 then
  return 1
end
return 0
