-- wrk script: GET pages of 100 activities all over a 10,000-activity project
-- (ids A000001 … A010000 from `lanyan gen`), each request a different page.
-- The cursor is the hex of the id before the page.
local n = 0
local function hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", string.byte(c)) end))
end
request = function()
  local page = n % 100
  n = n + 1
  local path = "/projects/P/activities?limit=100"
  if page > 0 then
    path = path .. "&cursor=" .. hex(string.format("A%06d", page * 100))
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. os.getenv("LANYAN_KEY") })
end
