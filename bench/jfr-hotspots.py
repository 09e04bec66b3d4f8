#!/usr/bin/env python3
"""Hot spots of a JFR recording, optionally within a time window (one wrk run of bench/keygate-load.sh).

usage: bench/jfr-hotspots.py RECORDING.jfr [FROM TO] [--native] [--top N] [--match REGEX]
  FROM/TO   wall-clock HH:MM:SS (UTC, as in the wrk result files' mtimes and the JFR event times)
  --native  use jdk.NativeMethodSample instead of jdk.ExecutionSample (time in native code: zlib, epoll, I/O)
  --match   frames counted inclusively (default: io.keygate, crypto, zlib, Infinispan, Nimbus, micrometer)

Prints the number of samples, the top frames (self time) and the inclusive count of matching frames (a frame is
counted once per sample, so a count is the share of samples in which that method was on the stack).
`jfr print` shows frames as "method(args) line: N", so `grep 'at io.keygate'` finds nothing in its output.
"""
import collections
import re
import subprocess
import sys


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    native = "--native" in argv
    top_n = 15
    match = r"io\.keygate|javax\.crypto|MessageDigest|Deflater|Inflater|infinispan|nimbusds|micrometer|UUID"
    for i, a in enumerate(argv):
        if a == "--top":
            top_n = int(argv[i + 1])
        if a == "--match":
            match = argv[i + 1]
    args = [a for a in args if a not in (str(top_n), match)]
    if not args:
        print(__doc__)
        return 2
    recording = args[0]
    start, end = (args[1], args[2]) if len(args) >= 3 else ("00:00:00", "99:99:99")
    event = "jdk.NativeMethodSample" if native else "jdk.ExecutionSample"
    text = subprocess.run(["jfr", "print", "--stack-depth", "96", "--events", event, recording],
                          check=True, capture_output=True, text=True).stdout
    self_time, inclusive, samples = collections.Counter(), collections.Counter(), 0
    for block in text.split(event + " {")[1:]:
        t = re.search(r"startTime = (\d\d:\d\d:\d\d)", block)
        if not t or not (start <= t.group(1) <= end):
            continue
        frames = [m.group(1) for m in re.finditer(r"^\s+([\w$.<>]+\(.*?\))(?: line: \d+)?\s*$", block, re.M)]
        if not frames:
            continue
        samples += 1
        self_time[frames[0]] += 1
        for f in set(frames):
            if re.search(match, f):
                inclusive[f] += 1
    print("%s samples %s-%s: %d" % (event, start, end, samples))
    print("-- top frames (self)")
    for f, c in self_time.most_common(top_n):
        print("%5d %5.1f%%  %s" % (c, 100.0 * c / samples, f))
    print("-- inclusive (/%s/)" % match)
    for f, c in inclusive.most_common(top_n * 3):
        print("%5d %5.1f%%  %s" % (c, 100.0 * c / samples, f))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
