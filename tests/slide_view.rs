//! The slide view every surface shares: overlays in reserved places that
//! never cover each other, content that shrinks to fit (and `check` saying
//! when it does not), the room's numbering and placeholders, PDF pages in
//! their own shape, and the laser pointer.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveTime;
use cuecard::app::{Clock, DeckSource, PresenterApp};
use cuecard::deck::{self, Deck};
use cuecard::show::Presentation;
use cuecard::ui::slide::{
    self, Fitting, ImageView, SlideSource, SlideView, Surface, fittings, zones,
};
use egui::{Pos2, Rect, Shape, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const SCREEN: Rect = Rect::from_min_max(Pos2::ZERO, egui::pos2(1920.0, 1080.0));

/// Pictures that all fail, with a technical reason.
struct Broken;

impl SlideSource for Broken {
    fn image(&self, path: &str) -> ImageView {
        ImageView::Failed(format!("{path}: decoder error: invalid Huffman code"))
    }
    fn page(&self, _index: usize, _place_px: (f32, f32)) -> ImageView {
        ImageView::Failed("page 1: broken content stream".to_owned())
    }
    fn page_aspect(&self, _index: usize) -> Option<f32> {
        Some(4.0 / 3.0)
    }
}

/// The texts in `shape`, with where they are.
fn walk(shape: &Shape, out: &mut Vec<(String, Rect)>) {
    match shape {
        Shape::Text(text) => out.push((
            text.galley.text().to_owned(),
            text.galley.rect.translate(text.pos.to_vec2()),
        )),
        Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
        _ => {}
    }
}

/// Every shape painted by `paint` on a 1920x1080 screen.
fn painted_shapes(paint: impl Fn(&egui::Painter)) -> Vec<Shape> {
    let ctx = egui::Context::default();
    cuecard::ui::fonts::install(&ctx);
    let input = || egui::RawInput {
        screen_rect: Some(SCREEN),
        ..Default::default()
    };
    let _ = ctx.run_ui(input(), |_| {});
    let output = ctx.run_ui(input(), |ui| {
        paint(&ui.ctx().layer_painter(egui::LayerId::background()));
    });
    output
        .shapes
        .into_iter()
        .map(|clipped| clipped.shape)
        .collect()
}

/// Every text painted (with where it is) by `paint` on a 1920x1080 screen.
fn painted_texts(paint: impl Fn(&egui::Painter)) -> Vec<(String, Rect)> {
    let mut out = Vec::new();
    for shape in &painted_shapes(paint) {
        walk(shape, &mut out);
    }
    out
}

fn overlaps(a: Rect, b: Rect) -> bool {
    let i = a.intersect(b);
    i.width() > 0.5 && i.height() > 0.5
}

fn bundled(name: &str) -> Deck {
    deck::load(Path::new("decks").join(name).as_path())
        .unwrap()
        .deck
}

#[test]
fn overlays_never_cover_each_other_or_the_content_on_the_bundled_decks() {
    for name in ["module5.ron", "tour.ron"] {
        let deck = bundled(name);
        let mut codes = 0;
        for (index, slide) in deck.slides.iter().enumerate() {
            let z = zones(slide::canvas(SCREEN), &deck, slide);
            codes += z.qr.len();
            // (The content's top row holds the title beside the logo.)
            let mut places = vec![("content", z.content), ("band", z.band)];
            places.extend(z.logo.map(|logo| ("logo", logo)));
            places.extend(z.qr.iter().map(|qr| ("qr", *qr)));
            for (i, (a_name, a)) in places.iter().enumerate() {
                for (b_name, b) in places.iter().skip(i + 1) {
                    if (*a_name, *b_name) == ("content", "logo") {
                        continue;
                    }
                    assert!(
                        !overlaps(*a, *b),
                        "{name} slide {}: {a_name} {a:?} overlaps {b_name} {b:?}",
                        index + 1
                    );
                }
            }
            // Every text painted stays out of the logo's and the QR codes'
            // places, and only the footer's texts are in the band.
            let texts = painted_texts(|painter| {
                SlideView::new(&deck, index, &slide::NoImages).paint(painter, SCREEN);
            });
            for (text, rect) in &texts {
                for (place_name, place) in places.iter().skip(2) {
                    assert!(
                        !overlaps(*rect, *place),
                        "{name} slide {}: {text:?} {rect:?} is under the {place_name} {place:?}",
                        index + 1
                    );
                }
                let footer =
                    deck.organization.as_deref() == Some(text.as_str()) || text.contains(" / ");
                assert!(
                    footer || !overlaps(*rect, z.band),
                    "{name} slide {}: {text:?} runs into the footer band",
                    index + 1
                );
            }
        }
        assert!(codes > 0, "{name} has a QR code to check");
    }
}

#[test]
fn the_discussion_countdown_sits_beside_the_qr_code_on_module5_slide_nine() {
    let deck = bundled("module5.ron");
    let index = deck
        .slides
        .iter()
        .position(|s| s.links.iter().any(|l| l.qr))
        .unwrap();
    assert_eq!(index, 8, "the video slide is slide nine");
    let z = zones(slide::canvas(SCREEN), &deck, &deck.slides[index]);
    let texts = painted_texts(|painter| {
        SlideView::new(&deck, index, &slide::NoImages)
            .countdown(Some("2:41".to_owned()))
            .paint(painter, SCREEN);
    });
    let (_, countdown) = texts
        .iter()
        .find(|(text, _)| text == "2:41")
        .expect("the count-down is painted");
    for qr in &z.qr {
        assert!(!overlaps(*countdown, *qr), "{countdown:?} covers {qr:?}");
    }
    for (text, rect) in &texts {
        if text != "2:41" {
            assert!(
                !overlaps(*countdown, *rect),
                "the count-down covers {text:?}"
            );
        }
    }
}

fn bullets(count: usize, words: usize) -> String {
    let item = vec!["collaboration"; words].join(" ");
    let items: Vec<String> = (0..count).map(|i| format!("\"{i} {item}\"")).collect();
    items.join(", ")
}

#[test]
fn an_over_full_slide_shrinks_as_a_whole_and_check_says_where() {
    let dir = common::temp_dir("slide-view-full");
    image::RgbImage::from_pixel(8, 6, image::Rgb([0, 0, 0]))
        .save(dir.join("photo.png"))
        .unwrap();
    let text = format!(
        "(title: \"Full\", slides: [\n\
         (id: \"short\", title: \"Short\", content: [Bullets([\"one\", \"two\"])]),\n\
         (id: \"snug\", title: \"Snug\", content: [Bullets([{}]), Image(path: \"photo.png\", alt: \"a photo\")]),\n\
         (id: \"full\", title: \"Full\",\n  content: [Bullets([{}]), Image(path: \"photo.png\", alt: \"a\"), Image(path: \"photo.png\", alt: \"b\"), Image(path: \"photo.png\", alt: \"c\")]),\n\
         ])\n",
        bullets(5, 6),
        bullets(25, 12),
    );
    let path = dir.join("full.ron");
    std::fs::write(&path, text).unwrap();
    let loaded = deck::load(&path).unwrap();
    let fits = fittings(&loaded.deck);
    assert_eq!(fits[0], Fitting::Fits);
    match fits[1] {
        Fitting::Shrunk { scale } => assert!(scale < 1.0 && scale > 0.5, "{scale}"),
        other => panic!("the snug slide shrinks: {other:?}"),
    }
    assert!(matches!(fits[2], Fitting::TooFull { .. }), "{:?}", fits[2]);
    // The room sees whole lines above the band, never a line over it.
    let full = &loaded.deck;
    let band = zones(slide::canvas(SCREEN), full, &full.slides[2]).band;
    let texts = painted_texts(|painter| {
        SlideView::new(full, 2, &slide::NoImages).paint(painter, SCREEN);
    });
    assert!(texts.len() > 5, "{texts:?}");
    for (text, rect) in &texts {
        assert!(!overlaps(*rect, band), "{text:?} runs into the band");
        assert!(rect.bottom() <= band.top(), "{text:?} below the content");
    }
    let (code, _out, err) = common::cuecard(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "a full slide is a warning, not an error: {err}");
    let shown = format!(
        "{}:5:3: warning: slide 3 (\"full\"): too full",
        path.display()
    );
    assert!(err.contains(&shown), "{err}");
    assert!(
        err.contains("slide 2 (\"snug\"): text and images shrunk to"),
        "{err}"
    );
    let (code, _, _) = common::cuecard(&["check", "--deny-warnings", path.to_str().unwrap()]);
    assert_ne!(code, 0);
    // The bundled decks fit as written.
    for name in ["module5.ron", "tour.ron"] {
        let deck = bundled(name);
        for (i, fitting) in fittings(&deck).into_iter().enumerate() {
            assert!(
                !matches!(fitting, Fitting::TooFull { .. }),
                "{name} slide {} is too full",
                i + 1
            );
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_footer_and_logo_stay_off_pdf_pages_unless_the_deck_asks() {
    let deck_text = |decorate: bool| {
        format!(
            "(title: \"T\", organization: \"NMOAG\", logo: \"logo.png\", pdf: \"s.pdf\", decorate_pdf_pages: {decorate},\n\
             footer: (organization: true, slide_number: true),\n\
             slides: [(id: \"p\", page: 1), (id: \"r\", title: \"Typed\")])"
        )
    };
    // On the console, a logo that cannot be shown says why in its place,
    // so the texts show where the logo is drawn.
    let painted = |deck: &Deck, index: usize| {
        painted_texts(|painter| {
            SlideView::new(deck, index, &Broken)
                .surface(Surface::Console)
                .number(Some((index + 1, 2)))
                .paint(painter, SCREEN);
        })
    };
    let has = |texts: &[(String, Rect)], want: &str| texts.iter().any(|(t, _)| t.contains(want));
    let plain = deck::parse(deck_text(false).as_bytes(), Path::new("t.ron"), None)
        .unwrap()
        .deck;
    let page = painted(&plain, 0);
    assert!(
        !has(&page, "NMOAG") && !has(&page, "1 / 2") && !has(&page, "logo.png"),
        "a footer or logo over the PDF page: {page:?}"
    );
    // The slide typed in RON keeps them.
    let typed = painted(&plain, 1);
    assert!(
        has(&typed, "NMOAG") && has(&typed, "2 / 2") && has(&typed, "logo.png"),
        "{typed:?}"
    );
    // `decorate_pdf_pages: true` draws them over the page too.
    let decorated = deck::parse(deck_text(true).as_bytes(), Path::new("t.ron"), None)
        .unwrap()
        .deck;
    let page = painted(&decorated, 0);
    assert!(
        has(&page, "NMOAG") && has(&page, "1 / 2") && has(&page, "logo.png"),
        "{page:?}"
    );
}

#[test]
fn a_page_slide_with_draw_content_false_keeps_its_text_off_the_page() {
    let text = |draw: bool| {
        format!(
            "(title: \"T\", pdf: \"s.pdf\", slides: [(id: \"p\", title: \"Three Partners\", page: 1, draw_content: {draw}, content: [Bullets([\"Law enforcement\"])])])"
        )
    };
    for (draw, drawn) in [(false, false), (true, true)] {
        let deck = deck::parse(text(draw).as_bytes(), Path::new("t.ron"), None)
            .unwrap()
            .deck;
        let texts = painted_texts(|painter| {
            SlideView::new(&deck, 0, &slide::NoImages).paint(painter, SCREEN);
        });
        assert_eq!(
            texts.iter().any(|(t, _)| t.contains("Law enforcement")),
            drawn,
            "draw_content: {draw}: {texts:?}"
        );
    }
}

#[test]
fn an_imported_pptx_with_its_pdf_export_presents_the_pages() {
    let dir = common::temp_dir("slide-view-imported");
    let pptx = dir.join("sample.pptx");
    std::fs::copy("tests/fixtures/import/sample.pptx", &pptx).unwrap();
    std::fs::write(dir.join("sample.pdf"), cuecard::pdf::sample::slide_deck(4)).unwrap();
    let outcome = cuecard::import::run(&pptx, &cuecard::import::ImportOptions::default()).unwrap();
    let mut harness = app_on(&outcome.deck_path);
    assert_eq!(harness.state().presentation().slide_count(), 5);
    run_until(&mut harness, "page 1 of the PDF export on screen", |app| {
        idle_with_page_sizes(app, 0, 2)
    });
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(harness.state().presentation().current(), 1);
    run_until(&mut harness, "page 2 on screen", |app| {
        idle_with_page_sizes(app, 1, 2)
    });
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_room_numbers_only_the_slides_it_sees() {
    let text = "(title: \"T\", footer: (organization: false, slide_number: true), slides: [\n\
        (id: \"a\", title: \"A\"),\n\
        (id: \"b\", title: \"B\", hidden: true),\n\
        (id: \"c\", title: \"C\"),\n\
        (id: \"d\", title: \"D\"),\n])";
    let deck = deck::parse(text.as_bytes(), Path::new("t.ron"), None)
        .unwrap()
        .deck;
    let p = Presentation::new(&deck);
    assert_eq!(p.room_number(0), Some((1, 3)));
    assert_eq!(p.room_number(1), None);
    assert_eq!(p.room_number(2), Some((2, 3)));
    let texts = painted_texts(|painter| {
        SlideView::new(&deck, 2, &slide::NoImages)
            .number(p.room_number(2))
            .paint(painter, SCREEN);
    });
    assert!(texts.iter().any(|(t, _)| t == "2 / 3"), "{texts:?}");
    assert!(!texts.iter().any(|(t, _)| t == "3 / 4"));
}

#[test]
fn the_room_never_sees_why_a_picture_failed_and_the_console_does() {
    let deck = bundled("tour.ron");
    let index = deck
        .slides
        .iter()
        .position(|s| {
            s.content
                .iter()
                .any(|b| matches!(b, cuecard::deck::Block::Image { .. }))
        })
        .unwrap();
    let paint = |surface| {
        painted_texts(|painter| {
            SlideView::new(&deck, index, &Broken)
                .surface(surface)
                .paint(painter, SCREEN);
        })
        .into_iter()
        .map(|(t, _)| t)
        .collect::<Vec<_>>()
        .join("\n")
    };
    let room = paint(Surface::Audience);
    let console = paint(Surface::Console);
    for technical in ["decoder error", ".png", "Logo not shown"] {
        assert!(
            !room.contains(technical),
            "the room sees {technical:?}:\n{room}"
        );
        assert!(
            console.contains(technical),
            "the console lacks {technical:?}:\n{console}"
        );
    }
}

#[test]
fn a_four_by_three_pdf_page_keeps_its_shape() {
    let deck = deck::parse(
        b"(title: \"P\", slides: [(id: \"p\", page: 1)])",
        Path::new("p.ron"),
        None,
    )
    .unwrap()
    .deck;
    let texts = painted_texts(|painter| {
        let painted = SlideView::new(&deck, 0, &Broken).paint(painter, SCREEN);
        assert_eq!(painted.canvas.size(), vec2(1440.0, 1080.0));
        assert_eq!(painted.canvas.left(), 240.0);
    });
    // A page slide has no title drawn over it, and the room no reason.
    assert!(texts.is_empty(), "{texts:?}");
}

fn app_on(path: &Path) -> Harness<'static, PresenterApp> {
    app_on_with_clock(path).0
}

type FakeTime = std::sync::Arc<std::sync::Mutex<std::time::Duration>>;

fn app_on_with_clock(path: &Path) -> (Harness<'static, PresenterApp>, FakeTime) {
    let (clock, time) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let app = PresenterApp::new(deck::load(path), clock)
        .with_source(DeckSource::File(path.to_path_buf()));
    let harness = Harness::builder()
        .with_size(vec2(1366.0, 768.0))
        .build_eframe(move |_cc| app);
    (harness, time)
}

#[test]
fn the_app_shows_a_pdf_decks_pages_rendered_off_the_ui_thread() {
    let dir = common::temp_dir("slide-view-pdf");
    std::fs::write(dir.join("slides.pdf"), cuecard::pdf::sample::slide_deck(3)).unwrap();
    let path = dir.join("talk.ron");
    std::fs::write(&path, "(title: \"PDF\", pdf: \"slides.pdf\")").unwrap();
    let mut harness = app_on(&path);
    let textures = harness.state().textures();
    let start = Instant::now();
    // The first page and its neighbour become textures.
    while cuecard::app::lock(&textures).len() < 2 && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
        harness.run_steps(1);
    }
    let generation = {
        let guard = cuecard::app::lock(&textures);
        assert!(guard.len() >= 2, "pages shown: {}", guard.len());
        guard.pool().unwrap().generation()
    };
    // A reload starts a new generation (what was under way for the old
    // file is dropped) and shows the pages again.
    harness
        .state()
        .sender()
        .send(cuecard::show::ShellCommand::Reload);
    let start = Instant::now();
    loop {
        harness.run_steps(1);
        let guard = cuecard::app::lock(&textures);
        if guard.pool().unwrap().generation() > generation && guard.len() >= 2 {
            break;
        }
        drop(guard);
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no new generation"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Runs frames until `done` holds (20 s at most), sleeping a little
/// between them so the render workers get the CPU.
fn run_until(
    harness: &mut Harness<'static, PresenterApp>,
    what: &str,
    done: impl Fn(&PresenterApp) -> bool,
) {
    let start = Instant::now();
    loop {
        harness.run_steps(1);
        if done(harness.state()) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "waited 20 s for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn idle_with_page_sizes(app: &PresenterApp, index: usize, places: usize) -> bool {
    let textures = app.textures();
    let guard = cuecard::app::lock(&textures);
    guard.pool().is_some_and(|p| p.outstanding() == 0)
        && guard.page_texture_sizes(index).len() >= places
}

#[test]
fn pdf_pages_render_at_each_places_size_and_the_next_slide_is_ready_in_the_next_frame() {
    let dir = common::temp_dir("slide-view-pdf-sizes");
    std::fs::write(dir.join("slides.pdf"), cuecard::pdf::sample::slide_deck(6)).unwrap();
    let path = dir.join("talk.ron");
    std::fs::write(&path, "(title: \"PDF\", pdf: \"slides.pdf\")").unwrap();
    let (mut harness, time) = app_on_with_clock(&path);
    // Presses of the same key count once unless time passes between them
    // (a clicker's double fire): each press comes a second later.
    let press_later = |harness: &mut Harness<'static, PresenterApp>, key: egui::Key| {
        *time.lock().unwrap() += Duration::from_secs(1);
        harness.key_press(key);
    };
    let textures = harness.state().textures();
    // Page 1 is shown in two places (the audience view and the console's
    // current-slide preview), each with its own render; page 2 is the
    // next slide, asked for ahead at every place's size.
    run_until(&mut harness, "page 1 at two sizes", |app| {
        idle_with_page_sizes(app, 0, 2) && idle_with_page_sizes(app, 1, 2)
    });
    let sizes = cuecard::app::lock(&textures).page_texture_sizes(0);
    let (small, large) = (sizes[0], sizes[sizes.len() - 1]);
    assert!(
        large.0 > small.0 && large.1 > small.1,
        "one size for every place: {sizes:?}"
    );
    // Every render keeps the page's 16:9 shape.
    for (w, h) in &sizes {
        assert!(
            (*w as f32 / *h as f32 - 16.0 / 9.0).abs() < 0.02,
            "{sizes:?}"
        );
    }
    let late = cuecard::app::lock(&textures).late_pages();
    // (The first frames came before any render: those were late.)
    assert!(late > 0, "late pages are not counted");
    // The clicker: the next page shows in the next frame, at its size in
    // every place (never blank, never a blurry stand-in).
    press_later(&mut harness, egui::Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(harness.state().presentation().current(), 1);
    assert_eq!(
        cuecard::app::lock(&textures).late_pages(),
        late,
        "a place showed page 2 late after the slide change"
    );
    // The presenter stays on a slide for a while and nothing repaints
    // (the audience view shows no clock): the next page is still ready at
    // every place's size when the clicker is pressed.
    run_until(&mut harness, "page 3 asked ahead", |app| {
        idle_with_page_sizes(app, 2, 2)
    });
    std::thread::sleep(cuecard::app::textures::KEEP_UNUSED + Duration::from_millis(500));
    let late = cuecard::app::lock(&textures).late_pages();
    press_later(&mut harness, egui::Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(harness.state().presentation().current(), 2);
    assert_eq!(
        cuecard::app::lock(&textures).late_pages(),
        late,
        "after a long stay, a place showed page 3 late"
    );
    // The overview's thumbnails get their own small renders, and the
    // big renders of the pages far from the current one are not made.
    press_later(&mut harness, egui::Key::Tab);
    run_until(&mut harness, "the thumbnail of page 6", |app| {
        idle_with_page_sizes(app, 5, 1)
    });
    let thumbnail = cuecard::app::lock(&textures).page_texture_sizes(5);
    assert_eq!(thumbnail.len(), 1, "{thumbnail:?}");
    assert!(
        thumbnail[0].0 < small.0,
        "the thumbnail {thumbnail:?} is no smaller than the preview {small:?}"
    );
    // Closing the overview lets its thumbnails go (after a few seconds).
    press_later(&mut harness, egui::Key::Escape);
    let start = Instant::now();
    while !cuecard::app::lock(&textures)
        .page_texture_sizes(5)
        .is_empty()
    {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the thumbnails stay"
        );
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(50));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_laser_pointer_follows_the_mouse_over_the_preview_and_a_click_does_not_advance() {
    let mut harness = app_on(Path::new("decks/module5.ron"));
    // Here the audience view is embedded in the console's window, over the
    // preview: close it (the room's frame is still published).
    harness
        .state()
        .sender()
        .send(cuecard::show::ShellCommand::AudienceClosed);
    harness.run_steps(2);
    harness.key_press(egui::Key::L);
    harness.run_steps(1);
    let preview = harness
        .get_by_label("What the audience sees; the laser pointer follows the mouse here")
        .rect();
    let centre = preview.center();
    harness.hover_at(centre);
    harness.run_steps(2);
    let pointer = harness
        .state()
        .audience_frame()
        .pointing
        .pointer
        .map(|(at, _)| at);
    let [x, y] = pointer.expect("the room sees the pointer");
    assert!((x - 0.5).abs() < 0.02 && (y - 0.5).abs() < 0.02, "{x}, {y}");
    harness
        .get_by_label("What the audience sees; the laser pointer follows the mouse here")
        .click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().presentation().current(),
        0,
        "pointing is not next"
    );
    // Esc puts the pointer away (before it would leave full screen); the
    // pointer goes, and a click is the next slide again.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert_eq!(harness.state().audience_frame().pointing.pointer, None);
    harness
        .get_by_label("What the audience sees; click or scroll down for the next slide, right-click to go back")
        .click();
    harness.run_steps(2);
    assert_eq!(harness.state().presentation().current(), 1);
}

#[test]
fn short_content_beside_qr_codes_keeps_its_full_size_and_stays_clear_of_them() {
    let link = |t: &str| format!("(title: \"{t}\", url: \"https://example.org/{t}\", qr: true)");
    let text = format!(
        "(title: \"QR\", slides: [(id: \"q\", title: \"Take these home\", content: [Bullets([\"Reading\", \"Video\", \"Hotline\", \"Forms\"])], links: [{}, {}])])",
        link("reading"),
        link("video"),
    );
    let deck = deck::parse(text.as_bytes(), Path::new("q.ron"), None)
        .unwrap()
        .deck;
    assert_eq!(fittings(&deck), vec![Fitting::Fits]);
    let z = zones(slide::canvas(SCREEN), &deck, &deck.slides[0]);
    assert_eq!(z.qr.len(), 2);
    let texts = painted_texts(|painter| {
        SlideView::new(&deck, 0, &slide::NoImages).paint(painter, SCREEN);
    });
    for (text, rect) in &texts {
        for qr in &z.qr {
            assert!(!overlaps(*rect, *qr), "{text:?} is under a QR code");
        }
    }
}

#[test]
fn a_mouse_clicker_on_the_audience_view_or_the_preview_moves_forward_and_back() {
    let mut harness = app_on(Path::new("decks/module5.ron"));
    harness.run_steps(2);
    // The audience window (embedded in the harness): left click, next.
    harness
        .get_by_label("Audience view; a click or the wheel down is the next slide, a right click or the wheel up goes back")
        .click();
    harness.run_steps(2);
    assert_eq!(harness.state().presentation().current(), 1);
    let audience = harness
        .get_by_label("Audience view; a click or the wheel down is the next slide, a right click or the wheel up goes back")
        .rect()
        .center();
    harness.event(egui::Event::PointerMoved(audience));
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: audience,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    harness.run_steps(2);
    assert_eq!(
        harness.state().presentation().current(),
        0,
        "right click: back"
    );
}

#[test]
fn the_mouse_wheel_over_the_audience_view_or_the_preview_moves_a_slide_per_notch() {
    let (mut harness, time) = app_on_with_clock(Path::new("decks/module5.ron"));
    harness.run_steps(2);
    let notch = |harness: &mut Harness<'static, PresenterApp>, at: egui::Pos2, lines: f32| {
        harness.event(egui::Event::PointerMoved(at));
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: vec2(0.0, lines),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
        });
        harness.run_steps(2);
    };
    let audience = harness
        .get_by_label("Audience view; a click or the wheel down is the next slide, a right click or the wheel up goes back")
        .rect()
        .center();
    // One notch down (towards the presenter): the next slide.
    notch(&mut harness, audience, -1.0);
    assert_eq!(harness.state().presentation().current(), 1);
    // Another notch in the same gesture does not fly on.
    notch(&mut harness, audience, -1.0);
    assert_eq!(harness.state().presentation().current(), 1);
    // After a rest, a notch up: back.
    *time.lock().unwrap() = std::time::Duration::from_millis(500);
    notch(&mut harness, audience, 1.0);
    assert_eq!(
        harness.state().presentation().current(),
        0,
        "wheel up: back"
    );
    // The console's preview of what the room sees, once the audience
    // window (embedded here, on top of it) is closed.
    harness
        .state()
        .sender()
        .send(cuecard::show::ShellCommand::AudienceClosed);
    harness.run_steps(2);
    let preview = harness
        .get_by_label("What the audience sees; click or scroll down for the next slide, right-click to go back")
        .rect()
        .center();
    *time.lock().unwrap() = std::time::Duration::from_secs(1);
    notch(&mut harness, preview, -1.0);
    assert_eq!(harness.state().presentation().current(), 1);
}

#[test]
fn the_overview_scrolls_to_keep_the_selected_slide_in_view() {
    let dir = common::temp_dir("slide-view-overview");
    let slides: Vec<String> = (1..=60)
        .map(|n| format!("(id: \"s{n}\", title: \"Slide {n}\")"))
        .collect();
    let path = dir.join("long.ron");
    std::fs::write(
        &path,
        format!("(title: \"Long\", slides: [{}])", slides.join(", ")),
    )
    .unwrap();
    let mut harness = app_on(&path);
    harness.run_steps(2);
    harness.key_press(egui::Key::Tab);
    harness.run_steps(2);
    assert!(harness.query_by_label("Go to slide 1").is_some());
    assert!(
        harness.query_by_label("Go to slide 56").is_none(),
        "slide 56 starts out of view"
    );
    // Down moves the selection a row at a time; the overview follows.
    for _ in 0..11 {
        harness
            .state()
            .sender()
            .send(cuecard::show::ShellCommand::OverviewMove(5));
        harness.run_steps(1);
    }
    assert_eq!(harness.state().console().pickers.overview(), Some(55));
    harness.run_steps(2);
    assert!(
        harness.query_by_label("Go to slide 56").is_some(),
        "the selected slide 56 is in view"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_page_that_cannot_be_drawn_is_said_in_a_console_banner() {
    let dir = common::temp_dir("slide-view-bad-page");
    std::fs::write(
        dir.join("bomb.pdf"),
        cuecard::pdf::sample::hostile::huge_image(),
    )
    .unwrap();
    let path = dir.join("talk.ron");
    std::fs::write(
        &path,
        "(title: \"T\", pdf: \"bomb.pdf\", slides: [(id: \"a\", page: 1), (id: \"b\", title: \"Typed\")])",
    )
    .unwrap();
    let mut harness = app_on(&path);
    let start = Instant::now();
    while harness
        .query_by_label_contains("The room sees a blank slide: page 1 is not shown")
        .is_none()
    {
        assert!(start.elapsed() < Duration::from_secs(20), "no banner");
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
    }
    // The banner says why.
    assert!(harness.query_by_label_contains("100000x100000").is_some());
    // On the next slide, which is fine, the banner goes.
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label_contains("The room sees a blank slide")
            .is_none()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sub_bullets_sit_under_their_parent_indented_smaller_and_dashed() {
    /// Collects the x of every dot (circle) and dash (level line) painted.
    fn count(shape: &Shape, dots: &mut Vec<f32>, dashes: &mut Vec<f32>) {
        match shape {
            Shape::Circle(c) => dots.push(c.center.x),
            Shape::LineSegment { points, .. } if (points[0].y - points[1].y).abs() < 0.1 => {
                dashes.push(points[0].x);
            }
            Shape::Vec(shapes) => shapes.iter().for_each(|s| count(s, dots, dashes)),
            _ => {}
        }
    }
    let deck = deck::load(Path::new("tests/fixtures/good/sub_bullets.ron"))
        .unwrap()
        .deck;
    let texts = painted_texts(|painter| {
        SlideView::new(&deck, 0, &slide::NoImages).paint(painter, SCREEN);
    });
    let at = |text: &str| {
        texts.iter().find(|(t, _)| t == text).map_or_else(
            || panic!("{text:?} not painted: {texts:?}"),
            |(_, rect)| *rect,
        )
    };
    let (top, sub, subsub, next) = (
        at("Law enforcement"),
        at("Investigations"),
        at("Federal and state"),
        at("Service providers"),
    );
    // Each level is indented further; the next top-level bullet comes back.
    assert!(sub.left() > top.left() + 40.0, "{top:?} {sub:?}");
    assert!(subsub.left() > sub.left() + 40.0, "{sub:?} {subsub:?}");
    assert!((next.left() - top.left()).abs() < 0.5);
    // In reading order, and a sub-bullet's text is smaller.
    assert!(top.top() < sub.top() && sub.top() < subsub.top() && subsub.top() < next.top());
    assert!(sub.height() < top.height() * 0.95, "{top:?} {sub:?}");
    // Top-level (and third-level) bullets get dots, second-level ones dashes.
    let (mut dots, mut dashes) = (Vec::new(), Vec::new());
    let shapes = painted_shapes(|painter| {
        SlideView::new(&deck, 0, &slide::NoImages).paint(painter, SCREEN);
    });
    for shape in &shapes {
        count(shape, &mut dots, &mut dashes);
    }
    let left_of = |x: f32, text: Rect| x < text.left() && x > text.left() - 60.0;
    assert_eq!(
        dots.iter().filter(|x| left_of(**x, top)).count(),
        3,
        "{dots:?}"
    );
    assert_eq!(
        dots.iter().filter(|x| left_of(**x, subsub)).count(),
        1,
        "{dots:?}"
    );
    assert_eq!(
        dashes.iter().filter(|x| left_of(**x, sub)).count(),
        2,
        "{dashes:?}"
    );
}
