-- The state of the whole line in one read, for pushing positions to every local stream. Tickets
-- from 'regular from' on are consecutive (shared/ticket.lua): a waiter holding such a ticket t
-- stands behind the restored waiters and at (t - the first of them still here + 1), minus the
-- departed tickets before t. Below 'regular from' the line holds only waiters who put their place
-- back after Redis forgot the line (restore.lua), with gaps where nobody came back: those tickets
-- are listed, so a restored waiter's place is its rank among them.
-- The cost is one call per event per tick, whatever the number of subscribers.
-- KEYS: 1 line, 2 departed, 3 config, 4 opened flag, 5 regular from
-- ARGV: 1 default admissions per second, 2 most departed tickets, and most restored tickets, to return
-- Returns {head ticket (0 when the line is empty), waiting, opened (0/1), rate, the operator's message,
-- regular from (0: unknown), restored waiters (all of them), n, the first n restored tickets ascending,
-- departed tickets...}
local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
-- Kept as Redis's strings: a ticket has more digits than Lua prints (shared/ticket.lua).
local headTicket = '0'
if #head > 0 then
  headTicket = head[2]
end
local regularFrom = redis.call('GET', KEYS[5]) or '0'
local config = redis.call('HMGET', KEYS[3], 'rate', 'message')
local rate = tonumber(config[1]) or tonumber(ARGV[1])
local result = {tonumber(headTicket), redis.call('ZCARD', KEYS[1]), redis.call('EXISTS', KEYS[4]), rate, config[2] or '', tonumber(regularFrom)}
local restored = {}
if #head > 0 and tonumber(headTicket) < tonumber(regularFrom) then
  result[#result + 1] = redis.call('ZCOUNT', KEYS[1], '-inf', '(' .. regularFrom)
  local below = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. regularFrom, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
  for i = 2, #below, 2 do
    restored[#restored + 1] = tonumber(below[i])
  end
else
  result[#result + 1] = 0
end
result[#result + 1] = #restored
for i = 1, #restored do
  result[#result + 1] = restored[i]
end
local departed = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. headTicket, '+inf', 'LIMIT', 0, tonumber(ARGV[2]))
for i = 1, #departed do
  result[#result + 1] = tonumber(departed[i])
end
return result
