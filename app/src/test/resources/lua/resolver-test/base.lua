-- Tests only (LuaScriptsTest): needs nothing.
local function base() return 'base' end
