-- Whether a user's passes for the event were ended before they expire, on Redis's clock, the one
-- leave.lua marked them by.
-- KEYS: 1 revoked passes (hash user id -> epoch ms until which that user's passes are refused)
-- ARGV: 1 user id
-- Returns 1 when the user's passes are refused now, else 0.
local now = redisNow()
local endsAt = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
if endsAt and endsAt > now then
  return 1
end
return 0
