-- wrk script: POST /m/check with a rotating list of real (ID, name) pairs and the CSRF cookie and
-- token fetched by run.sh. Environment: QF_IDS (file of "id,name" lines), QF_COOKIE, QF_TOKEN.
local pairs_list = {}
local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
for line in io.lines(os.getenv("QF_IDS")) do
  local id, name = line:match("^([^,]+),([^,]+)$")
  if id then pairs_list[#pairs_list + 1] = "id_number=" .. id .. "&name=" .. urlencode(name) end
end
local token = os.getenv("QF_TOKEN")
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("QF_COOKIE")
request = function()
  i = i % #pairs_list + 1
  return wrk.format(nil, "/m/check", nil, pairs_list[i] .. "&_csrf=" .. token)
end
done = function(summary, latency, requests)
  io.write(string.format("QF_RESULT rps=%.0f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
