//! The session record, resume, the report and rehearsed timings, on a fake
//! clock and real files.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::missing_panics_doc,
    clippy::case_sensitive_file_extension_comparisons
)]

#[path = "../common/mod.rs"]
mod common;
mod kill;
mod rehearse;
mod report;

use common::temp_dir;

use std::path::Path;
use std::time::{Duration, Instant};

use cuecard::deck::{self, LoadedDeck};
use cuecard::session::{
    Recorder, Report, SessionFile, deck_key, decline, find_resumable, list, sessions_dir,
};
use cuecard::show::{Command, Presentation, TimerState};

/// `s` seconds.
pub fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// The built-in Module 5 deck, as the app loads it.
pub fn module5_loaded() -> LoadedDeck {
    deck::parse(
        cuecard::MODULE5_RON.as_bytes(),
        Path::new(cuecard::MODULE5_NAME),
        None,
    )
    .unwrap()
}

/// Applies `command` at `at` and lets the recorder see it, as the app does.
#[allow(clippy::needless_pass_by_value)] // call sites read better with the command by value
pub fn step(
    rec: &mut Recorder,
    p: &mut Presentation,
    deck: &LoadedDeck,
    command: &Command,
    at: Instant,
) {
    p.apply(command, at);
    rec.observe(p, deck, at);
}

