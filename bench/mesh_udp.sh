#!/usr/bin/env bash
# Datagram throughput of one UDP flow through two mesh agents connected back to back (A's
# stdout -> B's stdin and back, as bench/mesh_agents.sh; a manager would add one copy per
# frame) against the same echo reached directly on loopback, in the same run: a sender keeps
# WINDOW datagrams of SIZE bytes in flight to a UDP echo and counts what comes back.
#   sender -> A's host socket on VIP_B:PORT -> lwIP A -> pipe -> lwIP B -> B's flow socket
#   -> echo on 127.0.0.1:BACK, and the answer the same way back.
# usage: bench/mesh_udp.sh [path/to/routeless-agent] [seconds] [size] [window]
set -euo pipefail
BIN=${1:-build/bin/routeless-agent}
SECS=${2:-5}
SIZE=${3:-1200}
WINDOW=${4:-32}
VIP_A=${VIP_A:-127.0.46.1}
VIP_B=${VIP_B:-127.0.46.2}
PORT=${PORT:-$((20000 + RANDOM % 20000))}
BACK=$((PORT + 1))
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cat >"$work/echo.py" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
s.bind(("127.0.0.1", int(sys.argv[1])))
while True:
    d, a = s.recvfrom(65536)
    s.sendto(d, a)
PY
cat >"$work/send.py" <<'PY'
import socket, sys, time, select
ip, port, secs, size, window = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
s.connect((ip, port))
payload = b"x" * size
for _ in range(50):  # the first datagram opens the flow
    s.send(payload)
    if select.select([s], [], [], 0.2)[0]:
        s.recv(65536); break
sent = got = lost = 0
end = time.monotonic() + secs
start = time.monotonic()
while time.monotonic() < end:
    while sent - got - lost < window:
        s.send(payload); sent += 1
    if select.select([s], [], [], 0.05)[0]:
        while True:
            try:
                s.recv(65536, socket.MSG_DONTWAIT); got += 1
            except BlockingIOError:
                break
    else:
        lost = sent - got  # nothing for 50 ms: count what is in flight lost, refill the window
elapsed = time.monotonic() - start
print(f"{got / elapsed:.0f} {got * size * 8 / elapsed / 1e6:.1f} {lost}")
PY
python3 "$work/echo.py" "$BACK" &
pids+=("$!")
A="{\"me\":\"$VIP_A\",\"udpOthers\":[{\"ip\":\"$VIP_B\",\"port\":$PORT,\"proto\":\"udp\"}]}"
B="{\"me\":\"$VIP_B\",\"udpForwards\":[{\"listen_port\":$PORT,\"connect_ip\":\"127.0.0.1\",\"connect_port\":$BACK,\"proto\":\"udp\"}],\"loopback\":{\"disable\":true}}"
mkfifo "$work/a2b" "$work/b2a"
"$BIN" agent --automated --debug-init-config "$A" <>"$work/b2a" >"$work/a2b" 2>"$work/a.log" &
pa=$!
"$BIN" agent --automated --debug-init-config "$B" <"$work/a2b" >"$work/b2a" 2>"$work/b.log" &
pb=$!
pids+=("$pa" "$pb")
sleep 0.7

read -r dps mbps dlost < <(python3 "$work/send.py" 127.0.0.1 "$BACK" "$SECS" "$SIZE" "$WINDOW")
read -r mdps mmbps mlost < <(python3 "$work/send.py" "$VIP_B" "$PORT" "$SECS" "$SIZE" "$WINDOW")
echo "datagrams of $SIZE B, $WINDOW in flight, ${SECS}s each:"
echo "direct loopback echo: $dps datagrams/s ($mbps Mbit/s each way, $dlost lost)"
echo "through two agents:   $mdps datagrams/s ($mmbps Mbit/s each way, $mlost lost)"
awk -v m="$mdps" -v d="$dps" 'BEGIN { printf "ratio mesh/direct: %.2f\n", (d > 0 ? m / d : 0) }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (the Python sender and echo bound both figures)"
