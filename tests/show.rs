//! The presentation model, driven by commands with time passed in: no
//! window, no sleeping.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;
use common::module5;

use std::time::{Duration, Instant};

use cuecard::show::pickers::{Gesture, Pickers, ShellState, apply_to_model, resolve};
use cuecard::show::{
    AppCommand, AudienceShows, Command, Presentation, Screen, ShellCommand, TimerState,
};

/// The model with the console's pickers, driven by key gestures as the app
/// drives them, without a window.
struct Desk {
    p: Presentation,
    pickers: Pickers,
}

impl Desk {
    fn new() -> Self {
        Self {
            p: Presentation::new(&module5()),
            pickers: Pickers::default(),
        }
    }

    /// Presses a key gesture: resolved, then applied.
    fn press(&mut self, gesture: Gesture, now: Instant) -> bool {
        match resolve(gesture, &self.pickers, &self.p, ShellState::default()) {
            Some(command) => self.send(command, now),
            None => false,
        }
    }

    fn send(&mut self, command: impl Into<AppCommand>, now: Instant) -> bool {
        apply_to_model(&mut self.pickers, &mut self.p, &command.into(), now).unwrap_or(false)
    }

    fn goto_text(&self) -> Option<&str> {
        self.pickers.goto().map(|g| g.typed.as_str())
    }

    fn overview(&self) -> Option<usize> {
        self.pickers.overview()
    }
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
        !p.apply(&Command::Previous, t0),
        "nothing before the first slide"
    );
    assert!(p.apply(&Command::Next, t0));
    assert_eq!(p.current(), 1);
    assert!(p.apply(&Command::Last, t0));
    assert_eq!(p.current(), 9);
    // Next on the last slide: the end screen (black), as PowerPoint does;
    // a second Next does nothing, Previous brings the last slide back.
    assert!(p.apply(&Command::Next, t0), "the end screen");
    assert!(p.at_end());
    assert_eq!(p.audience(), AudienceShows::Black);
    assert_eq!(p.current(), 9);
    assert!(!p.apply(&Command::Next, t0), "nothing after the end screen");
    assert!(p.apply(&Command::Previous, t0));
    assert_eq!((p.current(), p.audience()), (9, AudienceShows::Slide(9)));
    assert!(!p.at_end());
    // Esc leaves it too, and a jump from it shows the slide jumped to.
    assert!(p.apply(&Command::Next, t0));
    assert!(p.apply(&Command::ShowSlide, t0));
    assert_eq!(p.audience(), AudienceShows::Slide(9));
    assert!(p.apply(&Command::Next, t0));
    assert!(p.apply(&Command::GoTo(2), t0));
    assert_eq!(p.audience(), AudienceShows::Slide(2));
    assert!(p.apply(&Command::Last, t0));
    assert!(!p.apply(&Command::Last, t0), "already there");
    assert!(p.apply(&Command::First, t0));
    assert_eq!(p.current(), 0);
    assert!(p.apply(&Command::GoTo(7), t0));
    assert_eq!(p.current(), 7);
    assert!(!p.apply(&Command::GoTo(10), t0), "out of range is refused");
    assert_eq!(p.current(), 7);
    assert!(p.apply(&Command::Previous, t0));
    assert_eq!(p.current(), 6);
}

#[test]
fn back_returns_to_where_the_presenter_was_before_a_jump() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    p.apply(&Command::GoTo(4), t0);
    p.apply(&Command::GoTo(8), t0);
    assert!(p.apply(&Command::Back, t0));
    assert_eq!(p.current(), 4);
    assert!(p.apply(&Command::Back, t0), "back again toggles");
    assert_eq!(p.current(), 8);
}

