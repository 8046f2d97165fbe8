//! Image slides (`cargo bench --bench images`): stepping through ten
//! slides that each show a 4000x3000 photo.
//!
//! The deck (ten JPEGs made once in `CARGO_TARGET_TMPDIR`) is shown the way
//! the app shows it: one egui context for both windows, the app's
//! [`SlideTextures`] decoding on the render pool's workers (current slide
//! and its neighbours), and each UI-thread frame doing what
//! `PresenterApp::ui` does for pictures: `begin_frame` (asks ahead for the
//! images on screen and next to it, and turns the ready ones into
//! textures), then the console and the audience pass (both 1920x1080) and
//! their tessellation.
//!
//! The walk: on slide 1 until its image and its neighbour's are ready, then
//! Next every 500 ms of frames (a frame every 16 ms while anything is still
//! loading, as the app repaints when an image arrives). Printed: the
//! longest UI-thread frame of each step and of the whole walk, against the
//! budget of one 60 Hz frame (16 ms). Not included: the GL driver's copy of
//! each new texture into video memory (`egui_glow`'s `glTexImage2D`, also on
//! the UI thread); its size is printed so it can be estimated.
//!
//! Criterion also times one steady frame of both views on an image slide
//! whose texture is ready (`images/both views, image ready`).
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::missing_docs_in_private_items
)]

mod common;
use common::ms;
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveTime;
use criterion::Criterion;
use cuecard::app::textures::SlideTextures;
use cuecard::deck::{Block, Deck};
use cuecard::show::pointing::{Ink, Pointing};
use cuecard::show::{Command, Presentation};
use cuecard::ui::audience::audience_ui;
use cuecard::ui::console::{ConsoleView, console_ui};

/// Slides (and images) in the deck.
const SLIDES: usize = 10;
/// Size of each photo.
const PHOTO: (u32, u32) = (4000, 3000);
/// One 60 Hz frame: the most a UI-thread frame may take.
const FRAME_BUDGET: Duration = Duration::from_millis(16);
/// Time between frames while something is loading.
const FRAME_GAP: Duration = Duration::from_millis(16);
/// Time on each slide before the next.
const DWELL: Duration = Duration::from_millis(500);

/// Makes the ten photos (once) and the deck that shows them.
fn image_deck() -> (PathBuf, Deck) {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cuecard-bench-images");
    std::fs::create_dir_all(&folder).expect("the bench folder can be made");
    let mut ron = String::from("(title: \"Ten photos\", slides: [\n");
    for i in 0..SLIDES {
        let name = format!("photo-{:02}.jpg", i + 1);
        let path = folder.join(&name);
        let fresh = image::image_dimensions(&path).is_ok_and(|size| size == PHOTO);
        if !fresh {
            write_photo(&path, i);
        }
        let n = i + 1;
        writeln!(
            ron,
            "    (id: \"photo-{n}\", title: \"Photo {n}\", content: [Image(path: \"{name}\", alt: \"Photo {n}\")]),"
        )
        .expect("writing to a String");
    }
    ron.push_str("])\n");
    let deck_path = folder.join("photos.ron");
    std::fs::write(&deck_path, &ron).expect("the deck can be written");
    let loaded = cuecard::deck::load(&deck_path).expect("the photo deck is valid");
    (folder, loaded.deck)
}

/// A 4000x3000 JPEG with smooth colour and some grain, different per `seed`.
fn write_photo(path: &Path, seed: usize) {
    let (w, h) = PHOTO;
    let s = seed as u32;
    let photo = image::RgbImage::from_fn(w, h, |x, y| {
        let grain = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503) ^ s) >> 27;
        image::Rgb([
            ((x * 255 / w + s * 25) % 256) as u8 ^ grain as u8,
            ((y * 255 / h + s * 40) % 256) as u8,
            (((x + y) * 255 / (w + h) + s * 60) % 256) as u8,
        ])
    });
    let file = std::fs::File::create(path).expect("the photo can be written");
    let mut writer = std::io::BufWriter::new(file);
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut writer, 85)
        .encode_image(&photo)
        .expect("the photo encodes");
}

