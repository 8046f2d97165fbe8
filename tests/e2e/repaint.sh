#!/usr/bin/env bash
# End-to-end test of the console's partial repaint (src/app/partial_repaint.rs),
# on the real binary under its own Xvfb (Mesa's software OpenGL, no window
# manager), Module 5:
#   - the talk timer runs for six seconds and a button is hovered: those
#     frames are drawn by region (the app's repaint log says so) and the
#     timer's digits on screen move on;
#   - the timer is paused and the console is shot; then the window is
#     resized and resized back, which draws it whole, and shot again: the
#     two shots are the same, pixel for pixel. A region drawn wrong, a
#     shape left out or the kept frame put back upside down would differ;
#   - the same for a highlighter stroke on the preview that turns straight
#     back on itself (its join reaches past egui's bounds), and after the
#     ink is cleared.
# Screenshots go to $E2E_OUT (default target/e2e): repaint-regions.png
# (after the regions), repaint-whole.png (after the whole repaint) and
# repaint-ink-regions.png / repaint-ink-whole.png (the stroke).
#
#   cargo build --release && tests/e2e/repaint.sh
#
# Environment: CUECARD_BIN, E2E_OUT, E2E_START_TIMEOUT, E2E_STEP_TIMEOUT as
# for smoke.sh. Needs Xvfb, xdotool, x11-utils, imagemagick.
# Output: "ok - ..." / "not ok - ..." lines, then "N passed, M failed".

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

BIN=${CUECARD_BIN:-target/release/cuecard}
OUT=${E2E_OUT:-target/e2e}
START_TIMEOUT=${E2E_START_TIMEOUT:-30}
STEP_TIMEOUT=${E2E_STEP_TIMEOUT:-5}
DECK=decks/module5.ron

PASSED=0
FAILED=0
APP_PID=
XVFB_PID=
WORK=

