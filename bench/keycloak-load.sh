#!/usr/bin/env bash
# Keycloak 26.5.6 in production mode, the peer of bench/keygate-load.sh (same wrk settings, same output format).
#
# Production mode as an operator runs it on one machine (https://www.keycloak.org/server/configuration-production):
#   - `kc.sh build` once (build-time options: dev-file database, no health/metrics endpoints), then
#     `kc.sh start --optimized` (the production start: no build at boot, no dev defaults) with local caches (one
#     node: no JGroups cluster, as Keygate's embedded store)
#   - hostname set (`--hostname=http://127.0.0.1:$PORT`, strict), HTTP enabled on loopback only (no TLS certificate
#     on this box; a reverse proxy would terminate TLS), a fresh database every round
#   - database `dev-file` (embedded H2 file): the one deviation from production. Keycloak warns that it is not for
#     production; an external PostgreSQL would add a second process and a network hop per uncached read. The
#     measured calls (token grant, introspection, userinfo) hit the database only for the first load of the realm,
#     client and service-account user, which the local caches then hold.
#   - heap: kc.sh's own default outside containers (-Xms64m -Xmx512m, G1), unchanged unless JAVA_OPTS_KC_HEAP is set
#
# What it measures (wrk, $CONNS connections, $DUR each after a $WARM warm-up per endpoint, loopback only):
#   cc               POST .../token  client_credentials grant (≈ AssumeRole: a fresh credential per request)
#   introspect       POST .../token/introspect of one access token (≈ the decision API)
#   userinfo         GET  .../userinfo with one Bearer access token (≈ GetCallerIdentity with one session)
#   userinfo_cold    userinfo spread over $TOKENS distinct access tokens (≈ GetCallerIdentity over 10,000 sessions)
#   introspect_cold  introspection spread over the same $TOKENS tokens
# plus the time from `kc.sh start --optimized` to the first answer of the OIDC discovery document, and RSS.
#
# Usage:  bench/keycloak-load.sh      (defaults below; override via env)
#   WORK=${TMPDIR:-/tmp}/keycloak-load  PORT=18142  MGMT_PORT=18143  CONNS="16 64"  DUR=25s  WARM=15s  THREADS=2
#   TOKENS=10000  TOKEN_SECONDS=180 (minting stops there; the cold scripts use the tokens minted, at least 1,000)
#   COLD=1  JAVA_HOME_KC=<a JDK 21+, default Temurin 25>  KC_DIST=<a built distribution to reuse>
#   BUILD_ONLY=1  (unzip and build into $WORK, start nothing)
#   PHASE=serve   start and prepare (realm, client, tokens, scripts), write $WORK/ready, stay up until stopped
#   PHASE=measure SERVER_WORK=<the serve phase's WORK>: warm-ups and measurements against that running server, into
#                 $WORK/results (bench/side-by-side.sh starts Keycloak once and measures it once per round)
# Output: $WORK/results/{summary,startup}.txt as bench/keygate-load.sh writes them.
# Needs: unzip, curl, wrk, python3.
set -euo pipefail
trap 'echo "FAILED at line $LINENO" >&2' ERR

KC_VERSION=${KC_VERSION:-26.5.6}
ZIP=${ZIP:-$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.zip}
WORK=${WORK:-${TMPDIR:-/tmp}/keycloak-load}
export JAVA_HOME=${JAVA_HOME_KC:-/usr/lib/jvm/temurin-25-jdk-amd64}
PORT=${PORT:-18142}
MGMT_PORT=${MGMT_PORT:-18143}
BASE=http://127.0.0.1:$PORT
CONNS=${CONNS:-"16 64"}
DUR=${DUR:-25s}
WARM=${WARM:-15s}
THREADS=${THREADS:-2}
TOKENS=${TOKENS:-10000}
TOKEN_SECONDS=${TOKEN_SECONDS:-180}
COLD=${COLD:-1}
REALM=bench
CLIENT=bench-client
SECRET=bench-secret-0123456789
OUT=$WORK/results
PHASE=${PHASE:-all}

