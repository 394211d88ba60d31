-- Marks the waiters whose streams are open on the calling instance as present, at Redis's time
-- (TIME): admit.lua judges silence by that clock, so an instance whose own clock is behind cannot
-- make its waiters look abandoned, nor one whose clock is ahead keep them looking present.
-- KEYS: 1 last seen (zset user -> ms)
-- ARGV: the user ids
-- Returns how many were marked.
local now = redisNow()
local batch = {}
for i = 1, #ARGV do
  batch[#batch + 1] = now
  batch[#batch + 1] = ARGV[i]
  -- unpack hands Lua's C stack a few thousand values at most: an instance may mark ten thousand waiters.
  if #batch >= 2000 then
    redis.call('ZADD', KEYS[1], unpack(batch))
    batch = {}
  end
end
if #batch > 0 then
  redis.call('ZADD', KEYS[1], unpack(batch))
end
return #ARGV
