#!/usr/bin/env bash
# Packaging checks, run by .ci/run after the end-to-end test (which built
# target/release/cuecard). Each step prints how long it took.
#
# 1. Windows: cross-builds cuecard.exe (release, x86_64-pc-windows-gnu) and
#    checks with mingw's objdump that it is a GUI-subsystem program with an
#    icon and version information; builds the portable zip and the NSIS
#    installer with packaging/windows/build.sh.
# 2. macOS: `cargo check` for aarch64-apple-darwin and x86_64-apple-darwin.
# 3. Linux: builds the .deb (cargo-deb), installs it with dpkg -i, validates
#    the installed desktop entry and AppStream metadata, runs the installed
#    `cuecard check`, and launches the installed cuecard under Xvfb: both
#    windows open, with their WM_CLASS and window icon. Removes it after.
#
# The checks and release builds share the target dir with the release
# build before them, so the host's build scripts and proc macros are built
# once. SKIP_WINDOWS=1 / SKIP_MACOS=1 / SKIP_DEB=1 skip a part; DEB=path
# installs and checks that .deb instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
TARGET_DIR=${CARGO_TARGET_DIR:-target}
export DIST=${DIST:-$TARGET_DIR/dist}
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)

step_start=$SECONDS
step() {
    echo "packaging: $* (previous step $((SECONDS - step_start)) s)"
    step_start=$SECONDS
}
fail() {
    echo "packaging: FAILED: $*" >&2
    exit 1
}

# ------------------------------------------------------------ tools
packages=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis zip unzip file dpkg-dev
  desktop-file-utils appstream shared-mime-info xvfb x11-utils
  libgl1 libegl1 libgl1-mesa-dri libx11-6 libx11-xcb1 libxcb1 libxcursor1 libxrandr2
  libxi6 libxkbcommon0 libxkbcommon-x11-0 libwayland-client0 libwayland-cursor0 libwayland-egl1)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    step "installing ${missing[*]}"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
targets=(x86_64-pc-windows-gnu aarch64-apple-darwin x86_64-apple-darwin)
installed_targets=$(rustup target list --installed)
for t in "${targets[@]}"; do
    grep -qx "$t" <<<"$installed_targets" || { step "rustup target add $t"; rustup target add "$t"; }
done
if ! cargo deb --version >/dev/null 2>&1; then
    step "cargo install cargo-deb"
    cargo install --locked cargo-deb --version 3.8.0
fi

# ------------------------------------------------------------ Windows
if [[ -z ${SKIP_WINDOWS:-} ]]; then
    step "Windows: cargo build --release --target x86_64-pc-windows-gnu"
    cargo build --locked --release --target x86_64-pc-windows-gnu --bin cuecard
    exe="$TARGET_DIR/x86_64-pc-windows-gnu/release/cuecard.exe"
    step "Windows: checking $exe"
    headers=$(x86_64-w64-mingw32-objdump -p "$exe")
    grep -Eq '^Subsystem[[:space:]]+0+2[[:space:]]+\(Windows GUI\)' <<<"$headers" ||
        fail "cuecard.exe is not a windows-subsystem (GUI) program: $(grep Subsystem <<<"$headers")"
    # The resource types: the top level of objdump's .rsrc tree (3 = RT_ICON,
    # 14 = RT_GROUP_ICON, 16 = RT_VERSION).
    resource_types=$(sed -n '/^The .rsrc Resource Directory section:/,$p' <<<"$headers" |
        awk '/^[0-9a-f]+   Entry: ID: / { sub(",", "", $4); print $4 }')
    for type in 0x000003 0x00000e 0x000010; do
        grep -qx "$type" <<<"$resource_types" ||
            fail "cuecard.exe lacks resource type $type (icon 0x3/0xe, version 0x10); it has: $(tr '\n' ' ' <<<"$resource_types")"
    done
    # The version block is UTF-16: FileVersion and the Cargo.toml version.
    version_strings=$(strings -e l "$exe")
    grep -qx "FileVersion" <<<"$version_strings" || fail "cuecard.exe's version resource has no FileVersion"
    grep -qx "$VERSION" <<<"$version_strings" || fail "cuecard.exe's version resource does not say $VERSION"
    grep -qx "cuecard" <<<"$version_strings" || fail "cuecard.exe's version resource has no product name"
    echo "packaging: cuecard.exe: Windows GUI subsystem, icon, version $VERSION"

    step "Windows: portable zip and NSIS installer (packaging/windows/build.sh)"
    bash packaging/windows/build.sh --no-build
    zip_path="$DIST/cuecard-$VERSION-windows-x86_64.zip"
    setup_path="$DIST/cuecard-$VERSION-windows-x86_64-setup.exe"
    listing=$(unzip -l "$zip_path")
    for f in cuecard.exe README.txt decks/module5.ron decks/tour.ron; do
        grep -q "cuecard-$VERSION-windows-x86_64/$f" <<<"$listing" || fail "$zip_path lacks $f"
    done
    file "$setup_path" | grep -q "PE32" || fail "$setup_path is not a Windows program"
    strings -e l "$setup_path" | grep -qx "$VERSION" || fail "$setup_path has no version $VERSION"
fi

# ------------------------------------------------------------ macOS
if [[ -z ${SKIP_MACOS:-} ]]; then
    for t in aarch64-apple-darwin x86_64-apple-darwin; do
        step "macOS: cargo check --release --target $t"
        cargo check --locked --release --target "$t"
    done
    # The bundle's Info.plist must parse and name the bundle id and icon.
    python3 - packaging/macos/Info.plist <<'EOF'
