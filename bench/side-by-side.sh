#!/usr/bin/env bash
# Keygate vs Keycloak, side by side: bench/keygate-load.sh (A) and bench/keycloak-load.sh (B, Keycloak in production
# mode: `kc.sh build` once, then `kc.sh start --optimized` with a hostname, HTTP on loopback, a fresh dev-file
# database each round), run alternately A B A B A B with the same wrk settings, then medians per figure and the
# ratios the goals ask for (issue 2 item 10, issue 3 item 9, issue 5 item 7, issue 8 item 11, issue 9 item 7, issue 10
# item 6, issue 11 item 7), warm and cold-cache.
#
# Same JVM and heap for both: Temurin 25 (Keycloak 26 needs 21+) and Keycloak's own default heap outside containers,
# -Xms64m -Xmx512m with G1, given to Keygate too (KG_JAVA_OPTS); override JAVA_KG / KG_JAVA_OPTS to compare others.
#
# Usage:  bench/side-by-side.sh           (run from anywhere; expects `mvn -o -DskipTests package` done)
#   ROUNDS=3  SBS=${TMPDIR:-/tmp}/side-by-side  CONNS=16  DUR=10s  WARM=5s  THREADS=2  COLD=1
#   KG_PORT=18141  KC_PORT=18142  KC_MGMT_PORT=18143   (the defaults fit one helper's port range)
#   KC_BENCH=<repo>/bench/keycloak-load.sh  KG_JAVA_OPTS=...  JAVA_KG=<java for Keygate>
#   REPORT_ONLY=1   only recompute the report from the results already in $SBS
#   ONLY="cognito_guest getwebidentitytoken"   passed to bench/keygate-load.sh: measure only these Keygate runs
#   KEYCLOAK=0      no Keycloak at all (a smoke run of the Keygate side; the goal rows say "Keycloak figure missing")
# With the defaults a run should take about 25 minutes on a quiet machine (an estimate: 3 rounds × (~5 min Keygate, of
# which the web identity, identity pool, GetWebIdentityToken and POST /saml runs and their signing take ~2.5, + ~1.5 min
# Keycloak)), plus one Keycloak start (and one build unless KC_DIST names a built distribution).
# Keycloak starts once, on a fresh database, and serves every round (bench/keycloak-load.sh PHASE=serve/measure):
# its start-up figure and idle RSS come from that one start; Keygate starts afresh each round.
# Output: $SBS/kg<r>/results, $SBS/kc<r>/results, $SBS/report.txt (also printed), $SBS/report.md (a table for
# docs/benchmarks.md). A run with any non-2xx answer is marked INVALID.
set -euo pipefail
trap 'echo "FAILED at line $LINENO" >&2' ERR

REPO=$(cd "$(dirname "$0")/.." && pwd)
KC_BENCH=${KC_BENCH:-$REPO/bench/keycloak-load.sh}
ROUNDS=${ROUNDS:-3}
SBS=${SBS:-${TMPDIR:-/tmp}/side-by-side}
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
export CONNS=${CONNS:-16} DUR=${DUR:-10s} WARM=${WARM:-5s} THREADS=${THREADS:-2} COLD=${COLD:-1}
export KG_JAVA_OPTS=${KG_JAVA_OPTS:-"-XX:+UseG1GC -Xms64m -Xmx512m"}
JAVA_KG=${JAVA_KG:-$( [ -x $JDK25/bin/java ] && echo $JDK25/bin/java || echo java )}
KG_PORT=${KG_PORT:-18141} KC_PORT=${KC_PORT:-18142} KC_MGMT_PORT=${KC_MGMT_PORT:-18143}

