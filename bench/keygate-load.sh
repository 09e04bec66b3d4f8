#!/usr/bin/env bash
# Keygate load benchmark, the counterpart of ../shared/bench/keycloak-bench.sh (same wrk settings).
#
# What it does (builds nothing: run `mvn -o -DskipTests package` first, which also compiles the generator):
#   1. starts target/quarkus-app/quarkus-run.jar on 127.0.0.1:$PORT with a fresh KEYGATE_DATA_DIR in $WORK and
#      bootstrap root keys from the environment (a fresh account-encoded key when not given); records the time
#      from launch to the first 200 of /q/health/ready and the idle RSS 5 s later (as keycloak-bench.sh does)
#   2. gets session credentials with a signed GetSessionToken (root, 3600 s)
#   3. wrk, fixed connections ($CONNS), $DUR each, only against 127.0.0.1, each signed script regenerated just
#      before its run (a SigV4 signature is accepted for 15 minutes):
#        a) gci_session    POST /  GetCallerIdentity signed with the session credentials ($COUNT distinct requests)
#        b) health_live    GET  /q/health/live   unauthenticated trivial route of the same server (the ratio a/b
#                          survives a noisy machine)
#        c) assumerole     POST /  AssumeRole with a 1 KB session policy, signed by an IAM user   (if on main)
#        d) authorize      POST /api/v1/authorize, decision API, signed by the root, judging an S3 GET signed with
#                          the session credentials                                             (if on main)
#        g) assumerolewithsaml POST / AssumeRoleWithSAML (unsigned) with a typical signed 8 KB response (RSA-SHA256
#                          over the Assertion), a fresh assertion in every request (the replay check stays on):
#                          a throw-away IdP registered with CreateSAMLProvider, a role trusting it    (SAML=1)
#      c), d) and g) are probed first; InvalidAction / 404 means "not there yet" and the run skips them.
#        e) gci_cold       GetCallerIdentity spread over $SESSIONS distinct sessions (GetSessionToken $SESSIONS times)
#        f) assumerole_cold AssumeRole with a distinct 1 KB session policy in every request ($COLD_POLICIES of them)
#      Each wrk thread replays its own share of a script's requests, round robin, so a request comes back only after
#      all the others: with 10,000 sessions (the decoded-token cache holds two generations of 5,000) and 25,000
#      policies (the compiled-policy cache holds at most 20,000 or 64 MB, the packed-size memo 10,000) every request
#      misses.
#      COLD=0 skips e) and f).
#        g) getsignin      GET /federation?Action=getSigninToken with the AssumeRole session (console federation)
#        h) console_page   GET /console with the console session cookie that Action=login set for that session
#      g) and h) need c); the same session each request (getSigninToken mints a new token every time).
#        assumerolewithwebidentity  POST / AssumeRoleWithWebIdentity (unsigned) with an RS256 token: a throw-away OIDC
#                          provider whose discovery document and JWKS a python3 http.server serves on
#                          127.0.0.1:$OIDC_PORT (plain http on loopback: the broker runs with
#                          keygate.federation.oidc.allow-loopback and allow-http-loopback), registered with
#                          CreateOpenIDConnectProvider, a role trusting it; $WEBID_COUNT tokens, each with its own sub
#                          and jti, signed once (valid 60 min) and sent round robin (STS keeps no record of tokens)
#        cognito_guest     the guest flow of an identity pool (Cognito Identity JSON 1.1, unsigned): GetId, then
#                          GetCredentialsForIdentity with the identity id it answered (bench/cognito-guest.lua); the
#                          rps figure is credential sets (pairs) per second, p50/p99 are those of the single calls.
#                          A pool with AllowUnauthenticatedIdentities and an unauthenticated role, made at setup. The
#                          per-source limit on guest GetId (keygate.pool.guest-get-id-limit, 60 a minute) would
#                          refuse a load from one address: the broker of this script runs with
#                          KEYGATE_POOL_GUEST_GET_ID_LIMIT=$GUEST_GET_ID_LIMIT (bench only)
#        getwebidentitytoken POST / GetWebIdentityToken (ES384), SigV4-signed by an IAM user bench-minter whose policy
#                          allows sts:GetWebIdentityToken, after IAM EnableOutboundWebIdentityFederation ($COUNT
#                          distinct signed requests)
#        saml_signin       POST /saml, the console's SAML sign-in (ACS), with the responses of g) (one role: a 302
#                          into the console with a session cookie); a fresh assertion each request, as g)
#      each probed first and skipped when the action is not there.
#   4. records RSS after load, stops Keygate by PID.
#
# Usage:  bench/keygate-load.sh        (defaults below; override via env)
#   WORK=${TMPDIR:-/tmp}/keygate-bench  CONNS="16 64"  DUR=25s  WARM=15s  THREADS=2  PORT=18081  COUNT=200
#   COLD=1  SESSIONS=10000  COLD_POLICIES=25000
#   SAML=1  SAML_COUNT=40000 (assertions signed before each run: at least rps × duration, else the replays past the
#           end are refused and the run is INVALID)  SAML_ACS=$BASE/saml (Keygate's entity id/ACS: the broker runs with KEYGATE_PUBLIC_URL=$BASE)
#   KG_JAVA_OPTS="-XX:+UseSerialGC -Xms96m -Xmn64m -Xmx256m"  JAVA=java (17)
#   WEBID_COUNT=10000  OIDC_PORT=$((PORT + 5)) (the throw-away OIDC provider)  GUEST_GET_ID_LIMIT=2000000000
#   ONLY="assumerolewithwebidentity cognito_guest"   measure only the runs named (and set up only what they need);
#         names: gci_session health_live assumerole authorize getsignin console_page gci_cold assumerole_cold
#         assumerolewithsaml assumerolewithwebidentity cognito_guest getwebidentitytoken saml_signin
#   PROFILE=1   adds a JFR recording of the whole load phase to $WORK/results/keygate.jfr
# Output: $WORK/results/*.txt and a summary on stdout; non2xx must be 0 for a valid run.
# Needs: curl, wrk (with LuaJIT), python3 (parsing only).
set -euo pipefail
trap 'echo "FAILED at line $LINENO" >&2' ERR

