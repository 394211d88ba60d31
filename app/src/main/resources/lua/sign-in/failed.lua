-- One more wrong password for an account, from one address and from every address, at Redis's time
-- (TIME), never a caller's: each count goes on from its last one, or from one again when the last was
-- a whole window ago (SignInDelays.failed's rule, applied here so that instances counting at once
-- never lose a wrong password).
-- KEYS: 1 the account's failures from this address, 2 its failures from every address (hashes: count, last)
-- ARGV: 1 the window in ms, 2 how long to keep a record in ms
-- Returns {count here, count everywhere}.
local now = redisNow()

local function failed(key)
  local last = tonumber(redis.call('HGET', key, 'last'))
  local count = 1
  if last ~= nil and now < last + tonumber(ARGV[1]) then
    count = redis.call('HINCRBY', key, 'count', 1)
  else
    redis.call('HSET', key, 'count', 1)
  end
  redis.call('HSET', key, 'last', now)
  redis.call('PEXPIRE', key, ARGV[2])
  return count
end

return {failed(KEYS[1]), failed(KEYS[2])}