KEYCLOAK=${KEYCLOAK:-1}
if [ "${REPORT_ONLY:-0}" != 1 ] && [ "$KEYCLOAK" = 0 ]; then
  rm -rf "$SBS"; mkdir -p "$SBS"
  { echo "started $(date -u +%FT%TZ) rounds=$ROUNDS CONNS=$CONNS DUR=$DUR WARM=$WARM THREADS=$THREADS COLD=$COLD (no Keycloak)";
    echo "nproc=$(nproc)"; uptime; } >"$SBS/machine.txt"
  for r in $(seq 1 "$ROUNDS"); do
    echo "== round $r: Keygate ($(date -u +%T))"
    WORK=$SBS/kg$r PORT=$KG_PORT JAVA=$JAVA_KG "$REPO/bench/keygate-load.sh" 2>&1 | tee "$SBS/kg$r.log"
  done
elif [ "${REPORT_ONLY:-0}" != 1 ]; then
  [ -f "$KC_BENCH" ] || { echo "no Keycloak peer script at $KC_BENCH (set KC_BENCH)" >&2; exit 1; }
  rm -rf "$SBS"; mkdir -p "$SBS"
  { echo "started $(date -u +%FT%TZ) rounds=$ROUNDS CONNS=$CONNS DUR=$DUR WARM=$WARM THREADS=$THREADS COLD=$COLD";
    echo "keygate: $JAVA_KG $KG_JAVA_OPTS; keycloak: kc.sh defaults on $JDK25";
    echo "nproc=$(nproc)"; uptime; top -bn1 | head -15; } >"$SBS/machine.txt"
  # Keycloak's build step, once (an operator builds the image once), unless KC_DIST names a built distribution
  if [ -z "${KC_DIST:-}" ]; then
    echo "== building Keycloak once ($(date -u +%T))"
    WORK=$SBS/kc-build BUILD_ONLY=1 bash "$KC_BENCH" >"$SBS/kc-build.log" 2>&1 || true
    KC_DIST=$(ls -d "$SBS"/kc-build/keycloak-* 2>/dev/null | head -1)
  fi
  [ -x "${KC_DIST:-}/bin/kc.sh" ] || { echo "no built Keycloak (see $SBS/kc-build.log)" >&2; exit 1; }
  export KC_DIST
  # Keycloak starts once, on a fresh database, and stays up for every round (its start on a busy machine takes
  # minutes); Keygate starts afresh in each round. Each round: Keygate's runs, then Keycloak's, same wrk settings.
  echo "== starting Keycloak (production mode) ($(date -u +%T))"
  PHASE=serve WORK=$SBS/kc-server PORT=$KC_PORT MGMT_PORT=$KC_MGMT_PORT bash "$KC_BENCH" >"$SBS/kc-server.log" 2>&1 &
  SERVE_PID=$!
  stop_keycloak() {
    if [ -f "$SBS/kc-server/ready" ]; then read -r a b <"$SBS/kc-server/ready"; kill -TERM "$b" "$a" 2>/dev/null || true; fi
    kill -TERM "$SERVE_PID" 2>/dev/null || true; wait "$SERVE_PID" 2>/dev/null || true
  }
  trap 'stop_keycloak' EXIT
  until [ -f "$SBS/kc-server/ready" ]; do
    kill -0 "$SERVE_PID" 2>/dev/null || { echo "Keycloak did not start: see $SBS/kc-server.log" >&2; exit 1; }
    sleep 2
  done
  echo "== Keycloak ready ($(date -u +%T)): $(grep startup_to_first_200_s "$SBS/kc-server/results/startup.txt")"
  for r in $(seq 1 "$ROUNDS"); do
    # a Keygate run that fails (e.g. its server stopped from outside on this shared machine) is retried once
    for attempt in 1 2; do
      echo "== round $r: Keygate, attempt $attempt ($(date -u +%T))"
      if WORK=$SBS/kg$r PORT=$KG_PORT JAVA=$JAVA_KG "$REPO/bench/keygate-load.sh" 2>&1 | tee "$SBS/kg$r.log"; then break; fi
      echo "== round $r: Keygate attempt $attempt failed" | tee -a "$SBS/machine.txt"
      [ "$attempt" = 2 ] && exit 1
    done
    echo "== round $r: Keycloak ($(date -u +%T))"
    PHASE=measure SERVER_WORK=$SBS/kc-server WORK=$SBS/kc$r PORT=$KC_PORT bash "$KC_BENCH" 2>&1 | tee "$SBS/kc$r.log"
  done
  stop_keycloak; trap - EXIT
  { echo "finished $(date -u +%FT%TZ)"; uptime; top -bn1 | head -15; } >>"$SBS/machine.txt"
