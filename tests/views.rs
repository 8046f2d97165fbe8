//! The views, headless with `egui_kittest`: each view as a function, and the
//! whole app (where the audience viewport is drawn embedded).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::cell::RefCell;
use std::path::Path;
use std::time::{Duration, Instant};

use cuecard::app::{Clock, PresenterApp, lock};
use cuecard::deck::{self, Deck};
use cuecard::show::{Command, Presentation, Screen};
use cuecard::ui::console::{ConsoleView, console_title, console_ui};
use cuecard::ui::slide::{canvas, layout_slide, placed_text};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn module5() -> Deck {
    deck::parse(
        cuecard::MODULE5_RON.as_bytes(),
        Path::new("module5.ron"),
        None,
    )
    .unwrap()
    .deck
}

/// A console harness on Module 5 slide `index` (0-based), the timer
/// running for `elapsed`.
fn console_on(index: usize, elapsed: Duration) -> Harness<'static> {
    let deck = module5();
    let t0 = Instant::now();
    let mut presentation = Presentation::new(&deck);
    presentation.apply(Command::GoTo(index), t0);
    presentation.timer.start(t0);
    let commands = RefCell::new(Vec::new());
    Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui(move |ui| {
            let view = ConsoleView {
                deck: Some(&deck),
                presentation: &presentation,
                now: t0 + elapsed,
                wall_clock: "08:15",
                error: None,
                audience_open: true,
                help_open: false,
                notes_zoom: 1.0,
            };
            commands.borrow_mut().extend(console_ui(ui, &view));
        })
}

#[test]
fn console_shows_the_speaker_notes_by_kind() {
    let harness = console_on(4, Duration::ZERO);
    // Script, verbatim.
    harness.get_by_label_contains("Key aspects of service provider collaboration are encompassed");
    // Prompts are marked as questions for the room, with their minutes.
    assert_eq!(harness.get_all_by_label_contains("ASK THE ROOM").count(), 4);
    assert_eq!(
        harness
            .get_all_by_label("ASK THE ROOM · about 3 min")
            .count(),
        2
    );
    harness.get_by_label(
        "Can you all call out some nonprofits that you are aware of and tell me what they do?",
    );
    // Ideas are listed apart, folded until opened.
    assert_eq!(
        harness
            .get_all_by_label_contains("Ideas if the group needs help")
            .count(),
        2
    );
    assert!(
        harness
            .query_by_label("• It expedites the referral process")
            .is_none()
    );
    harness.get_by_label("Slide 5 of 10");
}

#[test]
fn opening_a_prompts_ideas_shows_them() {
    let mut harness = console_on(4, Duration::ZERO);
    harness
        .get_all_by_label_contains("Ideas if the group needs help")
        .next()
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label("• It expedites the referral process");
    assert!(
        harness
            .query_by_label("• It requires frequent collaboration to be effective")
            .is_none(),
        "only the opened prompt unfolds"
    );
}

#[test]
fn console_labels_tips_quotations_and_the_content_note() {
    // Slide 8 (index 7): the case study, with its correction tip.
    let harness = console_on(7, Duration::ZERO);
    assert!(harness.get_all_by_label("PRESENTER TIP").count() >= 2);
    harness.get_by_label_contains("Form I-914 Supplement B");
    harness.get_by_label_contains("The service provider contacted the fellow task force member.");
    harness.get_by_label_contains("Content note: The case study on this slide describes");
    // On slide 7 the presenter is warned before slide 8 appears.
    let harness = console_on(6, Duration::ZERO);
    harness.get_by_label_contains("Next slide — content note:");
}

#[test]
fn console_shows_the_talk_timer_from_the_clock_it_is_given() {
    let harness = console_on(2, Duration::from_secs(754));
    harness.get_by_label("Talk timer 12:34");
    harness.get_by_label("Clock 08:15");
    harness.get_by_label("Pause timer");
}

/// The URL the last frame asked the platform to open, if any.
fn opened_url<S>(harness: &Harness<'_, S>) -> Option<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::OpenUrl(open) => Some(open.url.clone()),
            _ => None,
        })
}

