#!/usr/bin/env bash
# End-to-end test of window placement on real X11 monitors.
#
# Runs the real cuecard binary on decks/module5.ron under Xorg with the dummy
# driver (through ../shared/tools/xmonitors: RandR outputs DUMMY0..15 that
# are switched on and off like cables) and openbox (for full screen), a fresh
# Xorg, openbox and cuecard with empty settings for each scenario:
#   2mon-right  laptop 1366x768 (DUMMY0, primary) and a 1920x1080 projector
#               right of it: the audience window is full screen on the
#               projector (1920x1080+1366+0) within $E2E_START_TIMEOUT s and
#               the console's outer frame (window-manager frame included) lies
#               inside the laptop's 1366x768+0+0;
#               projector unplugged: within 2 s the audience window covers
#               none of the console (not viewable, or no overlap) and cuecard
#               still runs; replugged: within 3 s the audience window is full
#               screen on the projector again and the console still inside the
#               laptop; all of that twice (egui skips viewport commands it
#               sent before, so the second cycle catches that);
#               then three 0.2 s cable blips (faster than cuecard's reading):
#               within 4 s the audience is back full screen on the projector;
#   2mon-left   the projector left of the laptop (xrandr puts it at x=0 and
#               the laptop at x=1920): audience full screen on the projector,
#               console inside the laptop; after a 0.2 s blip (which moves
#               the laptop's coordinates) the same again within 4 s;
#   swap        S on the console: audience on the laptop, console on the
#               projector; the projector unplugged: the audience covers none
#               of the console within 2 s; replugged: the swapped layout again;
#   duplicate   the projector showing the laptop's screen (both at 0,0): the
#               slides cover none of the console (side by side); extended:
#               full screen on the projector; duplicate again mid-talk: side
#               by side again;
#   dock        laptop plus externals 1920x1080 and 2560x1440 to its right:
#               audience full screen on an external (the largest expected),
#               console inside the laptop; the external holding the audience
#               unplugged: within 3 s the audience is full screen on the other;
#               that one unplugged too: within 2 s the audience covers none of
#               the console; one plugged in again: within 3 s full screen on it;
#   1mon        one 1920x1080 monitor: console and audience side by side (the
#               rehearsal layout), no overlap, both inside the screen; then a
#               projector plugged in: within 3 s the audience is full screen
#               on it and the console inside the first monitor;
#   1mon-200    the same monitor at 200% (WINIT_X11_SCALE_FACTOR=2): side by
#               side without overlap though the console's usual minimum size
#               is larger than half the screen.
# A check that waits passes only once its condition has held for
# $E2E_HOLD s in a row (right after an unplug the old geometry lasts a moment
# before openbox moves the windows). Monitor rectangles are read from
# `xrandr --listmonitors`, never assumed. Every "not ok" line gives what was
# measured; a scenario with a failure prints the end of cuecard's stderr.
#
# Screenshots go to $E2E_OUT (default target/e2e/screens), named scenario and
# step: 2mon-right-1-start.png 2mon-right-2-unplugged.png
#   2mon-right-3-replugged.png 2mon-right-4-unplugged-again.png
#   2mon-right-5-replugged-again.png 2mon-left-1-start.png dock-1-start.png
#   dock-2-unplugged.png dock-3-laptop-only.png dock-4-one-back.png
#   1mon-1-start.png 1mon-2-projector-plugged-in.png 1mon-200-1-start.png
#
# How to run (as root: Xorg needs it here; from anywhere, the script works
# from the repository root):
#   cargo build --release && tests/e2e/screens.sh
# Environment:
#   CUECARD_BIN         binary to test (default target/release/cuecard)
#   E2E_OUT             screenshot folder (default target/e2e/screens)
#   E2E_START_TIMEOUT   seconds to wait for the windows' first placement
#                       (default 30)
#   E2E_HOLD            seconds a waited-for condition must hold (default 1)
#   E2E_XMONITORS       the xmonitors tool (default ../shared/tools/xmonitors
#                       beside the repository, else the copy in tests/e2e)
# Needs: xserver-xorg-core xserver-xorg-video-dummy x11-xserver-utils xcvt
# (cvt, used by xmonitors for new modes) openbox x11-utils xdotool
# imagemagick, Mesa's software GL (libgl1-mesa-dri).
#
# Output: one "ok - ..." or "not ok - ..." line per check, "# ..." comments,
# then "N passed, M failed". Exit status 0 only if nothing failed.
#
# Notes: cvt rounds widths to multiples of 8 (1366 becomes 1368), so the
# laptop gets a hand-written 1366x768 mode. Geometry comes from xwininfo: a
# client window's "Absolute upper-left" is its client area; the outer frame
# is its top-level ancestor (openbox's frame window).

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

