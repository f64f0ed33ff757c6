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
