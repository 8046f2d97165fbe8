# "ok - ..." / "not ok - ..." lines and their count, for pdf.sh, repaint.sh and
# session.sh. Source it after setting PASSED=0, FAILED=0 and WORK (empty
# until the work folder exists); bail prints the tail of $WORK/app.err.

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
