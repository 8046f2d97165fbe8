//! Feeds arbitrary bytes to the importers: the first byte picks the reader
//! (0 mod 3: `.pptx`, 1: `.docx`, 2: text guide), the rest is the file.
//!
//! Invariants checked:
//! - no reader panics, hangs or runs out of memory, whatever the bytes
//!   (zip bombs, unsafe entry names, malformed XML, odd markup);
//! - a refused file's message starts with the file's name (it says where);
//! - whatever is imported becomes a deck that `to_ron` writes and `parse`
//!   loads without errors, as `cuecard import` requires before it writes.
//!
//! Nothing touches the file system: the readers take bytes.
//! See docs/fuzzing.md for how to run it.

#![no_main]

use std::path::Path;

use cuecard::deck::{parse, to_ron, Deck};
use cuecard::import::{build, pptx, read_guide, InputKind};
use libfuzzer_sys::fuzz_target;

fn loads(deck: &Deck) {
    let text = match to_ron(deck) {
        Ok(text) => text,
        Err(error) => panic!("an imported deck cannot be written: {error}\n{deck:#?}"),
    };
    if let Err(error) = parse(text.as_bytes(), Path::new("fuzz.ron"), None) {
        panic!("an imported deck does not load: {error}\n{text}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, file)) = data.split_first() else {
        return;
    };
    let (name, kind) = match selector % 3 {
        0 => ("fuzz.pptx", InputKind::Pptx),
        1 => ("fuzz.docx", InputKind::Docx),
        _ => ("fuzz.md", InputKind::Text),
    };
    let path = Path::new(name);
    let result = if kind == InputKind::Pptx {
        pptx::read(file.to_vec(), path).map(|imported| imported.into_deck("fuzz-media").0)
    } else {
        read_guide(file.to_vec(), kind, path).map(|guide| build::deck_from_guide(&guide, "Fuzz"))
    };
    match result {
        Ok(deck) => loads(&deck),
        Err(error) => {
            let message = error.to_string();
            assert!(message.starts_with(name), "a message that does not say where: {message}");
        }
    }
});
