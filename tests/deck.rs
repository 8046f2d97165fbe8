//! The deck format end to end: the bundled decks, round trips, the
//! presenter's guide, hostile input, and `cuecard check`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::cuecard;

use std::path::{Path, PathBuf};

use cuecard::deck::{self, Block, Deck, Kind, Note, Severity};

fn bundled_decks() -> Vec<PathBuf> {
    let mut decks: Vec<PathBuf> = std::fs::read_dir("decks")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    decks.sort();
    decks
}

#[test]
fn every_bundled_deck_loads_without_errors_or_warnings() {
    let decks = bundled_decks();
    assert!(decks.iter().any(|p| p.ends_with("module5.ron")));
    for path in decks {
        let loaded = deck::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let bad: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .map(ToString::to_string)
            .collect();
        assert!(bad.is_empty(), "{}: {bad:#?}", path.display());
    }
}

#[test]
fn module5_has_the_shape_of_the_guide() {
    let deck = deck::load(Path::new("decks/module5.ron")).unwrap().deck;
    assert_eq!(deck.slides.len(), 10);
    assert_eq!(
        deck.title,
        "Service Provider and Law Enforcement Collaboration"
    );
    // Slide ten has no notes; slide eight warns the presenter.
    assert!(deck.slides[9].notes.is_empty());
    assert!(deck.slides[7].content_note.is_some());
    // Slide nine links the video, with a transcript and room for a local copy.
    let link = &deck.slides[8].links[0];
    assert_eq!(
        link.url,
        "https://ovc.ncjrs.gov/humantrafficking/publicawareness.html"
    );
    assert!(
        link.transcript
            .as_deref()
            .unwrap()
            .contains("Transcript_A_Multidisciplinary_Approach")
    );
    assert!(link.local.is_some());
    // The case study's form number is kept as quoted, with a correcting tip.
    let notes = &deck.slides[7].notes;
    assert!(
        notes
            .iter()
            .any(|n| matches!(n, Note::Quote { text, .. } if text.contains("I-918B")))
    );
    assert!(notes.iter().any(
        |n| matches!(n, Note::Tip(t) if t.contains("I-914 Supplement B") && t.contains("uscis.gov"))
    ));
    // On-slide text from the guide.
    let bullets = |i: usize| -> Vec<String> {
        deck.slides[i]
            .content
            .iter()
            .filter_map(|b| match b {
                Block::Bullets(items) => {
                    Some(items.iter().map(|b| b.text.clone()).collect::<Vec<_>>())
                }
                _ => None,
            })
            .flatten()
            .collect()
    };
    assert_eq!(bullets(2).len(), 3, "three learning objectives");
    assert_eq!(
        bullets(4),
        [
            "Focused Missions",
            "Limited Resources",
            "A Multidisciplinary Focus"
        ]
    );
    assert_eq!(bullets(6).len(), 8, "two lists of four on slide seven");
    assert!(
        matches!(&deck.slides[1].content[0], Block::Paragraph(t) if t.contains("grant #2020-NZ-NX-0001"))
    );
}

#[test]
fn a_deck_written_back_to_ron_parses_to_the_same_deck() {
    for path in bundled_decks() {
        let deck = deck::load(&path).unwrap().deck;
        let text = deck::to_ron(&deck).unwrap();
        let again = deck::parse(text.as_bytes(), &path, None)
            .unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()))
            .deck;
        assert_eq!(deck, again, "{}", path.display());
    }
}

#[test]
fn sub_bullets_keep_their_levels_through_a_round_trip() {
    let path = Path::new("tests/fixtures/good/sub_bullets.ron");
    let deck = deck::load(path).unwrap().deck;
    let [Block::Bullets(items)] = &deck.slides[0].content[..] else {
        panic!("one list: {:?}", deck.slides[0].content);
    };
    let levels: Vec<(u8, &str)> = items.iter().map(|b| (b.level, b.text.as_str())).collect();
    assert_eq!(
        levels,
        [
            (1, "Law enforcement"),
            (2, "Investigations"),
            (2, "Task forces"),
            (3, "Federal and state"),
            (1, "Service providers"),
            (1, "Courts"),
        ]
    );
    // Written back: top-level bullets stay plain strings, so decks without
    // sub-bullets look as they always did; sub-bullets say their level.
    let text = deck::to_ron(&deck).unwrap();
    assert!(text.contains("\"Law enforcement\","), "{text}");
    assert!(text.contains("\"Courts\","), "{text}");
    assert!(
        text.contains("level: 2") && text.contains("text: \"Investigations\""),
        "{text}"
    );
    assert!(!text.contains("level: 1"), "{text}");
    let again = deck::parse(text.as_bytes(), path, None).unwrap().deck;
    assert_eq!(deck, again);
}

