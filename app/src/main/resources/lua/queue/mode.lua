-- needs: shared/queue-mode.lua
-- The queueing mode in force now, on Redis's clock, as entries and admission ticks see it.
-- KEYS: 1 config (hash)
-- Returns the mode's name.
return queueMode(KEYS[1], redisNow())
