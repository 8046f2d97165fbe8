//! Frame benchmarks of the two views on Module 5 (`cargo bench --bench frames`).
//!
//! Each figure is the CPU work of one egui frame as eframe does it: run the
//! UI code in an `egui::Context` (layout, text shaping, painting into
//! shapes), then tessellate the shapes into meshes. Uploading the meshes
//! and drawing them on the GPU (glow) is not included: that is the GPU
//! driver's work and depends on the machine's OpenGL (llvmpipe on CI).
//!
//! - `frames/console 1920x1080`: the presenter console on Module 5's slide
//!   with the longest speaker notes, talk timer running (budget: 2 ms).
//! - `frames/audience 3840x2160`: the audience view on a 4K projector, on
//!   the slide with the most text on it (budget: 1 ms). The longest-notes
//!   slide is a title-only case study slide for the room, so it is timed
//!   too but is not the worst case.
//! - `frames/console 1920x1080 with a session's ink` and `frames/audience
//!   1920x1080 with ink and the spotlight`: 10,000 points of pen and
//!   highlighter strokes on the slide shown (2,000 on every other slide),
//!   with the pen in hand on the console and the spotlight on the audience
//!   view (budget: 2 ms each).
//! - `frames/slide change`: `Presentation::apply(Command::Next, now)`, then
//!   the next frame of the console (1920x1080) and of the audience view
//!   (1920x1080), each in its own context, and their tessellation. The
//!   figure is the mean over the changes 1->2, 2->3, ... 9->10.
//!
//! Every context has the app's fonts (`cuecard::ui::fonts::install`), runs
//! at 1 pixel per point and is warmed up first, so the
//! fonts and the glyph atlas are already made, as they are after the first
//! second of a real run. After criterion's figures the bench prints a
//! budget table from its own single-shot timings (median, 95th percentile,
//! worst), the cold first frame of each view, and each slide change.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::missing_docs_in_private_items
)]

mod common;
use common::{budget_line, ms, quantile, sample};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveTime;
use criterion::Criterion;
use cuecard::deck::policy::LinkStatus;
use cuecard::deck::{Block, Deck, Note, Slide};
use cuecard::show::pointing::{Ink, InkColor, InkKind, Pointing};
use cuecard::show::{Command, Presentation};
use cuecard::ui::audience::audience_ui;
use cuecard::ui::console::{ConsoleView, console_ui};
use egui::epaint::ClippedPrimitive;

/// Budget for one console frame.
const CONSOLE_BUDGET: Duration = Duration::from_millis(2);
/// Budget for one audience frame.
const AUDIENCE_BUDGET: Duration = Duration::from_millis(1);
/// Budget for one frame of either view with a session's ink on the slide
/// (issue 20: thousands of points keep frames under 2 ms of CPU).
const INK_BUDGET: Duration = Duration::from_millis(2);
/// One frame at 60 Hz: the most a slide change may take on the UI thread.
const FRAME_BUDGET: Duration = Duration::from_millis(16);
/// Frames run before measuring, so fonts and glyphs are cached.
const WARM_UP_FRAMES: usize = 5;

/// An egui context of a fixed size at 1 pixel per point, with its own
/// input clock that moves on a 60th of a second per frame.
struct Screen {
    ctx: egui::Context,
    size: egui::Vec2,
    time: f64,
}

impl Screen {
    fn new(width: f32, height: f32) -> Self {
        let ctx = egui::Context::default();
        ctx.set_pixels_per_point(1.0);
        // The app's fonts (Atkinson Hyperlegible first), as `app::run` installs.
        cuecard::ui::fonts::install(&ctx);
        Self {
            ctx,
            size: egui::vec2(width, height),
            time: 0.0,
        }
    }

    /// One frame: the UI in a central panel (with `panel_frame`, else
    /// egui's default), then tessellation. Returns the meshes.
    fn frame(
        &mut self,
        panel_frame: Option<egui::Frame>,
        mut ui_fn: impl FnMut(&mut egui::Ui),
    ) -> Vec<ClippedPrimitive> {
        self.time += 1.0 / 60.0;
        let mut raw_input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, self.size)),
            time: Some(self.time),
            ..Default::default()
        };
        if let Some(viewport) = raw_input.viewports.get_mut(&egui::ViewportId::ROOT) {
            viewport.native_pixels_per_point = Some(1.0);
        }
        let mut output = self.ctx.run_ui(raw_input, |ui| {
            let mut panel = egui::CentralPanel::default();
            if let Some(frame) = panel_frame {
                panel = panel.frame(frame);
            }
            panel.show(ui, |ui| ui_fn(ui));
        });
        let shapes = std::mem::take(&mut output.shapes);
        let primitives = self.ctx.tessellate(shapes, output.pixels_per_point);
        output.textures_delta.clear();
        primitives
    }
}

