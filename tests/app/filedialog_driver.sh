#!/bin/bash
# Runs inside xvfb-run for tst_app_filedialogs: starts the app (no tray: a plain X server, so Qt
# uses its own QML file dialog), then opens every file dialog of the app with the keyboard
# (xdotool), cancels or accepts it, and checks after each step that the app is alive and did
# what was asked. Prints MARK lines the test checks; the app's log goes to $ROUTELESS_DIALOG_LOG.
set -u
app="$1"
log="$ROUTELESS_DIALOG_LOG"
pause="${ROUTELESS_DIALOG_PAUSE:-1.5}"  # time for a dialog to open or close
wait_for() {  # wait_for PATTERN SECONDS
  for _ in $(seq 1 $(( $2 * 4 ))); do grep -q -- "$1" "$log" 2>/dev/null && return 0; sleep 0.25; done
  return 1
}
alive() { kill -0 "$app_pid" 2>/dev/null; }
key() { xdotool key --window "$win" "$@"; sleep 0.3; }
shot() { [ -n "${ROUTELESS_DIALOG_SHOTS:-}" ] && import -window root "$ROUTELESS_DIALOG_SHOTS/$1.png"; }
mark() { shot "$1"; alive && echo "MARK $1" || { echo "MARK app-died-at $1"; exit 1; }; }

"$app" --ui-port 0 >"$log" 2>&1 &
app_pid=$!
trap 'kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null' EXIT
wait_for 'first frame after' 30 || { echo "MARK no-first-frame"; exit 1; }
# By class: the title ("Connected — Routeless") is not ASCII, which xdotool's --name regex
# does not match in the C locale.
win=$(xdotool search --sync --onlyvisible --classname routeless | head -1)
xdotool windowfocus --sync "$win"
sleep 1
mark started

# Profiles > Import file…: cancelled, then accepted on the first file of the folder and its
# preview.
key ctrl+o; sleep "$pause"
key Escape; sleep "$pause"
mark import-cancelled
key ctrl+o; sleep "$pause"
key Return; sleep "$pause"
# The import's preview ("as a new profile" chosen); Return imports.
shot import-preview
key Return
wait_for 'imported 1 profile(s) from aaa-tunnels.txt' 15 && mark imported

# Logs > Save…: the suggested name, accepted with the dialog's Save button (Tab, Tab, Space).
key ctrl+4; sleep 0.5
key ctrl+s; sleep "$pause"
key Tab; key Tab; key space
wait_for "saved [0-9]* log line(s) to $HOME/routeless.log" 15 && mark log-saved

# Save… again: the suggested routeless.log now exists (the dialog's list selects it, Return takes
# it): the app asks before replacing it; declined first, then confirmed.
saves() { grep -c "saved [0-9]* log line(s) to $HOME/routeless.log" "$log"; }
key ctrl+s; sleep "$pause"
key Return; sleep "$pause"
shot replace-asked
key Escape; sleep "$pause"
[ "$(saves)" = 1 ] && mark replace-declined
key ctrl+s; sleep "$pause"
key Return; sleep "$pause"
key Return
for _ in $(seq 1 60); do [ "$(saves)" = 2 ] && break; sleep 0.25; done
[ "$(saves)" = 2 ] && mark replaced

# Profiles > Export (Ctrl+E, the shown profile) > Save to file… (Return) > Save.
key ctrl+e; sleep "$pause"
shot export-dialog
key Return; sleep "$pause"
shot export-file-dialog
key Tab; key Tab; key space
wait_for 'exported profile .* to ' 15 && mark exported

sleep 1
mark alive-at-end
kill "$app_pid"
wait "$app_pid"
echo "MARK exit $?"
trap - EXIT
