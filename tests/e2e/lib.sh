# Helpers shared by the end-to-end scripts (smoke.sh, screens.sh, pdf.sh).
# Source it after setting APP_PID (the app's pid, or empty) and
# STEP_TIMEOUT (seconds to wait for a key's effect). Needs xdotool,
# xwininfo (x11-utils) and, for the pixel helpers, ImageMagick's convert.
# start_xvfb needs Xvfb and xdpyinfo (x11-utils) and $WORK set.

# Whether the app process still runs (a zombie does not count).
app_alive() {
    [[ -n ${APP_PID:-} ]] || return 1
    kill -0 "$APP_PID" 2>/dev/null || return 1
    local stat
    stat=$(cat "/proc/$APP_PID/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}

# The id of the viewable window of cuecard's whose WM_CLASS instance is
# $1 (cuecard: the console, cuecard-audience: the audience view), or
# nothing.
window_of() {
    local tree id
    tree=$(xwininfo -root -tree 2>/dev/null) || return 0
    for id in $(awk -v want="(\"$1\" \"cuecard\")" 'index($0, want) { print $1 }' <<<"$tree"); do
        if [[ $(xwininfo -id "$id" 2>/dev/null) == *"Map State: IsViewable"* ]]; then
            echo "$id"
            return 0
        fi
    done
}

title_of() { xdotool getwindowname "$1" 2>/dev/null || true; }

# wait_title WINDOW EXPECTED: polls the window's title for $STEP_TIMEOUT s.
wait_title() {
    local tries=$((STEP_TIMEOUT * 5))
    while ((tries-- > 0)); do
        [[ $(title_of "$1") == "$2" ]] && return 0
        app_alive || return 1
        sleep 0.2
    done
    return 1
}

# geometry_of WINDOW: WxH+X+Y of the window on the root.
geometry_of() {
    xwininfo -id "$1" 2>/dev/null | awk '
        /Absolute upper-left X/ { x = $NF } /Absolute upper-left Y/ { y = $NF }
        /^ *Width:/ { w = $NF } /^ *Height:/ { h = $NF }
        END { printf "%sx%s+%s+%s\n", w, h, x, y }'
}

# region_mean PNG GEOMETRY: mean brightness (0..1) of that part of the shot.
region_mean() {
    convert "$1" -crop "$2" +repage -format '%[fx:mean]' info: 2>/dev/null || echo -1
}

# region_diff A B GEOMETRY: normalised RMS difference (0..1) of that part.
region_diff() {
    local d
    d=$(convert "$1" "$2" -crop "$3" +repage -compose difference -composite \
        -colorspace gray -format '%[fx:sqrt(mean*mean+standard_deviation*standard_deviation)]' \
        info: 2>/dev/null) || d=-1
    echo "$d"
}

# fx_true EXPRESSION: evaluates a comparison of decimals with awk.
fx_true() { awk "BEGIN { exit !($1) }"; }

# focus WINDOW: gives it the keyboard (no WM: XSetInputFocus) and waits.
focus() {
    local tries=$((STEP_TIMEOUT * 5)) id
    id=$(printf '%d' "$1")
    while ((tries-- > 0)); do
        xdotool windowfocus "$1" 2>/dev/null || true
        if [[ $(xdotool getwindowfocus 2>/dev/null || true) == "$id" ]]; then
            sleep 0.3 # let winit take the FocusIn before the keys come
            return 0
        fi
        sleep 0.2
    done
    return 1
}

key() { xdotool key --delay 50 "$@"; }

# Starts Xvfb (one 1920x1080 screen) on the first free display number in
# FIRST..LAST and sets DISPLAY_NUM and XVFB_PID; its log goes to
# $WORK/xvfb.log. A failed start (another server won the race) moves on
# to the next number. Returns 1, with DISPLAY_NUM empty, if none started.
start_xvfb() {
    local first=$1 last=$2 n
    DISPLAY_NUM=
    XVFB_PID=
    for n in $(seq "$first" "$last"); do
        [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] && continue
        Xvfb ":$n" -screen 0 1920x1080x24 -nolisten tcp -noreset >"$WORK/xvfb.log" 2>&1 &
        XVFB_PID=$!
        for _ in $(seq 50); do
            if xdpyinfo -display ":$n" >/dev/null 2>&1; then DISPLAY_NUM=$n; return 0; fi
            kill -0 "$XVFB_PID" 2>/dev/null || break
            sleep 0.2
        done
        kill "$XVFB_PID" 2>/dev/null || true
        wait "$XVFB_PID" 2>/dev/null || true
        XVFB_PID=
    done
    return 1
}
