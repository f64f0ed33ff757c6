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
external_dependencies = {
  CURL = { library = 'curl' },   -- Debian keeps curl.h in a multiarch folder the compiler searches itself
  BLAS = { library = 'openblas' },
}
build = {
  type = 'builtin',
  modules = {
    ['tweeter.core'] = {
      sources = {
        'csrc/tweeter.c', 'csrc/lbuffer.c', 'csrc/lmodel.c', 'csrc/ldata.c', 'csrc/lhttp.c',
        'csrc/lsys.c', 'csrc/lstm.c', 'csrc/text.c', 'csrc/sample.c', 'csrc/modelfile.c',
      },
      libraries = { 'curl', 'openblas', 'm' },
      defines = { '_POSIX_C_SOURCE=200809L' },
      incdirs = { '$(CURL_INCDIR)', '$(BLAS_INCDIR)', '$(BLAS_INCDIR)/openblas-pthread',
        '/usr/include/x86_64-linux-gnu/openblas-pthread' },
      libdirs = { '$(CURL_LIBDIR)', '$(BLAS_LIBDIR)' },
    },
    ['tweeter'] = 'lua/tweeter/init.lua',
    ['tweeter.archive'] = 'lua/tweeter/archive.lua',
    ['tweeter.clean'] = 'lua/tweeter/clean.lua',
    ['tweeter.cli'] = 'lua/tweeter/cli.lua',
    ['tweeter.corpus'] = 'lua/tweeter/corpus.lua',
    ['tweeter.evaluate'] = 'lua/tweeter/evaluate.lua',
    ['tweeter.fetch'] = 'lua/tweeter/fetch.lua',
    ['tweeter.files'] = 'lua/tweeter/files.lua',
    ['tweeter.generate'] = 'lua/tweeter/generate.lua',
    ['tweeter.http'] = 'lua/tweeter/http.lua',
    ['tweeter.history'] = 'lua/tweeter/history.lua',
    ['tweeter.import'] = 'lua/tweeter/import.lua',
    ['tweeter.options'] = 'lua/tweeter/options.lua',
    ['tweeter.posts'] = 'lua/tweeter/posts.lua',
    ['tweeter.progress'] = 'lua/tweeter/progress.lua',
    ['tweeter.repl'] = 'lua/tweeter/repl.lua',
    ['tweeter.svg'] = 'lua/tweeter/svg.lua',
    ['tweeter.train'] = 'lua/tweeter/train.lua',
  },
  -- the shipped base model, beside the modules (share/lua/5.4/tweeter/base.twm), one of the
  -- places tweeter.base_model() looks
  install = { bin = { tweeter = 'bin/tweeter' }, lua = { ['tweeter.base'] = 'models/base.twm' } },
}
