-- Tests only (LuaScriptsTest): needs two libraries that both need base.lua.
-- needs: resolver-test/left.lua, resolver-test/right.lua
return 'top'
