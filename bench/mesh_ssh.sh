#!/usr/bin/env bash
# One TCP flow to a host reached over ssh, two ways on the same private sshd, in the same run:
#   ssh -L     iperf3 client -> ssh's local forward -> sshd -> iperf3 server (the baseline)
#   routeless  iperf3 client -> agent a (local) -> routeless-node mesh -> ssh -> sshd ->
#              routeless-agent b (launched by ssh) -> b's forward -> iperf3 server
#   norouter   the same mesh run by NoRouter 0.6.5 with its own agents (skipped if absent)
# and prints Mbit/s both directions, CPU seconds per GB of every process involved (ssh client,
# sshd and its session, manager, agents) and the ratios against ssh -L. Not a test: figures
# drift with machine load; the ratios are what to read. Needs root (a private sshd that logs
# in as root, as the ssh integration test does), iperf3, openssh-server and openssh-client.
# usage: bench/mesh_ssh.sh [build/bin] [seconds]
set -euo pipefail
BIN_DIR=$(realpath "${1:-build/bin}")
SECS=${2:-5}
NODE="$BIN_DIR/routeless-node"
NOROUTER=${ROUTELESS_PEER_NOROUTER:-$(dirname "$0")/../../shared/peers/norouter-0.6.5/norouter}
[ -x "$NOROUTER" ] || NOROUTER=/work/shared/peers/norouter-0.6.5/norouter
[ "$(id -u)" = 0 ] || { echo "needs root: the private sshd logs in as root"; exit 1; }
for t in iperf3 ssh ssh-keygen /usr/sbin/sshd; do
  command -v "$t" >/dev/null || { echo "$t is needed (.ci/setup installs it)"; exit 1; }
done
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# Copies, so that a rebuild during the run cannot change what is measured.
cp "$BIN_DIR/routeless-agent" "$work/routeless-agent"
[ -x "$NOROUTER" ] || NOROUTER=""

ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/user_key"
cp "$work/user_key.pub" "$work/authorized_keys"
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
mkdir -p /run/sshd
# A port the kernel just handed out; another process can still take it before sshd binds, so a
# refused bind starts sshd again on a fresh one.
for attempt in 1 2 3 4 5; do
  SSH_PORT=$(freeport)
  cat >"$work/sshd_config" <<EOF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $work/host_key
AuthorizedKeysFile $work/authorized_keys
PermitRootLogin yes
UsePAM no
StrictModes no
PasswordAuthentication no
PidFile $work/sshd.pid
EOF
  /usr/sbin/sshd -D -e -f "$work/sshd_config" 2>"$work/sshd.log" &
  SSHD=$!
  for _ in $(seq 100); do grep -Eq "Server listening|Cannot bind" "$work/sshd.log" && break; sleep 0.1; done
  grep -q "Server listening" "$work/sshd.log" && break
  kill "$SSHD" 2>/dev/null; wait "$SSHD" 2>/dev/null
done
pids+=("$SSHD")
grep -q "Server listening" "$work/sshd.log" || { cat "$work/sshd.log"; exit 1; }
SSH=(ssh -p "$SSH_PORT" -i "$work/user_key" -o StrictHostKeyChecking=no
  -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR)

SERVER=$((20000 + RANDOM % 20000))
iperf3 -s -p "$SERVER" -B 127.0.0.1 -D --pidfile "$work/iperf.pid"
sleep 0.3
pids+=("$(cat "$work/iperf.pid")")

descendants() { local p; for p in "$@"; do echo "$p"; descendants $(pgrep -P "$p" || true); done; }
ticks() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
rate() { iperf3 -c "$1" -p "$2" -t "$SECS" $3 -f m | awk '/receiver/{print $7}'; }
hz=$(getconf CLK_TCK)
declare -A RESULT

