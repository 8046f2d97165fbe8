#!/usr/bin/env bash
# End-to-end smoke test of the real cuecard binary on a private X server.
#
# What it checks, on decks/module5.ron under its own Xvfb (one 1920x1080
# screen, no window manager):
#   - both windows open: the console ("<deck title> — slide 1/10") and the
#     audience window ("<deck title>", 960x540+960+0), and both paint;
#   - keys on the focused console: Right -> slide 2/10, Page Down held for
#     2 s -> 3/10 (auto-repeat moves one slide), End -> 10/10, and the
#     audience window follows (its picture changes);
#   - B blacks out the audience window, Esc brings the slide back;
#   - keys on the focused audience window: Left -> the console says 9/10;
#   - a close request (WM_DELETE_WINDOW) on the audience window does not quit
#     cuecard, and A on the console opens the audience window again, which
#     takes keys (needs python3 for
#     the close request, through ctypes and libX11; skipped without it);
#   - Ctrl+O on a system with no file dialog (no desktop portal) says so;
#   - Ctrl+Q on the console mid-talk asks first (cuecard keeps running);
#     Ctrl+Q again quits with exit status 0 within 10 s.
# Screenshots of each step go to $E2E_OUT (default target/e2e):
#   01-start.png 02-right.png 03-end.png 04-blackout.png 05-escape.png
#   06-audience-left.png 07-audience-closed.png 08-reopened.png
#   09-no-dialog.png 10-quit-asks.png
#
# How to run (from anywhere; the script works from the repository root):
#   cargo build --release && tests/e2e/smoke.sh
# Environment:
#   CUECARD_BIN         binary to test (default target/release/cuecard)
#   E2E_OUT             screenshot folder (default target/e2e)
#   E2E_START_TIMEOUT   seconds to wait for the windows (default 30)
#   E2E_STEP_TIMEOUT    seconds to wait for each key's effect (default 5)
# Needs: Xvfb (xvfb), xdotool, xwininfo and xdpyinfo (x11-utils), import and
# convert (imagemagick), Mesa's software GL (libgl1-mesa-dri); python3 only
# for the close-request step.
#
# Output: one "ok - ..." or "not ok - ..." line per check, then
# "N passed, M failed". Exit status 0 only if nothing failed.
#
# Notes on driving winit without a window manager: keyboard focus is given
# with `xdotool windowfocus` (windowactivate needs a WM) and keys are sent
# with plain `xdotool key` (XTEST); `xdotool key --window` uses XSendEvent,
# which winit ignores.

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

BIN=${CUECARD_BIN:-target/release/cuecard}
OUT=${E2E_OUT:-target/e2e}
START_TIMEOUT=${E2E_START_TIMEOUT:-30}
STEP_TIMEOUT=${E2E_STEP_TIMEOUT:-5}
DECK=decks/module5.ron
DECK_TITLE="Service Provider and Law Enforcement Collaboration"
SLIDES=10
CONSOLE_REGION=960x1080+0+0
AUDIENCE_REGION=960x540+960+0

PASSED=0
FAILED=0
APP_PID=
XVFB_PID=
WORK=

ok() { PASSED=$((PASSED + 1)); echo "ok - $*"; }
not_ok() { FAILED=$((FAILED + 1)); echo "not ok - $*"; }
check() { # check DESCRIPTION COMMAND...: runs the command, reports ok/not ok
    local what=$1
    shift
    if "$@"; then ok "$what"; else not_ok "$what"; fi
}
summary() { echo "$PASSED passed, $FAILED failed"; }
bail() { # a failure after which the remaining steps cannot run
    not_ok "$*"
    if [[ -n $WORK && -s $WORK/app.err ]]; then
        echo "# cuecard stderr:"
        sed 's/^/#   /' "$WORK/app.err" | tail -n 40
    fi
    summary
    exit 1
}

