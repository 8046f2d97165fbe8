//! The bad-deck corpus in `tests/fixtures/bad/`: every file must fail to
//! load with the first error listed in [`BAD`], and `cuecard check` must
//! refuse it with exit code 2 and a `path:line:column: error:` line, without
//! panicking. Decks in `tests/fixtures/good/` must load.
//!
//! Lines and columns are 1-based; columns count characters (Unicode scalar
//! values), not bytes, and a tab counts as one column.
//!
//! To add a fixture: put the file in `tests/fixtures/bad/`, run
//! `cargo run -q -- check tests/fixtures/bad/NAME`, check by reading the file
//! that the reported place points at the mistake, and add a row to [`BAD`].

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use cuecard::deck::{Kind, load};

const BAD_DIR: &str = "tests/fixtures/bad";
const GOOD_DIR: &str = "tests/fixtures/good";

/// Fixture file, kind, line and column of the first error, and a piece of
/// its message. Rows marked `SUSPECT` record what the loader says today,
/// although the place or the message could be better (see the comment).
#[rustfmt::skip]
const BAD: &[(&str, Kind, usize, usize, &str)] = &[
    // RON syntax.
    ("syntax_missing_comma.ron", Kind::Syntax, 7, 13, "expected comma"),
    ("syntax_unclosed_string.ron", Kind::Syntax, 6, 20, "expected end of string"),
    // SUSPECT: `notes: [` is never closed; the message says "expected identifier".
    ("syntax_unclosed_bracket.ron", Kind::Syntax, 9, 9, "expected identifier"),
    ("syntax_stray_character.ron", Kind::Syntax, 6, 30, "expected identifier"),
    // SUSPECT: points just after the deck's `)` on line 9, not at the extra `)` on line 10.
    ("syntax_trailing_characters.ron", Kind::Syntax, 9, 2, "trailing characters"),
    ("syntax_semicolon_separator.ron", Kind::Syntax, 2, 27, "expected comma"),
    // SUSPECT: kind WrongType for a JSON-style deck.
    ("syntax_json_style.ron", Kind::WrongType, 1, 1, "expected opening `(` for struct `Deck`"),
    ("syntax_single_quotes.ron", Kind::WrongType, 2, 12, "expected string"),
    // SUSPECT: points two characters into the comment (the `/*` is at column 5).
    ("syntax_unclosed_block_comment.ron", Kind::Syntax, 3, 8, "unclosed block comment"),
    // SUSPECT: points at the start of the string, not at the `\h` (column 34); no hint to write `\\` or `/`.
    ("syntax_bad_escape.ron", Kind::Syntax, 11, 29, "unknown escape character"),
    // Wrong types.
    ("type_title_number.ron", Kind::WrongType, 2, 12, "expected string"),
    ("type_minutes_string.ron", Kind::WrongType, 7, 22, "expected float"),
    ("type_title_list.ron", Kind::WrongType, 6, 20, "expected string"),
    ("type_hidden_string.ron", Kind::WrongType, 7, 21, "expected boolean"),
    ("type_bullets_not_list.ron", Kind::WrongType, 8, 25, "expected opening `[`"),
    // Sub-bullets. SUSPECT: a bad level points at the bullet's closing `)`.
    ("bullet_level_zero.ron", Kind::Syntax, 10, 29, "bullet level 0 is out of range; use a whole number from 1"),
    ("bullet_level_decimal.ron", Kind::Syntax, 10, 29, "bullet level 1.5 is not a whole number"),
    ("bullet_unknown_field.ron", Kind::UnknownField, 10, 32, "field named `txt`"),
    ("bullet_missing_text.ron", Kind::MissingField, 10, 30, "missing field named `text`"),
    // Unknown and duplicate fields.
    ("unknown_field_notez.ron", Kind::UnknownField, 7, 13, "field named `notez` in `Slide`"),
    ("unknown_field_deck_level.ron", Kind::UnknownField, 3, 5, "field named `durationMinutes` in `Deck`"),
    ("unknown_field_link.ron", Kind::UnknownField, 10, 21, "field named `href` in `Link`"),
    ("unknown_field_prompt.ron", Kind::UnknownField, 10, 21, "field named `answers` in `Prompt`"),
    ("duplicate_field_title.ron", Kind::DuplicateField, 8, 13, "duplicate field named `title`"),
    // Missing fields. SUSPECT (all): the place is the struct's closing `)`.
    ("missing_deck_title.ron", Kind::MissingField, 9, 1, "missing field named `title` in `Deck`"),
    // `slides` may be left out when the deck names a `pdf`, so cuecard, not
    // ron, reports it missing (at the deck's closing parenthesis, as ron did).
    ("missing_slides.ron", Kind::MissingField, 4, 1, "missing field `slides`; add `slides: [...]`"),
    ("missing_slide_id.ron", Kind::MissingField, 7, 9, "missing field named `id` in `Slide`"),
    // A slide showing a PDF `page` needs no title, so cuecard reports a
    // missing one, at the slide's `id:`.
    ("missing_slide_title.ron", Kind::MissingField, 5, 13, "missing field `title`; add `title: \"...\"`"),
    ("missing_link_url.ron", Kind::MissingField, 11, 17, "missing field named `url` in `Link`"),
    ("missing_image_alt.ron", Kind::MissingField, 8, 46, "missing field named `alt` in `Image`"),
    // Enum variants.
    ("variant_layout_titel.ron", Kind::UnknownVariant, 7, 21, "variant named `Titel` in enum `Layout`"),
    ("variant_note_tipp.ron", Kind::UnknownVariant, 9, 17, "variant named `Tipp` in enum `Note`"),
    ("variant_block_kind.ron", Kind::UnknownVariant, 8, 17, "variant named `BulletList` in enum `Block`"),
    ("variant_layout_string.ron", Kind::Syntax, 7, 21, "expected identifier"),
    // Numbers.
    ("minutes_1e400.ron", Kind::BadMinutes, 7, 13, "too large a number"),
    ("version_beyond_u32.ron", Kind::WrongType, 2, 14, "integer is out of bounds"),
    // SUSPECT: points at the `1`, not the `-` (column 14).
    ("version_negative.ron", Kind::WrongType, 2, 15, "integer is out of bounds"),
    ("minutes_negative.ron", Kind::BadMinutes, 7, 13, "is -5 minutes"),
    ("minutes_absurd.ron", Kind::BadMinutes, 7, 13, "is 100000 minutes"),
    ("duration_negative.ron", Kind::BadMinutes, 3, 5, "planned duration is -45 minutes"),
    ("prompt_minutes_absurd.ron", Kind::BadMinutes, 11, 21, "discussion time is 3000 minutes"),
    ("minutes_after_notes.ron", Kind::BadMinutes, 10, 13, "planned time is -3 minutes"),
    ("version_99.ron", Kind::Version, 2, 5, "version 99"),
    // Empty and duplicate values, no slides.
    ("empty_slide_title.ron", Kind::Empty, 6, 13, "the title is empty"),
    ("empty_slide_title_before_id.ron", Kind::Empty, 5, 13, "the title is empty"),
    ("empty_slide_id.ron", Kind::Empty, 9, 13, "the id is empty"),
    ("blank_deck_title.ron", Kind::Empty, 2, 5, "the deck's title is empty"),
    ("blank_deck_title_after_comment.ron", Kind::Empty, 3, 5, "the deck's title is empty"),
    ("empty_link_title.ron", Kind::Empty, 9, 28, "a link has an empty title"),
    // Points at the image's path, on the same line as the blank alt.
    ("empty_image_alt.ron", Kind::Empty, 8, 41, "has no alt text"),
    ("duplicate_slide_id.ron", Kind::DuplicateId, 13, 13, "id \"intro\" is already used by slide 1"),
    ("no_slides.ron", Kind::NoSlides, 3, 5, "the deck has no slides"),
    // Links.
    ("url_javascript.ron", Kind::BadUrl, 10, 26, "\"javascript:alert(1)\" is not one"),
    ("url_file_passwd.ron", Kind::BadUrl, 10, 26, "\"file:///etc/passwd\" is not one"),
    ("url_transcript_data.ron", Kind::BadUrl, 11, 33, "transcript: only http:// and https://"),
    ("url_no_host.ron", Kind::BadUrl, 10, 26, "is not a well-formed web address"),
    // Every hostile form at once; tests/links.rs checks each of its diagnostics.
    ("links_hostile.ron", Kind::RunsProgram, 10, 43, "leads to \"setup.exe\", a Windows program"),
    // Local media and image paths.
    ("media_dotdot.ron", Kind::PathEscapes, 11, 28, "\"../../secret.mp4\" leaves the deck's folder"),
    ("media_absolute.ron", Kind::PathEscapes, 11, 28, "\"/etc/passwd.mp4\" is absolute"),
    ("media_exe.ron", Kind::NotMedia, 11, 28, "is not a media file"),
    ("media_windows_drive.ron", Kind::PathEscapes, 11, 28, r#""C:\\video.mp4" is absolute"#),
    ("media_unc.ron", Kind::PathEscapes, 11, 28, r#""\\\\server\\share\\v.mp4" is absolute"#),
    ("media_home_tilde.ron", Kind::PathEscapes, 11, 28, "\"~/Videos/intro.mp4\" is absolute"),
    ("image_outside_folder.ron", Kind::PathEscapes, 9, 27, "leaves the deck's folder"),
    ("image_empty_path.ron", Kind::Empty, 8, 29, "the file path is empty"),
    // Unusual Unicode. Columns count characters (code points): the emoji U+1F44B U+1F3FD
    // is two columns, an e with a combining U+0300 is two.
    ("unicode_rlm_in_field_name.ron", Kind::UnknownField, 7, 13, "field named `not` in `Slide`"),
    ("unicode_zwsp_in_field_name.ron", Kind::UnknownField, 6, 13, "field named `ti` in `Slide`"),
    ("unicode_emoji_as_value.ron", Kind::WrongType, 7, 22, "expected float"),
    ("unicode_combining_then_missing_comma.ron", Kind::Syntax, 5, 53, "expected comma"),
    ("unicode_emoji_then_missing_comma.ron", Kind::Syntax, 5, 46, "expected comma"),
    ("unicode_emoji_title_then_bad_url.ron", Kind::BadUrl, 9, 53, "\"file:///C:/Users/Public/intro.mp4\" is not one"),
    ("unicode_nbsp_before_colon.ron", Kind::WrongType, 5, 16, "expected string"),
    ("unicode_smart_quotes.ron", Kind::WrongType, 2, 12, "expected string"),
    // Hostile and odd files.
    ("long_line.ron", Kind::Syntax, 7, 20053, "expected comma"),
    ("deep_nesting.ron", Kind::WrongType, 3, 14, "expected opening `(` for struct `Slide`"),
    ("nesting_65.ron", Kind::WrongType, 3, 14, "expected opening `(` for struct `Slide`"),
    ("invalid_utf8.ron", Kind::NotUtf8, 6, 24, "not UTF-8"),
    ("utf16le.ron", Kind::NotUtf8, 1, 1, "not UTF-8"),
    ("binary_garbage.ron", Kind::NotADeck, 1, 1, "is a picture, not a deck"),
    ("nul_byte.ron", Kind::Syntax, 2, 28, "expected identifier"),
    ("empty.ron", Kind::Syntax, 1, 1, "the file is empty"),
    ("whitespace_only.ron", Kind::Syntax, 1, 1, "the file is empty"),
    ("only_comment.ron", Kind::Syntax, 1, 1, "there is no deck in this file"),
    // The BOM is not counted as a column (with it, the `s` would be column 26).
    ("bom_then_error.ron", Kind::Syntax, 1, 25, "expected comma"),
    ("crlf_missing_comma.ron", Kind::Syntax, 4, 5, "expected comma"),
    ("tabs_missing_comma.ron", Kind::Syntax, 6, 4, "expected comma"),
];

fn bad_path(name: &str) -> String {
    format!("{BAD_DIR}/{name}")
}

fn file_names(dir: &str) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {dir}: {e}"))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect()
}

#[test]
fn table_covers_every_bad_fixture() {
    let mut rows = BTreeSet::new();
    for (name, ..) in BAD {
        assert!(
            rows.insert((*name).to_owned()),
            "{name} has two rows in BAD"
        );
    }
    let files = file_names(BAD_DIR);
    let without_row: Vec<_> = files.difference(&rows).collect();
    let without_file: Vec<_> = rows.difference(&files).collect();
    assert!(
        without_row.is_empty(),
        "fixtures in {BAD_DIR} without a row in BAD: {without_row:?}"
    );
    assert!(
        without_file.is_empty(),
        "rows in BAD without a file in {BAD_DIR}: {without_file:?}"
    );
    assert!(files.len() >= 32, "only {} bad fixtures", files.len());
    for name in &files {
        let size = std::fs::metadata(bad_path(name)).unwrap().len();
        assert!(
            size < 100 * 1024,
            "{name} is {size} bytes; keep fixtures under 100 KB"
        );
    }
}

#[test]
fn bad_fixtures_report_the_expected_first_error() {
    let mut failures = Vec::new();
    for &(name, kind, line, column, needle) in BAD {
        let path = bad_path(name);
        let error = match load(Path::new(&path)) {
            // A refused link or media path does not stop the show (its
            // button explains), but it is an error all the same.
            Ok(loaded)
                if loaded
                    .diagnostics
                    .iter()
                    .any(|d| d.is_error() && d.kind.is_presentable()) =>
            {
                cuecard::deck::DeckError {
                    diagnostics: loaded.diagnostics,
                }
            }
            Ok(loaded) => {
                failures.push(format!(
                    "{name}: loaded, with diagnostics {:?}",
                    loaded.diagnostics
                ));
                continue;
            }
            Err(error) => error,
        };
        let Some(first) = error.diagnostics.first() else {
            failures.push(format!("{name}: an error without diagnostics"));
            continue;
        };
        let actual = format!(
            "(\"{name}\", Kind::{:?}, {}, {}, ...) // {}",
            first.kind, first.location.line, first.location.column, first.message
        );
        if !first.is_error() || error.first() != Some(first) {
            failures.push(format!(
                "{name}: the first diagnostic is not an error: {first}"
            ));
        }
        if (first.kind, first.location.line, first.location.column) != (kind, line, column) {
            failures.push(format!(
                "{name}: expected Kind::{kind:?} at {line}:{column}, got {actual}"
            ));
        }
        if !first.message.contains(needle) {
            failures.push(format!(
                "{name}: message does not contain {needle:?}: {actual}"
            ));
        }
        let prefix = format!("{path}:{line}:{column}: error: ");
        if !first.to_string().starts_with(&prefix) {
            failures.push(format!(
                "{name}: display {first:?} does not start with {prefix:?}"
            ));
        }
        for diagnostic in &error.diagnostics {
            let prefix = format!(
                "{path}:{}:{}: {}: ",
                diagnostic.location.line,
                diagnostic.location.column,
                diagnostic.severity.label()
            );
            let shown = diagnostic.to_string();
            if !shown.starts_with(&prefix)
                || diagnostic.location.line == 0
                || diagnostic.location.column == 0
            {
                failures.push(format!(
                    "{name}: display {shown:?} does not start with {prefix:?}"
                ));
            }
            if !error.to_string().lines().any(|l| l == shown) {
                failures.push(format!(
                    "{name}: DeckError's display lacks the line {shown:?}"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn check_command_refuses_every_bad_fixture() {
    let mut failures = Vec::new();
    for &(name, _, line, column, _) in BAD {
        let path = bad_path(name);
        let output = Command::new(env!("CARGO_BIN_EXE_cuecard"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .arg("check")
            .arg(&path)
            .output()
            .unwrap_or_else(|e| panic!("cannot run cuecard check {path}: {e}"));
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let expected = format!("{path}:{line}:{column}: error: ");
        if output.status.code() != Some(2) {
            failures.push(format!("{name}: exit status {}, expected 2", output.status));
        }
        if !stderr.contains("error:") || !stderr.contains(&format!("{path}:")) {
            failures.push(format!(
                "{name}: stderr lacks `{path}:...: error:`: {stderr:?}"
            ));
        }
        if !stderr
            .lines()
            .next()
            .is_some_and(|l| l.starts_with(&expected))
        {
            failures.push(format!(
                "{name}: stderr does not start with {expected:?}: {stderr:?}"
            ));
        }
        if stderr.contains("panicked") || stdout.contains("panicked") {
            failures.push(format!("{name}: panicked: {stderr}"));
        }
        // Only a deck that can still be presented gets a summary, and it
        // says the deck has errors.
        if !stdout.trim().is_empty() && !stdout.contains(": has errors:") {
            failures.push(format!("{name}: unexpected summary on stdout: {stdout:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn good_fixtures_load() {
    let names = file_names(GOOD_DIR);
    assert!(
        names.contains("bom.ron"),
        "tests/fixtures/good/bom.ron is missing"
    );
    for name in &names {
        let path = format!("{GOOD_DIR}/{name}");
        match load(Path::new(&path)) {
            Ok(loaded) => assert!(
                loaded.diagnostics.iter().all(|d| !d.is_error()),
                "{path}: {:?}",
                loaded.diagnostics
            ),
            Err(error) => panic!("{path} should load:\n{error}"),
        }
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let path = format!("{GOOD_DIR}/bom.ron");
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF("),
        "{path} must start with a UTF-8 BOM and `(`"
    );
    let loaded = load(Path::new(&path)).unwrap_or_else(|e| panic!("{path} should load:\n{e}"));
    assert_eq!(loaded.deck.title, "Safety Basics");
    assert_eq!(loaded.deck.slides.len(), 1);
    assert_eq!(loaded.deck.slides[0].id, "intro");
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
}