cleanup() {
    local status=$?
    if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        sleep 0.5
        kill -9 "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    if [[ -n $XVFB_PID ]]; then
        kill "$XVFB_PID" 2>/dev/null || true
        wait "$XVFB_PID" 2>/dev/null || true
    fi
    if [[ -n $WORK ]]; then rm -rf "$WORK"; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# shellcheck source=tests/e2e/tap.sh
source tests/e2e/tap.sh

# shellcheck source=tests/e2e/lib.sh
source tests/e2e/lib.sh

# shoot_console PNG: the console window as it is on screen.
shoot_console() {
    import -window root "$WORK/root.png" 2>/dev/null &&
        convert "$WORK/root.png" -crop "$(geometry_of "$CONSOLE")" +repage "$1"
}

# How many console frames the log has drawn each way so far.
regions() { grep -c '^cuecard repaint: region' "$WORK/app.err" || true; }
wholes_for_size() { grep -c "^cuecard repaint: whole window (the window's size or scale changed)" "$WORK/app.err" || true; }

# whole_repaint: the console resized and resized back, which draws it whole.
whole_repaint() {
    xdotool windowsize "$CONSOLE" $((W - 40)) "$H"
    sleep 0.8
    xdotool windowsize "$CONSOLE" "$W" "$H"
    sleep 1.2
}

# differing_pixels A B: how many pixels differ at all.
differing_pixels() { compare -metric AE "$1" "$2" null: 2>&1 || true; }

# ---------------------------------------------------------------- setup

for tool in Xvfb xdotool xwininfo xdpyinfo import convert compare awk; do
    command -v "$tool" >/dev/null || bail "$tool is not installed"
done
[[ -x $BIN ]] || bail "no binary at $BIN (run: cargo build --release)"

mkdir -p "$OUT"
rm -f "$OUT"/repaint-*.png
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cuecard-e2e.XXXXXX")
mkdir -p "$WORK/runtime" "$WORK/home"
chmod 700 "$WORK/runtime"

start_xvfb 231 300 || bail "could not start Xvfb on any display :231..:300"
echo "# Xvfb on :$DISPLAY_NUM, binary $BIN, screenshots in $OUT"
export DISPLAY=:$DISPLAY_NUM
xdotool mousemove 1910 1070 2>/dev/null || true

env -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS -u CUECARD_FULL_REPAINT \
    HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/runtime" \
    XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share" \
    XDG_CACHE_HOME="$WORK/home/.cache" \
    DBUS_SESSION_BUS_ADDRESS="unix:path=$WORK/no-dbus" \
    CUECARD_REPAINT_LOG=1 \
    "$BIN" "$DECK" >"$WORK/app.out" 2>"$WORK/app.err" &
APP_PID=$!

CONSOLE=
AUDIENCE=
for _ in $(seq $((START_TIMEOUT * 4))); do
    app_alive || break
    CONSOLE=$(window_of cuecard)
    AUDIENCE=$(window_of cuecard-audience)
    [[ -n $CONSOLE && -n $AUDIENCE ]] && break
    sleep 0.25
done
[[ -n $CONSOLE && -n $AUDIENCE ]] || bail "both windows did not open within ${START_TIMEOUT}s"
ok "both windows open"
focus "$CONSOLE" || bail "the console does not take the keyboard"
sleep 1
read -r W H < <(geometry_of "$CONSOLE" | awk -F'[x+]' '{ print $1, $2 }')

# The wall clock on the console shows minutes: start early in a minute so
# that it does not turn over between the two shots (about 15 s apart).
while (($(date +%-S) > 35)); do sleep 1; done

shoot_console "$WORK/before.png"
before_regions=$(regions)

# ---------------------------------------------------------------- regions

key t
sleep 6.2
# Hover the first button of the top bar (it lights up), then leave it.
xdotool mousemove 40 47
sleep 0.7
xdotool mousemove $((W / 2)) $((H - 60))
sleep 0.7
key t
sleep 1.5
shoot_console "$OUT/repaint-regions.png"
drawn=$(($(regions) - before_regions))
check "the running timer and the hover were drawn by region ($drawn frames)" \
    test "$drawn" -ge 5
# The timer's digits moved on (a region that reached the screen).
top_band="$W"x60+0+0
moved=$(region_diff "$WORK/before.png" "$OUT/repaint-regions.png" "$top_band")
check "the timer on screen moved on (top band differs by $moved)" fx_true "$moved > 0.001"

# ---------------------------------------------------------------- whole

before_wholes=$(wholes_for_size)
whole_repaint
shoot_console "$OUT/repaint-whole.png"
check "the resize drew the console whole" test "$(($(wholes_for_size) - before_wholes))" -ge 2
differ=$(differing_pixels "$OUT/repaint-regions.png" "$OUT/repaint-whole.png")
check "drawn by regions and drawn whole, the console is the same ($differ pixels differ)" \
    test "$differ" = 0

# ---------------------------------------------------------------- ink

# A highlighter stroke on the console's preview that turns straight back
# (egui's join there reaches a whole stroke width past the points), drawn
# by regions, against the console drawn whole; then the ink cleared (E).
key ctrl+i
sleep 0.5
xdotool mousemove 100 300 mousedown 1
for x in $(seq 100 10 300) $(seq 300 -10 100); do xdotool mousemove "$x" 300; sleep 0.02; done
for y in $(seq 300 -10 200) $(seq 200 10 300); do xdotool mousemove 100 "$y"; sleep 0.02; done
xdotool mouseup 1
sleep 0.3
xdotool mousemove $((W / 2)) $((H - 60))
sleep 1
shoot_console "$OUT/repaint-ink-regions.png"
inked=$(region_diff "$OUT/repaint-whole.png" "$OUT/repaint-ink-regions.png" 300x200+50+150)
check "the highlighter drew on the preview (it differs by $inked)" fx_true "$inked > 0.01"
whole_repaint
shoot_console "$OUT/repaint-ink-whole.png"
differ=$(differing_pixels "$OUT/repaint-ink-regions.png" "$OUT/repaint-ink-whole.png")
check "a stroke there and back, drawn by regions and drawn whole, is the same ($differ pixels differ)" \
    test "$differ" = 0
key e
sleep 1
shoot_console "$WORK/erased-regions.png"
whole_repaint
shoot_console "$WORK/erased-whole.png"
differ=$(differing_pixels "$WORK/erased-regions.png" "$WORK/erased-whole.png")
check "the ink cleared leaves nothing behind ($differ pixels differ)" test "$differ" = 0

app_alive || bail "cuecard exited during the test"
summary
((FAILED == 0))
