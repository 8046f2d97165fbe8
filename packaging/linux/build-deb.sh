#!/usr/bin/env bash
# Builds the Linux package dist/cuecard_VERSION-1_amd64.deb with cargo-deb
# (its contents and dependencies are in Cargo.toml, [package.metadata.deb]).
#
# Needs: cargo install cargo-deb --locked   (and dpkg-dev for $auto)
# --no-build packages the target/release/cuecard that is already built
# (CI builds it for the end-to-end test). Honours CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
DIST=${DIST:-dist}
mkdir -p "$DIST"
if [[ ${1:-} != --no-build ]]; then
    cargo build --locked --release --bin cuecard
fi
cargo deb --locked --no-build --output "$DIST/"
ls -l "$DIST"/cuecard_*.deb
