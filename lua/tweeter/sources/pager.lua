--- The one pagination loop every source runs over (`tweeter.sources`). A source supplies
-- `page(state, cursor)` → the page's posts and the next cursor (nil on the last page), or
-- `nil, message`; the pager asks for pages until there is no cursor, the limit is reached,
-- the source's `cap` of posts is reached, a cursor comes back a second time (a loop) or the
-- page budget is spent. A file source is one page with no cursor.
-- @module tweeter.sources.pager
local escape = require('tweeter.terminal').escape

local M = {}

-- Appends a page to the collected list (honouring the limit) and hands it to `on_page`.
-- Returns true when the limit is reached.
local function take_page(opts, collected, page_posts)
  local room = opts.limit and (opts.limit - #collected) or math.huge
  local taken = {}
  for _, p in ipairs(page_posts) do
    if #taken >= room then break end
    taken[#taken + 1] = p
    collected[#collected + 1] = p
  end
  if opts.on_page and #taken > 0 then opts.on_page(taken) end
  return opts.limit ~= nil and #collected >= opts.limit
end

--- Collects a source's posts page by page.
-- @tparam table source `name`, `label` (messages: `'X API'`), `max_pages` (default budget),
--  `cap` (optional: posts after which to stop), `repeated` (format of the message for a
--  cursor seen twice, one `%s`), `page(state, cursor)`
-- @param state what the source's `page` needs (its client, the account, the options)
-- @tparam table opts `limit`, `max_pages`, `progress(event)`, `on_page(posts)`
-- @param[opt] first_cursor the cursor of the first page
-- @treturn table|nil posts in page order
-- @treturn table|string info `{ complete = bool, pages = n }` plus what the pages reported
--  (a page's third value, merged), or the message
-- @treturn[opt] table the posts collected before a failure
function M.run(source, state, opts, first_cursor)
  local collected, seen, cursor, pages, info = {}, {}, first_cursor, 0, {}
  local max_pages = opts.max_pages or source.max_pages or 1
  while true do
    pages = pages + 1
    if pages > max_pages then
      return nil, ('%s: stopped after %d pages (page budget)'):format(source.label, max_pages), collected
    end
    local page_posts, next_cursor, page_info = source.page(state, cursor)
    if not page_posts then return nil, next_cursor, collected end
    for k, v in pairs(page_info or {}) do info[k] = v end
    local full = take_page(opts, collected, page_posts)
    if opts.progress then
      opts.progress({ event = 'page', source = source.name, page = pages, count = #collected })
    end
    info.pages = pages
    if full then
      info.complete = next_cursor == nil
      return collected, info
    end
    if next_cursor == nil or (source.cap and #collected >= source.cap) then break end
    if seen[next_cursor] then
      return nil, (source.repeated .. '; stopping to avoid a loop'):format(escape(next_cursor)), collected
    end
    seen[next_cursor] = true
    cursor = next_cursor
  end
  info.complete = true
  return collected, info
end

return M
