-- One instance's sign of life for the operator's console, and the roll call of all of them: every
-- instance runs this once a second, so each knows how many serve, and their breakers and shed
-- requests, without asking the others. The moment is Redis's clock's (TIME), never an instance's.
-- KEYS: 1 the deployment's instances (hash instance id -> 'ms|redis breaker|database breaker|shed')
-- ARGV: 1 this instance's id, 2 its 'redis breaker|database breaker|shed', 3 ms after which a silent instance is gone
-- Returns {id, state, id, state...} of the instances alive, this one included; the gone are removed.
local now = redisNow()
redis.call('HSET', KEYS[1], ARGV[1], now .. '|' .. ARGV[2])
local alive = {}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local at, state = string.match(all[i + 1], '^(%d+)|(.*)$')
  if at and tonumber(at) >= now - tonumber(ARGV[3]) then
    alive[#alive + 1] = all[i]
    alive[#alive + 1] = state
  else
    redis.call('HDEL', KEYS[1], all[i])
  end
end
-- A deployment that stops leaves nothing behind for long.
redis.call('PEXPIRE', KEYS[1], 10 * tonumber(ARGV[3]))
return alive