# measure NAME IP PORT ROOT-PIDS...: both directions, CPU of the roots' process trees and sshd's
measure() {
  local name=$1 ip=$2 port=$3; shift 3
  local procs; procs=$(descendants "$@" "$SSHD" | tr '\n' ' ')
  for dir in "" "-R"; do
    local label; label=$([ -z "$dir" ] && echo "up" || echo "down")
    local t0 t1 mbit pergb
    t0=$(ticks $procs)
    mbit=$(rate "$ip" "$port" "$dir")
    t1=$(ticks $procs)
    pergb=$(awk -v t="$((t1 - t0))" -v hz="$hz" -v m="$mbit" -v s="$SECS" 'BEGIN{printf "%.2f", (t/hz)/(m*s/8000)}')
    RESULT["$name $label"]=$mbit
    RESULT["$name $label cpu"]=$pergb
    printf '%-10s %-4s: %8s Mbit/s, %s CPU-s/GB (ssh, sshd, manager, agents)\n' "$name" "$label" "$mbit" "$pergb"
  done
}

# The baseline: ssh's own local forward to the iperf3 server.
LPORT=$((SERVER + 1))
"${SSH[@]}" -N -T -L "127.0.0.1:$LPORT:127.0.0.1:$SERVER" root@127.0.0.1 </dev/null &
SSHL=$!
pids+=("$SSHL")
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$LPORT") 2>/dev/null && break; sleep 0.1; done
measure "ssh -L" 127.0.0.1 "$LPORT" "$SSHL"
kill "$SSHL"; wait "$SSHL" 2>/dev/null || true

n=0
# run_mesh NAME AGENT MANAGER-CMD...: host a local, host b launched by ssh
run_mesh() {
  local name=$1 agent=$2; shift 2
  n=$((n + 1))
  local vip_a="127.0.47.$((2 * n))" vip_b="127.0.47.$((2 * n + 1))" port=$((SERVER + 1 + n))
  cat >"$work/$name.yaml" <<YAML
hostTemplate:
  stateDir: {disable: true}
hosts:
  a:
    vip: "$vip_a"
    cmd: ["$agent"]
  b:
    vip: "$vip_b"
    cmd: [$(printf '"%s", ' "${SSH[@]}")"root@127.0.0.1", "--", "$agent"]
    loopback: {disable: true}
    ports: ["$port:127.0.0.1:$SERVER"]
YAML
  local log="$work/$name.log"
  "$@" "$work/$name.yaml" >"$log" 2>&1 &
  local pm=$!
  pids+=("$pm")
  for _ in $(seq 300); do grep -q "Ready: $vip_a" "$log" && grep -q "Ready: $vip_b" "$log" && break; sleep 0.1; done
  grep -q "Ready: $vip_b" "$log" || { echo "$name: no Ready"; cat "$log"; return; }
  sleep 0.5
  measure "$name" "$vip_b" "$port" "$pm"
  kill "$pm" 2>/dev/null || true
  wait "$pm" 2>/dev/null || true
  sleep 0.5
}
run_mesh routeless "$work/routeless-agent" "$NODE" mesh
[ -n "$NOROUTER" ] && run_mesh norouter "$NOROUTER" "$NOROUTER"

for label in up down; do
  r=${RESULT["routeless $label"]:-0}
  line="routeless $label: $(awk -v m="$r" -v d="${RESULT["ssh -L $label"]}" 'BEGIN{printf "%.2f", m/d}')x ssh -L"
  [ -n "${RESULT["norouter $label"]:-}" ] && line+=", $(awk -v m="$r" -v d="${RESULT["norouter $label"]}" 'BEGIN{printf "%.1f", m/d}')x NoRouter over ssh"
  line+="; CPU per GB ${RESULT["routeless $label cpu"]:-?} s vs ssh -L ${RESULT["ssh -L $label cpu"]} s"
  echo "$line"
done
echo "cipher: $(ssh -G -T -p "$SSH_PORT" 127.0.0.1 2>/dev/null | awk '$1=="ciphers"{print $2}' | cut -d, -f1) (the first offered; both paths use the same sshd)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