cleanup() {
    local status=$?
    if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        for _ in 1 2 3 4 5 6 7 8 9 10; do
            app_alive || break
            sleep 0.2
        done
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

# ---------------------------------------------------------------- helpers

# app_alive, window_of, title_of, wait_title, geometry_of, region_mean,
# region_diff, fx_true, focus, key.
# shellcheck source=tests/e2e/lib.sh
source tests/e2e/lib.sh

console_title() { echo "$DECK_TITLE — slide $1/$SLIDES"; }

shoot() { import -window root "$OUT/$1" 2>/dev/null; }

# shot_until NAME CONDITION [TIMEOUT]: screenshots to $OUT/NAME until the
# shell CONDITION (which may use $SHOT, the file) holds; the last shot stays.
shot_until() {
    local name=$1 condition=$2 tries=$((${3:-$STEP_TIMEOUT} * 3))
    SHOT=$OUT/$name
    while ((tries-- > 0)); do
        if shoot "$name" && eval "$condition"; then return 0; fi
        app_alive || return 1
        sleep 0.3
    done
    return 1
}

# send_close_request WINDOW: a WM_DELETE_WINDOW client message, as a window
# manager sends when the user clicks the close button.
send_close_request() {
    python3 - "$1" <<'PY'
import ctypes, ctypes.util, sys
x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XInternAtom.restype = ctypes.c_ulong
x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
x11.XSendEvent.restype = ctypes.c_int
x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
x11.XFlush.argtypes = [ctypes.c_void_p]
x11.XCloseDisplay.argtypes = [ctypes.c_void_p]

class XClientMessageEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong),
                ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]

class XEvent(ctypes.Union):
    _fields_ = [("xclient", XClientMessageEvent), ("pad", ctypes.c_long * 24)]

window = int(sys.argv[1], 0)
display = x11.XOpenDisplay(None)
if not display:
    sys.exit("cannot open the display")
event = XEvent()
event.xclient.type = 33  # ClientMessage
event.xclient.window = window
event.xclient.message_type = x11.XInternAtom(display, b"WM_PROTOCOLS", 0)
event.xclient.format = 32
event.xclient.data[0] = x11.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
event.xclient.data[1] = 0  # CurrentTime
if not x11.XSendEvent(display, window, 0, 0, ctypes.byref(event)):
    sys.exit("XSendEvent failed")
x11.XFlush(display)
x11.XCloseDisplay(display)
PY
}

# ---------------------------------------------------------------- setup

for tool in Xvfb xdotool xwininfo xdpyinfo import convert awk; do
    command -v "$tool" >/dev/null || bail "$tool is not installed (needs xvfb xdotool x11-utils imagemagick)"
done
[[ -x $BIN ]] || bail "no binary at $BIN (run: cargo build --release)"
[[ -f $DECK ]] || bail "no deck at $DECK"

mkdir -p "$OUT"
rm -f "$OUT"/0[0-9]-*.png
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cuecard-e2e.XXXXXX")
mkdir -p "$WORK/runtime" "$WORK/home"
chmod 700 "$WORK/runtime"

start_xvfb 90 160 || bail "could not start Xvfb on any display :90..:160 ($(tail -n 3 "$WORK/xvfb.log" 2>/dev/null))"
echo "# Xvfb on :$DISPLAY_NUM, binary $BIN, screenshots in $OUT"

export DISPLAY=:$DISPLAY_NUM
# Keep the pointer off both windows so hover does not change the pictures.
xdotool mousemove 1910 1070 2>/dev/null || true

# A private, empty environment: X11 only, no saved window state, no desktop
# theme or session bus from the calling session.
env -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
    HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/runtime" \
    XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share" \
    XDG_CACHE_HOME="$WORK/home/.cache" \
    DBUS_SESSION_BUS_ADDRESS="unix:path=$WORK/no-dbus" \
    "$BIN" "$DECK" >"$WORK/app.out" 2>"$WORK/app.err" &
APP_PID=$!

# ---------------------------------------------------------------- start

CONSOLE=
AUDIENCE=
for _ in $(seq $((START_TIMEOUT * 4))); do
    app_alive || break
    CONSOLE=$(window_of cuecard)
    AUDIENCE=$(window_of cuecard-audience)
    [[ -n $CONSOLE && -n $AUDIENCE ]] && break
    sleep 0.25
