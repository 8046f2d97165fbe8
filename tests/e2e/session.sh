#!/usr/bin/env bash
# End-to-end test of what cuecard remembers of a talk: the real binary
# presents a copy of Module 5 on a private X server, the presenter parks two
# questions, cuecard is killed with SIGKILL on slide 6, started again,
# offers to resume, resumes on slide 6 with the talk timer where it was,
# the talk is finished and quit, and `cuecard report` tells it all.
#
# What it checks:
#   - both windows open; T starts the talk timer; Right x5 reaches slide 6;
#   - Q, a question, Enter (twice): both are in the session file;
#   - after kill -9 the session file is there and its last line is at most
#     1.5 s of talk behind the moment of the kill;
#   - the second start does not resume by itself (the console still reads
#     slide 1/10 while it offers); Enter resumes on slide 6/10, and the
#     session says the talk timer came back at the value it had;
#   - Right x4 reaches slide 10; Right again shows the end of the talk (the
#     audience window is black, the session records the end screen);
#     Ctrl+Q twice quits with status 0 and the session ends "clean";
#   - `cuecard report` lists all 10 slides with their planned minutes, both
#     parked questions, and the resume; `--out report.md` and `.csv` write
#     them too.
# Screenshots go to $E2E_OUT (default target/e2e/session).
#
# How to run (from anywhere):
#   cargo build --release && tests/e2e/session.sh
# Environment: CUECARD_BIN (default target/release/cuecard), E2E_OUT,
# E2E_START_TIMEOUT (default 30), E2E_STEP_TIMEOUT (default 8).
# Needs: Xvfb, xdotool, xwininfo and xdpyinfo (x11-utils), import
# (imagemagick), Mesa's software GL.
#
# Output: "ok - ..." / "not ok - ..." lines, then "N passed, M failed".

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

BIN=${CUECARD_BIN:-target/release/cuecard}
OUT=${E2E_OUT:-target/e2e/session}
START_TIMEOUT=${E2E_START_TIMEOUT:-30}
STEP_TIMEOUT=${E2E_STEP_TIMEOUT:-8}
DECK_TITLE="Service Provider and Law Enforcement Collaboration"
SLIDES=10
QUESTION_1="Who funds the shelter beds"
QUESTION_2="Send the referral form to the advocate"

PASSED=0
FAILED=0
APP_PID=
XVFB_PID=
WORK=

# shellcheck source=tests/e2e/tap.sh
source tests/e2e/tap.sh

# shellcheck source=tests/e2e/lib.sh
source tests/e2e/lib.sh

