-- tweeter.terminal: text from outside (an API, a model's vocabulary) made safe to print.
local terminal = require('tweeter.terminal')

describe('tweeter.terminal', function()
  it('terminal.escape shows C0 controls, DEL, C1 controls and invalid bytes as escapes', function()
    assert.are.equal('\\x1b]0;owned\\x07 \\x1b[2J', terminal.escape('\27]0;owned\7 \27[2J'))
    assert.are.equal('a\\x00b\\x7fc\\x0a\\x09', terminal.escape('a\0b\127c\n\t'))
    assert.are.equal('\\u009b1m caf\u{e9} \u{1F600}', terminal.escape('\u{9B}1m caf\u{e9} \u{1F600}'))
    assert.are.equal('\\xff\\xc2 ok', terminal.escape('\255\194 ok'))
    local once = terminal.escape('\27[31m\255\u{85}')
    assert.are.equal(once, terminal.escape(once))
    assert.is_nil(once:find('[%z\1-\31\127\128-\255]'))
  end)
end)
