#!/usr/bin/env bash
# Connect-to-Ready time of a zero-install host on a bare root (busybox-static only, entered with
# `unshare -r --root` as tests/integration/tst_zeroinstall.cpp does): `routeless-node mesh` is
# started, and the time until it logs "Ready: VIP" is taken. First start: the host has no agent
# and gets it uploaded; second start, same root: the cached copy is used. Both in the same run,
# for ROUNDS fresh roots; the ratio is second / first.
# usage: bench/zeroinstall_ready.sh [path/to/routeless-node] [rounds]
# (the agent builds are looked up as the node does: ../share/routeless/agents beside it, or
# ROUTELESS_AGENTS_DIR; `cmake --build build --target routeless-node routeless-agent-native`)
set -euo pipefail
NODE=$(readlink -f "${1:-build/bin/routeless-node}")
ROUNDS=${2:-5}
BUSYBOX=${BUSYBOX:-/bin/busybox}
[ -x "$NODE" ] || { echo "no routeless-node at $NODE"; exit 1; }
[ -x "$BUSYBOX" ] || { echo "busybox-static is needed at $BUSYBOX (.ci/setup installs it)"; exit 1; }
unshare -r true 2>/dev/null || { echo "\`unshare -r\` is not allowed here (user namespaces)"; exit 1; }
work=$(mktemp -d)
mesh_pid=
cleanup() {
  if [ -n "$mesh_pid" ]; then kill "$mesh_pid" 2>/dev/null || true; wait "$mesh_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
VIP=127.81.$(($$ % 250)).1

bare_root() {  # a root holding busybox and its applets, and an empty home
  local root=$1
  mkdir -p "$root/bin" "$root/home/bare"
  cp "$BUSYBOX" "$root/bin/busybox"
  for a in sh cat mkdir chmod mv rm wc uname env sha256sum head; do ln -s busybox "$root/bin/$a"; done
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Starts the mesh on manifest $1, logging to $2; prints the ms until the host is Ready.
ready_ms() {
  local manifest=$1 log=$2 t0 t
  : >"$log"
  t0=$(now_ms)
  "$NODE" mesh "$manifest" >"$log" 2>&1 &
  mesh_pid=$!
  while ! grep -q "Ready: $VIP " "$log"; do
    if ! kill -0 "$mesh_pid" 2>/dev/null; then echo "mesh exited; its log:" >&2; cat "$log" >&2; exit 1; fi
    t=$(now_ms)
    if [ $((t - t0)) -gt 120000 ]; then echo "not Ready in 120 s; log:" >&2; cat "$log" >&2; exit 1; fi
    sleep 0.005
  done
  t=$(now_ms)
  kill "$mesh_pid"; wait "$mesh_pid" 2>/dev/null || true
  mesh_pid=
  echo $((t - t0))
}

firsts=() seconds=()
for r in $(seq 1 "$ROUNDS"); do
  root=$work/root$r
  bare_root "$root"
  cat >"$work/mesh$r.yaml" <<EOF
hostTemplate:
  stateDir: {disable: true}
hosts:
  bare:
    vip: "$VIP"
    cmd: ["unshare", "-r", "--root=$root", "env", "HOME=/home/bare", "routeless-agent"]
    zeroInstall: true
    loopback: {disable: true}
EOF
  first=$(ready_ms "$work/mesh$r.yaml" "$work/first$r.log")
  grep -q "agent uploaded" "$work/first$r.log" || { echo "round $r: first start did not upload" >&2; cat "$work/first$r.log" >&2; exit 1; }
  second=$(ready_ms "$work/mesh$r.yaml" "$work/second$r.log")
  grep -q "agent cached" "$work/second$r.log" || { echo "round $r: second start did not use the cache" >&2; cat "$work/second$r.log" >&2; exit 1; }
  firsts+=("$first") seconds+=("$second")
  echo "round $r: first start (upload) $first ms, second start (cached) $second ms, ratio $(awk -v a="$second" -v b="$first" 'BEGIN{printf "%.2f", a/b}')"
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}'; }
mf=$(median "${firsts[@]}") ms=$(median "${seconds[@]}")
size=$(stat -c %s "$(dirname "$NODE")/../share/routeless/agents/linux-$(uname -m)/routeless-agent" 2>/dev/null || echo "?")
echo "median of $ROUNDS: first (upload of $size bytes) $mf ms, second (cached) $ms ms, ratio second/first $(awk -v a="$ms" -v b="$mf" 'BEGIN{printf "%.2f", a/b}')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (other work on the machine skews the figures)"
