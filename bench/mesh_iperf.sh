#!/usr/bin/env bash
# One TCP flow through the whole mesh (routeless-node mesh: manager + two local agents) versus
# direct loopback, both directions, in the same run: Mbit/s, the ratio mesh/direct, CPU of the
# manager and agents, and agent RSS. Not a test: figures drift with machine load.
# usage: bench/mesh_iperf.sh [path/to/routeless-node] [seconds]
set -euo pipefail
BIN=$(realpath "${1:-build/bin/routeless-node}")
SECS=${2:-5}
PORT=$((20000 + RANDOM % 20000))
SERVER=$((PORT + 1))
command -v iperf3 >/dev/null || { echo "iperf3 is needed (apt-get install iperf3)"; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

iperf3 -s -p "$SERVER" -B 127.0.0.1 -D --pidfile "$work/iperf.pid"
sleep 0.3
pids+=("$(cat "$work/iperf.pid")")
cat >"$work/mesh.yaml" <<YAML
hosts:
  a:
    vip: "127.0.46.1"
  b:
    vip: "127.0.46.2"
    loopback: {disable: true}
    ports: ["$PORT:127.0.0.1:$SERVER"]
YAML
"$BIN" mesh --status-interval 3600 "$work/mesh.yaml" 2>"$work/mesh.log" &
pm=$!
pids+=("$pm")
for _ in $(seq 100); do grep -q "Ready: 127.0.46.2" "$work/mesh.log" && grep -q "Ready: 127.0.46.1" "$work/mesh.log" && break; sleep 0.1; done
sleep 0.5
agents=$(pgrep -P "$pm" | tr '\n' ' ')

ticks() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
rss_kb() { awk '/^VmRSS/{print $2}' "/proc/$1/status"; }
rate() { iperf3 -c "$1" -p "$2" -t "$SECS" $3 -f m | awk '/receiver/{print $7}'; }
hz=$(getconf CLK_TCK)

echo "agent RSS idle (kB): $(for p in $agents; do printf '%s ' "$(rss_kb "$p")"; done)"
for dir in "" "-R"; do
  label=$([ -z "$dir" ] && echo "a->b" || echo "b->a")
  direct=$(rate 127.0.0.1 "$SERVER" "$dir")
  t0=$(ticks "$pm" $agents)
  mesh=$(rate 127.0.46.2 "$PORT" "$dir")
  t1=$(ticks "$pm" $agents)
  cpu=$(awk -v t="$((t1 - t0))" -v hz="$hz" -v s="$SECS" 'BEGIN{printf "%.0f", 100*t/hz/s}')
  ratio=$(awk -v m="$mesh" -v d="$direct" 'BEGIN{printf "%.3f", m/d}')
  echo "$label: direct ${direct} Mbit/s, mesh ${mesh} Mbit/s, ratio mesh/direct ${ratio}, CPU (manager+agents) ${cpu}%"
done
echo "agent RSS after (kB): $(for p in $agents; do printf '%s ' "$(rss_kb "$p")"; done)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