/// `cuecard ARGS` with its data folder (`XDG_DATA_HOME`) at `data`: the
/// exit code, stdout and stderr.
pub fn cuecard_in(data: &Path, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cuecard"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Lets time pass with the app observing once a second, as it repaints.
pub fn pass(rec: &mut Recorder, p: &Presentation, deck: &LoadedDeck, from: Instant, seconds: u64) {
    for s in 1..=seconds {
        rec.observe(p, deck, from + secs(s));
    }
}

#[test]
fn a_talk_is_recorded_and_reported_per_slide_against_the_plan() {
    let dir = sessions_dir(&temp_dir("session-talk"));
    let deck = module5_loaded();
    let t0 = Instant::now();
    let mut p = Presentation::new(&deck.deck);
    let mut rec = Recorder::start(&dir, &deck, &p, t0).unwrap();
    // Title slide: 2 minutes of talk (T starts the timer).
    step(&mut rec, &mut p, &deck, &Command::ToggleTimer, t0);
    pass(&mut rec, &p, &deck, t0, 120);
    // Slide 2: 45 s, with a 30 s blackout in it.
    let t1 = t0 + secs(120);
    step(&mut rec, &mut p, &deck, &Command::Next, t1);
    step(
        &mut rec,
        &mut p,
        &deck,
        &Command::ToggleBlackout,
        t1 + secs(10),
    );
    step(
        &mut rec,
        &mut p,
        &deck,
        &Command::ToggleBlackout,
        t1 + secs(40),
    );
    pass(&mut rec, &p, &deck, t1, 45);
    // Slide 5 has prompts: a discussion of its first prompt runs 4 minutes
    // (planned 3), the prompt is ticked, a question is parked.
    let t2 = t1 + secs(45);
    step(&mut rec, &mut p, &deck, &Command::GoTo(4), t2);
    step(&mut rec, &mut p, &deck, &Command::ToggleDiscussion, t2);
    rec.park(
        "Who funds the shelter beds in Doña Ana County?",
        &p,
        &deck,
        t2 + secs(30),
    )
    .unwrap();
    let prompt = p.discussion().unwrap().prompt.unwrap();
    step(
        &mut rec,
        &mut p,
        &deck,
        &Command::ToggleCovered(prompt),
        t2 + secs(200),
    );
    step(
        &mut rec,
        &mut p,
        &deck,
        &Command::StopDiscussion,
        t2 + secs(240),
    );
    // A 10-minute break is not talk time.
    let t3 = t2 + secs(300);
    step(
        &mut rec,
        &mut p,
        &deck,
        &Command::StartBreak { minutes: 10 },
        t3,
    );
    pass(&mut rec, &p, &deck, t3, 600);
    step(&mut rec, &mut p, &deck, &Command::EndBreak, t3 + secs(600));
    assert!(
        rec.park("   ", &p, &deck, t3 + secs(600)).is_none(),
        "blank is not parked"
    );
    let t4 = t3 + secs(660);
    rec.audience_closed(&p, t4);
    rec.park("Send the MOU template", &p, &deck, t4).unwrap();
    assert_eq!(rec.parked().len(), 2);
    let path = rec.path().unwrap().to_path_buf();
    rec.finish(&p, t4).unwrap();

    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("module5-") && name.ends_with(".jsonl"),
        "{name}"
    );
    let file = SessionFile::load(&path).unwrap();
    assert_eq!(file.skipped_lines, 0);
    let report = Report::from_lines(&file.lines, None, 0);
    let time = |i: usize| report.slides[i].talk_secs;
    assert!((time(0) - 120.0).abs() < 0.01, "title slide {}", time(0));
    assert!((time(1) - 45.0).abs() < 0.01, "slide 2 {}", time(1));
    // 300 s before the break and 60 s after it; the break is not counted.
    assert!((time(4) - 360.0).abs() < 0.01, "slide 5 {}", time(4));
    assert_eq!(time(2), 0.0, "slide 3 was skipped by the go-to");
    let total: f64 = report.slides.iter().map(|s| s.talk_secs).sum();
    assert!(
        (total - report.talk_secs).abs() < 0.01,
        "{total} vs {}",
        report.talk_secs
    );
    assert_eq!(report.slides[0].planned_minutes, Some(3.0));
    assert_eq!(report.discussions.len(), 1);
    let d = &report.discussions[0];
    assert_eq!((d.planned_secs, d.actual_secs), (180.0, 240.0));
    assert!(d.question.as_deref().unwrap().contains("nonprofits"));
    assert_eq!(report.prompts_covered.len(), 1);
    assert_eq!(report.breaks.len(), 1);
    assert!((report.breaks[0].actual_secs - 600.0).abs() < 0.01);
    assert_eq!(report.blackouts.0, 1);
    assert!((report.blackouts.1 - 30.0).abs() < 0.01);
    assert_eq!(report.audience_closed, 1);
    assert!(report.ended_cleanly);
    assert_eq!(report.parked.len(), 2);
    assert_eq!(
        (report.parked[0].slide, report.parked[0].talk_secs),
        (4, 195.0)
    );
    let text = report.to_text();
    for needle in [
        "Who funds the shelter beds in Doña Ana County?",
        "Send the MOU template",
        "2:00",
        "-1:00",
        "Prompts covered: 1 of",
        "4:00 against 3:00",
        ", ended ",
    ] {
        assert!(text.contains(needle), "{needle} missing from\n{text}");
    }
    // Nothing about participants: only what the presenter typed and the deck.
    let raw = std::fs::read_to_string(&path).unwrap();
    assert!(!raw.contains("participant"));
    // A clean quit is never offered for resuming.
    assert_eq!(find_resumable(&dir, &deck_key(&deck)).unwrap(), None);
}