fi

python3 - "$SBS" "$ROUNDS" "$CONNS" <<'EOF' | tee "$SBS/report.txt"
import os, re, statistics, sys

sbs, rounds, conns = sys.argv[1], int(sys.argv[2]), sys.argv[3].split()

def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", v)
    if not m:
        return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m.group(2)]

def load(kind, r):
    d = {}
    base = os.path.join(sbs, "%s%d" % (kind, r), "results")
    try:
        for line in open(os.path.join(base, "summary.txt")):
            m = re.match(r"(\S+)\s+c=(\S+)\s+rps=(\S+)\s+p50=(\S+)\s+p99=(\S+)\s+non2xx=(\S+)", line)
            if m:
                name = m.group(1)
                d[name] = {"rps": float(m.group(3)), "p50": ms(m.group(4)), "p99": ms(m.group(5)),
                           "non2xx": int(m.group(6))}
        for line in open(os.path.join(base, "startup.txt")):
            k, _, v = line.strip().partition("=")
            if k in ("startup_to_first_200_s", "rss_idle_kib", "rss_after_load_kib"):
                d[k] = float(v)
    except FileNotFoundError:
        pass
    return d

kg = [load("kg", r) for r in range(1, rounds + 1)]
kc = [load("kc", r) for r in range(1, rounds + 1)]

def med(runs, name, field=None):
    vals = [(x[name][field] if field else x[name]) for x in runs if name in x]
    return (statistics.median(vals), vals) if vals else (None, [])

invalid = [("kg%d" % (i + 1), n) for i, x in enumerate(kg) for n, v in x.items() if isinstance(v, dict) and v["non2xx"]]
invalid += [("kc%d" % (i + 1), n) for i, x in enumerate(kc) for n, v in x.items() if isinstance(v, dict) and v["non2xx"]]

out, md = [], []
out.append("Medians over %d rounds (A B A B). Per-round values in brackets." % rounds)
out.append("")
def fmt(v):
    return "-" if v is None else ("%.0f" % v if v >= 100 else "%.2f" % v)
rows = []
for c in conns:
    for side, runs, names in (("Keygate", kg, ["gci_session", "gci_cold", "health_live", "assumerole",
                                                "assumerole_cold", "authorize", "getsignin", "console_page",
                                                "assumerolewithsaml", "assumerolewithwebidentity",
                                                "cognito_guest", "getwebidentitytoken", "saml_signin"]),
                              ("Keycloak", kc, ["userinfo", "userinfo_cold", "introspect", "introspect_cold", "cc"])):
        for n in names:
            key = "%s_c%s" % (n, c)
            rps, rv = med(runs, key, "rps")
            if rps is None:
                continue
            p50, _ = med(runs, key, "p50")
            p99, pv = med(runs, key, "p99")
            out.append("%-9s %-30s rps=%-8s p50=%-7sms p99=%-7sms  [rps %s] [p99 %s]" % (
                side, key, fmt(rps), fmt(p50), fmt(p99), ", ".join(fmt(x) for x in rv), ", ".join(fmt(x) for x in pv)))
            rows.append((side, n, c, rps, p50, p99))
for side, runs in (("Keygate", kg), ("Keycloak", kc)):
    for k in ("startup_to_first_200_s", "rss_idle_kib", "rss_after_load_kib"):
        v, vals = med(runs, k)
        out.append("%-9s %-30s %s  [%s]" % (side, k, fmt(v), ", ".join(fmt(x) for x in vals)))