REPO=${REPO:-$(cd "$(dirname "$0")/.." && pwd)}
JAR=$REPO/target/quarkus-app/quarkus-run.jar
CP=$REPO/target/test-classes:$REPO/target/classes
WORK=${WORK:-${TMPDIR:-/tmp}/keygate-bench}
JAVA=${JAVA:-java}
PORT=${PORT:-18081}
BASE=http://127.0.0.1:$PORT
CONNS=${CONNS:-"16 64"}
DUR=${DUR:-25s}
WARM=${WARM:-15s}
THREADS=${THREADS:-2}
COUNT=${COUNT:-200}
COLD=${COLD:-1}
SESSIONS=${SESSIONS:-10000}
COLD_POLICIES=${COLD_POLICIES:-25000}
SAML=${SAML:-1}
SAML_COUNT=${SAML_COUNT:-40000}
SAML_ACS=${SAML_ACS:-$BASE/saml}
ACCOUNT=${KEYGATE_BOOTSTRAP_ACCOUNT_ID:-123456789012}
WEBID_COUNT=${WEBID_COUNT:-10000}
OIDC_PORT=${OIDC_PORT:-$((PORT + 5))}
GUEST_GET_ID_LIMIT=${GUEST_GET_ID_LIMIT:-2000000000}
ONLY=${ONLY:-}
# Serial GC and a bounded heap: the broker's live set is a few MB, so the default G1 with a 1/4-of-RAM heap only
# buys idle RSS. A 64 MB young generation makes young collections rare enough to stay out of the p99 (with the
# 10 MB default young generation of -Xms32m they ran ~50 times a second). See docs/benchmarks.md.
KG_JAVA_OPTS=${KG_JAVA_OPTS:-"-XX:+UseSerialGC -Xms96m -Xmn64m -Xmx256m"}
OUT=$WORK/results
want() { [ -z "$ONLY" ] || [[ " $ONLY " == *" $1 "* ]]; }  # is run $1 selected?

[ -f "$JAR" ] || { echo "no $JAR: run 'mvn -o -DskipTests package' first" >&2; exit 1; }
[ -f "$REPO/target/test-classes/io/keygate/bench/SignedRequestGenerator.class" ] ||
  { echo "generator not compiled: run 'mvn -o -DskipTests package' first" >&2; exit 1; }
if curl -s -o /dev/null --max-time 2 "$BASE/"; then
  echo "something already listens on $BASE: stop it first (a leftover server would be measured instead)" >&2; exit 1
fi
rm -rf "$WORK"; mkdir -p "$WORK" "$OUT"

gen() { "$JAVA" -XX:TieredStopAtLevel=1 -cp "$CP" io.keygate.bench.SignedRequestGenerator "$@"; }
xml() { sed -n "s:.*<$1>\([^<]*\)</$1>.*:\1:p" | head -1; }
machine() {
  { echo "== $1 $(date -u +%FT%TZ)"; echo "nproc=$(nproc)"; uptime; top -bn1 | head -15; } >>"$OUT/machine.txt"
}
machine start

if [ -z "${KEYGATE_BOOTSTRAP_ROOT_ACCESS_KEY_ID:-}" ] || [ -z "${KEYGATE_BOOTSTRAP_ROOT_SECRET_ACCESS_KEY:-}" ]; then
  read -r KEYGATE_BOOTSTRAP_ROOT_ACCESS_KEY_ID KEYGATE_BOOTSTRAP_ROOT_SECRET_ACCESS_KEY < <(gen keys "$ACCOUNT")
fi
ROOT_AK=$KEYGATE_BOOTSTRAP_ROOT_ACCESS_KEY_ID
ROOT_SK=$KEYGATE_BOOTSTRAP_ROOT_SECRET_ACCESS_KEY

# ---- start -------------------------------------------------------------------
JFR_OPTS=""
if [ "${PROFILE:-0}" = 1 ]; then
  JFR_OPTS="-XX:+FlightRecorder -XX:StartFlightRecording=filename=$OUT/keygate.jfr,settings=profile"
fi
echo "java_opts=$KG_JAVA_OPTS $JFR_OPTS" >"$OUT/startup.txt"
# Launch through a private link farm ($WORK/app/keygate-bench.jar) so that other people's clean-ups on this shared
# machine that match "quarkus-run.jar" by name do not stop the server mid-run.
mkdir -p "$WORK/app"
for f in app lib quarkus; do ln -s "$REPO/target/quarkus-app/$f" "$WORK/app/$f"; done
ln -s "$JAR" "$WORK/app/keygate-bench.jar"
# The broker starts as a user of bin/keygate starts it: through the launcher, which on Java 25+ runs it from the JDK's
# AOT cache of this build. Making that cache (a training start) is a build step, like Keycloak's `kc.sh build`, so
# it happens here, before T0; the cache stays beside the build and is made again only when the build, the JVM or the
# options change. The JFR options are given to the real start only (KEYGATE_RUN_JAVA_OPTS: not the cache's key).
export KEYGATE_APP=$WORK/app KEYGATE_JAR=$WORK/app/keygate-bench.jar KEYGATE_AOT=${KEYGATE_AOT:-auto}
export KEYGATE_AOT_CACHE=${KEYGATE_AOT_CACHE:-$REPO/target/quarkus-app/keygate.aot}
JAVA=$JAVA JAVA_OPTS=$KG_JAVA_OPTS "$REPO/bin/keygate" train 2>&1 | tee "$OUT/aot-train.txt" || true
if grep -q "AOT cache made\|AOT cache is up to date" "$OUT/aot-train.txt"; then
  echo "aot_cache=used ($KEYGATE_AOT_CACHE; $(grep -o 'made in [0-9]* s\|up to date' "$OUT/aot-train.txt" | tail -1))" \
    | tee -a "$OUT/startup.txt"
