-- Tests only (LuaScriptsTest): needs a file that needs it.
-- needs: resolver-test/circle-b.lua
return 'a'
