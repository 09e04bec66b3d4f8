-- wrk script of bench/keygate-load.sh's cognito_guest run: the guest flow of an identity pool, as a mobile SDK runs
-- it for a new guest. GetId, then GetCredentialsForIdentity with the IdentityId it answered (Cognito Identity JSON 1.1,
-- unsigned). bench/keygate-load.sh replaces {{POOL_ID}} with the pool's id.
--
-- A connection's next request is made right after its answer was read, so the GetId answer's identity id goes out
-- as that connection's next request: every GetId is followed by one GetCredentialsForIdentity. done() prints
-- "Pairs/sec", the credential sets obtained per second (GetId + GetCredentialsForIdentity, both 200), which
-- bench/keygate-load.sh reports as the run's rps; wrk's latencies are those of the single calls.
local pool = "{{POOL_ID}}"
local headers = {
  ["Content-Type"] = "application/x-amz-json-1.1",
  ["User-Agent"] = "aws-sdk-js/3.600.0 ua/2.0 os/linux lang/js md/browser api/cognito-identity#3.600.0",
  ["Accept-Encoding"] = "identity",
}
local threads = {}
local ids = {}  -- identity ids answered by GetId, not yet exchanged
completed = 0   -- global: read from each thread by done()

local function call(operation, body)
  headers["X-Amz-Target"] = "AWSCognitoIdentityService." .. operation
  return wrk.format("POST", "/", headers, body)
end

function setup(thread)
  table.insert(threads, thread)
end

local get_id
function init(args)
  get_id = call("GetId", '{"IdentityPoolId":"' .. pool .. '"}')
end

function request()
  local id = table.remove(ids)
  if id then
    return call("GetCredentialsForIdentity", '{"IdentityId":"' .. id .. '"}')
  end
  return get_id
end

function response(status, headers, body)
  if status ~= 200 then
    return
  end
  if body:find('"Credentials"', 1, true) then
    completed = completed + 1
  else
    local id = body:match('"IdentityId"%s*:%s*"([^"]+)"')
    if id then
      table.insert(ids, id)
    end
  end
end

function done(summary, latency, requests)
  local n = 0
  for _, thread in ipairs(threads) do
    n = n + (thread:get("completed") or 0)
  end
  io.write(string.format("Pairs/sec: %.2f\n", n / (summary.duration / 1000000)))
  io.write(string.format("Pairs: %d\n", n))
end