import plistlib, sys
with open(sys.argv[1], "rb") as f:
    plist = plistlib.load(f)
assert plist["CFBundleIdentifier"] == "org.cuecard.Cuecard", plist["CFBundleIdentifier"]
assert plist["CFBundleIconFile"] == "cuecard.icns"
assert plist["NSHighResolutionCapable"] is True
assert plist["CFBundleDocumentTypes"][0]["CFBundleTypeExtensions"] == ["ron"]
print("packaging: Info.plist: bundle id, icon, high resolution, .ron documents")
EOF
fi

# ------------------------------------------------------------ Linux
if [[ -z ${SKIP_DEB:-} ]]; then
    if [[ -n ${DEB:-} ]]; then
        deb=$DEB
    else
        step "Linux: cargo deb"
        [[ -x $TARGET_DIR/release/cuecard ]] || cargo build --locked --release --bin cuecard
        rm -f "$DIST"/cuecard_*.deb
        bash packaging/linux/build-deb.sh --no-build
        deb=$(ls "$DIST"/cuecard_*.deb)
    fi

    step "Linux: dpkg -i $deb"
    cleanup_deb() { $sudo_cmd dpkg -r cuecard >/dev/null 2>&1 || true; }
    $sudo_cmd dpkg -i "$deb"
    installed_deb=1

    XVFB_PID=
    APP_PID=
    WORK=$(mktemp -d)
    cleanup() {
        if [[ -n $APP_PID ]]; then kill "$APP_PID" 2>/dev/null || true; fi
        if [[ -n $XVFB_PID ]]; then kill "$XVFB_PID" 2>/dev/null || true; fi
        if [[ -n ${installed_deb:-} ]]; then cleanup_deb; fi
        rm -rf "$WORK"
    }
    trap cleanup EXIT

    dpkg-deb --info "$deb" | grep -E '^ (Depends|Recommends):'
    [[ $(command -v cuecard) == /usr/bin/cuecard ]] || fail "cuecard is not on PATH at /usr/bin after dpkg -i"
    desktop-file-validate /usr/share/applications/cuecard.desktop
    appstreamcli validate --no-net /usr/share/metainfo/org.cuecard.Cuecard.metainfo.xml
    for size in 16x16 32x32 48x48 128x128 256x256 scalable; do
        ls /usr/share/icons/hicolor/$size/apps/cuecard.* >/dev/null || fail "no $size icon installed"
    done
    # shared-mime-info's dpkg trigger compiled our type into the database.
    grep -q "application/x-cuecard-deck" /usr/share/mime/globs2 ||
        fail "the .ron MIME type is not in /usr/share/mime/globs2 after install"
    grep -q "application/x-cuecard-deck=cuecard.desktop" /usr/share/applications/mimeinfo.cache 2>/dev/null ||
        echo "packaging: note: mimeinfo.cache not updated (desktop-file-utils trigger), association still in the entry"

    step "Linux: installed cuecard check"
    /usr/bin/cuecard --version
    /usr/bin/cuecard check /usr/share/cuecard/decks/module5.ron /usr/share/cuecard/decks/tour.ron

    step "Linux: installed cuecard under Xvfb"
    display=:$((90 + RANDOM % 9))
    Xvfb "$display" -screen 0 1600x900x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 50); do
        DISPLAY=$display xwininfo -root >/dev/null 2>&1 && break
        sleep 0.1
    done
    env -u WAYLAND_DISPLAY DISPLAY="$display" HOME="$WORK" XDG_CONFIG_HOME="$WORK/config" \
        XDG_DATA_HOME="$WORK/data" XDG_CACHE_HOME="$WORK/cache" LIBGL_ALWAYS_SOFTWARE=1 \
        /usr/bin/cuecard >"$WORK/app.out" 2>"$WORK/app.err" &
    APP_PID=$!
    console= audience=
    for _ in $(seq 120); do
        kill -0 "$APP_PID" 2>/dev/null || break
        tree=$(DISPLAY=$display xwininfo -root -tree 2>/dev/null || true)
        console=$(awk 'index($0, "(\"cuecard\" \"cuecard\")") { print $1; exit }' <<<"$tree")
        audience=$(awk 'index($0, "(\"cuecard-audience\" \"cuecard\")") { print $1; exit }' <<<"$tree")
        [[ -n $console && -n $audience ]] && break
        sleep 0.25
    done
    if ! kill -0 "$APP_PID" 2>/dev/null; then
        cat "$WORK/app.err" >&2
        fail "the installed cuecard exited before its windows opened"
    fi
    [[ -n $console ]] || { DISPLAY=$display xwininfo -root -tree >&2; fail "no console window with WM_CLASS \"cuecard\", \"cuecard\""; }
    [[ -n $audience ]] || { DISPLAY=$display xwininfo -root -tree >&2; fail "no audience window with WM_CLASS \"cuecard-audience\", \"cuecard\""; }
    for id in "$console" "$audience"; do
        DISPLAY=$display xprop -id "$id" WM_CLASS
        # As numbers: width, height, then the ARGB pixels.
        DISPLAY=$display xprop -id "$id" -f _NET_WM_ICON 32c _NET_WM_ICON >"$WORK/icon.txt"
        grep -q "^_NET_WM_ICON(CARDINAL) = 256, 256, " "$WORK/icon.txt" ||
            fail "window $id has no 256x256 window icon (_NET_WM_ICON): $(head -c 200 "$WORK/icon.txt")"
    done
    echo "packaging: installed cuecard opened the console and the audience view, with WM_CLASS and icons"
    kill "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
fi
step "done: packaging checks took $SECONDS s in all"
