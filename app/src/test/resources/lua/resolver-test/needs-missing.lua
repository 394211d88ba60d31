-- Tests only (LuaScriptsTest): needs a library that does not exist.
-- needs: resolver-test/base.lua, resolver-test/nowhere.lua
return 'lost'