#[test]
fn blackout_and_whiteout_toggle_and_escape_leaves_them() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    assert!(p.apply(&Command::ToggleBlackout, t0));
    assert_eq!(p.screen(), Screen::Black);
    assert!(
        p.apply(&Command::ToggleWhiteout, t0),
        "white replaces black"
    );
    assert_eq!(p.screen(), Screen::White);
    assert!(p.apply(&Command::ToggleWhiteout, t0));
    assert_eq!(p.screen(), Screen::Slide);
    p.apply(&Command::ToggleBlackout, t0);
    assert!(p.apply(&Command::ShowSlide, t0));
    assert_eq!(p.screen(), Screen::Slide);
    assert!(!p.apply(&Command::ShowSlide, t0), "nothing to leave");
    // Esc means "show the slide" while black.
    let mut desk = Desk::new();
    desk.send(Command::ToggleWhiteout, t0);
    assert!(desk.press(Gesture::Escape, t0));
    assert_eq!(desk.p.screen(), Screen::Slide);
    assert!(!desk.press(Gesture::Escape, t0), "nothing to leave");
    // Navigating while black keeps the audience black.
    p.apply(&Command::ToggleBlackout, t0);
    p.apply(&Command::Next, t0);
    assert_eq!((p.current(), p.screen()), (1, Screen::Black));
}

#[test]
fn shell_commands_do_not_touch_the_model() {
    let t0 = Instant::now();
    let mut desk = Desk::new();
    let before = desk.p.clone();
    for command in [
        ShellCommand::ToggleFullscreen,
        ShellCommand::EnterFullscreen,
        ShellCommand::ToggleHelp,
        ShellCommand::ShowAudience,
        ShellCommand::Quit,
    ] {
        let applied = apply_to_model(&mut desk.pickers, &mut desk.p, &command.clone().into(), t0);
        assert_eq!(applied, None, "{command:?} is the shell's");
    }
    assert_eq!(desk.p, before);
}

#[test]
fn timer_starts_on_the_first_move_away_from_slide_one() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    assert_eq!(p.timer.state(), TimerState::NotStarted);
    p.apply(&Command::Next, t0 + secs(30));
    assert_eq!(p.timer.elapsed(t0 + secs(90)), secs(60));
}

#[test]
fn timer_starts_on_t_and_a_paused_timer_stays_paused_through_navigation() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    p.apply(&Command::ToggleTimer, t0);
    assert!(p.timer.is_running());
    p.apply(&Command::ToggleTimer, t0 + secs(100));
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
        p.apply(&command, t0 + secs(200 + i as u64));
        assert!(!p.timer.is_running(), "{command:?} resumed the timer");
    }
    assert_eq!(p.timer.elapsed(t0 + secs(1000)), secs(100));
    p.apply(&Command::ToggleTimer, t0 + secs(1000));
    assert_eq!(p.timer.elapsed(t0 + secs(1010)), secs(110));
}

#[test]
fn an_accidental_timer_reset_can_be_undone() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    p.apply(&Command::Next, t0);
    assert!(p.apply(&Command::ResetTimer, t0 + secs(1200)));
    assert_eq!(p.timer.elapsed(t0 + secs(1201)), Duration::ZERO);
    assert!(p.apply(&Command::UndoResetTimer, t0 + secs(1210)));
    assert_eq!(p.timer.elapsed(t0 + secs(1210)), secs(1210));
}

#[test]
fn hidden_slides_are_skipped_by_next_and_previous_but_reachable_by_go_to() {
    let t0 = Instant::now();
    let mut deck = module5();
    deck.slides[1].hidden = true;
    deck.slides[2].hidden = true;
    let mut p = Presentation::new(&deck);
    p.apply(&Command::Next, t0);
    assert_eq!(p.current(), 3);
    p.apply(&Command::Previous, t0);
    assert_eq!(p.current(), 0);
    assert!(p.apply(&Command::GoTo(2), t0));
    assert_eq!(p.current(), 2);
}

