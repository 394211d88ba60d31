-- The tickets admission ticks took from the head of the line, admitted or skipped: served, so a
-- waiter holding one never puts it back (restore.lua), even with the signed place it still holds.
-- Kept as ranges, 'first:last' in a zset scored by first: the head is taken in ticket order, so a
-- normal line is one range, which grows over tickets that left from the middle ('departed') and
-- breaks only where tickets are missing for another reason, which is Redis having forgotten them.
-- Tickets are handled as Redis's strings (shared/ticket.lua).
local function markServed(served, departed, ticket)
  local t = tonumber(ticket)
  local last = redis.call('ZRANGE', served, -1, -1)
  if #last > 0 then
    local first, lastTicket = string.match(last[1], '^(%d+):(%d+)$')
    local e = tonumber(lastTicket)
    if t > e and (t == e + 1 or redis.call('ZCOUNT', departed, '(' .. lastTicket, '(' .. ticket) == t - e - 1) then
      redis.call('ZREM', served, last[1])
      redis.call('ZADD', served, first, first .. ':' .. ticket)
      return
    end
  end
  redis.call('ZADD', served, ticket, ticket .. ':' .. ticket)
end

-- Whether a signed place (kind, ticket: a string) was settled and is not to be put back: its user
-- left (leave.lua ended their passes; the mark lasts a pass's lifetime), or it is a line ticket
-- that was served or left from the middle (departed).
local function settled(served, departed, revoked, user, kind, ticket, now)
  local left = tonumber(redis.call('HGET', revoked, user))
  if left and left > now then
    return true
  end
  if kind ~= 'LINE' then
    return false
  end
  if redis.call('ZSCORE', departed, ticket) then
    return true
  end
  local range = redis.call('ZREVRANGEBYSCORE', served, ticket, '-inf', 'LIMIT', 0, 1)
  return #range > 0 and tonumber(ticket) <= tonumber(string.match(range[1], ':(%d+)$'))
end
