-- Puts back who is inside after Redis forgot it, from the database's ledger of admissions
-- (queue.AdmissionLedger), before the next tick admits anyone: admit.lua counts the admitted set
-- against maxActive, and an empty one would let a whole cap in beside the buyers still shopping.
-- The room had admitted buyers before, so Redis forgot it mid-sale: the mark then holds admissions
-- back for a moment (ARGV 1), until which admit.lua admits nobody, so that the waiters it forgot
-- are back in line (restore.lua: their streams notice within a second) before anyone passes them.
-- KEYS: 1 admitted (zset user -> admitted until, ms), 2 the mark that admissions were rebuilt (epoch ms
--       until which admissions wait)
-- ARGV: 1 ms admissions wait (0: none), then user id, admitted until (epoch ms), for each admission the
--       ledger says is still running
-- Returns how many were put back (those not over by now on Redis's clock).
local now = redisNow()
local put = 0
for i = 2, #ARGV, 2 do
  if tonumber(ARGV[i + 1]) > now then
    redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i])
    put = put + 1
  end
end
redis.call('SET', KEYS[2], now + tonumber(ARGV[1]))
return put
