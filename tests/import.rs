//! `cuecard import`: the Module 5 guide as a real .docx against the bundled
//! deck, a second guide of other wording, a .pptx made with python-pptx,
//! `--into`, and the bad inputs in tests/fixtures/import/bad/ with their
//! messages. The files are made by `tests/fixtures/import/make_fixtures.py`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cuecard::deck::{self, Block, Bullet, Layout, Note};
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
    let push = |s: &mut String, out: &mut Vec<String>| {
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
    assert!(
        from_notes_md[2]
            .1
            .starts_with("In cuecard the room's slide cannot be clicked")
    );
    assert_every_sentence_once(&imported, "module5-guide.docx");
}

#[test]
fn module5_text_guide_keeps_every_sentence_exactly_once() {
    assert_every_sentence_once(&guide("module5-presenters-guide.txt"), "module5 .txt");
}

#[test]
fn a_second_guide_in_other_words_imports_the_same_from_docx_and_markdown() {
    let from_docx = guide("second-guide.docx");
    let from_md = guide("second-guide.md");
    assert_eq!(
        from_docx.slides, from_md.slides,
        "the .docx and .md guides differ"
    );
    assert_eq!(from_docx.title.as_deref(), Some("Interviewing With Care"));
    let kinds: Vec<(&str, Vec<&str>)> = from_docx
        .slides
        .iter()
        .map(|s| {
            (
                s.title.as_str(),
                s.notes.iter().map(|n| shape(n).0).collect(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("Welcome", vec!["Script", "Tip"]),
            ("Ground Rules", vec!["SlideText", "Script", "Prompt"]),
            (
                "Why Words Matter",
                vec!["Script", "SlideText", "SlideText", "SlideText", "Prompt"]
            ),
            ("A Caseworker Remembers", vec!["Script", "Quote", "Tip"]),
            ("Practice in Pairs", vec!["Script", "Tip", "Script"]),
            ("Resources", vec!["Script"]),
            ("Closing", vec![]),
        ]
    );
    let slide3 = &from_docx.slides[2];
    assert_eq!(
        shape(&slide3.notes[4]).1,
        [
            "Which of these is hardest for you in practice, and why?",
            "Silence feels like losing control",
            "Procedures push us to ask for facts first",
            "We rarely know what happens next ourselves",
        ]
    );
    assert_eq!(
        slide3.content,
        [Block::Bullets(vec![
            "Ask open questions".into(),
            "Let silence work".into(),
            "Name what happens next".into()
        ])]
    );
    assert!(from_docx.slides[6].no_notes);
    assert_eq!(
        from_docx.slides[5].links[0].url,
        "https://www.childwelfare.gov/"
    );
    // A new deck from it passes `cuecard check` with nothing to say.
    let dir = common::temp_dir("import-second");
    let out = dir.join("care.ron");
    let options = ImportOptions {
        output: Some(out.clone()),
        ..ImportOptions::default()
    };
    let outcome = import::run(&fixture("second-guide.docx"), &options).unwrap();
    assert_eq!(
        outcome.summary.to_string(),
        "7 slides, 2 prompts, 3 tips; 0 unmatched"
    );
    let (code, _, stderr) = common::cuecard(&["check", "--deny-warnings", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn into_replaces_the_notes_of_matching_slides_and_reports_the_rest() {
    let guide = guide("second-guide.md");
    let mut deck = build::deck_from_guide(&guide, "x");
    for slide in &mut deck.slides {
        slide.notes.clear();
    }
    // The deck lost "Ground Rules" and has "Closing" moved to the front.
    deck.slides.remove(1);
    let closing = deck.slides.pop().unwrap();
    deck.slides.insert(0, closing);
    let report = build::merge_into(&mut deck, &guide);
    assert_eq!(report.unmatched, ["Slide 2 (\"Ground Rules\")"]);
    let titles_with_notes: Vec<(&str, usize)> = deck
        .slides
        .iter()
        .map(|s| (s.title.as_str(), s.notes.len()))
        .collect();
    assert_eq!(
        titles_with_notes,
        [
            ("Closing", 0),
            ("Welcome", 2),
            ("Why Words Matter", 5),
            ("A Caseworker Remembers", 3),
            ("Practice in Pairs", 3),
            ("Resources", 1),
        ]
    );
}

#[test]
fn the_command_imports_the_module5_guide_into_the_bundled_deck_and_never_overwrites_without_force()
{
    let dir = common::temp_dir("import-into");
    let target = dir.join("module5.ron");
    std::fs::copy("decks/module5.ron", &target).unwrap();
    let before = std::fs::read(&target).unwrap();
    let guide_path = fixture("module5-guide.docx");
    let args = [
        "import",
        guide_path.to_str().unwrap(),
        "--into",
        target.to_str().unwrap(),
    ];
    let (code, _, stderr) = common::cuecard(&args);
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists; add --force"), "{stderr}");
    assert_eq!(std::fs::read(&target).unwrap(), before, "the deck changed");
    let (code, stdout, stderr) = common::cuecard(&[&args[..], &["--force"]].concat());
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("10 slides, 9 prompts, 2 tips; 0 unmatched"),
        "{stdout}"
    );
    let (code, _, stderr) = common::cuecard(&["check", target.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let merged = deck::load(&target).unwrap().deck;
    let bundled = deck::load(Path::new("decks/module5.ron")).unwrap().deck;
    for (m, b) in merged.slides.iter().zip(&bundled.slides) {
        assert_eq!((&m.id, &m.content, &m.links), (&b.id, &b.content, &b.links));
    }
    // Only the guide's notes are there now: the NOTES.md tips are gone.
    assert_eq!(merged.slides[7].notes.len(), 3);
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["module5.ron"], "temporary files left behind");
}

#[test]
fn a_pptx_gives_slides_levels_pictures_links_hidden_slides_and_notes() {
    let dir = common::temp_dir("import-pptx");
    std::fs::copy(fixture("sample.pptx"), dir.join("sample.pptx")).unwrap();
    let outcome = import::run(&dir.join("sample.pptx"), &ImportOptions::default()).unwrap();
    assert_eq!(outcome.deck_path, dir.join("sample.ron"));
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
    let deck = deck::load(&outcome.deck_path).unwrap().deck;
    assert_eq!(deck.title, "Working Together: A Sample Deck");
    let titles: Vec<&str> = deck.slides.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Working Together",
            "Three Partners",
            "Pictures",
            "Watch the Video",
            "Backup: Statistics"
        ]
    );
    assert_eq!(deck.slides[0].layout, Layout::Title);
    // Level-2 bullets stay level 2, each under its parent.
    assert_eq!(
        deck.slides[1].content,
        [Block::Bullets(vec![
            "Law enforcement".into(),
            Bullet::at(2, "Investigations"),
            Bullet::at(2, "Task forces"),
            "Service providers".into(),
            Bullet::at(2, "Shelter and counselling"),
            "Courts".into(),
        ])]
    );
    let images: Vec<(&str, &str)> = deck.slides[2]
        .content
        .iter()
        .filter_map(|b| match b {
            Block::Image { path, alt, .. } => Some((path.as_str(), alt.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        images,
        [
            (
                "sample-media/image1.png",
                "A red square standing for the team"
            ),
            ("sample-media/image2.png", "Blue logo"),
        ]
    );
    for (path, _) in &images {
        let bytes = std::fs::read(dir.join(path)).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "{path} is not the PNG");
    }
    assert_eq!(
        deck.slides[3].links[0].url,
        "https://ovc.ncjrs.gov/humantrafficking/publicawareness.html"
    );
    assert_eq!(deck.slides[3].links[0].title, "Faces of Human Trafficking");
    let hidden: Vec<bool> = deck.slides.iter().map(|s| s.hidden).collect();
    assert_eq!(hidden, [false, false, false, false, true]);
    assert_eq!(
        deck.slides[0].notes,
        [
            Note::Script("Welcome the room.".into()),
            Note::Script("Introduce yourself and the module.".into())
        ]
    );
    let (code, _, stderr) = common::cuecard(&[
        "check",
        "--deny-warnings",
        outcome.deck_path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    // Again, without --force: refused before anything is written.
    let again = import::run(&dir.join("sample.pptx"), &ImportOptions::default()).unwrap_err();
    assert!(matches!(again, ImportError::Exists { .. }), "{again}");
    // A PDF export beside it is noticed.
    std::fs::write(dir.join("sample.pdf"), b"%PDF-1.7").unwrap();
    let options = ImportOptions {
        force: true,
        ..ImportOptions::default()
    };
    let outcome = import::run(&dir.join("sample.pptx"), &options).unwrap();
    assert!(
        outcome.warnings.iter().any(|w| w.contains("sample.pdf")),
        "{:?}",
        outcome.warnings
    );
}

#[test]
fn a_pdf_export_beside_the_pptx_gives_the_slides_its_pages_and_keeps_their_text() {
    let dir = common::temp_dir("import-pptx-pdf");
    let pptx = dir.join("sample.pptx");
    std::fs::copy(fixture("sample.pptx"), &pptx).unwrap();
    let force = ImportOptions {
        force: true,
        ..ImportOptions::default()
    };
    // PowerPoint's default export leaves the hidden slide out: 4 pages
    // for the 4 slides that are not hidden.
    std::fs::write(dir.join("sample.pdf"), cuecard::pdf::sample::slide_deck(4)).unwrap();
    let outcome = import::run(&pptx, &force).unwrap();
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
    assert!(
        outcome
            .info
            .iter()
            .any(|i| i.starts_with("4 slides show the pages of sample.pdf")
                && i.contains("1 hidden slides are not in the PDF")),
        "{:?}",
        outcome.info
    );
    let loaded = deck::load(&outcome.deck_path).unwrap();
    let deck = &loaded.deck;
    assert_eq!(deck.pdf.as_deref(), Some("sample.pdf"));
    let pages: Vec<Option<u32>> = deck.slides.iter().map(|s| s.page).collect();
    assert_eq!(pages, [Some(1), Some(2), Some(3), Some(4), None]);
    // The PowerPoint text stays, for the guide, the handout and check,
    // but is not drawn over the page.
    assert!(
        matches!(&deck.slides[1].content[..], [Block::Bullets(items)] if items[0].text == "Law enforcement")
    );
    assert!(!deck.slides[1].draw_content);
    assert!(
        deck.slides[4].draw_content,
        "the hidden slide shows its text"
    );
    assert_eq!(deck.slides[1].title, "Three Partners");
    let (code, _, stderr) = common::cuecard(&["check", outcome.deck_path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    // A PDF exported with the hidden slides: one page each.
    std::fs::write(dir.join("sample.pdf"), cuecard::pdf::sample::slide_deck(5)).unwrap();
    let deck = deck::load(&import::run(&pptx, &force).unwrap().deck_path)
        .unwrap()
        .deck;
    let pages: Vec<Option<u32>> = deck.slides.iter().map(|s| s.page).collect();
    assert_eq!(pages, [Some(1), Some(2), Some(3), Some(4), Some(5)]);
    // Pages that match neither: the slides keep the PowerPoint text, and
    // the warning says why and what to do.
    std::fs::write(dir.join("sample.pdf"), cuecard::pdf::sample::slide_deck(3)).unwrap();
    let outcome = import::run(&pptx, &force).unwrap();
    assert!(
        outcome.warnings.iter().any(|w| w
            .contains("has 3 pages, but the deck has 5 slides (4 not hidden)")
            && w.contains("export the PDF again")),
        "{:?}",
        outcome.warnings
    );
    let deck = deck::load(&outcome.deck_path).unwrap().deck;
    assert!(deck.pdf.is_none() && deck.slides.iter().all(|s| s.page.is_none()));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_whole_path_pptx_then_guide_into_it_reports_unmatched_slides_and_exits_1() {
    let dir = common::temp_dir("import-path");
    std::fs::copy(fixture("sample.pptx"), dir.join("sample.pptx")).unwrap();
    let pptx = dir.join("sample.pptx");
    let (code, stdout, stderr) = common::cuecard(&["import", pptx.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("5 slides, 0 prompts, 0 tips; 0 unmatched"),
        "{stdout}"
    );
    let guide = dir.join("guide.txt");
    std::fs::write(
        &guide,
        "Slide One (Title Slide): Welcome the room.\n\n\
         Slide Two (Three Partners): **Ask who works with whom.** (To the audience) Which partner do you call first?\n\n\
         Slide 4 (Video Slide): Play it from the console.\n\n\
         Slide 9 (Evaluation): Hand out the forms.\n",
    )
    .unwrap();
    let deck_path = dir.join("sample.ron");
    let out = dir.join("with-notes.ron");
    let (code, stdout, stderr) = common::cuecard(&[
        "import",
        guide.to_str().unwrap(),
        "--into",
        deck_path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains("5 slides, 1 prompts, 1 tips; 1 unmatched"),
        "{stdout}"
    );
    assert!(
        stdout.contains("unmatched: Slide 9 (\"Evaluation\")"),
        "{stdout}"
    );
    let deck = deck::load(&out).unwrap().deck;
    assert_eq!(
        deck.slides[0].notes,
        [Note::Script("Welcome the room.".into())]
    );
    assert_eq!(
        deck.slides[1].notes,
        [
            Note::Tip("Ask who works with whom.".into()),
            Note::Prompt {
                question: "Which partner do you call first?".into(),
                ideas: vec![],
                minutes: None
            }
        ]
    );
    // Slide 3 had no guide notes and keeps none; slide 4's notes replaced.
    assert!(deck.slides[2].notes.is_empty());
    assert_eq!(
        deck.slides[3].notes,
        [Note::Script("Play it from the console.".into())]
    );
    // The deck imported first is untouched.
    assert_eq!(
        deck::load(&deck_path).unwrap().deck.slides[3].notes.len(),
        1
    );
    let (code, _, stderr) = common::cuecard(&["check", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
}
