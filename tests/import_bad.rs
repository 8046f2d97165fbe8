//! `cuecard import` on bad input: the files in tests/fixtures/import/bad/
//! (made by `tests/fixtures/import/make_fixtures.py`) with their messages,
//! damaged copies of the good test files, and unknown extensions.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::path::{Path, PathBuf};

use cuecard::deck;
use cuecard::import::{self, ImportError, ImportOptions, InputKind, build};

const FIXTURES: &str = "tests/fixtures/import";

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

#[test]
fn bad_inputs_are_refused_with_what_to_do_and_nothing_is_written() {
    let cases = [
        ("truncated.pptx", "is damaged or is not a .pptx file"),
        ("not-a-zip.docx", "it is not a zip archive"),
        (
            "legacy-binary.pptx",
            "old binary Office file (.ppt or .doc)",
        ),
        (
            "encrypted.docx",
            "protected with a password; open it in Word, remove the password",
        ),
        (
            "pptx-renamed.docx",
            "this is a PowerPoint deck (.pptx), not a Word document (.docx); rename it to end in .pptx",
        ),
        (
            "docx-renamed.pptx",
            "this is a Word document (.docx), not a PowerPoint deck (.pptx); rename it to end in .docx",
        ),
        (
            "dotdot.pptx",
            "entry named \"../../evil.png\", which points outside its folder",
        ),
        (
            "absolute.docx",
            "entry named \"/tmp/evil.txt\", which points outside its folder",
        ),
        (
            "bomb-size.docx",
            "word/document.xml says it inflates to 41943065 bytes, more than the 33554432 allowed; cuecard refuses it as a possible zip bomb",
        ),
        (
            "bomb-entries.pptx",
            "the archive has 5101 entries, more than 5000",
        ),
        // A zip that says its entry inflates small but inflates big:
        // stopped at the declared size, not trusted.
        (
            "bomb-lying-size.docx",
            "word/document.xml cannot be inflated: File is larger than its declared uncompressed size",
        ),
        // A zip encrypted with a password (not Office's own encryption).
        (
            "zip-password.docx",
            "the file is protected with a password; open it in Word, remove the password",
        ),
        ("empty-guide.docx", "the guide has no text"),
        ("empty-guide.txt", "the guide has no text"),
        (
            "no-headings.docx",
            "no slide headings found; cuecard splits a guide at paragraphs that start like \"Slide One (Title Slide):\"",
        ),
        (
            "latin1.txt",
            "the guide is not UTF-8 text (byte 14); save it as UTF-8",
        ),
    ];
    let root = common::temp_dir("import-bad");
    for (name, wanted) in cases {
        let out_dir = root.join(name.replace('.', "-"));
        std::fs::create_dir_all(&out_dir).unwrap();
        let options = ImportOptions {
            output: Some(out_dir.join("deck.ron")),
            ..ImportOptions::default()
        };
        let path = Path::new(FIXTURES).join("bad").join(name);
        let error = import::run(&path, &options).expect_err(name).to_string();
        assert!(
            error.starts_with(&path.display().to_string()),
            "{name}: {error}"
        );
        assert!(error.contains(wanted), "{name}: {error}");
        assert_eq!(
            std::fs::read_dir(&out_dir).unwrap().count(),
            0,
            "{name} wrote something"
        );
    }
    assert_eq!(
        std::fs::read_dir(&root).unwrap().count(),
        cases.len(),
        "something was written beside the folders"
    );
    assert!(!root.join("../../evil.png").exists());
    // The command says so on stderr and exits 2.
    let bad = fixture("bad/encrypted.docx");
    let (code, stdout, stderr) = common::cuecard(&[
        "import",
        bad.to_str().unwrap(),
        "-o",
        root.join("x.ron").to_str().unwrap(),
    ]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.starts_with("error: ") && stderr.contains("password"),
        "{stderr}"
    );
}

#[test]
fn other_extensions_and_pdf_are_named() {
    let error = import::run(Path::new("deck.key"), &ImportOptions::default()).unwrap_err();
    assert!(
        error.to_string().contains("this file ends in \".key\""),
        "{error}"
    );
    let into = ImportOptions {
        into: Some("deck.ron".into()),
        ..ImportOptions::default()
    };
    let error = import::run(&fixture("sample.pptx"), &into).unwrap_err();
    assert!(
        matches!(error, ImportError::IntoNeedsGuide { .. }),
        "{error}"
    );
    // A PDF is a deck of its own (`cuecard import x.pdf`), not a guide to
    // merge into a deck: the message says what to type instead.
    let error = import::run(Path::new("deck.pdf"), &into).unwrap_err();
    assert!(matches!(error, ImportError::PdfInto { .. }), "{error}");
    let message = error.to_string();
    assert!(
        message.starts_with("deck.pdf: --into takes a presenter's guide")
            && message.contains("cuecard import deck.pdf [-o DECK.ron]"),
        "{message}"
    );
}

/// The fuzz target's invariants (`fuzz/fuzz_targets/import.rs`) on a fixed
/// set of damaged copies of the test files, so `cargo test` checks them
/// without cargo-fuzz: flipped bytes, cut files and overwritten runs never
/// panic, every refusal says which file, and whatever imports loads as a
/// deck.
#[test]
fn damaged_copies_of_the_test_files_never_panic_and_import_only_loadable_decks() {
    let files = [
        ("sample.pptx", InputKind::Pptx),
        ("second-guide.docx", InputKind::Docx),
        ("module5-guide.docx", InputKind::Docx),
        ("second-guide.md", InputKind::Text),
        ("module5-presenters-guide.txt", InputKind::Text),
    ];
    // A fixed xorshift generator: the same damage on every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut imported = 0;
    for (name, kind) in files {
        let original = std::fs::read(fixture(name)).unwrap();
        let path = Path::new(name);
        for round in 0..120 {
            let mut bytes = original.clone();
            let len = bytes.len() as u64;
            match round % 3 {
                0 => {
                    for _ in 0..=(next() % 8) {
                        let at = (next() % len) as usize;
                        bytes[at] ^= 1 << (next() % 8);
                    }
                }
                1 => bytes.truncate((next() % len) as usize),
                _ => {
                    let at = (next() % len) as usize;
                    let end = (at + 1 + (next() % 64) as usize).min(bytes.len());
                    let fill = b"*(To the audience)* ;- **Slide 9 (x):** [a](https://b)"
                        [(next() % 8) as usize];
                    bytes[at..end].fill(fill);
                }
            }
            let result = if kind == InputKind::Pptx {
                import::pptx::read(bytes, path).map(|p| p.into_deck("m").0)
            } else {
                import::read_guide(bytes, kind, path).map(|g| build::deck_from_guide(&g, "T"))
            };
            match result {
                Ok(deck) => {
                    imported += 1;
                    let text = deck::to_ron(&deck).unwrap();
                    if let Err(error) = deck::parse(text.as_bytes(), Path::new("t.ron"), None) {
                        panic!("{name} round {round}: the imported deck does not load: {error}");
                    }
                }
                Err(error) => {
                    let message = error.to_string();
                    assert!(message.starts_with(name), "{name} round {round}: {message}");
                }
            }
        }
    }
    // Text damage mostly still imports; zip damage mostly does not.
    assert!(imported > 100, "only {imported} damaged copies imported");
}
