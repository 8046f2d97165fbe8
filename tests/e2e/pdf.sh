#!/usr/bin/env bash
# End-to-end test of a PDF deck: the real cuecard binary presents a PDF
# on a private X server, and the screenshots are compared with poppler's
# rendering of the same pages.
#
# What it checks, with decks/pdf-demo.pdf copied alone into a folder (no
# deck, no .pdfpc beside it: one slide per page) under its own Xvfb (one
# 1920x1080 screen, no window manager):
#   - `cuecard FOLDER/talk.pdf` opens both windows; the console's title
#     reads "<title> — slide 1/5";
#   - the audience view shows page 1: its pixels match pdftoppm's
#     rendering of page 1 at the audience view's size far better than any
#     other page's (pixel statistics, not golden images);
#   - Right moves to page 2, and the audience view shows page 2;
#   - Right again: page 3 is a 4:3 page, shown letterboxed in the 16:9
#     audience view: dark bars left and right, the page in the middle;
#   - End moves to page 5, Home back to page 1, and the audience view
#     follows each time;
#   - the console's current-slide preview shows the page too (it is not
#     blank);
#   - the mixed deck decks/pdf-demo.ron (PDF pages and a slide typed in
#     RON) opens, and its third slide is the typed one, not a PDF page.
# Screenshots go to $E2E_OUT (default target/e2e/pdf): one per step, and
# the reference pages (ref-N.png).
#
# How to run (from anywhere):
#   cargo build --release && tests/e2e/pdf.sh
# Environment: CUECARD_BIN (default target/release/cuecard), E2E_OUT,
# E2E_START_TIMEOUT (default 30), E2E_STEP_TIMEOUT (default 8).
# Needs: Xvfb, xdotool, xwininfo and xdpyinfo (x11-utils), import and
# convert (imagemagick), pdftoppm (poppler-utils), Mesa's software GL.
#
# Output: "ok - ..." / "not ok - ..." lines, then "N passed, M failed".

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

BIN=${CUECARD_BIN:-target/release/cuecard}
OUT=${E2E_OUT:-target/e2e/pdf}
START_TIMEOUT=${E2E_START_TIMEOUT:-30}
STEP_TIMEOUT=${E2E_STEP_TIMEOUT:-8}
PDF_SOURCE=decks/pdf-demo.pdf
MIXED_DECK=decks/pdf-demo.ron
PAGES=5
# Without a window manager the console and the audience view open side by
# side on the one screen (rehearsal): the audience view is 960x540 at 960,0.
AUDIENCE_W=960
AUDIENCE_H=540
AUDIENCE_X=960
AUDIENCE_REGION=${AUDIENCE_W}x${AUDIENCE_H}+${AUDIENCE_X}+0
# A matching page differs from poppler's rendering by anti-aliasing only;
# a different page differs by far more.
SAME_PAGE_MAX=0.06

PASSED=0
FAILED=0
APP_PID=
XVFB_PID=
WORK=

# shellcheck source=tests/e2e/tap.sh
source tests/e2e/tap.sh

# shellcheck source=tests/e2e/lib.sh
source tests/e2e/lib.sh

stop_app() {
    if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        for _ in 1 2 3 4 5 6 7 8 9 10; do
            app_alive || break
            sleep 0.2
        done
        kill -9 "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    APP_PID=
}

cleanup() {
    local status=$?
    stop_app
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

shoot() { import -window root "$OUT/$1" 2>/dev/null; }

# page_box N: the page's place in the audience view, WxH+X+Y on the root:
# the page fitted inside the view, centred (letterboxed).
page_box() {
    local size w h
    size=$(pdfinfo -f "$1" -l "$1" "$PDF" 2>/dev/null | awk '/^Page +[0-9]+ size:/ { print $4, $6; exit }')
    read -r w h <<<"$size"
    awk -v pw="$w" -v ph="$h" -v W="$AUDIENCE_W" -v H="$AUDIENCE_H" -v X="$AUDIENCE_X" 'BEGIN {
        s = W / pw; if (H / ph < s) s = H / ph
        w = int(pw * s + 0.5); h = int(ph * s + 0.5)
        printf "%dx%d+%d+%d\n", w, h, X + int((W - w) / 2), int((H - h) / 2)
    }'
}

# diff_to_page SHOT N: RMS difference of the page's place in the shot and
# poppler's rendering of page N at that size.
diff_to_page() {
    local box=${PAGE_BOX[$2]}
    convert "$1" -crop "$box" +repage "$WORK/crop.png" 2>/dev/null || { echo 1; return; }
    convert "$WORK/crop.png" "$OUT/ref-$2.png" -compose difference -composite \
        -colorspace gray -format '%[fx:sqrt(mean*mean+standard_deviation*standard_deviation)]' \
        info: 2>/dev/null || echo 1
}

