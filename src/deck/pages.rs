//! The deck's side of PDF decks: the `pdf` field and slides' `page`
//! numbers, checked against the PDF's real page count.

use super::diagnostic::{Kind, Severity};
use super::policy;
use super::schema::Deck;
use super::validate::Checker;

/// Checks the deck's `pdf` (opening it when the deck has a folder) and
/// every slide's `page`; returns the PDF's page count when it opened.
pub(super) fn check(checker: &mut Checker<'_>, deck: &Deck) -> Option<usize> {
    let Some(pdf) = deck.pdf.as_deref() else {
        for (index, slide) in deck.slides.iter().enumerate() {
            if let Some(page) = slide.page {
                let location = checker
                    .locator
                    .slide_key(index, "page")
                    .unwrap_or_else(|| checker.locator.slide(index));
                checker.push(
                    Severity::Error,
                    Kind::NoSuchPage,
                    location,
                    format!(
                        "slide {} ({:?}) shows page {page}, but the deck names no PDF; add `pdf: \"slides.pdf\",` before `slides`",
                        index + 1,
                        slide.id
                    ),
                );
            }
        }
        return None;
    };
    let at = checker.locator.value(None, pdf);
    let no_slides = |checker: &mut Checker<'_>, why: &str| {
        if deck.slides.is_empty() {
            let location = checker.locator.key("pdf");
            checker.push(
                Severity::Error,
                Kind::NoSlides,
                location,
                format!("the deck has no slides of its own and {why}; fix the PDF or add `slides: [...]`"),
            );
        }
    };
    if let Err(refusal) = policy::check_relative_path(pdf) {
        checker.push(
            Severity::Error,
            Kind::PathEscapes,
            at,
            format!("pdf: {refusal}"),
        );
        no_slides(checker, "its PDF cannot be used");
        return None;
    }
    let count = match checker.folder {
        None => {
            no_slides(checker, "cuecard needs the deck's folder to find its PDF");
            None
        }
        Some(folder) => match policy::resolve_inside(folder, pdf) {
            Err(refusal) => {
                checker.push(
                    Severity::Error,
                    Kind::PathEscapes,
                    at,
                    format!("pdf: {refusal}"),
                );
                no_slides(checker, "its PDF cannot be used");
                None
            }
            Ok(None) => {
                checker.push(
                    Severity::Error,
                    Kind::Pdf,
                    at,
                    format!(
                        "pdf: {pdf:?} is not there (expected at {}); its pages will show a placeholder",
                        folder.join(pdf).display()
                    ),
                );
                no_slides(checker, "its PDF is missing");
                None
            }
            Ok(Some(real)) => match crate::pdf::PdfDocument::open(&real) {
                Ok(document) => {
                    if !document.is_complete() {
                        checker.push(
                            Severity::Warning,
                            Kind::Pdf,
                            at,
                            format!(
                                "pdf: {} does not end as a complete PDF does (it may be truncated, as after an interrupted copy); some pages may be missing or blank, so copy or export it again",
                                real.display()
                            ),
                        );
                    }
                    Some(document.page_count())
                }
                Err(error) => {
                    checker.push(Severity::Error, Kind::Pdf, at, format!("pdf: {error}"));
                    no_slides(checker, "its PDF cannot be opened");
                    None
                }
            },
        },
    };
    for (index, slide) in deck.slides.iter().enumerate() {
        let Some(page) = slide.page else {
            continue;
        };
        let problem = if page == 0 {
            Some("pages are numbered from 1".to_owned())
        } else {
            count
                .filter(|&count| usize::try_from(page).map_or(true, |p| p > count))
                .map(|count| format!("{pdf:?} has {count} pages"))
        };
        if let Some(problem) = problem {
            let location = checker
                .locator
                .slide_key(index, "page")
                .unwrap_or_else(|| checker.locator.slide(index));
            checker.push(
                Severity::Error,
                Kind::NoSuchPage,
                location,
                format!(
                    "slide {} ({:?}) shows page {page}, which does not exist: {problem}; the slide will show a placeholder",
                    index + 1,
                    slide.id
                ),
            );
        }
    }
    count
}

/// Width and height, pixels, of the box each page is rendered into by
/// [`render_check`] (small: it checks that pages draw, not how they look).
pub const CHECK_RENDER_BOX_PX: (u32, u32) = (320, 180);

/// Renders every PDF page the deck's slides show, small, and reports each
/// that fails (a [`Kind::PageRender`] error at the slide's `page:`), for
/// `cuecard check` and `preflight`. Returns nothing when the deck has no
/// PDF or it does not open (loading already said why).
pub fn render_check(loaded: &super::LoadedDeck) -> Vec<super::Diagnostic> {
    let Some(pdf) = loaded.pdf_path() else {
        return Vec::new();
    };
    let Ok(document) = crate::pdf::PdfDocument::open(&pdf) else {
        return Vec::new();
    };
    // The deck's text, for places; a deck made from a PDF has none.
    let source = if loaded
        .path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        std::fs::read_to_string(&loaded.path).unwrap_or_default()
    } else {
        String::new()
    };
    let locator = super::locator::Locator::new(&source);
    let mut found = Vec::new();
    let mut checked = std::collections::HashSet::new();
    for (index, slide) in loaded.deck.slides.iter().enumerate() {
        let Some(page) = slide.page_index() else {
            continue;
        };
        if !checked.insert(page) {
            continue;
        }
        let Some(size) = document.page_size(page) else {
            continue;
        };
        let (w, h) = size.fit_within(CHECK_RENDER_BOX_PX.0, CHECK_RENDER_BOX_PX.1);
        if let Err(error) = document.render(page, w, h) {
            let location = if source.is_empty() {
                super::Location::START
            } else {
                locator
                    .slide_key(index, "page")
                    .unwrap_or_else(|| locator.slide(index))
            };
            found.push(super::Diagnostic::new(
                Severity::Error,
                Kind::PageRender,
                &loaded.path,
                location,
                format!(
                    "slide {} ({:?}): page {} does not render: {error}; the room will see a placeholder",
                    index + 1,
                    slide.id,
                    page + 1
                ),
            ));
        }
    }
    found
}
