#!/bin/bash
# bench/app_mesh_cpu.sh: the desktop app's CPU while ~1 Gbit/s flows through the "Local demo" mesh.
#   - idle CPU of the app over a quiet window once the demo is connected (the baseline: the demo
#     probe still fetches 2 pages a second)
#   - then one paced iperf3 flow alpha -> beta through the mesh: receiver throughput, CPU of the
#     app (it runs the mesh manager, so every packet crosses it twice: agent -> app -> agent) and
#     of each `routeless-node agent` child, all as % of one core
# Usage: bench/app_mesh_cpu.sh [build-dir] [rate] [seconds] [idle-seconds]
#        (default build-desktop, 1G, 15 s, 10 s; rate is iperf3's -b, e.g. 500M or 2G)
# Runs offscreen in a throw-away HOME; set ROUTELESS_BENCH_X=1 to use xvfb-run instead. If the
# build directory is being rebuilt meanwhile, copy bin/routeless and bin/routeless-node (side by
# side: the app runs the routeless-node next to its own executable) and pass the copy.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build-desktop}"
rate="${2:-1G}"
window="${3:-15}"
idle="${4:-10}"
app="$build/bin/routeless"
[ -x "$app" ] || { echo "no $app; build the routeless target first" >&2; exit 1; }
[ -x "$build/bin/routeless-node" ] || { echo "no $build/bin/routeless-node next to the app" >&2; exit 1; }
for tool in iperf3 jq ss; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

home="$(mktemp -d)"
launcher="" pid="" server=""
cleanup() {
  # TERM lets the app disconnect and stop its agents itself, as on Quit.
  if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; fi
  if [ -n "$launcher" ]; then wait "$launcher" 2>/dev/null || true; fi
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$home"
}
trap cleanup EXIT
mkdir -p "$home/run" && chmod 700 "$home/run"
export HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$home/run"
if [ "${ROUTELESS_BENCH_X:-0}" = 1 ]; then runner=(xvfb-run -a -s "-screen 0 1280x800x24"); else
  export QT_QPA_PLATFORM=offscreen; runner=(); fi

