//! The views, headless with `egui_kittest`: each view as a function, and the
//! whole app (where the audience viewport is drawn embedded).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;
use common::{module5, opened_url};

use std::cell::RefCell;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveTime;
use cuecard::app::ConsoleState;
use cuecard::app::{Clock, PresenterApp};
use cuecard::deck;
use cuecard::show::{Command, Presentation, Screen, ShellCommand};
use cuecard::ui::console::{ConsoleView, console_title, console_ui};
use cuecard::ui::slide::{canvas, layout_slide, placed_text};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};

/// A console harness on Module 5 slide `index` (0-based), the timer
/// running for `elapsed`.
fn console_on(index: usize, elapsed: Duration) -> Harness<'static> {
    let deck = module5();
    let t0 = Instant::now();
    let mut presentation = Presentation::new(&deck);
    presentation.apply(&Command::GoTo(index), t0);
    presentation.timer.start(t0);
    let commands = RefCell::new(Vec::new());
    let console = ConsoleState::default();
    let links: Vec<_> = deck.slides[index]
        .links
        .iter()
        .map(|l| cuecard::deck::policy::link_status(l, None))
        .collect();
    Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui(move |ui| {
            let view = ConsoleView {
                links: &links,
                ..ConsoleView::new(
                    Some(&deck),
                    &presentation,
                    &console,
                    t0 + elapsed,
                    NaiveTime::from_hms_opt(8, 15, 0).unwrap(),
                )
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
    let (mut harness, time) = app_harness_with_clock();
    go_to_slide(&mut harness, 5);
    assert!(
        harness
            .query_by_label("• It expedites the referral process")
            .is_none()
    );
    harness
        .get_all_by_label_contains("Ideas if the group needs help")
        .next()
        .unwrap()
        .click();
    harness.run_steps(2);
    harness.get_by_label("• It expedites the referral process");
    assert!(
        harness
            .query_by_label("• It requires frequent collaboration to be effective")
            .is_none(),
        "only the opened prompt unfolds"
    );
    // I opens every prompt's ideas on the slide, and again folds them.
    harness.key_press(egui::Key::I);
    harness.run_steps(2);
    harness.get_by_label("• It requires frequent collaboration to be effective");
    set_time(&time, 1);
    harness.key_press(egui::Key::I);
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("• It expedites the referral process")
            .is_none()
    );
}

#[test]
fn console_labels_tips_quotations_and_the_content_note() {
    // Slide 8 (index 7): the case study, with its correction tip.
    let harness = console_on(7, Duration::ZERO);
    assert!(harness.get_all_by_label("PRESENTER TIP").count() >= 2);
    harness.get_by_label_contains("Form I-914 Supplement B");
    harness.get_by_label_contains("The service provider contacted the fellow task force member.");
    harness
        .get_by_label_contains("Content note: The case study you read out on this slide describes");
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

#[test]
fn slide_nine_button_opens_the_video_link() {
    let mut harness = app_harness();
    harness.run_steps(1);
    harness.state().sender().send(Command::GoTo(8));
    harness.run_steps(2);
    harness
        .get_by_label("Open “A Multidisciplinary Approach” online")
        .click();
    harness.step();
    let open = opened_url(harness.output()).unwrap();
    assert_eq!(
        open,
        "https://ovc.ncjrs.gov/humantrafficking/publicawareness.html"
    );

    harness.get_by_label("Open transcript").click();
    harness.step();
    let open = opened_url(harness.output()).unwrap();
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
    p.apply(&Command::Last, Instant::now());
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

/// The whole app, audience viewport embedded, on a fake clock at 09:00.
fn app_harness() -> Harness<'static, PresenterApp> {
    app_harness_with_clock().0
}

type FakeTime = std::sync::Arc<std::sync::Mutex<Duration>>;

fn app_harness_with_clock() -> (Harness<'static, PresenterApp>, FakeTime) {
    app_at(egui::vec2(1920.0, 1080.0))
}

/// The whole app at `size`, on Module 5, with its fake clock at 09:00.
fn app_at(size: egui::Vec2) -> (Harness<'static, PresenterApp>, FakeTime) {
    let loaded = deck::parse(
        cuecard::MODULE5_RON.as_bytes(),
        Path::new("module5.ron"),
        None,
    );
    let (clock, time) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    // Links open into egui's output, where the tests read them, never in
    // this machine's browser.
    let opener = cuecard::app::Opener::Record(std::sync::Arc::default());
    let harness = Harness::builder()
        .with_size(size)
        .build_eframe(move |_cc| PresenterApp::new(loaded, clock).with_opener(opener));
    (harness, time)
}

/// Moves the fake clock to `seconds` after the start.
fn set_time(time: &FakeTime, seconds: u64) {
    *time.lock().unwrap() = Duration::from_secs(seconds);
}

/// Types the slide number and Enter, as a presenter would.
fn go_to_slide(harness: &mut Harness<'static, PresenterApp>, number: usize) {
    harness.run_steps(1);
    for c in number.to_string().chars() {
        harness.event(egui::Event::Text(c.to_string()));
    }
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    harness.get_by_label(&format!("Slide {number} of 10"));
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
    harness.get_by_label_contains("Audience sees BLACK");
    assert_eq!(harness.state().presentation().screen(), Screen::Black);
    // Esc from a clicker leaves the blackout and never quits.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    harness.get_by_label("Audience sees this slide");
    assert_eq!(harness.state().presentation().current(), 9);
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
            let (clock, _) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
            PresenterApp::new(loaded, clock)
        });
    harness.run_steps(2);
    harness.get_by_label_contains("decks/x.ron:1:");
    harness.get_by_label_contains("titel");
    harness.get_by_label_contains("No deck is open");
}

