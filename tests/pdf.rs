//! PDF decks: opening, page sizes, rendering (pixels where they should
//! be), the limits against hostile files, and their messages.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use cuecard::pdf::sample::{self, Mark, SamplePage, Stored, hostile};
use cuecard::pdf::{PdfDocument, PdfError};

fn open(bytes: Vec<u8>) -> Result<PdfDocument, PdfError> {
    PdfDocument::from_bytes(bytes, Path::new("talk.pdf"))
}

fn pixel(image: &image::RgbaImage, x: u32, y: u32) -> [u8; 4] {
    image.get_pixel(x, y).0
}

fn is_red(p: [u8; 4]) -> bool {
    p[0] > 200 && p[1] < 60 && p[2] < 60
}

fn is_blue(p: [u8; 4]) -> bool {
    p[2] > 200 && p[0] < 60 && p[1] < 90
}

fn is_white(p: [u8; 4]) -> bool {
    p.iter().all(|&c| c > 245)
}

#[test]
fn document_is_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<PdfDocument>();
}

#[test]
fn counts_pages_and_reads_their_sizes_and_title() {
    let pages = vec![
        sample::slide_page(1, "Wide"),
        SamplePage::new(720.0, 540.0),
        sample::slide_page(3, "Wide again"),
    ];
    let doc = open(sample::write_pdf("Module 6", &pages)).unwrap();
    assert_eq!(doc.page_count(), 3);
    assert_eq!(doc.title(), Some("Module 6"));
    let sizes = doc.page_sizes();
    assert_eq!((sizes[0].width_pt, sizes[0].height_pt), (960.0, 540.0));
    assert!((sizes[1].aspect() - 4.0 / 3.0).abs() < 1e-4);
    // A 4:3 page on a 16:9 projector is letterboxed at the sides.
    assert_eq!(sizes[1].fit_within(1920, 1080), (1440, 1080));
    assert_eq!(sizes[0].fit_within(1920, 1080), (1920, 1080));
    // A 16:9 page in a 4:3 box: bars above and below.
    assert_eq!(sizes[0].fit_within(1024, 768), (1024, 576));
}

#[test]
fn rectangles_land_where_the_page_puts_them_at_every_size() {
    let doc = open(sample::slide_deck(1)).unwrap();
    for (w, h) in [(960, 540), (1920, 1080), (3840, 2160), (320, 180)] {
        let image = doc.render(0, w, h).unwrap();
        assert_eq!(image.dimensions(), (w, h));
        let s = w as f32 / 960.0;
        let at = |x: f32, y: f32| pixel(&image, (x * s) as u32, (y * s) as u32);
        // The red rectangle spans 60..360 x 200..260 pt, the blue one
        // 600..900 x 380..500 pt (top-left origin).
        assert!(is_red(at(210.0, 230.0)), "{w}x{h}: {:?}", at(210.0, 230.0));
        assert!(is_red(at(65.0, 205.0)));
        assert!(is_white(at(55.0, 230.0)), "left of the red rectangle");
        assert!(is_white(at(210.0, 265.0)), "below the red rectangle");
        assert!(is_blue(at(750.0, 440.0)), "{w}x{h}: {:?}", at(750.0, 440.0));
        assert!(is_white(at(750.0, 370.0)), "above the blue rectangle");
        // The title bar across the top is dark blue.
        let bar = at(480.0, 45.0);
        assert!(bar[0] < 60 && bar[2] > 90, "{bar:?}");
        assert!(pixel(&image, 0, 0)[3] == 255, "opaque");
    }
}

#[test]
fn text_and_photos_are_drawn() {
    let page = SamplePage::new(960.0, 540.0)
        .with(Mark::Text {
            x_pt: 40.0,
            y_pt: 100.0,
            size_pt: 60.0,
            text: "Collaboration".to_owned(),
        })
        .with(Mark::Photo {
            x_pt: 500.0,
            y_pt: 200.0,
            width_pt: 400.0,
            height_pt: 300.0,
            width_px: 64,
            height_px: 48,
            stored: Stored::Raw,
        });
    let doc = open(sample::write_pdf("t", &[page])).unwrap();
    let image = doc.render(0, 960, 540).unwrap();
    // Glyphs: dark pixels on the text's line, none in the empty margin below.
    let dark = |y0: u32, y1: u32| {
        (40..460)
            .flat_map(|x| (y0..y1).map(move |y| (x, y)))
            .filter(|&(x, y)| pixel(&image, x, y)[0] < 100)
            .count()
    };
    assert!(dark(50, 100) > 500, "text drawn: {}", dark(50, 100));
    assert_eq!(dark(110, 190), 0);
    // The photo's gradient: red grows to the right, green downwards.
    let left = pixel(&image, 510, 350);
    let right = pixel(&image, 890, 350);
    assert!(right[0] > left[0] + 150, "{left:?} {right:?}");
    let top = pixel(&image, 700, 210);
    let bottom = pixel(&image, 700, 490);
    assert!(bottom[1] > top[1] + 150, "{top:?} {bottom:?}");
}

