-- needs: shared/ticket.lua
-- Draws the line, once, when sales have opened on Redis's clock: the pre-queue is shuffled
-- (Fisher-Yates) and its members take the first tickets, ahead of everyone who arrives later.
-- Shared by open.lua and enter.lua (which name it in their '-- needs:' line), so that an entry made
-- at the opening moment draws the line itself, in the same atomic step as its own decision.
-- Returns the number of early arrivals placed, -1 when the line was already drawn, -2 when sales
-- have not opened yet.
local function openLine(line, ticket, regularFrom, preQueue, opened, opensAt, seed, now)
  if now < opensAt then
    return -2
  end
  if redis.call('SET', opened, '1', 'NX') == false then
    return -1
  end
  local early = redis.call('SMEMBERS', preQueue)
  -- The seed comes from the caller: scripts must not rely on Redis's fixed one.
  math.randomseed(tonumber(seed))
  for i = #early, 2, -1 do
    local j = math.random(i)
    early[i], early[j] = early[j], early[i]
  end
  for i = 1, #early do
    redis.call('ZADD', line, nextTicket(ticket, regularFrom), early[i])
  end
  redis.call('DEL', preQueue)
  return #early
end
