-- Argo CD health of an ecsapp.dev/EcsApp, read from what the operator reports in status: observedGeneration and
-- the conditions Ready, Progressing and Degraded (each True, False or Unknown, with a reason and a message).
-- Written for Lua 5.1 (Argo CD runs gopher-lua): no goto, no integer division, no bitwise operators.
local hs = {}

local function find(conditions, wanted)
  for _, condition in ipairs(conditions) do
    if condition.type == wanted then
      return condition
    end
  end
  return nil
end

local function isTrue(condition)
  return condition ~= nil and condition.status == "True"
end

local function explain(condition, otherwise)
  if condition == nil or condition.message == nil or condition.message == "" then
    return otherwise
  end
  if condition.reason ~= nil and condition.reason ~= "" then
    return condition.reason .. ": " .. condition.message
  end
  return condition.message
end

local status = obj.status
if status == nil or status.conditions == nil or #status.conditions == 0 then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report on this EcsApp"
  return hs
end

-- A status written for an older spec says nothing about the current one: even Ready=True there only means the
-- previous version runs.
local generation = obj.metadata.generation
if generation ~= nil and (status.observedGeneration == nil or status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to apply generation " .. tostring(generation)
  return hs
end

-- The operator sets Degraded=True only with Ready=False and Progressing=False: a terminal failure (invalid spec,
-- AWS refused a request, a rollout stopped or rolled back by the circuit breaker) that waits for a change.
local degraded = find(status.conditions, "Degraded")
if isTrue(degraded) then
  hs.status = "Degraded"
  hs.message = explain(degraded, "Degraded")
  return hs
end

local progressing = find(status.conditions, "Progressing")
if isTrue(progressing) then
  hs.status = "Progressing"
  hs.message = explain(progressing, "Progressing")
  return hs
end

local ready = find(status.conditions, "Ready")
if isTrue(ready) then
  hs.status = "Healthy"
  hs.message = explain(ready, "Ready")
  return hs
end

hs.status = "Progressing"
hs.message = explain(ready, "Waiting for the EcsApp to become Ready")
return hs
