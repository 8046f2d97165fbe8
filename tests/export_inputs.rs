//! `cuecard export` and what a trainer may hand it: an output name that is
//! one of the deck's own files, one name for both PDFs, links too long for
//! a handout's cell, photos, and text in scripts the print font lacks.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::pdf_read::{pdf, uri_links};
use common::{cuecard, temp_dir};

use std::path::{Path, PathBuf};

use cuecard::deck;
use cuecard::export::{
    GuideOptions, HandoutOptions, PerPage, export_guide, export_handout, handout_pdf,
};

/// A copy of the PDF demo deck and its PDF in a fresh folder.
fn pdf_demo_copy(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    for file in ["pdf-demo.ron", "pdf-demo.pdf"] {
        std::fs::copy(Path::new("decks").join(file), dir.join(file)).unwrap();
    }
    dir
}

#[test]
fn the_decks_own_pdf_is_never_overwritten() {
    let dir = pdf_demo_copy("export-over-pdf");
    let slides = dir.join("pdf-demo.pdf");
    let before = std::fs::read(&slides).unwrap();
    // The library refuses it, for the console as for the command line.
    let loaded = deck::load(&dir.join("pdf-demo.ron")).unwrap();
    let error = export_guide(&loaded, &slides, GuideOptions::default()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("this is the deck's PDF of slides"),
        "{error}"
    );
    let error = export_handout(
        &loaded,
        &dir.join("./pdf-demo.pdf"),
        HandoutOptions::default(),
    )
    .unwrap_err();
    assert!(error.to_string().contains("choose another name"), "{error}");
    // The command line, from the deck and from the PDF itself.
    for deck_arg in ["pdf-demo.ron", "pdf-demo.pdf"] {
        let (code, out, err) = cuecard(&[
            "export",
            dir.join(deck_arg).to_str().unwrap(),
            "--guide",
            slides.to_str().unwrap(),
        ]);
        assert_eq!(code, 2, "{deck_arg}: {out}{err}");
        assert!(err.contains("nothing was written"), "{err}");
    }
    assert_eq!(
        std::fs::read(&slides).unwrap(),
        before,
        "the slides were changed"
    );
}

#[test]
fn one_name_for_both_pdfs_is_refused_before_anything_is_written() {
    let dir = temp_dir("export-same-name");
    let out = dir.join("both.pdf");
    let (code, stdout, stderr) = cuecard(&[
        "export",
        "decks/module5.ron",
        "--guide",
        out.to_str().unwrap(),
        "--handout",
        dir.join(".").join("both.pdf").to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("give them different names"), "{stderr}");
    assert!(!out.exists(), "a file was written");
}

/// A deck of four slides whose links are long, as `SharePoint`'s are.
fn long_links_deck(dir: &Path) -> PathBuf {
    let mut slides = Vec::new();
    for slide in 0..4 {
        let links: Vec<String> = (0..if slide == 1 { 1 } else { 4 })
            .map(|k| {
                format!(
                    "(title: \"Resource {slide}-{k} with a fairly long title\", url: \"https://example.sharepoint.com/sites/training/Shared%20Documents/Module{slide}/Resource-{k}-with-a-very-long-file-name.pdf\")"
                )
            })
            .collect();
        slides.push(format!(
            "(id: \"s{slide}\", title: \"Slide {slide}\", content: [Paragraph(\"Hello\")], links: [{}])",
            links.join(", ")
        ));
    }
    let path = dir.join("links.ron");
    std::fs::write(
        &path,
        format!("(title: \"Links\", slides: [{}])", slides.join(", ")),
    )
    .unwrap();
    path
}

#[test]
fn links_that_do_not_fit_under_a_slide_are_listed_in_full_at_the_end() {
    let dir = temp_dir("export-long-links");
    let loaded = deck::load(&long_links_deck(&dir)).unwrap();
    let every: Vec<&str> = loaded
        .deck
        .slides
        .iter()
        .flat_map(|s| s.links.iter().map(|l| l.url.as_str()))
        .collect();
    for per_page in [PerPage::One, PerPage::Two, PerPage::Three, PerPage::Six] {
        let options = HandoutOptions {
            per_page,
            ..HandoutOptions::default()
        };
        let (bytes, _) = handout_pdf(&loaded, options).unwrap();
        let doc = pdf(&bytes);
        // Every annotation is on its page (none above the top edge or
        // below the bottom, where they used to run).
        for (number, id) in doc.get_pages() {
            for annotation in doc.get_page_annotations(id).unwrap_or_default() {
                let rect = annotation.get(b"Rect").unwrap().as_array().unwrap();
                let y = |k: usize| {
                    rect[k]
                        .as_float()
                        .unwrap_or_else(|_| rect[k].as_i64().unwrap() as f32)
                };
                assert!(
                    y(1) >= 0.0 && y(3) <= 792.0,
                    "{per_page:?}: a link off page {number}: {rect:?}"
                );
            }
        }
        // Every address can still be clicked, on the links pages if not
        // under its slide.
        let links = uri_links(&doc);
        for url in &every {
            assert!(
                links.iter().any(|l| l == url),
                "{per_page:?}: {url} missing"
            );
        }
        let last = doc.get_pages().len() as u32;
        let text = doc.extract_text(&[last]).unwrap();
        assert!(
            text.contains("Links"),
            "{per_page:?}: no links page: {text}"
        );
    }
    // A slide's text says where its links went.
    let (bytes, _) = handout_pdf(&loaded, HandoutOptions::default()).unwrap();
    let text = pdf(&bytes).extract_text(&[1]).unwrap();
    assert!(text.contains("at the end of the handout"), "{text}");
}

#[test]
fn a_photo_goes_in_as_a_jpeg_not_as_megabytes_of_pixels() {
    let dir = temp_dir("export-photo");
    // A noisy 3000 x 2000 photo, as a camera makes.
    let photo = image::RgbImage::from_fn(3000, 2000, |x, y| {
        let n = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)).wrapping_mul(2_654_435_761);
        image::Rgb([(n >> 8) as u8, (n >> 16) as u8, (n >> 24) as u8])
    });
    photo.save(dir.join("photo.jpg")).unwrap();
    let deck_path = dir.join("photos.ron");
    std::fs::write(
        &deck_path,
        r#"(title: "Photos", slides: [(id: "a", title: "A photo", content: [Image(path: "photo.jpg", alt: "A street at night")])])"#,
    )
    .unwrap();
    let loaded = deck::load(&deck_path).unwrap();
    let done = export_guide(&loaded, &dir.join("guide.pdf"), GuideOptions::default()).unwrap();
    assert!(done.not_shown.is_empty(), "{:?}", done.not_shown);
    // Kept lossless it was over 8 MB.
    assert!(done.bytes < 3_000_000, "the guide is {} bytes", done.bytes);
    let bytes = std::fs::read(dir.join("guide.pdf")).unwrap();
    assert!(
        String::from_utf8_lossy(&bytes).contains("/DCTDecode"),
        "the photo is not a JPEG in the PDF"
    );
}

