--- Source: a Bluesky account's posts, from the public AppView (XRPC, no token). Ids are the
-- posts' AT URIs (their record keys sort by time). Pages on `cursor` until there is none;
-- short and empty pages that carry a cursor do not stop the loop.
-- @module tweeter.sources.bluesky
local cjson = require 'cjson'
local http = require 'tweeter.http'
local posts = require 'tweeter.posts'
local escape = require('tweeter.terminal').escape

local M = { name = 'bluesky', label = 'Bluesky', max_pages = 400,
  repeated = 'Bluesky returned the same cursor twice (%s)' }

M.API = 'https://public.api.bsky.app'

--- Whether a handle names a Bluesky account: a dotted name (`name.bsky.social`) or a DID.
function M.recognises(handle)
  return handle:match('^did:') ~= nil or handle:gsub('^@', ''):match('%.') ~= nil
end

local function status_error(status, obj, who)
  local name = type(obj) == 'table' and type(obj.error) == 'string' and escape(obj.error) or nil
  local msg = type(obj) == 'table' and type(obj.message) == 'string' and escape(obj.message) or nil
  if obj == nil then
    return ('Bluesky API: http %d with a body that is not JSON'):format(status)
  end
  if status == 400 and msg and (msg:match('[Pp]rofile not found') or msg:match('resolve handle')) then
    return ('Bluesky account %s not found (%s)'):format(who, msg)
  end
  return ('Bluesky API: http %d%s'):format(status,
    (name or msg) and (' (' .. (name or '') .. (msg and (': ' .. msg) or '') .. ')') or '')
end

--- Checks the handle, before any request.
function M.resolve(handle, opts)
  local actor = handle:gsub('^@', '')
  if not (actor:match('^[%w%-]+%.[%w%.%-]*%w$') or actor:match('^did:[a-z]+:[%w%._:%-]+$')) then
    return nil, ('invalid Bluesky handle \'%s\' (expected name.bsky.social or a DID)'):format(handle)
  end
  return { actor = actor, base = (opts.api_base or M.API):gsub('/+$', ''), opts = opts,
    on_status = function(status, obj) return status_error(status, obj, actor) end }
end

--- Looks the profile up: its DID, or a message.
function M.lookup(state)
  local profile, err = http.get_json(state.client, state.base .. '/xrpc/app.bsky.actor.getProfile?'
    .. http.query { { 'actor', state.actor } }, 'Bluesky profile lookup', state.on_status)
  if not profile then return nil, err end
  if type(profile.did) ~= 'string' then return nil, ('Bluesky profile of %s has no DID'):format(state.actor) end
  state.did = profile.did
  return true
end

--- One page of the author feed: its posts and the next cursor (none once `since_id` is
-- reached).
function M.page(state, cursor)
  local opts, did = state.opts, state.did
  local url = state.base .. '/xrpc/app.bsky.feed.getAuthorFeed?' .. http.query {
    { 'actor', did }, { 'limit', 100 },
    { 'filter', opts.include_replies and 'posts_with_replies' or 'posts_no_replies' },
    { 'cursor', cursor },
  }
  local page, err = http.get_json(state.client, url, 'Bluesky author feed', state.on_status)
  if not page then return nil, err end
  local page_posts = {}
  for _, item in ipairs(type(page.feed) == 'table' and page.feed or {}) do
    local post = type(item) == 'table' and item.post
    if type(post) ~= 'table' or type(post.uri) ~= 'string' or type(post.record) ~= 'table' then
      return nil, 'Bluesky author feed returned an item without a post'
    end
    local reason = type(item.reason) == 'table' and item.reason['$type'] or nil
    local author = type(post.author) == 'table' and post.author.did or nil
    local rec = post.record
    local is_repost = reason ~= nil and reason:match('reasonRepost$') or author ~= did
    local is_pin = reason ~= nil and reason:match('reasonPin$')
    local is_reply = rec.reply ~= nil and rec.reply ~= cjson.null
    if not is_pin and opts.since_id and not is_repost
        and (post.uri == opts.since_id or posts.id_less(post.uri, opts.since_id)) then
      return page_posts, nil
    end
    local in_range = not opts.until_id or posts.id_less(post.uri, opts.until_id)
    if not is_pin and in_range and (not is_repost or opts.include_retweets)
        and (not is_reply or opts.include_replies) and type(rec.text) == 'string' then
      page_posts[#page_posts + 1] = { id = post.uri, text = rec.text,
        created_at = type(rec.createdAt) == 'string' and rec.createdAt or nil }
    end
  end
  return page_posts, type(page.cursor) == 'string' and page.cursor or nil
end

return M