#[test]
fn the_discussion_count_down_turns_into_times_up_on_the_console() {
    let (mut harness, time) = app_harness_with_clock();
    go_to_slide(&mut harness, 5);
    harness
        .get_all_by_label("Start 3-min discussion")
        .next()
        .unwrap()
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Discussion: 3:00 left");
    set_time(&time, 179);
    harness.run_steps(2);
    harness.get_by_label("Discussion: 0:01 left");
    set_time(&time, 181);
    harness.run_steps(2);
    harness.get_by_label("Discussion: time's up (3 min)");
    // The room sees it only when the presenter ticks the box.
    assert!(!harness.state().presentation().discussion_on_audience());
    harness.get_by_label("Show to the room").click_accesskit();
    harness.run_steps(2);
    assert!(harness.state().presentation().discussion_on_audience());
    harness.get_by_label("Stop").click_accesskit();
    harness.run_steps(2);
    assert!(harness.query_by_label_contains("Discussion:").is_none());
}

#[test]
fn a_break_tells_the_room_when_to_come_back_and_any_key_ends_it() {
    let (mut harness, time) = app_harness_with_clock();
    go_to_slide(&mut harness, 4);
    harness.get_by_label("Break…").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("10-minute break").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label_contains("Break: audience sees \"Back at 09:10\"");
    set_time(&time, 60);
    harness.run_steps(2);
    harness.get_by_label_contains("— 9:00 left");
    harness.key_press(egui::Key::PageDown);
    harness.run_steps(2);
    harness.get_by_label("Audience sees this slide");
    harness.get_by_label("Slide 4 of 10");
}

#[test]
fn the_overview_opens_with_tab_dims_nothing_here_and_jumps_on_click() {
    let mut harness = app_harness();
    harness.run_steps(1);
    harness.key_press(egui::Key::Tab);
    harness.run_steps(2);
    harness.get_by_label("8. Case Study Example");
    harness.get_by_label("Go to slide 8").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Slide 8 of 10");
    assert!(
        harness.query_by_label("8. Case Study Example").is_none(),
        "overview closed"
    );
}

#[test]
fn pacing_says_how_far_behind_with_the_talk_timer() {
    let (mut harness, time) = app_harness_with_clock();
    harness.run_steps(1);
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    // Slide 2 is planned from minute 3 to minute 4.
    harness.get_by_label("3 min ahead");
    set_time(&time, 200);
    harness.run_steps(2);
    harness.get_by_label("On time");
    // At minute 10 we are 6 behind.
    set_time(&time, 600);
    harness.run_steps(2);
    harness.get_by_label("6 min behind");
    harness.get_by_label("Talk timer 10:00");
    harness.get_by_label("50:00 left");
}