#[test]
fn text_the_print_font_lacks_is_named_in_a_warning() {
    let dir = temp_dir("export-scripts");
    let deck_path = dir.join("greek.ron");
    std::fs::write(
        &deck_path,
        r#"(title: "Greetings", slides: [(id: "a", title: "Καλημέρα and 中文", notes: [Script("Shalom: שלום")])])"#,
    )
    .unwrap();
    let out = dir.join("guide.pdf");
    let (code, stdout, stderr) = cuecard(&[
        "export",
        deck_path.to_str().unwrap(),
        "--guide",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(out.is_file());
    let warning = stderr
        .lines()
        .find(|l| l.contains("print as ?"))
        .unwrap_or_else(|| panic!("no warning: {stderr}"));
    for named in ["Κ (U+039A)", "中 (U+4E2D)"] {
        assert!(warning.contains(named), "{warning}");
    }
    assert!(warning.contains("Latin letters"), "{warning}");
    // A Latin deck has no such warning.
    let (_, _, stderr) = cuecard(&[
        "export",
        "decks/module5.ron",
        "--guide",
        dir.join("m5.pdf").to_str().unwrap(),
    ]);
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn links_print_and_open_as_the_app_opens_them_never_with_a_password_or_a_disguised_host() {
    let loaded = deck::load(Path::new("tests/fixtures/bad/links_hostile.ron")).unwrap();
    for bytes in [
        cuecard::export::guide_pdf(&loaded, GuideOptions::default())
            .unwrap()
            .0,
        handout_pdf(&loaded, HandoutOptions::default()).unwrap().0,
    ] {
        let doc = pdf(&bytes);
        let links = uri_links(&doc);
        assert!(!links.is_empty());
        for url in &links {
            assert!(!url.contains('@'), "a link with a user or password: {url}");
            assert!(url.is_ascii(), "a link with a non-ASCII host: {url}");
        }
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        let text = doc.extract_text(&pages).unwrap();
        assert!(!text.contains("secret"), "a password is printed");
        assert!(
            !text.contains("justice.gov@"),
            "a disguised host is printed"
        );
    }
}

#[test]
fn a_refused_output_stops_the_other_from_being_written() {
    let dir = pdf_demo_copy("export-refused-pair");
    let ok = dir.join("guide.pdf");
    let (code, stdout, stderr) = cuecard(&[
        "export",
        dir.join("pdf-demo.ron").to_str().unwrap(),
        "--guide",
        ok.to_str().unwrap(),
        "--handout",
        dir.join("pdf-demo.pdf").to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(
        !ok.exists(),
        "the guide was written though the export said nothing was"
    );
}