BIN=${CUECARD_BIN:-target/release/cuecard}
OUT=${E2E_OUT:-target/e2e/screens}
START_TIMEOUT=${E2E_START_TIMEOUT:-30}
HOLD=${E2E_HOLD:-1}
DECK=decks/module5.ron
XMONITORS=${E2E_XMONITORS:-}
if [[ -z $XMONITORS ]]; then
    if [[ -x ../shared/tools/xmonitors ]]; then
        XMONITORS=$(cd ../shared/tools && pwd)/xmonitors
    else
        # A copy kept with the tests, for a checkout without the team's tools.
        XMONITORS=$PWD/tests/e2e/xmonitors
    fi
fi

PASSED=0
FAILED=0
APP_PID=
WM_PID=
DISPLAY_NUM=
WORK=
SCENARIO=
APP_SCALE=
SCENARIO_DIR=
DETAIL=

ok() { PASSED=$((PASSED + 1)); echo "ok - $*"; }
not_ok() { FAILED=$((FAILED + 1)); echo "not ok - $*"; }
summary() { echo "$PASSED passed, $FAILED failed"; }
note() { echo "# $*"; }
app_stderr() {
    if [[ -n $SCENARIO_DIR && -s $SCENARIO_DIR/app.err ]]; then
        echo "# cuecard stderr ($SCENARIO, last 30 lines):"
        tail -n 30 "$SCENARIO_DIR/app.err" | sed 's/^/#   /'
    fi
}
bail() { # a failure after which nothing else can run
    not_ok "$*"
    app_stderr
    summary
    exit 1
}

# app_alive, window_of and the other helpers shared with smoke.sh.
# shellcheck source=tests/e2e/lib.sh
source tests/e2e/lib.sh

stop_pid() { # stop_pid PID: TERM, up to 2 s, then KILL; reaps it
    local pid=$1
    [[ -n $pid ]] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 20); do
            kill -0 "$pid" 2>/dev/null || break
            [[ $(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null) == Z ]] && break
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

stop_app() { stop_pid "$APP_PID"; APP_PID=; }

stop_server() { # the app, openbox, then Xorg (and wait for its socket to go)
    stop_app
    stop_pid "$WM_PID"
    WM_PID=
    if [[ -n $DISPLAY_NUM ]]; then
        XMONITORS_STATE=$WORK/xmonitors "$XMONITORS" down ":$DISPLAY_NUM" >/dev/null 2>&1 || true
        for _ in $(seq 50); do
            [[ -e /tmp/.X11-unix/X$DISPLAY_NUM ]] || break
            sleep 0.1
        done
        DISPLAY_NUM=
    fi
}

