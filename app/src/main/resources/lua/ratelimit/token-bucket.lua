-- needs: shared/take-token.lua
-- Takes one token from one bucket.
-- KEYS: 1 tokens left, 2 when they were counted (epoch ms)
-- ARGV: 1 capacity, 2 window in ms
-- Returns {'TAKEN'} when a token was taken, else {'LIMITED', 'bucket', ms until the next token}, a
-- refusal as every script that takes tokens answers it (Take).
local taken, wait = takeToken(KEYS[1], KEYS[2], tonumber(ARGV[1]), tonumber(ARGV[2]), redisNow())
if taken == 0 then
  return {'LIMITED', 'bucket', wait}
end
return {'TAKEN'}
