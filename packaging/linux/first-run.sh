#!/usr/bin/env bash
# Runs inside Xvfb for packaging/build-deb.sh (with an empty HOME): starts the installed app, waits until it is
# ready and the picture settles, saves the first-run screenshot ($SHOT), clicks "Try with sample data" at
# ($SAMPLE_X, $SAMPLE_Y) and waits for the window title to name the sample files, then saves $SAMPLE_SHOT.
# Exit codes: 3 the app exited early, 4 it never got ready, 5 the sample did not open, 6 the window has no icon.
set -uo pipefail
: "${BIN:?}" "${SHOT:?}" "${SAMPLE_SHOT:?}" "${READY:?}" "${SAMPLE_X:?}" "${SAMPLE_Y:?}"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
cd "$HOME" || exit 1

# Started as the menu starts it: the desktop entry's `Exec=posrecon open %F` with no file.
POSRECON_READY_FILE="$READY" "$BIN" open &
app=$!
prev=""
for i in $(seq 1 90); do
    sleep 1
    kill -0 "$app" 2>/dev/null || { echo "the app exited early"; exit 3; }
    [ -e "$READY" ] || continue
    import -window root "$SHOT.tmp.png" 2>/dev/null || continue
    sum=$(identify -format "%#" "$SHOT.tmp.png")
    if [ "$i" -ge 4 ] && [ "$sum" = "$prev" ]; then break; fi
    prev=$sum
done
[ -e "$READY" ] || { echo "the app did not get ready"; kill "$app"; exit 4; }
mv "$SHOT.tmp.png" "$SHOT"

window=$(xdotool search --sync --pid "$app" | tail -1)
echo "window title: $(xdotool getwindowname "$window")"
echo "WM_CLASS:$(xprop -id "$window" WM_CLASS | cut -d= -f2)"
icon=$(xprop -id "$window" _NET_WM_ICON | head -1)
case "$icon" in *"Icon (64 x 64)"*) echo "window icon: 64x64" ;; *) echo "no window icon: $icon"; kill "$app"; exit 6 ;; esac
if [ -z "$(ls -A "$XDG_CONFIG_HOME" 2>/dev/null)" ]; then echo "nothing written to the config folder yet"; fi

xdotool mousemove --window "$window" "$SAMPLE_X" "$SAMPLE_Y" click 1
title=""
for _ in $(seq 1 90); do
    sleep 1
    title=$(xdotool getwindowname "$window")
    case "$title" in *terminal-log.csv*bank-statement.xlsx*) break ;; esac
done
sleep 3
import -window root "$SAMPLE_SHOT" 2>/dev/null
echo "window title after \"Try with sample data\": $title"
echo "sample copies: $(find "$XDG_DATA_HOME/posrecon/sample-data" -type f -printf '%f ' 2>/dev/null)"
kill "$app"
case "$title" in *terminal-log.csv*bank-statement.xlsx*) exit 0 ;; *) echo "the sample did not open"; exit 5 ;; esac
