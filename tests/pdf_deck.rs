//! Decks that take their slides from a PDF: the `pdf` and `page` fields,
//! `cuecard FILE.pdf` (notes from a deck or a .pdfpc beside it), `check`,
//! and `import_pdf`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::path::{Path, PathBuf};

use cuecard::deck::{self, Kind, Note, Severity};
use cuecard::pdf::sample;

fn folder(name: &str, pages: usize) -> PathBuf {
    let dir = common::temp_dir(name);
    std::fs::write(dir.join("slides.pdf"), sample::slide_deck(pages)).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_deck_with_a_pdf_and_no_slides_has_one_slide_per_page() {
    let dir = folder("pdf-deck-pages", 4);
    let path = write(
        &dir,
        "talk.ron",
        "(title: \"Module 6\", pdf: \"slides.pdf\")\n",
    );
    let loaded = deck::load(&path).unwrap();
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let slides = &loaded.deck.slides;
    assert_eq!(slides.len(), 4);
    assert_eq!(slides[2].id, "page-3");
    assert_eq!(slides[2].page_index(), Some(2));
    assert_eq!(
        loaded.pdf_path().unwrap(),
        dir.join("slides.pdf").canonicalize().unwrap()
    );
    assert!(!loaded.deck.decorate_pdf_pages);
}

#[test]
fn slides_mix_pages_and_ron_content_and_missing_pages_are_located() {
    let dir = folder("pdf-deck-mixed", 2);
    let text = r#"(
    title: "Mixed",
    pdf: "slides.pdf",
    decorate_pdf_pages: true,
    slides: [
        (id: "welcome", title: "Welcome", content: [Paragraph("Typed in RON")]),
        (id: "map", page: 2, notes: [Script("Point at the map.")]),
        (id: "overlay", title: "Agenda", page: 1, content: [Bullets(["over the page"])]),
        (id: "gone", page: 9),
    ],
)
"#;
    let path = write(&dir, "mixed.ron", text);
    let loaded = deck::load(&path).unwrap();
    assert!(loaded.deck.decorate_pdf_pages);
    assert_eq!(loaded.deck.slides.len(), 4);
    assert_eq!(loaded.deck.slides[1].page, Some(2));
    assert_eq!(loaded.deck.slides[2].content.len(), 1);
    // The slide naming page 9 of 2 is an error that still presents.
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].kind, Kind::NoSuchPage);
    assert_eq!(
        (errors[0].location.line, errors[0].location.column),
        (9, 22)
    );
    assert!(errors[0].message.contains("has 2 pages"), "{}", errors[0]);
    // A slide without a page still needs its title.
    let text = text.replace("(id: \"welcome\", title: \"Welcome\",", "(id: \"welcome\",");
    let error = deck::load(&write(&dir, "untitled.ron", &text)).unwrap_err();
    assert_eq!(error.first().unwrap().kind, Kind::MissingField);
}

#[test]
fn pdf_problems_name_the_deck_line_and_the_pdf() {
    let dir = folder("pdf-deck-problems", 1);
    std::fs::write(dir.join("locked.pdf"), sample::hostile::encrypted()).unwrap();
    let cases = [
        (
            "(title: \"T\", slides: [(id: \"a\", page: 1)])",
            Kind::NoSuchPage,
            (1, 33),
            "the deck names no PDF",
        ),
        (
            "(title: \"T\",\n pdf: \"locked.pdf\",\n slides: [(id: \"a\", page: 1)])",
            Kind::Pdf,
            (2, 7),
            "password-protected",
        ),
        (
            "(title: \"T\", pdf: \"nowhere.pdf\", slides: [(id: \"a\", title: \"A\")])",
            Kind::Pdf,
            (1, 19),
            "is not there",
        ),
        (
            "(title: \"T\", pdf: \"../slides.pdf\", slides: [(id: \"a\", title: \"A\")])",
            Kind::PathEscapes,
            (1, 19),
            "",
        ),
    ];
    for (text, kind, (line, column), piece) in cases {
        let path = write(&dir, "case.ron", text);
        let diagnostics = match deck::load(&path) {
            Ok(loaded) => loaded.diagnostics,
            Err(error) => error.diagnostics,
        };
        let found = diagnostics
            .iter()
            .find(|d| d.kind == kind)
            .unwrap_or_else(|| panic!("{text}: {diagnostics:?}"));
        assert_eq!(
            (found.location.line, found.location.column),
            (line, column),
            "{found}"
        );
        assert!(found.message.contains(piece), "{found}");
        assert!(
            found
                .to_string()
                .starts_with(&format!("{}:{line}:{column}: error: ", path.display()))
        );
    }
    // Without slides of its own, a deck whose PDF does not open cannot be
    // presented at all.
    let path = write(&dir, "empty.ron", "(title: \"T\", pdf: \"locked.pdf\")");
    let error = deck::load(&path).unwrap_err();
    assert!(error.diagnostics.iter().any(|d| d.kind == Kind::NoSlides));
}

