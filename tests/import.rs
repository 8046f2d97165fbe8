//! `cuecard import`: the Module 5 guide as a real .docx against the bundled
//! deck, a second guide of other wording, a .pptx made with python-pptx,
//! `--into`, and the bad inputs in tests/fixtures/import/bad/ with their
//! messages. The files are made by tests/fixtures/import/make_fixtures.py.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cuecard::deck::{self, Block, Layout, Note};
use cuecard::import::{self, ImportError, ImportOptions, InputKind, build, guide::Guide};

const FIXTURES: &str = "tests/fixtures/import";

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn guide(name: &str) -> Guide {
    let path = fixture(name);
    let kind = InputKind::of(&path).unwrap();
    import::read_guide(std::fs::read(&path).unwrap(), kind, &path).unwrap()
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A note as (kind, texts): prompts with their ideas, quotes without their
/// source (the guide gives none), minutes left out (the guide gives none).
fn shape(note: &Note) -> (&'static str, Vec<String>) {
    match note {
        Note::Script(t) => ("Script", vec![fold(t)]),
        Note::Tip(t) => ("Tip", vec![fold(t)]),
        Note::SlideText(t) => ("SlideText", vec![fold(t)]),
        Note::Quote { text, .. } => ("Quote", vec![fold(text)]),
        Note::Prompt {
            question, ideas, ..
        } => (
            "Prompt",
            std::iter::once(question)
                .chain(ideas)
                .map(|t| fold(t))
                .collect(),
        ),
    }
}

/// Splits at `.`, `?`, `!` and `;` like tests/deck.rs, trimming quotes and
/// the guide's dashes.
fn sentences(text: &str, out: &mut Vec<String>) {
    let mut current = String::new();
    let mut push = |s: &mut String, out: &mut Vec<String>| {
        let t = fold(
            s.trim()
                .trim_matches(|c: char| c == '-' || c == '"' || c.is_whitespace()),
        );
        if t.chars().any(char::is_alphanumeric) {
            out.push(t);
        }
        s.clear();
    };
    for c in text.chars() {
        if c != ';' {
            current.push(c);
        }
        if matches!(c, '.' | '?' | '!' | ';') {
            push(&mut current, out);
        }
    }
    push(&mut current, out);
}

/// The sentences of the Module 5 guide's text from "Slide One" on, with the
/// markup, headings, markers and "No Notes" removed.
fn source_sentences() -> Vec<String> {
    let text = std::fs::read_to_string(fixture("module5-presenters-guide.txt")).unwrap();
    let start = text.find("Slide One (").unwrap();
    // A page break cuts some paragraphs in two (the second part starts in
    // lower case); the sentence runs on.
    let mut paragraphs: Vec<String> = Vec::new();
    for paragraph in text[start..].split("\n\n").map(fold) {
        match paragraphs.last_mut() {
            Some(last) if paragraph.starts_with(char::is_lowercase) => {
                last.push(' ');
                last.push_str(&paragraph);
            }
            _ => paragraphs.push(paragraph),
        }
    }
    let mut out = Vec::new();
    for mut p in paragraphs {
        if let Some(close) = p.find("):").filter(|_| p.starts_with("Slide ")) {
            p = p[close + 2..].to_owned();
        }
        for marker in [
            "**Here are some ideas if the group needs help**",
            "**(To the audience)**",
            "(To the audience)",
            "No Notes",
            "**",
            "*",
        ] {
            p = p.replace(marker, " ");
        }
        p = p.replace(
            "[A Multidisciplinary Approach](#)",
            "A Multidisciplinary Approach",
        );
        // List items are their own sentences.
        for item in p.split(" - ") {
            sentences(item.trim_start_matches("- "), &mut out);
        }
    }
    out
}

fn deck_sentences(notes: &[&Note]) -> Vec<String> {
    let mut out = Vec::new();
    for note in notes {
        for text in shape(note).1 {
            sentences(&text, &mut out);
        }
    }
    out
}

fn multiset(items: &[String]) -> BTreeMap<&str, usize> {
    let mut map = BTreeMap::new();
    for item in items {
        *map.entry(item.as_str()).or_insert(0) += 1;
    }
    map
}

fn assert_every_sentence_once(guide: &Guide, what: &str) {
    let notes: Vec<&Note> = guide.slides.iter().flat_map(|s| &s.notes).collect();
    let want = source_sentences();
    assert!(
        want.len() > 90,
        "the guide split into only {} sentences",
        want.len()
    );
    let got = deck_sentences(&notes);
    let (want, got) = (multiset(&want), multiset(&got));
    let missing: Vec<_> = want
        .iter()
        .filter(|(s, n)| got.get(*s) != Some(n))
        .collect();
    let extra: Vec<_> = got.iter().filter(|(s, _)| !want.contains_key(*s)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: sentences not present exactly once: {missing:#?}\nnot in the guide: {extra:#?}"
    );
}

#[test]
fn module5_docx_reproduces_the_bundled_decks_notes_kind_by_kind() {
    let imported = guide("module5-guide.docx");
    let bundled = deck::load(Path::new("decks/module5.ron")).unwrap().deck;
    assert_eq!(imported.slides.len(), bundled.slides.len());
    let guide_text = std::fs::read_to_string(fixture("module5-presenters-guide.txt")).unwrap();
    let guide_text = fold(&guide_text);
    let mut from_notes_md = Vec::new();
    for (number, (part, slide)) in imported.slides.iter().zip(&bundled.slides).enumerate() {
        // Notes the deck adds from NOTES.md (checked facts, cuecard's own
        // tips) are not in the guide; everything else must match in order.
        let (expected, added): (Vec<&Note>, Vec<&Note>) = slide.notes.iter().partition(|n| {
            let first = &shape(n).1[0];
            let probe: String = first.chars().take(40).collect();
            guide_text.contains(&probe)
                || guide_text.contains(&probe.replace('"', "“"))
                || first.starts_with("The video is hyperlinked")
        });
        from_notes_md.extend(added.iter().map(|n| (number + 1, shape(n).1[0].clone())));
        let want: Vec<_> = expected.iter().map(|n| shape(n)).collect();
        let got: Vec<_> = part.notes.iter().map(shape).collect();
        assert_eq!(got, want, "slide {}: notes differ", number + 1);
        assert_eq!(
            part.no_notes,
            slide.notes.is_empty(),
            "slide {}",
            number + 1
        );
    }
    // Exactly the three notes the deck says come from NOTES.md.
    assert_eq!(from_notes_md.len(), 3, "{from_notes_md:#?}");
    assert!(
        from_notes_md[0]
            .1
            .starts_with("Correction to the quotation")
    );
    assert!(from_notes_md[1].1.starts_with("Continued Presence is"));
    assert!(from_notes_md[2].1.starts_with("In cuecard, play the video"));
    assert_every_sentence_once(&imported, "module5-guide.docx");
}

#[test]
fn module5_text_guide_keeps_every_sentence_exactly_once() {
    assert_every_sentence_once(&guide("module5-presenters-guide.txt"), "module5 .txt");
}
