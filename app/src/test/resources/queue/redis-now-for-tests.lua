-- Tests only: now on Redis's clock, as every script sees it (redis-now.lua comes first).
return redisNow()