/// Characters of speaker notes on `slide`.
fn notes_chars(slide: &Slide) -> usize {
    slide
        .notes
        .iter()
        .map(|note| match note {
            Note::Script(text) | Note::Tip(text) | Note::SlideText(text) => text.len(),
            Note::Prompt {
                question, ideas, ..
            } => question.len() + ideas.iter().map(String::len).sum::<usize>(),
            Note::Quote { text, source } => text.len() + source.as_ref().map_or(0, String::len),
        })
        .sum()
}

/// Characters of text printed on `slide` (title, blocks, link labels).
fn slide_chars(slide: &Slide) -> usize {
    let blocks: usize = slide
        .content
        .iter()
        .map(|block| match block {
            Block::Heading(text) | Block::Paragraph(text) => text.len(),
            Block::Bullets(items) => items.iter().map(|b| b.text.len()).sum(),
            Block::Quote { text, source } => text.len() + source.as_ref().map_or(0, String::len),
            Block::Image { alt, .. } => alt.len(),
        })
        .sum();
    slide.title.len() + blocks + slide.links.iter().map(|l| l.title.len()).sum::<usize>()
}

/// Module 5 from disk, as the app loads it: the deck and each slide's
/// link statuses (checked once at load, as `app::Shared` does).
struct Module5 {
    deck: Deck,
    links: Vec<Vec<LinkStatus>>,
}

impl Module5 {
    fn load() -> Self {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/module5.ron");
        let loaded = cuecard::deck::load(&path).expect("decks/module5.ron loads");
        let links = loaded.link_status();
        Self {
            deck: loaded.deck,
            links,
        }
    }

    fn links_of(&self, slide: usize) -> &[LinkStatus] {
        self.links.get(slide).map_or(&[], Vec::as_slice)
    }
}

/// The time state of a frame: monotonic and wall clock.
#[derive(Clone, Copy)]
struct Clocks {
    t0: Instant,
    now: Instant,
    wall: NaiveTime,
}

impl Clocks {
    fn new() -> Self {
        let t0 = Instant::now();
        Self {
            t0,
            now: t0,
            wall: NaiveTime::from_hms_opt(9, 0, 0).expect("a valid time"),
        }
    }

    /// Moves both clocks on by one second (so the talk timer's text
    /// changes every frame, as it does on every real repaint while it runs).
    fn tick(&mut self) {
        self.now += Duration::from_secs(1);
        self.wall = cuecard::ui::console::wall_after(self.wall, Duration::from_secs(1));
    }
}

fn console_frame(
    screen: &mut Screen,
    m5: &Module5,
    presentation: &Presentation,
    clocks: Clocks,
) -> Vec<ClippedPrimitive> {
    let console = cuecard::app::ConsoleState::default();
    console_frame_inked(screen, m5, presentation, clocks, (&console, &Ink::new()))
}

/// The console with a pointing tool (in `console`) and `ink`.
fn console_frame_inked(
    screen: &mut Screen,
    m5: &Module5,
    presentation: &Presentation,
    clocks: Clocks,
    (console, ink): (&cuecard::app::ConsoleState, &Ink),
) -> Vec<ClippedPrimitive> {
    // As the app's console: egui's default central panel.
    screen.frame(None, |ui| {
        let view = ConsoleView {
            links: m5.links_of(presentation.current()),
            ink,
            ..ConsoleView::new(
                Some(&m5.deck),
                presentation,
                console,
                clocks.now,
                clocks.wall,
            )
        };
        black_box(console_ui(ui, &view));
    })
}

fn audience_frame(
    screen: &mut Screen,
    deck: &Deck,
    presentation: &Presentation,
    clocks: Clocks,
) -> Vec<ClippedPrimitive> {
    audience_frame_inked(
        screen,
        deck,
        presentation,
        clocks,
        (&Pointing::default(), &Ink::new()),
    )
}