done
if ! app_alive; then
    status=0
    wait "$APP_PID" || status=$?
    APP_PID=
    bail "cuecard exited (status $status) before both windows opened"
fi
[[ -n $CONSOLE && -n $AUDIENCE ]] ||
    bail "both windows did not open within ${START_TIMEOUT}s (console: ${CONSOLE:-none}, audience: ${AUDIENCE:-none})"
ok "both windows open (console $CONSOLE, audience $AUDIENCE)"
# ICCCM: an instance to pick each window by, one class to group them under
# (the desktop entry's StartupWMClass).
check "console WM_CLASS is \"cuecard\", \"cuecard\"" \
    test "$(xprop -id "$CONSOLE" WM_CLASS)" = 'WM_CLASS(STRING) = "cuecard", "cuecard"'
check "audience WM_CLASS is \"cuecard-audience\", \"cuecard\"" \
    test "$(xprop -id "$AUDIENCE" WM_CLASS)" = 'WM_CLASS(STRING) = "cuecard-audience", "cuecard"'

check "console title reads slide 1/$SLIDES" wait_title "$CONSOLE" "$(console_title 1)"
check "audience title is the deck title" wait_title "$AUDIENCE" "$DECK_TITLE"
geometry=$(geometry_of "$AUDIENCE")
check "audience window is at $AUDIENCE_REGION (got $geometry)" test "$geometry" = "$AUDIENCE_REGION"

# The first frame with llvmpipe can be slow: wait for both windows to paint.
check "both windows paint (01-start.png)" shot_until 01-start.png \
    'fx_true "$(region_mean "$SHOT" "$AUDIENCE_REGION") > 0.2 && $(region_mean "$SHOT" "$CONSOLE_REGION") > 0.05"' \
    "$START_TIMEOUT"

# ---------------------------------------------------------------- console keys

check "console takes keyboard focus" focus "$CONSOLE"
key Right
check "Right on the console -> slide 2/$SLIDES" wait_title "$CONSOLE" "$(console_title 2)"
check "audience window shows a new slide (02-right.png)" shot_until 02-right.png \
    'fx_true "$(region_diff "$OUT/01-start.png" "$SHOT" "$AUDIENCE_REGION") > 0.01"'

# A clicker's button held down (auto-repeat) moves one slide, not a run.
xdotool keydown Next
sleep 2
xdotool keyup Next
sleep 1
check "Page Down held for 2 s -> slide 3/$SLIDES, one slide, not a run" \
    wait_title "$CONSOLE" "$(console_title 3)"

key End
check "End on the console -> slide $SLIDES/$SLIDES" wait_title "$CONSOLE" "$(console_title "$SLIDES")"
check "audience window shows the last slide, not black (03-end.png)" shot_until 03-end.png \
    'fx_true "$(region_diff "$OUT/02-right.png" "$SHOT" "$AUDIENCE_REGION") > 0.01 && $(region_mean "$SHOT" "$AUDIENCE_REGION") > 0.2"'

key b
check "B blacks out the audience window (04-blackout.png)" shot_until 04-blackout.png \
    'fx_true "$(region_mean "$SHOT" "$AUDIENCE_REGION") < 0.02"'
check "blackout does not black out the console" \
    fx_true "$(region_mean "$OUT/04-blackout.png" "$CONSOLE_REGION") > 0.05"

key Escape
check "Esc brings the slide back (05-escape.png)" shot_until 05-escape.png \
    'fx_true "$(region_mean "$SHOT" "$AUDIENCE_REGION") > 0.2"'
check "console title still reads $SLIDES/$SLIDES after B and Esc" \
    wait_title "$CONSOLE" "$(console_title "$SLIDES")"

# ---------------------------------------------------------------- audience keys

