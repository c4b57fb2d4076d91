-- wrk: GET of one of the 1,000 ConfigMaps KubernetesBench created, picked at random.
request = function()
  return wrk.format("GET", "/api/v1/namespaces/bench/configmaps/cm-" .. math.random(0, 999))
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
