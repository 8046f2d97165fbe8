//! Opening decks the way desktop users expect: dropped on a window, from
//! the recent list, and `cuecard new`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{run_until, temp_dir as temp};

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::Arc;

use chrono::NaiveTime;
use cuecard::app::{Clock, PresenterApp};
use cuecard::deck;
use cuecard::show::ShellCommand;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_dropped_deck_opens_and_a_broken_one_says_why_and_changes_nothing() {
    let dir = temp("drop");
    let good = dir.join("good.ron");
    std::fs::write(
        &good,
        "(title: \"Dropped deck\", slides: [(id: \"a\", title: \"A\"), (id: \"b\", title: \"B\")])",
    )
    .unwrap();
    let broken = dir.join("broken.ron");
    std::fs::write(
        &broken,
        "(title: \"Broken\", slides: [(id: \"a\", titel: \"A\")])",
    )
    .unwrap();
    let loaded = deck::parse(
        cuecard::MODULE5_RON.as_bytes(),
        Path::new("module5.ron"),
        None,
    );
    let (clock, _) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let app = PresenterApp::new(loaded, clock);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| app);
    harness.run_steps(1);
    harness.key_press(egui::Key::End);
    harness.run_steps(1);
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(good.clone())));
    assert!(run_until(&mut harness, |app| app
        .session()
        .deck()
        .is_some_and(|d| d.title == "Dropped deck")));
    harness.get_by_label("Slide 1 of 2");
    assert!(
        !harness.state().presentation().timer.is_started(),
        "a new deck, a new talk"
    );
    assert!(harness.state().recent()[0].ends_with("good.ron"));

    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(broken.clone())));
    assert!(run_until(&mut harness, |app| app
        .session()
        .deck_error()
        .is_some()));
    harness.get_by_label_contains("Could not open");
    harness.get_by_label_contains("broken.ron:1:");
    assert_eq!(
        harness.state().session().deck().unwrap().title,
        "Dropped deck",
        "the open deck stays"
    );

    // The recent list opens it again.
    assert!(harness.state().recent()[0].ends_with("good.ron"));
    harness.state().sender().send(ShellCommand::OpenRecent(0));
    assert!(run_until(&mut harness, |app| app
        .session()
        .deck_error()
        .is_none()));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cuecard_new_writes_a_deck_that_passes_check_and_never_overwrites() {
    let dir = temp("new");
    let path = dir.join("sub/my-training.ron");
    let bin = env!("CARGO_BIN_EXE_cuecard");
    let out = Process::new(bin)
        .args(["new", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let check = Process::new(bin)
        .args(["check", "--deny-warnings", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    std::fs::write(&path, "mine").unwrap();
    let again = Process::new(bin)
        .args(["new", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "mine",
        "nothing the presenter made is lost"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
