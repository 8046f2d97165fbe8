//! The session record through the whole app: the parking lot (Q), resume
//! after cuecard stopped without the presenter quitting, and no offer after
//! a clean quit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::path::Path;
use std::time::Duration;

use chrono::NaiveTime;
use cuecard::app::{Clock, DeckSource, PresenterApp};
use cuecard::deck;
use cuecard::show::ShellCommand;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn app_on(
    deck_path: &Path,
    sessions: &Path,
) -> (
    Harness<'static, PresenterApp>,
    std::sync::Arc<std::sync::Mutex<Duration>>,
) {
    let (clock, time) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let app = PresenterApp::new(deck::load(deck_path), clock)
        .with_source(DeckSource::File(deck_path.to_path_buf()))
        .with_sessions_dir(Some(sessions.to_path_buf()));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| app);
    harness.run_steps(2);
    (harness, time)
}

#[test]
fn parked_questions_and_the_slide_survive_a_crash_and_resume_on_enter() {
    let dir = common::temp_dir("session-app");
    let deck_path = dir.join("module5.ron");
    std::fs::write(&deck_path, cuecard::MODULE5_RON).unwrap();
    let sessions = dir.join("sessions");

    let (mut harness, time) = app_on(&deck_path, &sessions);
    assert!(
        harness.state().resume_offer().is_none(),
        "a first talk offers nothing"
    );
    // Five presses, a second apart (a clicker's double-fire counts once).
    for second in 0..5 {
        *time.lock().unwrap() = Duration::from_secs(second);
        harness.key_press(egui::Key::ArrowRight);
        harness.run_steps(1);
    }
    *time.lock().unwrap() = Duration::from_secs(754);
    harness.run_steps(1);
    harness.get_by_label("Slide 6 of 10");
    // Q opens the parking lot's box; the question is typed and parked.
    harness.key_press(egui::Key::Q);
    harness.run_steps(2);
    harness.event(egui::Event::Text(
        "Who funds the shelter hotline?".to_owned(),
    ));
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    assert_eq!(
        harness.state().parked().len(),
        1,
        "{:?} {:?} {:?}",
        harness.state().notices().list(),
        harness.state().console().parking_open,
        harness.state().session_file()
    );
    assert_eq!(
        harness.state().parked()[0].text,
        "Who funds the shelter hotline?"
    );
    assert_eq!(harness.state().parked()[0].slide, 5);
    assert_eq!(
        harness.state().presentation().current(),
        5,
        "typing the question did not move the slides"
    );
    harness.get_by_label_contains("Parking lot: 1 question");
    // cuecard stops without the presenter quitting (the harness is dropped
    // with no on_exit, as after a crash or a kill).
    drop(harness);

    let (mut harness, _) = app_on(&deck_path, &sessions);
    let offer = harness.state().resume_offer().expect("an offer").message();
    assert!(offer.contains("Resume at slide 6"), "{offer}");
    assert!(offer.contains("12:34"), "{offer}");
    harness.get_by_label_contains("Resume at slide 6");
    assert_eq!(
        harness.state().presentation().current(),
        0,
        "never resumes by itself"
    );
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    let p = harness.state().presentation();
    assert_eq!(p.current(), 5, "back on slide 6");
    assert!(!p.timer.is_running(), "the timer comes back paused");
    assert_eq!(
        harness.state().parked().len(),
        1,
        "the parked question is back"
    );
    // A clean quit: the next start offers nothing.
    harness.state().sender().send(ShellCommand::ConfirmQuit);
    harness.run_steps(2);
    drop(harness);
    let (harness, _) = app_on(&deck_path, &sessions);
    assert!(
        harness.state().resume_offer().is_none(),
        "offered after a clean quit"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn esc_on_the_resume_offer_starts_fresh_and_is_not_offered_again() {
    let dir = common::temp_dir("session-decline");
    let deck_path = dir.join("module5.ron");
    std::fs::write(&deck_path, cuecard::MODULE5_RON).unwrap();
    let sessions = dir.join("sessions");
    let (mut harness, _) = app_on(&deck_path, &sessions);
    harness.key_press(egui::Key::End);
    harness.run_steps(2);
    drop(harness);
    let (mut harness, _) = app_on(&deck_path, &sessions);
    assert!(harness.state().resume_offer().is_some());
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(harness.state().resume_offer().is_none());
    assert_eq!(harness.state().presentation().current(), 0, "started fresh");
    assert!(harness.state().session_file().is_some(), "a new record");
    drop(harness);
    // The declined talk is not offered again; the fresh one (not quit) is,
    // on its own slide one.
    let (harness, _) = app_on(&deck_path, &sessions);
    let offer = harness
        .state()
        .resume_offer()
        .map(cuecard::session::ResumeOffer::message);
    assert!(
        offer.as_deref().is_none_or(|o| o.contains("slide 1")),
        "{offer:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn presenting_on_past_the_resume_offer_starts_fresh_and_a_typed_go_to_keeps_its_enter() {
    let dir = common::temp_dir("session-app-ignored");
    let deck_path = dir.join("module5.ron");
    std::fs::write(&deck_path, cuecard::MODULE5_RON).unwrap();
    let sessions = dir.join("sessions");
    let (mut harness, time) = app_on(&deck_path, &sessions);
    for second in 0..6 {
        *time.lock().unwrap() = Duration::from_secs(second);
        harness.key_press(egui::Key::ArrowRight);
        harness.run_steps(1);
    }
    drop(harness);

    let (mut harness, time) = app_on(&deck_path, &sessions);
    harness.get_by_label_contains("Resume at slide 7");
    // The presenter ignores the offer and presents on.
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    assert!(
        harness.state().resume_offer().is_none(),
        "the offer is gone"
    );
    assert!(harness.query_by_label_contains("Resume at slide").is_none());
    // Go-to 3, Enter: slide 3, not the old talk's slide 7.
    *time.lock().unwrap() = Duration::from_secs(1);
    harness.event(egui::Event::Text("3".to_owned()));
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    assert_eq!(harness.state().presentation().current(), 2);
    assert!(harness.state().presentation().timer.is_running());
}
