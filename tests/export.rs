//! `cuecard export`: the presenter's guide and the handout, read back from
//! the PDF bytes with lopdf (pages, text, structure tree, links) and, for
//! where the slide lands on the page, rendered with poppler's `pdftoppm`
//! (`.ci/run` installs poppler-utils).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::pdf_read::{name, pdf, render, structure, uri_links};
use common::{cuecard, temp_dir};

use std::collections::HashSet;
use std::path::Path;

use cuecard::deck::{self, Block, LoadedDeck, Note};
use cuecard::export::{
    self, ExportError, GuideOptions, HandoutOptions, Paper, PerPage, guide_pdf, handout_pdf,
};
use lopdf::{Document, Object};

fn module5() -> LoadedDeck {
    deck::load(Path::new("decks/module5.ron")).unwrap()
}

fn tour() -> LoadedDeck {
    deck::load(Path::new("decks/tour.ron")).unwrap()
}

/// The text of every page, in page order, with all whitespace removed (line
/// breaks fall between words, so only the letters can be compared).
fn letters(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of every page after its running header and footer (`title`,
/// what `what(page, text after the title)` says is the header's right
/// part (its length), "page N of M"; each page draws them first), joined: a sentence
/// that runs over a page break reads on. Fails if a page lacks them.
fn body_letters(doc: &Document, title: &str, what: &dyn Fn(u32, &str) -> Option<usize>) -> String {
    let pages = doc.get_pages();
    let count = pages.len();
    let mut out = String::new();
    for number in pages.keys() {
        let text = squash(&doc.extract_text(&[*number]).unwrap());
        let after_title = text.strip_prefix(&squash(title)).unwrap_or_default();
        let header_len = what(*number, after_title).unwrap_or(usize::MAX);
        let footer = squash(&format!("page {number} of {count}"));
        let body = after_title
            .get(header_len..)
            .and_then(|rest| rest.strip_prefix(&footer));
        let Some(body) = body else {
            panic!(
                "page {number} does not start with its header and footer: {:?}",
                text.get(..80)
            );
        };
        out.push_str(body);
    }
    out
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every piece of text of a slide's notes, in reading order.
fn note_texts(note: &Note) -> Vec<String> {
    match note {
        Note::Script(t) | Note::Tip(t) | Note::SlideText(t) => vec![t.clone()],
        Note::Prompt {
            question, ideas, ..
        } => std::iter::once(question.clone())
            .chain(ideas.iter().cloned())
            .collect(),
        Note::Quote { text, source } => std::iter::once(text.clone())
            .chain(source.iter().cloned())
            .collect(),
    }
}

/// Splits text into sentences (after `.`, `?` or `!` and a space).
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        if matches!(c, '.' | '?' | '!') && chars.peek() == Some(&' ') {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out.into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

fn media_box(doc: &Document, page: u32) -> (f32, f32) {
    let id = doc.get_pages()[&page];
    let dict = doc.get_object(id).unwrap().as_dict().unwrap();
    let array = dict.get(b"MediaBox").unwrap().as_array().unwrap();
    let number = |o: &Object| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32);
    (number(&array[2]), number(&array[3]))
}

#[test]
fn the_guide_has_every_sentence_of_every_note_in_order() {
    let loaded = module5();
    let (bytes, pages) = guide_pdf(&loaded, GuideOptions::default()).unwrap();
    let doc = pdf(&bytes);
    assert_eq!(doc.get_pages().len(), pages);
    // A cover, then at least one page per slide.
    assert!(pages > loaded.deck.slides.len(), "{pages} pages");
    // The running header names the slide the page belongs to.
    let slides = loaded.deck.slides.len();
    let header = |_page: u32, text: &str| -> Option<usize> {
        let prefix = squash("Presenter's guide");
        let rest = text.strip_prefix(&prefix)?;
        let Some(rest) = rest.strip_prefix("\u{00B7}slide") else {
            return Some(prefix.len()); // the cover
        };
        let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let of = format!("of{slides}");
        let after = rest.get(number.len()..)?.strip_prefix(&of)?;
        Some(text.len() - after.len())
    };
    let text = body_letters(&doc, &loaded.deck.title, &header);
    let mut at = 0;
    let mut checked = 0;
    for (index, slide) in loaded.deck.slides.iter().enumerate() {
        for note in &slide.notes {
            for piece in note_texts(note) {
                for sentence in sentences(&piece) {
                    let wanted = squash(&sentence);
                    let Some(found) = text.get(at..).and_then(|rest| rest.find(&wanted)) else {
                        panic!(
                            "slide {}: not in the guide after the previous note: {sentence:?}",
                            index + 1
                        );
                    };
                    at += found + wanted.len();
                    checked += 1;
                }
            }
        }
        // The slide's heading and facts are there too.
        assert!(text.contains(&squash(&format!(
            "Slide {} of {}: {}",
            index + 1,
            loaded.deck.slides.len(),
            slide.title
        ))));
    }
    assert!(checked > 60, "only {checked} sentences");
    // Words stay apart where a line breaks (screen readers, search, copy):
    // the long scripts of slide 4 read back word for word.
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let spaced = doc.extract_text(&pages).unwrap();
    let spaced = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    for note in &loaded.deck.slides[3].notes {
        let Note::Script(script) = note else { continue };
        assert!(
            spaced.contains(script.as_str()),
            "not word for word: {script}"
        );
    }
    // The cover's table links each slide's title to its page.
    let cover = doc.get_pages()[&1];
    let jumps = doc
        .get_page_annotations(cover)
        .unwrap()
        .iter()
        .filter(|a| {
            a.has(b"Dest")
                || a.get_deref(b"A", &doc)
                    .and_then(Object::as_dict)
                    .is_ok_and(|action| action.has(b"D"))
        })
        .count();
    assert_eq!(
        jumps,
        loaded.deck.slides.len(),
        "links from the table to the slides"
    );
    // The content note and the plan.
    let note = loaded.deck.slides[7].content_note.as_ref().unwrap();
    assert!(text.contains(&squash(note)));
    assert!(text.contains(&squash("At 0:40 of 60")), "slide 8's clock");
}

#[test]
fn the_handout_has_the_slides_and_no_speaker_notes() {
    let loaded = module5();
    let options = HandoutOptions::default();
    let (bytes, pages) = handout_pdf(&loaded, options).unwrap();
    let doc = pdf(&bytes);
    let slides = loaded.deck.slides.len();
    assert_eq!(pages, slides.div_ceil(3));
    assert_eq!(doc.get_pages().len(), pages);
    let text = letters(&doc);
    for slide in &loaded.deck.slides {
        assert!(text.contains(&squash(&slide.title)), "{}", slide.title);
        for note in &slide.notes {
            if matches!(note, Note::SlideText(_)) {
                continue; // on the slide as well
            }
            for piece in note_texts(note) {
                for sentence in sentences(&piece) {
                    let squashed = squash(&sentence);
                    // Short sentences ("Ok you all") could be anywhere.
                    if squashed.len() > 25 {
                        assert!(
                            !text.contains(&squashed),
                            "note text in the handout: {sentence}"
                        );
                    }
                }
            }
        }
    }
    // Links are clickable.
    let links = uri_links(&doc);
    for slide in &loaded.deck.slides {
        for link in &slide.links {
            assert!(links.contains(&link.url), "{} not clickable", link.url);
        }
    }
}

#[test]
fn handouts_leave_hidden_slides_out_and_honour_per_page() {
    let source = std::fs::read_to_string("decks/module5.ron")
        .unwrap()
        .replace("id: \"disclaimer\",", "id: \"disclaimer\", hidden: true,");
    let loaded = deck::parse(source.as_bytes(), Path::new("decks/module5.ron"), None).unwrap();
    assert!(loaded.deck.slides[1].hidden);
    for (per, per_page) in [(1, PerPage::One), (2, PerPage::Two), (6, PerPage::Six)] {
        let options = HandoutOptions {
            per_page,
            ..HandoutOptions::default()
        };
        let (bytes, pages) = handout_pdf(&loaded, options).unwrap();
        assert_eq!(pages, 9_usize.div_ceil(per), "{per} a page");
        let text = letters(&pdf(&bytes));
        assert!(
            !text.contains("grant#2020-NZ-NX-0001"),
            "the hidden slide is in"
        );
        assert!(text.contains("LearningObjectives"));
    }
    // A deck whose slides are all hidden has no handout.
    let all_hidden = std::fs::read_to_string("decks/module5.ron")
        .unwrap()
        .replace("id: \"", "hidden: true, id: \"");
    let loaded = deck::parse(all_hidden.as_bytes(), Path::new("x.ron"), None).unwrap();
    let error = handout_pdf(&loaded, HandoutOptions::default()).unwrap_err();
    assert!(
        matches!(error, ExportError::NothingToHand { .. }),
        "{error}"
    );
}

#[test]
fn both_pdfs_are_tagged_with_title_language_and_alt_text() {
    let loaded = tour();
    let images: Vec<&str> = loaded
        .deck
        .slides
        .iter()
        .flat_map(|s| &s.content)
        .filter_map(|b| match b {
            Block::Image { alt, .. } => Some(alt.as_str()),
            _ => None,
        })
        .collect();
    assert!(!images.is_empty(), "the tour deck shows an image");
    let guide = guide_pdf(&loaded, GuideOptions::default()).unwrap().0;
    let handout = handout_pdf(&loaded, HandoutOptions::default()).unwrap().0;
    for (what, bytes) in [("guide", guide), ("handout", handout)] {
        let doc = pdf(&bytes);
        let catalog = doc.catalog().unwrap();
        let lang = catalog.get(b"Lang").map(lopdf::decode_text_string);
        assert_eq!(lang.unwrap().unwrap(), "en-US", "{what}");
        let marked = catalog
            .get_deref(b"MarkInfo", &doc)
            .and_then(Object::as_dict)
            .and_then(|m| m.get(b"Marked"))
            .and_then(Object::as_bool);
        assert!(marked.unwrap(), "{what}: MarkInfo");
        let display_title = catalog
            .get_deref(b"ViewerPreferences", &doc)
            .and_then(Object::as_dict)
            .and_then(|v| v.get(b"DisplayDocTitle"))
            .and_then(Object::as_bool);
        assert!(display_title.unwrap(), "{what}: DisplayDocTitle");
        let elements = structure(&doc);
        let kinds: HashSet<&str> = elements.iter().map(|(k, _)| k.as_str()).collect();
        for wanted in ["H1", "H2", "P", "L", "LI", "Figure", "Link", "Sect"] {
            assert!(kinds.contains(wanted), "{what}: no {wanted} in {kinds:?}");
        }
        // Every figure says what it shows, and the deck's images say what
        // the deck says.
        let alts: Vec<&str> = elements
            .iter()
            .filter(|(k, _)| k == "Figure")
            .map(|(_, alt)| alt.as_deref().expect("a figure without alt text"))
            .collect();
        assert!(alts.iter().all(|a| !a.trim().is_empty()));
        for alt in &images {
            assert!(alts.contains(alt), "{what}: no figure with alt {alt:?}");
        }
        assert!(alts.iter().any(|a| a.starts_with("QR code of https://")));
        // Fonts are embedded.
        let fonts = String::from_utf8_lossy(&bytes)
            .matches("/FontFile2")
            .count();
        assert!(fonts >= 1, "{what}: no embedded font");
    }
    let guide = pdf(&guide_pdf(&loaded, GuideOptions::default()).unwrap().0);
    let kinds: HashSet<String> = structure(&guide).into_iter().map(|(k, _)| k).collect();
    for wanted in ["Table", "TR", "TH", "TD", "BlockQuote", "H3"] {
        assert!(kinds.contains(wanted), "guide: no {wanted}");
    }
}

#[test]
fn a4_paper_and_the_files_on_disk() {
    let loaded = module5();
    let dir = temp_dir("export-a4");
    let out = dir.join("guide.pdf");
    let done = export::export_guide(&loaded, &out, GuideOptions { paper: Paper::A4 }).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(done.bytes, bytes.len());
    let doc = pdf(&bytes);
    let (w, h) = media_box(&doc, 1);
    assert!(
        (w - 595.28).abs() < 0.1 && (h - 841.89).abs() < 0.1,
        "{w} x {h}"
    );
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("guide.pdf")]);
    let letter = guide_pdf(&loaded, GuideOptions::default()).unwrap().0;
    assert_eq!(media_box(&pdf(&letter), 1), (612.0, 792.0));
}

#[test]
fn the_command_line_writes_both_and_refuses_odd_page_counts() {
    let dir = temp_dir("export-cli");
    let guide = dir.join("g.pdf");
    let handout = dir.join("h.pdf");
    let (code, out, err) = cuecard(&[
        "export",
        "decks/module5.ron",
        "--guide",
        guide.to_str().unwrap(),
        "--handout",
        handout.to_str().unwrap(),
        "--per-page",
        "6",
        "--paper",
        "a4",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("g.pdf") && out.contains("h.pdf"), "{out}");
    assert_eq!(pdf(&std::fs::read(&handout).unwrap()).get_pages().len(), 2);
    let (code, _, err) = cuecard(&[
        "export",
        "decks/module5.ron",
        "--handout",
        "x.pdf",
        "--per-page",
        "4",
    ]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = cuecard(&["export", "decks/module5.ron"]);
    assert_eq!(code, 2, "neither --guide nor --handout: {err}");
    let (code, _, err) = cuecard(&["export", "decks/no-such.ron", "--guide", "x.pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains("decks/no-such.ron"), "{err}");
}

/// The bounding box (x0, y0, x1, y1) of the area of `color` above row
/// `max_y`: the columns and rows with more than 20 pixels within 3 of it
/// (anti-aliased hairlines elsewhere have a few such pixels at most).
fn bounds_of(image: &image::RgbImage, color: [u8; 3], max_y: u32) -> (u32, u32, u32, u32) {
    let (w, h) = image.dimensions();
    let h = h.min(max_y);
    let hit = |x: u32, y: u32| {
        image
            .get_pixel(x, y)
            .0
            .iter()
            .zip(color)
            .all(|(a, b)| a.abs_diff(b) <= 3)
    };
    let columns: Vec<u32> = (0..w)
        .filter(|&x| (0..h).filter(|&y| hit(x, y)).count() > 20)
        .collect();
    let rows: Vec<u32> = (0..h)
        .filter(|&y| (0..w).filter(|&x| hit(x, y)).count() > 20)
        .collect();
    (
        *columns.first().unwrap(),
        *rows.first().unwrap(),
        *columns.last().unwrap(),
        *rows.last().unwrap(),
    )
}

#[test]
fn a_render_shows_the_slide_where_the_layout_puts_it() {
    let loaded = module5();
    let background = deck::theme::palette(&loaded.deck).background;
    // The handout's first page: slide 1 in the top-left cell, below the
    // deck's title, lines for notes to its right.
    let (bytes, _) = handout_pdf(&loaded, HandoutOptions::default()).unwrap();
    let page = render(&bytes, 1, "export-render-handout");
    assert_eq!(page.dimensions(), (612, 792));
    let (x0, y0, x1, y1) = bounds_of(&page, background, 792 / 3);
    let (w, h) = ((x1 - x0 + 1) as f32, (y1 - y0 + 1) as f32);
    assert!((w / h - 16.0 / 9.0).abs() < 0.03, "{w} x {h} is not 16:9");
    assert!(x0.abs_diff(54) <= 2, "left edge at {x0}, not the margin");
    assert!((100..140).contains(&y0), "top at {y0}: not under the title");
    assert!(
        x1 < 612 / 2 + 40,
        "the slide takes the left part of the cell"
    );
    // The slide's title is drawn inside it: dark pixels in its top half
    // (a title slide centres it; a third cut through its first line).
    let dark = (x0..x1)
        .flat_map(|x| (y0..y0 + (h as u32) / 2).map(move |y| (x, y)))
        .filter(|&(x, y)| page.get_pixel(x, y).0.iter().all(|&c| c < 100))
        .count();
    assert!(
        dark > 200,
        "no title on the slide ({dark} dark pixels in {x0},{y0} to {x1},{y1})"
    );
    // Right of it, white paper with grey lines for notes.
    assert_eq!(page.get_pixel(x1 + 40, y0 + 5).0, [255, 255, 255]);

    // The guide's page for slide 1 (after the cover): the picture on the
    // left under the heading, two thirds of the column wide.
    let (bytes, _) = guide_pdf(&loaded, GuideOptions::default()).unwrap();
    let page = render(&bytes, 2, "export-render-guide");
    let (x0, y0, x1, y1) = bounds_of(&page, background, 792 / 2);
    let (w, h) = ((x1 - x0 + 1) as f32, (y1 - y0 + 1) as f32);
    assert!((w / h - 16.0 / 9.0).abs() < 0.03, "{w} x {h}");
    assert!(x0.abs_diff(54) <= 2, "left edge at {x0}");
    assert!((w - 504.0 * 0.68).abs() < 4.0, "{w} points wide");
    assert!((80..140).contains(&y0), "top at {y0}");
}

#[test]
fn missing_images_and_characters_the_font_lacks_still_export() {
    // The tour deck copied without its images folder, with an emoji and a
    // character from another script in a note.
    let dir = temp_dir("export-missing");
    let source = std::fs::read_to_string("decks/tour.ron").unwrap().replace(
        "Script(\"This is a script note",
        "Script(\"Smile \u{1F600} and \u{4E2D}. This is a script note",
    );
    std::fs::write(dir.join("tour.ron"), source).unwrap();
    let loaded = deck::load(&dir.join("tour.ron")).unwrap();
    let out = dir.join("guide.pdf");
    let done = export::export_guide(&loaded, &out, GuideOptions::default()).unwrap();
    let doc = pdf(&std::fs::read(&out).unwrap());
    assert_eq!(doc.get_pages().len(), done.pages);
    // Each image is still a figure with the deck's alt text, drawn as the
    // app's placeholder, which says why.
    let alts: Vec<String> = structure(&doc)
        .into_iter()
        .filter(|(k, _)| k == "Figure")
        .filter_map(|(_, alt)| alt)
        .collect();
    for slide in &loaded.deck.slides {
        for block in &slide.content {
            if let Block::Image { alt, .. } = block {
                assert!(alts.contains(alt), "no figure for {alt}");
            }
        }
    }
    let text = letters(&doc);
    assert!(text.contains("notfound"), "the placeholder says why");
    // The characters the font lacks are replaced, the rest is kept.
    let at = text.find("Smile").expect("the note is there");
    assert!(
        text[at..].starts_with("Smile?and?.Thisisascriptnote"),
        "{}",
        &text[at..at + 40]
    );
}

#[test]
fn exports_run_on_a_worker_thread_as_the_console_will_call_them() {
    let loaded = module5();
    let dir = temp_dir("export-thread");
    let (guide, handout) = (dir.join("g.pdf"), dir.join("h.pdf"));
    std::thread::scope(|scope| {
        let a = scope.spawn(|| export::export_guide(&loaded, &guide, GuideOptions::default()));
        let b =
            scope.spawn(|| export::export_handout(&loaded, &handout, HandoutOptions::default()));
        let (a, b) = (a.join().unwrap().unwrap(), b.join().unwrap().unwrap());
        assert_eq!(a.path, guide);
        assert_eq!(b.path, handout);
    });
    assert!(guide.exists() && handout.exists());
}

/// The structure elements' types with how deep each sits in the tree.
fn structure_depths(doc: &Document) -> Vec<(String, usize)> {
    fn walk(doc: &Document, object: &Object, depth: usize, out: &mut Vec<(String, usize)>) {
        let Ok((_, object)) = doc.dereference(object) else {
            return;
        };
        match object {
            Object::Array(items) => items.iter().for_each(|i| walk(doc, i, depth, out)),
            Object::Dictionary(dict) => {
                let Ok(kind) = dict.get(b"S") else { return };
                out.push((name(kind), depth));
                if let Ok(kids) = dict.get(b"K") {
                    walk(doc, kids, depth + 1, out);
                }
            }
            _ => {}
        }
    }
    let root = doc
        .catalog()
        .unwrap()
        .get_deref(b"StructTreeRoot", doc)
        .unwrap()
        .as_dict()
        .unwrap();
    let mut out = Vec::new();
    walk(doc, root.get(b"K").unwrap(), 0, &mut out);
    out
}

#[test]
fn sub_bullets_print_indented_in_order_as_nested_lists() {
    let loaded = deck::load(Path::new("tests/fixtures/good/sub_bullets.ron")).unwrap();
    let (bytes, _) = handout_pdf(&loaded, HandoutOptions::default()).unwrap();
    let doc = pdf(&bytes);
    let text = letters(&doc);
    let order: Vec<usize> = [
        "Lawenforcement",
        "Investigations",
        "Taskforces",
        "Federalandstate",
        "Serviceproviders",
        "Courts",
    ]
    .iter()
    .map(|t| {
        text.find(t)
            .unwrap_or_else(|| panic!("{t} missing: {text}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // A sub-list is tagged inside its parent item's body (L > LI > LBody >
    // L), as screen readers read nested lists: three lists, each deeper.
    let lists: Vec<usize> = structure_depths(&doc)
        .into_iter()
        .filter(|(kind, _)| kind == "L")
        .map(|(_, depth)| depth)
        .collect();
    assert_eq!(lists.len(), 3, "{lists:?}");
    assert_eq!(lists[1], lists[0] + 3, "{lists:?}");
    assert_eq!(lists[2], lists[1] + 3, "{lists:?}");
}
