--- Source: X (Twitter) API v2: user lookup, then the user's timeline page by page. The bearer
-- token comes from `TWITTER_BEARER_TOKEN` (read through `tweeter.fetch.getenv`) only.
-- @module tweeter.sources.twitter
local cjson = require 'cjson'
local http = require 'tweeter.http'
local escape = require('tweeter.terminal').escape

local M = { name = 'twitter', label = 'X API', max_pages = 200,
  repeated = 'X API returned the same pagination token twice (%s)' }

M.API = 'https://api.x.com'
--- The timeline reaches the 3,200 most recent posts only.
M.cap = 3200

--- Whether a handle can be an X handle (`name` or `@name`); `tweeter.sources` gives X every
-- handle no other source recognises, so that `resolve` names what is wrong with it.
function M.recognises(handle)
  return handle:match('^@?[%w_]+$') ~= nil
end

local function is_null(v) return v == nil or v == cjson.null end

local function problem_suffix(obj)
  local t = type(obj) == 'table' and obj.type
  return type(t) == 'string' and t:match('/2/problems/(.+)$') or nil
end

local function usage_cap(body)
  local ok, obj = pcall(cjson.decode, body)
  if ok and type(obj) == 'table' and (problem_suffix(obj) == 'usage-capped'
      or obj.title == 'UsageCapExceeded') then
    local detail = type(obj.detail) == 'string' and escape(obj.detail) or 'usage cap exceeded'
    return ('X API monthly usage cap reached (%s): waiting will not help; fetch again when '
      .. 'the cap resets or after upgrading the plan'):format(detail)
  end
  return nil
end

local function status_error(status, obj)
  local detail = type(obj) == 'table' and type(obj.detail) == 'string' and escape(obj.detail) or nil
  if status == 401 then
    return 'X API refused the bearer token (http 401 Unauthorized): TWITTER_BEARER_TOKEN is '
      .. 'missing, wrong, expired or revoked'
  elseif status == 403 then
    if problem_suffix(obj) == 'client-forbidden' or (type(obj) == 'table'
        and obj.reason == 'client-not-enrolled') then
      return 'X API: this token lacks access to the v2 timeline (http 403 Client Forbidden, '
        .. 'client-not-enrolled): use keys from a developer App attached to a Project with '
        .. 'the right access level'
    end
    return ('X API: access forbidden (http 403%s): the token lacks access to this endpoint')
      :format(detail and (': ' .. detail) or '')
  elseif status == 400 then
    local msg = type(obj) == 'table' and type(obj.errors) == 'table' and type(obj.errors[1]) == 'table'
      and obj.errors[1].message or detail or 'invalid request'
    return ('X API rejected the request (http 400): %s'):format(escape(msg))
  end
  return ('X API: unexpected http %d%s'):format(status, detail and (' (' .. detail .. ')') or '')
end

-- The errors a 200 carries when there is no data: unknown, suspended, protected users.
local function user_problem(obj, who)
  local e = type(obj.errors) == 'table' and obj.errors[1]
  if type(e) ~= 'table' then return nil end
  local detail = type(e.detail) == 'string' and escape(e.detail) or ''
  local title = type(e.title) == 'string' and escape(e.title) or ''
  local suffix = problem_suffix(e) or ''
  if title == 'Forbidden' or detail:match('suspended') then
    return ('X user %s is suspended'):format(who)
  elseif suffix == 'not-authorized-for-resource' or title == 'Authorization Error' then
    return ('X user %s is protected: their posts are visible only to approved followers')
      :format(who)
  elseif suffix == 'resource-not-found' or title == 'Not Found Error' then
    return ('X user %s not found'):format(who)
  end
  return ('X API error for %s: %s'):format(who, detail ~= '' and detail or title)
end

local function get(state, url, what)
  local status, body, hdrs = state.client:get(url, { Authorization = 'Bearer ' .. state.token },
    { fatal_429 = usage_cap })
  if not status then
    if hdrs == 'usage_cap' then return nil, body end
    if hdrs == 'rate_limited' then return nil, 'X API: ' .. body end
    return nil, ('X API %s failed: %s'):format(what, body)
  end
  local obj, err = http.decode_json(body, 'X API ' .. what, status)
  if status ~= 200 then return nil, status_error(status, obj) end
  if not obj then return nil, err end
  return obj
end