cleanup() {
    local status=$?
    stop_server
    if [[ -n $WORK ]]; then rm -rf "$WORK"; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# ---------------------------------------------------------------- rectangles
# A rectangle is "W H X Y" (X and Y may be negative).

fmt() { # fmt "W H X Y" -> WxH+X+Y
    [[ -n ${1:-} ]] || { echo "none"; return 0; }
    local w h x y
    read -r w h x y <<<"$1"
    printf '%dx%d%+d%+d\n' "$w" "$h" "$x" "$y"
}

inside() { # inside A B: rectangle A lies entirely within B
    local aw ah ax ay bw bh bx by
    read -r aw ah ax ay <<<"$1"
    read -r bw bh bx by <<<"$2"
    [[ -n $aw && -n $bw ]] || return 1
    ((ax >= bx && ay >= by && ax + aw <= bx + bw && ay + ah <= by + bh))
}

overlap() { # overlap A B: the rectangles share at least one pixel
    local aw ah ax ay bw bh bx by
    read -r aw ah ax ay <<<"$1"
    read -r bw bh bx by <<<"$2"
    [[ -n $aw && -n $bw ]] || return 1
    ((ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah))
}

# ---------------------------------------------------------------- monitors

declare -A MON=()

read_monitors() { # fills MON[DUMMYn]="W H X Y" from xrandr --listmonitors
    MON=()
    local name w h x y
    while read -r name w h x y; do
        MON[$name]="$w $h $((x)) $((y))"
    done < <(xrandr --listmonitors 2>/dev/null | sed -nE \
        's#^ *[0-9]+: [+*]*([^ ]+) ([0-9]+)/[0-9]+x([0-9]+)/[0-9]+([+-][0-9]+)([+-][0-9]+).*#\1 \2 \3 \4 \5#p')
}

monitors_line() {
    local name out=
    for name in $(printf '%s\n' "${!MON[@]}" | sort); do
        out+=" $name $(fmt "${MON[$name]}")"
    done
    echo "monitors:${out:- none}"
}

xm() { XMONITORS_STATE=$WORK/xmonitors "$XMONITORS" "$@" >>"$WORK/xmonitors.log" 2>&1; }

plug() { # plug I WxH [--left-of J|--right-of J]
    local i=$1 size=$2
    shift 2
    xm plug ":$DISPLAY_NUM" "$i" "$size" "$@"
}
unplug() { xm unplug ":$DISPLAY_NUM" "$1"; }

# start_server WxH: Xorg on a free display from :20 up with DUMMY0 at that
# size (primary, at 0,0), then openbox on it.
start_server() {
    local size=$1 n
    DISPLAY_NUM=
    for n in $(seq 20 99); do
        [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] && continue
        if xm up ":$n" "$size" && DISPLAY=:$n xrandr --listmonitors >/dev/null 2>&1; then
            DISPLAY_NUM=$n
            break
        fi
        xm down ":$n" || true
    done
    [[ -n $DISPLAY_NUM ]] || return 1
    export DISPLAY=:$DISPLAY_NUM
    if [[ $size == 1366x768 ]]; then
        # cvt makes 1368x768 of it; a laptop panel's real 1366x768 timings:
        xrandr --newmode 1366x768_e2e 85.50 1366 1436 1579 1792 768 771 774 798 +hsync +vsync 2>/dev/null || true
        xrandr --addmode DUMMY0 1366x768_e2e 2>/dev/null || true
        xrandr --output DUMMY0 --mode 1366x768_e2e --pos 0x0 --primary 2>/dev/null ||
            note "could not set an exact 1366x768 mode; the laptop keeps cvt's"
    fi
}

start_wm() {
    private_env openbox --sm-disable >"$SCENARIO_DIR/openbox.log" 2>&1 &
    WM_PID=$!
    for _ in $(seq 50); do
        if xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id'; then
            return 0
        fi
        kill -0 "$WM_PID" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# A private, empty environment: X11 only, no saved window state, no desktop
# theme or session bus from the calling session.
private_env() {
    env -u WAYLAND_DISPLAY \
        HOME="$SCENARIO_DIR/home" XDG_RUNTIME_DIR="$SCENARIO_DIR/runtime" \
        XDG_CONFIG_HOME="$SCENARIO_DIR/home/.config" \
        XDG_DATA_HOME="$SCENARIO_DIR/home/.local/share" \
        XDG_CACHE_HOME="$SCENARIO_DIR/home/.cache" \
        XDG_STATE_HOME="$SCENARIO_DIR/home/.local/state" \
        DBUS_SESSION_BUS_ADDRESS="unix:path=$SCENARIO_DIR/no-dbus" \
        CUECARD_LOG_SCREENS=1 ${APP_SCALE:+WINIT_X11_SCALE_FACTOR=$APP_SCALE} \
        DISPLAY="$DISPLAY" "$@"
}

# ---------------------------------------------------------------- windows

# rect_of WINDOW [border]: "W H X Y" on the root (client area; with
# "border", the X border included); nothing if the window is gone.
rect_of() {
    xwininfo -id "$1" 2>/dev/null | awk -v border="${2:-}" '
        /Absolute upper-left X/ { x = $NF } /Absolute upper-left Y/ { y = $NF }
        /Border width/ { b = $NF } /^ *Width:/ { w = $NF } /^ *Height:/ { h = $NF }
        END { if (w == "") exit; if (border == "") b = 0
              printf "%d %d %d %d\n", w + 2 * b, h + 2 * b, x - b, y - b }'
}

# frame_of WINDOW: its top-level ancestor (the window manager's frame).
frame_of() {
    local id=$1 info parent root
    while :; do
        info=$(xwininfo -children -id "$id" 2>/dev/null) || break
        root=$(awk '/Root window id:/ { print $4; exit }' <<<"$info")
        parent=$(awk '/Parent window id:/ { print $4; exit }' <<<"$info")
        [[ -n $parent && $parent != "$root" ]] || break
        id=$parent
    done
    echo "$id"
}

outer_rect() { rect_of "$(frame_of "$1")" border; }

wm_state() { # the _NET_WM_STATE atoms, short ("-" for none)
    local state
    state=$(xprop -id "$1" _NET_WM_STATE 2>/dev/null |
        sed -e 's/.*= *//' -e 's/_NET_WM_STATE_//g' -e 's/.*not found.*//' -e 's/, /,/g')
    echo "${state:--}"
}

asked_size() { # the size the window asked for (WM_NORMAL_HINTS), WxH
    xprop -id "$1" WM_NORMAL_HINTS 2>/dev/null |
        awk '/specified size:/ && !/minimum|maximum/ { print $(NF - 2) "x" $NF; exit }'
}

CONSOLE=
AUDIENCE=
find_windows() {
    CONSOLE=$(window_of cuecard)
    AUDIENCE=$(window_of cuecard-audience)
}

describe_console() {
    if [[ -z $CONSOLE ]]; then echo "console not viewable"; return 0; fi
    echo "console client $(fmt "$(rect_of "$CONSOLE")") frame $(fmt "$(outer_rect "$CONSOLE")") state $(wm_state "$CONSOLE")"
}
describe_audience() {
    if [[ -z $AUDIENCE ]]; then echo "audience not viewable"; return 0; fi
    echo "audience client $(fmt "$(rect_of "$AUDIENCE")") frame $(fmt "$(outer_rect "$AUDIENCE")") state $(wm_state "$AUDIENCE")"
}

# ---------------------------------------------------------------- conditions
# Each sets DETAIL to what it measured, for the report.

cond_both_open() {
    find_windows
    DETAIL="console ${CONSOLE:-none}, audience ${AUDIENCE:-none}"
    [[ -n $CONSOLE && -n $AUDIENCE ]]
}

# The audience's client area is exactly that monitor's rectangle.
cond_audience_full_on() {
    local name=$1
    read_monitors
    find_windows
    DETAIL="$(describe_audience); $name $(fmt "${MON[$name]:-}"); $(monitors_line)"
    [[ -n $AUDIENCE && -n ${MON[$name]:-} && $(rect_of "$AUDIENCE") == "${MON[$name]}" ]]
}

# The audience is full screen on one of the given outputs; AUDIENCE_ON says which.
AUDIENCE_ON=
cond_audience_full_on_any() {
    local name rect
    AUDIENCE_ON=
    read_monitors
    find_windows
    DETAIL="$(describe_audience); $(monitors_line)"
    [[ -n $AUDIENCE ]] || return 1
    rect=$(rect_of "$AUDIENCE")
    for name in "$@"; do
        if [[ -n ${MON[$name]:-} && $rect == "${MON[$name]}" ]]; then
            AUDIENCE_ON=$name
            return 0
        fi
    done
    return 1
}

# The console's whole outer frame lies within that monitor.
cond_console_inside() {
    local name=$1
    read_monitors
    find_windows
    DETAIL="$(describe_console); $name $(fmt "${MON[$name]:-}")"
    [[ -n $CONSOLE && -n ${MON[$name]:-} ]] && inside "$(outer_rect "$CONSOLE")" "${MON[$name]}"
}

# The audience window covers none of the console: not viewable, or frames
# apart.
cond_audience_clear() {
    find_windows
    DETAIL="$(describe_audience); $(describe_console)"
    [[ -n $CONSOLE ]] || return 1
    [[ -z $AUDIENCE ]] && return 0
    ! overlap "$(outer_rect "$AUDIENCE")" "$(outer_rect "$CONSOLE")"
}

# The audience's whole outer frame lies within that monitor.
cond_audience_inside() {
    local name=$1
    read_monitors
    find_windows
    DETAIL="$(describe_audience); $name $(fmt "${MON[$name]:-}")"
    [[ -n $AUDIENCE && -n ${MON[$name]:-} ]] && inside "$(outer_rect "$AUDIENCE")" "${MON[$name]}"
}

# Both windows viewable, their outer frames apart.
cond_frames_apart() {
    find_windows
    DETAIL="$(describe_console); $(describe_audience)"
    [[ -n $CONSOLE && -n $AUDIENCE ]] && ! overlap "$(outer_rect "$AUDIENCE")" "$(outer_rect "$CONSOLE")"
}

cond_alive() {
    DETAIL="cuecard is not running"
    app_alive
}

now_ms() { date +%s%3N; }
to_ms() { awk -v s="$1" 'BEGIN { printf "%d", s * 1000 }'; }

# hold_within TIMEOUT CONDITION...: true once the condition has held for
# $HOLD s in a row, having first held within TIMEOUT s.
hold_within() {
    local timeout hold start now since=
    timeout=$(to_ms "$1")
    hold=$(to_ms "$HOLD")
    shift
    start=$(now_ms)
    while :; do
        now=$(now_ms)
        if "$@"; then
            [[ -n $since ]] || since=$now
            if ((now - since >= hold)); then return 0; fi
        else
            since=
            if ((now - start > timeout)); then return 1; fi
        fi
        if ! app_alive; then
            DETAIL="$DETAIL; cuecard is not running"
            return 1
        fi
        sleep 0.1
    done
}

# check DESCRIPTION TIMEOUT CONDITION...: waits (TIMEOUT 0: one look) and
# reports, with what was measured.
check() {
    local what=$1 timeout=$2
    shift 2
    DETAIL=
    if [[ $timeout == 0 ]]; then
        if "$@"; then ok "$what"; else not_ok "$what${DETAIL:+ ($DETAIL)}"; fi
    elif hold_within "$timeout" "$@"; then
        ok "$what"
    else
        not_ok "$what, within ${timeout}s ($DETAIL)"
    fi
}

shoot() { import -window root "$OUT/$SCENARIO-$1.png" 2>/dev/null || note "screenshot $1 failed"; }

console_title() { [[ -n $CONSOLE ]] && xdotool getwindowname "$CONSOLE" 2>/dev/null || true; }

# ---------------------------------------------------------------- scenarios

# begin NAME LAPTOP_SIZE [PLUG_ARGS ...;]: a new server with the laptop, the
# given outputs plugged, openbox, and cuecard with empty settings. Returns
# non-zero (after a not ok) if the windows never came.
begin() {
    SCENARIO=$1
    local size=$2
    shift 2
    SCENARIO_DIR=$WORK/$SCENARIO
    SCENARIO_FAILED=$FAILED
    SCENARIO_START=$(now_ms)
    mkdir -p "$SCENARIO_DIR/home" "$SCENARIO_DIR/runtime"
    chmod 700 "$SCENARIO_DIR/runtime"
    echo "# --- $SCENARIO"
    if ! start_server "$size"; then
        not_ok "$SCENARIO: start Xorg ($(tail -n 3 "$WORK/xmonitors.log" 2>/dev/null | tr '\n' ' '))"
        return 1
    fi
    local spec
    for spec in "$@"; do
        # shellcheck disable=SC2086
        plug $spec || not_ok "$SCENARIO: xmonitors plug $spec"
    done
    if ! start_wm; then
        not_ok "$SCENARIO: start openbox ($(tail -n 3 "$SCENARIO_DIR/openbox.log" 2>/dev/null | tr '\n' ' '))"
        return 1
    fi
    read_monitors
    note "Xorg on :$DISPLAY_NUM, openbox; $(monitors_line)"
    private_env "$BIN" "$DECK" >"$SCENARIO_DIR/app.out" 2>"$SCENARIO_DIR/app.err" &
    APP_PID=$!
    if ! hold_within "$START_TIMEOUT" cond_both_open; then
        not_ok "$SCENARIO: both windows open within ${START_TIMEOUT}s ($DETAIL)"
        return 1
    fi
    ok "$SCENARIO: both windows open ($DETAIL)"
}

finish() {
    if ((FAILED > SCENARIO_FAILED)); then app_stderr; fi
    stop_server
    note "$SCENARIO took $(( ($(now_ms) - SCENARIO_START) / 1000 )) s"
}

# scenario 1 and 2: projector right of the laptop, unplugged and replugged twice
two_right() {
    if begin 2mon-right 1366x768 "1 1920x1080 --right-of 0"; then
        check "2mon-right: audience full screen on the projector DUMMY1" "$START_TIMEOUT" \
            cond_audience_full_on DUMMY1
        check "2mon-right: console's outer frame inside the laptop DUMMY0" 5 cond_console_inside DUMMY0
        shoot 1-start
        find_windows
        note "$(describe_console), asked for $(asked_size "$CONSOLE"); title: $(console_title)"
        local cycle step=2 suffix
        for cycle in 1 2; do
            suffix=
            [[ $cycle == 2 ]] && suffix="-again"
            unplug 1 || not_ok "2mon-right: xmonitors unplug 1"
            read_monitors
            note "projector unplugged ($cycle); $(monitors_line)"
            check "2mon-right: unplug $cycle: audience covers none of the console" 2 cond_audience_clear
            check "2mon-right: unplug $cycle: cuecard still runs" 0 cond_alive
            find_windows
            note "after unplug $cycle: $(describe_audience); $(describe_console); console title: $(console_title)"
            shoot "$step-unplugged$suffix"
            step=$((step + 1))
            plug 1 1920x1080 --right-of 0 || not_ok "2mon-right: xmonitors plug 1"
            read_monitors
            note "projector replugged ($cycle); $(monitors_line)"
            check "2mon-right: replug $cycle: audience full screen on the projector DUMMY1" 3 \
                cond_audience_full_on DUMMY1
            check "2mon-right: replug $cycle: console's outer frame inside the laptop DUMMY0" 3 \
                cond_console_inside DUMMY0
            find_windows
            note "after replug $cycle: console title: $(console_title)"
            shoot "$step-replugged$suffix"
            step=$((step + 1))
        done
        # Cable blips shorter than cuecard's half-second reading: the
        # window manager moves the slides onto the laptop meanwhile.
        local blip
        for blip in 1 2 3; do
            unplug 1 || not_ok "2mon-right: xmonitors unplug 1"
            sleep 0.2
            plug 1 1920x1080 --right-of 0 || not_ok "2mon-right: xmonitors plug 1"
            read_monitors
            check "2mon-right: 0.2 s blip $blip: audience full screen on the projector DUMMY1" 4 \
                cond_audience_full_on DUMMY1
            check "2mon-right: 0.2 s blip $blip: console's outer frame inside the laptop DUMMY0" 3 \
                cond_console_inside DUMMY0
        done
        shoot "$step-after-blips"
    fi
    finish
}

# press_on_console KEY...: gives the console the keyboard and presses keys
press_on_console() {
    find_windows
    [[ -n $CONSOLE ]] || return 1
    xdotool windowactivate "$CONSOLE" 2>/dev/null || xdotool windowfocus "$CONSOLE" 2>/dev/null || true
    sleep 0.5
    xdotool key --delay 80 "$@"
}

# scenario: S swaps the screens, then the cable is pulled and plugged in
swapped() {
    if begin swap 1366x768 "1 1920x1080 --right-of 0"; then
        check "swap: audience full screen on the projector DUMMY1" "$START_TIMEOUT" \
            cond_audience_full_on DUMMY1
        press_on_console Escape s || not_ok "swap: press S on the console"
        check "swap: S puts the audience full screen on the laptop DUMMY0" 4 cond_audience_full_on DUMMY0
        check "swap: S puts the console inside the projector DUMMY1" 4 cond_console_inside DUMMY1
        shoot 1-swapped
        unplug 1 || not_ok "swap: xmonitors unplug 1"
        read_monitors
        check "swap: projector unplugged: audience covers none of the console" 2 cond_audience_clear
        shoot 2-unplugged
        plug 1 1920x1080 --right-of 0 || not_ok "swap: xmonitors plug 1"
        read_monitors
        check "swap: replugged: audience full screen on the laptop DUMMY0 as swapped" 4 \
            cond_audience_full_on DUMMY0
        check "swap: replugged: console back inside the projector DUMMY1" 4 cond_console_inside DUMMY1
        shoot 3-replugged
    fi
    finish
}

# scenario: duplicate displays (the projector shows the laptop's screen)
duplicate() {
    if begin duplicate 1366x768 "1 1366x768 --pos 0x0"; then
        check "duplicate: the slides cover none of the console (side by side)" "$START_TIMEOUT" \
            cond_frames_apart
        shoot 1-start
        # Extended: the slides go full screen on the projector...
        DISPLAY=":$DISPLAY_NUM" xrandr --output DUMMY1 --right-of DUMMY0 ||
            not_ok "duplicate: xrandr --right-of"
        read_monitors
        check "duplicate: extended: audience full screen on the projector DUMMY1" 4 \
            cond_audience_full_on DUMMY1
        # ...and switched back to duplicate mid-talk: beside the console.
        DISPLAY=":$DISPLAY_NUM" xrandr --output DUMMY1 --pos 0x0 ||
            not_ok "duplicate: xrandr --pos 0x0"
        read_monitors
        check "duplicate: switched back to duplicate: the slides cover none of the console" 4 \
            cond_frames_apart
        shoot 2-duplicate-again
    fi
    finish
}

# scenario 3: projector left of the laptop
two_left() {
    if begin 2mon-left 1366x768 "1 1920x1080 --left-of 0"; then
        check "2mon-left: audience full screen on the projector DUMMY1 ($(fmt "${MON[DUMMY1]:-}"))" \
            "$START_TIMEOUT" cond_audience_full_on DUMMY1
        check "2mon-left: console's outer frame inside the laptop DUMMY0 ($(fmt "${MON[DUMMY0]:-}"))" 5 \
            cond_console_inside DUMMY0
        shoot 1-start
        # A blip with the projector on the left moves the laptop's
        # coordinates: the console must end up on the laptop again.
        unplug 1 || not_ok "2mon-left: xmonitors unplug 1"
        sleep 0.2
        plug 1 1920x1080 --left-of 0 || not_ok "2mon-left: xmonitors plug 1"
        read_monitors
        note "after a 0.2 s blip; $(monitors_line)"
        check "2mon-left: 0.2 s blip: audience full screen on the projector DUMMY1" 4 \
            cond_audience_full_on DUMMY1
        check "2mon-left: 0.2 s blip: console's outer frame inside the laptop DUMMY0" 4 \
            cond_console_inside DUMMY0
        shoot 2-after-blip
    fi
    finish
}

# scenario 4: a dock with two externals
dock() {
    if begin dock 1366x768 "1 1920x1080 --right-of 0" "2 2560x1440 --right-of 1"; then
        check "dock: audience full screen on an external monitor" "$START_TIMEOUT" \
            cond_audience_full_on_any DUMMY1 DUMMY2
        local held=$AUDIENCE_ON other
        check "dock: the audience's external is the largest, DUMMY2 (it is on ${held:-none})" 0 \
            test "$held" = DUMMY2
        check "dock: console's outer frame inside the laptop DUMMY0" 5 cond_console_inside DUMMY0
        shoot 1-start
        if [[ -n $held ]]; then
            if [[ $held == DUMMY1 ]]; then other=DUMMY2; else other=DUMMY1; fi
            unplug "${held#DUMMY}" || not_ok "dock: xmonitors unplug ${held#DUMMY}"
            read_monitors
            note "$held unplugged; $(monitors_line)"
            check "dock: $held unplugged: audience full screen on the other external $other" 3 \
                cond_audience_full_on "$other"
            check "dock: $held unplugged: console's outer frame inside the laptop DUMMY0" 3 \
                cond_console_inside DUMMY0
            shoot 2-unplugged
            # The other external goes too: only the laptop is left.
            unplug "${other#DUMMY}" || not_ok "dock: xmonitors unplug ${other#DUMMY}"
            read_monitors
            note "$other unplugged too; $(monitors_line)"
            check "dock: both externals unplugged: audience covers none of the console" 2 \
                cond_audience_clear
            shoot 3-laptop-only
            # One comes back: the audience returns full screen on it.
            plug 1 1920x1080 --right-of 0 || not_ok "dock: xmonitors plug 1"
            read_monitors
            note "DUMMY1 plugged in again; $(monitors_line)"
            check "dock: DUMMY1 back: audience full screen on it" 3 cond_audience_full_on DUMMY1
            check "dock: DUMMY1 back: console's outer frame inside the laptop DUMMY0" 3 \
                cond_console_inside DUMMY0
            shoot 4-one-back
        else
            not_ok "dock: unplug the audience's external (the audience is on none)"
        fi
    fi
    finish
}

# scenario 5: one monitor, rehearsal layout
one() {
    if begin 1mon 1920x1080; then
        # One check per part, so a failure says which.
        check "1mon: console's outer frame inside DUMMY0" "$START_TIMEOUT" cond_console_inside DUMMY0
        check "1mon: audience's outer frame inside DUMMY0" 5 cond_audience_inside DUMMY0
        check "1mon: console and audience side by side, outer frames apart" 5 cond_frames_apart
        shoot 1-start
        # A projector plugged in after the start (winit has never seen it):
        # the audience goes full screen on it, the console fills the laptop.
        plug 1 1920x1080 --right-of 0 || not_ok "1mon: xmonitors plug 1"
        read_monitors
        note "projector plugged in; $(monitors_line)"
        check "1mon: projector plugged in: audience full screen on it (DUMMY1)" 3 \
            cond_audience_full_on DUMMY1
        check "1mon: projector plugged in: console's outer frame inside DUMMY0" 3 \
            cond_console_inside DUMMY0
        shoot 2-projector-plugged-in
    fi
    finish
}

# scenario 6: one 1920x1080 monitor at 200% (960x540 points): the console's
# usual minimum (640x400 points) is larger than half the screen, so side by
# side overlapped before; every monitor gets the same scale here
# (WINIT_X11_SCALE_FACTOR), mixed scales are covered by the table tests.
one_200() {
    APP_SCALE=2
    if begin 1mon-200 1920x1080; then
        check "1mon-200: console's outer frame inside DUMMY0" "$START_TIMEOUT" cond_console_inside DUMMY0
        check "1mon-200: audience's outer frame inside DUMMY0" 5 cond_audience_inside DUMMY0
        check "1mon-200: console and audience side by side, outer frames apart" 5 cond_frames_apart
        shoot 1-start
    fi
    finish
    APP_SCALE=
}

# ---------------------------------------------------------------- main

for tool in Xorg openbox xrandr cvt xwininfo xprop xdotool import awk; do
    command -v "$tool" >/dev/null ||
        bail "$tool is not installed (needs xserver-xorg-core xserver-xorg-video-dummy x11-xserver-utils xcvt openbox x11-utils xdotool imagemagick)"
done
[[ -n $XMONITORS && -x $XMONITORS ]] || bail "xmonitors not found (set E2E_XMONITORS)"
[[ $(id -u) == 0 ]] || bail "Xorg with the dummy driver needs root here"
[[ -x $BIN ]] || bail "no binary at $BIN (run: cargo build --release)"
[[ -f $DECK ]] || bail "no deck at $DECK"

mkdir -p "$OUT"
rm -f "$OUT"/{2mon-right,2mon-left,swap,duplicate,dock,1mon,1mon-200}-*.png
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cuecard-screens.XXXXXX")
mkdir -p "$WORK/xmonitors"
note "binary $BIN, screenshots in $OUT"
T0=$(now_ms)

two_right
two_left
swapped
duplicate
dock
one
one_200

note "all scenarios took $(( ($(now_ms) - T0) / 1000 )) s"
summary
((FAILED == 0))
