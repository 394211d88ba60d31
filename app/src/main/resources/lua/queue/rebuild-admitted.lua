-- Puts back who is inside after Redis forgot it, from the database's ledger of admissions
-- (queue.AdmissionLedger), before the next tick admits anyone: admit.lua counts the admitted set
-- against maxActive, and an empty one would let a whole cap in beside the buyers still shopping.
-- KEYS: 1 admitted (zset user -> admitted until, ms), 2 the mark that admissions were rebuilt
-- ARGV: user id, admitted until (epoch ms), for each admission the ledger says is still running
-- Returns how many were put back (those not over by now on Redis's clock).
local now = redisNow()
local put = 0
for i = 1, #ARGV, 2 do
  if tonumber(ARGV[i + 1]) > now then
    redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i])
    put = put + 1
  end
end
redis.call('SET', KEYS[2], '1')
return put