#[test]
fn go_to_by_typing_a_number_then_enter() {
    let t0 = Instant::now();
    let mut d = Desk::new();
    d.press(Gesture::Digit(7), t0);
    assert_eq!(d.goto_text(), Some("7"));
    assert_eq!(d.p.current(), 0, "typing does not move yet");
    d.press(Gesture::Enter, t0);
    assert_eq!((d.p.current(), d.goto_text()), (6, None));
    // Two digits; Backspace deletes while typing.
    for digit in [1, 5] {
        d.press(Gesture::Digit(digit), t0);
    }
    d.press(Gesture::Erase, t0);
    assert_eq!(d.goto_text(), Some("1"));
    assert_eq!(
        d.p.current(),
        6,
        "Backspace edits the number, not the slide"
    );
    d.press(Gesture::Digit(0), t0);
    d.press(Gesture::Enter, t0);
    assert_eq!(d.p.current(), 9);
    // A number out of range goes nowhere and says so; Esc cancels; G opens
    // an empty prompt.
    d.press(Gesture::Digit(4), t0);
    d.press(Gesture::Digit(2), t0);
    d.press(Gesture::Enter, t0);
    assert_eq!(d.p.current(), 9);
    assert_eq!(
        d.pickers.goto().and_then(|g| g.problem.as_deref()),
        Some("There is no slide 42")
    );
    d.press(Gesture::Escape, t0);
    d.press(Gesture::GoTo, t0);
    assert_eq!(d.goto_text(), Some(""));
    d.press(Gesture::Digit(3), t0);
    d.press(Gesture::Escape, t0);
    assert_eq!((d.p.current(), d.goto_text()), (9, None));
    // Enter with nothing typed is "next".
    d.send(Command::GoTo(0), t0);
    d.press(Gesture::Enter, t0);
    assert_eq!(d.p.current(), 1);
}

#[test]
fn a_remote_previous_never_edits_the_go_to_number() {
    let t0 = Instant::now();
    let mut d = Desk::new();
    d.send(Command::GoTo(5), t0);
    d.press(Gesture::Digit(1), t0);
    d.press(Gesture::Digit(2), t0);
    // A phone's "previous" is an intent, not a Backspace.
    assert!(d.send(Command::Previous, t0));
    assert_eq!(d.p.current(), 4, "previous moved the slide");
    assert_eq!(d.goto_text(), None, "and closed the prompt");
}

#[test]
fn overview_moves_a_selection_and_jumps_on_enter_and_back_returns() {
    let t0 = Instant::now();
    let mut d = Desk::new();
    d.send(Command::GoTo(2), t0);
    d.send(ShellCommand::ToggleOverview, t0);
    assert_eq!(d.overview(), Some(2));
    d.press(Gesture::Forward, t0);
    d.press(Gesture::Forward, t0);
    d.press(Gesture::Backward, t0);
    assert_eq!(
        (d.p.current(), d.overview()),
        (2, Some(3)),
        "arrows move the selection only"
    );
    d.press(Gesture::End, t0);
    assert_eq!(d.overview(), Some(9));
    d.press(Gesture::Enter, t0);
    assert_eq!((d.p.current(), d.overview()), (9, None));
    d.send(Command::Back, t0);
    assert_eq!(d.p.current(), 2, "back returns to where the presenter was");
    d.send(ShellCommand::ToggleOverview, t0);
    d.press(Gesture::Escape, t0);
    assert_eq!(
        (d.p.current(), d.overview()),
        (2, None),
        "Esc closes without moving"
    );
}

#[test]
fn a_paused_timer_stays_paused_through_overview_and_reload() {
    let t0 = Instant::now();
    let deck = module5();
    let mut p = Presentation::new(&deck);
    p.apply(&Command::Next, t0);
    p.apply(&Command::ToggleTimer, t0 + secs(300));
    let mut d = Desk {
        p,
        pickers: Pickers::default(),
    };
    d.send(ShellCommand::ToggleOverview, t0 + secs(400));
    d.press(Gesture::Forward, t0 + secs(401));
    d.press(Gesture::Enter, t0 + secs(402));
    d.p.replace_deck(&deck);
    d.send(Command::Next, t0 + secs(500));
    assert!(!d.p.timer.is_running());
    assert_eq!(d.p.timer.elapsed(t0 + secs(900)), secs(300));
}

