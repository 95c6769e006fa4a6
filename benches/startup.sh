#!/usr/bin/env bash
# Start-up benchmark: time from process start to the first painted screen, and the window's
# memory: the app's resident set, and the proportional set of the app with WebKit's web and
# network processes. Median of RUNS starts.
#
# Measured in the same run against its baseline: a bare Tauri 2 window (benches/bare-window:
# one page, one command, the same Tauri and WebKit, built in the same run) is what any Tauri
# app costs; the Dashboard of a campaign with 100,000 signers is what a volunteer waits for.
# The goal: the Dashboard within 1.2x the bare window, in time and in memory. Needs a display
# (make startup provides Xvfb).
#
#   benches/startup.sh [APP] [BARE]   default target/release/campaign-desk and
#                                     target/release/bare-window; RUNS=5 by default
set -euo pipefail
bin=$(realpath "${1:-target/release/campaign-desk}")
bare=$(realpath "${2:-target/release/bare-window}")
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The campaign: the sample, and 100,000 more signers of its appeal imported from a file.
"$bin" --db "$work/sample.db" demo >/dev/null
awk 'BEGIN {
  print "first_name,last_name,email,city,country"
  for (i = 1; i <= 100000; i++) printf "Given%d,Family%d,signer%d@example.org,City%d,DE\n", i, i, i, i % 500
}' >"$work/signers.csv"
"$bin" --db "$work/sample.db" import signers "$work/signers.csv" --appeal emergency-appeal \
  --display hidden >/dev/null

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

# One start of window $3 (default the app) on database $1, which must first paint screen $2:
# prints
# "first_paint_ms app_rss_kib tree_pss_kib".
measure() {
  local db=$1 expected=$2 window=${3:-$bin} log="$work/log" pid ms="" screen deadline
  CAMPAIGN_DESK_STARTUP_REPORT=1 "$window" --db "$db" 2>"$log" &
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
  # The page's own steps ("modules 50 safety 60 ..."), kept to print with the medians.
  sed -n 's/.*(page \([0-9]*\) ms: \(.*\)).*/page \1 ms: \2/p' "$log" >"$work/steps-$expected"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Prints a line of medians for one window's results ("ms rss pss" a line), and leaves them in
# $time $pss.
report() {
  local label=$1 results=$2 screen=$3 rss
  time=$(cut -d' ' -f1 <<<"$results" | median)
  rss=$(cut -d' ' -f2 <<<"$results" | median)
  pss=$(cut -d' ' -f3 <<<"$results" | median)
  printf '%-40s first paint %5s ms   app RSS %4s MiB   app+WebKit PSS %4s MiB\n' "$label" \
    "$time" "$((rss / 1024))" "$((pss / 1024))"
  printf '%-40s (last start: %s)\n' "" "$(cat "$work/steps-$screen")"
}

# The two windows take turns, so that a machine that slows down or speeds up during the run
# (frequency scaling, a neighbour on a shared host) weighs on both alike.
bare_results="" app_results=""
for _ in $(seq "$runs"); do
  bare_results+="$(measure "$work/none.db" bare "$bare")"$'\n'
  app_results+="$(measure "$work/sample.db" dashboard)"$'\n'
done

echo "campaign-desk start-up, median of $runs starts each, taking turns ($(nproc) cores)"
report "baseline: bare Tauri 2 window" "$bare_results" bare
read -r base_time base_pss <<<"$time $pss"
report "dashboard, 100,000 signers" "$app_results" dashboard
awk -v t="$time" -v bt="$base_time" -v p="$pss" -v bp="$base_pss" 'BEGIN {
  printf "dashboard / bare window: time %.2fx, memory (PSS) %.2fx (goal: 1.2x each)\n", t / bt, p / bp
}'