else
  echo "aot_cache=none ($(tail -1 "$OUT/aot-train.txt" | sed 's/^keygate: //'))" | tee -a "$OUT/startup.txt"
fi
T0=$(date +%s.%N)
# shellcheck disable=SC2086
KEYGATE_DATA_DIR=$WORK/data KEYGATE_PUBLIC_URL=$BASE QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 \
KEYGATE_BOOTSTRAP_ACCOUNT_ID=$ACCOUNT \
KEYGATE_FEDERATION_OIDC_ALLOW_LOOPBACK=true KEYGATE_FEDERATION_OIDC_ALLOW_HTTP_LOOPBACK=true \
KEYGATE_POOL_GUEST_GET_ID_LIMIT=$GUEST_GET_ID_LIMIT \
KEYGATE_BOOTSTRAP_ROOT_ACCESS_KEY_ID=$ROOT_AK KEYGATE_BOOTSTRAP_ROOT_SECRET_ACCESS_KEY=$ROOT_SK \
JAVA=$JAVA JAVA_OPTS=$KG_JAVA_OPTS KEYGATE_RUN_JAVA_OPTS=$JFR_OPTS \
  "$REPO/bin/keygate" >"$OUT/keygate.log" 2>&1 &
KG_PID=$!
OIDC_PID=
cleanup() {
  kill -TERM "$KG_PID" 2>/dev/null || true; wait "$KG_PID" 2>/dev/null || true
  if [ -n "$OIDC_PID" ]; then kill -TERM "$OIDC_PID" 2>/dev/null || true; wait "$OIDC_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

for i in $(seq 1 1200); do
  if curl -fs -o /dev/null "$BASE/q/health/ready"; then break; fi
  kill -0 "$KG_PID" 2>/dev/null || { echo "Keygate died; see $OUT/keygate.log" >&2; exit 1; }
  sleep 0.05
done
T1=$(date +%s.%N)
STARTUP=$(python3 -c "print(round($T1-$T0,2))")
echo "startup_to_first_200_s=$STARTUP" | tee -a "$OUT/startup.txt"
grep -o 'started in [0-9.]*s' "$OUT/keygate.log" | tail -1 | tee -a "$OUT/startup.txt" || true
sleep 5
echo "rss_idle_kib=$(ps -o rss= -p "$KG_PID" | tr -d ' ')" | tee -a "$OUT/startup.txt"

# ---- credentials ---------------------------------------------------------------
export KG_AK=$ROOT_AK KG_SK=$ROOT_SK KG_TOKEN=
root_call() { gen call --endpoint "$BASE" "$@"; }
GST=$(root_call --param Action=GetSessionToken --param Version=2011-06-15 --param DurationSeconds=3600)
[ "$(echo "$GST" | head -1)" = 200 ] || { echo "GetSessionToken failed: $GST" >&2; exit 1; }
S_AK=$(echo "$GST" | xml AccessKeyId)
S_SK=$(echo "$GST" | xml SecretAccessKey)
S_TOKEN=$(echo "$GST" | xml SessionToken)
echo "session_token_bytes=${#S_TOKEN}" | tee -a "$OUT/startup.txt"
GCI_ARGS=(--endpoint "$BASE" --param Action=GetCallerIdentity --param Version=2011-06-15 --count "$COUNT")
check=$(KG_AK=$S_AK KG_SK=$S_SK KG_TOKEN=$S_TOKEN gen call "${GCI_ARGS[@]}")
[ "$(echo "$check" | head -1)" = 200 ] || { echo "GetCallerIdentity (session) failed: $check" >&2; exit 1; }

# ---- IAM fixtures (when IAM is on main) ------------------------------------------------
# An IAM user "bench-user" whose own policy allows sts:AssumeRole on bench-role and s3:GetObject in bench-bucket,
# with an access key and a GetSessionToken session; a role "bench-role" trusting the account (so the user's policy
# must allow it too) with s3:* attached. AssumeRole is called by the user (the root may not assume roles); the
# decision API judges an S3 GET signed with the user's session (a real policy evaluation, not the root's allow-all).
ROLE_ARN=arn:aws:iam::$ACCOUNT:role/bench-role
HAVE_IAM=0
iam() { root_call --service iam --param Version=2010-05-08 "$@"; }
step() { # label, then the call; a failure ends the optional part, not the run
  local r; r=$("${@:2}" || true)
  if [ "$(echo "$r" | head -1)" != 200 ]; then
    echo "fixtures=stopped at $1: $(echo "$r" | tr '\n' ' ' | cut -c1-300)" | tee -a "$OUT/startup.txt"
    return 1
  fi
  LAST=$r
}
TRUST='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::'$ACCOUNT':root"},"Action":"sts:AssumeRole"}]}'
USER_POLICY='{"Version":"2012-10-17","Statement":[{"Sid":"AssumeBench","Effect":"Allow","Action":"sts:AssumeRole","Resource":"'$ROLE_ARN'"},{"Sid":"ReadReports","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bench-bucket/reports/*"}]}'
ROLE_POLICY='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'
if step CreateUser iam --param Action=CreateUser --param UserName=bench-user &&
   step CreateAccessKey iam --param Action=CreateAccessKey --param UserName=bench-user &&
   U_AK=$(echo "$LAST" | xml AccessKeyId) && U_SK=$(echo "$LAST" | xml SecretAccessKey) &&
   step PutUserPolicy iam --param Action=PutUserPolicy --param UserName=bench-user \
     --param PolicyName=bench-user-policy --param PolicyDocument="$USER_POLICY" &&
   step CreateRole iam --param Action=CreateRole --param RoleName=bench-role \
     --param AssumeRolePolicyDocument="$TRUST" &&
   step PutRolePolicy iam --param Action=PutRolePolicy --param RoleName=bench-role \
     --param PolicyName=bench-s3 --param PolicyDocument="$ROLE_POLICY" &&
   step GetSessionToken:bench-user env KG_AK="$U_AK" KG_SK="$U_SK" KG_TOKEN= "$JAVA" -XX:TieredStopAtLevel=1 \
     -cp "$CP" io.keygate.bench.SignedRequestGenerator call --endpoint "$BASE" --param Action=GetSessionToken \
     --param Version=2011-06-15 --param DurationSeconds=3600; then
  HAVE_IAM=1
  US_AK=$(echo "$LAST" | xml AccessKeyId); US_SK=$(echo "$LAST" | xml SecretAccessKey)
  US_TOKEN=$(echo "$LAST" | xml SessionToken)
  echo "fixtures=IAM user bench-user (key + session), role bench-role" | tee -a "$OUT/startup.txt"
fi

# ---- optional: AssumeRole with a 1 KB session policy -----------------------------------
HAVE_ASSUME=0
python3 - "$WORK/session-policy.json" "$ACCOUNT" <<'EOF2'
import json, sys
out, account = sys.argv[1], sys.argv[2]
stmts, i = [], 0
doc = {"Version": "2012-10-17", "Statement": stmts}
# grow a realistic policy (prefix-scoped S3 reads with a condition) to about 1 KB of packed JSON
while len(json.dumps(doc, separators=(",", ":"))) < 900:
    stmts.append({"Sid": "ReadTeam%d" % i, "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
                  "Resource": ["arn:aws:s3:::bench-bucket/team%d/*" % i],
                  "Condition": {"StringEquals": {"aws:PrincipalAccount": account}}})
    i += 1
open(out, "w").write(json.dumps(doc, separators=(",", ":")))
EOF2
echo "session_policy_bytes=$(wc -c <"$WORK/session-policy.json")" | tee -a "$OUT/startup.txt"
ASSUME_ARGS=(--endpoint "$BASE" --param Action=AssumeRole --param Version=2011-06-15 --param RoleArn="$ROLE_ARN"
  --param RoleSessionName=bench-session --param DurationSeconds=900 --param-file Policy="$WORK/session-policy.json"
  --count "$COUNT")
probe=$(root_call --param Action=AssumeRole --param Version=2011-06-15 --param RoleArn="$ROLE_ARN" \
  --param RoleSessionName=probe)
if echo "$probe" | grep -q InvalidAction; then
  echo "assumerole=skipped (AssumeRole not on main yet: InvalidAction)" | tee -a "$OUT/startup.txt"
elif [ $HAVE_IAM = 0 ]; then
  echo "assumerole=skipped (no IAM fixtures, see above)" | tee -a "$OUT/startup.txt"
elif step AssumeRole env KG_AK="$U_AK" KG_SK="$U_SK" KG_TOKEN= "$JAVA" -XX:TieredStopAtLevel=1 -cp "$CP" \
    io.keygate.bench.SignedRequestGenerator call "${ASSUME_ARGS[@]}"; then
  HAVE_ASSUME=1
  echo "assumerole=on (IAM user bench-user assumes bench-role with a 1 KB session policy; $(echo "$LAST" | grep -o '<PackedPolicySize>[0-9]*' | tr -d '<>'))" | tee -a "$OUT/startup.txt"
fi

# ---- optional: console federation (getSigninToken, then a console page) -----------------
HAVE_SIGNIN=0 HAVE_CONSOLE=0
if [ $HAVE_ASSUME = 1 ]; then
  R_AK=$(echo "$LAST" | xml AccessKeyId); R_SK=$(echo "$LAST" | xml SecretAccessKey)
  R_TOKEN=$(echo "$LAST" | xml SessionToken)
  urlq() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
  SESSION_JSON=$(python3 -c 'import json, sys; print(json.dumps({"sessionId": sys.argv[1], "sessionKey": sys.argv[2],
    "sessionToken": sys.argv[3]}, separators=(",", ":")))' "$R_AK" "$R_SK" "$R_TOKEN")
  SIGNIN_PATH="/federation?Action=getSigninToken&Session=$(urlq "$SESSION_JSON")"
  SIGNIN=$(curl -s "$BASE$SIGNIN_PATH" | python3 -c 'import json, sys; print(json.load(sys.stdin)["SigninToken"])' || true)
  if [ -n "$SIGNIN" ]; then
    HAVE_SIGNIN=1
    echo "getsignin=on (role session of bench-role; path $(echo -n "$SIGNIN_PATH" | wc -c) bytes)" | tee -a "$OUT/startup.txt"
    COOKIE=$(curl -s -o /dev/null -D - "$BASE/federation?Action=login&Issuer=$(urlq https://portal.example)&Destination=$(urlq "$BASE/console")&SigninToken=$(urlq "$SIGNIN")" |
      sed -n 's/^[Ss]et-[Cc]ookie: \(keygate-console=[^;]*\).*/\1/p' | head -1)
    if [ -n "$COOKIE" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE/console")" = 200 ]; then
      HAVE_CONSOLE=1
      echo "console_page=on (GET /console with the console session of that role session)" | tee -a "$OUT/startup.txt"
    else
      echo "console_page=skipped (login gave no working console cookie)" | tee -a "$OUT/startup.txt"
    fi
  else
    echo "getsignin=skipped (getSigninToken gave no token)" | tee -a "$OUT/startup.txt"
  fi