#[test]
fn reload_keeps_the_slide_by_id_and_the_ticks() {
    let t0 = Instant::now();
    let deck = module5();
    let mut p = Presentation::new(&deck);
    p.apply(&Command::GoTo(4), t0);
    p.apply(&Command::ToggleCovered(1), t0);
    p.apply(&Command::ToggleIdeas(6), t0);
    assert!(p.is_covered(4, 1) && p.ideas_open(4, 6));
    // A slide inserted before: the same slide is now number 6.
    let mut edited = deck.clone();
    let mut extra = edited.slides[0].clone();
    extra.id = "new-intro".to_owned();
    edited.slides.insert(1, extra);
    p.replace_deck(&edited);
    assert_eq!(p.current(), 5);
    assert!(p.is_covered(5, 1) && p.ideas_open(5, 6));
    // The slide removed: stay at the same number.
    let mut cut = edited.clone();
    cut.slides.remove(5);
    p.replace_deck(&cut);
    assert_eq!(p.current(), 5);
}

#[test]
fn prompts_are_ticked_and_counted_and_only_prompts_can_be() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    p.apply(&Command::GoTo(4), t0);
    assert_eq!(p.prompts_covered(4), (0, 4));
    assert!(
        !p.apply(&Command::ToggleCovered(0), t0),
        "note 0 is script, not a prompt"
    );
    assert!(p.apply(&Command::ToggleCovered(1), t0));
    assert_eq!(p.prompts_covered(4), (1, 4));
    p.apply(&Command::ToggleCovered(1), t0);
    assert_eq!(p.prompts_covered(4), (0, 4));
}

#[test]
fn discussion_count_down_reaches_zero() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    p.apply(&Command::GoTo(4), t0);
    // D starts the first prompt's count-down: it suggests no length, so 3 min.
    p.apply(&Command::ToggleDiscussion, t0);
    let d = *p.discussion().unwrap();
    assert_eq!((d.length, d.prompt), (secs(180), Some(1)));
    assert_eq!(d.remaining(t0 + secs(179)), secs(1));
    assert!(!d.is_over(t0 + secs(179)));
    assert!(d.is_over(t0 + secs(180)));
    assert_eq!(d.remaining(t0 + secs(999)), Duration::ZERO);
    // Shown to the room only when the presenter asks.
    assert!(!p.discussion_on_audience());
    p.apply(&Command::ToggleDiscussionOnAudience, t0);
    assert!(p.discussion_on_audience());
    p.apply(&Command::ToggleDiscussion, t0);
    assert!(p.discussion().is_none() && !p.discussion_on_audience());
    // Ticked prompts are skipped; a prompt's own length is used.
    for n in [1, 4] {
        p.apply(&Command::ToggleCovered(n), t0);
    }
    p.apply(&Command::ToggleDiscussion, t0);
    assert_eq!(p.discussion().unwrap().prompt, Some(6));
    assert_eq!(p.discussion().unwrap().length, secs(180));
    // Any length on the spot.
    p.apply(
        &Command::StartDiscussion {
            seconds: 90,
            prompt: None,
        },
        t0,
    );
    assert_eq!(p.discussion().unwrap().length, secs(90));
}

#[test]
fn a_break_shows_the_holding_screen_until_any_navigation_key() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    p.apply(&Command::GoTo(3), t0);
    p.apply(&Command::StartBreak { minutes: 10 }, t0);
    assert_eq!(
        p.audience(),
        AudienceShows::Break {
            ends: t0 + secs(600)
        }
    );
    assert!(p.apply(&Command::Next, t0 + secs(30)));
    assert_eq!(
        p.audience(),
        AudienceShows::Slide(3),
        "the key ends the break, it does not move on"
    );
    let mut desk = Desk::new();
    desk.send(Command::GoTo(3), t0);
    desk.send(Command::StartBreak { minutes: 5 }, t0);
    desk.press(Gesture::Escape, t0);
    assert_eq!(
        desk.p.audience(),
        AudienceShows::Slide(3),
        "Esc ends a break"
    );
}

#[test]
fn freeze_holds_the_audience_while_the_presenter_moves_and_combines_with_blackout() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    p.apply(&Command::GoTo(2), t0);
    p.apply(&Command::ToggleFreeze, t0);
    p.apply(&Command::Next, t0);
    p.apply(&Command::Next, t0);
    assert_eq!((p.current(), p.audience()), (4, AudienceShows::Slide(2)));
    p.apply(&Command::ToggleBlackout, t0);
    assert_eq!(
        p.audience(),
        AudienceShows::Black,
        "blackout wins over freeze"
    );
    p.apply(&Command::ToggleBlackout, t0);
    assert_eq!(
        p.audience(),
        AudienceShows::Slide(2),
        "still frozen after the blackout"
    );
    p.apply(&Command::ToggleFreeze, t0);
    assert_eq!(
        p.audience(),
        AudienceShows::Slide(4),
        "unfreezing shows the console's slide"
    );
}

