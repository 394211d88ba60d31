-- needs: shared/take-token.lua
-- Takes one token from one bucket.
-- KEYS: 1 tokens left, 2 when they were counted (epoch ms)
-- ARGV: 1 capacity, 2 window in ms
-- Returns {1, 0} when a token was taken, else {0, ms until the next token}.
local taken, wait = takeToken(KEYS[1], KEYS[2], tonumber(ARGV[1]), tonumber(ARGV[2]), redisNow())
return {taken, wait}
