-- The event's queueing mode at `now`: a scheduled mode whose window [from, to) holds now wins over
-- the mode set; neither set means RANDOM_AT_OPEN, the pre-queue drawn at the opening. The schedule
-- is the config hash's 'schedule' field, "MODE:fromMs:toMs,..." (queue.QueueSettingsCache writes it).
local function queueMode(config, now)
  local fields = redis.call('HMGET', config, 'mode', 'schedule')
  if fields[2] then
    for mode, from, to in string.gmatch(fields[2], '([%u_]+):(%d+):(%d+)') do
      if now >= tonumber(from) and now < tonumber(to) then
        return mode
      end
    end
  end
  return fields[1] or 'RANDOM_AT_OPEN'
end
