#!/usr/bin/env bash
# M-PROXY relay benchmark: TCP through `routeless-node relay` + `relay-device` (all on
# loopback) against direct loopback, measured in the same run, printed as ratios.
#   1 stream each way, 50 parallel streams each way (iperf3), and the round-trip time of small
#   messages (python3). Usage: bench/mproxy.sh [BUILD_DIR]   (default: build-mproxy)
#   BENCH_SECONDS=N sets the length of each iperf3 run (default 5).
# Never part of the timed tests. Needs iperf3 and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build-mproxy}
NODE="$PWD/$BUILD/bin/routeless-node"
SECS=${BENCH_SECONDS:-5}
[ -x "$NODE" ] || { echo "no $NODE (build first: cmake --build $BUILD)"; exit 1; }
command -v iperf3 >/dev/null || { echo "iperf3 is needed"; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$1),0.2)" 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened"; exit 1; }

IPERF=$(free_port); ECHO=$(free_port); LINK=$(free_port); RIPERF=$(free_port); RECHO=$(free_port)
umask 077
echo "bench-token-$RANDOM$RANDOM" > "$work/token"

iperf3 -s -p "$IPERF" >/dev/null 2>&1 & pids+=($!)
python3 - "$ECHO" <<'EOF' & pids+=($!)
import socket, sys, threading
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", int(sys.argv[1]))); srv.listen(64)
def serve(c):
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    while True:
        b = c.recv(65536)
        if not b: break
        c.sendall(b)
    c.close()
while True:
    c, _ = srv.accept(); threading.Thread(target=serve, args=(c,), daemon=True).start()
EOF
"$NODE" relay --listen "127.0.0.1:$LINK" --token-file "$work/token" \
  --map "$RIPERF=bench" --map "$RECHO=bench" >"$work/relay.log" 2>&1 & pids+=($!)
wait_port "$LINK"
"$NODE" relay-device --relay "ws://127.0.0.1:$LINK" --token-file "$work/token" --name bench \
  --target "$RIPERF=127.0.0.1:$IPERF" --target "$RECHO=127.0.0.1:$ECHO" >"$work/device.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do grep -q "linked to" "$work/device.log" && break; sleep 0.1; done
grep -q "linked to" "$work/device.log" || { cat "$work/relay.log" "$work/device.log"; exit 1; }
wait_port "$IPERF"; wait_port "$ECHO"

# iperf3 -> Gbit/s received
gbps() {
  iperf3 -c 127.0.0.1 -p "$1" -t "$SECS" -J "${@:2}" > "$work/iperf.json" 2>/dev/null || true
  python3 -c '
import json,sys
try:
  d=json.load(open(sys.argv[1])); print("%.2f" % (d["end"]["sum_received"]["bits_per_second"]/1e9))
except Exception: print("nan")' "$work/iperf.json"
}
# median round trip of a 64-byte message, in microseconds
rtt() {
  python3 - "$1" <<'EOF'
import socket, sys, time, statistics
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
msg = b"x" * 64; samples = []
for i in range(2000):
    t = time.perf_counter(); s.sendall(msg); got = 0
    while got < len(msg): got += len(s.recv(65536))
    if i >= 100: samples.append(time.perf_counter() - t)
print("%.0f" % (statistics.median(samples) * 1e6))
EOF
}
ratio() { python3 -c 'import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print("%.0f%%" % (100*a/b) if b==b and b>0 and a==a else "n/a")' "$1" "$2"; }

echo "M-PROXY relay benchmark ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), ${SECS}s per run)"
printf '%-34s %12s %12s %8s\n' "test" "direct" "relay" "ratio"
row() { printf '%-34s %12s %12s %8s\n' "$1" "$2" "$3" "$4"; }
d=$(gbps "$IPERF");            r=$(gbps "$RIPERF");            row "1 stream, client->target (Gbit/s)" "$d" "$r" "$(ratio "$r" "$d")"
d=$(gbps "$IPERF" -R);         r=$(gbps "$RIPERF" -R);         row "1 stream, target->client (Gbit/s)" "$d" "$r" "$(ratio "$r" "$d")"
d=$(gbps "$IPERF" -P 50);      r=$(gbps "$RIPERF" -P 50);      row "50 streams, client->target (Gbit/s)" "$d" "$r" "$(ratio "$r" "$d")"
d=$(gbps "$IPERF" -P 50 -R);   r=$(gbps "$RIPERF" -P 50 -R);   row "50 streams, target->client (Gbit/s)" "$d" "$r" "$(ratio "$r" "$d")"
d=$(rtt "$ECHO");              r=$(rtt "$RECHO");              row "64-byte round trip, median (us)" "$d" "$r" "$(ratio "$r" "$d")"
echo "(client->target: the relay sends to the device unmasked; target->client: the device is the"
echo " WebSocket client and Qt masks and unmasks every byte of that direction)"
