//! The end of the talk on the console, through the whole app: the summary
//! when the last slide is passed or the talk is ended (parked questions,
//! time per slide against the plan as a chart and a table), and rehearsed
//! timings written into the deck file only after the diff is shown.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::NaiveTime;
use cuecard::app::summary::RehearsalOffer;
use cuecard::app::{Clock, DeckSource, PresenterApp};
use cuecard::deck;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The end-of-talk chart's bar for talk time past the plan (the console's
/// "behind" red).
const PAST_PLAN_RED: egui::Color32 = egui::Color32::from_rgb(0xFF, 0x7A, 0x6B);

/// Seconds on each of Module 5's slides 2 to 10 (the title's time is not
/// talk time: the timer starts on leaving it). Against the plan (1, 2, 4,
/// 12, 8, 10, 5, 14, 1 minutes): slides 3, 7 and 9 run over.
const SECONDS: [u64; 9] = [60, 150, 240, 600, 480, 660, 300, 900, 30];

struct Talk {
    harness: Harness<'static, PresenterApp>,
    time: Arc<Mutex<Duration>>,
    deck_path: PathBuf,
    dir: PathBuf,
}

fn start(name: &str) -> Talk {
    let dir = common::temp_dir(name);
    let deck_path = dir.join("module5.ron");
    std::fs::write(&deck_path, cuecard::MODULE5_RON).unwrap();
    let (clock, time) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let app = PresenterApp::new(deck::load(&deck_path), clock)
        .with_source(DeckSource::File(deck_path.clone()))
        .with_sessions_dir(Some(dir.join("sessions")));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| app);
    harness.run_steps(2);
    Talk {
        harness,
        time,
        deck_path,
        dir,
    }
}

impl Talk {
    fn at(&mut self, secs: u64) {
        *self.time.lock().unwrap() = Duration::from_secs(secs);
        self.harness.run_steps(1);
    }

    fn press(&mut self, key: egui::Key) {
        self.harness.key_press(key);
        self.harness.run_steps(2);
    }

    /// Presents slides 1 to 10 with [`SECONDS`] on each, parking a
    /// question on slide 3; ends on slide 10 at the returned time.
    fn present(&mut self) -> u64 {
        let mut t = 0;
        self.at(t);
        self.press(egui::Key::ArrowRight);
        for (i, secs) in SECONDS.iter().enumerate() {
            if i == 1 {
                self.at(t + 20);
                self.press(egui::Key::Q);
                self.harness
                    .event(egui::Event::Text("Who signs the T-visa form?".to_owned()));
                self.harness.run_steps(1);
                self.press(egui::Key::Enter);
            }
            t += secs;
            self.at(t);
            if i + 1 < SECONDS.len() {
                self.press(egui::Key::ArrowRight);
            }
        }
        assert_eq!(self.harness.state().presentation().current(), 9);
        t
    }

    /// Clicks the Timer… menu's entry `label`.
    fn timer_menu(&mut self, label: &str) {
        self.harness.get_by_label("Timer…").click_accesskit();
        self.harness.run_steps(2);
        self.harness.get_by_label(label).click_accesskit();
        self.harness.run_steps(2);
    }

    /// Painted rectangles filled with `color` (the chart's bars).
    fn bars_of(&self, color: egui::Color32) -> usize {
        self.harness
            .output()
            .shapes
            .iter()
            .filter(|clipped| {
                matches!(&clipped.shape, egui::Shape::Rect(rect)
                    if rect.fill == color && rect.rect.height() > 1.0)
            })
            .count()
    }
}

impl Drop for Talk {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn changed_lines(before: &str, after: &str) -> Vec<(String, String)> {
    assert_eq!(
        before.lines().count(),
        after.lines().count(),
        "lines were added or removed"
    );
    before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect()
}

fn comments(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.trim_start().starts_with("//"))
        .collect()
}

