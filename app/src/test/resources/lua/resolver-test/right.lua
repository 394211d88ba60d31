-- Tests only (LuaScriptsTest).
-- needs: resolver-test/base.lua
local function right() return 'right' end
-- needs: resolver-test/missing-library.lua (not a need: past the header)