#[test]
fn notes_zoom_follows_plus_and_minus_and_is_remembered() {
    let dir = std::env::temp_dir().join(format!("cuecard-zoom-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let app = || {
        let (clock, _) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
        let loaded = deck::parse(
            cuecard::MODULE5_RON.as_bytes(),
            Path::new("module5.ron"),
            None,
        );
        PresenterApp::new(loaded, clock).with_settings_dir(Some(dir.clone()))
    };
    let first = app();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| first);
    harness.run_steps(1);
    for _ in 0..3 {
        harness.event(egui::Event::Text("+".to_owned()));
    }
    harness.run_steps(2);
    let zoom = harness.state().console().notes_zoom;
    assert!(zoom > 1.4, "zoom {zoom}");
    // A new run starts with the same zoom.
    assert!((app().console().notes_zoom - zoom).abs() < 1e-6);
    harness.event(egui::Event::Text("-".to_owned()));
    harness.run_steps(2);
    assert!(harness.state().console().notes_zoom < zoom);
    // A damaged settings file falls back to the default, with a warning
    // on the console.
    std::fs::write(
        dir.join(cuecard::settings::FILE_NAME),
        "(notes_zoom: \"huge\"",
    )
    .unwrap();
    let damaged = app();
    assert_eq!(damaged.console().notes_zoom, 1.0);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| damaged);
    harness.run_steps(2);
    harness.get_by_label_contains("the settings file is damaged");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_closed_audience_window_is_announced_and_reopened_with_a() {
    let mut harness = app_harness();
    harness.run_steps(1);
    harness.state().sender().send(ShellCommand::AudienceClosed);
    harness.run_steps(2);
    harness.get_by_label_contains("The audience window is closed");
    // "The audience sees" says the same: the room sees no slide.
    harness.get_by_label("The audience sees nothing from cuecard: its window is closed");
    harness.key_press(egui::Key::A);
    harness.run_steps(2);
    assert!(harness.state().windows().audience_open);
    assert!(
        harness
            .query_by_label_contains("The audience window is closed")
            .is_none()
    );
}

#[test]
fn a_pulled_projector_cable_is_announced_and_the_slides_can_be_shown_beside_the_console() {
    let deck = module5();
    let t0 = Instant::now();
    let mut presentation = Presentation::new(&deck);
    presentation.timer.start(t0);
    let console = ConsoleState::default();
    let commands = std::rc::Rc::new(RefCell::new(Vec::new()));
    let sent = std::rc::Rc::clone(&commands);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui(move |ui| {
            let view = ConsoleView {
                projector_gone: true,
                ..ConsoleView::new(
                    Some(&deck),
                    &presentation,
                    &console,
                    t0 + Duration::from_mins(10),
                    NaiveTime::from_hms_opt(8, 15, 0).unwrap(),
                )
            };
            sent.borrow_mut().extend(console_ui(ui, &view));
        });
    harness.run();
    harness.get_by_label_contains("Projector disconnected — the room sees nothing");
    harness.get_by_label_contains("the talk timer keeps running");
    harness.get_by_label("The audience sees nothing: the projector is disconnected");
    // The talk timer is still shown running (10 minutes in).
    harness.get_by_label_contains("10:00");
    commands.borrow_mut().clear();
    harness
        .get_by_label("Show the slides here, beside the console")
        .click();
    harness.run();
    assert!(
        commands.borrow().contains(
            &ShellCommand::SetScreenMode(cuecard::show::monitors::ScreenMode::Present).into()
        ),
        "{:?}",
        commands.borrow()
    );
}

