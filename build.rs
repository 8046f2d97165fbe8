//! Embeds the bundled Module 5 deck in the binary, so `cuecard` with no
//! argument presents it from any folder.

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
}
