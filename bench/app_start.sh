#!/bin/bash
# bench/app_start.sh: the desktop app's start-up and idle cost with the "Local demo" profile.
#   - start to first frame (wall clock from exec, and the app's own figure from main())
#   - idle RSS of the app (and of its agent/tunnel children) once the demo is connected
#   - idle CPU of the app over a quiet window (the demo probe still fetches 2 pages a second)
# Usage: bench/app_start.sh [build-dir] [seconds]   (default build-desktop, 20 s)
# Runs offscreen in a throw-away HOME; set ROUTELESS_BENCH_X=1 to use xvfb-run instead.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build-desktop}"
window="${2:-20}"
app="$build/bin/routeless"
[ -x "$app" ] || { echo "no $app; build the routeless target first" >&2; exit 1; }

home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/run" && chmod 700 "$home/run"
export HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$home/run"
if [ "${ROUTELESS_BENCH_X:-0}" = 1 ]; then runner=(xvfb-run -a -s "-screen 0 1280x800x24"); else
  export QT_QPA_PLATFORM=offscreen; runner=(); fi

# 1. Start to first frame, five cold-ish starts (the first creates the demo profile).
echo "start to first frame (ms, wall clock / in-app):"
for i in 1 2 3 4 5; do
  t0=$(date +%s%N)
  out=$("${runner[@]}" "$app" --quit-after-first-frame 2>&1 || true)
  t1=$(date +%s%N)
  inapp=$(grep -o 'first frame after [0-9]* ms' <<<"$out" | grep -o '[0-9]*' || echo "?")
  echo "  run $i: $(( (t1 - t0) / 1000000 )) / $inapp"
done

# 2. Idle RSS and CPU with the demo connected.
"${runner[@]}" "$app" >"$home/app.log" 2>&1 &
launcher=$!
for _ in $(seq 1 60); do grep -q 'is connected' "$home/app.log" 2>/dev/null && break; sleep 0.5; done
pid=$(pgrep -n -f "^$app\$" || true)
[ -n "$pid" ] || { echo "app did not start" >&2; cat "$home/app.log" >&2; exit 1; }
sleep 3
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
c0=$(ticks "$pid"); t0=$(date +%s%N)
sleep "$window"
c1=$(ticks "$pid"); t1=$(date +%s%N)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
children=0
for c in $(pgrep -P "$pid" || true); do children=$(( children + $(awk '/VmRSS/ {print $2}' "/proc/$c/status") )); done
cpu=$(awk -v d=$(( c1 - c0 )) -v hz="$hz" -v ns=$(( t1 - t0 )) 'BEGIN { printf "%.2f", 100 * d / hz / (ns / 1e9) }')
echo "idle RSS: app $(( rss / 1024 )) MiB, agents+tunnels $(( children / 1024 )) MiB ($(pgrep -P "$pid" | wc -l) processes)"
echo "idle CPU: app ${cpu}% of one core over ${window} s"
kill -TERM "$pid" 2>/dev/null || true
wait "$launcher" 2>/dev/null || true
grep -q 'Disconnected. Nothing is running' "$home/app.log" && echo "clean shutdown: yes"
