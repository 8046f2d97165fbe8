//! Opens arbitrary bytes as a PDF and renders its first pages small, the
//! way cuecard shows a PDF deck's pages.
//!
//! Invariants checked:
//! - opening and rendering never panic, whatever the bytes; time and
//!   memory are bounded by libFuzzer's `-timeout` and `-rss_limit_mb`
//!   (docs/fuzzing.md gives the values; hayro has no time limit itself);
//! - a refused file's message names the file (`fuzz.pdf: ...`);
//! - a PDF that opens has at least one page, and a rendered page has
//!   exactly the size asked for.
//!
//! See docs/fuzzing.md for how to run it.

#![no_main]

use std::path::Path;

use cuecard::pdf::PdfDocument;
use libfuzzer_sys::fuzz_target;

/// The box pages are rendered into, pixels: a console thumbnail.
const BOX_PX: (u32, u32) = (160, 90);

fuzz_target!(|data: &[u8]| {
    let document = match PdfDocument::from_bytes(data.to_vec(), Path::new("fuzz.pdf")) {
        Ok(document) => document,
        Err(error) => {
            let message = error.to_string();
            assert!(message.starts_with("fuzz.pdf: "), "a message without the file: {message}");
            return;
        }
    };
    assert!(document.page_count() >= 1, "a PDF that opened without pages");
    for index in 0..document.page_count().min(2) {
        let Some(size) = document.page_size(index) else {
            panic!("page {index} of {} has no size", document.page_count());
        };
        let (w, h) = size.fit_within(BOX_PX.0, BOX_PX.1);
        match document.render(index, w, h) {
            Ok(image) => assert_eq!(image.dimensions(), (w, h), "rendered at the wrong size"),
            Err(error) => {
                let message = error.to_string();
                assert!(message.starts_with("fuzz.pdf: "), "a message without the file: {message}");
            }
        }
    }
});
