-- Now, in epoch ms, on Redis's clock (TIME): the one clock every instance shares, whatever its own
-- says. LuaScripts puts this in front of every script, unasked, so none needs the time from its caller.
local function redisNow()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
