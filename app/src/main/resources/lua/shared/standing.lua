-- Where a user already stands: inside (admitted, pass not expired), in line, or in the pre-queue;
-- a waiter is marked present (last seen) by asking. Shared by enter.lua and status.lua, so that
-- entering again and asking answer alike. nil when the user is in none of them.
-- Answers {state, position or pre-queue size, ticket, rate, admitted-until, message}.
local function standingOf(line, preQueue, admitted, seen, user, now, rate, message)
  local admittedUntil = tonumber(redis.call('ZSCORE', admitted, user))
  if admittedUntil and admittedUntil > now then
    return {'ADMITTED', 0, 0, rate, tostring(admittedUntil), message}
  end
  local ticket = tonumber(redis.call('ZSCORE', line, user))
  if ticket then
    redis.call('ZADD', seen, now, user)
    return {'WAITING', redis.call('ZRANK', line, user) + 1, ticket, rate, '0', message}
  end
  if redis.call('SISMEMBER', preQueue, user) == 1 then
    redis.call('ZADD', seen, now, user)
    return {'PRE', redis.call('SCARD', preQueue), 0, rate, '0', message}
  end
  return nil
end

-- Where a user in the door's infinite line (limbo) appears to stand, told as a waiter is told
-- (the caller maps LIMBO to WAITING): the real waiters ahead of their virtual ticket, or the
-- pre-queue until the draw, with the virtual ticket. nil when the user is not there. Limbo is no sign of life: nobody there
-- is ever admitted, so nobody there is ever skipped.
local function limboStandingOf(limbo, line, preQueue, opened, user, rate, message)
  -- Kept as Redis's string: a ticket has more digits than Lua prints (shared/ticket.lua).
  local virtual = redis.call('ZSCORE', limbo, user)
  if not virtual then
    return nil
  end
  -- The virtual ticket goes along (a real pre-queue answer has none), for the place the service signs.
  if redis.call('EXISTS', opened) == 0 then
    return {'PRE', redis.call('SCARD', preQueue) + 1, tonumber(virtual), rate, '0', message}
  end
  return {'LIMBO', redis.call('ZCOUNT', line, '-inf', '(' .. virtual), tonumber(virtual), rate, '0', message}
end