out.append("")
out.append("Goals (ratio of medians; per-round ratios in brackets):")
md.append("| goal | Keygate (median) | Keycloak (median) | ratio | target | verdict |")
md.append("|---|---|---|---|---|---|")

def goal(label, kgname, kcname, field, target, higher):
    """A goal row; target None: the ratio is a figure for the docs, with no goal to meet."""
    a, av = med(kg, kgname, field) if field else med(kg, kgname)
    b, bv = med(kc, kcname, field) if field else med(kc, kcname)
    wanted = "–" if target is None else ("≥ " if higher else "≤ ") + str(target)
    if a is None or b is None:
        out.append("%-56s n/a (%s)" % (label, "Keygate figure missing: not in ONLY, or the action not on main?" if a is None else "Keycloak figure missing"))
        md.append("| %s | %s | %s | n/a | %s | not measured |" % (label, fmt(a), fmt(b), wanted))
        return
    ratio = a / b
    per = [x / y for x, y in zip(av, bv)]
    if target is None:
        verdict = "figure only"
    else:
        verdict = "met" if (ratio >= target if higher else ratio <= target) else "NOT met"
    out.append("%-56s %8.3f  target %s%-5s %s  [%s]" % (label, ratio, "" if target is None else (">=" if higher else "<="),
                                                      "-" if target is None else target, verdict,
                                                      ", ".join("%.3f" % x for x in per)))
    md.append("| %s | %s | %s | %.3f | %s | %s |" % (label, fmt(a), fmt(b), ratio, wanted, verdict))

for c in conns:
    goal("GetCallerIdentity(session)/userinfo, rps, c=%s" % c, "gci_session_c" + c, "userinfo_c" + c, "rps", 5, True)
    goal("GetCallerIdentity(session)/userinfo, p99 ms, c=%s" % c, "gci_session_c" + c, "userinfo_c" + c, "p99", 0.25, False)
goal("idle RSS (KiB) Keygate/Keycloak", "rss_idle_kib", "rss_idle_kib", None, 0.5, False)
goal("start to first answer (s) Keygate/Keycloak", "startup_to_first_200_s", "startup_to_first_200_s", None, 0.1, False)
for c in conns:
    goal("AssumeRole(1 KB policy)/client_credentials, rps, c=%s" % c, "assumerole_c" + c, "cc_c" + c, "rps", 8, True)
    goal("AssumeRole(1 KB policy)/client_credentials, p99 ms, c=%s" % c, "assumerole_c" + c, "cc_c" + c, "p99", 0.25, False)
    goal("decision API/introspection, rps, c=%s" % c, "authorize_c" + c, "introspect_c" + c, "rps", 5, True)
    goal("decision API/introspection, p99 ms, c=%s" % c, "authorize_c" + c, "introspect_c" + c, "p99", 0.25, False)
    goal("getSigninToken/introspection, rps, c=%s" % c, "getsignin_c" + c, "introspect_c" + c, "rps", 4, True)
    goal("getSigninToken/introspection, p99 ms, c=%s" % c, "getsignin_c" + c, "introspect_c" + c, "p99", 0.25, False)
for c in conns:
    # issue 9 item 7: a typical signed 8 KB response, a fresh assertion in every request (replay check on)
    goal("AssumeRoleWithSAML/client_credentials, rps, c=%s" % c, "assumerolewithsaml_c" + c, "cc_c" + c, "rps", 3.5,
         True)
    goal("AssumeRoleWithSAML/client_credentials, p99 ms, c=%s" % c, "assumerolewithsaml_c" + c, "cc_c" + c, "p99",
         0.25, False)
