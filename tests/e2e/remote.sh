#!/usr/bin/env bash
# The phone remote in a real browser: runs tests/remote_browser.rs, which
# starts the remote on 127.0.0.1 behind a real presentation of Module 5,
# drives Debian's chromium (headless, 390x844) through chromedriver, and
# writes the phone screenshots to docs/screenshots/remote-phone*.png.
#
# Needs: apt-get install chromium chromium-driver
# Only loopback traffic; chromium runs with its background networking off
# and a fresh profile.
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in /usr/bin/chromium /usr/bin/chromedriver; do
  if [ ! -x "$tool" ]; then
    echo "not ok - $tool is missing: apt-get install chromium chromium-driver" >&2
    exit 1
  fi
done

profile=()
[ "${1:-}" = "--release" ] && profile=(--release)

if cargo test "${profile[@]}" --test remote_browser -- --ignored --test-threads=1; then
  echo "ok - phone remote in chromium: pairs, Next arrives, notes match, unpairs"
  ls -1 docs/screenshots/remote-phone*.png
else
  echo "not ok - phone remote in chromium" >&2
  exit 1
fi