check "audience window takes keyboard focus" focus "$AUDIENCE"
key Left
check "Left on the audience window -> console reads slide $((SLIDES - 1))/$SLIDES" \
    wait_title "$CONSOLE" "$(console_title $((SLIDES - 1)))"
check "audience window shows that slide (06-audience-left.png)" shot_until 06-audience-left.png \
    'fx_true "$(region_diff "$OUT/05-escape.png" "$SHOT" "$AUDIENCE_REGION") > 0.01 && $(region_mean "$SHOT" "$AUDIENCE_REGION") > 0.2"'

# ---------------------------------------------------------------- close request

audience_gone() { [[ -z $(window_of cuecard-audience) ]]; }
wait_audience_gone() {
    local tries=$((STEP_TIMEOUT * 5))
    while ((tries-- > 0)); do
        audience_gone && return 0
        sleep 0.2
    done
    return 1
}
wait_audience_back() {
    local tries=$((STEP_TIMEOUT * 5))
    while ((tries-- > 0)); do
        AUDIENCE=$(window_of cuecard-audience)
        [[ -n $AUDIENCE ]] && return 0
        app_alive || return 1
        sleep 0.2
    done
    return 1
}

if ! command -v python3 >/dev/null; then
    echo "# skip - close request of the audience window: python3 not found"
else
    if ! send_close_request "$AUDIENCE"; then
        not_ok "send WM_DELETE_WINDOW to the audience window"
    else
        check "close request closes the audience window" wait_audience_gone
        sleep 0.5
        check "close request of the audience window does not quit cuecard" app_alive
        shoot 07-audience-closed.png
        focus "$CONSOLE" || true
        key a
        check "A on the console reopens the audience window" wait_audience_back
            if [[ -n $AUDIENCE ]]; then
                geometry=$(geometry_of "$AUDIENCE")
                check "reopened audience window is at $AUDIENCE_REGION (got $geometry)" \
                    test "$geometry" = "$AUDIENCE_REGION"
                check "reopened audience window shows the slide (08-reopened.png)" shot_until 08-reopened.png \
                    'fx_true "$(region_mean "$SHOT" "$AUDIENCE_REGION") > 0.2"'
                check "reopened audience window takes keyboard focus" focus "$AUDIENCE"
                key Right
                check "Right on the reopened audience window -> slide $SLIDES/$SLIDES" \
                    wait_title "$CONSOLE" "$(console_title "$SLIDES")"
            fi
    fi
fi

# ---------------------------------------------------------------- no file dialog

# This session has no desktop portal (its D-Bus address points nowhere):
# Ctrl+O must say so on the console (notices are also written to stderr),
# not silently do nothing.
if app_alive; then
    focus "$CONSOLE" || true
    key ctrl+o
    said_no_dialog() { grep -q "No file dialog opened" "$WORK/app.err"; }
    wait_no_dialog() {
        local tries=$((STEP_TIMEOUT * 5))
        while ((tries-- > 0)); do
            said_no_dialog && return 0
            sleep 0.2
        done
        return 1
    }
    check "Ctrl+O with no file dialog on the system says so (09-no-dialog.png)" wait_no_dialog
    shoot 09-no-dialog.png
fi

# ---------------------------------------------------------------- quit

if app_alive; then
    focus "$CONSOLE" || true
    key ctrl+q
    sleep 1
    check "Ctrl+Q mid-talk asks first: cuecard is still running (10-quit-asks.png)" app_alive
    shoot 10-quit-asks.png
    key ctrl+q
    for _ in $(seq 50); do
        app_alive || break
        sleep 0.2
    done
fi
if app_alive; then
    kill -9 "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
    not_ok "Ctrl+Q quits within 10 s (killed it)"
else
    status=0
    wait "$APP_PID" || status=$?
    APP_PID=
    check "Ctrl+Q quits with exit status 0 (got $status)" test "$status" -eq 0
fi

if ((FAILED > 0)) && [[ -s $WORK/app.err ]]; then
    echo "# cuecard stderr:"
    sed 's/^/#   /' "$WORK/app.err" | tail -n 40
fi
summary
((FAILED == 0))
