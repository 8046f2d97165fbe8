//! "Print guide…" and "Export handout…" in the presenter console, through
//! the whole app: the buttons in the Deck… menu, the PDF written beside the
//! deck when the system has no save dialog, the notice that says where it
//! went, one export at a time, and the buttons off without a deck file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{run_until, temp_dir};

use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use cuecard::app::{Clock, DeckSource, PresenterApp, SaveDialog, Severity};
use cuecard::deck;
use cuecard::show::{AppCommand, ExportKind, ShellCommand};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};

/// A copy of Module 5 and its images in a fresh folder; the deck's path.
fn deck_copy(name: &str) -> (PathBuf, PathBuf) {
    let dir = temp_dir(name);
    let deck_path = dir.join("module5.ron");
    std::fs::write(&deck_path, cuecard::MODULE5_RON).unwrap();
    let images = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/images");
    std::fs::create_dir_all(dir.join("images")).unwrap();
    for entry in std::fs::read_dir(images).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join("images").join(entry.file_name())).unwrap();
    }
    (dir, deck_path)
}

/// The whole app on the deck file at `deck_path`, with no save dialog on
/// the system (as under a bare X server), recording its commands.
fn app_on(deck_path: &Path) -> Harness<'static, PresenterApp> {
    let (clock, _) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let app = PresenterApp::new(deck::load(deck_path), clock)
        .with_source(DeckSource::File(deck_path.to_path_buf()))
        .with_save_dialog(SaveDialog::Unavailable)
        .with_command_log();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| app);
    harness.run_steps(2);
    harness
}

/// The number of pages of the PDF at `path`, after checking it is one.
fn pdf_pages(path: &Path) -> usize {
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"%PDF-"),
        "{} is not a PDF",
        path.display()
    );
    lopdf::Document::load_mem(&bytes).unwrap().get_pages().len()
}

/// Rests the pointer on the widget labelled `label` for a second, as a
/// presenter does to read its hover text. (egui shows none while the last
/// click is not older than the last move; with no click yet, both count
/// from the harness's start, so the clock first moves on.)
fn hover_for_a_second(harness: &mut Harness<'_, PresenterApp>, label: &str) {
    // The harness draws the audience window inside the console's, where
    // it can cover the console's buttons: out of the way.
    harness.state().sender().send(ShellCommand::AudienceClosed);
    harness.run_steps(60);
    harness.get_by_label(label).hover();
    harness.run_steps(60);
}

/// How many times the worker answered, from the command log.
fn exports_done(harness: &Harness<'_, PresenterApp>) -> usize {
    harness
        .state()
        .command_log()
        .unwrap()
        .entries
        .iter()
        .filter(|e| {
            matches!(
                e.command,
                AppCommand::Shell(
                    ShellCommand::ExportDone { .. } | ShellCommand::ExportFailed { .. }
                )
            )
        })
        .count()
}