#[test]
fn identify_screens_flashes_labels_for_two_seconds_and_the_screens_menu_lists_modes() {
    let (mut harness, time) = app_harness_with_clock();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::S);
    harness.run_steps(2);
    assert!(harness.state().console().identify_until.is_some());
    set_time(&time, 3);
    harness.run_steps(2);
    assert!(
        harness
            .state()
            .console()
            .identify_until
            .is_some_and(|t| t <= std::time::Instant::now() + Duration::from_secs(3))
    );
    harness.get_by_label("Screens…").click_accesskit();
    harness.run_steps(2);
    // No monitors here, so Present is side by side: the menu ticks what is
    // really in use and says why the chosen mode waits.
    let ticked = |harness: &Harness<'static, PresenterApp>, label: &str| {
        harness
            .get_by_label_contains(label)
            .accesskit_node()
            .toggled()
            == Some(egui::accesskit::Toggled::True)
    };
    assert!(ticked(&harness, "Rehearse: both windows side by side"));
    assert!(!ticked(&harness, "Present: audience full screen"));
    harness.get_by_label(
        "Present: audience full screen on another monitor (chosen; one monitor, so side by side until a projector is plugged in)",
    );
    harness
        .get_by_label("Mirror: audience full screen, console on top")
        .click_accesskit();
    harness.run_steps(2);
    assert_eq!(
        harness.state().windows().screen_mode,
        cuecard::show::monitors::ScreenMode::Mirror
    );
}

#[test]
fn the_venue_check_lists_what_the_clicker_sends_without_moving_the_slides() {
    let (mut harness, time) = app_harness_with_clock();
    harness.run_steps(1);
    harness.key_press(egui::Key::V);
    harness.run_steps(2);
    harness.get_by_label("Venue check: test the clicker");
    harness.key_press(egui::Key::PageDown);
    harness.event(egui::Event::Text(".".to_owned()));
    harness.key_press(egui::Key::F5);
    harness.key_press(egui::Key::J);
    harness.run_steps(2);
    harness.get_by_label("Page Down");
    harness.get_by_label("next slide");
    harness.get_by_label("typed \".\"");
    harness.get_by_label("black screen on / off");
    harness.get_by_label("audience view full screen (clicker start button)");
    harness.get_by_label("cuecard ignores this key");
    assert_eq!(
        harness.state().presentation().current(),
        0,
        "nothing moved during the check"
    );
    assert_eq!(harness.state().presentation().screen(), Screen::Slide);
    set_time(&time, 1);
    harness.key_press(egui::Key::V);
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("Venue check: test the clicker")
            .is_none()
    );
    set_time(&time, 2);
    harness.key_press(egui::Key::PageDown);
    harness.run_steps(2);
    harness.get_by_label("Slide 2 of 10");
}

#[test]
fn closing_the_console_mid_talk_asks_before_quitting() {
    let mut harness = app_harness();
    harness.run_steps(1);
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(1);
    // What the window's close button does during a talk:
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run_steps(2);
    harness.get_by_label_contains("The talk is under way");
    harness.get_by_label("Keep presenting").click_accesskit();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label_contains("The talk is under way")
            .is_none()
    );
    harness.get_by_label("Slide 2 of 10");
}

#[test]
fn an_overrun_break_keeps_the_announced_time_and_says_so() {
    let (mut harness, time) = app_harness_with_clock();
    harness.run_steps(1);
    harness.get_by_label("Break…").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("5-minute break").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label_contains("Back at 09:05");
    set_time(&time, 7 * 60);
    harness.run_steps(2);
    harness.get_by_label_contains("Break is over (2:00 ago; the room was told 09:05)");
}

#[test]
fn the_previews_are_labelled_controls() {
    let mut harness = app_harness();
    harness.run_steps(1);
    harness
        .get_by_label("Next slide preview; click to go there")
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Slide 2 of 10");
    harness
        .get_by_label("What the audience sees; click or scroll down for the next slide, right-click to go back")
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Slide 3 of 10");
}

#[test]
fn the_banner_names_a_freeze_under_the_white_screen_and_esc_leaves_both() {
    let (mut harness, time) = app_harness_with_clock();
    harness.run_steps(1);
    harness.key_press(egui::Key::X);
    harness.run_steps(1);
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(1);
    harness.key_press(egui::Key::W);
    harness.run_steps(2);
    let banner = harness.get_by_label_contains("Audience sees WHITE");
    let text = banner
        .accesskit_node()
        .label()
        .or_else(|| banner.accesskit_node().value())
        .unwrap_or_default();
    assert!(
        text.contains("Also frozen on slide 1"),
        "the freeze under the white screen is named too: {text}"
    );
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    harness.get_by_label("Audience is frozen on slide 1 — X to unfreeze");
    set_time(&time, 1);
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    harness.get_by_label("Audience sees this slide");
    assert_eq!(harness.state().presentation().frozen(), None);
    assert_eq!(harness.state().presentation().current(), 1);
}