/// The audience view with the presenter's pointing and ink.
fn audience_frame_inked(
    screen: &mut Screen,
    deck: &Deck,
    presentation: &Presentation,
    clocks: Clocks,
    marks: (&Pointing, &Ink),
) -> Vec<ClippedPrimitive> {
    // As the app's audience window: a central panel without margins.
    screen.frame(Some(egui::Frame::NONE), |ui| {
        audience_ui(
            ui,
            Some(deck),
            presentation,
            clocks.now,
            clocks.wall,
            false,
            marks,
            &cuecard::ui::slide::NoImages,
            cuecard::show::hours::HourCycle::TwentyFour,
        );
    })
}

/// A presentation of `deck` on slide `index` with the talk timer running.
fn presentation_on(deck: &Deck, index: usize, clocks: Clocks) -> Presentation {
    let mut presentation = Presentation::new(deck);
    presentation.apply(&Command::GoTo(index), clocks.t0);
    presentation.timer.start(clocks.t0);
    presentation
}

/// Console and audience contexts (both 1920x1080) following a presentation
/// through slide changes.
struct Change<'a> {
    m5: &'a Module5,
    presentation: Presentation,
    clocks: Clocks,
    console: Screen,
    audience: Screen,
}

impl<'a> Change<'a> {
    fn new(m5: &'a Module5) -> Self {
        let clocks = Clocks::new();
        let deck = &m5.deck;
        let mut change = Self {
            m5,
            presentation: presentation_on(deck, 0, clocks),
            clocks,
            console: Screen::new(1920.0, 1080.0),
            audience: Screen::new(1920.0, 1080.0),
        };
        // Warm up on every slide, so each glyph is in the atlas.
        for _ in 0..2 {
            for index in 0..deck.slides.len() {
                change
                    .presentation
                    .apply(&Command::GoTo(index), change.clocks.now);
                change.both_frames();
            }
        }
        change.rewind();
        change
    }

    fn both_frames(&mut self) {
        self.clocks.tick();
        black_box(console_frame(
            &mut self.console,
            self.m5,
            &self.presentation,
            self.clocks,
        ));
        black_box(audience_frame(
            &mut self.audience,
            &self.m5.deck,
            &self.presentation,
            self.clocks,
        ));
    }

    /// Back to slide 1 (untimed), with a frame of each view there.
    fn rewind(&mut self) {
        self.presentation.apply(&Command::GoTo(0), self.clocks.now);
        self.both_frames();
        self.both_frames();
    }

    /// Next slide and the frame of both views that shows it; rewinds first
    /// (untimed) at the end of the deck. Returns the time of the change and
    /// the slide it went from.
    fn step(&mut self) -> (Duration, usize) {
        if self.presentation.next_index().is_none() {
            self.rewind();
        }
        let from = self.presentation.current();
        let start = Instant::now();
        let changed = self.presentation.apply(&Command::Next, self.clocks.now);
        self.both_frames();
        let elapsed = start.elapsed();
        assert!(changed, "Next moved on from slide {}", from + 1);
        (elapsed, from)
    }
}

/// Points of ink on the slide shown, and on each other slide, in the ink
/// benchmark: a session's worth, all drawn over one slide.
const INK_POINTS_SHOWN: usize = 10_000;
/// Points of ink on every other slide (kept, not drawn).
const INK_POINTS_ELSEWHERE: usize = 2_000;

/// A session's ink: on `shown`, 40 strokes (pen and highlighter, in turn)
/// of scribbles across the slide, [`INK_POINTS_SHOWN`] points in all, and
/// [`INK_POINTS_ELSEWHERE`] on every other slide.
fn session_ink(slides: usize, shown: usize) -> Ink {
    let mut ink = Ink::new();
    for slide in 0..slides {
        let points = if slide == shown {
            INK_POINTS_SHOWN
        } else {
            INK_POINTS_ELSEWHERE
        };
        let strokes = 40;
        for stroke in 0..strokes {
            let kind = if stroke % 2 == 0 {
                InkKind::Pen
            } else {
                InkKind::Highlighter
            };
            let row = stroke as f32 / strokes as f32;
            ink.begin(slide, kind, InkColor::Red, [0.05, 0.05 + 0.9 * row]);
            let per = points / strokes;
            for i in 1..per {
                let t = i as f32 / per as f32;
                ink.extend([0.05 + 0.9 * t, 0.05 + 0.9 * row + 0.02 * (t * 60.0).sin()]);
            }
            ink.end();
        }
    }
    ink
}

