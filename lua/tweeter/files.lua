--- Looking at paths before opening them: opening a FIFO blocks, reading a directory fails
-- with an obscure message, and renaming over a device replaces it.
-- @module tweeter.files
local core = require 'tweeter.core'

local M = {}

local NOT_REGULAR = {
  directory = 'is a directory', fifo = 'is a FIFO, not a regular file',
  device = 'is a device, not a regular file', socket = 'is a socket, not a regular file',
  other = 'is not a regular file',
}

--- What a path is: 'file', 'directory', 'fifo', 'device', 'socket', 'other', or nil when it
-- does not exist (or cannot be examined).
-- @tparam string path
-- @treturn string|nil
function M.kind(path)
  return (core.file_kind(path))
end

--- Checks that a path exists and can be read as a stream: a regular file, or a pipe or
-- device such as /dev/stdin (read as the user asked), but not a directory.
-- @tparam string path
-- @treturn true|nil
-- @treturn[opt] string message naming the path and the problem
function M.check_readable(path)
  local kind, err = core.file_kind(path)
  if not kind then return nil, err end
  if kind == 'directory' then return nil, ('%s: %s'):format(path, NOT_REGULAR[kind]) end
  return true
end

--- Checks that a path may be written: missing (it will be created) or a regular file.
-- @tparam string path
-- @treturn true|nil
-- @treturn[opt] string message
function M.check_writable(path)
  local kind = M.kind(path)
  if kind and kind ~= 'file' then return nil, ('%s: %s'):format(path, NOT_REGULAR[kind]) end
  return true
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