#[test]
fn passing_the_last_slide_sums_up_the_talk_and_previous_goes_back() {
    let mut talk = start("end-of-talk");
    let t = talk.present();
    assert!(
        talk.harness.query_by_label("End of the talk").is_none(),
        "the summary waits for the end"
    );
    talk.at(t + 1);
    talk.press(egui::Key::ArrowRight);
    assert!(talk.harness.state().presentation().at_end());
    talk.harness.get_by_label("End of the talk");
    talk.harness
        .get_by_label_contains("End of the talk: the audience sees BLACK");
    assert!(
        talk.harness
            .query_by_label_contains("Parking lot: 1 question")
            .is_none(),
        "the parking lot's own list gives way to the summary's"
    );
    // The questions to follow up come first, with their slide and time.
    talk.harness
        .get_by_label("Parked questions: 1 to follow up");
    talk.harness
        .get_by_label_contains("slide 3 · Who signs the T-visa form?");
    // 57:00 of talk against 60 planned minutes (the title's 3 not spent).
    talk.harness.get_by_label_contains(
        "Talk time 57:01 against 1:00:00 planned (2:59 under) · 10 of 10 slides shown",
    );
    talk.harness.get_by_label("Time per slide against the plan");
    // The table: each slide with its time, plan and difference.
    talk.harness.get_by_label("7. Different Focuses");
    talk.harness.get_by_label("11:00");
    talk.harness.get_by_label("9. A Multidisciplinary Approach");
    talk.harness.get_by_label("15:00");
    assert_eq!(
        talk.harness.get_all_by_label("+1:00").count(),
        2,
        "slides 7 and 9 ran a minute over"
    );
    // The chart: the three slides past their plan are drawn red.
    assert_eq!(talk.bars_of(PAST_PLAN_RED), 3, "red bars past the plan");
    talk.harness.get_by_label("+0:30");
    talk.harness.get_by_label_contains("Prompts covered: 0 of");

    // Previous brings the last slide back, and the summary goes.
    talk.press(egui::Key::ArrowLeft);
    assert!(!talk.harness.state().presentation().at_end());
    assert_eq!(talk.harness.state().presentation().current(), 9);
    assert!(talk.harness.query_by_label("End of the talk").is_none());
}

#[test]
fn ending_the_talk_from_the_timer_menu_stops_the_timer_and_shows_the_summary() {
    let mut talk = start("end-talk-menu");
    talk.at(0);
    talk.press(egui::Key::ArrowRight);
    talk.at(95);
    talk.press(egui::Key::ArrowRight);
    talk.at(200);
    assert!(talk.harness.state().presentation().timer.is_running());
    talk.timer_menu("End the talk (summary)");
    let p = talk.harness.state().presentation();
    assert!(p.at_end(), "the room sees the end screen");
    assert!(!p.timer.is_running(), "the talk timer stopped");
    assert_eq!(p.current(), 2, "on the slide it was ended on");
    talk.harness.get_by_label("End of the talk");
    talk.harness
        .get_by_label_contains("Talk time 3:20 against 1:00:00 planned");
    talk.harness.get_by_label("Parked questions: none");
    // The end screen is not counted as a blackout in the record.
    let report = talk.harness.state().end_of_talk().report.clone().unwrap();
    assert_eq!(report.blackouts.0, 0, "{report:?}");
    // Esc, as for a black screen, goes back to the slide.
    talk.press(egui::Key::Escape);
    assert!(!talk.harness.state().presentation().at_end());
    assert!(talk.harness.query_by_label("End of the talk").is_none());
}

#[test]
fn rehearsing_shows_the_change_then_writes_only_the_minutes() {
    let mut talk = start("rehearse-console");
    let before = std::fs::read_to_string(&talk.deck_path).unwrap();
    talk.timer_menu("Rehearse timings");
    assert!(talk.harness.state().end_of_talk().rehearsing);
    talk.harness.get_by_label("Rehearsing timings");
    let t = talk.present();
    talk.at(t + 1);
    talk.press(egui::Key::ArrowRight);
    talk.harness.get_by_label("Rehearsed timings");
    talk.harness
        .get_by_label_contains("Keep this rehearsal's times as the planned minutes of 5 slides in");
    talk.harness
        .get_by_label_contains("service-provider-collaboration (line 86): from 12 to 10 min");
    talk.harness
        .get_by_label_contains("multidisciplinary-approach (line 240): from 14 to 15 min");
    talk.harness.get_by_label_contains(
        "Planned minutes kept for 1 slide shown under 5 s or not at all: title",
    );
    let Some(RehearsalOffer::Ready(rewrite)) = &talk.harness.state().end_of_talk().offer else {
        panic!("no offer: {:?}", talk.harness.state().end_of_talk().offer);
    };
    assert!(rewrite.diff().contains("-            minutes: 12.0,"));
    assert_eq!(
        std::fs::read_to_string(&talk.deck_path).unwrap(),
        before,
        "nothing is written before the presenter says so"
    );

    talk.harness
        .get_by_label("Write these minutes to the deck")
        .click_accesskit();
    talk.harness.run_steps(2);
    let after = std::fs::read_to_string(&talk.deck_path).unwrap();
    let changed = changed_lines(&before, &after);
    assert_eq!(changed.len(), 5, "{changed:#?}");
    for (old, new) in &changed {
        assert!(
            old.trim_start().starts_with("minutes:") && new.trim_start().starts_with("minutes:"),
            "{old} -> {new}"
        );
    }
    assert!(after.contains("minutes: 10.0,") || after.contains("minutes: 10,"));
    assert_eq!(comments(&before), comments(&after), "comments intact");
    // Said in the end-of-talk section and in a notice that stays.
    assert_eq!(
        talk.harness
            .get_all_by_label_contains("Wrote the rehearsed minutes of 5 slides into")
            .count(),
        2
    );
    assert!(matches!(
        talk.harness.state().end_of_talk().offer,
        Some(RehearsalOffer::Written(_))
    ));
}

