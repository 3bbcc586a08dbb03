#!/usr/bin/env bash
# Throughput and connect latency of a routeless-node tunnel, measured in one run next to direct
# loopback and socat: iperf3 both directions for direct / socat / tunnel tls=0 / tunnel tls=1,
# then p50/p99 of 1000 new connections (connect + 1-byte echo) direct vs through the tunnel.
# Usage: bench/nodepass.sh [path/to/routeless-node]   (env SECONDS_PER_RUN, default 5;
# POOL_ONLY=1 skips the direct/socat/tunnel table and the tls=0 connect latency; POOL_TYPES
# (default "0 1 2 3") and POOL_TLS (default "0 1"; QUIC is always tls>=1, so only 1) pick the
# pool-transport rows)
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

POOL_ONLY=${POOL_ONLY:-0}
if [ "$POOL_ONLY" != 1 ]; then
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

fi

# New-connection latency: an echo target, then 500 x (connect, 1 byte out, 1 byte back, close),
# direct and through the tunnel taken in turns (random order within each pair): measured as two
# phases, the direct baseline alone sometimes sat at ~4 ms while the tunnel right after it took
# ~1 ms on a loaded machine, so "added" came out negative; in turns both see the same load.
latency() { # direct-port port... -> "p50 p99" in ms per port, 500 connects each, taken in turns
  # (random order within each round) so the direct baseline sees the same load as the tunnels;
  # a failed connect is counted, not fatal
  python3 - "$@" <<'PY'
import random, socket, sys, time
ports = [int(p) for p in sys.argv[1:]]
out = {p: [] for p in ports}
failed = {p: 0 for p in ports}
def once(port):
    t = time.perf_counter()
    try:
        c = socket.create_connection(("127.0.0.1", port), timeout=5)
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        c.sendall(b"x")
        ok = c.recv(1) == b"x"
        c.close()
    except OSError:
        ok = False
    if ok:
        out[port].append((time.perf_counter() - t) * 1000)
    else:
        failed[port] += 1
for _ in range(500):
    order = ports[:]
    random.shuffle(order)
    for port in order: once(port)
res = []
for port in ports:
    if failed[port]:
        print("latency probe: %d of 500 connects to %d failed" % (failed[port], port), file=sys.stderr)
    v = sorted(out[port])
    res.append("nan nan" if not v else "%.3f %.3f" % (v[len(v) // 2], v[max(0, int(len(v) * 0.99) - 1)]))
print(" ".join(res))
PY
}
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
if [ "$POOL_ONLY" != 1 ]; then
start_tunnel 0 "$ECHO"; LAT=$USER_PORT
read -r D50 D99 T50 T99 <<<"$(latency "$ECHO" "$LAT")"
echo "new connection (connect + 1-byte echo), 500 connects each, ms"
printf '%-16s p50 %s  p99 %s\n' direct "$D50" "$D99" "tunnel tls=0" "$T50" "$T99"
python3 -c "print('%-16s p50 %.3f  p99 %.3f' % ('added', float('$T50') - float('$D50'), float('$T99') - float('$D99')))"
fi

# Pool transports, tls=0 and 1: Routeless server+client vs NodePass server+client in the same run, one
# flow and 8 parallel flows (upload), and the connect latency each tunnel adds.
# "%ceiling" is each tunnel's 8-flow figure against the ceiling measured below (Routeless/NodePass).
NODEPASS=${NODEPASS_BIN:-${ROUTELESS_PEER_NODEPASS:-$(dirname "$0")/../../shared/peers/nodepass-1.14.0/nodepass}}
if [ ! -x "$NODEPASS" ]; then
  echo "NodePass binary not found (NODEPASS_BIN or ../shared/peers): transport comparison skipped"
  exit 0
fi
LOGDIR=$(mktemp -d); trap 'cleanup; rm -rf "$LOGDIR"' EXIT
start_pair() { # program type tls target_port -> USER_PORT, once the server is ready for users
  # NodePass's QUIC pair sometimes never finishes its first handshake (the client reads EOF, the
  # server times out its control connection); a fresh pair on fresh ports then comes up.
  local attempt
  for attempt in 1 2 3; do
    start_pair_once "$@" && return 0
    kill "${PIDS[-1]}" "${PIDS[-2]}" 2>/dev/null || true
    echo "tunnel $1 type=$2 tls=$3 not ready (attempt $attempt), starting it again" >&2
  done
  echo "tunnel $1 type=$2 tls=$3 never got ready" >&2; return 1
}
start_pair_once() {
  local prog=$1 type=$2 tls=$3 tun log
  tun=$(freeport); USER_PORT=$(freeport); log="$LOGDIR/server-$tun.log"
  NO_COLOR=1 NP_REPORT_INTERVAL=1s "$prog" "server://bench@127.0.0.1:$tun/127.0.0.1:$USER_PORT?mode=1&tls=$tls&type=$type&log=info" >"$log" 2>&1 & PIDS+=($!)
  sleep 0.3
  NO_COLOR=1 NP_REPORT_INTERVAL=1s "$prog" "client://bench@127.0.0.1:$tun/127.0.0.1:$4?mode=2&min=64&log=info" >"$log.client" 2>&1 & PIDS+=($!)
  # Probing with iperf3 itself would leave a half-open test in the one-test-at-a-time server.
  # tls=1 gates users until the fingerprint check (NodePass's QUIC server does not log it, its
  # client does: look in both logs); tls=0 has none, so wait for a filled pool.
  local ready="fingerprint verified"
  [ "$tls" = 0 ] && ready="CHECK_POINT.*POOL=[1-9]"
  for _ in $(seq 150); do grep -Eq "$ready" "$log" "$log.client" && { sleep 0.5; return 0; }; sleep 0.1; done
  return 1
}
# One iperf3 server per tunnel (sets IPERF_PORT): a test that one tunnel leaves half-open cannot
# make the one-test-at-a-time server refuse the next tunnel's test ("server busy").
start_iperf() {
  IPERF_PORT=$(freeport)
  iperf3 -s -B 127.0.0.1 -p "$IPERF_PORT" >/dev/null 2>&1 & PIDS+=($!)
  wait_port "$IPERF_PORT"
}
measureP() { # port parallel -> Gbit/s, or 0 with iperf3's error on stderr
  local json
  json=$(timeout $((T + 30)) iperf3 -c 127.0.0.1 -p "$1" -t "$T" -P "$2" -J 2>/dev/null) || true
  python3 -c '
import json, sys
try:
    d = json.loads(sys.argv[1])
    print("%.2f" % (d["end"]["sum_received"]["bits_per_second"] / 1e9))
    if d.get("error"): print("iperf3 -P %s: %s" % (sys.argv[2], d["error"]), file=sys.stderr)
except Exception as e:
    print("0.00"); print("iperf3 -P %s: no result (%s)" % (sys.argv[2], e), file=sys.stderr)
' "$json" "$2"
}
# What two cores can carry at best with 8 flows, measured in this run: each tunnel byte crosses
# loopback three times (iperf3 -> client -> server -> iperf3), each crossing at least as dear as
# direct loopback's (both iperf3 ends' CPU per GB), and with TLS it is also sealed and opened
# once (openssl speed's AES-128-GCM rate, CPU time, one core). A splice tunnel (TCP tls=0) can
# pass the plain ceiling: it skips the user-space copies the estimate counts.
ceilings() { # -> "plain_gbit tls_gbit" (or "nan nan")
  local json aes attempt
  for attempt in 1 2 3; do # the first test on a fresh iperf3 server is sometimes refused
    json=$(timeout $((T + 30)) iperf3 -c 127.0.0.1 -p "$IPERF" -t "$T" -P 8 -J 2>/dev/null) || true
    grep -q '"sum_received"' <<<"$json" && break
    sleep 1
  done
  aes=$(openssl speed -seconds 1 -bytes 16384 -evp aes-128-gcm 2>/dev/null | awk '/^AES-128-GCM/ {print $NF}')
  python3 -c '
import json, sys
try:
    d = json.loads(sys.argv[1]); cores = int(sys.argv[3])
    gbyte_s = d["end"]["sum_received"]["bytes"] / 1e9 / d["end"]["sum_received"]["seconds"]
    u = d["end"]["cpu_utilization_percent"]
    hop = (u["host_total"] + u["remote_total"]) / 100.0 / gbyte_s   # CPU-s per GB, one crossing
    aes = float(sys.argv[2].rstrip("k")) * 1000 / 1e9                # GB per CPU-s
    plain, tls = cores / (3 * hop), cores / (3 * hop + 2 / aes)
    print("%.2f %.2f" % (plain * 8, tls * 8))
    print("ceiling, 8 flows on %d cores: direct loopback %.2f CPU-s/GB per crossing, AES-128-GCM "
          "%.2f GB/s per core -> plain %.2f Gbit/s, TLS %.2f Gbit/s" % (cores, hop, aes, plain * 8, tls * 8),
          file=sys.stderr)
except Exception as e:
    print("nan nan"); print("ceiling not measured (%s)" % e, file=sys.stderr)
' "$json" "${aes:-0k}" "$(nproc)"
}
pct() { python3 -c "import math; c=float('$2'); print('n/a' if math.isnan(c) or c <= 0 else '%d%%' % round(100 * float('$1') / c))"; }
ratio() { python3 -c "print('n/a' if float('$2') <= 0 else '%.2fx' % (float('$1') / float('$2')))"; }
echo
read -r CEIL_PLAIN CEIL_TLS < <(ceilings 2>"$LOGDIR/ceiling") || true
cat "$LOGDIR/ceiling"
echo "pool transports, ${T}s per run: Gbit/s upload, Routeless vs NodePass $("$NODEPASS" 2>&1 | grep -o 'v[0-9.]*' | head -1) (ratio)"
printf '%-14s %8s %8s %7s   %8s %8s %7s %9s   %-22s %-22s\n' transport rl-1 np-1 ratio rl-8 np-8 ratio \
  "%ceiling" "rl added p50/p99 ms" "np added p50/p99 ms"
names=(TCP QUIC WebSocket HTTP/2)
for type in ${POOL_TYPES:-0 1 2 3}; do
for tls in ${POOL_TLS:-0 1}; do
  [ "$type" = 1 ] && [ "$tls" = 0 ] && continue # QUIC is TLS 1.3 whatever the URL says
  first=${#PIDS[@]}
  start_iperf; start_pair "$NODE" "$type" "$tls" "$IPERF_PORT"; RLT=$USER_PORT
  start_pair "$NODE" "$type" "$tls" "$ECHO"; RLE=$USER_PORT
  start_iperf; start_pair "$NODEPASS" "$type" "$tls" "$IPERF_PORT"; NPT=$USER_PORT
  start_pair "$NODEPASS" "$type" "$tls" "$ECHO"; NPE=$USER_PORT
  r1=$(measureP "$RLT" 1); n1=$(measureP "$NPT" 1)
  r8=$(measureP "$RLT" 8); n8=$(measureP "$NPT" 8)
  read -r D50 D99 r50 r99 n50 n99 <<<"$(latency "$ECHO" "$RLE" "$NPE")"
  ceil=$CEIL_TLS; [ "$tls" = 0 ] && ceil=$CEIL_PLAIN
  printf '%-14s %8s %8s %7s   %8s %8s %7s %9s   %-22s %-22s\n' "${names[$type]} tls=$tls" "$r1" "$n1" \
    "$(ratio "$r1" "$n1")" "$r8" "$n8" "$(ratio "$r8" "$n8")" "$(pct "$r8" "$ceil")/$(pct "$n8" "$ceil")" \
    "$(python3 -c "print('+%.3f / +%.3f'%(float('$r50')-float('$D50'),float('$r99')-float('$D99')))")" \
    "$(python3 -c "print('+%.3f / +%.3f'%(float('$n50')-float('$D50'),float('$n99')-float('$D99')))")"
  # This row's processes go before the next row starts (the machine is small).
  for p in "${PIDS[@]:first}"; do kill "$p" 2>/dev/null || true; done
done
done