fn benches(c: &mut Criterion) {
    let m5 = Module5::load();
    let deck = &m5.deck;
    let (longest, _) = deck
        .slides
        .iter()
        .enumerate()
        .max_by_key(|(_, slide)| notes_chars(slide))
        .expect("Module 5 has slides");
    let slide = deck.slides.get(longest).expect("in range");
    println!(
        "longest notes: slide {} \"{}\" ({} characters of notes in {} blocks)",
        longest + 1,
        slide.title,
        notes_chars(slide),
        slide.notes.len()
    );

    let (fullest, _) = deck
        .slides
        .iter()
        .enumerate()
        .max_by_key(|(_, slide)| slide_chars(slide))
        .expect("Module 5 has slides");
    let slide = deck.slides.get(fullest).expect("in range");
    println!(
        "most text on the slide: slide {} \"{}\" ({} characters)",
        fullest + 1,
        slide.title,
        slide_chars(slide)
    );

    let mut clocks = Clocks::new();
    let presentation = presentation_on(deck, longest, clocks);
    let on_fullest = presentation_on(deck, fullest, clocks);

    // Console, 1920x1080.
    let mut console = Screen::new(1920.0, 1080.0);
    let start = Instant::now();
    let first = console_frame(&mut console, &m5, &presentation, clocks);
    let console_cold = start.elapsed();
    println!(
        "console 1920x1080: cold first frame (fonts made, glyphs rasterized) {}; {} meshes, {} vertices",
        ms(console_cold),
        first.len(),
        vertices(&first)
    );
    for _ in 0..WARM_UP_FRAMES {
        clocks.tick();
        black_box(console_frame(&mut console, &m5, &presentation, clocks));
    }

    // Audience, 3840x2160.
    let mut audience = Screen::new(3840.0, 2160.0);
    let start = Instant::now();
    let first = audience_frame(&mut audience, deck, &on_fullest, clocks);
    let audience_cold = start.elapsed();
    println!(
        "audience 3840x2160: cold first frame {}; {} meshes, {} vertices",
        ms(audience_cold),
        first.len(),
        vertices(&first)
    );
    for _ in 0..WARM_UP_FRAMES {
        clocks.tick();
        black_box(audience_frame(&mut audience, deck, &on_fullest, clocks));
    }

    let mut change = Change::new(&m5);
    // The glyph atlas each context needs for all ten slides (the app's two
    // windows share one egui context, so one atlas holds both sets).
    for (name, screen) in [
        ("console 1920x1080", &change.console),
        ("audience 1920x1080", &change.audience),
    ] {
        // A method path does not fit `fonts`'s higher-ranked closure.
        #[allow(clippy::redundant_closure_for_method_calls)]
        let [w, h] = screen.ctx.fonts(|f| f.font_image_size());
        println!(
            "glyph atlas after two walks through the ten slides, {name}: {w}x{h} px ({:.1} MB as RGBA)",
            (w * h * 4) as f64 / 1e6
        );
    }

    // A session's ink on the slide shown, the pen in hand, on both views
    // at 1920x1080; and the spotlight over it on the audience view.
    let ink = session_ink(deck.slides.len(), fullest);
    println!(
        "ink: {} points in all, {} on slide {}",
        ink.points(),
        ink.strokes(fullest)
            .iter()
            .map(|s| s.points.len())
            .sum::<usize>(),
        fullest + 1
    );
    let inked_console = cuecard::app::ConsoleState {
        pointing: Pointing {
            tool: cuecard::show::Tool::Pen,
            ..Pointing::default()
        },
        ..cuecard::app::ConsoleState::default()
    };
    let spotlight = Pointing {
        tool: cuecard::show::Tool::Spotlight,
        pointer: Some(([0.5, 0.5], clocks.now)),
        ..Pointing::default()
    };
    let mut ink_console = Screen::new(1920.0, 1080.0);
    let mut ink_audience = Screen::new(1920.0, 1080.0);
    for _ in 0..WARM_UP_FRAMES {
        clocks.tick();
        black_box(console_frame_inked(
            &mut ink_console,
            &m5,
            &on_fullest,
            clocks,
            (&inked_console, &ink),
        ));
        black_box(audience_frame_inked(
            &mut ink_audience,
            deck,
            &on_fullest,
            clocks,
            (&spotlight, &ink),
        ));
    }

    let mut group = c.benchmark_group("frames");
    group.bench_function("console 1920x1080 with a session's ink", |b| {
        b.iter(|| {
            clocks.tick();
            console_frame_inked(
                &mut ink_console,
                &m5,
                &on_fullest,
                clocks,
                (&inked_console, &ink),
            )
        });
    });
    group.bench_function("audience 1920x1080 with ink and the spotlight", |b| {
        b.iter(|| {
            clocks.tick();
            audience_frame_inked(
                &mut ink_audience,
                deck,
                &on_fullest,
                clocks,
                (&spotlight, &ink),
            )
        });
    });
    group.bench_function("console 1920x1080", |b| {
        b.iter(|| {
            clocks.tick();
            console_frame(&mut console, &m5, &presentation, clocks)
        });
    });
    group.bench_function("audience 3840x2160", |b| {
        b.iter(|| {
            clocks.tick();
            audience_frame(&mut audience, deck, &on_fullest, clocks)
        });
    });
    group.bench_function(
        "slide change (Next + console and audience 1920x1080)",
        |b| {
            b.iter_custom(|iters| (0..iters).map(|_| change.step().0).sum());
        },
    );
    group.finish();

    let times = sample(300, || {
        clocks.tick();
        black_box(console_frame(&mut console, &m5, &presentation, clocks));
    });
    budget_line("console frame 1920x1080", &times, CONSOLE_BUDGET);
    let times = sample(300, || {
        clocks.tick();
        black_box(audience_frame(&mut audience, deck, &on_fullest, clocks));
    });
    budget_line(
        &format!("audience frame 3840x2160, slide {}", fullest + 1),
        &times,
        AUDIENCE_BUDGET,
    );
    let times = sample(300, || {
        clocks.tick();
        black_box(audience_frame(&mut audience, deck, &presentation, clocks));
    });
    budget_line(
        &format!("audience frame 3840x2160, slide {}", longest + 1),
        &times,
        AUDIENCE_BUDGET,
    );

    let times = sample(300, || {
        clocks.tick();
        black_box(console_frame_inked(
            &mut ink_console,
            &m5,
            &on_fullest,
            clocks,
            (&inked_console, &ink),
        ));
    });
    budget_line(
        &format!(
            "console frame 1920x1080, {INK_POINTS_SHOWN} points of ink on slide {}",
            fullest + 1
        ),
        &times,
        INK_BUDGET,
    );
    let times = sample(300, || {
        clocks.tick();
        black_box(audience_frame_inked(
            &mut ink_audience,
            deck,
            &on_fullest,
            clocks,
            (&spotlight, &ink),
        ));
    });
    budget_line(
        "audience frame 1920x1080, the same ink and the spotlight",
        &times,
        INK_BUDGET,
    );

    // Each change 30 times; the worst of all against one 60 Hz frame.
    let mut per_change: Vec<Vec<Duration>> = vec![Vec::new(); deck.slides.len()];
    change.rewind();
    for _ in 0..30 * deck.slides.len().saturating_sub(1) {
        let (elapsed, from) = change.step();
        if let Some(times) = per_change.get_mut(from) {
            times.push(elapsed);
        }
    }
    let mut all = Vec::new();
    for (from, times) in per_change.iter_mut().enumerate() {
        if times.is_empty() {
            continue;
        }
        times.sort_unstable();
        println!(
            "slide change {} -> {}: median {} max {}",
            from + 1,
            from + 2,
            ms(quantile(times, 0.5)),
            ms(quantile(times, 1.0))
        );
        all.extend_from_slice(times);
    }
    all.sort_unstable();
    budget_line(
        "slide change (Next + both 1920x1080 frames, text slides)",
        &all,
        FRAME_BUDGET,
    );
    let worst = quantile(&all, 1.0);
    println!(
        "budget: worst slide change {} vs one 60 Hz frame {} -> {}",
        ms(worst),
        ms(FRAME_BUDGET),
        if worst <= FRAME_BUDGET {
            "MET"
        } else {
            "MISSED"
        }
    );
}

fn vertices(primitives: &[ClippedPrimitive]) -> usize {
    primitives
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum()
}

fn main() {
    let mut criterion = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    benches(&mut criterion);
    criterion.final_summary();
}
