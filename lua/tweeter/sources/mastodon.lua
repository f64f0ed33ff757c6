--- Source: a Mastodon account's public posts, from its home instance's REST API (no token).
-- Pages with `max_id` taken from the `Link: rel="next"` header.
-- @module tweeter.sources.mastodon
local cjson = require 'cjson'
local core = require 'tweeter.core'
local http = require 'tweeter.http'
local clean = require 'tweeter.clean'
local escape = require('tweeter.terminal').escape

local M = { name = 'mastodon', label = 'Mastodon', max_pages = 200,
  repeated = 'Mastodon returned the same next page twice (max_id=%s)' }

--- Whether a handle names a Mastodon account: `@user@instance` or `user@instance`.
function M.recognises(handle)
  return handle:match('^@?[^@%s]+@[^@%s]+$') ~= nil
end

local function status_error(status, obj, who)
  local msg = type(obj) == 'table' and type(obj.error) == 'string' and escape(obj.error) or nil
  if status == 404 then return ('Mastodon account %s not found'):format(who) end
  if status == 401 or status == 403 then
    return ('Mastodon instance of %s does not allow public API reads (http %d%s)')
      :format(who, status, msg and (': ' .. msg) or '')
  end
  if status == 410 then return ('Mastodon account %s is gone or suspended (http 410)'):format(who) end
  return ('Mastodon API: unexpected http %d%s'):format(status, msg and (' (' .. msg .. ')') or '')
end

--- Checks the handle, before any request.
function M.resolve(handle, opts)
  local user, instance = handle:match('^@?([%w_%.%-]+)@([%w%.%-]+[%w]:?%d*)$')
  if not user then
    return nil, ('invalid Mastodon handle \'%s\' (expected @user@instance)'):format(handle)
  end
  local who = '@' .. user .. '@' .. instance
  return { user = user, who = who, base = (opts.api_base or 'https://' .. instance):gsub('/+$', ''),
    opts = opts, on_status = function(status, obj) return status_error(status, obj, who) end }
end

--- Looks the account up: its id, or a message (unknown, suspended, closed instance).
function M.lookup(state)
  local acct, err = http.get_json(state.client, state.base .. '/api/v1/accounts/lookup?'
    .. http.query { { 'acct', state.user } }, 'Mastodon account lookup', state.on_status)
  if not acct then return nil, err end
  if type(acct.id) ~= 'string' then
    return nil, ('Mastodon account lookup for %s returned no string id'):format(state.who)
  end
  if acct.suspended == true then return nil, ('Mastodon account %s is suspended'):format(state.who) end
  state.id = acct.id
  return true
end

--- The first page starts below `until_id` when one is given.
function M.first_cursor(state)
  return state.opts.until_id
end

--- One page of statuses: its posts and the next page's `max_id`.
function M.page(state, max_id)
  local opts = state.opts
  local url = state.base .. '/api/v1/accounts/' .. core.url_escape(state.id) .. '/statuses?' .. http.query {
    { 'limit', 40 }, { 'exclude_reblogs', opts.include_retweets and 'false' or 'true' },
    { 'exclude_replies', opts.include_replies and 'false' or 'true' },
    { 'since_id', opts.since_id }, { 'max_id', max_id },
  }
  local list, err, hdrs = http.get_json(state.client, url, 'Mastodon statuses', state.on_status)
  if not list then return nil, err end
  local page_posts = {}
  for _, st in ipairs(list) do
    if type(st) ~= 'table' or type(st.id) ~= 'string' then
      return nil, 'Mastodon statuses returned a status without a string id'
    end
    local boost = st.reblog ~= nil and st.reblog ~= cjson.null
    local reply = st.in_reply_to_id ~= nil and st.in_reply_to_id ~= cjson.null
      and st.in_reply_to_account_id ~= state.id
    if (not boost or opts.include_retweets) and (not reply or opts.include_replies) then
      local content = boost and type(st.reblog) == 'table' and st.reblog.content or st.content
      page_posts[#page_posts + 1] = { id = st.id,
        text = clean.html_to_text(type(content) == 'string' and content or ''),
        created_at = type(st.created_at) == 'string' and st.created_at or nil }
    end
  end
  local nxt = http.parse_link(hdrs.link).next
  return page_posts, #list > 0 and nxt and nxt:match('[?&]max_id=([^&]+)') or nil
end

return M
