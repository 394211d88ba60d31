-- Tests only: now on Redis's clock, as every script sees it (shared/redis-now.lua comes first).
return redisNow()