#[test]
fn print_guide_saves_the_pdf_beside_the_deck_and_says_where() {
    let (dir, deck_path) = deck_copy("console-guide");
    let guide = dir.join("module5-guide.pdf");
    let mut harness = app_on(&deck_path);

    harness.get_by_label("Deck…").click_accesskit();
    harness.run_steps(2);
    let button = harness.get_by_label("Print guide…");
    assert!(
        !button.accesskit_node().is_disabled(),
        "Print guide… is off"
    );
    assert!(
        !harness
            .get_by_label("Export handout…")
            .accesskit_node()
            .is_disabled()
    );
    button.click();
    // The press, then the dialog's answer ("none here"): the worker has
    // started, and the console says so until it answers.
    harness.run_steps(2);
    assert_eq!(harness.state().exporting(), Some(ExportKind::Guide));
    harness.get_by_label("Saving the presenter's guide…");

    assert!(
        run_until(&mut harness, |app| app.exporting().is_none()),
        "the export never finished"
    );
    assert_eq!(pdf_pages(&guide), 15, "Module 5's guide has 15 pages");
    let said = format!("Presenter's guide saved: {} (15 pages)", guide.display());
    harness.get_by_label_contains(&said);
    assert!(
        harness
            .state()
            .notices()
            .list()
            .iter()
            .any(|n| n.text == said && n.severity == Severity::Info)
    );
    assert!(
        harness
            .query_by_label("Saving the presenter's guide…")
            .is_none()
    );
    // The deck itself is untouched.
    assert_eq!(
        std::fs::read_to_string(&deck_path).unwrap(),
        cuecard::MODULE5_RON
    );

    // The handout, the same way: 3 slides to a page by default.
    harness.get_by_label("Deck…").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Export handout…").click();
    assert!(run_until(&mut harness, |app| app
        .notices()
        .list()
        .iter()
        .any(|n| n.text.starts_with("Participants' handout saved:"))));
    let handout = dir.join("module5-handout.pdf");
    let pages = pdf_pages(&handout);
    harness.get_by_label_contains(&format!(
        "Participants' handout saved: {} ({pages} pages)",
        handout.display()
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn while_one_export_runs_the_buttons_are_off_and_a_second_press_starts_none() {
    let (dir, deck_path) = deck_copy("console-busy");
    let mut harness = app_on(&deck_path);
    harness.get_by_label("Deck…").click_accesskit();
    harness.run_steps(2);
    // Two presses before the console takes either (a double click on a
    // slow frame, or the phone remote and the mouse at once).
    let sender = harness.state().sender();
    sender.send(ShellCommand::Export(ExportKind::Guide));
    sender.send(ShellCommand::Export(ExportKind::Guide));
    harness.run_steps(1);
    // A third press, for the handout, arrives with the dialog's answer
    // ("none here"): the worker starts on the guide, and its own answer
    // waits for the next frame, so the export is running now.
    sender.send(ShellCommand::Export(ExportKind::Handout));
    harness.run_steps(1);
    assert_eq!(harness.state().exporting(), Some(ExportKind::Guide));
    let saving = harness.get_by_role_and_label(Role::Button, "Saving the presenter's guide…");
    assert!(
        saving.accesskit_node().is_disabled(),
        "the busy button can be pressed"
    );
    let handout = harness.get_by_label("Export handout…");
    assert!(
        handout.accesskit_node().is_disabled(),
        "a second export can start while one runs"
    );
    // The status bar says so too, with the menu closed.
    harness.get_by_role_and_label(Role::Label, "Saving the presenter's guide…");
    assert!(run_until(&mut harness, |app| app.exporting().is_none()));
    harness.run_steps(3);
    assert_eq!(exports_done(&harness), 1, "more than one export ran");
    assert!(dir.join("module5-guide.pdf").exists());
    assert!(
        !dir.join("module5-handout.pdf").exists(),
        "the press during the export started a handout"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_name_chosen_without_pdf_gets_it_and_a_folder_that_is_not_there_is_a_warning() {
    let (dir, deck_path) = deck_copy("console-chosen");
    let mut harness = app_on(&deck_path);
    // The save dialog's answer, as its thread sends it: the press and the
    // answer arrive in one frame, before the harness's own "no dialog
    // here", which then changes nothing.
    let sender = harness.state().sender();
    sender.send(ShellCommand::Export(ExportKind::Guide));
    sender.send(ShellCommand::ExportTo(dir.join("for the lectern")));
    harness.run_steps(1);
    assert!(run_until(&mut harness, |app| app.exporting().is_none()));
    let written = dir.join("for the lectern.pdf");
    assert_eq!(pdf_pages(&written), 15);
    harness.get_by_label_contains(&format!(
        "Presenter's guide saved: {} (15 pages)",
        written.display()
    ));
    assert!(
        !dir.join("module5-guide.pdf").exists(),
        "the default path was written too"
    );

    // A folder that is gone: nothing is written, and the console says what
    // to do.
    let missing = dir.join("no-such-folder").join("guide.pdf");
    sender.send(ShellCommand::Export(ExportKind::Guide));
    sender.send(ShellCommand::ExportTo(missing.clone()));
    harness.run_steps(1);
    assert!(run_until(&mut harness, |app| app.exporting().is_none()));
    let warning = harness
        .state()
        .notices()
        .list()
        .iter()
        .find(|n| n.severity == Severity::Warning)
        .map(|n| n.text.clone())
        .expect("a warning");
    assert!(
        warning.starts_with("Presenter's guide was not saved:")
            && warning.contains("no-such-folder")
            && warning.contains("writable"),
        "{warning}"
    );
    harness.get_by_label_contains("Presenter's guide was not saved:");
    assert!(!missing.exists());
    assert!(!dir.join("module5-guide.pdf").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn without_a_deck_file_the_buttons_are_off_and_say_why() {
    // No deck: the buttons are on the "no deck" screen, off.
    let (clock, _) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let broken = deck::parse(
        b"(title: \"x\", slides: [(id: \"a\", titel: \"A\")])",
        Path::new("decks/x.ron"),
        None,
    );
    let app = PresenterApp::new(broken, clock).with_save_dialog(SaveDialog::Unavailable);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| app);
    harness.run_steps(2);
    harness.get_by_label_contains("No deck is open");
    for label in ["Print guide…", "Export handout…"] {
        assert!(
            harness.get_by_label(label).accesskit_node().is_disabled(),
            "{label} is on without a deck"
        );
    }
    hover_for_a_second(&mut harness, "Print guide…");
    harness.get_by_label_contains("No deck is open: open a deck file first");
    harness.get_by_label("Print guide…").click();
    harness.run_steps(3);
    assert_eq!(harness.state().exporting(), None);

    // The built-in deck has no folder: off, and the hover says why.
    let (clock, _) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let built_in = cuecard::app::load(&DeckSource::BuiltIn);
    let app = PresenterApp::new(built_in, clock)
        .with_source(DeckSource::BuiltIn)
        .with_save_dialog(SaveDialog::Unavailable);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| app);
    harness.run_steps(2);
    harness.get_by_label("Deck…").click_accesskit();
    harness.run_steps(2);
    let print = harness.get_by_label("Print guide…");
    assert!(
        print.accesskit_node().is_disabled(),
        "on for the built-in deck"
    );
    print.hover();
    harness.run_steps(60);
    harness.get_by_label_contains("The built-in deck is not a file on this computer");
    // A command from elsewhere says the same, and writes nothing.
    harness
        .state()
        .sender()
        .send(ShellCommand::Export(ExportKind::Guide));
    harness.run_steps(3);
    assert_eq!(harness.state().exporting(), None);
    harness.get_by_label_contains("The built-in deck is not a file on this computer");
}

#[test]
fn a_guide_with_a_missing_pdf_is_saved_and_the_notice_says_what_is_missing() {
    // The PDF demo deck without its PDF beside it.
    let dir = temp_dir("console-guide-no-pdf");
    let deck_path = dir.join("pdf-demo.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/pdf-demo.ron"),
        &deck_path,
    )
    .unwrap();
    let mut harness = app_on(&deck_path);
    harness.get_by_label("Deck…").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Print guide…").click();
    // The press, then the dialog's answer: the worker has started.
    harness.run_steps(2);
    assert_eq!(harness.state().exporting(), Some(ExportKind::Guide));
    assert!(
        run_until(&mut harness, |app| app.exporting().is_none()),
        "the export never finished"
    );
    let guide = dir.join("pdf-demo-guide.pdf");
    let notices = harness.state().notices().list();
    assert!(
        guide.is_file(),
        "{:?}",
        notices.iter().map(|n| &n.text).collect::<Vec<_>>()
    );
    assert_eq!(pdf_pages(&guide), 7, "the cover and six slides");
    let notice = notices
        .iter()
        .find(|n| n.text.starts_with("Presenter's guide saved:"))
        .expect("no notice for the saved guide");
    assert_eq!(notice.severity, Severity::Warning, "{}", notice.text);
    assert!(
        notice
            .text
            .contains("with a problem: a page prints as a placeholder: pdf-demo.pdf is not there"),
        "{}",
        notice.text
    );
}
