#!/usr/bin/env bash
# One TCP flow through the SOCKS5 proxy of one agent to a forward on another (client -> agent
# a's SOCKS5 on 127.0.0.1 -> a's stack -> manager -> b -> b's forward -> server), the target
# named by its mesh name (SOCKS5 with a domain, as `curl --socks5-hostname`), both directions,
# all in the same run:
#   direct     client -> server over plain loopback (the ceiling)
#   routeless  routeless-node mesh with routeless-agent agents
#   norouter   NoRouter 0.6.5's own manager and agents (ROUTELESS_PEER_NOROUTER; skipped if absent)
# and prints Mbit/s and the ratios (goal: routeless >= 8x NoRouter). The client and server are
# a small Python program (1 MiB writes), the same for every row. Not a test: figures drift
# with machine load; the ratios are what to read.
# usage: bench/mesh_socks.sh [build/bin] [seconds]
set -euo pipefail
BIN_DIR=$(realpath "${1:-build/bin}")
SECS=${2:-5}
NODE="$BIN_DIR/routeless-node"
AGENT="$BIN_DIR/routeless-agent"
NOROUTER=${ROUTELESS_PEER_NOROUTER:-$(dirname "$0")/../../shared/peers/norouter-0.6.5/norouter}
[ -x "$NOROUTER" ] || NOROUTER=/work/shared/peers/norouter-0.6.5/norouter
command -v python3 >/dev/null || { echo "python3 is needed"; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cp "$AGENT" "$work/routeless-agent"  # a rebuild during the run cannot change what is measured
[ -x "$NOROUTER" ] || NOROUTER=""

cat >"$work/flow.py" <<'PY'
# server PORT | client up|down HOST PORT SECS [SOCKS_HOST SOCKS_PORT]
import socket, struct, sys, threading, time
CHUNK = b"\x5a" * (1 << 20)
def serve(port):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port)); s.listen(16)
    while True:
        c, _ = s.accept(); threading.Thread(target=handle, args=(c,), daemon=True).start()
def handle(c):
    mode = c.recv(1)
    if mode == b"U":  # sink: count until EOF, answer the count
        n = 0
        while True:
            b = c.recv(1 << 20)
            if not b: break
            n += len(b)
        c.sendall(str(n).encode()); c.close()
    elif mode == b"D":  # source: send until the client closes
        try:
            while True: c.sendall(CHUNK)
        except OSError: pass
        c.close()
def connect(host, port, socks):
    if not socks: return socket.create_connection((host, port))
    c = socket.create_connection(socks, timeout=30)  # a proxy that never answers ends the row
    c.sendall(b"\x05\x01\x00"); assert c.recv(2) == b"\x05\x00"
    c.sendall(b"\x05\x01\x00\x03" + bytes([len(host)]) + host.encode() + struct.pack(">H", port))
    # The reply's BND.ADDR has the request's type: NoRouter (usocksd) echoes the domain, so
    # its reply is 7 + len(name) bytes, not 10; reading a fixed 10 bytes hung on short names.
    head = read_exactly(c, 5)
    assert head[:2] == b"\x05\x00", head
    rest = {1: 3 + 2, 3: head[4] + 2, 4: 15 + 2}[head[3]]
    read_exactly(c, rest)
    return c
def read_exactly(c, n):
    r = b""
    while len(r) < n:
        b = c.recv(n - len(r))
        if not b: raise OSError("proxy closed during the handshake")
        r += b
    return r
def client(mode, host, port, secs, socks):
    c = connect(host, port, socks)
    # A stalled path (NoRouter's was seen to stall on uploads) ends the row, not the run.
    c.settimeout(secs + 20)
    start = time.time(); n = 0
    if mode == "up":
        c.sendall(b"U")
        try:
            while time.time() - start < secs: n += c.send(CHUNK)
            c.shutdown(socket.SHUT_WR)
            n = int(c.recv(64) or b"0")
        except OSError:
            print("stalled after %d bytes" % n, file=sys.stderr)
        elapsed = time.time() - start
    else:
        c.sendall(b"D")
        while time.time() - start < secs:
            b = c.recv(1 << 20)
            if not b: break
            n += len(b)
        elapsed = time.time() - start
    c.close()
    print("%.0f" % (n * 8 / elapsed / 1e6))
