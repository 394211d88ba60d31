-- The console's wait histogram (issue #24): entry-to-admission waits, counted per log bucket in the
-- stats hash (HINCRBY wait:<bucket>), so every instance reads the same percentiles and no waiter
-- gets a key of its own. Entries are dated by "ticket marks": a zset ticket counter -> 'counter:ms',
-- at most one per admission tick (markTickets), so a waiter's entry is the first mark at or above
-- their ticket, within a tick. io.ticketing.console.WaitPercentiles reads the buckets back.
-- Bucket 0 is under 100 ms; bucket b >= 1 is [100 * 2^((b-1)/4), 100 * 2^(b/4)) ms: 19% wide.
local function waitBucket(ms)
  if ms < 100 then
    return 0
  end
  return math.floor(4 * math.log(ms / 100) / math.log(2)) + 1
end

-- Marks the ticket counter's value at now, unless no ticket was issued since the last mark.
local function markTickets(marks, counterKey, now)
  local counter = tonumber(redis.call('GET', counterKey)) or 0
  local last = redis.call('ZRANGE', marks, -1, -1, 'WITHSCORES')
  if counter > 0 and (#last == 0 or tonumber(last[2]) < counter) then
    -- Formatted: a ticket has more digits than Lua prints (shared/ticket.lua).
    redis.call('ZADD', marks, counter, string.format('%.0f', counter) .. ':' .. now)
  end
end

-- Adds the wait of the waiter holding ticket to waits (bucket -> count).
local function noteWait(marks, ticket, now, waits)
  local mark = redis.call('ZRANGEBYSCORE', marks, ticket, '+inf', 'LIMIT', 0, 1)
  if #mark > 0 then
    local bucket = waitBucket(math.max(0, now - tonumber(string.match(mark[1], ':(%d+)$'))))
    waits[bucket] = (waits[bucket] or 0) + 1
  end
end

local function recordWaits(stats, waits)
  for bucket, n in pairs(waits) do
    redis.call('HINCRBY', stats, 'wait:' .. bucket, n)
  end
end
