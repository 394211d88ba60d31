-- An attempt's wrong passwords with Redis's time now, for SignInDelays to reckon the wait on one clock.
-- KEYS: 1 the account's failures from this address, 2 its failures from every address (hashes: count,
--       last in epoch ms), 3 the addresses it signed in from (sorted set of address digests)
-- ARGV: 1 this address's digest
-- Returns {count here, last here, count everywhere, last everywhere, 1 if the address signed in before else 0, now};
-- a count is 0 when none are remembered.
local here = redis.call('HMGET', KEYS[1], 'count', 'last')
local everywhere = redis.call('HMGET', KEYS[2], 'count', 'last')
local known = redis.call('ZSCORE', KEYS[3], ARGV[1]) and 1 or 0
return {tonumber(here[1]) or 0, tonumber(here[2]) or 0, tonumber(everywhere[1]) or 0, tonumber(everywhere[2]) or 0,
  known, redisNow()}
