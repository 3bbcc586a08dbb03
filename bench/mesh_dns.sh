#!/usr/bin/env bash
# DNS queries per second through VIP:10053 for a hostnameMap name, Routeless vs NoRouter
# 0.6.5 in the same run. Each mesh is a manager with two local agents: `ha` with loopback
# listeners and `hb` with loopback off; the client asks hb's DNS at hb's VIP:10053 through
# ha's host listener (ha -> manager -> hb and back), as an application on ha's host would:
#   tcp-reuse  one TCP connection, one query at a time (NoRouter's transport)
#   tcp-new    a new TCP connection per query
#   udp        one query at a time over UDP (a Routeless extension; NoRouter has none)
# NoRouter (miekg/dns) closes a TCP connection after 128 queries; tcp-reuse then reconnects.
# Not a test: figures drift with machine load; the ratios are what to read.
# usage: bench/mesh_dns.sh [build/bin] [seconds per mode]
set -euo pipefail
BIN_DIR=$(realpath "${1:-build/bin}")
SECS=${2:-5}
NODE="$BIN_DIR/routeless-node"
NOROUTER=${ROUTELESS_PEER_NOROUTER:-$(dirname "$0")/../../shared/peers/norouter-0.6.5/norouter}
[ -x "$NOROUTER" ] || NOROUTER=/work/shared/peers/norouter-0.6.5/norouter
[ -x "$NOROUTER" ] || NOROUTER=""
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cat > "$work/qps.py" <<'PY'
import socket, struct, sys, time
ip, mode, secs = sys.argv[1], sys.argv[2], float(sys.argv[3])
def query(qid):
    q = struct.pack('>HHHHHH', qid, 0x0100, 1, 0, 0, 0) + b'\x02hb\x00' + struct.pack('>HH', 1, 1)
    return q
def read_exactly(s, n):
    out = b''
    while len(out) < n:
        chunk = s.recv(n - len(out))
        if not chunk:
            raise EOFError
        out += chunk
    return out
def tcp_once(s, qid):
    q = query(qid)
    s.sendall(struct.pack('>H', len(q)) + q)
    (n,) = struct.unpack('>H', read_exactly(s, 2))
    r = read_exactly(s, n)
    assert r[:2] == q[:2] and r[7] == 1, r
n, deadline = 0, time.monotonic() + secs
start = time.monotonic()
reconnects = 0
if mode == 'tcp-reuse':
    # miekg/dns (NoRouter) closes a connection after 128 queries (MaxTCPQueries): reconnect.
    s = socket.create_connection((ip, 10053))
    while time.monotonic() < deadline:
        try:
            tcp_once(s, n & 0xFFFF); n += 1
        except (EOFError, ConnectionResetError):
            s.close(); s = socket.create_connection((ip, 10053)); reconnects += 1
elif mode == 'tcp-new':
    while time.monotonic() < deadline:
        s = socket.create_connection((ip, 10053))
        tcp_once(s, n & 0xFFFF); s.close(); n += 1
else:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(2)
    while time.monotonic() < deadline:
        s.sendto(query(n & 0xFFFF), (ip, 10053))
        r = s.recv(512)
        assert r[7] == 1; n += 1
print(int(n / (time.monotonic() - start)))
PY

mesh() {  # name manager-command prefix agent-cmd-yaml
  local name=$1 prefix=$3
  cat > "$work/$name.yaml" <<YAML
hosts:
  ha:
    vip: "$prefix.1"
  hb:
    $4
    vip: "$prefix.2"
    loopback: {disable: true}
YAML
  $2 "$work/$name.yaml" > "$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do grep -q "Ready: $prefix.2" "$work/$name.log" && grep -q "Ready: $prefix.1" "$work/$name.log" && break; sleep 0.1; done
  sleep 0.5
}

declare -A rl nr
mesh routeless "$NODE mesh" 127.0.163 ""
for m in tcp-reuse tcp-new udp; do rl[$m]=$(python3 "$work/qps.py" 127.0.163.2 $m "$SECS"); done
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
if [ -n "$NOROUTER" ]; then
  mesh norouter "$NOROUTER" 127.0.164 "cmd: [\"$NOROUTER\"]"
  for m in tcp-reuse tcp-new; do nr[$m]=$(python3 "$work/qps.py" 127.0.164.2 $m "$SECS"); done
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
fi
printf "%-10s %12s %12s %8s\n" mode routeless norouter ratio
for m in tcp-reuse tcp-new udp; do
  n=${nr[$m]:-}
  if [ -n "$n" ] && [ "$n" -gt 0 ]; then
    printf "%-10s %12s %12s %8s\n" "$m" "${rl[$m]}" "$n" "$(awk -v a="${rl[$m]}" -v b="$n" 'BEGIN{printf "%.2fx", a/b}')"
  else
    printf "%-10s %12s %12s %8s\n" "$m" "${rl[$m]}" "n/a" "-"
  fi
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
