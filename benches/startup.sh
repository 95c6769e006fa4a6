#!/usr/bin/env bash
# Start-up benchmark: time from process start to the first painted screen, and the window's
# memory: the app's resident set, and the proportional set of the app with WebKit's web and
# network processes. Median of RUNS starts.
#
# Measured twice in the same run: the welcome screen of an empty database is the baseline (what
# Tauri and WebKit cost before any of our data), the Dashboard of the sample campaign is what a
# volunteer waits for. Needs a display (make startup provides Xvfb).
#
#   benches/startup.sh [BINARY]       default target/release/campaign-desk; RUNS=5 by default
set -euo pipefail
bin=$(realpath "${1:-target/release/campaign-desk}")
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" --db "$work/sample.db" demo >/dev/null

# Memory in KiB of a process and all its descendants: PSS, so that the libraries the processes
# share are counted once rather than once a process as RSS would.
tree_pss() {
  local pid=$1 total=0 child
  total=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
  for child in $(pgrep -P "$pid" || true); do
    total=$((total + $(tree_pss "$child")))
  done
  echo "$total"
}

# One start on database $1, which must first paint screen $2: prints
# "first_paint_ms app_rss_kib tree_pss_kib".
measure() {
  local db=$1 expected=$2 log="$work/log" pid ms="" screen deadline
  CAMPAIGN_DESK_STARTUP_REPORT=1 "$bin" --db "$db" 2>"$log" &
  pid=$!
  deadline=$((SECONDS + 60))
  while [ -z "$ms" ]; do
    if [ $SECONDS -gt $deadline ] || ! kill -0 "$pid" 2>/dev/null; then
      echo "the window did not report a first paint; its log:" >&2
      cat "$log" >&2
      kill "$pid" 2>/dev/null || true
      exit 1
    fi
    sleep 0.05
    ms=$(sed -n 's/.*first paint ([a-z]*) after \([0-9]*\) ms.*/\1/p' "$log")
  done
  screen=$(sed -n 's/.*first paint (\([a-z]*\)).*/\1/p' "$log")
  if [ "$screen" != "$expected" ]; then
    echo "expected the $expected screen first, the window painted $screen" >&2
    kill "$pid"
    exit 1
  fi
  sleep 1 # let the page settle before reading memory
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the window closed by itself; its log:" >&2
    cat "$log" >&2
    exit 1
  fi
  echo "$ms $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status") $(tree_pss "$pid")"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

report() {
  local label=$1 db=$2 screen=$3 results
  results=$(for _ in $(seq "$runs"); do measure "$db" "$screen"; done)
  printf '%-34s first paint %5s ms   app RSS %4s MiB   app+WebKit PSS %4s MiB\n' "$label" \
    "$(cut -d' ' -f1 <<<"$results" | median)" \
    "$(( $(cut -d' ' -f2 <<<"$results" | median) / 1024 ))" \
    "$(( $(cut -d' ' -f3 <<<"$results" | median) / 1024 ))"
}

echo "campaign-desk start-up, median of $runs starts ($(nproc) cores)"
report "baseline: welcome, empty database" "$work/empty.db" welcome
report "dashboard, sample campaign" "$work/sample.db" dashboard