#[test]
fn jpeg_photos_as_slide_programs_export_them_are_drawn_and_small() {
    let photo = |jpeg: bool| {
        let mark = Mark::Photo {
            x_pt: 500.0,
            y_pt: 200.0,
            width_pt: 400.0,
            height_pt: 300.0,
            width_px: 640,
            height_px: 480,
            stored: if jpeg { Stored::Jpeg } else { Stored::Raw },
        };
        sample::write_pdf("t", &[SamplePage::new(960.0, 540.0).with(mark)])
    };
    let (raw, jpeg) = (photo(false), photo(true));
    // 640x480 RGB is 921,600 bytes raw; the JPEG a small part of it.
    assert!(
        jpeg.len() * 10 < raw.len(),
        "{} vs {}",
        jpeg.len(),
        raw.len()
    );
    let image = open(jpeg).unwrap().render(0, 960, 540).unwrap();
    let left = pixel(&image, 510, 350);
    let right = pixel(&image, 890, 350);
    assert!(right[0] > left[0] + 150, "{left:?} {right:?}");
    let top = pixel(&image, 700, 210);
    let bottom = pixel(&image, 700, 490);
    assert!(bottom[1] > top[1] + 150, "{top:?} {bottom:?}");
    assert!(is_white(pixel(&image, 100, 100)), "outside the photo");
}

#[test]
fn bad_files_have_clear_messages_naming_the_file() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "not a PDF",
            b"PK\x03\x04 this is a .pptx".to_vec(),
            "is not a PDF file",
        ),
        ("empty", Vec::new(), "is not a PDF file"),
        ("encrypted", hostile::encrypted(), "password-protected"),
        ("truncated", hostile::truncated(), "truncated"),
        ("no pages", hostile::no_pages(), "has no pages"),
    ];
    for (what, bytes, expected) in cases {
        let error = open(bytes).expect_err(what).to_string();
        assert!(error.starts_with("talk.pdf: "), "{what}: {error}");
        assert!(error.contains(expected), "{what}: {error}");
    }
}

#[test]
fn pdf_bombs_are_refused_or_rendered_within_bounds() {
    let doc = open(hostile::huge_image()).unwrap();
    let error = doc.render(0, 1920, 1080).unwrap_err().to_string();
    assert!(error.contains("100000x100000"), "{error}");
    assert!(
        error.contains("export the slides again with smaller images"),
        "{error}"
    );
    assert!(doc.check_page(0).is_err());

    // Nesting is not about image sizes: the advice says to export again.
    let doc = open(hostile::deep_forms(100)).unwrap();
    let error = doc.render(0, 960, 540).unwrap_err().to_string();
    assert!(error.contains("nested more than"), "{error}");
    assert!(
        error.contains("export the slides to PDF again") && !error.contains("smaller images"),
        "{error}"
    );
    // A few levels are fine, and drawn.
    let doc = open(hostile::deep_forms(5)).unwrap();
    let image = doc.render(0, 960, 540).unwrap();
    assert!(is_red(pixel(&image, 5, 535)));

    // Forms that draw forms twice over, 30 levels (a billion draws, within
    // the depth limit): refused before hayro starts, not rendered for days.
    let doc = open(hostile::form_bomb(30)).unwrap();
    let error = doc.render(0, 160, 90).unwrap_err().to_string();
    assert!(
        error.contains("draws forms more than 100000 times"),
        "{error}"
    );
    assert!(error.contains("export the slides to PDF again"), "{error}");
    // Ten levels (1,023 draws) is within bounds, and drawn.
    let doc = open(hostile::form_bomb(10)).unwrap();
    let image = doc.render(0, 960, 540).unwrap();
    assert!(is_red(pixel(&image, 5, 535)));
    // The count is exact, not an estimate: 16 levels are 2^16 - 1 = 65,535
    // draws, under the limit; 17 levels, 131,071, are over it.
    let doc = open(hostile::form_bomb(16)).unwrap();
    assert!(doc.render(0, 16, 9).is_ok());
    let doc = open(hostile::form_bomb(17)).unwrap();
    let error = doc.render(0, 16, 9).unwrap_err().to_string();
    assert!(error.contains("more than 100000 times"), "{error}");

    // A billion-point page renders at the size asked, not its own.
    let doc = open(hostile::huge_page()).unwrap();
    let size = doc.page_size(0).unwrap();
    assert!(size.width_pt > 1e8);
    let image = doc.render(0, 1000, 1000).unwrap();
    assert!(is_red(pixel(&image, 50, 50)) && is_white(pixel(&image, 500, 500)));

    // Arrays nested past hayro's own limit: no stack overflow.
    if let Ok(doc) = open(hostile::deep_arrays(100_000)) {
        let _ = doc.render(0, 96, 54);
    }
}