for c in conns:
    # issue 10 item 6: an RS256 token from a registered OIDC provider (keys cached), a distinct token each request
    goal("AssumeRoleWithWebIdentity(RS256)/client_credentials, rps, c=%s" % c, "assumerolewithwebidentity_c" + c,
         "cc_c" + c, "rps", 10, True)
    goal("AssumeRoleWithWebIdentity(RS256)/client_credentials, p99 ms, c=%s" % c, "assumerolewithwebidentity_c" + c,
         "cc_c" + c, "p99", 0.25, False)
    # pairs per second: a new guest's GetId + GetCredentialsForIdentity against one grant; p99 of the single calls
    goal("guest GetId+GetCredentialsForIdentity pairs/client_credentials, rps, c=%s" % c, "cognito_guest_c" + c,
         "cc_c" + c, "rps", 3, True)
    goal("GetWebIdentityToken(ES384)/client_credentials, rps, c=%s" % c, "getwebidentitytoken_c" + c, "cc_c" + c,
         "rps", 2, True)
    # issue 11: the console's SAML sign-in, a figure for docs/benchmarks.md (no goal of its own)
    goal("POST /saml sign-in/client_credentials, rps, c=%s" % c, "saml_signin_c" + c, "cc_c" + c, "rps", None, True)
    goal("POST /saml sign-in/client_credentials, p99 ms, c=%s" % c, "saml_signin_c" + c, "cc_c" + c, "p99", None,
         False)
for c in conns:
    goal("cold: GetCallerIdentity(10,000 sessions)/userinfo(10,000 tokens), rps, c=%s" % c, "gci_cold_c" + c,
         "userinfo_cold_c" + c, "rps", 5, True)
    goal("cold: GetCallerIdentity(10,000 sessions)/userinfo(10,000 tokens), p99 ms, c=%s" % c, "gci_cold_c" + c,
         "userinfo_cold_c" + c, "p99", 0.25, False)
    goal("cold: AssumeRole(distinct 1 KB policy each)/client_credentials, rps, c=%s" % c, "assumerole_cold_c" + c,
         "cc_c" + c, "rps", 8, True)
    goal("cold: AssumeRole(distinct 1 KB policy each)/client_credentials, p99 ms, c=%s" % c,
         "assumerole_cold_c" + c, "cc_c" + c, "p99", 0.25, False)
out.append("")
for c in conns:
    a, av = med(kg, "gci_session_c" + c, "rps")
    h, hv = med(kg, "health_live_c" + c, "rps")
    if a and h:
        out.append("same-server ratio GetCallerIdentity(session)/health_live rps c=%s: %.3f  [%s]" % (
            c, a / h, ", ".join("%.3f" % (x / y) for x, y in zip(av, hv))))
    for cold, warm, side, runs in (("gci_cold", "gci_session", "Keygate", kg),
                                   ("assumerole_cold", "assumerole", "Keygate", kg),
                                   ("userinfo_cold", "userinfo", "Keycloak", kc),
                                   ("introspect_cold", "introspect", "Keycloak", kc)):
        x, xv = med(runs, cold + "_c" + c, "rps")
        y, yv = med(runs, warm + "_c" + c, "rps")
        if x and y:
            out.append("same-server ratio %s %s/%s rps c=%s: %.3f  [%s]" % (
                side, cold, warm, c, x / y, ", ".join("%.3f" % (p / q) for p, q in zip(xv, yv))))
for c in conns:
    p, pv = med(kg, "console_page_c" + c, "p99")
    if p is not None:
        verdict = "met" if p < 50 else "NOT met"
        out.append("console page GET /console p99 ms c=%s: %s  target < 50 ms (absolute, issue 11) %s  [%s]" % (
            c, fmt(p), verdict, ", ".join(fmt(x) for x in pv)))
        md.append("| console page GET /console p99 ms, c=%s | %s | – | – | < 50 ms | %s |" % (c, fmt(p), verdict))
out.append("VALID: every run answered 2xx only" if not invalid else "INVALID: non-2xx answers in %s" % invalid)
print("\n".join(out))
open(os.path.join(sbs, "report.md"), "w").write("\n".join(md) + "\n")
EOF
echo "report: $SBS/report.txt, table: $SBS/report.md"