#[test]
fn keeping_the_planned_minutes_writes_nothing() {
    let mut talk = start("rehearse-keep");
    let before = std::fs::read_to_string(&talk.deck_path).unwrap();
    talk.timer_menu("Rehearse timings");
    let t = talk.present();
    talk.at(t + 1);
    talk.timer_menu("End the talk (summary)");
    talk.harness
        .get_by_label("Keep the planned minutes")
        .click_accesskit();
    talk.harness.run_steps(2);
    talk.harness
        .get_by_label("Kept the planned minutes; the deck file was not changed.");
    assert_eq!(std::fs::read_to_string(&talk.deck_path).unwrap(), before);
    assert!(
        talk.harness
            .query_by_label("Write these minutes to the deck")
            .is_none()
    );
}

#[test]
fn the_built_in_deck_says_why_it_cannot_keep_timings() {
    let (clock, time) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let dir = common::temp_dir("rehearse-built-in");
    let app = PresenterApp::new(cuecard::app::load(&DeckSource::BuiltIn), clock)
        .with_source(DeckSource::BuiltIn)
        .with_sessions_dir(Some(dir.join("sessions")));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| app);
    harness.run_steps(2);
    harness
        .state()
        .sender()
        .send(cuecard::show::ShellCommand::ToggleRehearsing);
    harness.run_steps(2);
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(1);
    *time.lock().unwrap() = Duration::from_mins(1);
    harness.key_press(egui::Key::End);
    harness.run_steps(1);
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    harness.get_by_label_contains("The built-in deck is not a file on this computer");
    assert!(
        harness
            .query_by_label("Write these minutes to the deck")
            .is_none()
    );
    let _ = std::fs::remove_dir_all(Path::new(&dir));
}

#[test]
fn a_deck_changed_or_protected_after_the_diff_is_not_written() {
    let mut talk = start("rehearse-changed");
    talk.timer_menu("Rehearse timings");
    let t = talk.present();
    talk.at(t + 1);
    talk.press(egui::Key::ArrowRight);
    talk.harness.get_by_label("Write these minutes to the deck");
    // An editor saves the deck while the diff is on the console.
    let edited = std::fs::read_to_string(&talk.deck_path)
        .unwrap()
        .replace("title: \"Disclaimer\"", "title: \"Disclaimer (edited)\"");
    std::fs::write(&talk.deck_path, &edited).unwrap();
    talk.harness
        .get_by_label("Write these minutes to the deck")
        .click_accesskit();
    talk.harness.run_steps(2);
    talk.harness.get_by_label_contains(
        "the deck changed on disk since the rehearsed minutes were worked out",
    );
    assert_eq!(std::fs::read_to_string(&talk.deck_path).unwrap(), edited);

    // Back and to the end again: worked out afresh, but the file is now
    // read-only, and stays as it is.
    // (Presses a few seconds apart: a clicker's double-fire counts once.)
    talk.at(t + 5);
    talk.press(egui::Key::ArrowLeft);
    assert!(!talk.harness.state().presentation().at_end());
    talk.at(t + 7);
    talk.press(egui::Key::ArrowRight);
    assert!(talk.harness.state().presentation().at_end());
    let mut permissions = std::fs::metadata(&talk.deck_path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&talk.deck_path, permissions).unwrap();
    talk.harness
        .get_by_label("Write these minutes to the deck")
        .click_accesskit();
    talk.harness.run_steps(2);
    talk.harness.get_by_label_contains("it is read-only");
    assert_eq!(std::fs::read_to_string(&talk.deck_path).unwrap(), edited);
    let mut permissions = std::fs::metadata(&talk.deck_path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&talk.deck_path, permissions).unwrap();
}
