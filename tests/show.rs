//! The presentation model, driven by commands with time passed in: no
//! window, no sleeping.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;
use std::time::{Duration, Instant};

use cuecard::deck::{self, Deck};
use cuecard::show::{Command, Presentation, Screen, TimerState};

fn module5() -> Deck {
    deck::parse(
        cuecard::MODULE5_RON.as_bytes(),
        Path::new("module5.ron"),
        None,
    )
    .unwrap()
    .deck
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[test]
fn next_previous_first_last_and_go_to() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    assert_eq!((p.current(), p.slide_count()), (0, 10));
    assert!(
        !p.apply(Command::Previous, t0),
        "nothing before the first slide"
    );
    assert!(p.apply(Command::Next, t0));
    assert_eq!(p.current(), 1);
    assert!(p.apply(Command::Last, t0));
    assert_eq!(p.current(), 9);
    assert!(!p.apply(Command::Next, t0), "nothing after the last slide");
    assert!(!p.apply(Command::Last, t0), "already there");
    assert!(p.apply(Command::First, t0));
    assert_eq!(p.current(), 0);
    assert!(p.apply(Command::GoTo(7), t0));
    assert_eq!(p.current(), 7);
    assert!(!p.apply(Command::GoTo(10), t0), "out of range is refused");
    assert_eq!(p.current(), 7);
    assert!(p.apply(Command::Previous, t0));
    assert_eq!(p.current(), 6);
}

#[test]
fn back_returns_to_where_the_presenter_was_before_a_jump() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    p.apply(Command::GoTo(4), t0);
    p.apply(Command::GoTo(8), t0);
    assert!(p.apply(Command::Back, t0));
    assert_eq!(p.current(), 4);
    assert!(p.apply(Command::Back, t0), "back again toggles");
    assert_eq!(p.current(), 8);
}

#[test]
fn blackout_and_whiteout_toggle_and_escape_leaves_them() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    assert!(p.apply(Command::ToggleBlackout, t0));
    assert_eq!(p.screen(), Screen::Black);
    assert!(p.apply(Command::ToggleWhiteout, t0), "white replaces black");
    assert_eq!(p.screen(), Screen::White);
    assert!(p.apply(Command::ToggleWhiteout, t0));
    assert_eq!(p.screen(), Screen::Slide);
    p.apply(Command::ToggleBlackout, t0);
    assert!(p.apply(Command::Escape, t0));
    assert_eq!(p.screen(), Screen::Slide);
    assert!(!p.apply(Command::Escape, t0), "nothing to leave");
    // Navigating while black keeps the audience black.
    p.apply(Command::ToggleBlackout, t0);
    p.apply(Command::Next, t0);
    assert_eq!((p.current(), p.screen()), (1, Screen::Black));
}

#[test]
fn window_commands_do_not_touch_the_model() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    let before = p.clone();
    for command in [
        Command::ToggleFullscreen,
        Command::EnterFullscreen,
        Command::ToggleHelp,
        Command::ShowAudience,
        Command::Quit,
    ] {
        assert!(!p.apply(command, t0), "{command:?}");
    }
    assert_eq!(p, before);
}

#[test]
fn timer_starts_on_the_first_move_away_from_slide_one() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    assert_eq!(p.timer.state(), TimerState::NotStarted);
    p.apply(Command::Next, t0 + secs(30));
    assert_eq!(p.timer.elapsed(t0 + secs(90)), secs(60));
}

#[test]
fn timer_starts_on_t_and_a_paused_timer_stays_paused_through_navigation() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    p.apply(Command::ToggleTimer, t0);
    assert!(p.timer.is_running());
    p.apply(Command::ToggleTimer, t0 + secs(100));
    for (i, command) in [
        Command::Next,
        Command::Last,
        Command::First,
        Command::GoTo(5),
        Command::Back,
    ]
    .into_iter()
    .enumerate()
    {
        p.apply(command, t0 + secs(200 + i as u64));
        assert!(!p.timer.is_running(), "{command:?} resumed the timer");
    }
    assert_eq!(p.timer.elapsed(t0 + secs(1000)), secs(100));
    p.apply(Command::ToggleTimer, t0 + secs(1000));
    assert_eq!(p.timer.elapsed(t0 + secs(1010)), secs(110));
}

#[test]
fn an_accidental_timer_reset_can_be_undone() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    p.apply(Command::Next, t0);
    assert!(p.apply(Command::ResetTimer, t0 + secs(1200)));
    assert_eq!(p.timer.elapsed(t0 + secs(1201)), Duration::ZERO);
    assert!(p.apply(Command::UndoResetTimer, t0 + secs(1210)));
    assert_eq!(p.timer.elapsed(t0 + secs(1210)), secs(1210));
}

#[test]
fn hidden_slides_are_skipped_by_next_and_previous_but_reachable_by_go_to() {
    let t0 = Instant::now();
    let mut deck = module5();
    deck.slides[1].hidden = true;
    deck.slides[2].hidden = true;
    let mut p = Presentation::new(&deck);
    p.apply(Command::Next, t0);
    assert_eq!(p.current(), 3);
    p.apply(Command::Previous, t0);
    assert_eq!(p.current(), 0);
    assert!(p.apply(Command::GoTo(2), t0));
    assert_eq!(p.current(), 2);
}
