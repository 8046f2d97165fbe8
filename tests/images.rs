//! Slide images in the running app: decoded off the UI thread, neighbours
//! loaded ahead, and placeholders (never a crash) for a corrupt image and a
//! 20000x20000 one.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{png_header_only, temp_dir as temp};

use std::time::{Duration, Instant};

use chrono::NaiveTime;
use cuecard::app::{Clock, DeckSource, PresenterApp, lock};
use cuecard::deck;
use egui_kittest::Harness;

#[test]
fn good_corrupt_and_huge_images_end_as_textures_or_placeholders() {
    let dir = temp("app");
    image::RgbImage::from_pixel(4000, 3000, image::Rgb([30, 90, 160]))
        .save(dir.join("big.png"))
        .unwrap();
    std::fs::write(
        dir.join("corrupt.png"),
        b"\x89PNG\r\n\x1a\nnot a png at all",
    )
    .unwrap();
    std::fs::write(dir.join("huge.png"), png_header_only(20_000, 20_000)).unwrap();
    image::RgbImage::from_pixel(400, 300, image::Rgb([160, 90, 30]))
        .save(dir.join("small.png"))
        .unwrap();
    let slide = |id: &str, path: &str| {
        format!(
            "(id: \"{id}\", title: \"{id}\", content: [Image(path: \"{path}\", alt: \"{id} picture\")])"
        )
    };
    let text = format!(
        "(title: \"Images\", slides: [{}, {}, {}, {}])",
        slide("one", "big.png"),
        slide("two", "corrupt.png"),
        slide("three", "huge.png"),
        slide("four", "small.png"),
    );
    std::fs::write(dir.join("d.ron"), text).unwrap();
    let path = dir.join("d.ron");
    let (clock, _) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let app = PresenterApp::new(deck::load(&path), clock).with_source(DeckSource::File(path));
    let cache = app.textures();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| app);
    // Slide one shows; the next two slides are loaded ahead (after a
    // click, the console's next-slide preview shows the one after next).
    let settle = |harness: &mut Harness<'static, PresenterApp>, paths: &[&str]| {
        let start = Instant::now();
        loop {
            harness.run_steps(1);
            let images = lock(&cache);
            if paths.iter().all(|p| images.peek_image(p).is_some())
                || start.elapsed() > Duration::from_secs(20)
            {
                break;
            }
            drop(images);
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    settle(&mut harness, &["big.png", "corrupt.png", "huge.png"]);
    {
        let images = lock(&cache);
        match images.peek_image("big.png") {
            Some(Ok((w, h))) => {
                assert!(w <= 3840 && h <= 2160, "scaled down to 4K: {w}x{h}");
                assert!(
                    (w as f32 / h as f32 - 4.0 / 3.0).abs() < 0.01,
                    "shape kept: {w}x{h}"
                );
            }
            other => panic!("big.png: {other:?}"),
        }
        assert!(
            matches!(images.peek_image("corrupt.png"), Some(Err(why)) if why.contains("corrupt"))
        );
        assert!(
            matches!(images.peek_image("huge.png"), Some(Err(why)) if why.contains("over 100 megapixels")),
            "{:?}",
            images.peek_image("huge.png")
        );
        assert_eq!(
            images.peek_image("small.png"),
            None,
            "slide four is not asked for ahead yet"
        );
    }
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(1);
    settle(&mut harness, &["small.png"]);
    let images = lock(&cache);
    assert_eq!(images.peek_image("small.png"), Some(Ok((400, 300))));
    drop(images);
    assert_eq!(
        harness.state().presentation().current(),
        1,
        "the show went on"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
