rockspec_format = '3.0'
package = 'tweeter'
version = 'scm-1'
source = { url = 'git+file://.' }
description = {
  summary = 'Learn how a person writes from their posts and generate new posts in their voice',
  detailed = [[
    A character-level LSTM (or GRU) with a C core exposed to Lua 5.4: fetch or import a
    person's posts, train or fine-tune the shipped base model on them, and generate posts
    that sound like them. The matrix products run on OpenBLAS in float32 and, where oneDNN
    (Debian's libdnnl-dev) is installed when the rock is built, on oneDNN in float32 or bf16;
    the element-wise loops pick AVX-512, AVX2 or plain x86-64 code at run time. Installs the
    tweeter command and the base model.
  ]],
  license = 'MIT',
}
-- lua-cjson: every posts file, model record and API answer is JSON. lua-readline (REPL line
-- editing) is optional: the REPL works without it.
dependencies = { 'lua >= 5.4, < 5.5', 'lua-cjson >= 2.1' }
test_dependencies = { 'busted' }
test = { type = 'busted' }
-- The Makefile builds the rock as it builds a checkout: it finds oneDNN (libdnnl-dev) and
-- the OpenMP OpenBLAS where they are installed and builds without them elsewhere. LuaRocks'
-- CFLAGS (-O2, no -march) get the checkout's optimisation flags after them (at -O2 GCC
-- vectorises the element-wise loops less), and the element-wise loops pick their instruction
-- set at run time, so the rock is as fast as a checkout build on any machine and never needs
-- an instruction it lacks.
external_dependencies = {
  -- only the libraries: Debian keeps curl.h and cblas.h in multiarch folders, which the
  -- compiler searches itself and LuaRocks does not
  CURL = { library = 'curl' },
  BLAS = { library = 'openblas' },
  ZIP = { header = 'zip.h', library = 'zip' },   -- libzip (Debian libzip-dev): archive .zip files
}
build = {
  type = 'make',
  build_target = 'all',
  install_target = 'install',
  -- for both passes, so that the install pass finds the build up to date
  variables = {
    CFLAGS = '$(CFLAGS) -O3 -fno-math-errno -fno-trapping-math', LIBFLAG = '$(LIBFLAG)',
    LUA_INCDIR = '$(LUA_INCDIR)', LUA = '$(LUA)', BUILD = 'build/rock',
    -- the folders LuaRocks found each external dependency in, for the compiler and the linker
    DEP_INCDIRS = '$(CURL_INCDIR) $(BLAS_INCDIR) $(ZIP_INCDIR)',
    DEP_LIBDIRS = '$(CURL_LIBDIR) $(BLAS_LIBDIR) $(ZIP_LIBDIR)',
  },
  install_variables = {
    PREFIX = '$(PREFIX)', LUA_CMODDIR = '$(LIBDIR)', LUA_MODDIR = '$(LUADIR)', BINDIR = '$(BINDIR)',
    -- the base model beside the modules (tweeter/base.twm), where tweeter.base_model() looks
    DATADIR = '$(LUADIR)',
    -- LuaRocks moves the files from the rock's folders into its tree (bin/, share/lua/5.4/,
    -- lib/lua/5.4/) after this pass: the command finds them there from its own folder
    LAUNCHER_MODDIR = '../share/lua/5.4', LAUNCHER_CMODDIR = '../lib/lua/5.4',
  },
}
-- bin/tweeter is the command itself, not wrapped: its first lines set the thread settings
-- (GOMP_SPINCOUNT) before the interpreter starts, which a LuaRocks wrapper would skip
deploy = { wrap_bin_scripts = false }
