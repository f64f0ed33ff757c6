--- Where posts come from: the registry of sources, one module each under `tweeter.sources`.
-- Every source has the same small interface:
--
--   - `name`, `label` (how messages name it), `max_pages` (page budget), `cap`, `repeated`
--     (see `tweeter.sources.pager`);
--   - `recognises(handle_or_path)`: whether the handle (network sources) or the path (file
--     sources) is this source's;
--   - `resolve(handle_or_path, opts)` → state, or `nil, message`: checks made before any
--     request (handle shape, token);
--   - `lookup(state)` (network sources) → true, or `nil, message`: the account;
--   - `first_cursor(state)` (optional) and `page(state, cursor)` → the page's posts, the
--     next cursor (nil on the last page), and optional info.
--
-- `tweeter.fetch` runs the network sources and `tweeter.import` the file sources over the
-- one pager (`tweeter.sources.pager`).
-- @module tweeter.sources
local M = {}

--- The network sources (`--source` lists them in this order) and the file sources, in the
-- order a path is matched (files last: it goes by extension). A handle no other network
-- source recognises is the default's.
M.NETWORK = { 'twitter', 'mastodon', 'bluesky' }
M.DEFAULT_NETWORK = 'twitter'
M.FILES = { 'archive', 'files' }

--- A source by name (`x` is twitter), or nil.
-- @tparam string name
-- @treturn table|nil
function M.get(name)
  if name == 'x' then name = 'twitter' end
  for _, list in ipairs({ M.NETWORK, M.FILES }) do
    for _, n in ipairs(list) do
      if n == name then return require('tweeter.sources.' .. n) end
    end
  end
  return nil
end

local function first_recognising(list, what, default)
  for _, n in ipairs(list) do
    local source = require('tweeter.sources.' .. n)
    if n ~= default and source.recognises(what) then return source end
  end
  return default and require('tweeter.sources.' .. default) or nil
end

--- The network source a handle names: mastodon for `@user@instance`, bluesky for a dotted
-- name or a DID, twitter otherwise.
-- @tparam string handle
-- @treturn table
function M.for_handle(handle)
  return first_recognising(M.NETWORK, handle, M.DEFAULT_NETWORK)
end

--- The file source that reads a path (an archive folder or `.js` file, or a file by its
-- extension), or nil.
-- @tparam string path
-- @treturn table|nil
function M.for_path(path)
  return first_recognising(M.FILES, path)
end

return M
