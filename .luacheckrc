std = 'lua54'
max_line_length = 160
files['spec'] = { std = '+busted' }
exclude_files = { 'build', 'fuzz/corpus' }
-- variables that exist to be closed (<close>) or to drop a reference, and methods' self
ignore = { '211/guard', '211/held', '211/h2', '311/posts', '212/self' }
-- bin/tweeter's first lines are both a shell command and a Lua string assigned to _
files['bin/tweeter'] = { globals = { '_' } }