#[test]
fn a_sub_bullet_without_a_parent_is_a_warning_at_its_text() {
    let source = r#"(
    title: "T",
    slides: [
        (
            id: "a",
            title: "A",
            content: [
                Bullets([(level: 2, text: "Orphan"), "Top", (level: 3, text: "Too deep"), (level: 2, text: "Fine")]),
            ],
        ),
    ],
)"#;
    let loaded = deck::parse(source.as_bytes(), Path::new("t.ron"), None).unwrap();
    let found: Vec<(usize, usize, &str)> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.kind == Kind::BulletLevel)
        .map(|d| (d.location.line, d.location.column, d.message.as_str()))
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        loaded
            .diagnostics
            .iter()
            .all(|d| d.severity == Severity::Warning)
    );
    // Each at the bullet's text, saying what to do.
    let (line, column, message) = found[0];
    assert_eq!((line, column), (8, 43), "{message}");
    assert!(
        message.contains("starts with a level-2 bullet \"Orphan\""),
        "{message}"
    );
    assert!(message.contains("make it level 1"), "{message}");
    let (line, column, message) = found[1];
    assert_eq!((line, column), (8, 78), "{message}");
    assert!(
        message.contains("\"Too deep\" is at level 3 right after a level-1"),
        "{message}"
    );
    assert!(message.contains("make it level 2"), "{message}");
    // The deck still loads and shows the bullets as written.
    let [Block::Bullets(items)] = &loaded.deck.slides[0].content[..] else {
        panic!("one list");
    };
    assert_eq!(
        items.iter().map(|b| b.level).collect::<Vec<_>>(),
        [2, 1, 3, 2]
    );
}

#[test]
fn an_empty_bullet_is_a_warning_and_long_bullets_are_quoted_short() {
    let long = "Partners ".repeat(20);
    let source = format!(
        r#"(title: "T", slides: [(id: "a", title: "A", content: [Bullets(["Top", " ", (level: 3, text: "{long}")])])])"#
    );
    let loaded = deck::parse(source.as_bytes(), Path::new("t.ron"), None).unwrap();
    let messages: Vec<&str> = loaded
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(
        messages[0].contains("an empty bullet")
            && messages[0].contains("write its text or remove it"),
        "{messages:#?}"
    );
    // The level warning quotes the start of the 180-character bullet.
    assert!(messages[1].contains("\"Partners Partners"), "{messages:#?}");
    assert!(messages[1].contains("…\" is at level 3"), "{messages:#?}");
    assert!(messages[1].len() < 200, "{}", messages[1]);
}

/// Every string in the deck's notes and slides, joined, whitespace folded.
fn deck_text(deck: &Deck) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for slide in &deck.slides {
        for note in &slide.notes {
            match note {
                Note::Script(t) | Note::Tip(t) | Note::SlideText(t) => parts.push(t),
                Note::Prompt {
                    question, ideas, ..
                } => {
                    parts.push(question);
                    parts.extend(ideas.iter().map(String::as_str));
                }
                Note::Quote { text, .. } => parts.push(text),
            }
        }
    }
    fold(&parts.join(" "))
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The guide's notes from "Slide One" on, markup removed, whitespace folded.
fn guide_notes(guide: &str) -> String {
    let start = guide
        .find("Slide One (Title Slide):")
        .expect("guide has Slide One");
    let mut text = fold(&guide[start..]);
    // "Slide N (Name):" headers are structure, not notes.
    let mut cleaned = String::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("Slide ") {
        let after = &rest[i..];
        match (after.find('('), after.find("):")) {
            (Some(open), Some(close))
                if open < close
                    && close < 60
                    && after[6..open].trim().chars().all(char::is_alphabetic) =>
            {
                cleaned.push_str(&rest[..i]);
                rest = &after[close + 2..];
            }
            _ => {
                cleaned.push_str(&rest[..i + 6]);
                rest = &rest[i + 6..];
            }
        }
    }
    cleaned.push_str(rest);
    text = cleaned;
    for markup in [
        "- **Here are some ideas if the group needs help** -",
        "**(To the audience)**",
        "(To the audience)",
        "[A Multidisciplinary Approach](#)",
        "**",
        "*",
        "No Notes",
    ] {
        let replacement = if markup.starts_with('[') {
            "A Multidisciplinary Approach"
        } else {
            " "
        };
        text = text.replace(markup, replacement);
    }
    // Bullet dashes.
    fold(&text.replace(" - ", " "))
}

