#!/usr/bin/env bash
# One TCP flow through a whole mesh (a manager and two local agents; iperf3 client -> agent a's
# loopback listener -> a -> manager -> b -> b's forward -> iperf3 server), both directions,
# for every mesh that can be run here, all in the same run:
#   direct     iperf3 over plain loopback (the ceiling)
#   routeless  routeless-node mesh with routeless-agent agents
#   main       routeless-node mesh with the agents of another routeless-node (BASELINE_NODE,
#              e.g. a build of main; skipped when unset and /work/main/build has none)
#   norouter   NoRouter 0.6.5's own manager and agents (ROUTELESS_PEER_NOROUTER; skipped if absent)
# and prints Mbit/s, ratios against each baseline, CPU of manager+agents, agent RSS idle and
# peak (VmHWM) after the flows, and routeless-agent's stripped size. Not a test: figures
# drift with machine load; the ratios are what to read.
# usage: bench/mesh_iperf.sh [build/bin] [seconds]
set -euo pipefail
BIN_DIR=$(realpath "${1:-build/bin}")
SECS=${2:-5}
NODE="$BIN_DIR/routeless-node"
AGENT="$BIN_DIR/routeless-agent"
NOROUTER=${ROUTELESS_PEER_NOROUTER:-$(dirname "$0")/../../shared/peers/norouter-0.6.5/norouter}
[ -x "$NOROUTER" ] || NOROUTER=/work/shared/peers/norouter-0.6.5/norouter
BASELINE_NODE=${BASELINE_NODE:-/work/main/build/bin/routeless-node}
command -v iperf3 >/dev/null || { echo "iperf3 is needed (apt-get install iperf3)"; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# Copies, so that a rebuild during the run cannot change what is measured.
cp "$AGENT" "$work/routeless-agent"
[ -x "$BASELINE_NODE" ] && cp "$BASELINE_NODE" "$work/baseline-node" || BASELINE_NODE=""
[ -x "$NOROUTER" ] || NOROUTER=""

SERVER=$((20000 + RANDOM % 20000))
iperf3 -s -p "$SERVER" -B 127.0.0.1 -D --pidfile "$work/iperf.pid"
sleep 0.3
pids+=("$(cat "$work/iperf.pid")")

ticks() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
status_kb() { awk -v k="$2:" '$1==k{print $2}' "/proc/$1/status"; }
rate() { iperf3 -c "$1" -p "$2" -t "$SECS" $3 -f m | awk '/receiver/{print $7}'; }
hz=$(getconf CLK_TCK)
declare -A RESULT

# run NAME MANAGER-CMD... : the manifest is $work/NAME.yaml, agents are the manager's children
run_mesh() {
  local name=$1; shift
  local log="$work/$name.log"
  "$@" >"$log" 2>&1 &
  local pm=$!
  pids+=("$pm")
  for _ in $(seq 300); do grep -q "Ready: $VIP_A" "$log" && grep -q "Ready: $VIP_B" "$log" && break; sleep 0.1; done
  grep -q "Ready: $VIP_B" "$log" || { echo "$name: no Ready"; cat "$log"; return; }
  sleep 0.5
  local agents
  agents=$(pgrep -P "$pm" | tr '\n' ' ')
  local idle="" peak=""
  for p in $agents; do idle+="$(status_kb "$p" VmRSS) "; done
  for dir in "" "-R"; do
    local label; label=$([ -z "$dir" ] && echo "a->b" || echo "b->a")
    local t0 t1 mbit cpu
    t0=$(ticks "$pm" $agents)
    mbit=$(rate "$VIP_B" "$PORT" "$dir")
    t1=$(ticks "$pm" $agents)
    cpu=$(awk -v t="$((t1 - t0))" -v hz="$hz" -v s="$SECS" 'BEGIN{printf "%.0f", 100*t/hz/s}')
    # CPU seconds per GB carried: less sensitive to other load on the machine than Mbit/s.
    pergb=$(awk -v t="$((t1 - t0))" -v hz="$hz" -v m="$mbit" -v s="$SECS" 'BEGIN{printf "%.2f", (t/hz)/(m*s/8000)}')
    RESULT["$name $label"]=$mbit
    RESULT["$name $label cpu"]=$pergb
    printf '%-10s %s: %8s Mbit/s, manager+agents CPU %s%% (%s CPU-s/GB)\n' "$name" "$label" "$mbit" "$cpu" "$pergb"
  done
  for p in $agents; do peak+="$(status_kb "$p" VmHWM) "; done
  printf '%-10s agent RSS kB: idle %s, peak after the flows %s\n' "$name" "$idle" "$peak"
  kill "$pm" 2>/dev/null || true
  wait "$pm" 2>/dev/null || true
  sleep 0.5
}

manifest() {  # manifest FILE CMD-A CMD-B
  cat >"$1" <<YAML
hostTemplate:
  stateDir: {disable: true}
hosts:
  a:
    vip: "$VIP_A"
    cmd: ["$2"]
  b:
    vip: "$VIP_B"
    cmd: ["$3"]
    loopback: {disable: true}
    ports: ["$PORT:127.0.0.1:$SERVER"]
YAML
}

for dir in "" "-R"; do
  label=$([ -z "$dir" ] && echo "a->b" || echo "b->a")
  RESULT["direct $label"]=$(rate 127.0.0.1 "$SERVER" "$dir")
  printf '%-10s %s: %8s Mbit/s\n' direct "$label" "${RESULT["direct $label"]}"
done

n=0
next_mesh() { n=$((n + 1)); VIP_A="127.0.46.$((2 * n))"; VIP_B="127.0.46.$((2 * n + 1))"; PORT=$((SERVER + n)); }
next_mesh; manifest "$work/routeless.yaml" "$work/routeless-agent" "$work/routeless-agent"
run_mesh routeless "$NODE" mesh "$work/routeless.yaml"
if [ -n "$BASELINE_NODE" ]; then
  next_mesh; manifest "$work/main.yaml" "$work/baseline-node" "$work/baseline-node"
  run_mesh main "$NODE" mesh "$work/main.yaml"
fi
if [ -n "$NOROUTER" ]; then
  next_mesh; manifest "$work/norouter.yaml" "$NOROUTER" "$NOROUTER"
  run_mesh norouter "$NOROUTER" "$work/norouter.yaml"
fi

for label in "a->b" "b->a"; do
  r=${RESULT["routeless $label"]:-0}
  line="routeless $label: $(awk -v m="$r" -v d="${RESULT["direct $label"]}" 'BEGIN{printf "%.3f", m/d}')x direct"
  [ -n "${RESULT["norouter $label"]:-}" ] && line+=", $(awk -v m="$r" -v d="${RESULT["norouter $label"]}" 'BEGIN{printf "%.1f", m/d}')x NoRouter"
  [ -n "${RESULT["main $label"]:-}" ] && line+=", $(awk -v m="$r" -v d="${RESULT["main $label"]}" 'BEGIN{printf "%.2f", m/d}')x main's agent"
  echo "$line"
  c=${RESULT["routeless $label cpu"]:-0}
  line="routeless $label CPU per GB: ${c} s"
  [ -n "${RESULT["norouter $label cpu"]:-}" ] && line+=", NoRouter ${RESULT["norouter $label cpu"]} s ($(awk -v a="${RESULT["norouter $label cpu"]}" -v b="$c" 'BEGIN{printf "%.1f", a/b}')x less)"
  [ -n "${RESULT["main $label cpu"]:-}" ] && line+=", main's agent ${RESULT["main $label cpu"]} s"
  echo "$line"
done
strip -o "$work/stripped" "$work/routeless-agent"
echo "routeless-agent: $(stat -c %s "$work/stripped") bytes stripped ($(file -b "$work/routeless-agent" | cut -d, -f1-4))"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