#[test]
fn ctrl_q_mid_talk_asks_and_esc_keeps_presenting() {
    let mut harness = app_harness();
    harness.run_steps(1);
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(1);
    // As winit sends it: the modifiers held and the key, in one frame.
    let input = harness.input_mut();
    input
        .events
        .push(egui::Event::ModifiersChanged(egui::Modifiers::COMMAND));
    input.events.push(egui::Event::Key {
        key: egui::Key::Q,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    let mut closed = false;
    for _ in 0..3 {
        harness.step();
        closed |= harness
            .output()
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::Close));
    }
    assert!(!closed, "Ctrl+Q asked egui to close the window mid-talk");
    harness.get_by_label_contains("The talk is under way");
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label_contains("The talk is under way")
            .is_none(),
        "Esc keeps presenting"
    );
    harness.get_by_label("Slide 2 of 10");
}

#[test]
fn one_press_of_the_clicker_blank_button_is_one_line_in_the_venue_check() {
    let mut harness = app_harness();
    harness.run_steps(1);
    harness.key_press(egui::Key::V);
    harness.run_steps(2);
    // What a "." press sends on most layouts, in one frame: the key, then
    // its text.
    let events = &mut harness.input_mut().events;
    events.push(egui::Event::Key {
        key: egui::Key::Period,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    });
    events.push(egui::Event::Text(".".to_owned()));
    harness.run_steps(2);
    harness.get_by_label("typed \".\"");
    harness.get_by_label("black screen on / off");
    assert!(
        harness.query_by_label("cuecard ignores this key").is_none(),
        "the blank button does not look broken"
    );
}

/// A key event for the harness's next frame.
fn key_event(key: egui::Key, pressed: bool) -> egui::Event {
    egui::Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    }
}

/// Moves the fake clock to `ms` milliseconds after the start.
fn set_time_ms(time: &FakeTime, ms: u64) {
    *time.lock().unwrap() = Duration::from_millis(ms);
}

#[test]
fn a_held_clicker_button_moves_one_slide_and_a_double_fire_counts_once() {
    let (mut harness, time) = app_harness_with_clock();
    harness.run_steps(1);
    // Page Down held for two seconds, its repeats arriving as fresh
    // presses 40 ms apart, each after a release (as under X11 without
    // detectable auto-repeat).
    harness
        .input_mut()
        .events
        .push(key_event(egui::Key::PageDown, true));
    harness.run_steps(1);
    for ms in (660..2000).step_by(40) {
        set_time_ms(&time, ms);
        let events = &mut harness.input_mut().events;
        events.push(key_event(egui::Key::PageDown, false));
        events.push(key_event(egui::Key::PageDown, true));
        harness.run_steps(1);
    }
    harness
        .input_mut()
        .events
        .push(key_event(egui::Key::PageDown, false));
    harness.run_steps(2);
    harness.get_by_label("Slide 2 of 10");
    // A worn clicker's double-fire: two presses 30 ms apart.
    for ms in [3000, 3030] {
        set_time_ms(&time, ms);
        harness.key_press(egui::Key::PageDown);
        harness.run_steps(1);
    }
    harness.run_steps(1);
    harness.get_by_label("Slide 3 of 10");
    // Deliberate quick presses, four a second, all count.
    for ms in [4000, 4250, 4500, 4750] {
        set_time_ms(&time, ms);
        harness.key_press(egui::Key::PageDown);
        harness.run_steps(1);
    }
    harness.run_steps(1);
    harness.get_by_label("Slide 7 of 10");
    // The blank button double-firing does not blank and unblank.
    for ms in [6000, 6020] {
        set_time_ms(&time, ms);
        harness
            .input_mut()
            .events
            .push(key_event(egui::Key::Period, true));
        harness.event(egui::Event::Text(".".to_owned()));
        harness.run_steps(1);
    }
    harness.run_steps(1);
    assert_eq!(harness.state().presentation().screen(), Screen::Black);
}