#[test]
fn a_pdf_opens_as_a_deck_with_notes_from_a_pdfpc_file_beside_it() {
    let dir = folder("pdf-direct", 4);
    let pdf = dir.join("slides.pdf");
    let plain = deck::load(&pdf).unwrap();
    assert_eq!(plain.deck.slides.len(), 4);
    assert_eq!(plain.deck.title, "Sample slides", "the PDF's own title");
    assert!(
        plain
            .deck
            .slides
            .iter()
            .all(|s| s.notes.is_empty() && !s.hidden)
    );

    write(
        &dir,
        "slides.pdfpc",
        r#"{"pdfpcFormat": 2, "duration": 30, "endSlide": 3,
            "pages": [{"idx": 0, "label": "1", "overlay": 0, "note": "Introduce yourself."},
                      {"idx": 1, "label": "2", "overlay": 0, "hidden": true}]}"#,
    );
    let noted = deck::load(&pdf).unwrap();
    let slides = &noted.deck.slides;
    assert_eq!(
        slides[0].notes,
        [Note::Script("Introduce yourself.".to_owned())]
    );
    assert!(slides[1].hidden, "hidden in pdfpc");
    assert!(!slides[2].hidden);
    assert!(slides[3].hidden, "after pdfpc's end slide: a backup slide");
    assert_eq!(noted.deck.duration_minutes, Some(30.0));

    // A broken .pdfpc is a warning with its place; the PDF still presents.
    write(&dir, "slides.pdfpc", "{\"pdfpcFormat\": 2,\n \"pages\": [}");
    let warned = deck::load(&pdf).unwrap();
    let warning = &warned.diagnostics[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.path, dir.join("slides.pdfpc"));
    assert_eq!(warning.location.line, 2);

    // A deck beside it that names it wins over the .pdfpc.
    write(
        &dir,
        "module.ron",
        "(title: \"Module 6\", pdf: \"slides.pdf\", slides: [(id: \"only\", page: 2, notes: [Tip(\"From the deck\")])])",
    );
    let decked = deck::load(&pdf).unwrap();
    assert_eq!(decked.deck.title, "Module 6");
    assert_eq!(decked.deck.slides.len(), 1);
    assert_eq!(decked.path, dir.join("module.ron"));
}