#[test]
fn render_sizes_and_pages_out_of_range_are_refused() {
    let doc = open(sample::slide_deck(2)).unwrap();
    let error = doc.render(2, 100, 100).unwrap_err().to_string();
    assert_eq!(error, "talk.pdf: there is no page 3; the PDF has 2 pages");
    for (w, h) in [(0, 100), (100_000, 10), (8000, 8000)] {
        let error = doc.render(0, w, h).unwrap_err().to_string();
        assert!(error.contains("cannot render at"), "{error}");
    }
}

/// The committed hostile files (made by `cargo run --example make_pdfs`)
/// and what cuecard says of each: when opening, or when rendering page 1.
const FIXTURES: &[(&str, &str)] = &[
    (
        "encrypted.pdf",
        "the PDF is password-protected; cuecard cannot open it",
    ),
    ("truncated.pdf", "the PDF is truncated"),
    (
        "huge_image.pdf",
        "page 1: an embedded image is 100000x100000 pixels, over 64 megapixels",
    ),
    ("huge_page.pdf", "renders"),
    (
        "deep_forms.pdf",
        "page 1: its forms are nested more than 32 levels deep",
    ),
    (
        "form_bomb.pdf",
        "page 1: it draws forms more than 100000 times",
    ),
    ("no_pages.pdf", "the PDF has no pages"),
    (
        "not_a_pdf.pdf",
        "this is not a PDF file (it does not start with %PDF-)",
    ),
];

#[test]
fn every_hostile_fixture_has_its_message() {
    let dir = Path::new("tests/fixtures/pdf");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    let mut rows: Vec<String> = FIXTURES.iter().map(|(n, _)| (*n).to_owned()).collect();
    rows.sort();
    assert_eq!(
        files,
        rows,
        "every file in {} needs a row in FIXTURES",
        dir.display()
    );
    for (name, expected) in FIXTURES {
        let path = dir.join(name);
        let said = match PdfDocument::open(&path) {
            Err(error) => error.to_string(),
            Ok(doc) => match doc.render(0, 192, 108) {
                Err(error) => error.to_string(),
                Ok(_) => "renders".to_owned(),
            },
        };
        if *expected == "renders" {
            assert_eq!(said, "renders", "{name}");
        } else {
            assert!(
                said.starts_with(&format!("{}: ", path.display())),
                "{name}: {said}"
            );
            assert!(said.contains(expected), "{name}: {said}");
        }
    }
}

#[test]
fn the_example_pdf_deck_is_made_by_the_project() {
    // decks/pdf-demo.pdf is what examples/make_pdfs.rs writes: five pages,
    // the third 4:3.
    let doc = PdfDocument::open(Path::new("decks/pdf-demo.pdf")).unwrap();
    assert_eq!(doc.page_count(), 5);
    assert!((doc.page_sizes()[2].aspect() - 4.0 / 3.0).abs() < 1e-3);
    let image = doc.render(0, 960, 540).unwrap();
    assert!(is_red(pixel(&image, 210, 230)));
}

#[test]
fn a_pdf_cut_short_that_still_opens_is_flagged() {
    // Cut just before its end marker: hayro recovers the pages.
    let mut bytes = sample::slide_deck(2);
    let end = bytes.len() - b"%%EOF\n".len();
    bytes.truncate(end);
    if let Ok(doc) = open(bytes) {
        assert!(!doc.is_complete());
    }
    assert!(open(sample::slide_deck(2)).unwrap().is_complete());
}

/// Found by fuzzing `render_pdf` (docs/fuzzing.md): a font whose glyphs
/// make hayro 0.9's glyph cache overflow an addition. With overflow checks
/// (debug builds, the fuzzer) hayro panics; cuecard turns that into a
/// refusal of the page. Release builds wrap and draw something. Either
/// way: no panic out of `render`, and a refusal names the file and page.
#[test]
fn a_page_that_makes_hayro_panic_costs_only_that_page() {
    let path = Path::new("fuzz/found/hayro-glyph-cache-add-overflow.pdf");
    let doc = PdfDocument::open(path).unwrap();
    for index in 0..doc.page_count() {
        for (w, h) in [(160, 90), (1920, 1080)] {
            if let Err(error) = doc.render(index, w, h) {
                let message = error.to_string();
                assert!(
                    message.starts_with(&format!("{}: page {}", path.display(), index + 1)),
                    "{message}"
                );
            }
        }
    }
}

/// Found by fuzzing `render_pdf` (docs/fuzzing.md, run 3): a damaged copy
/// of the 40-deep forms seed whose forms draw forms many times over; hayro
/// rendered its 160x90 thumbnail for over five minutes without finishing.
/// cuecard counts the draws first and refuses the page.
#[test]
fn forms_that_multiply_are_refused_not_rendered_for_ever() {
    let path = Path::new("fuzz/found/forms-drawn-many-times-over.pdf");
    let doc = PdfDocument::open(path).unwrap();
    let error = doc.render(0, 160, 90).unwrap_err().to_string();
    assert!(
        error.starts_with(&format!(
            "{}: page 1: it draws forms more than",
            path.display()
        )),
        "{error}"
    );
    assert!(doc.check_page(0).is_err());
}