fi

# ---- optional: decision API ------------------------------------------------------------
HAVE_AUTHZ=0
AUTHZ_ARGS=(--endpoint "$BASE" --path /api/v1/authorize --authorize "s3:GetObject,arn:aws:s3:::bench-bucket/reports/q3.csv"
  --count "$COUNT")
if [ $HAVE_IAM = 1 ]; then  # the end client: the IAM user's session, else the root's session
  C_AK=$US_AK C_SK=$US_SK C_TOKEN=$US_TOKEN C_WHO="bench-user session"
else
  C_AK=$S_AK C_SK=$S_SK C_TOKEN=$S_TOKEN C_WHO="root session"
fi
probe=$(KG_CLIENT_AK=$C_AK KG_CLIENT_SK=$C_SK KG_CLIENT_TOKEN=$C_TOKEN gen call "${AUTHZ_ARGS[@]}" || true)
case "$(echo "$probe" | head -1)" in
  200) HAVE_AUTHZ=1
       echo "authorize=on (end client: $C_WHO; $(echo "$probe" | sed -n 2p | cut -c1-160))" | tee -a "$OUT/startup.txt" ;;
  404|405) echo "authorize=skipped (POST /api/v1/authorize not on main yet: $(echo "$probe" | head -1))" | tee -a "$OUT/startup.txt" ;;
  *) echo "authorize=skipped (probe answered: $(echo "$probe" | tr '\n' ' ' | cut -c1-300))" | tee -a "$OUT/startup.txt" ;;
