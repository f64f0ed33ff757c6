rockspec_format = '3.0'
package = 'tweeter'
version = 'scm-1'
source = { url = 'git+file://.' }
description = {
  summary = 'Learn how a person writes from their posts and generate new posts in their voice',
  detailed = [[
    A character-level LSTM with a C core (float32, CBLAS) exposed to Lua 5.4: fetch or
    import a person's posts, train or fine-tune a model, and generate posts that sound like
    them.
  ]],
  license = 'MIT',
}
dependencies = { 'lua >= 5.4, < 5.5' }
-- lua-cjson comes from Debian (lua-cjson) or LuaRocks; it is required at run time only
test_dependencies = { 'busted' }
test = { type = 'busted' }
-- The Makefile builds the rock as it builds a checkout: it finds oneDNN (libdnnl-dev) and
-- the OpenMP OpenBLAS where they are installed and builds without them elsewhere. LuaRocks'
-- CFLAGS (-O2, no -march) get the checkout's optimisation flags after them (at -O2 GCC 12
-- vectorises the element-wise loops less: one-stream sampling at H256 ran 27 % slower), and
-- the element-wise loops pick their instruction set at run time, so the rock is as fast as a
-- checkout build on any machine and never needs an instruction it lacks.
external_dependencies = {
  CURL = { library = 'curl' },   -- Debian keeps curl.h in a multiarch folder the compiler searches itself
  BLAS = { library = 'openblas' },
  ZIP = { header = 'zip.h', library = 'zip' },   -- libzip (Debian libzip-dev): archive .zip files
}
build = {
  type = 'make',
  build_target = 'all',
  build_variables = {
    CFLAGS = '$(CFLAGS) -O3 -fno-math-errno -fno-trapping-math', LIBFLAG = '$(LIBFLAG)', LUA_INCDIR = '$(LUA_INCDIR)',
    LUA = '$(LUA)', BUILD = 'build/rock',
  },
  install_target = 'install',
  install_variables = {
    PREFIX = '$(PREFIX)', LUA_CMODDIR = '$(LIBDIR)', LUA_MODDIR = '$(LUADIR)',
    BINDIR = '$(BINDIR)', LUA = '$(LUA)', BUILD = 'build/rock',
    -- the base model beside the modules (tweeter/base.twm), where tweeter.base_model() looks
    DATADIR = '$(LUADIR)',
  },
}
