-- needs: resolver-test/base.lua
-- Tests only (LuaScriptsTest).
local function left() return 'left' end
