-- wrk: server-side apply (force, one field manager) of one of the 1,000 ConfigMaps, with a new value each time.
wrk.method = "PATCH"
wrk.headers["Content-Type"] = "application/apply-patch+yaml"
local round = 0
request = function()
  round = round + 1
  local name = "cm-" .. math.random(0, 999)
  local body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"' .. name .. '","namespace":"bench",'
    .. '"labels":{"app":"bench"}},"data":{"a":"' .. string.format("%08d", round) .. '","b":"'
    .. string.rep("x", 200) .. '"}}'
  return wrk.format(nil, "/api/v1/namespaces/bench/configmaps/" .. name .. "?fieldManager=bench&force=true", nil, body)
end

-- An optional argument (wrk ... -- MS): each connection waits MS before its next request, for latency at a set load
-- instead of as fast as the server answers.
local pause = 0
init = function(args)
  pause = tonumber(args[1] or "0") or 0
end
delay = function()
  return pause
end
