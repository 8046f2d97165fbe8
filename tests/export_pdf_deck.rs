//! `cuecard export` of a PDF deck (decks/pdf-demo.ron over
//! decks/pdf-demo.pdf): each page slide prints as its page, drawn by the
//! renderer the app uses, tagged as a figure that names the slide; web
//! addresses in text are links.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::pdf_read::{pdf, render_at, structure, uri_links};
use common::{cuecard, temp_dir};

use std::path::Path;

use cuecard::deck::{self, LoadedDeck};
use cuecard::export::{
    GuideOptions, HandoutOptions, PerPage, SlideArt, guide_pdf, handout_pdf, slide_art,
};
use cuecard::pdf::PdfDocument;

fn pdf_demo() -> LoadedDeck {
    deck::load(Path::new("decks/pdf-demo.ron")).unwrap()
}

/// Mean difference per channel (0 to 255) between `page` at (`left`,
/// `top`) and `picture`, over `picture`'s size.
fn mean_difference(page: &image::RgbImage, left: u32, top: u32, picture: &image::RgbImage) -> f64 {
    let (width, height) = picture.dimensions();
    let mut sum = 0_u64;
    for row in 0..height {
        for column in 0..width {
            let on_page = page.get_pixel(left + column, top + row).0;
            let wanted = picture.get_pixel(column, row).0;
            sum += on_page
                .iter()
                .zip(wanted)
                .map(|(a, b)| u64::from(a.abs_diff(b)))
                .sum::<u64>();
        }
    }
    sum as f64 / f64::from(width * height * 3)
}

#[test]
fn page_slides_are_their_pages_and_typed_slides_are_drawn() {
    let loaded = pdf_demo();
    let deck = &loaded.deck;
    assert_eq!(
        slide_art(deck, 0),
        SlideArt::PdfPage {
            path: "pdf-demo.pdf".into(),
            page: 0
        }
    );
    let typed = deck.slides.iter().position(|s| s.page.is_none()).unwrap();
    assert_eq!(slide_art(deck, typed), SlideArt::Vector);
}

