#!/bin/bash
# Runs inside xvfb-run for tst_app_tray: starts trayer (an XEmbed tray), the app, then opens
# the tray menu with xdotool, stops the demo's forward from its submenu and toggles the first
# profile twice. Prints MARK lines the test
# checks. Usage: tray_driver.sh APP LOG (the app's output goes to LOG, which the script watches).
set -u
app="$1"
log="$2"
wait_for() {  # wait_for PATTERN SECONDS
  for _ in $(seq 1 $(( $2 * 4 ))); do grep -q -- "$1" "$log" 2>/dev/null && return 0; sleep 0.25; done
  return 1
}
trayer --edge top --align left --widthtype request --height 32 --SetDockType false \
  --SetPartialStrut false --transparent false --expand false >/dev/null 2>&1 &
tray_pid=$!
sleep 1
"$app" --minimized >"$log" 2>&1 &
app_pid=$!
cleanup() { kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null; kill "$tray_pid" 2>/dev/null; wait "$tray_pid" 2>/dev/null; }
trap cleanup EXIT
wait_for 'is connected' 30 && echo "MARK connected-at-start"
sleep 1
# The demo's forward from its submenu: Up from the bottom (Quit, Show window, Open Logs) lands
# on it, Right opens it on Stop (Start is disabled while it runs), Return stops it.
xdotool mousemove 16 16 click 3
sleep 1
for _ in 1 2 3 4; do xdotool key Up; sleep 0.2; done
xdotool key Right
sleep 0.5
xdotool key Return
wait_for 'stopping forward beta/' 10 && echo "MARK forward-stop-requested"
wait_for 'msg="forward [0-9]*/tcp: stopped"' 10 && echo "MARK forward-stopped"
grep -q 'restarting with its new' "$log" || echo "MARK no-restart"
sleep 1
toggle() {
  xdotool mousemove 16 16 click 3
  sleep 1
  xdotool key Down
  sleep 0.3
  xdotool key Return
}
toggle
wait_for 'Disconnected. Nothing is running' 10 && echo "MARK disconnected-by-tray"
wait_for 'icon shows Idle' 5 && echo "MARK icon-idle"
toggle
sleep 0.5
n=$(grep -c 'connecting profile "Local demo"' "$log")
[ "$n" -ge 2 ] && echo "MARK reconnect-requested"
for _ in $(seq 1 80); do [ "$(grep -c 'is connected' "$log")" -ge 2 ] && break; sleep 0.25; done
[ "$(grep -c 'is connected' "$log")" -ge 2 ] && echo "MARK connected-by-tray"
kill "$app_pid" 2>/dev/null
wait "$app_pid" 2>/dev/null
echo "MARK done"