#[test]
fn a_warning_stays_on_screen_above_a_long_list_of_deck_errors() {
    // Eighty slides with the same id: 79 lines of errors.
    let slides: Vec<String> = (0..80)
        .map(|n| format!("(id: \"same\", title: \"Slide {n}\")"))
        .collect();
    let text = format!("(title: \"x\", slides: [{}])", slides.join(",\n"));
    let loaded = deck::parse(text.as_bytes(), Path::new("decks/x.ron"), None);
    assert!(loaded.is_err(), "the deck has errors");
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| {
            let (clock, _) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
            PresenterApp::new(loaded, clock)
        });
    harness.run_steps(2);
    harness
        .state()
        .sender()
        .send(ShellCommand::LiveReloadFailed(
            "the folder was removed".to_owned(),
        ));
    harness.run_steps(2);
    let notice = harness
        .get_by_label_contains("the folder was removed")
        .rect();
    assert!(
        notice.bottom() < 768.0,
        "the warning is on the screen, not under the errors: {notice:?}"
    );
    // The errors are still all there, in their own scrolling banner.
    harness.get_by_label_contains("decks/x.ron:");
    harness.get_by_label_contains("No deck is open");
}

#[test]
fn a_683_point_console_keeps_the_timer_and_clock_on_one_line_and_says_there_is_more() {
    // Half of a 1366x768 laptop: the console in side-by-side rehearsal.
    let (mut harness, _) = app_at(egui::vec2(683.0, 768.0));
    harness.state().sender().send(ShellCommand::AudienceClosed);
    harness.run_steps(1);
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    go_to_slide(&mut harness, 5);
    let timer = harness.get_by_label_contains("Talk timer").rect();
    let clock = harness.get_by_label_contains("Clock 09:00").rect();
    assert!(
        (timer.center().y - clock.center().y).abs() < 4.0 && clock.right() <= 683.0,
        "timer {timer:?} and clock {clock:?} share a line"
    );
    // Slide 5's notes run past the window: the console says so.
    harness.get_by_label("More below: scroll, or Shift+Down");
    // I opens the ideas and brings the first opened into view.
    harness.key_press(egui::Key::I);
    harness.run_steps(3);
    let idea = harness
        .get_by_label("• It gives a client access to an entire team of experts")
        .rect();
    assert!(
        idea.top() > 100.0 && idea.bottom() < 768.0,
        "the opened ideas are in view: {idea:?}"
    );
}

#[test]
fn notes_zoom_comes_back_to_exactly_100_percent() {
    let (mut harness, time) = app_at(egui::vec2(1366.0, 768.0));
    harness.run_steps(1);
    for text in ["+", "+", "-", "-"] {
        harness.event(egui::Event::Text(text.to_owned()));
    }
    harness.run_steps(2);
    assert_eq!(
        harness.state().console().notes_zoom,
        1.0,
        "in twice, out twice"
    );
    harness.event(egui::Event::Text("+".to_owned()));
    harness.run_steps(2);
    harness
        .get_by_label("Notes at 115%: back to 100%")
        .click_accesskit();
    harness.run_steps(2);
    assert_eq!(harness.state().console().notes_zoom, 1.0, "the button");
    assert!(
        harness.query_by_label_contains("back to 100%").is_none(),
        "at 100% the button goes"
    );
    // Ctrl+mouse wheel zooms by any amount; Ctrl+0 is exactly 100% again.
    harness
        .state()
        .sender()
        .send(ShellCommand::NotesZoomBy(1.37));
    harness.run_steps(2);
    set_time(&time, 1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    harness.run_steps(2);
    assert_eq!(harness.state().console().notes_zoom, 1.0, "Ctrl+0");
}

#[test]
fn zooming_the_notes_keeps_the_reading_position() {
    let (mut harness, _) = app_at(egui::vec2(1366.0, 768.0));
    harness.state().sender().send(ShellCommand::AudienceClosed);
    harness.run_steps(1);
    go_to_slide(&mut harness, 5);
    let paragraph = "Your answers clearly illustrate the need for intra-agency collaboration";
    // Scroll until the paragraph is read at the top of the notes.
    harness
        .state()
        .sender()
        .send(ShellCommand::ScrollNotes(420.0));
    harness.run_steps(3);
    let before = harness.get_by_label_contains(paragraph).rect();
    harness.event(egui::Event::Text("+".to_owned()));
    harness.run_steps(3);
    let after = harness.get_by_label_contains(paragraph).rect();
    assert!(
        (after.top() - before.top()).abs() < 40.0,
        "the paragraph being read stays where it was: {before:?} then {after:?}"
    );
}

#[test]
fn the_clock_follows_a_12_hour_system_and_the_presenters_choice_is_remembered() {
    let dir = common::temp_dir("views-clock");
    let app = |dir: &Path| {
        let (clock, _) = Clock::fake(NaiveTime::from_hms_opt(14, 5, 0).unwrap());
        let loaded = deck::parse(
            cuecard::MODULE5_RON.as_bytes(),
            Path::new("module5.ron"),
            None,
        );
        PresenterApp::new(loaded, clock)
            .with_system_hours(cuecard::show::hours::HourCycle::Twelve)
            .with_settings_dir(Some(dir.to_path_buf()))
    };
    let first = app(&dir);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| first);
    harness.run_steps(2);
    harness.get_by_label("Clock 2:05 PM");
    // A break says when to come back the same way, to the room too.
    harness.get_by_label("Break…").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("10-minute break").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label_contains("Break: audience sees \"Back at 2:15 PM\"");
    harness.state().sender().send(Command::EndBreak);
    harness.run_steps(2);
    // The presenter prefers 24 hours: the clock changes, and stays so.
    harness.get_by_label("Timer…").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Clock as the system is set (12-hour)");
    harness
        .get_by_label("24-hour clock (14:05)")
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Clock 14:05");
    assert_eq!(
        app(&dir).hours(),
        cuecard::show::hours::HourCycle::TwentyFour,
        "the next run remembers the choice"
    );
}