esac

# ---- optional: AssumeRoleWithSAML with a typical signed 8 KB response ---------------------
# A throw-away IdP (SamlRequestGenerator idp) registered with CreateSAMLProvider and a role trusting it, through the
# IAM API. wrk cannot sign: before each run the generator signs $SAML_COUNT responses on every core, each with its
# own assertion ID, and the script sends each once (see SamlRequestGenerator).
HAVE_SAML=0
SAML_DIR=$WORK/saml-idp
SAML_ROLE_ARN=arn:aws:iam::$ACCOUNT:role/bench-saml-role
SAML_PROVIDER_ARN=arn:aws:iam::$ACCOUNT:saml-provider/bench-idp
SAML_TRUST='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"'$SAML_PROVIDER_ARN'"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"'$SAML_ACS'"}}}]}'
SAML_ARGS=(--dir "$SAML_DIR" --endpoint "$BASE" --role-arn "$SAML_ROLE_ARN" --provider-arn "$SAML_PROVIDER_ARN"
  --acs "$SAML_ACS")
# The SAML and web identity generators sign with OpenSAML and Nimbus: they need the whole test class path, taken
# once from Maven's debug output (offline dependency:build-classpath does not resolve here) and kept in target/.
TEST_CP_FILE=$REPO/target/bench-test-classpath.txt
WANT_SAML=0
if [ "$SAML" = 1 ] && { want assumerolewithsaml || want saml_signin; }; then WANT_SAML=1; fi
if { [ $WANT_SAML = 1 ] || want assumerolewithwebidentity; } && [ ! -s "$TEST_CP_FILE" ]; then
  (cd "$REPO" && mvn -o -X test-compile 2>/dev/null | sed -n 's/.*(f) testPath = \[\(.*\)\]$/\1/p' | head -1 |
    sed 's/, /:/g' >"$TEST_CP_FILE") || true
fi
gen_test() { "$JAVA" -cp "$(cat "$TEST_CP_FILE")" "io.keygate.bench.$1" "${@:2}"; }
gen_saml() { gen_test SamlRequestGenerator "$@"; }
gen_webid() { gen_test WebIdentityRequestGenerator "$@"; }
if [ $WANT_SAML = 1 ] && [ ! -s "$TEST_CP_FILE" ]; then
  echo "assumerolewithsaml=skipped (no test class path in $TEST_CP_FILE: mvn -o -X test-compile failed)" |
    tee -a "$OUT/startup.txt"
elif [ "$SAML" != 1 ]; then
  echo "assumerolewithsaml=skipped (SAML=0)" | tee -a "$OUT/startup.txt"
elif [ $WANT_SAML != 1 ]; then
  echo "assumerolewithsaml=skipped (not in ONLY)" | tee -a "$OUT/startup.txt"
elif gen_saml idp --dir "$SAML_DIR" 2>/dev/null &&
     step CreateSAMLProvider iam --param Action=CreateSAMLProvider --param Name=bench-idp \
       --param-file SAMLMetadataDocument="$SAML_DIR/idp-metadata.xml" &&
     step CreateRole:bench-saml-role iam --param Action=CreateRole --param RoleName=bench-saml-role \
       --param AssumeRolePolicyDocument="$SAML_TRUST" &&
     step AssumeRoleWithSAML gen_saml call "${SAML_ARGS[@]}"; then
  HAVE_SAML=1
  echo "assumerolewithsaml=on (provider bench-idp, role bench-saml-role, $SAML_COUNT signed responses per run)" |
    tee -a "$OUT/startup.txt"
