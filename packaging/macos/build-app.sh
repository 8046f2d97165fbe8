#!/usr/bin/env bash
# Builds cuecard.app on a Mac (it needs Apple's linker and SDK, so it cannot
# run on Linux; CI on Linux only runs `cargo check` for both Mac targets):
#   dist/cuecard.app                            universal (Apple silicon + Intel)
#   dist/cuecard-VERSION-macos-universal.dmg    drag-to-Applications disk image
#   dist/cuecard-VERSION-macos-universal.zip    the .app zipped (ditto)
#
# Needs: Xcode's command line tools (xcode-select --install) and
#        rustup target add aarch64-apple-darwin x86_64-apple-darwin
# The bundle is signed ad hoc (codesign -s -), which Apple silicon requires
# to run at all; set SIGN_IDENTITY="Developer ID Application: ..." to sign
# for distribution (then notarize: docs/release.md).
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
TARGET_DIR=${CARGO_TARGET_DIR:-target}
DIST=${DIST:-dist}
APP="$DIST/cuecard.app"
NAME="cuecard-$VERSION-macos-universal"

for triple in aarch64-apple-darwin x86_64-apple-darwin; do
    MACOSX_DEPLOYMENT_TARGET=11.0 cargo build --locked --release --target "$triple" --bin cuecard
done

rm -rf "$APP"
mkdir -p "$APP/Contents/MacOS" "$APP/Contents/Resources/decks"
lipo -create -output "$APP/Contents/MacOS/cuecard" \
    "$TARGET_DIR/aarch64-apple-darwin/release/cuecard" \
    "$TARGET_DIR/x86_64-apple-darwin/release/cuecard"
sed "s/@VERSION@/$VERSION/g" packaging/macos/Info.plist >"$APP/Contents/Info.plist"
plutil -lint "$APP/Contents/Info.plist"
printf 'APPL????' >"$APP/Contents/PkgInfo"
cp assets/icon/cuecard.icns "$APP/Contents/Resources/"
cp -R decks/. "$APP/Contents/Resources/decks/"
cp assets/fonts/OFL.txt "$APP/Contents/Resources/LICENSE-fonts-OFL.txt"

if [[ -n ${SIGN_IDENTITY:-} ]]; then
    codesign --force --deep --options runtime --timestamp --sign "$SIGN_IDENTITY" "$APP"
else
    codesign --force --deep --sign - "$APP"
fi
codesign --verify --verbose "$APP"

rm -f "$DIST/$NAME.zip" "$DIST/$NAME.dmg"
ditto -c -k --keepParent "$APP" "$DIST/$NAME.zip"
dmg_root=$(mktemp -d)
trap 'rm -rf "$dmg_root"' EXIT
cp -R "$APP" "$dmg_root/"
ln -s /Applications "$dmg_root/Applications"
hdiutil create -volname "cuecard $VERSION" -srcfolder "$dmg_root" -ov -format UDZO "$DIST/$NAME.dmg"
ls -l "$DIST/$NAME.zip" "$DIST/$NAME.dmg"
