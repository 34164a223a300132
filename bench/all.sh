#!/usr/bin/env bash
# Runs every benchmark script in bench/ (not the sourced helpers) RUNS times (default 3) and writes
# docs/benchmarks.md: the machine, each figure with its goal (reference), the median over the runs
# and whether the runs disagreed by more than 15 % (noisy), and the command to reproduce.
# The report step fails loudly (non-zero exit) rather than leaving a half-written page.
# Raw outputs go to .sam/bench/<timestamp>/. Usage: bench/all.sh [script-name ...]
set -uo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
# REPORT_FROM=<dir of an earlier run>: only rewrite docs/benchmarks.md from its raw outputs.
out=${REPORT_FROM:-".sam/bench/$(date -u +%Y%m%d-%H%M%S)"}
mkdir -p "$out"
# Sourced helpers and git credential helpers are not benchmarks.
skip=" all.sh agent-stack.sh reference-helper.sh "
scripts=()
if [ $# -gt 0 ]; then
  for s in "$@"; do scripts+=("bench/${s%.sh}.sh"); done
else
  for s in bench/*.sh; do
    case "$skip" in *" $(basename "$s") "*) continue ;; esac
    scripts+=("$s")
  done
fi

for s in "${scripts[@]}"; do
  [ -n "${REPORT_FROM:-}" ] && break
  name=$(basename "$s" .sh)
  for i in $(seq 1 "$RUNS"); do
    echo "bench/all: $name run $i/$RUNS" >&2
    if ! timeout 1800 "$s" > "$out/$name.$i.txt" 2>"$out/$name.$i.err"; then
      echo "FAILED (exit $?)" >> "$out/$name.$i.txt"
    fi
  done
done

python3 - "$out" "$RUNS" "${scripts[@]}" > docs/benchmarks.md <<'PY'
import os, re, statistics, subprocess, sys
out, runs, scripts = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception:
        return "?"

cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
print("# Benchmarks\n")
print("Written by `bench/all.sh` (reproduce: `RUNS=%d bench/all.sh`; one script: `bench/all.sh sessions`)." % runs)
print("Each figure is the median over %d runs; a figure is marked *noisy* when its runs differ by more" % runs)
print("than 15 %% of the median. Raw outputs: `%s/`.\n" % out)
print("## Machine\n")
print("- CPU: %s, %s cores" % (cpu, sh("nproc")))
print("- memory: %s" % sh("free -h | awk '/Mem:/ {print $2}'"))
print("- kernel: %s" % sh("uname -sr"))
print("- Java: %s" % sh("java -version 2>&1 | head -1"))
print("- load average before the runs: %s (the machine is shared; numbers are relative)\n" % sh("cut -d' ' -f1-3 /proc/loadavg"))
print("## Figures\n")
print("Lines with a ratio or a goal, as the script printed them, from the run whose ratio (or, for a line")
print("without one, whose p50) is the median; each script's own goals from its header. Everything else")
print("a script prints is in the raw outputs.\n")
print("| script | goals (script header) | figure (median run) | median of its ratio, else of its p50 | runs | note |")
print("|---|---|---|---|---|---|")
ratio_re = re.compile(r"ratio(?:\s*\([^)]*\))?[^0-9(]*([0-9]+(?:\.[0-9]+)?)")
num = re.compile(r"[0-9]+(?:\.[0-9]+)?")
p50_re = re.compile(r"p50[a-z_]*[=\s]+([0-9]+(?:\.[0-9]+)?)")

def figure(line):
    """The number a line is compared by across runs: its ratio, else its p50, else none."""
    m = ratio_re.search(line) or p50_re.search(line)
    return float(m.group(1)) if m else None

for s in scripts:
    name = os.path.basename(s)[:-3]
    header = " ".join(l.lstrip("# ").strip() for l in open(s).read().splitlines()[1:12] if l.startswith("#"))
    g = re.search(r"Goals?:\s*([^.]*(?:\.[0-9][^.]*)*)", header)
    goals = g.group(1).strip() if g else ""
    texts = []
    for i in range(1, runs + 1):
        try:
            texts.append(open(os.path.join(out, "%s.%d.txt" % (name, i))).read())
        except OSError:
            texts.append("")
    failed = sum(1 for t in texts if "FAILED (exit" in t)
    lines = {}
    for t in texts:
        for line in t.splitlines():
            if "FAILED (exit" in line or not num.search(line):
                continue
            if "ratio" not in line and "goal" not in line and any("ratio" in x or "goal" in x for x in t.splitlines()):
                continue
            lines.setdefault(num.sub("#", line.strip()), []).append(line.strip())
    if not lines:
        print("| %s | %s | (no figures) | | %d | %s |" % (name, goals, runs, "failed %d/%d" % (failed, runs) if failed else ""))
        continue
    for key, found in lines.items():
        values = [v for v in (figure(l) for l in found) if v is not None]
        med = statistics.median(values) if values else None
        shown = found[0]
        if values:
            shown = min(found, key=lambda l: abs(figure(l) - med) if figure(l) is not None else 1e9)
        noisy = values and med and (max(values) - min(values)) / med > 0.15
        note = ", ".join(x for x in ["noisy" if noisy else "", "failed %d/%d" % (failed, runs) if failed else ""] if x)
        print("| %s | %s | `%s` | %s | %d | %s |" % (name, goals, shown.replace("|", "/"), ("%g" % med) if values else "",
              len(found), note))
        goals = ""
PY
[ "${PIPESTATUS[0]:-0}" = 0 ] || { echo "bench/all: report failed" >&2; exit 1; }
echo "bench/all: wrote docs/benchmarks.md (raw: $out)" >&2
