-- tweeter.command_line: the command line read and written from the option declarations
-- (tweeter.options): what a command hands its Lua function, --help, and the command printed
-- to resume training.
local options = require('tweeter.options')
local command_line = require('tweeter.command_line')
local cli = require('tweeter.cli')

describe('tweeter.command_line', function()
  it('takes a new train option to train.run, --help and the resume command from its declaration alone', function()
    local declared = options.COMMANDS.train.options
    table.insert(declared, { 'warmup', 'integer', min = 0, default = 100, arg = 'N', help = 'steps of warm-up' })
    finally(function() table.remove(declared) end)
    local o = command_line.parse('train', { '--data', 'd', '--model', 'm', '--warmup', '5' })
    assert.are.same({ data = 'd', model = 'm', warmup = 5 }, command_line.function_options('train', o))
    assert.matches('%-%-warmup N +steps of warm%-up %(default 100%)', command_line.help('train'))
    assert.are.equal('tweeter train --data d --model m --warmup 5', cli.resume_command(o, nil, 1))
    assert.are.equal(100, options.defaults('train').warmup)
    assert.error_matches(function() require('tweeter.train').run { data = 'd', model = 'm', warmup = -1 } end,
      "bad option 'warmup' to 'run' %(non%-negative integer expected, got %-1%)")
  end)

  it('resumes training with the options given, the steps left, and not what the checkpoint holds', function()
    local o = command_line.parse('train', { '--data', 'my posts.txt', '--model', 'm', '--from', 'base', '--hidden', '8',
      '--lr', '0.01', '--epochs', '3', '--batch', '8', '--half', '--mix', "it's", '--lr-decay', '0.25' })
    assert.are.equal("mpirun -np 2 tweeter train --data 'my posts.txt' --model m --steps 40 --batch 8 "
      .. "--mix 'it'\\''s' --half --lr-decay 0.25", cli.resume_command(o, 40, 2))
    -- what unparse writes, parse reads back as the same options
    local given = command_line.parse('generate', { 'm', '-n', '3', '--temperature', '0.5,1', '--plain', '--top-k', '4' })
    local words = { 'm' }
    for w in command_line.unparse('generate', given):gmatch('%S+') do words[#words + 1] = w end
    assert.are.same(given, command_line.parse('generate', words))
  end)
end)
