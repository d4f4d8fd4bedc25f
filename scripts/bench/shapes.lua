-- API search in the shapes people use (issue 9): BENCH_SHAPE picks one.
--   broad:   one common word, every facet, no filter
--   browse:  no words, a price range, a random sort, every facet
--   filters: a word and many filters (category, grade, colour, price range, offers, available)
--   sorts:   no words, each sort in turn, every facet
--   deep:    a page far into the price order (a cursor in the middle of the catalogue)
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua")

wrk.headers["Accept"] = "application/json"

local SORTS = { "newest", "price_asc", "price_desc" }
local COLOURS = { "black", "white", "blue", "red", "beige", "brown", "grey", "green" }
local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

-- URL-safe base64 without padding, as the server's cursors are written.
local function b64(s)
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = s:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local chars = 2 + (b and 1 or 0) + (c and 1 or 0)
    for k = 1, chars do
      local v = math.floor(n / 2 ^ (18 - 6 * (k - 1))) % 64
      out[#out + 1] = B64:sub(v + 1, v + 1)
    end
  end
  return table.concat(out)
end

local function price_range()
  local from = math.random(0, 40) * 500
  return "&price_min=" .. from .. "&price_max=" .. (from + math.random(2, 40) * 500)
end

local shape = os.getenv("BENCH_SHAPE") or "broad"
local pieces = tonumber(os.getenv("BENCH_PIECES") or "100000")

local function path()
  if shape == "broad" then
    return "q=" .. urlencode(pick(WORDS)) .. "&facets=true"
  elseif shape == "browse" then
    return "sort=" .. pick(SORTS) .. price_range() .. "&facets=true"
  elseif shape == "filters" then
    return "q=" .. urlencode(pick(WORDS)) .. "&category=" .. pick(CATEGORIES) .. "&grade=" .. pick(GRADES)
      .. "&colour=" .. pick(COLOURS) .. price_range() .. "&open_to_offers=true&available_only=true&facets=true"
  elseif shape == "sorts" then
    return "sort=" .. pick(SORTS) .. "&facets=true"
  else
    local sort = pick({ "price_asc", "price_desc" })
    local cursor = b64(sort .. ":" .. math.random(2000, 60000) .. ":" .. math.random(1, pieces))
    return "sort=" .. sort .. "&cursor=" .. cursor .. "&limit=24"
  end
end

request = function()
  return wrk.format("GET", "/api/v1/pieces?" .. path())
end
