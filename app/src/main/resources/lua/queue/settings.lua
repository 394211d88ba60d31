-- Copies an event's settings from the database (their truth) into the config hash the room's
-- scripts read, unless a newer copy is there: two changes made at once on two instances commit in
-- one order, and their copies, written in either order, leave the later change in force.
-- KEYS: 1 config (hash)
-- ARGV: 1 version, 2 admissions per second, 3 max active, 4 paused (1/0), 5 mode, 6 challenge bits,
--       7 message ('' for none), 8 schedule ("MODE:fromMs:toMs,...", '' for none)
-- Returns 1 when written, 0 when the hash held this version or a newer one. Version 0 is the
-- defaults of an event nobody changed, written only where no copy is.
if (tonumber(redis.call('HGET', KEYS[1], 'version')) or -1) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'rate', ARGV[2], 'maxActive', ARGV[3], 'paused', ARGV[4],
  'mode', ARGV[5], 'bits', ARGV[6])
local optional = {{'message', ARGV[7]}, {'schedule', ARGV[8]}}
for i = 1, #optional do
  if optional[i][2] == '' then
    redis.call('HDEL', KEYS[1], optional[i][1])
  else
    redis.call('HSET', KEYS[1], optional[i][1], optional[i][2])
  end
end
return 1
