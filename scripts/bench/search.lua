-- Search page: GET /search?q=<word>&category=<category>&grade=<grade>, random choices.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua")

wrk.headers["Accept"] = "text/html"

request = function()
  return wrk.format("GET", "/search?" .. search_query())
end