run() { # name url lua conns dur
  wrk -t"$THREADS" -c"$4" -d"$5" --latency -s "$LUA_DIR/$3" "$2" -- "$THREADS" >"$OUT/$1.txt" 2>&1
  if ! kill -0 "$KC_PID" 2>/dev/null; then
    echo "Keycloak stopped during $1 (see its keycloak.log): run INVALID" | tee -a "$OUT/summary.txt" >&2
    exit 3
  fi
  local rps p50 p99 errs
  rps=$(awk '/Requests\/sec/{print $2}' "$OUT/$1.txt")
  p50=$(awk '$1=="50%"{print $2}' "$OUT/$1.txt")
  p99=$(awk '$1=="99%"{print $2}' "$OUT/$1.txt")
  errs=$(awk '/Non-2xx/{print $NF}' "$OUT/$1.txt"); errs=${errs:-0}
  printf '%-22s c=%-3s rps=%-9s p50=%-9s p99=%-9s non2xx=%s\n' "$1" "$4" "$rps" "$p50" "$p99" "$errs" | tee -a "$OUT/summary.txt"
}

measure() {
  TOKEN_URL=$BASE/realms/$REALM/protocol/openid-connect/token
  USERINFO_URL=$BASE/realms/$REALM/protocol/openid-connect/userinfo
  # warm-up (JIT) for each endpoint, not counted
  run warm_cc "$TOKEN_URL" cc.lua 16 "$WARM" >/dev/null
  run warm_introspect "$TOKEN_URL/introspect" introspect.lua 16 "$WARM" >/dev/null
  run warm_userinfo "$USERINFO_URL" userinfo.lua 16 "$WARM" >/dev/null
  if [ -f "$LUA_DIR/userinfo_cold.lua" ]; then
    run warm_userinfo_cold "$USERINFO_URL" userinfo_cold.lua 16 "$WARM" >/dev/null
    run warm_introspect_cold "$TOKEN_URL/introspect" introspect_cold.lua 16 "$WARM" >/dev/null
  fi
  : >"$OUT/summary.txt"
  for c in $CONNS; do
    run "cc_c$c" "$TOKEN_URL" cc.lua "$c" "$DUR"
    run "introspect_c$c" "$TOKEN_URL/introspect" introspect.lua "$c" "$DUR"
    run "userinfo_c$c" "$USERINFO_URL" userinfo.lua "$c" "$DUR"
    if [ -f "$LUA_DIR/userinfo_cold.lua" ]; then
      run "userinfo_cold_c$c" "$USERINFO_URL" userinfo_cold.lua "$c" "$DUR"
      run "introspect_cold_c$c" "$TOKEN_URL/introspect" introspect_cold.lua "$c" "$DUR"
    fi
  done
  echo "rss_after_load_kib=$(ps -o rss= -p "$JPID" | tr -d ' ')" | tee -a "$OUT/startup.txt"
}

if [ "$PHASE" = measure ]; then
  [ -f "${SERVER_WORK:-}/ready" ] || { echo "no running Keycloak prepared in SERVER_WORK=${SERVER_WORK:-}" >&2; exit 1; }
  rm -rf "$WORK"; mkdir -p "$OUT"
  read -r KC_PID JPID <"$SERVER_WORK/ready"
  LUA_DIR=$SERVER_WORK
  grep -v '^rss_after_load' "$SERVER_WORK/results/startup.txt" >"$OUT/startup.txt"
  echo "server=started once for all rounds (see $SERVER_WORK)" >>"$OUT/startup.txt"
  measure
  echo "done; results in $OUT"
  exit 0
fi

if curl -s -o /dev/null --max-time 2 "$BASE/"; then
  echo "something already listens on $BASE: stop it first" >&2; exit 1
fi
rm -rf "$WORK"; mkdir -p "$WORK" "$OUT"

# ---- build once (an operator's image build), or reuse a built distribution -------------------------------------
if [ -n "${KC_DIST:-}" ] && [ -x "$KC_DIST/bin/kc.sh" ]; then
  KC_HOME=$KC_DIST
  rm -rf "$KC_HOME/data"
else
  if [ ! -f "$ZIP" ]; then
    mvn -q dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip -Dtransitive=false
  fi
  unzip -q "$ZIP" -d "$WORK"
  KC_HOME=$WORK/keycloak-$KC_VERSION
  "$KC_HOME/bin/kc.sh" build --db=dev-file --health-enabled=false --metrics-enabled=false \
    >"$OUT/build.log" 2>&1
fi
if [ "${BUILD_ONLY:-0}" = 1 ]; then echo "built $KC_HOME"; exit 0; fi

