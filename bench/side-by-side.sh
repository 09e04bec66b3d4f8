#!/usr/bin/env bash
# Keygate vs Keycloak, side by side: bench/keygate-load.sh (A) and ../shared/bench/keycloak-bench.sh (B), run
# alternately A B A B with the same wrk settings, then medians per figure and the ratios the goals ask for
# (issue 2 item 10, issue 3 item 9, issue 5 item 7).
#
# Usage:  bench/side-by-side.sh           (run from anywhere; expects `mvn -o -DskipTests package` done)
#   ROUNDS=2  SBS=${TMPDIR:-/tmp}/side-by-side  CONNS="16 64"  DUR=25s  WARM=15s  THREADS=2
#   KC_BENCH=<repo>/../shared/bench/keycloak-bench.sh   KG_JAVA_OPTS=... (passed to keygate-load.sh)
#   REPORT_ONLY=1   only recompute the report from the results already in $SBS
# Output: $SBS/kg<r>/results, $SBS/kc<r>/results, $SBS/report.txt (also printed), $SBS/report.md (a table for
# docs/benchmarks.md). A run with any non-2xx answer is marked INVALID.
set -euo pipefail
trap 'echo "FAILED at line $LINENO" >&2' ERR

REPO=$(cd "$(dirname "$0")/.." && pwd)
KC_BENCH=${KC_BENCH:-$REPO/../shared/bench/keycloak-bench.sh}
ROUNDS=${ROUNDS:-2}
SBS=${SBS:-${TMPDIR:-/tmp}/side-by-side}
export CONNS=${CONNS:-"16 64"} DUR=${DUR:-25s} WARM=${WARM:-15s} THREADS=${THREADS:-2}

if [ "${REPORT_ONLY:-0}" != 1 ]; then
  [ -f "$KC_BENCH" ] || { echo "no Keycloak peer script at $KC_BENCH (set KC_BENCH)" >&2; exit 1; }
  rm -rf "$SBS"; mkdir -p "$SBS"
  { echo "started $(date -u +%FT%TZ) rounds=$ROUNDS CONNS=$CONNS DUR=$DUR WARM=$WARM THREADS=$THREADS";
    echo "nproc=$(nproc)"; uptime; top -bn1 | head -15; } >"$SBS/machine.txt"
  for r in $(seq 1 "$ROUNDS"); do
    # a side that fails (e.g. its server stopped from outside on this shared machine) is retried once
    for attempt in 1 2; do
      echo "== round $r: Keygate, attempt $attempt ($(date -u +%T))"
      if WORK=$SBS/kg$r "$REPO/bench/keygate-load.sh" 2>&1 | tee "$SBS/kg$r.log"; then break; fi
      echo "== round $r: Keygate attempt $attempt failed" | tee -a "$SBS/machine.txt"
      [ "$attempt" = 2 ] && exit 1
    done
    for attempt in 1 2; do
      echo "== round $r: Keycloak, attempt $attempt ($(date -u +%T))"
      if WORK=$SBS/kc$r bash "$KC_BENCH" 2>&1 | tee "$SBS/kc$r.log"; then break; fi
      echo "== round $r: Keycloak attempt $attempt failed" | tee -a "$SBS/machine.txt"
      [ "$attempt" = 2 ] && exit 1
    done
  done
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
    for side, runs, names in (("Keygate", kg, ["gci_session", "health_live", "assumerole", "authorize"]),
                              ("Keycloak", kc, ["userinfo", "introspect", "cc"])):
        for n in names:
            key = "%s_c%s" % (n, c)
            rps, rv = med(runs, key, "rps")
            if rps is None:
                continue
            p50, _ = med(runs, key, "p50")
            p99, pv = med(runs, key, "p99")
            out.append("%-9s %-22s rps=%-8s p50=%-7sms p99=%-7sms  [rps %s] [p99 %s]" % (
                side, key, fmt(rps), fmt(p50), fmt(p99), ", ".join(fmt(x) for x in rv), ", ".join(fmt(x) for x in pv)))
            rows.append((side, n, c, rps, p50, p99))
for side, runs in (("Keygate", kg), ("Keycloak", kc)):
    for k in ("startup_to_first_200_s", "rss_idle_kib", "rss_after_load_kib"):
        v, vals = med(runs, k)
        out.append("%-9s %-22s %s  [%s]" % (side, k, fmt(v), ", ".join(fmt(x) for x in vals)))
out.append("")
out.append("Goals (ratio of medians; per-round ratios in brackets):")
md.append("| goal | Keygate (median) | Keycloak (median) | ratio | target | verdict |")
md.append("|---|---|---|---|---|---|")

def goal(label, kgname, kcname, field, target, higher):
    a, av = med(kg, kgname, field) if field else med(kg, kgname)
    b, bv = med(kc, kcname, field) if field else med(kc, kcname)
    if a is None or b is None:
        out.append("%-56s n/a (%s)" % (label, "Keygate figure missing: action not on main?" if a is None else "Keycloak figure missing"))
        md.append("| %s | %s | %s | n/a | %s | not measured |" % (label, fmt(a), fmt(b), ("≥ " if higher else "≤ ") + str(target)))
        return
    ratio = a / b
    per = [x / y for x, y in zip(av, bv)]
    ok = ratio >= target if higher else ratio <= target
    verdict = "met" if ok else "NOT met"
    out.append("%-56s %8.3f  target %s%-5s %s  [%s]" % (label, ratio, ">=" if higher else "<=", target, verdict,
                                                      ", ".join("%.3f" % x for x in per)))
    md.append("| %s | %s | %s | %.3f | %s %s | %s |" % (label, fmt(a), fmt(b), ratio, "≥" if higher else "≤", target, verdict))

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
out.append("")
for c in conns:
    a, av = med(kg, "gci_session_c" + c, "rps")
    h, hv = med(kg, "health_live_c" + c, "rps")
    if a and h:
        out.append("same-server ratio GetCallerIdentity(session)/health_live rps c=%s: %.3f  [%s]" % (
            c, a / h, ", ".join("%.3f" % (x / y) for x, y in zip(av, hv))))
out.append("VALID: every run answered 2xx only" if not invalid else "INVALID: non-2xx answers in %s" % invalid)
print("\n".join(out))
open(os.path.join(sbs, "report.md"), "w").write("\n".join(md) + "\n")
EOF
echo "report: $SBS/report.txt, table: $SBS/report.md"
