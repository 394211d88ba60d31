-- Tests only. Redis's clock cannot be moved, so time passes for a waiting room the other way round:
-- every moment the room holds moves ARGV[1] ms into the past, which is how the room will look to
-- the scripts that many ms from now.
-- KEYS: 1 last seen, 2 admitted, 3 bucket, 4 revoked passes, 5 stats, 6 ticket marks, 7 the rebuilt mark (ms until which
--       admissions wait)
-- ARGV: 1 ms that pass
local elapsed = tonumber(ARGV[1])
for _, key in ipairs({KEYS[1], KEYS[2]}) do
  local entries = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
  for i = 1, #entries, 2 do
    redis.call('ZADD', key, tonumber(entries[i + 1]) - elapsed, entries[i])
  end
end
local revoked = redis.call('HGETALL', KEYS[4])
for i = 1, #revoked, 2 do
  redis.call('HSET', KEYS[4], revoked[i], tonumber(revoked[i + 1]) - elapsed)
end
for _, moment in ipairs({{KEYS[3], 'at'}, {KEYS[5], 'soldOutAt'}}) do
  local value = redis.call('HGET', moment[1], moment[2])
  if value then
    redis.call('HSET', moment[1], moment[2], tonumber(value) - elapsed)
  end
end
local rebuilt = tonumber(redis.call('GET', KEYS[7]))
if rebuilt then
  redis.call('SET', KEYS[7], rebuilt - elapsed, 'KEEPTTL')
end
-- A ticket mark carries its moment in the member ('counter:ms'), its score being the counter.
local marks = redis.call('ZRANGE', KEYS[6], 0, -1, 'WITHSCORES')
for i = 1, #marks, 2 do
  local counter, at = string.match(marks[i], '^(%d+):(%d+)$')
  redis.call('ZREM', KEYS[6], marks[i])
  redis.call('ZADD', KEYS[6], marks[i + 1], counter .. ':' .. (tonumber(at) - elapsed))
end
return 1