cleanup() {
    local status=$?
    if [[ -n $APP_PID ]]; then kill -9 "$APP_PID" 2>/dev/null || true; fi
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

shoot() { import -window root "$OUT/$1" 2>/dev/null || true; }
console_title() { echo "$DECK_TITLE — slide $1/$SLIDES"; }

# The environment cuecard runs in: a private home, so its session folder
# is $WORK/home/.local/share/cuecard/sessions. (`exec`, so that $! of
# `in_home ... &` is cuecard itself, which kill -9 must hit.)
in_home() {
    exec env -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
        HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/runtime" \
        XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share" \
        XDG_CACHE_HOME="$WORK/home/.cache" \
        DBUS_SESSION_BUS_ADDRESS="unix:path=$WORK/no-dbus" "$@"
}

# launch: starts cuecard on the deck copy and waits for its console window.
launch() {
    (in_home "$BIN" "$DECK" >>"$WORK/app.out" 2>>"$WORK/app.err") &
    APP_PID=$!
    CONSOLE=
    for _ in $(seq $((START_TIMEOUT * 4))); do
        app_alive || break
        CONSOLE=$(window_of cuecard)
        [[ -n $CONSOLE && -n $(window_of cuecard-audience) ]] && break
        sleep 0.25
    done
    app_alive || bail "cuecard exited before its windows opened"
    [[ -n $CONSOLE ]] || bail "the console did not open within ${START_TIMEOUT}s"
    focus "$CONSOLE" || bail "the console does not take the keyboard"
}

# park TEXT: Q, the question, Enter.
park() {
    key q
    sleep 0.5
    xdotool type --delay 20 "$1"
    sleep 0.3
    key Return
    sleep 0.5
}

session_file() { ls "$WORK"/home/.local/share/cuecard/sessions/*.jsonl 2>/dev/null | head -n 1; }

# talk_of LINE: the "talk" seconds of a session line.
talk_of() { sed -n 's/.*"talk":\([0-9.]*\).*/\1/p' <<<"$1"; }

# ---------------------------------------------------------------- setup

for tool in Xvfb xdotool xwininfo xdpyinfo import awk sed; do
    command -v "$tool" >/dev/null || bail "$tool is not installed (needs xvfb xdotool x11-utils imagemagick)"
done
[[ -x $BIN ]] || bail "no binary at $BIN (run: cargo build --release)"
mkdir -p "$OUT"
rm -f "$OUT"/*.png
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cuecard-e2e-session.XXXXXX")
mkdir -p "$WORK/runtime" "$WORK/home" "$WORK/talk"
chmod 700 "$WORK/runtime"
DECK=$WORK/talk/module5.ron
cp decks/module5.ron "$DECK"
cp -r decks/images "$WORK/talk/images"

start_xvfb 231 300 || bail "could not start Xvfb on any display :231..:300"
echo "# Xvfb on :$DISPLAY_NUM, binary $BIN, screenshots in $OUT"
export DISPLAY=:$DISPLAY_NUM
xdotool mousemove 1910 1070 2>/dev/null || true

# ---------------------------------------------------------------- the talk

launch
check "first start: console reads slide 1/$SLIDES" wait_title "$CONSOLE" "$(console_title 1)"
key t
started=$(date +%s.%N)
for _ in 1 2 3 4 5; do
    key Right
    sleep 0.4
done
check "Right x5 -> slide 6/$SLIDES" wait_title "$CONSOLE" "$(console_title 6)"
park "$QUESTION_1"
park "$QUESTION_2"
shoot 1-parked.png
sleep 2
killed=$(date +%s.%N)
kill -9 "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
APP_PID=
# The X server takes the dead client's windows away a moment later; the
# next start must not find the old console.
for _ in $(seq $((STEP_TIMEOUT * 5))); do
    [[ -z $(window_of cuecard) ]] && break
    sleep 0.2
done

SESSION=$(session_file)
check "the session file is there after kill -9" test -n "$SESSION"
[[ -n $SESSION ]] || bail "no session file in $WORK/home/.local/share/cuecard/sessions"
check "both parked questions are in it" \
    bash -c "grep -q '\"parked\".*$QUESTION_1' '$SESSION' && grep -q '\"parked\".*$QUESTION_2' '$SESSION'"
last_talk=$(talk_of "$(tail -n 1 "$SESSION")")
lost=$(awk -v s="$started" -v k="$killed" -v t="$last_talk" 'BEGIN { printf "%.2f", (k - s) - t }')
echo "# timer ran $(awk -v s="$started" -v k="$killed" 'BEGIN { printf "%.2f", k - s }') s; the last line says $last_talk s"
check "the kill lost at most 1.5 s of the talk (lost $lost s)" fx_true "$lost <= 1.5 && $lost >= -0.5"

# ---------------------------------------------------------------- resume

launch
sleep 1
shoot 2-offer.png
check "second start does not resume by itself (still slide 1/$SLIDES)" \
    test "$(title_of "$CONSOLE")" = "$(console_title 1)"
key Return
check "Enter resumes on slide 6/$SLIDES" wait_title "$CONSOLE" "$(console_title 6)"
shoot 3-resumed.png

resumed=$(grep '"event":"resumed"' "$SESSION" | tail -n 1 || true)
check "the session says it resumed" test -n "$resumed"
check "the talk timer came back at $last_talk s (resumed at $(talk_of "$resumed") s)" \
    fx_true "$(talk_of "$resumed") == $last_talk"
check "and paused, as the offer says" bash -c "grep -A3 '\"event\":\"resumed\"' '$SESSION' | grep -q '\"state\":\"paused\"'"

key t
for _ in 1 2 3 4; do
    key Right
    sleep 0.4
done
check "Right x4 -> slide $SLIDES/$SLIDES" wait_title "$CONSOLE" "$(console_title "$SLIDES")"
shoot 4-last.png
# Next past the last slide: the end of the talk. The room sees black, the
# console sums up the talk, and the record marks the end screen.
key Right
sleep 1
shoot 5-end-of-talk.png
AUDIENCE=$(window_of cuecard-audience)
end_black=$(region_mean "$OUT/5-end-of-talk.png" "$(geometry_of "$AUDIENCE")")
check "Right on slide $SLIDES: the audience window is black (mean $end_black)" fx_true "$end_black < 0.02"
check "the session records the end screen" grep -q '"screen":"end"' "$SESSION"
key ctrl+q
sleep 0.8
key ctrl+q
status=0
for _ in $(seq $((STEP_TIMEOUT * 5))); do
    app_alive || break
    sleep 0.2
done
if app_alive; then
    not_ok "Ctrl+Q twice quits"
    kill -9 "$APP_PID" 2>/dev/null || true
else
    wait "$APP_PID" || status=$?
    check "Ctrl+Q twice quits with status 0 (got $status)" test "$status" -eq 0
fi
APP_PID=
check "the session ends clean" bash -c "tail -n 1 '$SESSION' | grep -q '\"event\":\"ended\",\"clean\":true'"

# ---------------------------------------------------------------- report

REPORT=$WORK/report.txt
(in_home "$BIN" report) >"$REPORT" 2>>"$WORK/app.err" || true
sed 's/^/#   /' "$REPORT"
check "report: all $SLIDES slides, actual against planned" \
    test "$(grep -cE '^ +[0-9]+\. .* plan +[0-9.]+' "$REPORT")" -eq "$SLIDES"
check "report: slide 6 with its plan of 8 minutes" grep -qE '^ +6\. Law Enforcement Collaboration .* plan +8\.0' "$REPORT"
check "report: the first parked question, on slide 6" grep -q "slide 6.*$QUESTION_1" "$REPORT"
check "report: the second parked question, on slide 6" grep -q "slide 6.*$QUESTION_2" "$REPORT"
check "report: the resume after the crash" grep -q "resumed once after a crash" "$REPORT"
check "report: the talk against its 60 planned minutes" grep -q "against 60 planned minutes" "$REPORT"
(in_home "$BIN" report --out "$WORK/report.md") >/dev/null 2>&1 || true
(in_home "$BIN" report --out "$WORK/report.csv") >/dev/null 2>&1 || true
check "report --out report.md has both questions" \
    bash -c "grep -q '$QUESTION_1' '$WORK/report.md' && grep -q '$QUESTION_2' '$WORK/report.md'"
check "report --out report.csv has a row per slide" \
    test "$(grep -c '^slide,' "$WORK/report.csv" 2>/dev/null || echo 0)" -eq "$SLIDES"

summary
[[ $FAILED -eq 0 ]]