#[test]
fn the_guide_shows_each_page_as_the_app_renders_it() {
    let loaded = pdf_demo();
    let (bytes, pages) = guide_pdf(&loaded, GuideOptions::default()).unwrap();
    // The cover and one page per slide.
    assert_eq!(pages, 1 + loaded.deck.slides.len());

    // Page 2 is slide 1, page 1 of the PDF: on the left under the heading,
    // two thirds of the column wide, as a Module 5 slide is.
    let dpi = 144;
    let page = render_at(&bytes, 2, "export-pdf-deck-guide", dpi);
    let scale = dpi as f32 / 72.0;
    let (x0, width) = ((54.0 * scale).round() as u32, 504.0 * 0.68 * scale);
    let document = PdfDocument::open(Path::new("decks/pdf-demo.pdf")).unwrap();
    let size = document.page_size(0).unwrap();
    let (w, h) = (
        width.floor() as u32 - 4,
        (width / size.aspect()).floor() as u32 - 4,
    );
    let expected = image::DynamicImage::ImageRgba8(document.render(0, w, h).unwrap()).into_rgb8();
    // The picture's top edge: the first row, from the heading down, where
    // the picture matches the page best.
    let (top, difference) = (60 * scale as u32..260 * scale as u32)
        .map(|y| (y, mean_difference(&page, x0 + 2, y + 2, &expected)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap();
    assert!(
        difference < 8.0,
        "the guide's picture of slide 1 differs from the app's render of page 1 by {difference:.1} a channel (best at row {top})"
    );
    // And it is not a blank slide: the page has ink where the render has.
    let ink = expected
        .pixels()
        .filter(|p| p.0.iter().any(|&c| c < 128))
        .count();
    assert!(
        ink > (w * h / 20) as usize,
        "page 1 is mostly blank? {ink} dark pixels"
    );
}

#[test]
fn page_figures_name_their_slides_and_the_handout_has_a_heading_for_each() {
    let loaded = pdf_demo();
    let deck = &loaded.deck;
    let count = deck.slides.len();
    let guide = pdf(&guide_pdf(&loaded, GuideOptions::default()).unwrap().0);
    let alts: Vec<String> = structure(&guide)
        .into_iter()
        .filter(|(kind, _)| kind == "Figure")
        .filter_map(|(_, alt)| alt)
        .collect();
    for (index, slide) in deck.slides.iter().enumerate() {
        if slide.page.is_some() {
            let wanted = format!("Slide {} of {count}: {}", index + 1, slide.console_title());
            assert!(
                alts.iter().any(|a| a.starts_with(&wanted)),
                "no figure {wanted:?} in {alts:?}"
            );
        }
    }
    // A page slide without a title is named as the console names it.
    let text = guide.extract_text(&[2]).unwrap();
    assert!(text.contains("Slide 1 of 6: Page 1"), "{text}");
    // The cover counts in words a person would write.
    let cover = guide
        .extract_text(&[1])
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(cover.contains("over 6 slides"), "{cover}");
    assert!(
        cover.contains("with 1 question for the room and 0 links."),
        "{cover}"
    );

    // The handout of a PDF deck (it used to fail: a page slide has no
    // title to head its picture with).
    for per_page in [PerPage::One, PerPage::Three, PerPage::Six] {
        let options = HandoutOptions {
            per_page,
            ..HandoutOptions::default()
        };
        let (bytes, _) = handout_pdf(&loaded, options).unwrap();
        let handout = pdf(&bytes);
        let elements = structure(&handout);
        let headings = elements.iter().filter(|(k, _)| k == "H2").count();
        let shown = deck.slides.iter().filter(|s| !s.hidden).count();
        assert_eq!(headings, shown, "{per_page:?}: one H2 per slide shown");
        let figures = elements.iter().filter(|(k, _)| k == "Figure").count();
        let pages_shown = deck
            .slides
            .iter()
            .filter(|s| !s.hidden && s.page.is_some())
            .count();
        assert!(figures >= pages_shown, "{per_page:?}: {figures} figures");
    }
}

#[test]
fn a_missing_pdf_prints_placeholders_that_say_why() {
    let dir = temp_dir("export-pdf-deck-missing");
    std::fs::copy("decks/pdf-demo.ron", dir.join("pdf-demo.ron")).unwrap();
    let loaded = deck::load(&dir.join("pdf-demo.ron")).unwrap();
    let (bytes, _) = guide_pdf(&loaded, GuideOptions::default()).unwrap();
    let doc = pdf(&bytes);
    let text = doc
        .extract_text(&[2])
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Page 1 not shown"), "{text}");
    assert!(
        text.contains("pdf-demo.pdf"),
        "the reason names the file: {text}"
    );
    // The notes are all there still.
    assert!(text.contains("Welcome everyone"), "{text}");

    // The command line writes the guide and says, once, what is missing.
    let deck = dir.join("pdf-demo.ron");
    let out = dir.join("guide.pdf");
    let (code, stdout, stderr) = cuecard(&[
        "export",
        deck.to_str().unwrap(),
        "--guide",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(out.is_file());
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning:")).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(
        warnings[0].contains("a page prints as a placeholder: pdf-demo.pdf is not there")
            && warnings[0].contains("put the PDF beside the deck"),
        "{stderr}"
    );
}

#[test]
fn web_addresses_in_notes_and_on_slides_can_be_clicked() {
    let loaded = deck::load(Path::new("decks/module5.ron")).unwrap();
    let guide = pdf(&guide_pdf(&loaded, GuideOptions::default()).unwrap().0);
    let links = uri_links(&guide);
    // In a presenter tip's text ("Source: https://www.dhs.gov/...").
    assert!(
        links
            .iter()
            .any(|l| l == "https://www.dhs.gov/continued-presence"),
        "{links:?}"
    );
    // In a bullet on the slide's picture ("... e-Guide: https://..."): the
    // deck links that address itself three times (the slide's "Link:"
    // line, the Links section's title and address), so a fourth is the
    // bullet's.
    let eguide = links
        .iter()
        .filter(|l| *l == "https://www.ovcttac.gov/taskforceguide/eguide/")
        .count();
    assert_eq!(eguide, 4, "{links:?}");
    // Each is a Link element in the structure tree, as the deck's links are.
    let elements = structure(&guide);
    let link_elements = elements.iter().filter(|(k, _)| k == "Link").count();
    assert!(
        link_elements >= links.len() / 2,
        "{link_elements} Link elements for {} annotations",
        links.len()
    );
}
