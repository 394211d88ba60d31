-- needs: shared/take-token.lua
-- What a hold asks of Redis before it reaches the database, in one round trip. A retry of a request
-- this gate let through (the same Idempotency-Key and body) passes again at once, a few times: it
-- asks for the reservation its first request made, and neither the pass's end nor an empty bucket
-- may keep that from it. Any other hold: whether the user's passes for the event were ended before
-- they expire (on Redis's clock, the one leave.lua marked them by), then the hold's rate limits,
-- from buckets in the event's slot (takeFromEach, shared/take-token.lua): the account's, then the client
-- address's. A hold on an ended pass takes no token.
-- KEYS: 1 revoked passes (hash user id -> epoch ms until which that user's passes are refused),
--       2, 3 the user's hold bucket (tokens, counted at), 4, 5 the address's hold bucket,
--       6 the mark of this request once let through (how many retries passed since)
-- ARGV: 1 user id, 2 holds per user per window (0: not limited), 3 holds per address per window
--       (0: not limited), 4 the window in ms, 5 retries of one request that pass, 6 how long a
--       request let through is remembered (ms), 7 '1' when the pass has expired: only a retry passes
-- Returns {'ENDED'}, {'LIMITED', 'account' or 'address', ms until the bucket holds a token again},
-- {'EXPIRED'} (an expired pass, not a retry), {'RETRY'} or {'OPEN'}.
local retries = tonumber(redis.call('GET', KEYS[6]))
if retries and retries < tonumber(ARGV[5]) then
  redis.call('INCR', KEYS[6])
  return {'RETRY'}
end
if ARGV[7] == '1' then
  return {'EXPIRED'}
end
local now = redisNow()
local endsAt = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
if endsAt and endsAt > now then
  return {'ENDED'}
end
local limited, wait = takeFromEach({{KEYS[2], KEYS[3], tonumber(ARGV[2]), 'account'},
  {KEYS[4], KEYS[5], tonumber(ARGV[3]), 'address'}}, tonumber(ARGV[4]), now)
if limited then
  return {'LIMITED', limited, wait}
end
if not retries then
  redis.call('SET', KEYS[6], 0, 'PX', ARGV[6])
end
return {'OPEN'}
