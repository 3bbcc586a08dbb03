#!/usr/bin/env bash
# Throughput and memory of one TCP flow through two mesh agents connected back to back
# (A's stdout -> B's stdin and back, as NoRouter's integration/test-agent.sh does; a manager
# would add one copy per frame). iperf3 client -> A's loopback listener -> lwIP A -> pipe
# -> lwIP B -> B's forward -> iperf3 server.
# usage: bench/mesh_agents.sh [path/to/routeless-agent] [seconds]
set -euo pipefail
BIN=${1:-build/bin/routeless-agent}
SECS=${2:-5}
VIP_A=${VIP_A:-127.0.45.1}
VIP_B=${VIP_B:-127.0.45.2}
PORT=${PORT:-$((20000 + RANDOM % 20000))}
BACK=$((PORT + 1))
command -v iperf3 >/dev/null || { echo "iperf3 is needed (apt-get install iperf3)"; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

iperf3 -s -p "$BACK" -B 127.0.0.1 -D --pidfile "$work/iperf.pid"
sleep 0.3
pids+=("$(cat "$work/iperf.pid")")
A="{\"me\":\"$VIP_A\",\"others\":[{\"ip\":\"$VIP_B\",\"port\":$PORT,\"proto\":\"tcp\"}]}"
B="{\"me\":\"$VIP_B\",\"forwards\":[{\"listen_port\":$PORT,\"connect_ip\":\"127.0.0.1\",\"connect_port\":$BACK,\"proto\":\"tcp\"}],\"loopback\":{\"disable\":true}}"
# A opens its stdin read-write so that neither open blocks waiting for the other agent.
mkfifo "$work/a2b" "$work/b2a"
"$BIN" agent --automated --debug-init-config "$A" <>"$work/b2a" >"$work/a2b" 2>"$work/a.log" &
pa=$!
"$BIN" agent --automated --debug-init-config "$B" <"$work/a2b" >"$work/b2a" 2>"$work/b.log" &
pb=$!
sleep 0.7
pids+=("$pa" "$pb")

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss() { awk '/^(VmRSS|RssAnon)/{printf "%s %s kB  ", $1, $2}' "/proc/$1/status"; }
echo "idle:      A $(rss "$pa")| B $(rss "$pb")"
for dir in "" "-R"; do
  ca=$(cpu "$pa"); cb=$(cpu "$pb")
  out=$(iperf3 -c "$VIP_B" -p "$PORT" -t "$SECS" $dir -f g)
  rate=$(echo "$out" | awk '/receiver/{print $7, $8}')
  bytes=$(echo "$out" | awk '/receiver/{print $5, $6}')
  label=$([ -z "$dir" ] && echo "A->B" || echo "B->A")
  echo "$label:      $rate ($bytes); agent CPU s: A $(( ($(cpu "$pa") - ca) ))e-2, B $(( ($(cpu "$pb") - cb) ))e-2"
  echo "           A $(rss "$pa")| B $(rss "$pb")"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (other work on the machine skews the figures)"
