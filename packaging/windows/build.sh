#!/usr/bin/env bash
# Builds cuecard for Windows on Linux and packages it twice:
#   dist/cuecard-VERSION-windows-x86_64.zip        portable: unzip, run cuecard.exe
#   dist/cuecard-VERSION-windows-x86_64-setup.exe  NSIS installer (per user, no admin)
#
# Needs: rustup target add x86_64-pc-windows-gnu
#        apt-get install gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis zip
# Uses CARGO_TARGET_DIR if set (else target/); PROFILE=release by default.
# --no-build packages an .exe that is already built.
set -euo pipefail
cd "$(dirname "$0")/../.."

TRIPLE=x86_64-pc-windows-gnu
PROFILE=${PROFILE:-release}
TARGET_DIR=${CARGO_TARGET_DIR:-target}
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
DIST=${DIST:-dist}
NAME="cuecard-$VERSION-windows-x86_64"

if [[ ${1:-} != --no-build ]]; then
    cargo build --locked --profile "$PROFILE" --target "$TRIPLE" --bin cuecard
fi
# Cargo names the dev profile's folder "debug".
profile_dir=$PROFILE
[[ $PROFILE == dev ]] && profile_dir=debug
EXE="$TARGET_DIR/$TRIPLE/$profile_dir/cuecard.exe"
[[ -f $EXE ]] || { echo "build.sh: $EXE is missing; build it or drop --no-build" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$NAME/decks" "$DIST"
cp "$EXE" "$stage/$NAME/cuecard.exe"
x86_64-w64-mingw32-strip "$stage/$NAME/cuecard.exe" 2>/dev/null || true
cp assets/icon/cuecard.ico "$stage/$NAME/"
cp -r decks/. "$stage/$NAME/decks/"
# Windows text files: CRLF line ends for Notepad.
sed -e "s/@VERSION@/$VERSION/" -e 's/$/\r/' packaging/windows/README.txt >"$stage/$NAME/README.txt"
sed -e 's/$/\r/' assets/fonts/OFL.txt >"$stage/$NAME/LICENSE-fonts-OFL.txt"

# The portable zip, written beside its final name then renamed, so a
# half-written zip never has the real name.
zip_path="$DIST/$NAME.zip"
rm -f "$zip_path.part"
(cd "$stage" && zip -qr -X - "$NAME") >"$zip_path.part"
mv "$zip_path.part" "$zip_path"

setup_path="$DIST/$NAME-setup.exe"
# makensis writes OUTFILE relative to the script's folder: pass it absolute.
setup_part="$setup_path.part"
[[ $setup_part == /* ]] || setup_part="$PWD/$setup_part"
makensis -V2 -DVERSION="$VERSION" -DSTAGE="$stage/$NAME" \
    -DOUTFILE="$setup_part" packaging/windows/cuecard.nsi
mv "$setup_part" "$setup_path"

ls -l "$zip_path" "$setup_path"