if sys.argv[1] == "server": serve(int(sys.argv[2]))
else:
    socks = (sys.argv[6], int(sys.argv[7])) if len(sys.argv) > 7 else None
    client(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), socks)
PY

SERVER=$((20000 + RANDOM % 20000))
python3 "$work/flow.py" server "$SERVER" &
pids+=("$!")
sleep 0.5
declare -A RESULT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

run_mesh() {  # run_mesh NAME MANAGER-CMD...   (manifest in $work/NAME.yaml)
  local name=$1; shift
  local log="$work/$name.log"
  "$@" >"$log" 2>&1 &
  local pm=$!
  pids+=("$pm")
  for _ in $(seq 300); do grep -q "Ready: $VIP_A" "$log" && grep -q "Ready: $VIP_B" "$log" && break; sleep 0.1; done
  grep -q "Ready: $VIP_B" "$log" || { echo "$name: no Ready"; cat "$log"; return; }
  sleep 0.5
  for mode in up down; do
    local mbit
    mbit=$(python3 "$work/flow.py" client "$mode" hostb "$PORT" "$SECS" 127.0.0.1 "$SOCKS" || echo 0)
    RESULT["$name $mode"]=$mbit
    printf '%-10s %-4s: %8s Mbit/s\n' "$name" "$mode" "$mbit"
  done
  kill "$pm" 2>/dev/null || true
  wait "$pm" 2>/dev/null || true
  sleep 0.5
}

manifest() {  # manifest FILE CMD-A CMD-B
  # Names of at least three letters: NoRouter's SOCKS5 reply echoes the name (7 + length bytes)
  # and curl waits for a 10-byte reply, so with hosts `a`/`b` a curl through its mesh hung.
  cat >"$1" <<YAML
hostTemplate:
  stateDir: {disable: true}
  loopback: {disable: true}
hosts:
  hosta:
    vip: "$VIP_A"
    cmd: ["$2"]
    socks: {listen: "127.0.0.1:$SOCKS"}
  hostb:
    vip: "$VIP_B"
    cmd: ["$3"]
    ports: ["$PORT:127.0.0.1:$SERVER"]
YAML
}

for mode in up down; do
  RESULT["direct $mode"]=$(python3 "$work/flow.py" client "$mode" 127.0.0.1 "$SERVER" "$SECS")
  printf '%-10s %-4s: %8s Mbit/s\n' direct "$mode" "${RESULT["direct $mode"]}"
done

n=0
next_mesh() { n=$((n + 1)); VIP_A="127.0.47.$((2 * n))"; VIP_B="127.0.47.$((2 * n + 1))"; PORT=$((8000 + n)); SOCKS=$(free_port); }
next_mesh; manifest "$work/routeless.yaml" "$work/routeless-agent" "$work/routeless-agent"
run_mesh routeless "$NODE" mesh "$work/routeless.yaml"
if [ -n "$NOROUTER" ]; then
  next_mesh; manifest "$work/norouter.yaml" "$NOROUTER" "$NOROUTER"
  run_mesh norouter "$NOROUTER" "$work/norouter.yaml"
fi

for mode in up down; do
  r=${RESULT["routeless $mode"]:-0}
  line="routeless $mode: $(awk -v m="$r" -v d="${RESULT["direct $mode"]}" 'BEGIN{printf "%.3f", m/d}')x direct"
  [ -n "${RESULT["norouter $mode"]:-}" ] && line+=", $(awk -v m="$r" -v d="${RESULT["norouter $mode"]}" 'BEGIN{printf "%.1f", (d>0)?m/d:0}')x NoRouter (goal >= 8x)"
  echo "$line"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