local function text_of(t)
  local text = t.text
  if type(t.note_tweet) == 'table' and type(t.note_tweet.text) == 'string' then
    text = t.note_tweet.text
  end
  return (text:gsub('&lt;', '<'):gsub('&gt;', '>'):gsub('&amp;', '&'))
end

local function kind_of(t, user_id)
  if type(t.text) == 'string' and t.text:match('^RT @') then return 'retweet' end
  local is_reply = false
  if type(t.referenced_tweets) == 'table' then
    for _, r in ipairs(t.referenced_tweets) do
      if type(r) == 'table' and r.type == 'retweeted' then return 'retweet' end
      if type(r) == 'table' and r.type == 'replied_to' then is_reply = true end
    end
  end
  if not is_null(t.in_reply_to_user_id) then is_reply = true end
  if is_reply then
    if t.in_reply_to_user_id == user_id then return 'self_reply' end
    return 'reply'
  end
  return 'post'
end

--- Checks the handle and the token, before any request.
-- @treturn table|nil the state the other functions take
-- @treturn[opt] string message
function M.resolve(handle, opts)
  local token = require('tweeter.fetch').getenv('TWITTER_BEARER_TOKEN')
  if not token or token == '' then
    return nil, 'TWITTER_BEARER_TOKEN is not set: export the bearer token of your X developer '
      .. 'App in that environment variable (it is never taken from the command line)'
  end
  local name = handle:gsub('^@', '')
  if not name:match('^[%w_]+$') or #name > 15 then
    return nil, ('invalid X handle \'%s\' (expected 1 to 15 letters, digits or _)'):format(handle)
  end
  local base = (opts.api_base or M.API):gsub('/+$', '')
  local safe, why = http.check_token_url(base)
  if not safe then return nil, escape(why) end
  return { name = name, who = '@' .. name, base = base, token = token, opts = opts }
end

--- Looks the user up: their numeric id, or a message (unknown, suspended, protected).
function M.lookup(state)
  local user, err = get(state, state.base .. '/2/users/by/username/' .. state.name, 'user lookup')
  if not user then return nil, err end
  local who = state.who
  if type(user.data) ~= 'table' then
    return nil, user_problem(user, who) or ('X API user lookup for %s returned no user'):format(who)
  end
  local uid = user.data.id
  if type(uid) ~= 'string' or not uid:match('^%d+$') then
    return nil, ('X API user lookup for %s returned no string id'):format(who)
  end
  if user.data.protected == true then
    return nil, ('X user %s is protected: their posts are visible only to approved followers')
      :format(who)
  end
  state.uid = uid
  return true
end

--- One page of the timeline: its posts and the next pagination token.
function M.page(state, token)
  local opts = state.opts
  local exclude = {}
  if not opts.include_retweets then exclude[#exclude + 1] = 'retweets' end
  if not opts.include_replies then exclude[#exclude + 1] = 'replies' end
  state.collected = state.collected or 0
  local want = 100
  if opts.limit then want = math.max(5, math.min(100, opts.limit - state.collected)) end
  local url = state.base .. '/2/users/' .. state.uid .. '/tweets?' .. http.query {
    { 'max_results', want },
    { 'exclude', #exclude > 0 and table.concat(exclude, ',') or nil },
    { 'tweet.fields', 'created_at,note_tweet,referenced_tweets,in_reply_to_user_id' },
    { 'since_id', opts.since_id }, { 'until_id', opts.until_id },
    { 'pagination_token', token },
  }
  local page, err = get(state, url, 'timeline')
  if not page then return nil, err end
  if is_null(page.data) and type(page.errors) == 'table' and state.collected == 0 and token == nil then
    return nil, user_problem(page, state.who)
  end
  local page_posts = {}
  for _, t in ipairs(type(page.data) == 'table' and page.data or {}) do
    if type(t) ~= 'table' or type(t.id) ~= 'string' or type(t.text) ~= 'string' then
      return nil, 'X API timeline returned a post without a string id and text'
    end
    local kind = kind_of(t, state.uid)
    if (kind ~= 'retweet' or opts.include_retweets) and (kind ~= 'reply' or opts.include_replies) then
      page_posts[#page_posts + 1] = { id = t.id, text = text_of(t),
        created_at = type(t.created_at) == 'string' and t.created_at or nil }
    end
  end
  state.collected = state.collected + #page_posts
  local meta = type(page.meta) == 'table' and page.meta or {}
  return page_posts, type(meta.next_token) == 'string' and meta.next_token or nil
end

return M
