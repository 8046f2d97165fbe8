//! Loads and validates arbitrary bytes as a deck, the way `cuecard` reads a
//! deck file, and checks that a deck that loads survives being written back.
//!
//! Invariants checked:
//! - `parse` never panics, hangs or runs out of memory, whatever the bytes;
//! - a refused deck has at least one error, and every diagnostic has a
//!   1-based line and column (as `DeckError` and `Location` document);
//! - a deck that loads, written with `to_ron` and parsed again, loads again
//!   and is equal to the first.
//!
//! `folder` is `None`: no file-system access in the fuzz loop.
//! See docs/fuzzing.md for how to run it.

#![no_main]

use std::path::Path;

use cuecard::deck::{parse, to_ron};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.ron");
    let loaded = match parse(data, path, None) {
        Ok(loaded) => loaded,
        Err(error) => {
            assert!(error.first().is_some(), "a refused deck without an error: {error:?}");
            for diagnostic in &error.diagnostics {
                assert!(
                    diagnostic.location.line >= 1 && diagnostic.location.column >= 1,
                    "a location that is not 1-based: {diagnostic:?}"
                );
            }
            // Formatting the messages must not panic either.
            let _ = error.to_string();
            return;
        }
    };
    let written = match to_ron(&loaded.deck) {
        Ok(written) => written,
        Err(error) => panic!("a deck that loaded cannot be written: {error}\n{:#?}", loaded.deck),
    };
    let again = match parse(written.as_bytes(), path, None) {
        Ok(again) => again,
        Err(error) => panic!("a written deck does not load again:\n{error}\n--- written ---\n{written}"),
    };
    assert_eq!(
        loaded.deck, again.deck,
        "the deck changed on the way through to_ron\n--- written ---\n{written}"
    );
});
