#!/usr/bin/env bash
# Whole-app performance measurements of cuecard, side by side with Pympress,
# on a private X server (Xvfb, no window manager, Mesa's software OpenGL).
#
# What it measures (every figure is printed, and kept in $MEASURE_OUT/results.txt):
#   1. launch: from just before exec to both windows shown (both titles in
#      `xwininfo -root -tree` and both windows mapped, polled every 10 ms);
#      median (and min, max) of 10 runs after one untimed warm-up run; the
#      launches of the two programs alternate, so both meet the same load.
#      cuecard: the console "<deck title> — slide 1/10" and the audience
#      window "<deck title>"; Pympress: "Pympress Presenter" and
#      "Pympress Content".
#   2. idle: CPU time (utime+stime from /proc/PID/stat, all threads) over
#      30 s in three states: untouched after launch (timer not started);
#      timer running (console focused with `xdotool windowfocus`, Right
#      pressed once); timer paused (then T for cuecard, P for Pympress).
#      Also the Xvfb server's CPU over the same 30 s.
#      And a 10 s check of cuecard's live-reload watcher: another program
#      reads the deck, then writes an unrelated file beside it.
#   3. repaints per window in the same 30 s, counted from outside with the
#      X DAMAGE extension (a small python3/ctypes helper below): every
#      drawing into a window reports damage with the server's time; damage
#      events of one window less than 4 ms apart count as one repaint. So
#      this counts frames that reached the window, whatever changed in
#      them. From it: CPU per repaint = CPU time / repaints.
#   4. peak RSS: VmHWM from /proc/PID/status after the idle states and a
#      walk through all ten slides.
#   5. PDF decks (pdf_part below): on a 60-page and a 200-page PDF made by
#      examples/pdf_figures.rs (text, shapes and a JPEG photo per page):
#      one page rendered at 1920x1080 and 3840x2160, 20 times (cuecard's
#      hayro, in the example; Pympress's poppler-glib into cairo, in a
#      python3 helper, as Pympress draws); launch to both windows with the
#      60-page PDF (interleaved, as in 1); peak RSS after showing every
#      page of the 200-page PDF (Right every 0.15 s). MEASURE_ONLY=pdf runs
#      only this part (about 4 minutes). Also idle CPU with the 60-page
#      PDF, untouched and with the talk timer running (30 s each, as in 2).
#   6. What a user waits for at the desk, each the whole command, median
#      of 5 (MEASURE_WAIT_RUNS) after one untimed run, budget 1 s: Module
#      5's Word guide imported into a deck, its presenter's guide printed
#      to PDF, and the report of the talk recorded in 2, printed and as a
#      PDF.
# Screenshots of the screen at the end of each idle state go to $MEASURE_OUT.
# The ten slides of the walk are screenshots of cuecard's audience window
# (`import -window`), made into the 10-page PDF that Pympress then shows
# (`img2pdf`, else ImageMagick's `convert`), so both programs present the
# same Module 5 slides.
#
# Install first (Debian/Ubuntu, as root; this script installs nothing):
#   apt-get install xvfb xdotool x11-utils imagemagick img2pdf pympress \
#       python3 libgl1-mesa-dri libegl1 libxkbcommon-x11-0 libxcursor1 \
#       libxrandr2 libxi6 libxdamage1
# (Pympress's package brings PyGObject, poppler-glib and pycairo.)
# Run from anywhere (it works from the repository root), after building:
#   cargo build --release --bin cuecard --example pdf_figures && benches/measure.sh
# Environment:
#   CUECARD_BIN            binary (default target/release/cuecard)
#   PYMPRESS_BIN           Pympress (default pympress; "skip" to leave it out)
#   MEASURE_OUT            output folder (default target/measure)
#   MEASURE_RUNS           timed launches per program (default 10)
#   MEASURE_IDLE_SECONDS   length of each idle state (default 30)
#   MEASURE_POLL           poll interval in seconds (default 0.01)
#   MEASURE_START_TIMEOUT  seconds to wait for the windows (default 60)
#   MEASURE_ONLY           "pdf": only the PDF part
#   MEASURE_WAIT_RUNS      timed runs of each command in 6 (default 5)
#   PDF_FIGURES_BIN        the example (default target/release/examples/pdf_figures)
# cuecard presents a private copy of decks/module5.ron (see below). It takes
# about 15 minutes. CI does not run it; docs/PERFORMANCE.md has the
# figures of the last run and the budgets they are checked against.

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

BIN=${CUECARD_BIN:-target/release/cuecard}
PYMPRESS=${PYMPRESS_BIN:-pympress}
OUT=${MEASURE_OUT:-target/measure}
RUNS=${MEASURE_RUNS:-10}
IDLE=${MEASURE_IDLE_SECONDS:-30}
POLL=${MEASURE_POLL:-0.01}
START_TIMEOUT=${MEASURE_START_TIMEOUT:-60}
DECK=decks/module5.ron
DECK_TITLE="Service Provider and Law Enforcement Collaboration"
SLIDES=10
CONSOLE_TITLE="$DECK_TITLE — slide 1/$SLIDES"
TICK=$(getconf CLK_TCK)

APP_PID=
XVFB_PID=
DAMAGE_PID=
WORK=

say() { echo "$*" | tee -a "$OUT/results.txt"; }
die() {
    echo "measure.sh: $*" >&2
    exit 1
}

stop_app() {
    if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        for _ in $(seq 50); do
            kill -0 "$APP_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$APP_PID" 2>/dev/null || true
    fi
    [[ -n $APP_PID ]] && { wait "$APP_PID" 2>/dev/null || true; }
    APP_PID=
}

