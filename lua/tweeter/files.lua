--- Reading and writing files: the one place where tweeter's Lua code touches them.
-- Inputs are regular files only (a FIFO blocks, a device such as /dev/zero never ends, a
-- folder cannot be read) of at most `MAX_INPUT_BYTES`. Outputs are checked before any work
-- starts (`check_writable`) and replaced atomically (`write`); both go through the C core
-- (`core.check_output`, `core.write_file`), which model files use too.
-- @module tweeter.files
local core = require 'tweeter.core'

local M = {}

--- The largest file read as input (posts files, imports, archive parts): 256 MiB, about
-- ten times the largest real corpus; anything bigger is refused with a message.
M.MAX_INPUT_BYTES = 256 * 1024 * 1024

--- What a path is: 'file', 'directory', 'fifo', 'device', 'socket', 'other', or nil when it
-- does not exist (or cannot be examined).
-- @tparam string path
-- @treturn string|nil
function M.kind(path)
  return (core.file_kind(path))
end

--- Reads a whole regular file.
-- @tparam string path
-- @tparam[opt] integer max_bytes the largest size accepted (default `MAX_INPUT_BYTES`)
-- @treturn string|nil the contents
-- @treturn[opt] string message naming the path and the problem (missing, a folder, a FIFO, a
--  device, too large)
function M.read(path, max_bytes)
  local s, err = core.read_file(path, max_bytes or M.MAX_INPUT_BYTES)
  if not s then return nil, err end
  return s
end

-- UTF-16 code units (after the 2-byte BOM) as UTF-8, built in slices so that a big file
-- never makes one table entry per character.
local function utf16_to_utf8(s, unit, where)
  local slices, slice, n, i, len = {}, {}, 0, 3, #s
  if len % 2 == 1 then return nil, ('%s: invalid UTF-16 (odd number of bytes)'):format(where) end
  while i < len do
    local u = string.unpack(unit, s, i)
    if u >= 0xD800 and u <= 0xDFFF then
      local low = u <= 0xDBFF and i + 2 < len and string.unpack(unit, s, i + 2)
      if not low or low < 0xDC00 or low > 0xDFFF then
        return nil, ('%s: invalid UTF-16 (unpaired surrogate at byte %d)'):format(where, i - 1)
      end
      u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
      i = i + 2
    end
    i = i + 2
    n = n + 1
    slice[n] = utf8.char(u)
    if n == 4096 then
      slices[#slices + 1] = table.concat(slice)
      n = 0
    end
  end
  slices[#slices + 1] = table.concat(slice, '', 1, n)
  return table.concat(slices)
end

--- Text as every reader of posts wants it: UTF-8 with LF line ends. A UTF-8 byte-order mark
-- is dropped; UTF-16 (little- or big-endian, marked by its byte-order mark) is decoded; CRLF
-- and a lone CR (old Mac files) each become LF. Invalid UTF-8 is left to the caller.
-- @tparam string s the bytes of a file
-- @tparam string where how messages name it (its path)
-- @treturn string|nil the text
-- @treturn[opt] string message: UTF-32, or malformed UTF-16 (odd length, unpaired surrogate)
function M.decode_text(s, where)
  if s:find('^\255\254\0\0') or s:find('^\0\0\254\255') then
    return nil, ('%s: UTF-32 text is not supported (save it as UTF-8)'):format(where)
  end
  local err
  if s:find('^\255\254') then
    s, err = utf16_to_utf8(s, '<I2', where)
  elseif s:find('^\254\255') then
    s, err = utf16_to_utf8(s, '>I2', where)
  else
    s = s:gsub('^\239\187\191', '')
  end
  if not s then return nil, err end
  return (s:gsub('\r\n?', '\n'))
end

--- Reads a whole regular text file (as `read`) and decodes it (as `decode_text`).
-- @tparam string path
-- @treturn string|nil the text
-- @treturn[opt] string message naming the path and the problem
function M.read_text(path)
  local s, err = M.read(path)
  if not s then return nil, err end
  return M.decode_text(s, path)
end

--- Opens a zip file for reading in place (`core.zip_open`: libzip): `z:entries()` lists
-- `{ name =, size =, compressed_size = }` as the archive declares them, `z:read(name,
-- max_bytes)` inflates one entry into a string, refused past `max_bytes` whatever the entry
-- declares; `z:close()` (or a `<close>` variable) closes it.
-- @tparam string path
-- @treturn userdata|nil the `tweeter.Zip`
-- @treturn[opt] string message naming the path (missing, not a regular file, not a zip)
function M.open_zip(path)
  return core.zip_open(path)
end

--- Checks that a path may be written, before any work starts: missing (it will be created),
-- a regular file, or a symbolic link to a regular file (which is then the file replaced).
-- @tparam string path
-- @treturn true|nil
-- @treturn[opt] string message naming the path: a folder, a FIFO, a device, a dangling link
function M.check_writable(path)
  return core.check_output(path)
end

--- Replaces a file with `data` atomically: a new temporary file beside it (never through a
-- link, mode 0666 less the umask), written, synced, renamed over it. On failure (disk full,
-- read-only folder) the previous file is left as it was.
-- @tparam string path
-- @tparam string data
-- @treturn true|nil
-- @treturn[opt] string message naming the path
function M.write(path, data)
  return core.write_file(path, data)
end

--- Takes the one writer's lock on a model or posts store (`core.lock`): an advisory lock on
-- `path .. '.lock'`, held until the lock is closed or collected, dropped by the kernel when
-- its holder dies (so a killed run leaves nothing that stops the next one).
-- @tparam string path
-- @treturn userdata|nil the lock (a to-be-closed value: `local held <close> = lock`)
-- @treturn[opt] string message naming the file and the process that holds it
function M.lock(path)
  return core.lock(path)
end

--- Creates the folder that will hold `path`, and its parents (like mkdir -p).
-- @tparam string path a file path
-- @treturn true|nil
-- @treturn[opt] string message
function M.make_parent(path)
  local dir = path:match('^(.*)/[^/]*$')
  if not dir or dir == '' then return true end
  local prefix = dir:sub(1, 1) == '/' and '/' or ''
  for part in dir:gmatch('[^/]+') do
    prefix = prefix .. part
    local ok, err = core.mkdir(prefix)
    if not ok then return nil, err end
    prefix = prefix .. '/'
  end
  return true
end

return M