# ---- start (production) ---------------------------------------------------------------------------------------
# Start-up tolerance for a machine shared by many builds: Keycloak's first start (schema creation on a fresh
# database) times out acquiring its JDBC connection after the default 5 s and exits; allow 2 minutes. A raw Quarkus
# property (conf/quarkus.properties), read at run time; it changes nothing once the server runs.
echo "quarkus.datasource.jdbc.acquisition-timeout=120S" >"$KC_HOME/conf/quarkus.properties"
export KC_BOOTSTRAP_ADMIN_USERNAME=admin
export KC_BOOTSTRAP_ADMIN_PASSWORD=admin-pass-123
# JDK 24+: jboss-threads' thread-local reset needs java.lang opened (otherwise executor threads die)
export JAVA_OPTS_APPEND="${JAVA_OPTS_APPEND:-} --add-opens java.base/java.lang=ALL-UNNAMED"
T0=$(date +%s.%N)
"$KC_HOME/bin/kc.sh" start --optimized \
  --hostname="$BASE" --hostname-strict=true \
  --http-enabled=true --http-host=127.0.0.1 --http-port="$PORT" --http-management-port="$MGMT_PORT" \
  --cache=local \
  --log-level=INFO >"$OUT/keycloak.log" 2>&1 &
KC_PID=$!
cleanup() { kill -TERM "$KC_PID" 2>/dev/null || true; wait "$KC_PID" 2>/dev/null || true; }
trap cleanup EXIT

for i in $(seq 1 1200); do
  if curl -fs -o /dev/null "$BASE/realms/master/.well-known/openid-configuration"; then break; fi
  kill -0 "$KC_PID" 2>/dev/null || { echo "Keycloak died; see $OUT/keycloak.log" >&2; exit 1; }
  sleep 0.1
done
T1=$(date +%s.%N)
JPID=$(pgrep -P "$KC_PID" -x java || echo "$KC_PID")
echo "mode=production (kc.sh start --optimized; dev-file DB, --cache=local, http on 127.0.0.1, hostname $BASE)" \
  >"$OUT/startup.txt"
echo "java_opts=$(ps -o args= -p "$JPID" | grep -o -- '-Xm[sx][0-9]*[mMgG]' | tr '\n' ' ')(kc.sh default heap)" \
  >>"$OUT/startup.txt"
echo "startup_to_first_200_s=$(python3 -c "print(round($T1-$T0,2))")" | tee -a "$OUT/startup.txt"
grep -o 'started in [0-9.]*s' "$OUT/keycloak.log" | tail -1 | tee -a "$OUT/startup.txt" || true
grep -q 'Profile prod activated' "$OUT/keycloak.log" || { echo "Keycloak did not start in the prod profile" >&2; exit 1; }
sleep 5
echo "rss_idle_kib=$(ps -o rss= -p "$JPID" | tr -d ' ')" | tee -a "$OUT/startup.txt"

# ---- realm + client via the admin REST API ---------------------------------------------------------------------
admin_token() {
  curl -fs "$BASE/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
    -d "username=$KC_BOOTSTRAP_ADMIN_USERNAME" -d "password=$KC_BOOTSTRAP_ADMIN_PASSWORD" |
    python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])'
}
# a fresh admin token for each call: the master realm's tokens live 60 s, less than one slow call on a busy machine
curl -fs -X POST "$BASE/admin/realms" -H "Authorization: Bearer $(admin_token)" -H 'Content-Type: application/json' \
  -d "{\"realm\":\"$REALM\",\"enabled\":true,\"accessTokenLifespan\":3600}"
curl -fs -X POST "$BASE/admin/realms/$REALM/clients" -H "Authorization: Bearer $(admin_token)" -H 'Content-Type: application/json' \
  -d "{\"clientId\":\"$CLIENT\",\"enabled\":true,\"publicClient\":false,\"clientAuthenticatorType\":\"client-secret\",\"secret\":\"$SECRET\",\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,\"directAccessGrantsEnabled\":false,\"protocol\":\"openid-connect\"}"

