#!/usr/bin/env bash
# Throughput and connect latency of a routeless-node tunnel, measured in one run next to direct
# loopback and socat: iperf3 both directions for direct / socat / tunnel tls=0 / tunnel tls=1,
# then p50/p99 of 1000 new connections (connect + 1-byte echo) direct vs through the tunnel.
# Usage: bench/nodepass.sh [path/to/routeless-node]   (env SECONDS_PER_RUN, default 5)
set -euo pipefail

NODE=${1:-${ROUTELESS_NODE_BIN:-$(dirname "$0")/../build-nodepass/bin/routeless-node}}
T=${SECONDS_PER_RUN:-5}
command -v iperf3 >/dev/null || { echo "iperf3 is required" >&2; exit 1; }
command -v socat >/dev/null || { echo "socat is required" >&2; exit 1; }
[ -x "$NODE" ] || { echo "routeless-node not found at $NODE" >&2; exit 1; }

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }

IPERF=$(freeport)
iperf3 -s -B 127.0.0.1 -p "$IPERF" >/dev/null 2>&1 & PIDS+=($!)
wait_port "$IPERF"

# iperf3 client -> Gbit/s (receiver side)
measure() { # port [-R]
  iperf3 -c 127.0.0.1 -p "$1" -t "$T" ${2:-} -J 2>/dev/null |
    python3 -c 'import json,sys;d=json.load(sys.stdin);print("%.2f"%(d["end"]["sum_received"]["bits_per_second"]/1e9))'
}

# Runs in this shell (not in $(...)) so the PIDs reach the cleanup trap. Sets USER_PORT.
start_tunnel() { # tls target_port
  local tls=$1 tun
  tun=$(freeport); USER_PORT=$(freeport)
  NO_COLOR=1 "$NODE" "server://bench@127.0.0.1:$tun/127.0.0.1:$USER_PORT?mode=1&tls=$tls&log=warn" >/dev/null 2>&1 & PIDS+=($!)
  sleep 0.2
  NO_COLOR=1 "$NODE" "client://bench@127.0.0.1:$tun/127.0.0.1:$2?mode=2&log=warn" >/dev/null 2>&1 & PIDS+=($!)
  wait_port "$USER_PORT"; sleep 0.5
}

SOCAT=$(freeport)
socat TCP-LISTEN:"$SOCAT",bind=127.0.0.1,fork,reuseaddr TCP:127.0.0.1:"$IPERF" & PIDS+=($!)
wait_port "$SOCAT"
start_tunnel 0 "$IPERF"; TUN0=$USER_PORT
start_tunnel 1 "$IPERF"; TUN1=$USER_PORT

declare -A R
for name in direct socat tls0 tls1; do
  case $name in direct) p=$IPERF;; socat) p=$SOCAT;; tls0) p=$TUN0;; tls1) p=$TUN1;; esac
  R[$name-up]=$(measure "$p")
  R[$name-down]=$(measure "$p" -R)
done

echo "iperf3, ${T}s per run, Gbit/s (ratio to direct loopback in the same run)"
printf '%-16s %10s %8s %10s %8s\n' path upload ratio download ratio
for name in direct socat tls0 tls1; do
  label=$name; [ "$name" = tls0 ] && label="tunnel tls=0"; [ "$name" = tls1 ] && label="tunnel tls=1"
  printf '%-16s %10s %8s %10s %8s\n' "$label" "${R[$name-up]}" \
    "$(python3 -c "print('%.2fx'%(${R[$name-up]}/${R[direct-up]}))")" "${R[$name-down]}" \
    "$(python3 -c "print('%.2fx'%(${R[$name-down]}/${R[direct-down]}))")"
done

# New-connection latency: an echo target, then 1000 x (connect, 1 byte out, 1 byte back, close).
ECHO=$(freeport)
python3 - "$ECHO" <<'PY' & PIDS+=($!)
import socket, sys, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(1024)
def serve(c):
    with c:
        while (d := c.recv(65536)): c.sendall(d)
while True:
    c, _ = s.accept(); threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
wait_port "$ECHO"
start_tunnel 0 "$ECHO"; LAT=$USER_PORT
python3 - "$ECHO" "$LAT" <<'PY'
import socket, sys, time
def run(port, n=1000):
    out = []
    for _ in range(n):
        t = time.perf_counter()
        c = socket.create_connection(("127.0.0.1", port))
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        c.sendall(b"x"); c.recv(1); c.close()
        out.append((time.perf_counter() - t) * 1000)
    out.sort()
    return out[len(out) // 2], out[int(len(out) * 0.99) - 1]
d50, d99 = run(int(sys.argv[1]))
t50, t99 = run(int(sys.argv[2]))
print("new connection (connect + 1-byte echo), 1000 connects, ms")
print("%-16s p50 %.3f  p99 %.3f" % ("direct", d50, d99))
print("%-16s p50 %.3f  p99 %.3f" % ("tunnel tls=0", t50, t99))
print("%-16s p50 %.3f  p99 %.3f" % ("added", t50 - d50, t99 - d99))
PY