#[test]
fn a_pdf_that_does_not_open_is_a_located_error() {
    let dir = common::temp_dir("pdf-direct-bad");
    for (name, bytes, piece) in [
        (
            "locked.pdf",
            sample::hostile::encrypted(),
            "password-protected",
        ),
        ("cut.pdf", sample::hostile::truncated(), "truncated"),
        (
            "slides.pdf",
            b"<html>not a pdf</html>".to_vec(),
            "not a PDF file",
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let error = deck::load(&path).unwrap_err();
        let shown = error.to_string();
        assert!(
            shown.starts_with(&format!("{}:1:1: error: ", path.display())),
            "{shown}"
        );
        assert!(shown.contains(piece), "{shown}");
        assert_eq!(
            shown.matches(&path.display().to_string()).count(),
            1,
            "{shown}"
        );
    }
    let (code, _, err) = common::cuecard(&["check", dir.join("cut.pdf").to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("truncated"), "{err}");
}

#[test]
fn check_reports_pages_that_do_not_render() {
    let dir = common::temp_dir("pdf-check-render");
    std::fs::write(dir.join("bomb.pdf"), sample::hostile::huge_image()).unwrap();
    let path = write(
        &dir,
        "bomb.ron",
        "(title: \"T\",\n pdf: \"bomb.pdf\",\n slides: [\n  (id: \"a\", page: 1),\n ])",
    );
    let (code, out, err) = common::cuecard(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains(&format!(
            "{}:4:13: error: slide 1 (\"a\"): page 1 does not render",
            path.display()
        )),
        "{err}"
    );
    assert!(err.contains("100000x100000"), "{err}");
    // The summary line counts the page that fails: never "ok" beside an
    // error.
    assert!(
        out.contains(": has errors: \"T\": 1 slide, ") && out.contains("; 1 error, 0 warnings"),
        "{out}"
    );
    let (code, out, _) = common::cuecard(&["preflight", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        out.contains("[FAIL]") && out.contains("does not render"),
        "{out}"
    );
    // A good PDF deck is clean and preflight says its pages render.
    let dir = folder("pdf-check-good", 3);
    let path = write(
        &dir,
        "good.ron",
        "(title: \"T\", duration_minutes: 10, pdf: \"slides.pdf\")",
    );
    let (code, out, err) = common::cuecard(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(": ok: \"T\": 3 slides, "), "{out}");
    let (_, out, _) = common::cuecard(&["preflight", path.to_str().unwrap()]);
    assert!(
        out.contains("3 pages, the 3 slides that show one of them render"),
        "{out}"
    );
}

#[test]
fn import_writes_a_deck_with_the_pdfpc_notes_and_never_overwrites_without_force() {
    let dir = folder("pdf-import", 3);
    let pdf = dir.join("slides.pdf");
    write(
        &dir,
        "slides.pdfpc",
        r#"{"pdfpcFormat": 2, "pages": [{"idx": 2, "note": "Take questions.", "hidden": true}]}"#,
    );
    let done = cuecard::pdf::import_pdf(&pdf, None, false).unwrap();
    let written = done.deck.clone();
    assert_eq!((written.clone(), done.slides), (dir.join("slides.ron"), 3));
    assert_eq!(done.pdfpc, Some((dir.join("slides.pdfpc"), 1, 1)));
    assert!(done.warnings.is_empty(), "{:?}", done.warnings);
    let loaded = deck::load(&written).unwrap();
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.deck.pdf.as_deref(), Some("slides.pdf"));
    assert_eq!(
        loaded.deck.slides[2].notes,
        [Note::Script("Take questions.".to_owned())]
    );
    assert!(loaded.deck.slides[2].hidden);
    // The PDF now opens with that deck's notes.
    assert_eq!(deck::load(&pdf).unwrap().path, written);

    // Edited by the trainer: import again must not destroy the edit.
    std::fs::write(&written, "// my edits\n").unwrap();
    let error = cuecard::pdf::import_pdf(&pdf, None, false).unwrap_err();
    assert!(error.to_string().contains("--force"), "{error}");
    assert_eq!(std::fs::read_to_string(&written).unwrap(), "// my edits\n");
    cuecard::pdf::import_pdf(&pdf, None, true).unwrap();
    assert!(deck::load(&written).is_ok());

    // Into a folder above the PDF, the deck names it by a relative path.
    let sub = dir.join("pdf");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::copy(&pdf, sub.join("module.pdf")).unwrap();
    let out = dir.join("module.ron");
    cuecard::pdf::import_pdf(&sub.join("module.pdf"), Some(&out), false).unwrap();
    assert_eq!(
        deck::load(&out).unwrap().deck.pdf.as_deref(),
        Some("pdf/module.pdf")
    );
    // Never over the slides themselves or their notes: the deck is .ron.
    let before = std::fs::read(&pdf).unwrap();
    for name in ["slides.pdf", "slides.pdfpc", "notes.txt"] {
        let error = cuecard::pdf::import_pdf(&pdf, Some(&dir.join(name)), true).unwrap_err();
        assert!(error.to_string().contains("must be a .ron file"), "{error}");
    }
    assert_eq!(std::fs::read(&pdf).unwrap(), before);
    let (code, out, err) = common::cuecard(&[
        "import",
        pdf.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("must be a .ron file"), "{err}");
    assert_eq!(std::fs::read(&pdf).unwrap(), before);
    // But not beside a folder that does not contain it.
    let error = cuecard::pdf::import_pdf(&pdf, Some(&sub.join("x.ron")), false).unwrap_err();
    assert!(error.to_string().contains("folder above it"), "{error}");
    // A refused deck leaves no folders behind either.
    let deep = sub.join("new/a/b/x.ron");
    let error = cuecard::pdf::import_pdf(&pdf, Some(&deep), false).unwrap_err();
    assert!(error.to_string().contains("folder above it"), "{error}");
    assert!(
        !sub.join("new").exists(),
        "folders made for a refused deck stay"
    );
    // No temporary files left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn pdf_decks_survive_the_round_trip_through_ron() {
    let dir = folder("pdf-roundtrip", 2);
    let path = write(
        &dir,
        "r.ron",
        "(title: \"T\", pdf: \"slides.pdf\", decorate_pdf_pages: true, slides: [(id: \"a\", page: 2), (id: \"b\", title: \"B\")])",
    );
    let loaded = deck::load(&path).unwrap();
    let text = deck::to_ron(&loaded.deck).unwrap();
    let again = deck::parse(text.as_bytes(), &path, Some(&dir)).unwrap();
    assert_eq!(again.deck, loaded.deck);
}

#[test]
fn a_truncated_pdf_that_opens_is_a_warning_at_the_pdf_field() {
    let dir = common::temp_dir("pdf-deck-cut");
    let mut bytes = sample::slide_deck(2);
    bytes.truncate(bytes.len() - b"%%EOF\n".len());
    std::fs::write(dir.join("cut.pdf"), bytes).unwrap();
    let path = write(&dir, "cut.ron", "(title: \"T\", pdf: \"cut.pdf\")");
    let diagnostics = match deck::load(&path) {
        Ok(loaded) => loaded.diagnostics,
        Err(error) => error.diagnostics,
    };
    let found = diagnostics.iter().find(|d| d.kind == Kind::Pdf).unwrap();
    assert!(found.message.contains("truncated"), "{found}");
    assert_eq!((found.location.line, found.location.column), (1, 19));
}

#[test]
fn preflight_never_calls_a_deck_ready_when_its_pdf_cannot_be_used() {
    // A PDF outside the deck's folder: check refuses it, and so must
    // preflight (the room would see blank pages).
    let dir = folder("pdf-preflight-outside", 3);
    let sub = dir.join("decks");
    std::fs::create_dir_all(&sub).unwrap();
    let path = write(
        &sub,
        "outside.ron",
        "(title: \"T\", pdf: \"../slides.pdf\", slides: [(id: \"a\", page: 1)])",
    );
    let (code, _, _) = common::cuecard(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    let (code, out, _) = common::cuecard(&["preflight", path.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("[FAIL]") && out.contains("slides.pdf"),
        "{out}"
    );
    // Slides naming pages the PDF lacks fail, and the ready line counts
    // only the pages that exist.
    let path = write(
        &dir,
        "missing.ron",
        "(title: \"T\", pdf: \"slides.pdf\", slides: [(id: \"a\", page: 1), (id: \"b\", page: 99)])",
    );
    let (code, out, _) = common::cuecard(&["preflight", path.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("3 pages, the slide that shows one of them renders"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
