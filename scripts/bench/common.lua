-- Shared by the wrk scripts of scripts/bench.sh: a random seed per thread, URL encoding, the
-- search vocabulary, and one machine-readable result line that bench.sh parses.

local counter = 0

-- Runs in wrk's main Lua state, once per thread, before the load starts.
function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

-- Runs in each thread's own Lua state.
function init(args)
  math.randomseed(os.time() * 1000 + (thread_id or 0) * 7919)
  for _ = 1, 10 do math.random() end
  wrk.headers["Accept-Language"] = "fr-FR,fr;q=0.9,en;q=0.5"
  local encoding = os.getenv("BENCH_ACCEPT_ENCODING") or "gzip"
  if encoding ~= "" then wrk.headers["Accept-Encoding"] = encoding end
end

function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", c:byte()) end))
end

function pick(list)
  return list[math.random(1, #list)]
end

WORDS = { "robe", "veste", "manteau", "pull", "jean", "chemise", "sac", "écharpe", "cuir", "soie", "laine" }
CATEGORIES = { "dresses", "coats", "jackets", "knitwear", "shirts", "trousers", "jeans", "skirts", "bags", "scarves" }
GRADES = { "new_with_tags", "excellent", "very_good", "good" }

-- `q=…&category=…&grade=…` with random choices from the lists above.
function search_query()
  return "q=" .. urlencode(pick(WORDS)) .. "&category=" .. pick(CATEGORIES) .. "&grade=" .. pick(GRADES)
end

-- Latencies in microseconds; `status` counts responses that are not 2xx or 3xx.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d p50_us=%.0f p90_us=%.0f p99_us=%.0f max_us=%.0f " ..
    "connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.timeout, e.status))
end
