-- The line's ticket counter. A counter Redis forgot (a flush, a restart without persistence, a
-- failover to a replica that missed it) must not start again at 1: waiters putting their places
-- back (restore.lua) hold the old numbers, and an entry made after the loss must come behind
-- them. So a counter is created at Redis's time in microseconds, past every ticket an earlier one
-- could have issued unless it issued more than a million a second; and the first ticket of the new
-- numbering is remembered ('regular from'): below it the line holds only restored tickets, with
-- gaps where nobody came back, which line.lua lists so that streams still count places exactly.
-- Tickets have 16 digits: never build a string from one with '..' or tostring (Lua prints 14),
-- pass it to redis.call as a number, or keep the string Redis gave.
local function ticketCounter(counter, regularFrom)
  local current = tonumber(redis.call('GET', counter))
  if current then
    return current
  end
  local time = redis.call('TIME')
  current = tonumber(time[1]) * 1000000 + tonumber(time[2])
  redis.call('SET', counter, string.format('%.0f', current))
  redis.call('SET', regularFrom, string.format('%.0f', current + 1))
  return current
end

-- The next ticket, from a counter created as above when Redis has none.
local function nextTicket(counter, regularFrom)
  ticketCounter(counter, regularFrom)
  return redis.call('INCR', counter)
end