fi
HAVE_SAML_SIGNIN=0
if [ $HAVE_SAML = 1 ] && want saml_signin; then
  probe=$(gen_saml call "${SAML_ARGS[@]}" --target console || true)
  if [ "$(echo "$probe" | head -1)" = 302 ]; then
    HAVE_SAML_SIGNIN=1
    echo "saml_signin=on (POST /saml with the responses of assumerolewithsaml, one role: 302 into the console)" |
      tee -a "$OUT/startup.txt"
  else
    echo "saml_signin=skipped (POST /saml answered: $(echo "$probe" | tr '\n' ' ' | cut -c1-300))" | tee -a "$OUT/startup.txt"
  fi
fi

# ---- optional: AssumeRoleWithWebIdentity with an RS256 token --------------------------------
# A throw-away OIDC provider: its discovery document and JWKS are static files (WebIdentityRequestGenerator idp)
# served by python3's http.server on loopback; registered with CreateOpenIDConnectProvider, and a role trusting it.
HAVE_WEBID=0
WEBID_DIR=$WORK/oidc-idp
OIDC_ISSUER=http://127.0.0.1:$OIDC_PORT
OIDC_PROVIDER_ARN=arn:aws:iam::$ACCOUNT:oidc-provider/127.0.0.1:$OIDC_PORT
WEBID_ROLE_ARN=arn:aws:iam::$ACCOUNT:role/bench-webid-role
WEBID_TRUST='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"'$OIDC_PROVIDER_ARN'"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"127.0.0.1:'$OIDC_PORT':aud":"bench-app"}}}]}'
WEBID_ARGS=(--dir "$WEBID_DIR" --endpoint "$BASE" --role-arn "$WEBID_ROLE_ARN" --audience bench-app)
if ! want assumerolewithwebidentity; then
  echo "assumerolewithwebidentity=skipped (not in ONLY)" | tee -a "$OUT/startup.txt"
elif [ ! -s "$TEST_CP_FILE" ]; then
  echo "assumerolewithwebidentity=skipped (no test class path in $TEST_CP_FILE)" | tee -a "$OUT/startup.txt"
elif curl -s -o /dev/null --max-time 2 "$OIDC_ISSUER/"; then
  echo "assumerolewithwebidentity=skipped (something already listens on $OIDC_ISSUER: set OIDC_PORT)" |
    tee -a "$OUT/startup.txt"
elif gen_webid idp --dir "$WEBID_DIR" --issuer "$OIDC_ISSUER" 2>/dev/null &&
     { python3 -m http.server "$OIDC_PORT" --bind 127.0.0.1 --directory "$WEBID_DIR/www" >"$OUT/oidc-server.log" 2>&1 &
       OIDC_PID=$!; } &&
     { for i in $(seq 1 100); do curl -fs -o /dev/null "$OIDC_ISSUER/jwks.json" && break; sleep 0.1; done; } &&
     step CreateOpenIDConnectProvider iam --param Action=CreateOpenIDConnectProvider --param Url="$OIDC_ISSUER" \
       --param ClientIDList.member.1=bench-app &&
     step CreateRole:bench-webid-role iam --param Action=CreateRole --param RoleName=bench-webid-role \
       --param AssumeRolePolicyDocument="$WEBID_TRUST" &&
     step AssumeRoleWithWebIdentity gen_webid call "${WEBID_ARGS[@]}"; then
  # the tokens are signed once and sent round robin: STS keeps no record of the tokens it accepted
  gen_webid lua "${WEBID_ARGS[@]}" --count "$WEBID_COUNT" --wrk-threads "$THREADS" --out "$WORK/webid.lua" \
    2>>"$OUT/webid-generator.txt"
  HAVE_WEBID=1
  echo "assumerolewithwebidentity=on (provider $OIDC_ISSUER, role bench-webid-role, $WEBID_COUNT RS256 tokens)" |
    tee -a "$OUT/startup.txt"
fi

# ---- optional: identity pool guests (GetId + GetCredentialsForIdentity) ----------------------
HAVE_POOL=0
pool_admin() { # operation, JSON body: Cognito Identity administration, signed by the root
  root_call --service cognito-identity --content-type application/x-amz-json-1.1 \
    --header X-Amz-Target="AWSCognitoIdentityService.$1" --body "$2"
}
jfield() { python3 -c 'import json, sys; print(json.loads(sys.stdin.read().split("\n", 1)[1])[sys.argv[1]])' "$1"; }
if ! want cognito_guest; then
  echo "cognito_guest=skipped (not in ONLY)" | tee -a "$OUT/startup.txt"
elif step CreateIdentityPool pool_admin CreateIdentityPool \
       '{"IdentityPoolName":"bench-guests","AllowUnauthenticatedIdentities":true}' &&
     POOL_ID=$(echo "$LAST" | jfield IdentityPoolId) &&
     GUEST_TRUST='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"'$POOL_ID'"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"unauthenticated"}}}]}' &&
     step CreateRole:bench-guest-role iam --param Action=CreateRole --param RoleName=bench-guest-role \
       --param AssumeRolePolicyDocument="$GUEST_TRUST" &&
     step SetIdentityPoolRoles pool_admin SetIdentityPoolRoles \
       '{"IdentityPoolId":"'$POOL_ID'","Roles":{"unauthenticated":"arn:aws:iam::'$ACCOUNT':role/bench-guest-role"}}'; then
  cognito() { curl -s -w '\n%{http_code}' -H 'Content-Type: application/x-amz-json-1.1' \
    -H "X-Amz-Target: AWSCognitoIdentityService.$1" --data-binary "$2" "$BASE/"; }
  probe=$(cognito GetId '{"IdentityPoolId":"'$POOL_ID'"}' || true)
  IDENTITY_ID=$(echo "$probe" | head -1 | python3 -c 'import json, sys; print(json.load(sys.stdin).get("IdentityId", ""))' 2>/dev/null || true)
  probe2=$( [ -n "$IDENTITY_ID" ] && cognito GetCredentialsForIdentity '{"IdentityId":"'$IDENTITY_ID'"}' || true)
  if [ "$(echo "$probe2" | tail -1)" = 200 ]; then
    HAVE_POOL=1
    echo "cognito_guest=on (pool $POOL_ID, unauthenticated role bench-guest-role; guest GetId limit $GUEST_GET_ID_LIMIT per window)" |
      tee -a "$OUT/startup.txt"
  else
    echo "cognito_guest=skipped (GetId: $(echo "$probe" | tr '\n' ' ' | cut -c1-200); GetCredentialsForIdentity: $(echo "$probe2" | tr '\n' ' ' | cut -c1-200))" |
      tee -a "$OUT/startup.txt"
  fi
