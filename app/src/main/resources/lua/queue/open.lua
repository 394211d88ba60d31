-- needs: shared/open-line.lua
-- Opens the line once sales open (openLine). Idempotent across instances,
-- and timed by Redis's clock, so an instance whose clock runs ahead cannot open it early.
-- KEYS: 1 line, 2 ticket counter, 3 pre-queue, 4 opened flag, 5 regular from (shared/ticket.lua)
-- ARGV: 1 sales open (epoch ms), 2 random seed
-- Returns what openLine returns.
local now = redisNow()
return openLine(KEYS[1], KEYS[2], KEYS[5], KEYS[3], KEYS[4], tonumber(ARGV[1]), ARGV[2], now)
