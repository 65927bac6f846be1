-- wrk script for the mixed soak: cycles through the AdmissionReview bodies in BODY_DIR
-- (written by make-reviews.py) in a fixed pattern: mostly small dry-run, denied and allowed
-- reviews, and now and then a 10,000-container or a 100,000-label one (2 MB each), so that
-- both the per-request and the per-byte cost of what is analysed but not admitted show.
local dir = os.getenv("BODY_DIR")
local pattern = { "dryrun", "denied", "allowed", "dryrun", "denied", "dryrun", "allowed", "denied",
                  "dryrun", "denied", "allowed", "dryrun", "denied", "dryrun", "allowed", "denied",
                  "dryrun", "denied", "allowed", "containers", "dryrun", "denied", "allowed", "labels" }
local bodies = {}
local counts = {}
for _, name in ipairs(pattern) do
  if not bodies[name] then
    local f = assert(io.open(dir .. "/" .. name .. ".json", "rb"))
    bodies[name] = f:read("*a")
    f:close()
  end
end
local i = 0
local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }

request = function()
  i = i % #pattern + 1
  return wrk.format("POST", nil, headers, bodies[pattern[i]])
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
               + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors))
end
