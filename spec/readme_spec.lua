-- The README: its first screen serves someone who never trained a model,
-- the internals live in docs/, and the commands it shows run as written.
local helper = require('helper')

local q = helper.quote

local function readme() return assert(helper.read(helper.root .. '/README.md')) end

-- The README up to its first section for programmers (the Lua API).
local function first_screen()
  return assert(readme():match('^(.-)\n## Five lines of Lua'))
end

-- The lines of the README's ```sh blocks that run bin/tweeter.
local function shown_commands()
  local out = {}
  for block in readme():gmatch('```sh\n(.-)```') do
    for line in block:gmatch('[^\n]+') do
      local command = line:gsub('%s+#.*$', '')
      if command:match('^bin/tweeter ') then out[#out + 1] = command end
    end
  end
  return out
end

describe('README', function()
  it('opens with what a new user needs: the tool, the two commands, their own posts, bpc, the options', function()
    local top = first_screen()
    assert.is_true(select(2, top:gsub('\n', '')) <= 70, 'the first screen is longer than 70 lines')
    top = top:gsub('%s+', ' ')
    for _, needed in ipairs({ 'make demo', 'make check', 'Download an archive of your data', 'Mastodon',
      'Bluesky', 'need no token', 'bits per character', 'a good figure', 'examples/train_base.lua',
      'examples/continue_base.lua', 'examples/train_user.lua', 'examples/finetune_user.lua',
      'examples/continue_user.lua', '(docs/performance.md)' }) do
      assert.is_truthy(top:find(needed, 1, true), needed)
    end
  end)

  it('leaves thread, kernel and MPI internals and scaling estimates to docs/performance.md', function()
    local text = readme()
    local perf = assert(helper.read(helper.root .. '/docs/performance.md'))
    for _, internal in ipairs({ 'GOMP_SPINCOUNT', 'libgomp', 'allreduce', 'Estimate for 8' }) do
      assert.is_nil(text:find(internal, 1, true), internal)
      assert.is_truthy(perf:find(internal, 1, true), internal)
    end
    -- every document it links exists
    for path in text:gmatch('%((docs/[%w_-]+%.md)%)') do
      assert.is_true(helper.exists(helper.root .. '/' .. path), path)
    end
  end)

  it('shows commands that run as written: import, train --from base, generate', function()
    local commands = shown_commands()
    assert.is_true(#commands >= 4, 'fewer commands than expected')
    local work = helper.tmpdir()
    -- the sample archive as X sends it: a .zip
    local sample = helper.root .. '/examples/sample-archive/data/'
    helper.zip(work .. '/twitter-archive.zip', {
      { name = 'data/account.js', file = sample .. 'account.js' },
      { name = 'data/tweets.js', file = sample .. 'tweets.js' } })
    assert(os.execute(('ln -s %s %s/bin'):format(q(helper.root .. '/bin'), q(work))))
    local ran = {}
    for _, command in ipairs(commands) do
      local sub = command:match('^bin/tweeter (%S+)')
      if sub == 'import' or sub == 'train' or sub == 'generate' then
        -- a one-step fine-tune: the same command, shorter
        if sub == 'train' then command = command .. ' --steps 1 --quiet' end
        local code, out, err = helper.run(('cd %s && %s'):format(q(work), command))
        assert.are.equal(0, code, command .. ': ' .. err)
        assert.is_true(#out > 0, command)
        ran[sub] = true
      else
        -- fetch needs the network (spec/cli_fetch_spec.lua runs it against a mock server):
        -- here its options are checked
        local code, _, err = helper.run(('cd %s && %s --help'):format(q(work), command:match('^(bin/tweeter %S+)')))
        assert.are.equal(0, code, err)
      end
    end
    assert.are.same({ import = true, train = true, generate = true }, ran)
    helper.rm_rf(work)
  end)

  it('runs make demo (a short fine-tune)', function()
    local code, out, err = helper.run('make -s demo STEPS=2')
    assert.are.equal(0, code, err)
    assert.matches('Ten new posts in the voice of the sample archive:\n', out)
  end)
end)