fi

# ---- optional: GetWebIdentityToken (ES384), Keygate as the issuer ----------------------------
HAVE_WIT=0
MINTER_POLICY='{"Version":"2012-10-17","Statement":[{"Sid":"MintTokens","Effect":"Allow","Action":"sts:GetWebIdentityToken","Resource":"*"}]}'
WIT_ARGS=(--endpoint "$BASE" --param Action=GetWebIdentityToken --param Version=2011-06-15
  --param Audience.member.1=https://api.bench.example --param SigningAlgorithm=ES384 --param DurationSeconds=300
  --count "$COUNT")
if ! want getwebidentitytoken; then
  echo "getwebidentitytoken=skipped (not in ONLY)" | tee -a "$OUT/startup.txt"
elif step EnableOutboundWebIdentityFederation iam --param Action=EnableOutboundWebIdentityFederation &&
     step CreateUser:bench-minter iam --param Action=CreateUser --param UserName=bench-minter &&
     step CreateAccessKey:bench-minter iam --param Action=CreateAccessKey --param UserName=bench-minter &&
     M_AK=$(echo "$LAST" | xml AccessKeyId) && M_SK=$(echo "$LAST" | xml SecretAccessKey) &&
     step PutUserPolicy:bench-minter iam --param Action=PutUserPolicy --param UserName=bench-minter \
       --param PolicyName=bench-minter-policy --param PolicyDocument="$MINTER_POLICY" &&
     step GetWebIdentityToken env KG_AK="$M_AK" KG_SK="$M_SK" KG_TOKEN= "$JAVA" -XX:TieredStopAtLevel=1 -cp "$CP" \
       io.keygate.bench.SignedRequestGenerator call "${WIT_ARGS[@]}"; then
  HAVE_WIT=1
  echo "getwebidentitytoken=on (IAM user bench-minter, ES384, audience https://api.bench.example)" | tee -a "$OUT/startup.txt"
fi

# ---- optional: cold-cache variants ---------------------------------------------------
HAVE_GCI_COLD=0 HAVE_ASSUME_COLD=0
if [ "$COLD" = 1 ] && { want gci_cold || want assumerole_cold; }; then
  T2=$(date +%s.%N)
  gen sessions --endpoint "$BASE" --count "$SESSIONS" --out "$WORK/sessions.txt" 2>/dev/null
  echo "sessions=$(wc -l <"$WORK/sessions.txt") distinct GetSessionToken sessions in $(python3 -c "print(round($(date +%s.%N)-$T2,1))") s" |
    tee -a "$OUT/startup.txt"
  GCI_COLD_ARGS=(--endpoint "$BASE" --param Action=GetCallerIdentity --param Version=2011-06-15
    --credentials-file "$WORK/sessions.txt")
  HAVE_GCI_COLD=1
  if [ $HAVE_ASSUME = 1 ]; then
    # the same ~1 KB policy, its first resource made distinct per request ({{i}} = the request's index)
    sed 's:bench-bucket/team0/\*:bench-bucket/team0/r{{i}}/*:' "$WORK/session-policy.json" >"$WORK/session-policy-cold.json"
    grep -q '{{i}}' "$WORK/session-policy-cold.json" || { echo "cold policy template has no {{i}}" >&2; exit 1; }
    ASSUME_COLD_ARGS=(--endpoint "$BASE" --param Action=AssumeRole --param Version=2011-06-15 --param RoleArn="$ROLE_ARN"
      --param RoleSessionName=bench-session --param DurationSeconds=900
      --param-file Policy="$WORK/session-policy-cold.json" --count "$COLD_POLICIES")
    HAVE_ASSUME_COLD=1
    echo "assumerole_cold=on ($COLD_POLICIES distinct session policies of $(wc -c <"$WORK/session-policy-cold.json") bytes, template)" |
      tee -a "$OUT/startup.txt"
  fi
fi

