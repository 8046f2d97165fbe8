#!/usr/bin/env bash
# Regenerates every icon in assets/icon/ from assets/icon/cuecard.svg:
#   png/cuecard-N.png  the Linux hicolor sizes and the window icon (256)
#   cuecard.ico        the Windows .exe and installer icon (16..256)
#   cuecard.icns       the macOS .app icon (16..512)
# The results are committed, so a build never needs these tools; run this
# only after editing the SVG.
# Needs Debian's librsvg2-bin (rsvg-convert), icoutils (icotool) and
# icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")/../assets/icon"
mkdir -p png
for size in 16 22 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" cuecard.svg -o "png/cuecard-$size.png"
done
icotool -c -o cuecard.ico png/cuecard-{16,24,32,48,64}.png -r png/cuecard-256.png
png2icns cuecard.icns png/cuecard-{16,32,128,256,512}.png >/dev/null
ls -l cuecard.ico cuecard.icns png/