#[test]
fn after_a_crash_the_same_deck_is_offered_a_resume_that_restores_slide_and_timer() {
    let dir = sessions_dir(&temp_dir("session-resume"));
    let deck = module5_loaded();
    let t0 = Instant::now();
    let mut p = Presentation::new(&deck.deck);
    let mut rec = Recorder::start(&dir, &deck, &p, t0).unwrap();
    step(&mut rec, &mut p, &deck, &Command::Next, t0);
    pass(&mut rec, &p, &deck, t0, 60);
    step(&mut rec, &mut p, &deck, &Command::GoTo(5), t0 + secs(60));
    rec.park("First question", &p, &deck, t0 + secs(70))
        .unwrap();
    pass(&mut rec, &p, &deck, t0 + secs(60), 34);
    // Slide 6 has prompts; the first is ticked covered.
    let first_prompt = deck.deck.slides[5]
        .notes
        .iter()
        .position(|n| matches!(n, deck::Note::Prompt { .. }))
        .unwrap();
    step(
        &mut rec,
        &mut p,
        &deck,
        &Command::ToggleCovered(first_prompt),
        t0 + secs(94),
    );
    // The crash: the recorder is never finished.
    drop(rec);

    let offer = find_resumable(&dir, &deck_key(&deck)).unwrap().unwrap();
    assert_eq!(offer.slide, 5);
    assert!((offer.talk_secs - 94.0).abs() < 0.01, "{}", offer.talk_secs);
    assert!(offer.timer_was_running);
    assert_eq!(
        offer.message(),
        "Resume at slide 6, talk timer 1:34 (paused)"
    );
    // Another deck is not offered this session.
    assert_eq!(find_resumable(&dir, "/elsewhere/other.ron").unwrap(), None);

    // The restart: a new process, a new clock.
    let r0 = Instant::now() + secs(5000);
    let mut p = Presentation::new(&deck.deck);
    let mut rec = Recorder::resume(&offer, &deck, &mut p, r0).unwrap();
    assert_eq!(p.current(), 5);
    assert_eq!(p.timer.state(), TimerState::Paused { elapsed: secs(94) });
    assert_eq!(rec.parked().len(), 1, "questions parked before the crash");
    assert!(p.is_covered(5, first_prompt), "ticks are back");
    assert_eq!(p.prompts_covered(5).0, 1);
    let script = deck.deck.slides[5]
        .notes
        .iter()
        .position(|n| matches!(n, deck::Note::Script(_)))
        .unwrap();
    assert!(
        !p.set_covered(5, script, true),
        "only prompts can be ticked"
    );
    step(&mut rec, &mut p, &deck, &Command::ToggleTimer, r0 + secs(3));
    pass(&mut rec, &p, &deck, r0 + secs(3), 20);
    rec.park("Second question", &p, &deck, r0 + secs(23))
        .unwrap();
    step(&mut rec, &mut p, &deck, &Command::Next, r0 + secs(23));
    let report = rec.report(r0 + secs(33));
    assert!(
        (report.slides[5].talk_secs - 54.0).abs() < 0.6,
        "{}",
        report.slides[5].talk_secs
    );
    assert!((report.slides[6].talk_secs - 10.0).abs() < 0.01);
    let path = rec.path().unwrap().to_path_buf();
    rec.finish(&p, r0 + secs(33)).unwrap();
    let file = SessionFile::load(&path).unwrap();
    let report = Report::from_lines(&file.lines, None, file.skipped_lines);
    assert_eq!(report.resumes, 1);
    assert_eq!(report.parked.len(), 2);
    assert!(
        (report.talk_secs - 124.0).abs() < 0.01,
        "{}",
        report.talk_secs
    );
    assert_eq!(list(&dir).unwrap().len(), 1, "one file for the whole talk");
    assert_eq!(find_resumable(&dir, &deck_key(&deck)).unwrap(), None);
}

#[test]
fn starting_fresh_declines_the_offer_for_good_and_an_empty_session_is_never_offered() {
    let dir = sessions_dir(&temp_dir("session-decline"));
    let deck = module5_loaded();
    let t0 = Instant::now();
    let p = Presentation::new(&deck.deck);
    // Opened and closed on the title slide: nothing to resume.
    drop(Recorder::start(&dir, &deck, &p, t0).unwrap());
    assert_eq!(find_resumable(&dir, &deck_key(&deck)).unwrap(), None);
    let mut p = Presentation::new(&deck.deck);
    let mut rec = Recorder::start(&dir, &deck, &p, t0 + secs(1)).unwrap();
    step(&mut rec, &mut p, &deck, &Command::Next, t0 + secs(2));
    drop(rec);
    let offer = find_resumable(&dir, &deck_key(&deck)).unwrap().unwrap();
    decline(&offer).unwrap();
    assert_eq!(find_resumable(&dir, &deck_key(&deck)).unwrap(), None);
}

