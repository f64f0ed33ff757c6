--- Cleaning posts into one-line plain text, the same way for every source.
-- Entities decoded, HTML turned into text, URLs removed (or kept), mentions kept or masked,
-- whitespace normalised, retweets and empty posts dropped, exact duplicates removed.
-- Pure Lua (no C core).
local options = require('tweeter.options')

local M = {}

local NAMED = {
  amp = '&', lt = '<', gt = '>', quot = '"', apos = "'", nbsp = '\u{A0}',
  hellip = '…', mdash = '—', ndash = '–', lsquo = '‘', rsquo = '’', ldquo = '“',
  rdquo = '”', laquo = '«', raquo = '»', copy = '©', reg = '®', trade = '™', euro = '€',
  pound = '£', yen = '¥', cent = '¢', deg = '°', middot = '·', bull = '•', times = '×',
  divide = '÷', iexcl = '¡', iquest = '¿', shy = '', zwj = '\u{200D}', zwnj = '\u{200C}',
  eacute = 'é', egrave = 'è', aacute = 'á', agrave = 'à', oacute = 'ó', uacute = 'ú',
  iacute = 'í', ntilde = 'ñ', ccedil = 'ç', uuml = 'ü', ouml = 'ö', auml = 'ä', szlig = 'ß',
}

local function codepoint(n)
  if n and n > 0 and n <= 0x10FFFF and not (n >= 0xD800 and n <= 0xDFFF) then
    return utf8.char(n)
  end
  return nil
end

--- Decodes HTML character references in one pass (so `&amp;lt;` becomes `&lt;`).
-- Named references (the common ones) and numeric ones (`&#39;`, `&#x27;`); unknown or
-- invalid references are left as they are.
-- @param s string
-- @return string
function M.decode_entities(s)
  return (s:gsub('&(#?[%w]+);', function(ref)
    if ref:sub(1, 1) == '#' then
      local n
      if ref:sub(2, 2) == 'x' or ref:sub(2, 2) == 'X' then
        n = tonumber(ref:sub(3), 16)
      else
        n = tonumber(ref:sub(2), 10)
      end
      return codepoint(n)
    end
    return NAMED[ref]
  end))
end

--- Turns Mastodon-style HTML (`<p>`, `<br>`, `<a>`, `<span>`…) into plain text.
-- Paragraphs become blank lines, `<br>` a newline, every other tag is dropped but its text
-- kept (the `invisible` and `ellipsis` spans of a link concatenate back into the full URL),
-- then entities are decoded. Not an XML parser: it never fails on odd markup.
-- @param html string
-- @return string
function M.html_to_text(html)
  local s = html
  s = s:gsub('<[Bb][Rr]%s*/?>', '\n')
  s = s:gsub('</[Pp]>%s*<[Pp][^>]*>', '\n\n')
  s = s:gsub('</[Ll][Ii]>', '\n'):gsub('</[Bb][Ll][Oo][Cc][Kk][Qq][Uu][Oo][Tt][Ee]>', '\n')
  s = s:gsub('<[^>]*>', '')
  return M.decode_entities(s)
end

local function is_word_byte(c)
  return c ~= '' and c:match('[%w_]') ~= nil
end

-- '@name' and Mastodon's '@name@instance.example' become '@user' (an email address,
-- where a word character comes before the '@', is not a mention).
local function mask_mentions(s)
  local function masker(src)
    return function(pos)
      local before = pos > 1 and src:sub(pos - 1, pos - 1) or ''
      if is_word_byte(before) or before == '@' then return nil end
      return '@user'
    end
  end
  s = s:gsub('()@[%w_]+@[%w%-]+%.[%w%.%-]*[%w]', masker(s))
  return (s:gsub('()@[%w_]+', masker(s)))
end

local function remove_urls(s)
  s = s:gsub('[Hh][Tt][Tt][Pp][Ss]?://[^%s]+', '')
  s = s:gsub('%f[%w]www%.[%w%-]+%.[^%s]+', '')
  return s
end

local function normalise_space(s)
  s = s:gsub('\u{A0}', ' '):gsub('\u{2028}', ' '):gsub('\u{2029}', ' ')
  s = s:gsub('[%c%s]+', ' ')
  return (s:gsub('^ +', ''):gsub(' +$', ''))
end

-- The options of `post` or `posts` (declared in tweeter.options), checked; errors name the
-- caller of that function.
local function check_opts(opts, fname)
  if opts == nil then return {} end
  if type(opts) ~= 'table' then
    error(('bad argument #2 to \'%s\' (table expected, got %s)'):format(fname, type(opts)), 3)
  end
  options.check('tweeter.clean', opts, fname, 2, 3)
  return opts
end

local function clean_one(text, opts)
  local s = text
  if opts.html then s = M.html_to_text(s) else s = M.decode_entities(s) end
  if s:match('^%s*RT @[%w_]') then return nil, 'retweet' end
  if not opts.keep_urls then s = remove_urls(s) end
  if opts.mask_mentions then s = mask_mentions(s) end
  s = normalise_space(s)
  if s == '' then return nil, 'empty' end
  return s
end

--- Cleans one post's text.
-- @param text string
-- @param opts table|nil `keep_urls` (default false: URLs removed), `mask_mentions`
--   (default false: mentions kept; true: each becomes `@user`), `html` (default false:
--   the text is HTML, e.g. raw Mastodon `content`)
-- @return string the cleaned one-line text
-- @return nil, reason when the post is dropped: `'retweet'` or `'empty'`
function M.post(text, opts)
  options.check_arg(text, 'string', 1, 'post')
  return clean_one(text, check_opts(opts, 'post'))
end

--- Cleans a list of posts: each cleaned as by `clean.post`, retweets and empty posts
-- dropped, exact duplicates (after cleaning) removed, first occurrence kept, order kept.
-- @param list array of strings, or of post tables `{ id=, text=, created_at= }` (copies
--   with the cleaned `text` are returned; the input is not modified)
-- @param opts table|nil as for `clean.post`
-- @return array the cleaned list (same kind of elements as given)
-- @return table counts `{ kept=, retweets=, empty=, duplicates= }`
function M.posts(list, opts)
  options.check_arg(list, 'table', 1, 'posts')
  opts = check_opts(opts, 'posts')
  local out, seen = {}, {}
  local stats = { kept = 0, retweets = 0, empty = 0, duplicates = 0 }
  for i, p in ipairs(list) do
    local text = p
    if type(p) == 'table' then text = p.text end
    if type(text) ~= 'string' then
      error(('bad argument #1 to \'posts\' (post %d has no text string)'):format(i), 2)
    end
    local s, why = clean_one(text, opts)
    if not s then
      if why == 'retweet' then stats.retweets = stats.retweets + 1
      else stats.empty = stats.empty + 1 end
    elseif seen[s] then
      stats.duplicates = stats.duplicates + 1
    else
      seen[s] = true
      if type(p) == 'table' then
        local c = {}
        for k, v in pairs(p) do c[k] = v end
        c.text = s
        out[#out + 1] = c
      else
        out[#out + 1] = s
      end
      stats.kept = stats.kept + 1
    end
  end
  return out, stats
end

return M
