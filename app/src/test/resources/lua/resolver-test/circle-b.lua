-- Tests only (LuaScriptsTest).
-- needs: resolver-test/circle-a.lua
return 'b'