/// One UI-thread frame's cost.
#[derive(Clone, Copy, Default)]
struct Frame {
    /// Wall-clock time (what the presenter waits).
    wall: Duration,
    /// Whether a decoded image arrived and became a texture in it.
    arrived: bool,
}

/// The app's context for both windows, and what it shows.
struct Show {
    ctx: egui::Context,
    deck: Deck,
    presentation: Presentation,
    cache: SlideTextures,
    time: f64,
    now: Instant,
}

impl Show {
    fn new(folder: PathBuf, deck: Deck) -> Self {
        let ctx = egui::Context::default();
        ctx.set_pixels_per_point(1.0);
        cuecard::ui::fonts::install(&ctx);
        let presentation = Presentation::new(&deck);
        Self {
            ctx,
            deck,
            presentation,
            cache: SlideTextures::new(Some(folder)),
            time: 0.0,
            now: Instant::now(),
        }
    }

    /// One UI-thread frame of both windows; returns its wall-clock time
    /// and whether a decoded image arrived (became a texture).
    fn frame(&mut self) -> Frame {
        let start = Instant::now();
        let p = &self.presentation;
        let mut wanted = vec![p.current()];
        wanted.extend(p.next_index());
        wanted.extend(p.previous_index());
        let before = self.cache.len();
        self.cache.begin_frame(&self.ctx, &self.deck, wanted);
        let arrived = self.cache.len() > before;
        self.pass(true);
        self.pass(false);
        Frame {
            wall: start.elapsed(),
            arrived,
        }
    }

    /// One pass of the console (`true`) or the audience view at 1920x1080.
    fn pass(&mut self, console: bool) {
        self.time += 1.0 / 120.0;
        self.now += Duration::from_millis(8);
        let raw_input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1920.0, 1080.0),
            )),
            time: Some(self.time),
            ..Default::default()
        };
        let wall = NaiveTime::from_hms_opt(9, 0, 0).expect("a valid time");
        let (deck, presentation, cache, now) =
            (&self.deck, &self.presentation, &self.cache, self.now);
        let mut output = self.ctx.run_ui(raw_input, |ui| {
            if console {
                egui::CentralPanel::default().show(ui, |ui| {
                    let console = cuecard::app::ConsoleState::default();
                    let view = ConsoleView {
                        images: cache,
                        ..ConsoleView::new(Some(deck), presentation, &console, now, wall)
                    };
                    black_box(console_ui(ui, &view));
                });
            } else {
                egui::CentralPanel::default()
                    .frame(egui::Frame::NONE)
                    .show(ui, |ui| {
                        audience_ui(
                            ui,
                            Some(deck),
                            presentation,
                            now,
                            wall,
                            false,
                            (&Pointing::default(), &Ink::new()),
                            cache,
                            cuecard::show::hours::HourCycle::TwentyFour,
                        );
                    });
            }
        });
        let shapes = std::mem::take(&mut output.shapes);
        black_box(self.ctx.tessellate(shapes, output.pixels_per_point));
        output.textures_delta.clear();
    }

    fn image_of(&self, index: usize) -> Option<Result<(u32, u32), String>> {
        let path = self
            .deck
            .slides
            .get(index)
            .and_then(|s| {
                s.content.iter().find_map(|b| match b {
                    Block::Image { path, .. } => Some(path.clone()),
                    _ => None,
                })
            })
            .expect("every slide has an image");
        self.cache.peek_image(&path)
    }

    fn ready(&self, index: usize) -> bool {
        matches!(self.image_of(index), Some(Ok(_)))
    }

    /// Frames every [`FRAME_GAP`] until `done` holds (at most 30 s); returns
    /// the frame times.
    fn frames_until(&mut self, done: impl Fn(&Self) -> bool) -> Vec<Frame> {
        let give_up = Instant::now() + Duration::from_secs(30);
        let mut times = Vec::new();
        loop {
            times.push(self.frame());
            if done(self) || Instant::now() > give_up {
                return times;
            }
            std::thread::sleep(FRAME_GAP);
        }
    }
}

