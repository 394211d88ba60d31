-- The state of the whole line in one read, for pushing positions to every local stream: a waiter
-- holding ticket t stands at (t - head + 1) minus the departed tickets between head and t.
-- The cost is one call per event per tick, whatever the number of subscribers.
-- KEYS: 1 line, 2 departed, 3 config, 4 opened flag
-- ARGV: 1 default admissions per second, 2 most departed tickets to return
-- Returns {head ticket (0 when the line is empty), waiting, opened (0/1), rate, the operator's message, departed tickets...}
local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local headTicket = 0
if #head > 0 then
  headTicket = tonumber(head[2])
end
local config = redis.call('HMGET', KEYS[3], 'rate', 'message')
local rate = tonumber(config[1]) or tonumber(ARGV[1])
local result = {headTicket, redis.call('ZCARD', KEYS[1]), redis.call('EXISTS', KEYS[4]), rate, config[2] or ''}
local departed = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. headTicket, '+inf', 'LIMIT', 0, tonumber(ARGV[2]))
for i = 1, #departed do
  result[#result + 1] = tonumber(departed[i])
end
return result
