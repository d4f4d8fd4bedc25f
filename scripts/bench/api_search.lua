-- API search: GET /api/v1/pieces?q=<word>&category=<category>&grade=<grade>&facets=true.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua")

wrk.headers["Accept"] = "application/json"

request = function()
  return wrk.format("GET", "/api/v1/pieces?" .. search_query() .. "&facets=true")
end
