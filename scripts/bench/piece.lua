-- Piece pages: GET /pieces/{id} with random ids in 1..BENCH_PIECES (default 100000).
-- Listed pieces answer 200; unknown or unlisted ids answer 404 (counted as non-2xx).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua")

local max_id = tonumber(os.getenv("BENCH_PIECES") or "100000")

wrk.headers["Accept"] = "text/html"

request = function()
  return wrk.format("GET", "/pieces/" .. math.random(1, max_id))
end
