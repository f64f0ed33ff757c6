-- tweeter.sources.pager: the one loop every source's pages go through.
local pager = require('tweeter.sources.pager')

describe('tweeter.sources.pager', function()
  -- a source whose pages are given: { posts, next cursor } each
  local function scripted(pages)
    return { name = 'test', label = 'Test', max_pages = 10, repeated = 'Test repeated %s',
      page = function(_, cursor) local p = pages[cursor or 'first']; return p[1], p[2] end }
  end
  local function posts(...)
    local out = {}
    for _, id in ipairs({ ... }) do out[#out + 1] = { id = id, text = 'post ' .. id } end
    return out
  end

  it('follows cursors to the last page, honouring the limit', function()
    local src = scripted { first = { posts('3', '2'), 'b' }, b = { posts('1'), nil } }
    local list, info = pager.run(src, {}, {})
    assert.are.equal(3, #list)
    assert.are.same({ complete = true, pages = 2 }, info)
    local pages = {}
    list, info = pager.run(src, {}, { limit = 2, on_page = function(p) pages[#pages + 1] = #p end })
    assert.are.equal(2, #list)
    assert.are.same({ complete = false, pages = 1 }, info)
    assert.are.same({ 2 }, pages)
  end)

  it('stops on a repeated cursor and on the page budget, keeping what it got', function()
    local list, msg, partial = pager.run(scripted { first = { posts('2'), 'a' }, a = { posts('1'), 'a' } }, {}, {})
    assert.is_nil(list)
    assert.are.equal('Test repeated a; stopping to avoid a loop', msg)
    assert.are.equal(2, #partial)
    list, msg = pager.run(scripted { first = { posts('2'), 'a' }, a = { posts('1'), 'b' }, b = { {}, nil } }, {},
      { max_pages = 2 })
    assert.is_nil(list)
    assert.are.equal('Test: stopped after 2 pages (page budget)', msg)
  end)
end)
