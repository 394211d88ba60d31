-- The right password from an address: its wrong passwords there are forgotten, and the address is
-- remembered as the owner's, which the account-wide ceiling lets through. The account-wide count is
-- kept: a guesser spread over many addresses must not be reset by the owner signing in.
-- KEYS: 1 the account's failures from this address, 2 the addresses it signed in from (sorted set)
-- ARGV: 1 this address's digest, 2 how long to remember the addresses in ms, 3 how many to remember
redis.call('DEL', KEYS[1])
redis.call('ZADD', KEYS[2], redisNow(), ARGV[1])
local extra = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[3])
if extra > 0 then
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, extra - 1)
end
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1
