-- Marks the waiters whose streams are open on the calling instance as present, at Redis's time
-- (TIME): admit.lua judges silence by that clock, so an instance whose own clock is behind cannot
-- make its waiters look abandoned, nor one whose clock is ahead keep them looking present.
-- Answers those of them Redis has nowhere (not in line, pre-queue, inside or the infinite line): a
-- stream's waiter is somewhere until its stream hears so, unless Redis forgot them, and then their
-- streams put them back (restore.lua) from the places they hold.
-- KEYS: 1 last seen (zset user -> ms), 2 line, 3 pre-queue, 4 admitted, 5 limbo
-- ARGV: the user ids
-- Returns {how many were marked, then the user ids Redis has nowhere} (never empty, which Redis
-- would answer as nothing at all).
local now = redisNow()
local batch, missing = {}, {0}
for i = 1, #ARGV do
  local user = ARGV[i]
  if redis.call('ZSCORE', KEYS[2], user) or redis.call('SISMEMBER', KEYS[3], user) == 1
    or redis.call('ZSCORE', KEYS[4], user) or redis.call('ZSCORE', KEYS[5], user) then
    batch[#batch + 1] = now
    batch[#batch + 1] = user
    missing[1] = missing[1] + 1
  else
    missing[#missing + 1] = user
  end
  -- unpack hands Lua's C stack a few thousand values at most: an instance may mark ten thousand waiters.
  if #batch >= 2000 then
    redis.call('ZADD', KEYS[1], unpack(batch))
    batch = {}
  end
end
if #batch > 0 then
  redis.call('ZADD', KEYS[1], unpack(batch))
end
return missing
