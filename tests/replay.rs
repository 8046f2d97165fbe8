//! Replay: 1,000 random commands recorded through the whole app (key
//! presses and typed text through the harness, intents on the command
//! channel, time passing on a fake clock), written to RON and read back,
//! then replayed into a fresh app at the same offsets. The two apps must
//! end in the same state, and pass through the same states on the way.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveTime;
use cuecard::app::{Clock, CommandLog, ConsoleState, PresenterApp};
use cuecard::deck;
use cuecard::show::monitors::ScreenMode;
use cuecard::show::{AppCommand, Command, Presentation, ShellCommand};
use egui_kittest::Harness;

mod common;

/// How many commands the recorded app must apply.
const COMMANDS: usize = 1_000;

/// A small deterministic random generator (xorshift64*, as in
/// tests/soak.rs), so a failure repeats exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }
}

/// Keys a presenter or a clicker presses. Ctrl+O, Ctrl+R and Ctrl+Q (open,
/// reload, quit) are left out: they need files, a dialog or end the app.
const KEYS: &[egui::Key] = &[
    egui::Key::ArrowRight,
    egui::Key::ArrowLeft,
    egui::Key::ArrowUp,
    egui::Key::ArrowDown,
    egui::Key::PageDown,
    egui::Key::PageUp,
    egui::Key::Space,
    egui::Key::Home,
    egui::Key::End,
    egui::Key::Enter,
    egui::Key::Backspace,
    egui::Key::Escape,
    egui::Key::Tab,
    egui::Key::B,
    egui::Key::W,
    egui::Key::X,
    egui::Key::Z,
    egui::Key::T,
    egui::Key::R,
    egui::Key::I,
    egui::Key::D,
    egui::Key::G,
    egui::Key::O,
    egui::Key::V,
    egui::Key::S,
    egui::Key::A,
    egui::Key::F,
    egui::Key::F5,
    egui::Key::F1,
];

/// A random intent, as another input source (a click, the remote) would
/// send it. Never one that opens a file, a dialog, a link or the player, or
/// quits.
fn random_command(rng: &mut Rng, slides: usize) -> AppCommand {
    use Command as C;
    use ShellCommand as S;
    let slide = rng.index(slides + 2);
    let small = rng.index(6);
    match rng.below(34) {
        0 => C::Next.into(),
        1 => C::Previous.into(),
        2 => C::First.into(),
        3 => C::Last.into(),
        4 => C::GoTo(slide).into(),
        5 => C::Back.into(),
        6 => C::ToggleFreeze.into(),
        7 => C::Unfreeze.into(),
        8 => C::ToggleBlackout.into(),
        9 => C::ToggleWhiteout.into(),
        10 => C::ShowSlide.into(),
        11 => C::ToggleTimer.into(),
        12 => C::ResetTimer.into(),
        13 => C::UndoResetTimer.into(),
        14 => C::StartDiscussion {
            seconds: 30 + rng.below(300) as u32,
            prompt: (rng.below(2) == 0).then_some(small),
        }
        .into(),
        15 => C::StopDiscussion.into(),
        16 => C::ToggleDiscussion.into(),
        17 => C::ToggleDiscussionOnAudience.into(),
        18 => C::StartBreak {
            minutes: 1 + rng.below(15) as u32,
        }
        .into(),
        19 => C::EndBreak.into(),
        20 => C::ToggleIdeas(small).into(),
        21 => C::ToggleAllIdeas.into(),
        22 => C::ToggleCovered(small).into(),
        // An uneven factor, as a pinch or Ctrl+wheel gives.
        23 => S::NotesZoomBy(0.8 + rng.below(1_000) as f32 / 2_345.0).into(),
        24 => S::ScrollNotes(rng.below(400) as f32 / 3.0 - 60.0).into(),
        25 => S::OverviewSelect(slide).into(),
        26 => S::OverviewMove(rng.below(11) as i32 - 5).into(),
        27 => S::GoToDigit(rng.below(10) as u8).into(),
        28 => S::IdentifyScreens.into(),
        29 => S::AudienceOn(small).into(),
        30 => S::SetScreenMode(
            [
                ScreenMode::Present,
                ScreenMode::Rehearse,
                ScreenMode::Mirror,
            ][rng.index(3)],
        )
        .into(),
        31 => [S::ShowAudience, S::AudienceClosed, S::SwapScreens][rng.index(3)]
            .clone()
            .into(),
        32 => [S::KeepPresenting, S::CancelLink, S::ConfirmLink][rng.index(3)]
            .clone()
            .into(),
        _ => [S::ToggleHelp, S::ToggleVenueCheck, S::OpenDeckDialogClosed][rng.index(3)]
            .clone()
            .into(),
    }
}

/// Commands that open files, dialogs, links or the player, or quit: never
/// in the random mix, so never in the log.
fn is_excluded(command: &AppCommand) -> bool {
    matches!(
        command,
        AppCommand::Shell(
            ShellCommand::OpenDeckDialog
                | ShellCommand::OpenDeck(_)
                | ShellCommand::OpenRecent(_)
                | ShellCommand::Reload
                | ShellCommand::Export(_)
                | ShellCommand::ExportTo(_)
                | ShellCommand::OpenLink { .. }
                | ShellCommand::PlayLocal { .. }
                | ShellCommand::Quit
                | ShellCommand::ConfirmQuit
        )
    )
}