#[test]
fn a_break_of_any_length_is_typed_after_k() {
    let (mut harness, time) = app_harness_with_clock();
    harness.run_steps(1);
    harness.key_press(egui::Key::K);
    harness.run_steps(2);
    harness.get_by_label("Break: _ minutes");
    harness.event(egui::Event::Text("0".to_owned()));
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    harness.get_by_label("A break is 1 to 600 minutes");
    for c in ["4", "0"] {
        harness.event(egui::Event::Text(c.to_owned()));
    }
    harness.run_steps(1);
    harness.get_by_label("Break: 40_ minutes");
    set_time(&time, 1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    harness.get_by_label_contains("Break: audience sees \"Back at 09:40\"");
    assert!(harness.state().presentation().break_ends().is_some());
    // The Break menu offers the same.
    harness.get_by_label("Break…").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Other length… (K)");
}

#[test]
fn plus_typed_again_grows_the_notes_again_even_when_its_release_was_lost() {
    let (mut harness, time) = app_at(egui::vec2(1366.0, 768.0));
    harness.run_steps(1);
    // "+" is Shift+=: let Shift go first and the key's release comes back
    // as "=", so egui marks the next "+" as a repeat of a held key.
    let plus = |harness: &mut Harness<'static, PresenterApp>, repeat: bool| {
        let events = &mut harness.input_mut().events;
        events.push(egui::Event::Key {
            key: egui::Key::Plus,
            physical_key: None,
            pressed: true,
            repeat,
            modifiers: egui::Modifiers::SHIFT,
        });
        events.push(egui::Event::Text("+".to_owned()));
        harness.run_steps(1);
    };
    plus(&mut harness, false);
    set_time(&time, 2);
    plus(&mut harness, true);
    set_time(&time, 4);
    plus(&mut harness, true);
    harness.run_steps(1);
    let zoom = harness.state().console().notes_zoom;
    assert!(
        (zoom - 1.15f32.powi(3)).abs() < 1e-3,
        "three presses, three steps: {zoom}"
    );
}

#[test]
fn the_key_help_fits_a_683_point_console() {
    let (mut harness, _) = app_at(egui::vec2(683.0, 768.0));
    harness.run_steps(1);
    harness.key_press(egui::Key::F1);
    harness.run_steps(3);
    let close = harness.get_by_label("Close").rect();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(683.0, 768.0));
    assert!(screen.contains_rect(close), "Close is on screen: {close:?}");
    let first = harness.get_by_label("next slide").rect();
    assert!(
        screen.contains_rect(first),
        "the first key is on screen: {first:?}"
    );
}