#[test]
fn a_break_pauses_a_running_talk_timer_and_resumes_it_after() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    p.apply(&Command::Next, t0);
    p.apply(&Command::StartBreak { minutes: 10 }, t0 + secs(600));
    assert!(!p.timer.is_running());
    p.apply(&Command::Next, t0 + secs(1300));
    assert!(p.timer.is_running(), "the timer runs again after the break");
    assert_eq!(
        p.timer.elapsed(t0 + secs(1310)),
        secs(610),
        "the break is not talk time"
    );
    // A timer the presenter paused stays paused after a break.
    p.apply(&Command::ToggleTimer, t0 + secs(1310));
    p.apply(&Command::StartBreak { minutes: 5 }, t0 + secs(1400));
    p.apply(&Command::EndBreak, t0 + secs(1500));
    assert!(!p.timer.is_running());
}

#[test]
fn overview_rows_and_numbers_typed_in_the_overview() {
    let t0 = Instant::now();
    let mut d = Desk::new();
    d.send(ShellCommand::ToggleOverview, t0);
    d.press(Gesture::Down, t0);
    assert_eq!(
        d.overview(),
        Some(cuecard::show::OVERVIEW_COLUMNS),
        "Down moves a whole row"
    );
    d.press(Gesture::Down, t0);
    assert_eq!(
        d.overview(),
        Some(cuecard::show::OVERVIEW_COLUMNS),
        "no row below the last"
    );
    d.press(Gesture::Up, t0);
    assert_eq!(d.overview(), Some(0));
    // Typing a number in the overview, then one Enter, goes there.
    d.press(Gesture::Digit(3), t0);
    d.press(Gesture::Enter, t0);
    assert_eq!(
        (d.p.current(), d.overview(), d.goto_text()),
        (2, None, None)
    );
    // Outside the overview Down and Up are next and previous.
    d.press(Gesture::Down, t0);
    assert_eq!(d.p.current(), 3);
    d.press(Gesture::Up, t0);
    assert_eq!(d.p.current(), 2);
}

#[test]
fn a_number_then_g_goes_and_a_wrong_number_keeps_the_prompt() {
    let t0 = Instant::now();
    let mut d = Desk::new();
    d.press(Gesture::Digit(7), t0);
    d.press(Gesture::GoTo, t0);
    assert_eq!((d.p.current(), d.goto_text()), (6, None));
    d.press(Gesture::Digit(9), t0);
    d.press(Gesture::Digit(9), t0);
    d.press(Gesture::Enter, t0);
    assert_eq!(
        (d.p.current(), d.goto_text()),
        (6, Some("")),
        "no slide 99: try again"
    );
    d.press(Gesture::Escape, t0);
    assert_eq!(d.goto_text(), None);
}