/// An app on the built-in Module 5 deck with a fake clock starting at
/// `start`, in a headless harness; the cell moves its time.
fn app_at(start: Instant, record: bool) -> (Harness<'static, PresenterApp>, Arc<Mutex<Duration>>) {
    let loaded = deck::parse(
        cuecard::MODULE5_RON.as_bytes(),
        Path::new("module5.ron"),
        None,
    )
    .unwrap();
    let (clock, time) = Clock::fake_at(start, NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| {
            let app = PresenterApp::new(Ok(loaded), clock);
            if record { app.with_command_log() } else { app }
        });
    (harness, time)
}

/// The state a replay must reproduce.
#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    presentation: Presentation,
    console: ConsoleState,
}

fn snapshot(app: &PresenterApp) -> Snapshot {
    Snapshot {
        presentation: app.presentation().clone(),
        console: app.console().clone(),
    }
}

fn log_len(harness: &Harness<'_, PresenterApp>) -> usize {
    harness.state().command_log().unwrap().entries.len()
}

#[test]
fn a_thousand_random_commands_replay_to_the_same_state() {
    let start = Instant::now();
    let slides = common::module5().slides.len();

    // Record.
    let (mut recorded, time) = app_at(start, true);
    recorded.run_steps(1);
    let sender = recorded.state().sender();
    let mut rng = Rng(0x5EED_0012_C0FF_EE01);
    let mut now = Duration::ZERO;
    // (entries applied so far, the state then), taken between frames.
    let mut checkpoints: Vec<(usize, Snapshot)> = Vec::new();
    let mut next_checkpoint = 150;
    let mut steps = 0u32;
    while log_len(&recorded) < COMMANDS {
        steps += 1;
        assert!(steps < 20_000, "the random mix makes too few commands");
        match rng.below(100) {
            0..=44 => recorded.key_press(KEYS[rng.index(KEYS.len())]),
            45..=49 => recorded.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::S),
            50..=51 => recorded.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::D),
            52..=53 => recorded.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowLeft),
            54..=63 => recorded.event(egui::Event::Text(
                char::from(b'0' + rng.below(10) as u8).to_string(),
            )),
            64..=68 => recorded.event(egui::Event::Text(
                ["+", "-", ".", ",", "?"][rng.index(5)].to_owned(),
            )),
            69..=88 => sender.send(random_command(&mut rng, slides)),
            89..=90 => {
                // Two inputs in one frame: the channel's, then a key.
                sender.send(random_command(&mut rng, slides));
                recorded.key_press(KEYS[rng.index(KEYS.len())]);
            }
            // Time passes, in whole milliseconds (the log's resolution).
            _ => now += Duration::from_millis(rng.below(40_000)),
        }
        *time.lock().unwrap() = now;
        recorded.run_steps(1);
        let applied = log_len(&recorded);
        if applied >= next_checkpoint {
            checkpoints.push((applied, snapshot(recorded.state())));
            next_checkpoint += 250;
        }
    }
    // A last frame later on, so timers have run on after the last command.
    now += Duration::from_millis(61_234);
    *time.lock().unwrap() = now;
    recorded.run_steps(2);
    let log = recorded.state().command_log().unwrap().clone();
    let end = snapshot(recorded.state());
    assert!(log.entries.len() >= COMMANDS);
    assert!(
        !log.entries.iter().any(|e| is_excluded(&e.command)),
        "a command that opens or quits got into the mix"
    );
    // The mix reaches much of the state: not a replay of nothing.
    let kinds: std::collections::BTreeSet<String> = log
        .entries
        .iter()
        .map(|e| {
            let text = format!("{:?}", e.command);
            text.split(['(', ' ', '{']).take(2).collect()
        })
        .collect();
    assert!(
        kinds.len() > 40,
        "only {} kinds of commands: {kinds:?}",
        kinds.len()
    );
    assert!(end.presentation.timer.is_started());

    // Through a file's text and back.
    let text = log.to_ron();
    let read = CommandLog::from_ron(&text);
    assert_eq!(read.entries, log.entries, "the log did not survive RON");

    // Replay into a fresh app with the same start.
    let (mut replayed, replay_time) = app_at(start, false);
    replayed.run_steps(1);
    let replay_sender = replayed.state().sender();
    // Commands the recorded app applied at one instant are sent together
    // and applied in one frame, as they were; a checkpoint ends a batch.
    let mut checks = checkpoints.iter().peekable();
    let mut frames = 0;
    for (index, entry) in read.entries.iter().enumerate() {
        *replay_time.lock().unwrap() = CommandLog::offset(entry);
        replay_sender.send(entry.command.clone());
        let sent = index + 1;
        let checkpoint = checks.peek().is_some_and(|(applied, _)| *applied == sent);
        let same_instant = read
            .entries
            .get(index + 1)
            .is_some_and(|next| next.offset_ms == entry.offset_ms);
        if same_instant && !checkpoint {
            continue;
        }
        replayed.run_steps(1);
        frames += 1;
        if let Some((applied, expected)) = checks.next_if(|(applied, _)| *applied == sent) {
            assert_eq!(
                &snapshot(replayed.state()),
                expected,
                "replay differs after {applied} commands"
            );
        }
    }
    assert!(
        frames < read.entries.len(),
        "no two commands shared an instant"
    );
    assert!(checks.next().is_none(), "a checkpoint was not reached");
    *replay_time.lock().unwrap() = now;
    replayed.run_steps(2);
    assert_eq!(snapshot(replayed.state()), end, "replay differs at the end");
    assert_eq!(
        replayed.state().presentation(),
        recorded.state().presentation()
    );
    assert_eq!(replayed.state().console(), recorded.state().console());
}