cleanup() {
    local status=$?
    stop_app
    if [[ -n $DAMAGE_PID ]]; then
        kill "$DAMAGE_PID" 2>/dev/null || true
        wait "$DAMAGE_PID" 2>/dev/null || true
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

# ---------------------------------------------------------------- checks

for tool in Xvfb xdotool xwininfo xdpyinfo import python3 awk getconf; do
    command -v "$tool" >/dev/null || die "$tool is not installed (see the apt-get line at the top)"
done
[[ -x $BIN ]] || die "no binary at $BIN (run: cargo build --release)"
[[ -f $DECK ]] || die "no deck at $DECK"
if [[ $PYMPRESS != skip ]]; then
    command -v "$PYMPRESS" >/dev/null || die "$PYMPRESS is not installed (apt-get install pympress), or set PYMPRESS_BIN=skip"
    command -v img2pdf >/dev/null || command -v convert >/dev/null ||
        die "neither img2pdf nor convert is installed (apt-get install img2pdf)"
fi
((BASH_VERSINFO[0] >= 5)) || die "needs bash 5 (for \$EPOCHREALTIME)"

mkdir -p "$OUT"
: >"$OUT/results.txt"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cuecard-measure.XXXXXX")
mkdir -p "$WORK/runtime" "$WORK/cuecard-home" "$WORK/pympress-home" "$WORK/slides"
chmod 700 "$WORK/runtime"

# ---------------------------------------------------------------- the repaint counter

cat >"$WORK/damage.py" <<'PY'
# damage.py SECONDS READY_FILE WINDOW...: counts the repaints of each X
# window (and its child windows) for SECONDS with the DAMAGE extension and
# prints "WINDOW COUNT" lines. Writes READY_FILE once it listens.
import ctypes, ctypes.util, select, sys, time

x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
xd = ctypes.CDLL(ctypes.util.find_library("Xdamage") or "libXdamage.so.1")
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XPending.argtypes = [ctypes.c_void_p]
x11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
x11.XConnectionNumber.argtypes = [ctypes.c_void_p]
x11.XSetErrorHandler.argtypes = [ctypes.c_void_p]
x11.XFree.argtypes = [ctypes.c_void_p]
x11.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                           ctypes.POINTER(ctypes.c_ulong),
                           ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                           ctypes.POINTER(ctypes.c_uint)]
xd.XDamageQueryExtension.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                                     ctypes.POINTER(ctypes.c_int)]
xd.XDamageCreate.restype = ctypes.c_ulong
xd.XDamageCreate.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int]

class XRectangle(ctypes.Structure):
    _fields_ = [("x", ctypes.c_short), ("y", ctypes.c_short),
                ("width", ctypes.c_ushort), ("height", ctypes.c_ushort)]

class XDamageNotifyEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong),
                ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                ("drawable", ctypes.c_ulong), ("damage", ctypes.c_ulong),
                ("level", ctypes.c_int), ("more", ctypes.c_int),
                ("timestamp", ctypes.c_ulong), ("area", XRectangle),
                ("geometry", XRectangle)]

class XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("damage", XDamageNotifyEvent),
                ("pad", ctypes.c_long * 24)]

# A window that goes away must not stop the count.
ON_ERROR = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(lambda d, e: 0)
x11.XSetErrorHandler(ON_ERROR)

seconds, ready = float(sys.argv[1]), sys.argv[2]
windows = [int(w, 0) for w in sys.argv[3:]]
display = x11.XOpenDisplay(None)
if not display:
    sys.exit("damage.py: cannot open the display")
event_base, error_base = ctypes.c_int(), ctypes.c_int()
if not xd.XDamageQueryExtension(display, ctypes.byref(event_base), ctypes.byref(error_base)):
    sys.exit("damage.py: the X server has no DAMAGE extension")

def with_descendants(window):
    root, parent = ctypes.c_ulong(), ctypes.c_ulong()
    children, count = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
    found = [window]
    if x11.XQueryTree(display, window, ctypes.byref(root), ctypes.byref(parent),
                      ctypes.byref(children), ctypes.byref(count)):
        kids = [children[i] for i in range(count.value)]
        if children:
            x11.XFree(children)
        for kid in kids:
            found += with_descendants(kid)
    return found

# Drawing into a child window counts for its top-level window.
top_of = {}
for window in windows:
    for drawable in with_descendants(window):
        top_of[drawable] = window
        xd.XDamageCreate(display, drawable, 0)  # XDamageReportRawRectangles
x11.XSync(display, 0)
# A new Damage object reports its whole window once: drop those reports.
event = XEvent()
while x11.XPending(display):
    x11.XNextEvent(display, ctypes.byref(event))
open(ready, "w").close()

counts = {w: 0 for w in windows}
last = {w: None for w in windows}
end = time.monotonic() + seconds
fd = x11.XConnectionNumber(display)
while True:
    while x11.XPending(display):
        x11.XNextEvent(display, ctypes.byref(event))
        if event.type != event_base.value:  # XDamageNotify
            continue
        top = top_of.get(event.damage.drawable)
        if top is None:
            continue
        stamp = event.damage.timestamp  # server time, ms
        if last[top] is None or stamp - last[top] > 3:
            counts[top] += 1
        last[top] = stamp
    left = end - time.monotonic()
    if left <= 0:
        break
    select.select([fd], [], [], left)
for window in windows:
    print(f"0x{window:x} {counts[window]}")
PY

# ---------------------------------------------------------------- X server

DISPLAY_NUM=
for n in $(seq 140 220); do
    [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] && continue
    Xvfb ":$n" -screen 0 1920x1080x24 -nolisten tcp -noreset >"$WORK/xvfb.log" 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 50); do
        if xdpyinfo -display ":$n" >/dev/null 2>&1; then DISPLAY_NUM=$n; break; fi
        kill -0 "$XVFB_PID" 2>/dev/null || break
        sleep 0.2
    done
    [[ -n $DISPLAY_NUM ]] && break
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
    XVFB_PID=
