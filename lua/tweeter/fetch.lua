--- Fetching a person's posts from X (API v2), Mastodon and Bluesky, through libcurl.
-- Every function returns posts `{ id = '…', text = '…', created_at = '…' }` newest first
-- (ids are always strings), or `nil, message`. Texts are plain UTF-8 (X's `&amp; &lt; &gt;`
-- decoded, Mastodon HTML turned into text); further cleaning is `tweeter.clean`'s job.
-- Each service is a source in `tweeter.sources`; this module runs them over the one pager.
-- `fetch.update` keeps a local posts file up to date, incrementally and resumably.
local cjson = require 'cjson'
local http = require 'tweeter.http'
local clean = require 'tweeter.clean'
local posts = require 'tweeter.posts'
local files = require 'tweeter.files'
local sources = require 'tweeter.sources'
local pager = require 'tweeter.sources.pager'
local options = require('tweeter.options')

local M = {}

--- How the X bearer token is read: `M.getenv('TWITTER_BEARER_TOKEN')`. It is never taken
-- from an argument. (Specs replace this function; nothing else should.)
M.getenv = os.getenv

M.X_API = sources.get('twitter').API
M.BLUESKY_API = sources.get('bluesky').API
M.X_CAP = sources.get('twitter').cap

-- A fetching function's options (declared in tweeter.options as FUNCTIONS['tweeter.fetch']),
-- its argument `argn`, checked; errors name the caller of that function.
local function check_opts(opts, fname, argn)
  if opts == nil then return {} end
  if type(opts) ~= 'table' then
    error(('bad argument #%d to \'%s\' (table expected, got %s)'):format(argn, fname, type(opts)), 3)
  end
  options.check('tweeter.fetch', opts, fname, argn, 3)
  return opts
end

-- Runs a network source: the checks made before any request, the account lookup, then the
-- pages. Returns posts and info, or nil, a message and the posts fetched before the failure.
-- Every message from here on may quote the server, which may quote the token back: it leaves
-- scrubbed (`http.scrub`).
local function run_source(source, handle, opts)
  local state, why = source.resolve(handle, opts)
  if not state then return nil, why end
  local client <close> = http.new {
    timeout = opts.timeout, max_wait = opts.max_wait, progress = opts.progress,
    sleep = opts.sleep, now = opts.now, retries = opts.retries, backoff = opts.backoff,
  }
  state.client = client
  local found, err = source.lookup(state)
  if not found then return nil, http.scrub(err, state.token), {} end
  local list, info, partial = pager.run(source, state, opts, source.first_cursor and source.first_cursor(state))
  if not list then return nil, http.scrub(info, state.token), partial end
  return list, info
end

local function fetch_from(name, fname)
  return function(handle, opts)
    if type(handle) ~= 'string' then
      error(('bad argument #1 to \'%s\' (string expected, got %s)'):format(fname, type(handle)), 2)
    end
    return run_source(sources.get(name), handle, check_opts(opts, fname, 2))
  end
end

