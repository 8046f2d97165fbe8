#!/usr/bin/env bash
# End-to-end test of pointing and drawing, on the real binary under its own
# Xvfb (one 1920x1080 screen, no window manager), Module 5 on slide 8 (the
# T-visa certification, which a trainer points at):
#   - L, then the mouse over the console's "audience sees" preview: the
#     room's window shows the red pointer at the same place of the slide
#     (a pixel check where the slide place falls in the audience window);
#     then the mouse over the audience window itself: the pointer is there;
#   - H, the spotlight: far from the mouse the room's slide is dimmed, near
#     it it is not;
#   - Shift+M and a box dragged on the preview: the room sees it magnified;
#     Esc shows the whole slide again;
#   - Ctrl+P and a stroke dragged on the preview: the room sees the red ink
#     there; the audience window is resized and the ink is at the same
#     slide place of the smaller window.
# Screenshots go to $E2E_OUT (default target/e2e): pointing-*.png, the
# audience window with each tool (and the highlighter, over the pen's
# stroke) and the console with the pen.
#
#   cargo build --release && tests/e2e/pointing.sh
#
# Environment: CUECARD_BIN, E2E_OUT, E2E_START_TIMEOUT, E2E_STEP_TIMEOUT as
# for smoke.sh. Needs Xvfb, xdotool, x11-utils, imagemagick, python3.
# Output: "ok - ..." / "not ok - ..." lines, then "N passed, M failed".

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

BIN=${CUECARD_BIN:-target/release/cuecard}
OUT=${E2E_OUT:-target/e2e}
START_TIMEOUT=${E2E_START_TIMEOUT:-30}
STEP_TIMEOUT=${E2E_STEP_TIMEOUT:-5}
DECK=decks/module5.ron
AUDIENCE_X=960
AUDIENCE_REGION=960x540+960+0
CONSOLE_REGION=960x1080+0+0

PASSED=0
FAILED=0
APP_PID=
XVFB_PID=
WORK=