#[test]
fn slide_nine_button_opens_the_video_link() {
    let mut harness = console_on(8, Duration::ZERO);
    harness
        .get_by_label("Open “A Multidisciplinary Approach” online")
        .click();
    harness.step();
    let open = opened_url(&harness).unwrap();
    assert_eq!(
        open,
        "https://ovc.ncjrs.gov/humantrafficking/publicawareness.html"
    );

    let mut harness = console_on(8, Duration::ZERO);
    harness.get_by_label("Open transcript").click();
    harness.step();
    let open = opened_url(&harness).unwrap();
    assert!(open.contains("Transcript_A_Multidisciplinary_Approach"));
}

#[test]
fn console_title_follows_the_slide() {
    let deck = module5();
    let mut p = Presentation::new(&deck);
    assert_eq!(
        console_title(Some(&deck), &p),
        "Service Provider and Law Enforcement Collaboration — slide 1/10"
    );
    p.apply(Command::Last, Instant::now());
    assert!(console_title(Some(&deck), &p).ends_with("slide 10/10"));
}

#[test]
fn slide_text_is_laid_out_at_real_size_from_the_canvas() {
    let deck = module5();
    let found: RefCell<Vec<(Vec<String>, f32)>> = RefCell::new(Vec::new());
    for size in [
        egui::vec2(960.0, 540.0),
        egui::vec2(1920.0, 1080.0),
        egui::vec2(1024.0, 768.0),
    ] {
        let mut harness = Harness::builder().with_size(size).build_ui(|ui| {
            let canvas = canvas(ui.max_rect());
            let placed = layout_slide(ui.painter(), canvas, &deck, &deck.slides[2]);
            let title_height = placed[0].galley.size().y;
            found
                .borrow_mut()
                .push((placed_text(&placed), title_height));
        });
        harness.run();
    }
    let found = found.into_inner();
    let (text, small) = &found[0];
    assert_eq!(text[0], "Learning Objectives");
    assert!(
        text.iter()
            .any(|t| t.starts_with("Recognize the importance of collaboration"))
    );
    // Twice the window, twice the text: sized from the canvas, not scaled.
    let large = found.iter().map(|(_, h)| *h).fold(0.0, f32::max);
    assert!(
        large > small * 1.8,
        "title height {small} at 960x540, {large} at 1920x1080"
    );
}

#[test]
fn letterboxing_keeps_16_9() {
    let c = canvas(egui::Rect::from_min_size(
        egui::Pos2::ZERO,
        egui::vec2(1024.0, 768.0),
    ));
    assert!((c.width() / c.height() - 16.0 / 9.0).abs() < 0.01);
    assert_eq!(c.width(), 1024.0);
    assert_eq!(c.center(), egui::pos2(512.0, 384.0));
}

/// The whole app, audience viewport embedded, on a fixed clock.
fn app_harness() -> Harness<'static, PresenterApp> {
    let loaded = deck::parse(
        cuecard::MODULE5_RON.as_bytes(),
        Path::new("module5.ron"),
        None,
    );
    let clock = Clock::Fixed(Instant::now(), "09:00".to_owned());
    Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .build_eframe(move |_cc| PresenterApp::new(loaded, clock))
}

#[test]
fn whole_app_keys_drive_both_views() {
    let mut harness = app_harness();
    harness.run_steps(2);
    harness.get_by_label("Slide 1 of 10");
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    harness.get_by_label("Slide 2 of 10");
    harness.key_press(egui::Key::End);
    harness.run_steps(2);
    harness.get_by_label("Slide 10 of 10");
    harness.key_press(egui::Key::B);
    harness.run_steps(2);
    harness.get_by_label("Audience sees BLACK");
    let shared = harness.state().shared();
    assert_eq!(lock(&shared).presentation.screen(), Screen::Black);
    // Esc from a clicker leaves the blackout and never quits.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    harness.get_by_label("Audience sees the slide");
    assert_eq!(lock(&shared).presentation.current(), 9);
}

#[test]
fn whole_app_shows_a_broken_deck_error_instead_of_crashing() {
    let loaded = deck::parse(
        b"(title: \"x\", slides: [(id: \"a\", titel: \"A\")])",
        Path::new("decks/x.ron"),
        None,
    );
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| {
            PresenterApp::new(loaded, Clock::Fixed(Instant::now(), "09:00".to_owned()))
        });
    harness.run_steps(2);
    harness.get_by_label_contains("decks/x.ron:1:");
    harness.get_by_label_contains("titel");
    harness.get_by_label_contains("No deck is open");
}