--- Fetches a user's posts from the X API v2 (user lookup, then the timeline page by page).
-- The bearer token is read from the environment variable `TWITTER_BEARER_TOKEN` only.
-- Stops at the end of the timeline, at the 3,200 most recent posts (the API's cap), or at
-- `opts.limit`. Long posts come whole (`note_tweet`). Retweets and replies to others are
-- left out unless asked for; self-replies (threads) are kept.
-- @function twitter
-- @param handle string `name` or `@name`
-- @param opts table|nil the options declared in `tweeter.options`
--   (`FUNCTIONS['tweeter.fetch']`, `source` and `clean` aside); here `api_base` defaults to
--   https://api.x.com and `max_pages` to 200
-- @return posts newest first, and `info = { complete = bool, pages = n }` (complete is false
--   when `limit` stopped the fetch with more available)
-- @return nil, message, partial (the posts fetched before the failure)
M.twitter = fetch_from('twitter', 'twitter')

--- Fetches a Mastodon account's public posts from its home instance (no token).
-- Boosts are left out; replies to others are left out unless `include_replies`.
-- Pages with `max_id` taken from the `Link: rel="next"` header until there is none.
-- @function mastodon
-- @param handle string `@user@instance` (or `user@instance`)
-- @param opts table|nil as for `fetch.twitter`; `api_base` defaults to `https://<instance>`
-- @return posts newest first, info
-- @return nil, message, partial
M.mastodon = fetch_from('mastodon', 'mastodon')

--- Fetches a Bluesky account's posts from the public AppView (no token).
-- Reposts and pinned posts are left out; replies unless `include_replies`. Ids are the
-- posts' AT URIs (their record keys sort by time). Pages on `cursor` until there is none;
-- short and empty pages that carry a cursor do not stop the loop.
-- @function bluesky
-- @param handle string `name.bsky.social` (or `@name…`, or a `did:plc:…`)
-- @param opts table|nil as for `fetch.twitter`; `api_base` defaults to
--   https://public.api.bsky.app (page budget 400)
-- @return posts newest first, info
-- @return nil, message, partial
M.bluesky = fetch_from('bluesky', 'bluesky')

--- Which source a handle names: `'mastodon'` for `@user@instance`, `'bluesky'` for a
-- dotted name or a DID, `'twitter'` otherwise (`tweeter.sources.for_handle`).
-- @param handle string
-- @return string
function M.source_of(handle)
  return sources.for_handle(handle).name
end

--- Fetches from the source named by `opts.source` (`'twitter'`, `'mastodon'`,
-- `'bluesky'`) or, when absent, by the handle's shape (see `fetch.source_of`).
-- @param handle string
-- @param opts table|nil as for `fetch.twitter`, plus `source`
-- @return posts newest first, info
-- @return nil, message, partial
function M.fetch(handle, opts)
  options.check_arg(handle, 'string', 1, 'fetch')
  opts = check_opts(opts, 'fetch', 2)
  local source
  if opts.source then source = sources.get(opts.source) else source = sources.for_handle(handle) end
  if not source or not source.lookup then
    return nil, ('unknown source \'%s\' (expected %s)'):format(opts.source,
      table.concat(sources.NETWORK, ', '):gsub(', (%w+)$', ' or %1'))
  end
  local o = {}
  for k, v in pairs(opts) do o[k] = v end
  o.source = nil
  return run_source(source, handle, o)
end

-- ===== the local store: incremental and resumable =====

-- The resume record is a few hundred bytes; anything larger is not one.
local RESUME_MAX_BYTES = 64 * 1024

local function read_json_file(path)
  local s = files.read(path, RESUME_MAX_BYTES)
  if not s then return nil end
  local ok, obj = pcall(cjson.decode, s)
  if ok and type(obj) == 'table' then return obj end
  return nil
end

local function write_json_file(path, obj)
  return files.write(path, cjson.encode(obj))
end

--- Brings the posts file at `path` up to date with the account's newest posts.
-- Loads the file (a missing file is an empty store), fetches only posts newer than the
-- newest saved id (`since_id`), cleans each page (`tweeter.clean`, with `opts.clean` as its
-- options) and merges it into the file as it arrives, so an interrupted fetch keeps what
-- it got. What is still missing is recorded in `path .. '.resume'`; the next call fetches
-- that gap first, then the newer posts, so nothing is fetched twice and nothing is lost.
-- A `limit` that stops a fetch early leaves a gap the same way (the next call continues).
-- @param handle string as for `fetch.fetch`
-- @param path string the posts file (JSON Lines, see `tweeter.posts`)
-- @param opts table|nil as for `fetch.fetch`, plus `clean` (options for `clean.posts`);
--   `since_id`/`until_id` are chosen by this function
-- @return posts (the whole store, newest first), info `{ added = n, complete = bool,
--   dropped = { retweets=, empty=, duplicates= } }`
-- @return nil, message when the store cannot be read or written, or the fetch fails (the
--   message says how many new posts were saved before the failure)
function M.update(handle, path, opts)
  options.check_arg(handle, 'string', 1, 'update')
  options.check_arg(path, 'string', 2, 'update')
  opts = check_opts(opts, 'update', 3)
  local source = opts.source or M.source_of(handle)
  local resume_path = path .. '.resume'
  -- both files are checked before anything is fetched
  for _, out in ipairs({ path, resume_path }) do
    local writable, why = files.check_writable(out)
    if not writable then return nil, ('cannot write %s'):format(why) end
  end
  -- one writer per store: of two fetches into it, the posts of the one that saved first are lost
  local lock, busy = files.lock(path)
  if not lock then return nil, busy end
  local held <close> = lock
  local list = {}
  if files.kind(path) then
    local err
    list, err = posts.load(path)
    if not list then return nil, err end
  end
  local had_resume = files.kind(resume_path) ~= nil
  local texts = {}
  for _, p in ipairs(list) do texts[p.text] = true end
  local info = { added = 0, complete = true, dropped = { retweets = 0, empty = 0, duplicates = 0 } }
  -- a fetch that failed before saving anything leaves no files behind (a .resume of its own
  -- would only point at nothing)
  local function fail(msg)
    if info.added == 0 and not had_resume then os.remove(resume_path) end
    return nil, msg
  end
  local left = opts.limit

  local function run(since_id, until_id)
    local state = { handle = handle, source = source, since_id = since_id, until_id = until_id }
    local ok, werr = write_json_file(resume_path, state)
    if not ok then return nil, ('cannot write %s'):format(werr) end
    local o, save_err = {}, nil
    for k, v in pairs(opts) do o[k] = v end
    o.clean, o.since_id, o.until_id, o.limit, o.source = nil, since_id, until_id, left, source
    o.on_page = function(page)
      local cleaned, stats = clean.posts(page, opts.clean)
      local fresh = {}
      for _, p in ipairs(cleaned) do
        if texts[p.text] then
          stats.duplicates = stats.duplicates + 1
        else
          texts[p.text] = true
          fresh[#fresh + 1] = p
        end
      end
      for k in pairs(info.dropped) do info.dropped[k] = info.dropped[k] + stats[k] end
      local before = #list
      list = posts.merge(list, fresh)
      info.added = info.added + (#list - before)
      local sok, serr = posts.save(path, list)
      if not sok then save_err = serr; error(serr) end
      state.until_id = posts.oldest_id(page)
      local rok, rerr = write_json_file(resume_path, state)
      if not rok then save_err = ('cannot write %s'):format(rerr); error(save_err) end
      if opts.on_page then opts.on_page(page) end
    end
    local pok, got, finfo, partial = pcall(M.fetch, handle, o)
    if not pok then
      if save_err then return nil, save_err end
      fail()
      error(got, 0)
    end
    if not got then
      local n = partial and #partial or 0
      local msg = finfo
      if n > 0 then
        msg = ('%s (%d new posts saved to %s; fetch again to continue)'):format(msg, n, path)
      end
      return fail(msg)
    end
    if left then left = left - #got end
    if finfo.complete then
      os.remove(resume_path)
    else
      info.complete = false
    end
    return true
  end

  local resume = read_json_file(resume_path)
  if resume and resume.handle == handle and resume.source == source then
    local ok, err = run(resume.since_id, resume.until_id)
    if not ok then return nil, err end
  end
  if info.complete and (left == nil or left > 0) then
    local ok, err = run(posts.newest_id(list), nil)
    if not ok then return nil, err end
  end
  if not files.kind(path) then
    local ok, err = posts.save(path, list)   -- an account with no posts still gets its file
    if not ok then return nil, err end
  end
  return list, info
end

return M