# shows_page SHOT N: page N matches (under $SAME_PAGE_MAX) and matches
# better than every other page of the same shape.
shows_page() {
    local mine other n
    mine=$(diff_to_page "$1" "$2")
    LAST_DIFF=$mine
    fx_true "$mine < $SAME_PAGE_MAX" || return 1
    for n in $(seq "$PAGES"); do
        [[ $n == "$2" || ${PAGE_BOX[$n]} != "${PAGE_BOX[$2]}" ]] && continue
        other=$(diff_to_page "$1" "$n")
        fx_true "$other > $mine * 2" || return 1
    done
}

# wait_page NAME N [TIMEOUT]: screenshots until the audience view shows
# page N.
wait_page() {
    local tries=$((${3:-$STEP_TIMEOUT} * 3))
    while ((tries-- > 0)); do
        if shoot "$1" && shows_page "$OUT/$1" "$2"; then return 0; fi
        app_alive || return 1
        sleep 0.3
    done
    return 1
}

# ---------------------------------------------------------------- setup

for tool in Xvfb xdotool xwininfo xdpyinfo import convert pdftoppm pdfinfo awk; do
    command -v "$tool" >/dev/null || bail "$tool is not installed (needs xvfb xdotool x11-utils imagemagick poppler-utils)"
done
[[ -x $BIN ]] || bail "no binary at $BIN (run: cargo build --release)"
[[ -f $PDF_SOURCE ]] || bail "no PDF at $PDF_SOURCE"