ok() { PASSED=$((PASSED + 1)); echo "ok - $*"; }
not_ok() { FAILED=$((FAILED + 1)); echo "not ok - $*"; }
check() {
    local what=$1
    shift
    if "$@"; then ok "$what"; else not_ok "$what"; fi
}
summary() { echo "$PASSED passed, $FAILED failed"; }
bail() {
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

# shellcheck source=tests/e2e/lib.sh
source tests/e2e/lib.sh

shoot() { import -window root "$1" 2>/dev/null; }

# pixels.py: reads a screenshot (as PPM, through convert) and answers
#   frame X Y W H           the box of the preview's green frame inside the
#                           region, as "x y w h" of the slide inside it;
#   near PNG X Y R COLOR    exit 0 if a pixel within R px of (X, Y) is
#                           COLOR ("red": the pointer's and the pen's red).
cat >"${TMPDIR:-/tmp}/cuecard-pixels-$$.py" <<'PY'
import subprocess, sys

def load(png):
    data = subprocess.run(["convert", png, "ppm:-"], check=True, capture_output=True).stdout
    parts, rest = [], data
    while len(parts) < 4:
        rest = rest.lstrip()
        if rest.startswith(b"#"):
            rest = rest.split(b"\n", 1)[1]
            continue
        token, rest = rest.split(None, 1)
        parts.append(token)
    width, height = int(parts[1]), int(parts[2])
    return width, height, rest[1:] if rest[:1].isspace() else rest

def pixel(img, x, y):
    width, height, raw = img
    if not (0 <= x < width and 0 <= y < height):
        return None
    i = (y * width + x) * 3
    return raw[i], raw[i + 1], raw[i + 2]

def is_red(p):
    return p is not None and p[0] > 170 and p[1] < 90 and p[2] < 90

def main():
    what = sys.argv[1]
    img = load(sys.argv[2])
    if what == "frame":
        x0, y0, w, h = map(int, sys.argv[3:7])
        xs, ys = [], []
        for y in range(y0, y0 + h):
            for x in range(x0, x0 + w):
                p = pixel(img, x, y)
                if p and abs(p[0] - 0x3D) < 30 and abs(p[1] - 0xA5) < 30 and abs(p[2] - 0x5D) < 30:
                    xs.append(x)
                    ys.append(y)
        if not xs:
            sys.exit(1)
        # The frame is 2 px outside the preview.
        left, top, right, bottom = min(xs) + 2, min(ys) + 2, max(xs) - 1, max(ys) - 1
        print(left, top, right - left, bottom - top)
    elif what == "near":
        x, y, r = int(float(sys.argv[3])), int(float(sys.argv[4])), int(sys.argv[5])
        for dy in range(-r, r + 1):
            for dx in range(-r, r + 1):
                if is_red(pixel(img, x + dx, y + dy)):
                    sys.exit(0)
        sys.exit(1)

main()
PY
PIXELS="${TMPDIR:-/tmp}/cuecard-pixels-$$.py"
pixels() { python3 "$PIXELS" "$@"; }

# The screen place of slide place (SX, SY) on the preview, and on the
# audience window (at AUDIENCE_X, 0, of width AW; Module 5 is 16:9).
preview_at() { awk -v x="$1" -v y="$2" -v px="$PX" -v py="$PY" -v pw="$PW" -v ph="$PH" \
    'BEGIN { printf "%d %d\n", px + x * pw, py + y * ph }'; }
audience_at() { awk -v x="$1" -v y="$2" -v w="$3" -v ax="$AUDIENCE_X" \
    'BEGIN { printf "%d %d\n", ax + x * w, y * w * 9 / 16 }'; }

move_to() { xdotool mousemove "$1" "$2"; sleep 0.05; }

# red_near_until PNG X Y: screenshots until red is within 8 px of (X, Y).
red_near_until() {
    local tries=$((STEP_TIMEOUT * 3))
    while ((tries-- > 0)); do
        shoot "$1" && pixels near "$1" "$2" "$3" 8 && return 0
        app_alive || return 1
        sleep 0.3
    done
    return 1
}

# ---------------------------------------------------------------- setup

for tool in Xvfb xdotool xwininfo xdpyinfo import convert awk python3; do
    command -v "$tool" >/dev/null || bail "$tool is not installed"
done
[[ -x $BIN ]] || bail "no binary at $BIN (run: cargo build --release)"

mkdir -p "$OUT"
rm -f "$OUT"/pointing-*.png
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cuecard-e2e.XXXXXX")
mkdir -p "$WORK/runtime" "$WORK/home"
chmod 700 "$WORK/runtime"

start_xvfb 161 230 || bail "could not start Xvfb on any display :161..:230"
echo "# Xvfb on :$DISPLAY_NUM, binary $BIN, screenshots in $OUT"
export DISPLAY=:$DISPLAY_NUM
xdotool mousemove 1910 1070 2>/dev/null || true

env -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
    HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/runtime" \
    XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share" \
    XDG_CACHE_HOME="$WORK/home/.cache" \
    DBUS_SESSION_BUS_ADDRESS="unix:path=$WORK/no-dbus" \
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
geometry=$(geometry_of "$AUDIENCE")
[[ $geometry == "$AUDIENCE_REGION" ]] || bail "the audience window is at $geometry, not $AUDIENCE_REGION"
tries=$((START_TIMEOUT * 3))
while ((tries-- > 0)); do
    shoot "$WORK/start.png"
    fx_true "$(region_mean "$WORK/start.png" "$AUDIENCE_REGION") > 0.2" && break
    sleep 0.3
done
ok "both windows open and paint"
focus "$CONSOLE" || bail "the console does not take the keyboard"
key 8 Return
wait_title "$CONSOLE" "Service Provider and Law Enforcement Collaboration — slide 8/10" ||
    bail "8 Enter did not go to slide 8 (title: $(title_of "$CONSOLE"))"
sleep 0.5
shoot "$WORK/start.png"

# Where the preview is: inside its green frame, in the console's half.
read -r PX PY PW PH < <(pixels frame "$WORK/start.png" 0 0 960 1080) ||
    bail "the preview's frame is not on the console"
check "the preview is a 16:9 box on the console ($PW x $PH at $PX,$PY)" \
    fx_true "$PW > 200 && ($PW / $PH - 16 / 9) < 0.03 && ($PW / $PH - 16 / 9) > -0.03"

# ---------------------------------------------------------------- pointer

SX=0.25
SY=0.72
read -r AX AY < <(audience_at $SX $SY 960)
check "no red on the room's slide at ($AX, $AY) before pointing" \
    bash -c "! python3 '$PIXELS' near '$WORK/start.png' $AX $AY 8"
key l
sleep 0.3
read -r X Y < <(preview_at $SX $SY)
move_to "$X" "$Y"
move_to $((X + 1)) "$Y"
check "L and the mouse on the preview at ($SX, $SY): the room sees the red pointer at ($AX, $AY)" \
    red_near_until "$WORK/pointer.png" "$AX" "$AY"
convert "$WORK/pointer.png" -crop "$AUDIENCE_REGION" +repage "$OUT/pointing-laser.png"

# The mouse over the room's own window points there too (and the console,
# whose preview the mouse left, does not take it away).
read -r BX BY < <(audience_at 0.6 0.3 960)
check "no red on the room's slide at ($BX, $BY) before" \
    bash -c "! python3 '$PIXELS' near '$WORK/start.png' $BX $BY 8"
move_to "$BX" "$BY"
move_to $((BX + 1)) "$BY"
move_to "$BX" "$BY"
check "the mouse over the audience window at (0.6, 0.3): the pointer is there" \
    red_near_until "$WORK/pointer-audience.png" "$BX" "$BY"

# ---------------------------------------------------------------- spotlight

key h
sleep 0.3
read -r X Y < <(preview_at 0.5 0.5)
move_to "$X" "$Y"
move_to $((X + 1)) "$Y"
sleep 0.8
shoot "$WORK/spot.png"
convert "$WORK/spot.png" -crop "$AUDIENCE_REGION" +repage "$OUT/pointing-spotlight.png"
far=100x100+$((AUDIENCE_X + 20))+20
before_far=$(region_mean "$WORK/start.png" "$far")
after_far=$(region_mean "$WORK/spot.png" "$far")
middle=60x60+$((AUDIENCE_X + 450))+240
check "H: the spotlight dims the room's slide far from the mouse ($before_far -> $after_far)" \
    fx_true "$after_far < $before_far * 0.6"
check "and leaves it clear around the mouse" \
    fx_true "$(region_diff "$WORK/start.png" "$WORK/spot.png" "$middle") < 0.05"
key Escape
sleep 0.3

# ---------------------------------------------------------------- zoom

shoot "$WORK/before-zoom.png"
key shift+m
sleep 0.3
read -r X1 Y1 < <(preview_at 0.05 0.05)
read -r X2 Y2 < <(preview_at 0.55 0.55)
move_to "$X1" "$Y1"
xdotool mousedown 1
for t in 1 2 3 4 5 6 7 8; do
    move_to $((X1 + (X2 - X1) * t / 8)) $((Y1 + (Y2 - Y1) * t / 8))
done
xdotool mouseup 1
sleep 1
shoot "$WORK/zoom.png"
convert "$WORK/zoom.png" -crop "$AUDIENCE_REGION" +repage "$OUT/pointing-zoom.png"
check "Shift+M and a box dragged on the preview: the room's slide is magnified" \
    fx_true "$(region_diff "$WORK/before-zoom.png" "$WORK/zoom.png" "$AUDIENCE_REGION") > 0.05"
key Escape
sleep 0.8
shoot "$WORK/unzoom.png"
check "Esc: the room sees the whole slide again" \
    fx_true "$(region_diff "$WORK/before-zoom.png" "$WORK/unzoom.png" "$AUDIENCE_REGION") < 0.02"
key Escape
sleep 0.3

# ---------------------------------------------------------------- pen

SX1=0.35
SY1=0.78
SX2=0.65
SY2=0.86
read -r MX MY < <(audience_at 0.5 0.82 960)
check "no red on the room's slide where the stroke will go" \
    bash -c "! python3 '$PIXELS' near '$WORK/unzoom.png' $MX $MY 6"
key ctrl+p
sleep 0.3
read -r X1 Y1 < <(preview_at $SX1 $SY1)
read -r X2 Y2 < <(preview_at $SX2 $SY2)
move_to "$X1" "$Y1"
xdotool mousedown 1
for t in $(seq 1 12); do
    move_to $((X1 + (X2 - X1) * t / 12)) $((Y1 + (Y2 - Y1) * t / 12))
done
xdotool mouseup 1
xdotool mousemove 1910 1070
check "Ctrl+P and a stroke on the preview: the room sees red ink at its middle ($MX, $MY)" \
    red_near_until "$WORK/pen.png" "$MX" "$MY"
convert "$WORK/pen.png" -crop "$AUDIENCE_REGION" +repage "$OUT/pointing-pen.png"

# The highlighter over a line of the slide, for the screenshot.
key ctrl+i
sleep 0.3
read -r X1 Y1 < <(preview_at 0.08 0.36)
read -r X2 Y2 < <(preview_at 0.6 0.36)
move_to "$X1" "$Y1"
xdotool mousedown 1
for t in $(seq 1 12); do
    move_to $((X1 + (X2 - X1) * t / 12)) "$Y1"
done
xdotool mouseup 1
xdotool mousemove 1910 1070
sleep 0.8
shoot "$WORK/highlight.png"
convert "$WORK/highlight.png" -crop "$AUDIENCE_REGION" +repage "$OUT/pointing-highlighter.png"
convert "$WORK/highlight.png" -crop "$CONSOLE_REGION" +repage "$OUT/pointing-console.png"

# The room's window gets smaller: the ink keeps its place on the slide.
xdotool windowsize "$AUDIENCE" 640 360
sleep 0.5
read -r NX NY < <(audience_at 0.5 0.82 640)
check "the audience window resized to 640x360 ($(geometry_of "$AUDIENCE"))" \
    test "$(geometry_of "$AUDIENCE")" = "640x360+960+0"
check "the ink is at the same slide place of the smaller window ($NX, $NY)" \
    red_near_until "$WORK/resized.png" "$NX" "$NY"
check "and not left where it was in the larger one" \
    bash -c "! python3 '$PIXELS' near '$WORK/resized.png' $MX $MY 4"
convert "$WORK/resized.png" -crop 640x360+960+0 +repage "$OUT/pointing-resized.png"

# ---------------------------------------------------------------- quit

key ctrl+q
sleep 0.3
key ctrl+q
for _ in $(seq 50); do
    app_alive || break
    sleep 0.2
done
if app_alive; then
    not_ok "Ctrl+Q quits"
else
    status=0
    wait "$APP_PID" || status=$?
    APP_PID=
    check "Ctrl+Q quits with status 0 (got $status)" test "$status" -eq 0
fi
rm -f "$PIXELS"
summary
((FAILED == 0))