/// Splits at sentence and list ends: `.`, `?`, `!`, `;`.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if c == ';' {
            out.push(std::mem::take(&mut current));
            continue;
        }
        current.push(c);
        if matches!(c, '.' | '?' | '!') {
            out.push(std::mem::take(&mut current));
        }
    }
    out.push(current);
    out.into_iter()
        .map(|s| s.trim().trim_matches('"').trim().to_owned())
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect()
}

#[test]
fn no_sentence_of_the_presenters_guide_is_dropped() {
    // The shared folder beside the checkout, else the copy kept with the
    // import tests (a git worktree has no shared folder beside it).
    let shared = Path::new("../shared/source/module5-presenters-guide.txt");
    let copy = Path::new("tests/fixtures/import/module5-presenters-guide.txt");
    let guide_path = if shared.exists() { shared } else { copy };
    let guide = std::fs::read_to_string(guide_path).unwrap_or_else(|e| {
        panic!(
            "the presenter's guide is needed for this test and was not found at {} ({e}); \
             it lives in the shared folder beside the checkout",
            guide_path.display()
        )
    });
    let deck = deck::load(Path::new("decks/module5.ron")).unwrap().deck;
    let haystack = deck_text(&deck);
    let wanted = sentences(&guide_notes(&guide));
    assert!(
        wanted.len() > 90,
        "the guide split into only {} sentences",
        wanted.len()
    );
    let missing: Vec<&String> = wanted
        .iter()
        .filter(|s| !haystack.contains(s.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} sentences missing from decks/module5.ron: {missing:#?}",
        missing.len(),
        wanted.len()
    );
}

#[test]
fn hostile_input_never_panics() {
    let path = Path::new("x.ron");
    let deep = "[".repeat(10_000);
    let huge = vec![b' '; (deck::MAX_DECK_BYTES + 1) as usize];
    let cases: Vec<(&str, Vec<u8>, Kind)> = vec![
        ("empty", Vec::new(), Kind::Syntax),
        (
            "garbage",
            (0..=255u8).cycle().take(4096).collect(),
            Kind::NotUtf8,
        ),
        (
            "10,000 levels",
            format!("(title: \"t\", slides: {deep}").into_bytes(),
            Kind::WrongType,
        ),
        (
            "10,000 levels in a comment and a raw string",
            format!("/* {deep} */ (title: r#\"{deep}\"#)").into_bytes(),
            Kind::MissingField,
        ),
        ("over the size limit", huge, Kind::TooLarge),
        ("not a deck at all", b"\"".to_vec(), Kind::Syntax),
    ];
    for (name, bytes, kind) in cases {
        let error = deck::parse(&bytes, path, None).expect_err(name);
        assert_eq!(error.first().unwrap().kind, kind, "{name}: {error}");
    }
}

#[test]
fn a_100_mb_file_is_refused_quickly_without_reading_it_all() {
    let dir = std::env::temp_dir().join(format!("cuecard-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    let error = deck::load(&path).unwrap_err();
    assert_eq!(error.first().unwrap().kind, Kind::TooLarge);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_prints_a_summary_and_exits_0_on_module5() {
    let (code, out, err) = cuecard(&["check", "decks/module5.ron"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("10 slides"), "{out}");
    assert!(out.contains("9 prompts"), "{out}");
    assert!(!err.contains("error:"), "{err}");
}

#[test]
fn check_exit_codes_follow_the_worst_problem() {
    let dir = std::env::temp_dir().join(format!("cuecard-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let warn = dir.join("warn.ron");
    std::fs::write(
        &warn,
        "(title: \"T\", theme: \"neon\", slides: [(id: \"a\", title: \"A\")])",
    )
    .unwrap();
    let bad = dir.join("bad.ron");
    std::fs::write(
        &bad,
        "(title: \"T\",\n slides: [(id: \"a\", title: \"A\", notez: [])])",
    )
    .unwrap();
    let warn_s = warn.to_str().unwrap();
    let bad_s = bad.to_str().unwrap();

    let (code, _, err) = cuecard(&["check", warn_s]);
    assert_eq!(code, 0, "warnings alone pass: {err}");
    assert!(
        err.contains(&format!("{warn_s}:1:")) && err.contains("warning: unknown theme"),
        "{err}"
    );
    let (code, _, _) = cuecard(&["check", "--deny-warnings", warn_s]);
    assert_eq!(code, 1);
    let (code, out, err) = cuecard(&["check", "decks/module5.ron", bad_s]);
    assert_eq!(code, 2);
    assert!(
        out.contains("10 slides"),
        "the good deck is still summarised"
    );
    assert!(
        err.contains(&format!("{bad_s}:2:")) && err.contains("notez"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn help_and_version_work() {
    let (code, out, _) = cuecard(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("check"));
    let (code, out, _) = cuecard(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn the_format_doc_holds_the_tour_deck_verbatim() {
    let doc = std::fs::read_to_string("docs/deck-format.md").unwrap();
    let tour = std::fs::read_to_string("decks/tour.ron").unwrap();
    assert!(
        doc.contains(tour.trim_end()),
        "docs/deck-format.md must include decks/tour.ron word for word; paste the deck into its complete example"
    );
}

#[test]
fn the_keys_doc_is_the_key_table() {
    let doc = std::fs::read_to_string("docs/keys.md").unwrap();
    assert!(
        doc.contains(&cuecard::show::keys::markdown_table()),
        "docs/keys.md is out of date: paste the output of `cuecard keys` into it"
    );
}

#[test]
fn files_that_are_not_decks_say_what_they_are_and_what_to_do() {
    let dir = common::temp_dir("not-a-deck");
    let zip_with = |part: &str| {
        let mut bytes = b"PK\x03\x04\x14\x00\x00\x00".to_vec();
        bytes.extend_from_slice(part.as_bytes());
        bytes
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "training.pptx",
            zip_with("ppt/presentation.xml"),
            "cuecard import training.pptx",
        ),
        (
            "guide.docx",
            zip_with("word/document.xml"),
            "--into deck.ron",
        ),
        (
            "talk.key",
            zip_with("Index/Document.iwa"),
            "Export To > PDF",
        ),
        (
            "old.ppt",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest".to_vec(),
            "save it as .pptx",
        ),
        (
            "photo.png",
            b"\x89PNG\r\n\x1a\nrest".to_vec(),
            "is a picture",
        ),
        // Renamed to .ron, still a PowerPoint file: the content decides.
        (
            "deck.ron",
            zip_with("ppt/slides/slide1.xml"),
            "is a PowerPoint deck",
        ),
    ];
    for (name, bytes, needle) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let error = deck::load(&path).unwrap_err();
        let first = &error.diagnostics[0];
        assert_eq!(first.kind, Kind::NotADeck, "{name}");
        assert!(first.message.contains(needle), "{name}: {}", first.message);
        assert!(
            !first.message.contains("UTF-8"),
            "{name}: {}",
            first.message
        );
    }
    // A PDF under another name opens as the deck of its pages.
    let path = dir.join("slides.ron");
    std::fs::write(&path, cuecard::pdf::sample::slide_deck(2)).unwrap();
    assert_eq!(deck::load(&path).unwrap().deck.slides.len(), 2);
    // A deck that was deleted says it is missing.
    let gone = deck::load(&dir.join("gone.ron")).unwrap_err();
    assert!(gone.diagnostics[0].message.contains("missing"), "{gone}");
    std::fs::remove_dir_all(&dir).unwrap();
}
