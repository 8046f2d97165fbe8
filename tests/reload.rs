//! Live reload against real files: the deck is saved the way editors save
//! (rename over, several writes, a mistake then a fix) while the app runs
//! headless.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::temp_dir as temp;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveTime;
use cuecard::app::{Clock, DeckSource, PresenterApp};
use cuecard::deck;
use cuecard::show::ShellCommand;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn deck_text(ids: &[&str]) -> String {
    let slides: Vec<String> = ids
        .iter()
        .map(|id| {
            format!("(id: \"{id}\", title: \"Slide {id}\", notes: [Script(\"Notes of {id}.\")])")
        })
        .collect();
    format!("(title: \"Reload\", slides: [{}])", slides.join(", "))
}

/// Saves like vim or VS Code: a new file, then a rename over the old one.
fn save_by_rename(path: &Path, text: &str) {
    let temp = path.with_extension("ron.swp");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

struct App {
    harness: Harness<'static, PresenterApp>,
    time: Arc<Mutex<Duration>>,
}

fn app_on(path: &Path) -> App {
    let (clock, time) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let app = PresenterApp::new(deck::load(path), clock)
        .with_source(DeckSource::File(path.to_path_buf()));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| app);
    harness.run_steps(2);
    App { harness, time }
}

impl App {
    /// Steps frames until `reloads` reaches `n` (or 10 s pass), then a
    /// little longer to catch a second, unwanted reload.
    fn wait_for_reloads(&mut self, n: usize) -> usize {
        let start = Instant::now();
        while self.harness.state().session().reloads() < n
            && start.elapsed() < Duration::from_secs(10)
        {
            std::thread::sleep(Duration::from_millis(50));
            self.harness.run_steps(1);
        }
        let settle = Instant::now();
        while settle.elapsed() < cuecard::app::reload::DEBOUNCE * 3 {
            std::thread::sleep(Duration::from_millis(50));
            self.harness.run_steps(1);
        }
        self.harness.state().session().reloads()
    }

    fn current_id(&self) -> String {
        let app = self.harness.state();
        app.session().deck().unwrap().slides[app.presentation().current()]
            .id
            .clone()
    }
}