fn walk(show: &mut Show) {
    // On slide 1 until it and the next are shown.
    show.frames_until(|s| s.ready(0) && s.ready(1));
    show.frame();
    let mut all: Vec<Frame> = Vec::new();
    for step in 1..SLIDES {
        let preloaded = show.ready(step);
        let start = Instant::now();
        show.presentation.apply(&Command::Next, show.now);
        let first = show.frame();
        // The first frame's time includes the Next itself.
        let mut times = vec![Frame {
            wall: start.elapsed(),
            ..first
        }];
        // Frames while anything on or next to the slide is loading, then
        // nothing for the rest of the dwell time.
        let next = (step + 1).min(SLIDES - 1);
        times.extend(show.frames_until(|s| s.ready(step) && s.ready(next)));
        let dwell_end = start + DWELL;
        while Instant::now() < dwell_end {
            std::thread::sleep(FRAME_GAP);
        }
        let longest = times.iter().map(|f| f.wall).max().unwrap_or_default();
        let arrivals: Vec<&Frame> = times.iter().filter(|f| f.arrived).collect();
        println!(
            "image walk: slide {step} -> {}: image {} at Next; first frame {}; {} frames, longest {}; {} frames with a new texture, longest {}",
            step + 1,
            if preloaded { "preloaded" } else { "not ready" },
            ms(times.first().map(|f| f.wall).unwrap_or_default()),
            times.len(),
            ms(longest),
            arrivals.len(),
            ms(arrivals.iter().map(|f| f.wall).max().unwrap_or_default()),
        );
        all.extend(times);
    }
    let textures: usize = show
        .ctx
        .tex_manager()
        .read()
        .allocated()
        .filter(|(_, meta)| meta.name.starts_with("slide-image:"))
        .map(|(_, meta)| meta.size[0] * meta.size[1] * 4)
        .sum();
    let size = show
        .ctx
        .tex_manager()
        .read()
        .allocated()
        .find(|(_, meta)| meta.name.starts_with("slide-image:"))
        .map(|(_, meta)| meta.size);
    println!(
        "image walk: {} images cached as textures, {:?} px each, {:.0} MB of RGBA in all (each new texture is one glTexImage2D of {:.1} MB on the UI thread, not timed here)",
        show.cache.len(),
        size.unwrap_or_default(),
        textures as f64 / 1e6,
        size.map_or(0.0, |[w, h]| (w * h * 4) as f64 / 1e6)
    );
    let worst = all.iter().map(|f| f.wall).max().unwrap_or_default();
    let over = all.iter().filter(|f| f.wall > FRAME_BUDGET).count();
    println!(
        "budget: stepping through ten 4000x3000 image slides: longest UI-thread frame {} over {} frames ({over} over the budget; GL upload excluded); budget {} -> {}",
        ms(worst),
        all.len(),
        ms(FRAME_BUDGET),
        if worst <= FRAME_BUDGET {
            "MET"
        } else {
            "MISSED"
        }
    );
}

fn main() {
    let start = Instant::now();
    let (folder, deck) = image_deck();
    println!(
        "image deck: {SLIDES} slides of {}x{} JPEG in {} (ready in {})",
        PHOTO.0,
        PHOTO.1,
        folder.display(),
        ms(start.elapsed())
    );

    let mut show = Show::new(folder.clone(), deck.clone());
    walk(&mut show);

    // A steady frame on an image slide whose texture is ready.
    let mut criterion = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut group = criterion.benchmark_group("images");
    group.bench_function("both views, image ready", |b| {
        b.iter(|| show.frame());
    });
    group.finish();
    criterion.final_summary();
}
