//! Soak: 10,000 random presenter actions through the whole app (keys,
//! clicks, time passing, reloads) on a fake clock, checking after each that
//! the slide is in range, the audience and the console agree, the talk
//! timer is monotonic and right, and memory (textures, font atlas) stays
//! flat.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;
use std::time::Duration;

use chrono::NaiveTime;
use cuecard::app::{Clock, DeckSource, PresenterApp};
use cuecard::deck;
use cuecard::show::{AudienceShows, ShellCommand, TimerState};

mod common;
use egui_kittest::Harness;

/// A small deterministic random generator (xorshift64*), so a failure
/// repeats exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const KEYS: &[egui::Key] = &[
    egui::Key::ArrowRight,
    egui::Key::ArrowLeft,
    egui::Key::PageDown,
    egui::Key::PageUp,
    egui::Key::Space,
    egui::Key::Home,
    egui::Key::End,
    egui::Key::Enter,
    egui::Key::B,
    egui::Key::W,
    egui::Key::X,
    egui::Key::Z,
    egui::Key::T,
    egui::Key::R,
    egui::Key::I,
    egui::Key::D,
    egui::Key::G,
    egui::Key::O,
    egui::Key::Tab,
    egui::Key::Escape,
    egui::Key::Backspace,
    egui::Key::F1,
];

#[test]
fn ten_thousand_random_actions_keep_every_invariant() {
    let loaded = deck::parse(
        cuecard::MODULE5_RON.as_bytes(),
        Path::new("module5.ron"),
        None,
    )
    .unwrap();
    let module5 = cuecard::MODULE5_RON.to_owned();
    let dir = common::temp_dir("soak");
    let deck_path = dir.join("module5.ron");
    std::fs::write(&deck_path, &module5).unwrap();
    let (clock, time) = Clock::fake(NaiveTime::from_hms_opt(8, 0, 0).unwrap());
    let test_clock = clock.clone();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe({
            let source = DeckSource::File(deck_path.clone());
            move |_cc| {
                PresenterApp::new(Ok(loaded), clock)
                    .with_source(source)
                    .with_opener(cuecard::app::Opener::Record(std::sync::Arc::default()))
            }
        });
    let mut rng = Rng(0x5EED_CAFE_F00D_0001);
    let mut now = Duration::ZERO;
    let mut last_elapsed = Duration::ZERO;
    let mut last_state = TimerState::NotStarted;
    let mut last_can_undo = false;
    let mut baseline: Option<(usize, [usize; 2])> = None;
    for step in 0..10_000u32 {
        match rng.below(100) {
            0..=69 => harness.key_press(KEYS[rng.below(KEYS.len() as u64) as usize]),
            70..=79 => harness.event(egui::Event::Text(
                char::from(b'0' + rng.below(10) as u8).to_string(),
            )),
            80..=84 => harness.event(egui::Event::Text(
                ["+", "-", ".", ",", "?"][rng.below(5) as usize].to_owned(),
            )),
            85..=94 => now += Duration::from_millis(rng.below(90_000)),
            _ => {
                // A reload, sometimes of a deck with a slide fewer.
                let mut edited = module5.clone();
                if rng.below(2) == 0 {
                    let cut = edited.rfind("        (\n            id:").unwrap();
                    let end = edited[cut..].find("\n        ),\n").unwrap() + cut + 12;
                    edited.replace_range(cut..end, "");
                }
                std::fs::write(&deck_path, &edited).unwrap();
                let before = harness.state().session().reloads();
                harness.state().sender().send(ShellCommand::Reload);
                assert!(common::run_until(&mut harness, |app| app
                    .session()
                    .reloads()
                    > before));
            }
        }
        // Each action is a deliberate press, a person's 150 ms after the
        // last (quicker ones of the same key count once, as a clicker's
        // double-fire does).
        now += Duration::from_millis(150);
        *time.lock().unwrap() = now;
        harness.run_steps(1);

        let app = harness.state();
        let p = app.presentation();
        let count = app.session().deck().unwrap().slides.len();
        assert!(
            p.current() < count,
            "step {step}: slide {} of {count}",
            p.current()
        );
        assert_eq!(p.slide_count(), count, "step {step}");
        match p.audience() {
            AudienceShows::Slide(i) => {
                assert!(i < count, "step {step}: audience on slide {i} of {count}");
                assert_eq!(
                    i,
                    p.frozen().unwrap_or(p.current()),
                    "step {step}: audience and console disagree"
                );
            }
            AudienceShows::Black | AudienceShows::White | AudienceShows::Break { .. } => {}
        }
        if let Some(o) = app.console().pickers.overview() {
            assert!(o < count, "step {step}: overview selection {o} of {count}");
        }
        // The timer only moves forward unless reset, and a paused timer
        // does not move at all.
        let elapsed = p.timer.elapsed(test_clock.now());
        let state = p.timer.state();
        let was_reset = matches!(state, TimerState::NotStarted)
            && !matches!(last_state, TimerState::NotStarted);
        // An undo of a reset may restore (or add back) time, also after
        // the timer started again.
        let undone = (matches!(last_state, TimerState::NotStarted) && elapsed > Duration::ZERO)
            || (last_can_undo && !p.timer.can_undo_reset());
        if !was_reset && !undone {
            assert!(
                elapsed >= last_elapsed,
                "step {step}: timer went back from {last_elapsed:?} to {elapsed:?}"
            );
        }
        if !undone
            && matches!(
                (last_state, state),
                (TimerState::Paused { .. }, TimerState::Paused { .. })
            )
        {
            assert_eq!(elapsed, last_elapsed, "step {step}: a paused timer moved");
        }
        last_elapsed = elapsed;
        last_state = state;
        last_can_undo = p.timer.can_undo_reset();

        // Memory: after warming up, no growth in textures or the font atlas.
        let textures = harness.ctx.tex_manager().read().num_allocated();
        #[allow(clippy::redundant_closure_for_method_calls)] // the lifetime needs the closure
        let atlas = harness.ctx.fonts(|f| f.font_image_size());
        match baseline {
            None if step == 2_000 => baseline = Some((textures, atlas)),
            Some((t, a)) => {
                assert!(
                    textures <= t,
                    "step {step}: textures grew from {t} to {textures}"
                );
                assert!(
                    atlas[0] * atlas[1] <= a[0] * a[1] * 2,
                    "step {step}: font atlas grew from {a:?} to {atlas:?}"
                );
            }
            None => {}
        }
    }
}
