//! PDF decks (`cargo bench --bench pdf`): rendering one page at the
//! projector's size, and loading a deck that takes its 60 slides from a
//! PDF.
//!
//! The PDF is made by `cuecard::pdf::sample::talk_deck` (text, vector
//! shapes and a 640x480 photo on every page, 960x540 pt like a
//! `PowerPoint` export) in
//! `CARGO_TARGET_TMPDIR`. Timed:
//!
//! - `pdf/render page 1920x1080` and `pdf/render page 3840x2160`: one
//!   [`PdfDocument::render`] of an open PDF, what a render worker does for
//!   the audience view on a full-HD and a 4K projector;
//! - `pdf/open 60-page PDF`: [`PdfDocument::open`] (read, parse, page sizes);
//! - `pdf/load deck with 60-page PDF`: [`cuecard::deck::load`] of a deck
//!   with `pdf:` and no slides, which opens the PDF to count its pages and
//!   makes one slide per page (what launch and every reload do);
//! - `pdf/load 60-page PDF directly`: `cuecard FILE.pdf`'s load.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::Criterion;
use cuecard::pdf::PdfDocument;
use cuecard::pdf::sample;

/// Pages in the deck.
const PAGES: usize = 60;

fn pdf_deck() -> (PathBuf, PathBuf) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-pdf");
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("sixty.pdf");
    std::fs::write(&pdf, sample::talk_deck(PAGES)).unwrap();
    let deck = dir.join("sixty.ron");
    std::fs::write(&deck, "(title: \"Sixty\", pdf: \"sixty.pdf\")\n").unwrap();
    (pdf, deck)
}

fn benches(c: &mut Criterion) {
    let (pdf, deck) = pdf_deck();
    println!(
        "pdf: {} pages, {} KB",
        PAGES,
        std::fs::metadata(&pdf).unwrap().len() / 1024
    );
    let document = PdfDocument::open(&pdf).unwrap();
    let mut group = c.benchmark_group("pdf");
    for (w, h) in [(1920, 1080), (3840, 2160)] {
        group.bench_function(format!("render page {w}x{h}"), |b| {
            b.iter(|| black_box(document.render(black_box(4), w, h).unwrap()));
        });
    }
    group.bench_function("open 60-page PDF", |b| {
        b.iter(|| black_box(PdfDocument::open(&pdf).unwrap()));
    });
    group.bench_function("load deck with 60-page PDF", |b| {
        b.iter(|| {
            let loaded = cuecard::deck::load(&deck).unwrap();
            assert_eq!(loaded.deck.slides.len(), PAGES);
            black_box(loaded)
        });
    });
    group.bench_function("load 60-page PDF directly", |b| {
        b.iter(|| black_box(cuecard::deck::load(&pdf).unwrap()));
    });
    group.finish();
}

fn main() {
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    benches(&mut criterion);
    criterion.final_summary();
}
