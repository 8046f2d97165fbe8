//! Embeds the bundled Module 5 deck in the binary, so `cuecard` with no
//! argument presents it from any folder; for Windows targets, also embeds
//! the app icon and version information in cuecard.exe.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=decks/module5.ron");
    let Ok(out_dir) = std::env::var("OUT_DIR") else {
        println!("cargo:warning=OUT_DIR is not set; cannot embed the Module 5 deck");
        std::process::exit(1);
    };
    let target = Path::new(&out_dir).join("module5.ron");
    if let Err(error) = std::fs::copy("decks/module5.ron", &target) {
        println!("cargo:warning=cannot embed decks/module5.ron: {error}");
        std::process::exit(1);
    }
    // The build script runs on the host: ask Cargo about the target.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        windows_resources();
    }
}

/// Icon, version and product name in the .exe (Explorer's Properties >
/// Details, the taskbar, the installer's shortcuts). The version comes
/// from Cargo.toml's `package.version`, the names from
/// `[package.metadata.winresource]`. Cross-building from Linux runs
/// mingw's `x86_64-w64-mingw32-windres` (Debian's binutils-mingw-w64).
fn windows_resources() {
    const ICON: &str = "assets/icon/cuecard.ico";
    println!("cargo:rerun-if-changed={ICON}");
    let Ok(manifest_dir) = std::env::var("CARGO_MANIFEST_DIR") else {
        println!("cargo:warning=CARGO_MANIFEST_DIR is not set; cannot embed the icon");
        std::process::exit(1);
    };
    let icon = Path::new(&manifest_dir).join(ICON);
    let mut resource = winresource::WindowsResource::new();
    resource.set_icon(&icon.to_string_lossy());
    if let Err(error) = resource.compile() {
        println!(
            "cargo:warning=cannot embed the icon and version in cuecard.exe ({error}); \
             cross-building from Linux needs mingw's windres: apt-get install binutils-mingw-w64-x86-64"
        );
        std::process::exit(1);
    }
}