TOKEN_URL=$BASE/realms/$REALM/protocol/openid-connect/token
USERINFO_URL=$BASE/realms/$REALM/protocol/openid-connect/userinfo
# scope=openid so that the same token is accepted by userinfo
AT=$(curl -fs "$TOKEN_URL" -d grant_type=client_credentials -d "client_id=$CLIENT" -d "client_secret=$SECRET" -d scope=openid |
  python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')
echo "access_token_bytes=${#AT}" | tee -a "$OUT/startup.txt"
curl -fs "$TOKEN_URL/introspect" -d "client_id=$CLIENT" -d "client_secret=$SECRET" -d "token=$AT" | grep -q '"active":true'
curl -fs "$USERINFO_URL" -H "Authorization: Bearer $AT" >/dev/null

# ---- wrk scripts -----------------------------------------------------------------------------------------------
cat >"$WORK/cc.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=client_credentials&client_id=$CLIENT&client_secret=$SECRET"
EOF
cat >"$WORK/introspect.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "client_id=$CLIENT&client_secret=$SECRET&token=$AT"
EOF
cat >"$WORK/userinfo.lua" <<EOF
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer $AT"
EOF

if [ "$COLD" = 1 ]; then
  # $TOKENS distinct access tokens (8 grants in parallel), then one script per endpoint that gives each wrk thread
  # its own share, round robin, as SignedRequestGenerator's scripts do for Keygate
  T2=$(date +%s.%N)
  python3 - "$TOKEN_URL" "$CLIENT" "$SECRET" "$TOKENS" "$WORK/tokens.txt" "$TOKEN_SECONDS" <<'EOF'
import concurrent.futures, http.client, json, sys, threading, time, urllib.parse
url, client, secret, n, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
deadline = time.time() + float(sys.argv[6])
u = urllib.parse.urlsplit(url)
body = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": client, "client_secret": secret,
                               "scope": "openid"})
local = threading.local()
def grant(_):
    if time.time() > deadline:
        return None
    if not hasattr(local, "c"):
        local.c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    local.c.request("POST", u.path, body, {"Content-Type": "application/x-www-form-urlencoded"})
    r = local.c.getresponse()
    data = r.read()
    if r.status != 200:
        raise SystemExit("token grant answered %d: %s" % (r.status, data[:300]))
    return json.loads(data)["access_token"]
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    tokens = [t for t in pool.map(grant, range(n)) if t]
assert len(set(tokens)) == len(tokens), "tokens are not distinct"
if len(tokens) < min(n, 1000):
    raise SystemExit("only %d tokens minted in the time allowed" % len(tokens))
open(out, "w").write("\n".join(tokens) + "\n")
EOF
  echo "tokens=$(wc -l <"$WORK/tokens.txt") distinct access tokens (of $TOKENS asked, ${TOKEN_SECONDS}s allowed) in $(python3 -c "print(round($(date +%s.%N)-$T2,1))") s" |
    tee -a "$OUT/startup.txt"
  python3 - "$WORK/tokens.txt" "$WORK" "$CLIENT" "$SECRET" <<'EOF'
import sys
tokens = [t for t in open(sys.argv[1]).read().split("\n") if t]
work, client, secret = sys.argv[2], sys.argv[3], sys.argv[4]
tail = """
local reqs, n, i, threads = {}, 0, 0, 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function init(args)
  local t = tonumber(args[1]) or 1
  local me = (tid or 0) % t
  for k = me + 1, #raw, t do
    n = n + 1
    reqs[n] = make(raw[k])
  end
  raw = nil
  i = math.random(n) - 1
end
function request()
  i = i % n + 1
  return reqs[i]
end
"""
def write(name, make):
    with open("%s/%s.lua" % (work, name), "w") as f:
        f.write("local raw = {\n")
        for t in tokens:
            f.write('"%s",\n' % t)
        f.write("}\n")
        f.write(make)
        f.write(tail)
write("userinfo_cold", 'function make(t) return wrk.format("GET", nil, {["Authorization"] = "Bearer " .. t}, nil) end\n')
write("introspect_cold", 'function make(t) return wrk.format("POST", nil, {["Content-Type"] = '
      '"application/x-www-form-urlencoded"}, "client_id=%s&client_secret=%s&token=" .. t) end\n' % (client, secret))
EOF
fi

LUA_DIR=$WORK
if [ "$PHASE" = serve ]; then
  echo "$KC_PID $JPID" >"$WORK/ready"
  echo "ready: Keycloak $BASE (pid $KC_PID), scripts in $WORK"
  wait "$KC_PID" || true
  exit 0
fi
measure
cleanup; trap - EXIT
echo "done; results in $OUT"