mkdir -p "$OUT"
rm -f "$OUT"/*.png
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cuecard-e2e-pdf.XXXXXX")
mkdir -p "$WORK/runtime" "$WORK/home" "$WORK/talk"
chmod 700 "$WORK/runtime"
PDF=$WORK/talk/talk.pdf
cp "$PDF_SOURCE" "$PDF"

# The reference pages, by poppler, at the size each takes on screen.
declare -A PAGE_BOX
for n in $(seq "$PAGES"); do
    PAGE_BOX[$n]=$(page_box "$n")
    size=${PAGE_BOX[$n]%%+*}
    pdftoppm -f "$n" -l "$n" -singlefile -png -scale-to-x "${size%x*}" -scale-to-y "${size#*x}" \
        "$PDF" "$OUT/ref-$n" || bail "pdftoppm cannot render page $n of $PDF"
done
echo "# page places: ${PAGE_BOX[*]}"

start_xvfb 161 230 || bail "could not start Xvfb on any display :161..:230"
echo "# Xvfb on :$DISPLAY_NUM, binary $BIN, screenshots in $OUT"
export DISPLAY=:$DISPLAY_NUM
xdotool mousemove 1910 1070 2>/dev/null || true

# launch FILE: starts cuecard on FILE in a private environment and waits
# for both windows (CONSOLE and AUDIENCE).
launch() {
    env -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
        HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/runtime" \
        XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share" \
        XDG_CACHE_HOME="$WORK/home/.cache" \
        DBUS_SESSION_BUS_ADDRESS="unix:path=$WORK/no-dbus" \
        "$BIN" "$1" >"$WORK/app.out" 2>"$WORK/app.err" &
    APP_PID=$!
    CONSOLE=
    AUDIENCE=
    for _ in $(seq $((START_TIMEOUT * 4))); do
        app_alive || break
        CONSOLE=$(window_of cuecard)
        AUDIENCE=$(window_of cuecard-audience)
        [[ -n $CONSOLE && -n $AUDIENCE ]] && return 0
        sleep 0.25
    done
    return 1
}

# ---------------------------------------------------------------- the PDF alone

launch "$PDF" || bail "both windows did not open within ${START_TIMEOUT}s for $PDF"
ok "cuecard talk.pdf opens both windows (console $CONSOLE, audience $AUDIENCE)"
geometry=$(geometry_of "$AUDIENCE")
check "audience window is at $AUDIENCE_REGION (got $geometry)" test "$geometry" = "$AUDIENCE_REGION"
TITLE=$(title_of "$CONSOLE")
DECK_TITLE=${TITLE% — slide *}
check "console title reads slide 1/$PAGES (got \"$TITLE\")" test "$TITLE" = "$DECK_TITLE — slide 1/$PAGES"

check "audience view shows page 1, as poppler draws it (01-page1.png)" \
    wait_page 01-page1.png 1 "$START_TIMEOUT"
echo "# page 1: RMS difference to poppler $LAST_DIFF"
# The console's current-slide preview shows the page: not one flat colour.
console_spread=$(convert "$OUT/01-page1.png" -crop 960x1080+0+0 +repage -colorspace gray \
    -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
check "console shows the page in its preview (brightness spread $console_spread)" \
    fx_true "$console_spread > 0.05"

check "console takes keyboard focus" focus "$CONSOLE"
key Right
check "Right -> slide 2/$PAGES" wait_title "$CONSOLE" "$DECK_TITLE — slide 2/$PAGES"
check "audience view shows page 2 (02-page2.png)" wait_page 02-page2.png 2
echo "# page 2: RMS difference to poppler $LAST_DIFF"

key Right
check "Right -> slide 3/$PAGES" wait_title "$CONSOLE" "$DECK_TITLE — slide 3/$PAGES"
check "audience view shows the 4:3 page 3 in the middle (03-page3-4x3.png)" wait_page 03-page3-4x3.png 3
echo "# page 3 at ${PAGE_BOX[3]}: RMS difference to poppler $LAST_DIFF"
box=${PAGE_BOX[3]}
bar=$(((AUDIENCE_W - ${box%%x*}) / 2))
left=$(region_mean "$OUT/03-page3-4x3.png" "$((bar - 4))x${AUDIENCE_H}+$AUDIENCE_X+0")
right=$(region_mean "$OUT/03-page3-4x3.png" "$((bar - 4))x${AUDIENCE_H}+$((AUDIENCE_X + AUDIENCE_W - bar + 4))+0")
check "the 4:3 page is letterboxed: dark bars of ${bar} px left ($left) and right ($right)" \
    fx_true "$left < 0.1 && $right < 0.1"

key End
check "End -> slide $PAGES/$PAGES" wait_title "$CONSOLE" "$DECK_TITLE — slide $PAGES/$PAGES"
check "audience view shows page $PAGES (04-page$PAGES.png)" wait_page "04-page$PAGES.png" "$PAGES"
key Home
check "Home -> slide 1/$PAGES" wait_title "$CONSOLE" "$DECK_TITLE — slide 1/$PAGES"
check "audience view shows page 1 again (05-home.png)" wait_page 05-home.png 1
check "no render failure was reported" bash -c "! grep -qi 'not shown\|does not render\|crashed' '$WORK/app.err'"
stop_app

# ---------------------------------------------------------------- a mixed deck

launch "$MIXED_DECK" || bail "both windows did not open within ${START_TIMEOUT}s for $MIXED_DECK"
TITLE=$(title_of "$CONSOLE")
MIXED_TITLE=${TITLE% — slide *}
MIXED_SLIDES=${TITLE##*/}
ok "the mixed deck opens ($TITLE)"
# decks/pdf-demo.ron shows the same PDF: the references above hold.
check "mixed deck: slide 1 is page 1 (06-mixed-1.png)" wait_page 06-mixed-1.png 1
focus "$CONSOLE" || true
# One press at a time: presses closer than a clicker's bounce count once.
key Right
check "mixed deck: Right -> slide 2/$MIXED_SLIDES" wait_title "$CONSOLE" "$MIXED_TITLE — slide 2/$MIXED_SLIDES"
sleep 1 # a presenter's pace, as in the part above (each press waited for its page)
key Right
check "mixed deck: Right -> slide 3/$MIXED_SLIDES" wait_title "$CONSOLE" "$MIXED_TITLE — slide 3/$MIXED_SLIDES"
typed_is_no_page() {
    local n d
    shoot 07-mixed-typed.png || return 1
    [[ $(region_mean "$OUT/07-mixed-typed.png" "$AUDIENCE_REGION") != -1 ]] || return 1
    for n in $(seq "$PAGES"); do
        d=$(diff_to_page "$OUT/07-mixed-typed.png" "$n")
        fx_true "$d < $SAME_PAGE_MAX" && return 1
    done
    return 0
}
sleep 1
check "mixed deck: slide 3 is the slide typed in RON, not a PDF page (07-mixed-typed.png)" typed_is_no_page
key Right
check "mixed deck: Right -> slide 4 shows page 3 (08-mixed-4x3.png)" wait_page 08-mixed-4x3.png 3
stop_app

if ((FAILED > 0)) && [[ -s $WORK/app.err ]]; then
    echo "# cuecard stderr:"
    sed 's/^/#   /' "$WORK/app.err" | tail -n 40
fi
summary
((FAILED == 0))