#[test]
fn a_rename_save_reloads_once_keeping_the_slide_and_the_timer() {
    let dir = temp("rename");
    let path = dir.join("deck.ron");
    std::fs::write(&path, deck_text(&["a", "b", "c"])).unwrap();
    let mut app = app_on(&path);
    app.harness.key_press(egui::Key::ArrowRight);
    app.harness.run_steps(1);
    *app.time.lock().unwrap() = Duration::from_secs(1);
    app.harness.key_press(egui::Key::ArrowRight);
    app.harness.run_steps(2);
    *app.time.lock().unwrap() = Duration::from_secs(125);
    app.harness.key_press(egui::Key::T);
    app.harness.run_steps(2);
    assert_eq!(app.current_id(), "c");
    // Two slides inserted before "c", saved the way vim does.
    save_by_rename(&path, &deck_text(&["a", "new1", "new2", "b", "c"]));
    assert_eq!(app.wait_for_reloads(1), 1, "one save, one reload");
    assert_eq!(app.current_id(), "c", "still on the same slide");
    assert_eq!(app.harness.state().presentation().current(), 4);
    let s = app.harness.state();
    assert!(
        !s.presentation().timer.is_running(),
        "a paused timer stays paused"
    );
    assert_eq!(
        s.presentation().timer.elapsed(Instant::now()),
        Duration::from_secs(125)
    );
    app.harness.get_by_label("Slide 5 of 5");
    app.harness.get_by_label("Notes of c.");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_save_in_two_writes_reloads_once_with_the_whole_file() {
    let dir = temp("two-part");
    let path = dir.join("deck.ron");
    std::fs::write(&path, deck_text(&["a", "b"])).unwrap();
    let mut app = app_on(&path);
    let text = deck_text(&["a", "b", "later"]);
    let (first, second) = text.split_at(text.len() / 2);
    std::fs::write(&path, first).unwrap();
    std::thread::sleep(Duration::from_millis(60));
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    std::io::Write::write_all(&mut file, second.as_bytes()).unwrap();
    drop(file);
    assert_eq!(app.wait_for_reloads(1), 1, "two writes, one reload");
    let s = app.harness.state();
    assert_eq!(
        s.session().deck().unwrap().slides.len(),
        3,
        "the finished file was loaded"
    );
    assert!(
        s.session().deck_error().is_none(),
        "{:?}",
        s.session().deck_error()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_mistake_keeps_the_last_good_deck_and_shows_the_error_until_fixed() {
    let dir = temp("mistake");
    let path = dir.join("deck.ron");
    std::fs::write(&path, deck_text(&["a", "b"])).unwrap();
    let mut app = app_on(&path);
    app.harness.key_press(egui::Key::ArrowRight);
    app.harness.run_steps(2);
    let broken = deck_text(&["a", "b", "c"]).replace("notes:", "notez:");
    save_by_rename(&path, &broken);
    assert_eq!(app.wait_for_reloads(1), 1);
    app.harness
        .get_by_label_contains("the last good version stays on screen");
    app.harness
        .get_by_label_contains(&format!("{}:1:", path.display()));
    app.harness.get_by_label("Slide 2 of 2");
    assert_eq!(app.current_id(), "b");
    // Fixed: the banner goes, the new deck shows, still on "b".
    save_by_rename(&path, &deck_text(&["a", "b", "c"]));
    assert_eq!(app.wait_for_reloads(2), 2);
    app.harness.run_steps(2);
    assert!(
        app.harness
            .query_by_label_contains("last good version")
            .is_none()
    );
    app.harness.get_by_label("Slide 2 of 3");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ctrl_r_reloads_by_hand() {
    let dir = temp("ctrl-r");
    let path = dir.join("deck.ron");
    std::fs::write(&path, deck_text(&["a"])).unwrap();
    let mut app = app_on(&path);
    let before = app.harness.state().session().reloads();
    app.harness.state().sender().send(ShellCommand::Reload);
    assert_eq!(app.wait_for_reloads(before + 1), before + 1);
    app.harness
        .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::R);
    assert_eq!(app.wait_for_reloads(before + 2), before + 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_pdf_deck_reloads_when_its_pdf_or_its_pdfpc_notes_change() {
    let dir = temp("pdf");
    // A deck naming a PDF: a new export of the slides reloads it.
    std::fs::write(dir.join("slides.pdf"), cuecard::pdf::sample::slide_deck(2)).unwrap();
    let path = dir.join("deck.ron");
    std::fs::write(&path, "(title: \"T\", pdf: \"slides.pdf\")").unwrap();
    let mut app = app_on(&path);
    assert_eq!(app.harness.state().presentation().slide_count(), 2);
    std::fs::write(dir.join("slides.pdf"), cuecard::pdf::sample::slide_deck(3)).unwrap();
    assert_eq!(app.wait_for_reloads(1), 1, "the new PDF reloads the deck");
    assert_eq!(app.harness.state().presentation().slide_count(), 3);
    drop(app);
    // `cuecard talk.pdf`: a .pdfpc file made while it is shown brings its
    // notes at once.
    std::fs::write(dir.join("talk.pdf"), cuecard::pdf::sample::slide_deck(2)).unwrap();
    let pdf = dir.join("talk.pdf");
    let mut app = app_on(&pdf);
    assert!(
        app.harness.state().session().deck().unwrap().slides[0]
            .notes
            .is_empty()
    );
    std::fs::write(
        dir.join("talk.pdfpc"),
        r#"{"pdfpcFormat": 2, "pages": [{"idx": 0, "note": "Welcome the room."}]}"#,
    )
    .unwrap();
    assert_eq!(app.wait_for_reloads(1), 1, "the new notes reload the PDF");
    assert_eq!(
        app.harness.state().session().deck().unwrap().slides[0].notes,
        [cuecard::deck::Note::Script("Welcome the room.".to_owned())]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