#[test]
fn escape_leaves_one_thing_at_a_time_in_order_and_never_quits() {
    let t0 = Instant::now();
    let mut d = Desk::new();
    d.send(Command::Next, t0);
    d.send(Command::ToggleFreeze, t0);
    d.send(Command::ToggleBlackout, t0);
    d.send(Command::StartBreak { minutes: 5 }, t0);
    d.send(ShellCommand::ToggleOverview, t0);
    d.press(Gesture::GoTo, t0);
    let shell = ShellState {
        confirm_quit: true,
        link_question: false,
        resume_offer: false,
        parking_open: false,
        help_open: true,
        audience_fullscreen: true,
        tool: cuecard::show::Tool::Pen,
        zoomed: true,
    };
    let order = [
        AppCommand::from(ShellCommand::KeepPresenting),
        ShellCommand::ToggleHelp.into(),
        ShellCommand::CloseGoTo.into(),
        ShellCommand::ToggleOverview.into(),
        Command::EndBreak.into(),
        Command::ShowSlide.into(),
        Command::Unfreeze.into(),
        ShellCommand::LeaveZoom.into(),
        ShellCommand::ChooseTool(cuecard::show::Tool::Advance).into(),
        ShellCommand::LeaveFullscreen.into(),
    ];
    let mut shell = shell;
    for expected in order {
        let got = resolve(Gesture::Escape, &d.pickers, &d.p, shell);
        assert_eq!(got.as_ref(), Some(&expected));
        match expected {
            AppCommand::Shell(ShellCommand::KeepPresenting) => shell.confirm_quit = false,
            AppCommand::Shell(ShellCommand::ToggleHelp) => shell.help_open = false,
            AppCommand::Shell(ShellCommand::LeaveFullscreen) => shell.audience_fullscreen = false,
            AppCommand::Shell(ShellCommand::LeaveZoom) => shell.zoomed = false,
            AppCommand::Shell(ShellCommand::ChooseTool(_)) => {
                shell.tool = cuecard::show::Tool::Advance;
            }
            other => {
                d.send(other, t0);
            }
        }
    }
    assert_eq!(resolve(Gesture::Escape, &d.pickers, &d.p, shell), None);
    assert_eq!(d.p.frozen(), None, "Esc left the freeze too");
}

#[test]
fn a_reset_stays_undoable_after_the_next_slide_restarts_the_timer() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    assert!(p.apply(&Command::Next, t0), "the talk starts");
    let t1 = t0 + secs(20 * 60);
    assert!(p.apply(&Command::ResetTimer, t1), "an accidental reset");
    assert_eq!(p.timer.elapsed(t1), Duration::ZERO);
    // The presenter goes on before noticing: the timer starts again at 0.
    assert!(p.apply(&Command::Next, t1 + secs(30)));
    assert_eq!(p.timer.elapsed(t1 + secs(40)), secs(10));
    assert_eq!(
        p.timer.elapsed_before_reset(t1 + secs(40)),
        Some(secs(20 * 60 + 40))
    );
    assert!(p.apply(&Command::UndoResetTimer, t1 + secs(40)));
    assert_eq!(
        p.timer.elapsed(t1 + secs(40)),
        secs(20 * 60 + 40),
        "as if the reset never happened"
    );
    assert!(
        !p.apply(&Command::UndoResetTimer, t1 + secs(41)),
        "only once"
    );
}

#[test]
fn ending_the_talk_blacks_the_room_and_stops_the_clocks_on_any_slide() {
    let t0 = Instant::now();
    let mut p = Presentation::new(&module5());
    // The move away from the title starts the talk timer.
    p.apply(&Command::GoTo(4), t0);
    assert!(p.timer.is_running());
    p.apply(
        &Command::StartDiscussion {
            seconds: 180,
            prompt: None,
        },
        t0,
    );
    p.apply(&Command::ToggleFreeze, t0);
    assert!(p.apply(&Command::EndTalk, t0 + secs(90)));
    assert!(p.at_end(), "the end screen, though slide 5 is not the last");
    assert_eq!(p.audience(), AudienceShows::Black);
    assert_eq!(p.current(), 4);
    assert!(!p.timer.is_running(), "the talk timer stops");
    assert_eq!(p.timer.elapsed(t0 + secs(600)), secs(90));
    assert!(p.discussion().is_none(), "the count-down stops");
    assert!(p.frozen().is_none());
    assert!(
        !p.apply(&Command::EndTalk, t0 + secs(100)),
        "ending an ended talk changes nothing"
    );
    // Previous brings slide 5 back; the timer waits for T.
    assert!(p.apply(&Command::Previous, t0 + secs(120)));
    assert!(!p.at_end());
    assert_eq!(p.audience(), AudienceShows::Slide(4));
    assert!(!p.timer.is_running());

    // During a break, ending the talk ends the break too, and the timer
    // the break paused stays paused.
    p.apply(&Command::ToggleTimer, t0 + secs(130));
    p.apply(&Command::StartBreak { minutes: 10 }, t0 + secs(140));
    assert!(p.apply(&Command::EndTalk, t0 + secs(200)));
    assert!(p.break_ends().is_none());
    assert_eq!(p.audience(), AudienceShows::Black);
    assert!(!p.timer.is_running());
}