#[test]
fn a_torn_last_line_is_skipped_and_a_resume_starts_on_a_fresh_line() {
    let dir = sessions_dir(&temp_dir("session-torn"));
    let deck = module5_loaded();
    let t0 = Instant::now();
    let mut p = Presentation::new(&deck.deck);
    let mut rec = Recorder::start(&dir, &deck, &p, t0).unwrap();
    step(&mut rec, &mut p, &deck, &Command::Next, t0);
    step(&mut rec, &mut p, &deck, &Command::Next, t0 + secs(30));
    let path = rec.path().unwrap().to_path_buf();
    drop(rec);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(br#"{"t":31.0,"talk":31.0,"event":"par"#);
    std::fs::write(&path, &bytes).unwrap();
    let file = SessionFile::load(&path).unwrap();
    assert_eq!(file.skipped_lines, 1);
    let offer = find_resumable(&dir, &deck_key(&deck)).unwrap().unwrap();
    assert_eq!(offer.slide, 2);
    let mut p = Presentation::new(&deck.deck);
    let rec = Recorder::resume(&offer, &deck, &mut p, Instant::now()).unwrap();
    let path = rec.path().unwrap().to_path_buf();
    rec.finish(&p, Instant::now()).unwrap();
    let file = SessionFile::load(&path).unwrap();
    assert_eq!(file.skipped_lines, 1, "only the torn line is lost");
    assert!(file.ended());
    // A file that is not a session says so.
    let other = dir.join("notes.jsonl");
    std::fs::write(&other, "{\"hello\": 1}\n").unwrap();
    let error = SessionFile::load(&other).unwrap_err().to_string();
    assert!(
        error.contains("notes.jsonl") && error.contains("not a cuecard session"),
        "{error}"
    );
}

#[test]
fn a_reload_while_presenting_changes_the_plan_and_keeps_the_time_of_a_removed_slide() {
    let dir = sessions_dir(&temp_dir("session-reload"));
    let deck = module5_loaded();
    let t0 = Instant::now();
    let mut p = Presentation::new(&deck.deck);
    let mut rec = Recorder::start(&dir, &deck, &p, t0).unwrap();
    step(&mut rec, &mut p, &deck, &Command::Next, t0);
    pass(&mut rec, &p, &deck, t0, 30);
    // The trainer deletes the disclaimer slide and plans 5 minutes for
    // the title, and saves.
    let mut edited = deck.clone();
    edited.deck.slides.remove(1);
    edited.deck.slides[0].minutes = Some(5.0);
    p.replace_deck(&edited.deck);
    rec.reloaded(&p, &edited, t0 + secs(30));
    assert_eq!(edited.deck.slides[p.current()].id, "learning-objectives");
    pass(&mut rec, &p, &edited, t0 + secs(30), 20);
    let report = rec.report(t0 + secs(50));
    assert_eq!(report.reloads, 1);
    assert_eq!(report.slides.len(), 10, "9 slides and the removed one");
    assert_eq!(report.slides[0].planned_minutes, Some(5.0));
    assert_eq!(report.slides[1].id, "learning-objectives");
    assert!((report.slides[1].talk_secs - 20.0).abs() < 0.01);
    let removed = report.slides.last().unwrap();
    assert_eq!(
        (removed.id.as_str(), removed.planned_minutes),
        ("disclaimer", None)
    );
    assert!((removed.talk_secs - 30.0).abs() < 0.01);
}

#[test]
fn a_sessions_folder_that_cannot_be_made_is_an_error_that_names_it() {
    let data = temp_dir("session-unwritable");
    // A file where the sessions folder should be.
    std::fs::write(data.join("sessions"), "not a folder").unwrap();
    let deck = module5_loaded();
    let p = Presentation::new(&deck.deck);
    let error = Recorder::start(&sessions_dir(&data), &deck, &p, Instant::now())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("sessions") && error.contains("cannot create"),
        "{error}"
    );
}
