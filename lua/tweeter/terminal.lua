--- Making text from outside safe to print on a terminal. API error bodies, pagination
-- tokens, file contents and model vocabularies can hold bytes that drive the terminal
-- (`ESC ]0;…BEL` sets the window title, `ESC [2J` clears the screen); every message built
-- from such text passes through `escape` before it is printed.
-- @module tweeter.terminal
local M = {}

local function hex(c) return ('\\x%02x'):format(c:byte()) end

--- The text with every C0 control byte (U+0000 to U+001F, newline and tab included) and DEL
-- shown as `\x1b` and the like, every C1 control (U+0080 to U+009F) as `\u009b` and the
-- like, and every byte that is not part of valid UTF-8 as `\xff` and the like. Everything
-- else is kept. The result is printable, one line, and escaping it again changes nothing.
-- @param s any value (converted with tostring)
-- @treturn string
function M.escape(s)
  s = tostring(s)
  if utf8.len(s) == nil then
    local parts, i, n = {}, 1, #s
    while i <= n do
      local ok, cp = pcall(utf8.codepoint, s, i)
      local len = ok and #utf8.char(cp) or 1
      parts[#parts + 1] = ok and s:sub(i, i + len - 1) or hex(s:sub(i, i))
      i = i + len
    end
    s = table.concat(parts)
  end
  s = s:gsub('[%z\1-\31\127]', hex)
  return (s:gsub('\194([\128-\159])', function(c) return ('\\u%04x'):format(c:byte()) end))
end

return M