# ---- wrk ------------------------------------------------------------------------------
script() { # name -> writes $WORK/name.lua, freshly signed
  case "$1" in
    gci) KG_AK=$S_AK KG_SK=$S_SK KG_TOKEN=$S_TOKEN gen lua "${GCI_ARGS[@]}" --out "$WORK/gci.lua" 2>/dev/null ;;
    assume) KG_AK=$U_AK KG_SK=$U_SK KG_TOKEN= gen lua "${ASSUME_ARGS[@]}" --out "$WORK/assume.lua" 2>/dev/null ;;
    authz) KG_CLIENT_AK=$C_AK KG_CLIENT_SK=$C_SK KG_CLIENT_TOKEN=$C_TOKEN gen lua "${AUTHZ_ARGS[@]}" \
             --out "$WORK/authz.lua" 2>/dev/null ;;
    health) printf 'wrk.method = "GET"\n' >"$WORK/health.lua" ;;
    console) printf 'wrk.method = "GET"\nwrk.headers["Cookie"] = "%s"\n' "$COOKIE" >"$WORK/console.lua" ;;
    gci_cold) gen lua "${GCI_COLD_ARGS[@]}" --out "$WORK/gci_cold.lua" 2>/dev/null ;;
    assume_cold) KG_AK=$U_AK KG_SK=$U_SK KG_TOKEN= gen lua "${ASSUME_COLD_ARGS[@]}" --out "$WORK/assume_cold.lua" 2>/dev/null ;;
    saml) gen_saml lua "${SAML_ARGS[@]}" --count "$SAML_COUNT" --wrk-threads "$THREADS" --out "$WORK/saml.lua" \
            2>>"$OUT/saml-generator.txt" ;;
    saml_signin) gen_saml lua "${SAML_ARGS[@]}" --target console --count "$SAML_COUNT" --wrk-threads "$THREADS" \
            --out "$WORK/saml_signin.lua" 2>>"$OUT/saml-generator.txt" ;;
    webid) ;;  # signed once at setup, valid for the whole run
    cognito) sed "s/{{POOL_ID}}/$POOL_ID/" "$REPO/bench/cognito-guest.lua" >"$WORK/cognito.lua" ;;
    wit) KG_AK=$M_AK KG_SK=$M_SK KG_TOKEN= gen lua "${WIT_ARGS[@]}" --out "$WORK/wit.lua" 2>/dev/null ;;
  esac
}
run() { # name path script conns dur
  script "$3"
  wrk -t"$THREADS" -c"$4" -d"$5" --latency -s "$WORK/$3.lua" "$BASE$2" -- "$THREADS" >"$OUT/$1.txt" 2>&1
  if ! kill -0 "$KG_PID" 2>/dev/null; then
    echo "Keygate stopped during $1 (signalled from outside? see $OUT/keygate.log): run INVALID" | tee -a "$OUT/summary.txt" >&2
    exit 3
  fi
  local rps p50 p99 errs
  rps=$(awk '/Requests\/sec/{print $2}' "$OUT/$1.txt")
  # a script that chains calls (cognito-guest.lua) counts what one client obtains per second: Pairs/sec
  if grep -q '^Pairs/sec' "$OUT/$1.txt"; then rps=$(awk '/^Pairs\/sec/{print $2}' "$OUT/$1.txt"); fi
  p50=$(awk '$1=="50%"{print $2}' "$OUT/$1.txt")
  p99=$(awk '$1=="99%"{print $2}' "$OUT/$1.txt")
  errs=$(awk '/Non-2xx/{print $NF}' "$OUT/$1.txt"); errs=${errs:-0}
  printf '%-30s c=%-3s rps=%-9s p50=%-9s p99=%-9s non2xx=%s\n' "$1" "$4" "$rps" "$p50" "$p99" "$errs" | tee -a "$OUT/summary.txt"
}

# Every run: its name, whether its fixtures are there, path, script. Run in this order, each selected by ONLY.
RUNS=(
  "gci_session 1 / gci"
  "health_live 1 /q/health/live health"
  "assumerole $HAVE_ASSUME / assume"
  "authorize $HAVE_AUTHZ /api/v1/authorize authz"
  "getsignin $HAVE_SIGNIN ${SIGNIN_PATH:-/} health"
  "console_page $HAVE_CONSOLE /console console"
  "gci_cold $HAVE_GCI_COLD / gci_cold"
  "assumerole_cold $HAVE_ASSUME_COLD / assume_cold"
  "assumerolewithsaml $HAVE_SAML / saml"
  "assumerolewithwebidentity $HAVE_WEBID / webid"
  "cognito_guest $HAVE_POOL / cognito"
  "getwebidentitytoken $HAVE_WIT / wit"
  "saml_signin $HAVE_SAML_SIGNIN /saml saml_signin"
)
# warm-up (JIT) for each endpoint, not counted. The cold variants are warmed too (JIT of decryption and
# compilation); their caches stay cold: a request comes back only after more distinct others than the caches hold.
for r in "${RUNS[@]}"; do
  read -r name have path lua <<<"$r"
  if [ "$have" = 1 ] && want "$name"; then run "warm_$name" "$path" "$lua" 16 "$WARM" >/dev/null; fi
done
: >"$OUT/summary.txt"
for c in $CONNS; do
  for r in "${RUNS[@]}"; do
    read -r name have path lua <<<"$r"
    if [ "$have" = 1 ] && want "$name"; then run "${name}_c$c" "$path" "$lua" "$c" "$DUR"; fi
  done
done
rm -f "$WORK"/saml.lua.bodies-* "$WORK"/saml_signin.lua.bodies-* "$WORK"/webid.lua.bodies-*  # hundreds of MB
echo "rss_after_load_kib=$(ps -o rss= -p "$KG_PID" | tr -d ' ')" | tee -a "$OUT/startup.txt"
python3 - "$OUT/summary.txt" <<'EOF' | tee -a "$OUT/startup.txt"
import re, sys
rps = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\S+)_c(\d+)\s+c=\S+\s+rps=(\S+)", line)
    if m:
        rps[(m.group(1), m.group(2))] = float(m.group(3))
for (name, c), v in sorted(rps.items()):
    if name != "health_live" and ("health_live", c) in rps:
        print("ratio_%s_to_health_live_c%s=%.3f" % (name, c, v / rps[("health_live", c)]))
EOF
machine end
cleanup; trap - EXIT
echo "done; results in $OUT"