done
[[ -n $DISPLAY_NUM ]] || die "could not start Xvfb on any display :140..:220"
export DISPLAY=:$DISPLAY_NUM
xdotool mousemove 1910 1070 2>/dev/null || true

# ---------------------------------------------------------------- helpers

# Seconds since $1 (an $EPOCHREALTIME), as a decimal.
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'; }

# CPU ticks (user + system, all threads) of process $1.
cpu_ticks() {
    local stat fields
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
    read -r -a fields <<<"${stat##*) }"
    echo $((fields[11] + fields[12]))
}

# A /proc/$1/status field ($2, e.g. VmHWM) in MB.
status_mb() { awk -v k="$2:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# find_window TREE TITLE: sets FOUND to the id of the window named exactly
# TITLE in `xwininfo -root -tree` output TREE (no subshell: it is polled).
find_window() {
    local line
    FOUND=
    while IFS= read -r line; do
        if [[ $line == *" \"$2\": ("* ]]; then
            line=${line#"${line%%0x*}"}
            FOUND=${line%% *}
            return 0
        fi
    done <<<"$1"
    return 1
}

viewable() { [[ $(xwininfo -id "$1" 2>/dev/null) == *"Map State: IsViewable"* ]]; }

# launch NAME TITLE_A TITLE_B COMMAND...: starts COMMAND in the private
# environment and waits until windows titled TITLE_A and TITLE_B are both
# there and mapped. Sets APP_PID, WIN_A, WIN_B, and LAUNCH, LAUNCH_A and
# LAUNCH_B: seconds to both windows shown, and to each one.
launch() {
    local name=$1 title_a=$2 title_b=$3 home t0 tree
    LAUNCH_A=
    LAUNCH_B=
    shift 3
    home="$WORK/$name-home"
    WIN_A=
    WIN_B=
    t0=$EPOCHREALTIME
    env -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
        HOME="$home" XDG_RUNTIME_DIR="$WORK/runtime" \
        XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
        XDG_CACHE_HOME="$home/.cache" NO_AT_BRIDGE=1 \
        "$@" >>"$WORK/$name.out" 2>>"$WORK/$name.err" &
    APP_PID=$!
    while true; do
        tree=$(xwininfo -root -tree 2>/dev/null) || tree=
        [[ -z $WIN_A ]] && find_window "$tree" "$title_a" && WIN_A=$FOUND
        [[ -z $WIN_B ]] && find_window "$tree" "$title_b" && WIN_B=$FOUND
        [[ -n $WIN_A && -z $LAUNCH_A ]] && viewable "$WIN_A" && LAUNCH_A=$(since "$t0")
        [[ -n $WIN_B && -z $LAUNCH_B ]] && viewable "$WIN_B" && LAUNCH_B=$(since "$t0")
        if [[ -n $LAUNCH_A && -n $LAUNCH_B ]]; then
            LAUNCH=$(since "$t0")
            return 0
        fi
        kill -0 "$APP_PID" 2>/dev/null || {
            tail -n 20 "$WORK/$name.err" >&2
            die "$name exited before both windows were shown"
        }
        if awk -v s="$(since "$t0")" -v m="$START_TIMEOUT" 'BEGIN { exit !(s > m) }'; then
            die "$name: both windows not shown within ${START_TIMEOUT}s (found: ${WIN_A:-none} ${WIN_B:-none})"
        fi
        sleep "$POLL"
    done
}

# Median, min and max of the numbers in $@.
stats() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.3f %.3f %.3f", m, v[1], v[NR] }'; }

# launches: one untimed warm-up launch of each program, then $RUNS rounds
# of one timed launch of cuecard and one of Pympress (interleaved, so that
# both meet the same load on a shared machine). Sets CUECARD_LAUNCH and
# PYMPRESS_LAUNCH (medians, s) and LAUNCH_RATIO (median of the per-round
# ratios).
launches() {
    local i s c=() ca=() cb=() p=() pa=() pb=() r=()
    launch cuecard "$CONSOLE_TITLE" "$DECK_TITLE" "${CUECARD_ARGS[@]}"
    sleep 1
    stop_app
    if [[ $PYMPRESS != skip ]]; then
        launch pympress "Pympress Presenter" "Pympress Content" "${PYMPRESS_ARGS[@]}"
        sleep 1
        stop_app
    fi
    for i in $(seq "$RUNS"); do
        sleep 0.5
        launch cuecard "$CONSOLE_TITLE" "$DECK_TITLE" "${CUECARD_ARGS[@]}"
        c+=("$LAUNCH")
        ca+=("$LAUNCH_A")
        cb+=("$LAUNCH_B")
        stop_app
        [[ $PYMPRESS == skip ]] && continue
        sleep 0.5
        launch pympress "Pympress Presenter" "Pympress Content" "${PYMPRESS_ARGS[@]}"
        p+=("$LAUNCH")
        pa+=("$LAUNCH_A")
        pb+=("$LAUNCH_B")
        r+=("$(awk -v a="${c[-1]}" -v b="$LAUNCH" 'BEGIN { printf "%.3f", a / b }')")
        stop_app
    done
    s=$(stats "${c[@]}")
    CUECARD_LAUNCH=${s%% *}
    say "cuecard launch to both windows shown: median ${CUECARD_LAUNCH} s (min $(cut -d' ' -f2 <<<"$s"), max $(cut -d' ' -f3 <<<"$s")) over $RUNS runs: ${c[*]}"
    say "cuecard launch, each window: console shown after median $(stats "${ca[@]}" | cut -d' ' -f1) s, audience after $(stats "${cb[@]}" | cut -d' ' -f1) s"
    [[ $PYMPRESS == skip ]] && return 0
    s=$(stats "${p[@]}")
    PYMPRESS_LAUNCH=${s%% *}
    say "pympress launch to both windows shown: median ${PYMPRESS_LAUNCH} s (min $(cut -d' ' -f2 <<<"$s"), max $(cut -d' ' -f3 <<<"$s")) over $RUNS runs: ${p[*]}"
    say "pympress launch, each window: presenter shown after median $(stats "${pa[@]}" | cut -d' ' -f1) s, content after $(stats "${pb[@]}" | cut -d' ' -f1) s"
    s=$(stats "${r[@]}")
    LAUNCH_RATIO=${s%% *}
    say "launch ratio cuecard / pympress, round by round: median ${LAUNCH_RATIO} (min $(cut -d' ' -f2 <<<"$s"), max $(cut -d' ' -f3 <<<"$s")): ${r[*]}"
}

focus() {
    local id tries=50
    id=$(printf '%d' "$1")
    while ((tries-- > 0)); do
        xdotool windowfocus "$1" 2>/dev/null || true
        if [[ $(xdotool getwindowfocus 2>/dev/null || true) == "$id" ]]; then
            sleep 0.3
            return 0
        fi
        sleep 0.1
    done
    die "cannot focus window $1"
}

key() { xdotool key --delay 50 "$@"; }

# idle NAME STATE [SECONDS [ACTION]]: CPU of the app and of Xvfb and
# repaints of WIN_A and WIN_B over SECONDS (default $IDLE), running the
# shell command ACTION in the background meanwhile. Sets IDLE_SHARE,
# IDLE_REPAINTS_A, IDLE_REPAINTS_B and IDLE_PER (CPU per repaint, e.g.
# "3.1 ms").
idle() {
    local name=$1 state=$2 seconds=${3:-$IDLE} action=${4:-} ready="$WORK/damage.ready"
    local t0 c0 x0 c1 x1 secs counts cpu xcpu per slug action_pid=
    rm -f "$ready"
    python3 "$WORK/damage.py" "$seconds" "$ready" "$WIN_A" "$WIN_B" >"$WORK/damage.out" 2>"$WORK/damage.err" &
    DAMAGE_PID=$!
    for _ in $(seq 100); do
        [[ -e $ready ]] && break
        sleep 0.05
    done
    [[ -e $ready ]] || die "the repaint counter did not start: $(cat "$WORK/damage.err")"
    t0=$EPOCHREALTIME
    c0=$(cpu_ticks "$APP_PID")
    x0=$(cpu_ticks "$XVFB_PID")
    if [[ -n $action ]]; then
        bash -c "$action" &
        action_pid=$!
    fi
    wait "$DAMAGE_PID" || die "the repaint counter failed: $(cat "$WORK/damage.err")"
    DAMAGE_PID=
    [[ -n $action_pid ]] && { wait "$action_pid" || true; }
    c1=$(cpu_ticks "$APP_PID")
    x1=$(cpu_ticks "$XVFB_PID")
    secs=$(since "$t0")
    counts=$(cat "$WORK/damage.out")
    IDLE_REPAINTS_A=$(awk -v w="$WIN_A" '$1 == w { print $2 }' <<<"$counts")
    IDLE_REPAINTS_B=$(awk -v w="$WIN_B" '$1 == w { print $2 }' <<<"$counts")
    cpu=$(awk -v t=$((c1 - c0)) -v hz="$TICK" 'BEGIN { printf "%.2f", t / hz }')
    xcpu=$(awk -v t=$((x1 - x0)) -v hz="$TICK" 'BEGIN { printf "%.2f", t / hz }')
    IDLE_SHARE=$(awk -v c="$cpu" -v s="$secs" 'BEGIN { printf "%.2f", 100 * c / s }')
    per=$(awk -v c="$cpu" -v n=$((IDLE_REPAINTS_A + IDLE_REPAINTS_B)) \
        'BEGIN { if (n > 0) printf "%.1f ms", 1000 * c / n; else print "n/a (no repaint)" }')
    IDLE_PER=${per% (*}
    slug=$(tr -cs 'A-Za-z0-9' '-' <<<"${state%% (*}")
    import -window root "$OUT/$name-idle-${slug%-}.png" 2>/dev/null || true
    say "$name idle, $state: CPU ${cpu} s over ${secs} s = ${IDLE_SHARE}% of one core (Xvfb ${xcpu} s); repaints: $WIN_LABEL_A ${IDLE_REPAINTS_A} ($(awk -v n="$IDLE_REPAINTS_A" -v s="$secs" 'BEGIN { printf "%.2f", n / s }')/s), $WIN_LABEL_B ${IDLE_REPAINTS_B} ($(awk -v n="$IDLE_REPAINTS_B" -v s="$secs" 'BEGIN { printf "%.2f", n / s }')/s); CPU per repaint ${per}"
}

# ---------------------------------------------------------------- PDF decks

# poppler_render.py PDF PAGE WxH RUNS: renders the page as Pympress does
# (poppler-glib into a cairo image surface, through PyGObject), fitted in
# WxH, RUNS times, and prints the median, min and max in ms.
cat >"$WORK/poppler_render.py" <<'PY'
import os, sys, time
import gi
gi.require_version("Poppler", "0.18")
from gi.repository import Poppler
import cairo

path, number, size, runs = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
box_w, box_h = (int(v) for v in size.split("x"))
document = Poppler.Document.new_from_file("file://" + os.path.abspath(path), None)
page = document.get_page(number - 1)
page_w, page_h = page.get_size()
scale = min(box_w / page_w, box_h / page_h)
w, h = round(page_w * scale), round(page_h * scale)
times = []
for _ in range(max(runs, 1)):
    start = time.perf_counter()
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, w, h)
    context = cairo.Context(surface)
    context.set_source_rgb(1, 1, 1)
    context.paint()
    context.scale(scale, scale)
    page.render(context)
    surface.flush()
    times.append((time.perf_counter() - start) * 1000)
times.sort()
print(f"render {size}: median {times[len(times) // 2]:.1f} ms, min {times[0]:.1f} ms, max {times[-1]:.1f} ms over {len(times)} runs")
PY

# The Python that has Pympress's PyGObject and pycairo: Debian's, not a
# python3 earlier on PATH (pyenv, a venv).
GI_PYTHON=${MEASURE_GI_PYTHON:-$(head -n 1 "$(command -v "$PYMPRESS" 2>/dev/null || echo /dev/null)" 2>/dev/null | sed -n 's/^#! *\([^ ]*python[^ ]*\).*/\1/p')}
[[ -x ${GI_PYTHON:-} ]] || GI_PYTHON=/usr/bin/python3

# walk_pages COUNT NAME: presses Right COUNT - 1 times on the focused
# window, 0.15 s apart (a brisk clicker), so every page is shown once, and
# prints NAME's RSS every 50 pages (memory must stay flat).
walk_pages() {
    local i rss=()
    for ((i = 1; i < $1; i++)); do
        xdotool key Right
        sleep 0.15
        ((i % 50 == 0)) && rss+=("$i: $(status_mb "$APP_PID" VmRSS)")
    done
    sleep 2
    say "$2 RSS while walking, MB after N pages: ${rss[*]}"
}

# The PDF part: a 60-page and a 200-page training-like PDF (text, shapes
# and a JPEG photo on each page, made by examples/pdf_figures.rs), shown
# by cuecard and by Pympress. Prints page render times at 1920x1080 and
# 3840x2160 (hayro in cuecard, poppler in Pympress), launch to both
# windows with the 60-page PDF (interleaved), and peak RSS after showing
# every page of the 200-page PDF. Sets the PDF_* figures for the table.
pdf_part() {
    local figures=${PDF_FIGURES_BIN:-target/release/examples/pdf_figures} size i s
    local c=() p=() r=() small big title
    [[ -x $figures ]] || die "no $figures (run: cargo build --release --example pdf_figures)"
    mkdir -p "$WORK/pdf"
    small="$WORK/pdf/talk60.pdf"
    big="$WORK/pdf/talk200.pdf"
    say "# PDF decks: $("$figures" write 60 "$small"); $("$figures" write 200 "$big")"
    title="Training talk"
    for size in 1920x1080 3840x2160; do
        s=$("$figures" render "$small" 5 "$size" 20)
        say "cuecard (hayro) page $s"
        eval "PDF_RENDER_C_${size%x*}=$(awk '{ print $4 }' <<<"$s")"
        if [[ $PYMPRESS != skip ]]; then
            s=$("$GI_PYTHON" "$WORK/poppler_render.py" "$small" 5 "$size" 20)
            say "pympress (poppler-glib + cairo) page $s"
            eval "PDF_RENDER_P_${size%x*}=$(awk '{ print $4 }' <<<"$s")"
        fi
    done
    local cuecard_pdf=("$BIN" "$small") pympress_pdf=("$PYMPRESS" --notes none "$small")
    launch cuecard "$title — slide 1/60" "$title" "${cuecard_pdf[@]}"
    sleep 1
    stop_app
    if [[ $PYMPRESS != skip ]]; then
        launch pympress "Pympress Presenter" "Pympress Content" "${pympress_pdf[@]}"
        sleep 1
        stop_app
    fi
    for i in $(seq "$RUNS"); do
        sleep 0.5
        launch cuecard "$title — slide 1/60" "$title" "${cuecard_pdf[@]}"
        c+=("$LAUNCH")
        stop_app
        [[ $PYMPRESS == skip ]] && continue
        sleep 0.5
        launch pympress "Pympress Presenter" "Pympress Content" "${pympress_pdf[@]}"
        p+=("$LAUNCH")
        r+=("$(awk -v a="${c[-1]}" -v b="$LAUNCH" 'BEGIN { printf "%.3f", a / b }')")
        stop_app
    done
    s=$(stats "${c[@]}")
    PDF_LAUNCH_C=${s%% *}
    say "cuecard launch with the 60-page PDF to both windows shown: median $PDF_LAUNCH_C s (min $(cut -d' ' -f2 <<<"$s"), max $(cut -d' ' -f3 <<<"$s")) over $RUNS runs"
    if [[ $PYMPRESS != skip ]]; then
        s=$(stats "${p[@]}")
        PDF_LAUNCH_P=${s%% *}
        say "pympress launch with the 60-page PDF to both windows shown: median $PDF_LAUNCH_P s (min $(cut -d' ' -f2 <<<"$s"), max $(cut -d' ' -f3 <<<"$s")) over $RUNS runs"
        s=$(stats "${r[@]}")
        PDF_LAUNCH_RATIO=${s%% *}
        say "launch ratio with the 60-page PDF, cuecard / pympress, round by round: median $PDF_LAUNCH_RATIO (min $(cut -d' ' -f2 <<<"$s"), max $(cut -d' ' -f3 <<<"$s"))"
    fi
    # Idle with the 60-page PDF: untouched, then with the talk timer running.
    launch cuecard "$title — slide 1/60" "$title" "${cuecard_pdf[@]}"
    WIN_LABEL_A=console
    WIN_LABEL_B=audience
    sleep 3
    idle cuecard "60-page PDF, untouched (timer not started)"
    PDF_UNTOUCHED_C=("$IDLE_SHARE" "$IDLE_REPAINTS_A" "$IDLE_REPAINTS_B")
    focus "$WIN_A"
    key Right
    sleep 2
    idle cuecard "60-page PDF, talk timer running (Right pressed)"
    PDF_RUNNING_C=("$IDLE_SHARE" "$IDLE_REPAINTS_A" "$IDLE_REPAINTS_B" "$IDLE_PER")
    stop_app
    if [[ $PYMPRESS != skip ]]; then
        launch pympress "Pympress Presenter" "Pympress Content" "${pympress_pdf[@]}"
        WIN_LABEL_A=presenter
        WIN_LABEL_B=content
        sleep 3
        idle pympress "60-page PDF, untouched (timer not started)"
        PDF_UNTOUCHED_P=("$IDLE_SHARE" "$IDLE_REPAINTS_A" "$IDLE_REPAINTS_B")
        focus "$WIN_A"
        key Right
        sleep 2
        idle pympress "60-page PDF, talk timer running (Right pressed)"
        PDF_RUNNING_P=("$IDLE_SHARE" "$IDLE_REPAINTS_A" "$IDLE_REPAINTS_B" "$IDLE_PER")
        stop_app
    fi
    : >"$WORK/cuecard.err"
    launch cuecard "$title — slide 1/200" "$title" env CUECARD_LOG_RENDER=1 "$BIN" "$big"
    sleep 2
    local late_at_start
    late_at_start=$(grep -c "not ready when shown" "$WORK/cuecard.err" || true)
    focus "$WIN_A"
    walk_pages 200 cuecard
    PDF_LATE=$(( $(grep -c "not ready when shown" "$WORK/cuecard.err" || true) - late_at_start ))
    say "cuecard: frames that showed a page not yet rendered at its place's size, during the walk of 199 clicks: $PDF_LATE (before it, while the first pages rendered: $late_at_start)"
    import -window root "$OUT/cuecard-pdf200-end.png" 2>/dev/null || true
    PDF_HWM_C=$(status_mb "$APP_PID" VmHWM)
    say "cuecard after showing the 200 pages: title \"$(xdotool getwindowname "$WIN_A" 2>/dev/null)\", peak RSS (VmHWM) $PDF_HWM_C MB, RSS now $(status_mb "$APP_PID" VmRSS) MB"
    stop_app
    if [[ $PYMPRESS != skip ]]; then
        launch pympress "Pympress Presenter" "Pympress Content" "$PYMPRESS" --notes none "$big"
        sleep 2
        focus "$WIN_A"
        # Its first Right may only start the talk timer: one more.
        walk_pages 201 pympress
        import -window root "$OUT/pympress-pdf200-end.png" 2>/dev/null || true
        PDF_HWM_P=$(status_mb "$APP_PID" VmHWM)
        say "pympress after showing the 200 pages: peak RSS (VmHWM) $PDF_HWM_P MB, RSS now $(status_mb "$APP_PID" VmRSS) MB"
        stop_app
    fi
}

# pdf_table: the PDF rows of the side-by-side table.
pdf_table() {
    say "| PDF page render at 1920x1080 (median of 20; hayro / poppler) | ${PDF_RENDER_C_1920:-} ms | ${PDF_RENDER_P_1920:-} ms | $(ratio "${PDF_RENDER_C_1920:-0}" "${PDF_RENDER_P_1920:-0}") |"
    say "| PDF page render at 3840x2160 (median of 20; hayro / poppler) | ${PDF_RENDER_C_3840:-} ms | ${PDF_RENDER_P_3840:-} ms | $(ratio "${PDF_RENDER_C_3840:-0}" "${PDF_RENDER_P_3840:-0}") |"
    say "| launch with the 60-page PDF (median of $RUNS, interleaved) | ${PDF_LAUNCH_C:-} s | ${PDF_LAUNCH_P:-} s | $(ratio "${PDF_LAUNCH_C:-0}" "${PDF_LAUNCH_P:-0}") (median of the per-round ratios: ${PDF_LAUNCH_RATIO:-n/a}) |"
    say "| idle CPU with the 60-page PDF, untouched (% of one core over ${IDLE} s) | ${PDF_UNTOUCHED_C[0]:-}% | ${PDF_UNTOUCHED_P[0]:-}% | $(ratio "${PDF_UNTOUCHED_C[0]:-0}" "${PDF_UNTOUCHED_P[0]:-0}") |"
    say "| idle CPU with the 60-page PDF, talk timer running | ${PDF_RUNNING_C[0]:-}% | ${PDF_RUNNING_P[0]:-}% | $(ratio "${PDF_RUNNING_C[0]:-0}" "${PDF_RUNNING_P[0]:-0}") |"
    say "| repaints in ${IDLE} s with the 60-page PDF, timer running | ${PDF_RUNNING_C[1]:-}+${PDF_RUNNING_C[2]:-} | ${PDF_RUNNING_P[1]:-}+${PDF_RUNNING_P[2]:-} | |"
    say "| CPU per repaint with the 60-page PDF, timer running | ${PDF_RUNNING_C[3]:-} | ${PDF_RUNNING_P[3]:-} | $(ratio "${PDF_RUNNING_C[3]% ms}" "${PDF_RUNNING_P[3]% ms}") |"
    say "| frames showing a page late during 199 clicks, 0.15 s apart (CUECARD_LOG_RENDER=1) | ${PDF_LATE:-} | | |"
    say "| peak RSS after showing all 200 pages of a 200-page PDF | ${PDF_HWM_C:-} MB | ${PDF_HWM_P:-} MB | $(ratio "${PDF_HWM_C:-0}" "${PDF_HWM_P:-0}") |"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

if [[ ${MEASURE_ONLY:-} == pdf ]]; then
    say "# measure.sh (PDF part only) $(date -u '+%Y-%m-%d %H:%M UTC') on $(uname -srm)"
    say "# machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); cuecard $BIN ($(stat -c %y "$BIN" | cut -d. -f1))"
    pdf_part
    say ""
    say "| measure | cuecard | Pympress | cuecard / Pympress |"
    say "|---|---|---|---|"
    pdf_table
    say ""
    say "# results in $OUT/results.txt"
    exit 0
fi

# ---------------------------------------------------------------- cuecard

say "# measure.sh $(date -u '+%Y-%m-%d %H:%M UTC') on $(uname -srm)"
say "# machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(free -h | awk '/^Mem:/ { print $2 }') RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "# Xvfb :$DISPLAY_NUM 1920x1080x24, no window manager; cuecard $BIN ($(stat -c %y "$BIN" | cut -d. -f1)); $RUNS launches, ${IDLE} s per idle state"

# cuecard watches its deck's folder for live reload: present a private
# copy, so that other programs reading or writing files in decks/ (a build,
# the tests) do not wake it during the measurement.
mkdir -p "$WORK/deck"
cp "$DECK" "$WORK/deck/module5.ron"
DECK_COPY="$WORK/deck/module5.ron"

CUECARD_ARGS=("$BIN" "$DECK_COPY")

launch cuecard "$CONSOLE_TITLE" "$DECK_TITLE" "${CUECARD_ARGS[@]}"
WIN_LABEL_A=console
WIN_LABEL_B=audience
sleep 3 # first frames, fonts
idle cuecard "untouched (timer not started)"
CUECARD_UNTOUCHED=("$IDLE_SHARE" "$IDLE_REPAINTS_A" "$IDLE_REPAINTS_B")
focus "$WIN_A"
key Right
sleep 2
idle cuecard "talk timer running (Right pressed)"
CUECARD_RUNNING=("$IDLE_SHARE" "$IDLE_REPAINTS_A" "$IDLE_REPAINTS_B" "$IDLE_PER")
key t
sleep 2
idle cuecard "talk timer paused (T pressed)"
CUECARD_PAUSED=("$IDLE_SHARE" "$IDLE_REPAINTS_A" "$IDLE_REPAINTS_B")
# Live reload's watcher and the deck's folder: another program reads the
# deck (at 2 s) and writes an unrelated file next to it (at 6 s); neither
# changes what cuecard shows.
idle cuecard "timer paused, another program reads the deck and writes a file beside it" 10 \
    "sleep 2; cat '$DECK_COPY' >/dev/null; sleep 4; echo x >'$WORK/deck/unrelated.txt'"
CUECARD_FOLDER=("$IDLE_SHARE" "$IDLE_REPAINTS_A" "$IDLE_REPAINTS_B")

# The walk through the ten slides, shooting the audience window for the PDF.
key Home
for i in $(seq "$SLIDES"); do
    for _ in $(seq 50); do
        [[ $(xdotool getwindowname "$WIN_A" 2>/dev/null) == "$DECK_TITLE — slide $i/$SLIDES" ]] && break
        sleep 0.1
    done
    sleep 0.5 # the audience window's repaint
    import -window "$WIN_B" "$WORK/slides/slide-$(printf %02d "$i").png"
    ((i < SLIDES)) && key Right
done
sleep 1
import -window root "$OUT/cuecard-walk-end.png" 2>/dev/null || true
CUECARD_HWM=$(status_mb "$APP_PID" VmHWM)
say "cuecard memory after the idle states and the ten slides: peak RSS (VmHWM) ${CUECARD_HWM} MB, RSS now $(status_mb "$APP_PID" VmRSS) MB, threads $(awk '/^Threads:/ { print $2 }' "/proc/$APP_PID/status")"
stop_app

# ---------------------------------------------------------------- what a user waits for

# The features a trainer waits on at the desk, run as a user runs them
# (the whole command: start, work, files written), median of $WAIT_RUNS
# after one untimed run. None shows progress, so each has the budget of a
# step that keeps the user's flow of thought (1 s): importing Module 5's
# Word guide into a deck, printing its presenter's guide to PDF (what
# "Print guide…" does), and the report of the talk just recorded above,
# printed and written as a PDF (what the end of the talk offers).
WAIT_RUNS=${MEASURE_WAIT_RUNS:-5}
WAIT_BUDGET=1.0
as_cuecard_user() {
    local home="$WORK/cuecard-home"
    env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
        XDG_CACHE_HOME="$home/.cache" "$@"
}
# timed NAME COMMAND...: sets WAIT_<NAME> to the median seconds and says it.
timed() {
    local name=$1 i t0 s times=()
    shift
    "$@" >"$WORK/wait-$name.out" 2>&1 || die "$name failed: $(tail -n 5 "$WORK/wait-$name.out")"
    for i in $(seq "$WAIT_RUNS"); do
        t0=$EPOCHREALTIME
        "$@" >"$WORK/wait-$name.out" 2>&1 || die "$name failed: $(tail -n 5 "$WORK/wait-$name.out")"
        times+=("$(since "$t0")")
    done
    s=$(stats "${times[@]}")
    printf -v "WAIT_${name}" '%s' "${s%% *}"
    say "cuecard $name: median ${s%% *} s (min $(cut -d' ' -f2 <<<"$s"), max $(cut -d' ' -f3 <<<"$s")) over $WAIT_RUNS runs, budget ${WAIT_BUDGET} s: ${times[*]}"
}
GUIDE_DOCX=tests/fixtures/import/module5-guide.docx
timed import as_cuecard_user "$BIN" import "$GUIDE_DOCX" -o "$WORK/module5-imported.ron" --force
timed export as_cuecard_user "$BIN" export "$DECK_COPY" --guide "$WORK/module5-guide.pdf"
say "  (the guide: $(pdfinfo "$WORK/module5-guide.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }') pages, $(stat -c %s "$WORK/module5-guide.pdf") bytes; the imported deck: $("$BIN" check "$WORK/module5-imported.ron" 2>&1 | tail -n 1))"
timed report as_cuecard_user "$BIN" report
timed report_pdf as_cuecard_user "$BIN" report --out "$WORK/report.pdf"

# ---------------------------------------------------------------- Pympress

if [[ $PYMPRESS == skip ]]; then
    launches
    pdf_part
    say "Pympress: skipped (PYMPRESS_BIN=skip)"
    exit 0
fi

PDF="$OUT/module5-slides.pdf"
if command -v img2pdf >/dev/null; then
    img2pdf "$WORK"/slides/slide-*.png -o "$PDF"
else
    convert "$WORK"/slides/slide-*.png "$PDF"
fi
cp "$WORK"/slides/slide-*.png "$OUT/"
say "# PDF: $PDF, $SLIDES pages of $(identify -format '%wx%h' "$WORK/slides/slide-01.png" 2>/dev/null || echo '?') screenshots of cuecard's audience window; $(env -u DBUS_SESSION_BUS_ADDRESS HOME="$WORK/pympress-home" "$PYMPRESS" --version 2>/dev/null | head -n 1 | cut -c1-40 || echo pympress)"

PYMPRESS_ARGS=("$PYMPRESS" --notes none "$PDF")

# ---------------------------------------------------------------- launches, side by side

launches

# ---------------------------------------------------------------- Pympress idle

sleep 0.5
launch pympress "Pympress Presenter" "Pympress Content" "${PYMPRESS_ARGS[@]}"
WIN_LABEL_A=presenter
WIN_LABEL_B=content
sleep 3
idle pympress "untouched (timer not started)"
PYMPRESS_UNTOUCHED=("$IDLE_SHARE" "$IDLE_REPAINTS_A" "$IDLE_REPAINTS_B")
focus "$WIN_A"
key Right
sleep 2
idle pympress "talk timer running (Right pressed)"
PYMPRESS_RUNNING=("$IDLE_SHARE" "$IDLE_REPAINTS_A" "$IDLE_REPAINTS_B" "$IDLE_PER")
key p
sleep 2
idle pympress "talk timer paused (P pressed)"
PYMPRESS_PAUSED=("$IDLE_SHARE" "$IDLE_REPAINTS_A" "$IDLE_REPAINTS_B")
# Pympress's first Right after its timer was paused may only restart the
# timer: one Right more than needed, so that every page is shown.
key Home
for _ in $(seq "$SLIDES"); do
    sleep 0.5
    key Right
done
sleep 1
import -window root "$OUT/pympress-walk-end.png" 2>/dev/null || true
PYMPRESS_HWM=$(status_mb "$APP_PID" VmHWM)
say "pympress memory after the idle states and the ten pages: peak RSS (VmHWM) ${PYMPRESS_HWM} MB, RSS now $(status_mb "$APP_PID" VmRSS) MB, threads $(awk '/^Threads:/ { print $2 }' "/proc/$APP_PID/status")"
stop_app

# ---------------------------------------------------------------- side by side

pdf_part

say ""
say "| measure | cuecard | Pympress | cuecard / Pympress |"
say "|---|---|---|---|"
say "| launch to both windows shown (median of $RUNS, interleaved) | ${CUECARD_LAUNCH} s | ${PYMPRESS_LAUNCH} s | $(ratio "$CUECARD_LAUNCH" "$PYMPRESS_LAUNCH") (median of the per-round ratios: ${LAUNCH_RATIO}) |"
for state in UNTOUCHED RUNNING PAUSED; do
    c="CUECARD_${state}[@]"
    p="PYMPRESS_${state}[@]"
    c=("${!c}")
    p=("${!p}")
    label=$(tr 'A-Z' 'a-z' <<<"$state")
    say "| idle CPU, $label (% of one core over ${IDLE} s) | ${c[0]}% | ${p[0]}% | $(ratio "${c[0]}" "${p[0]}") |"
    say "| repaints in ${IDLE} s, $label (console+audience / presenter+content) | ${c[1]}+${c[2]} | ${p[1]}+${p[2]} | $(ratio $((c[1] + c[2])) $((p[1] + p[2]))) |"
done
say "| CPU per repaint, timer running (software OpenGL) | ${CUECARD_RUNNING[3]} | ${PYMPRESS_RUNNING[3]} | $(ratio "${CUECARD_RUNNING[3]% ms}" "${PYMPRESS_RUNNING[3]% ms}") |"
say "| repaints in 10 s when another program reads the deck and writes a file beside it (timer paused) | ${CUECARD_FOLDER[1]}+${CUECARD_FOLDER[2]} | | |"
say "| peak RSS (VmHWM) | ${CUECARD_HWM} MB | ${PYMPRESS_HWM} MB | $(ratio "$CUECARD_HWM" "$PYMPRESS_HWM") |"
pdf_table
say "| import Module 5's Word guide into a deck (\`cuecard import\`, median of $WAIT_RUNS) | ${WAIT_import} s | | budget ${WAIT_BUDGET} s |"
say "| print Module 5's presenter's guide to PDF (\`cuecard export --guide\`) | ${WAIT_export} s | | budget ${WAIT_BUDGET} s |"
say "| the report of the talk just given (\`cuecard report\`) | ${WAIT_report} s | | budget ${WAIT_BUDGET} s |"
say "| the same report as a PDF (\`cuecard report --out report.pdf\`) | ${WAIT_report_pdf} s | | budget ${WAIT_BUDGET} s |"
say ""
say "# results in $OUT/results.txt"