# A TCP port nothing listens on yet, on any address (the forward listens on 127.0.42.2).
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    [ -z "$(ss -Hltn "sport = :$p")" ] && { echo "$p"; return; }
  done
}
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
hz=$(getconf CLK_TCK)
pct() { awk -v d="$1" -v hz="$hz" -v ns="$2" 'BEGIN { printf "%.1f", 100 * d / hz / (ns / 1e9) }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "load average at start: $(load) on $(nproc) CPUs"

# 1. The profile. A first start creates the demo profile exactly as a user's first run does
# (and marks it last/default); then beta gets one more forward, to the iperf3 server, so the
# flow takes the real path: iperf3 -> alpha's loopback listener -> alpha -> app -> beta -> iperf3.
# The demo itself (responder, probe, NodePass pair) stays as it is.
"${runner[@]}" "$app" --quit-after-first-frame >"$home/first.log" 2>&1 || true
conf="$home/.config/Routeless"
profile="$conf/profiles/local-demo.json"
[ -f "$profile" ] || { echo "the first run created no demo profile" >&2; cat "$home/first.log" >&2; exit 1; }
srv_port=$(free_port)
fwd_port=$(free_port)
jq --arg p "$fwd_port:127.0.0.1:$srv_port" \
  '(.mesh.hosts[] | select(.name == "beta") | .ports) += [$p]' "$profile" >"$profile.new"
mv "$profile.new" "$profile"
chmod 600 "$profile"

iperf3 -s -B 127.0.0.1 -p "$srv_port" >"$home/iperf-server.log" 2>&1 &
server=$!

# 2. Start the app; "connect the last profile" is on by default, so it connects the demo.
"${runner[@]}" "$app" >"$home/app.log" 2>&1 &
launcher=$!
for _ in $(seq 1 60); do grep -q 'is connected' "$home/app.log" 2>/dev/null && break; sleep 0.5; done
pid=$(pgrep -n -f "^$app\$" || true)
[ -n "$pid" ] || { echo "app did not start" >&2; cat "$home/app.log" >&2; exit 1; }
grep -q 'is connected' "$home/app.log" || { echo "demo did not connect" >&2; tail -30 "$home/app.log" >&2; exit 1; }
# alpha (loopback enabled) listens for beta's forwards on 127.0.42.2 of this machine.
for _ in $(seq 1 40); do [ -n "$(ss -Hltn "src 127.0.42.2:$fwd_port")" ] && break; sleep 0.25; done
[ -n "$(ss -Hltn "src 127.0.42.2:$fwd_port")" ] || { echo "no listener on 127.0.42.2:$fwd_port" >&2; exit 1; }

# The agents are the app's children running `routeless-node agent`; tunnels run in-process.
agents=()
for c in $(pgrep -P "$pid" || true); do
  tr '\0' ' ' <"/proc/$c/cmdline" | grep -q ' agent ' && agents+=("$c")
done
[ "${#agents[@]}" -gt 0 ] || { echo "no agent children of the app ($pid)" >&2; exit 1; }
# Name them: the agent listening on 127.0.42.2:<forward> is alpha; the other is beta.
alpha=$(ss -Hltnp "src 127.0.42.2:$fwd_port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
name_of() {
  if [ "$1" = "$alpha" ]; then echo alpha
  elif [ -n "$alpha" ] && [ "${#agents[@]}" = 2 ]; then echo beta
  else echo "agent $1"; fi
}
sleep 3  # let start-up work (first snapshots, tunnel pools) settle before the idle window

# 3. Idle baseline: the same app, connected, no traffic.
c0=$(ticks "$pid"); t0=$(date +%s%N)
sleep "$idle"
c1=$(ticks "$pid"); t1=$(date +%s%N)
idle_cpu=$(pct $((c1 - c0)) $((t1 - t0)))

# 4. The flow: iperf3 runs 5 s longer than the window; the window starts 2 s in (past TCP
# slow start and connection set-up) and so ends well before iperf3 does.
iperf3 -c 127.0.42.2 -p "$fwd_port" -b "$rate" -t $((window + 5)) -J >"$home/iperf.json" 2>&1 &
client=$!
sleep 2
kill -0 "$client" 2>/dev/null || { echo "iperf3 ended early:" >&2; cat "$home/iperf.json" >&2; exit 1; }
declare -A a0
for a in "${agents[@]}"; do a0[$a]=$(ticks "$a"); done
c0=$(ticks "$pid"); t0=$(date +%s%N)
sleep "$window"
c1=$(ticks "$pid"); t1=$(date +%s%N)
ns=$((t1 - t0))
declare -A acpu
total=0
for a in "${agents[@]}"; do
  d=$(($(ticks "$a") - a0[$a]))
  total=$((total + d))
  acpu[$a]=$(pct "$d" "$ns")
done
busy_cpu=$(pct $((c1 - c0)) "$ns")
wait "$client" || true
err=$(jq -r '.error // empty' "$home/iperf.json" 2>/dev/null || echo "unreadable iperf3 output")
[ -z "$err" ] || { echo "iperf3: $err" >&2; exit 1; }
gbps=$(jq -r '.end.sum_received.bits_per_second' "$home/iperf.json" | awk '{ printf "%.2f", $1 / 1e9 }')
retr=$(jq -r '.end.sum_sent.retransmits // "?"' "$home/iperf.json")

# 5. The table.
echo "one TCP flow at -b $rate, alpha -> app -> beta, CPU over ${window} s (% of one core):"
printf '  %-26s %s\n' "throughput (receiver)" "$gbps Gbit/s ($retr retransmits)"
printf '  %-26s %s\n' "app CPU, idle (${idle} s)" "$idle_cpu %"
printf '  %-26s %s\n' "app CPU, with the flow" "$busy_cpu %"
for a in "${agents[@]}"; do printf '  %-26s %s\n' "$(name_of "$a") CPU (pid $a)" "${acpu[$a]} %"; done
printf '  %-26s %s\n' "agents CPU, total" "$(pct "$total" "$ns") %"
printf '  %-26s %s\n' "app + agents" "$(pct $((total + c1 - c0)) "$ns") %"
echo "load average at end: $(load) on $(nproc) CPUs"
