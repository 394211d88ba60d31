-- takeToken(tokensKey, countedKey, capacity, window, now): takes one token from a bucket that holds
-- at most capacity tokens and refills evenly, the whole capacity over window ms (after Spring Cloud
-- Gateway's request_rate_limiter.lua). now is Redis's own time (TIME), never a caller's: instances
-- whose clocks differ still share one bucket. A bucket left alone for a whole window is full again,
-- which is what a missing key means, so both keys expire after a window.
-- Returns taken (1 or 0) and, when 0, the ms until the bucket holds a token again.
local function takeToken(tokensKey, countedKey, capacity, window, now)
  local tokens = tonumber(redis.call('GET', tokensKey))
  local counted = tonumber(redis.call('GET', countedKey))
  if tokens == nil or counted == nil then
    tokens = capacity
  else
    -- A clock that stepped back (a failover to a replica) refills nothing rather than taking away.
    tokens = math.min(capacity, tokens + math.max(0, now - counted) * capacity / window)
  end
  local taken = 0
  local wait = 0
  if tokens >= 1 then
    tokens = tokens - 1
    taken = 1
  else
    wait = math.ceil((1 - tokens) * window / capacity)
  end
  redis.call('SET', tokensKey, tostring(tokens), 'PX', window)
  redis.call('SET', countedKey, now, 'PX', window)
  return taken, wait
end

-- takeFromEach(buckets, window, now): takes one token from each bucket in turn, each given as
-- {tokens key, counted-at key, capacity, name}; a capacity of 0 skips its bucket. Stops at the first
-- bucket that is empty and returns its name and the ms until it holds a token again; else nil.
-- A script answers that refusal as {'LIMITED', name, ms}, the one shape the service reads (Take).
local function takeFromEach(buckets, window, now)
  for _, bucket in ipairs(buckets) do
    if bucket[3] > 0 then
      local taken, wait = takeToken(bucket[1], bucket[2], bucket[3], window, now)
      if taken == 0 then
        return bucket[4], wait
      end
    end
  end
  return nil
end
