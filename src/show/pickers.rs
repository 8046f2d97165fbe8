//! The console's two pickers, the go-to prompt and the overview, and the
//! key gestures whose meaning depends on them (digits, Enter, Backspace,
//! the arrows, Esc). UI-free: the input layer resolves a [`Gesture`] into
//! one intent ([`AppCommand`]) with [`resolve`], so that what reaches the
//! model is always what the presenter meant: a remote's "previous" is never
//! a Backspace.

use serde::{Deserialize, Serialize};

use super::command::{AppCommand, Command, ShellCommand};
use super::pointing::Tool;
use super::presentation::{OVERVIEW_COLUMNS, Presentation, Screen};

/// Longest slide number the go-to prompt takes, in digits.
pub const GOTO_MAX_DIGITS: usize = 4;

/// A key whose meaning depends on what is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gesture {
    /// Right, Page Down, Space, N: the next slide, or the next thumbnail.
    Forward,
    /// Left, Page Up, P, Shift+Space: the previous slide or thumbnail.
    Backward,
    /// Down arrow: the next slide, or the overview's row below.
    Down,
    /// Up arrow: the previous slide, or the overview's row above.
    Up,
    /// Backspace: deletes a typed digit, else the previous slide.
    Erase,
    /// Home: the first slide, or the first thumbnail.
    Home,
    /// End: the last slide, or the last thumbnail.
    End,
    /// Enter: go to the typed number or the overview's choice, else next.
    Enter,
    /// A digit 0 to 9: types a slide number.
    Digit(u8),
    /// G: opens the go-to prompt; after a typed number, goes there.
    GoTo,
    /// Esc: leaves the topmost thing that is on; never quits.
    Escape,
    /// + (or =): a larger spotlight while it is on, else larger notes.
    Larger,
    /// -: a smaller spotlight while it is on, else smaller notes.
    Smaller,
    /// Ctrl+Z: takes back the last stroke while a drawing tool is in hand,
    /// else the timer reset.
    Undo,
}

/// The go-to prompt: what has been typed, and why the last try failed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoToPrompt {
    /// The digits typed so far.
    pub typed: String,
    /// Why the last number was not taken (`There is no slide 42`).
    pub problem: Option<String>,
    /// What the number is for.
    pub asks: Asks,
}

/// What the number typed into the prompt is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Asks {
    /// The slide to go to.
    #[default]
    Slide,
    /// The minutes of a break, for lunch or any length the menu lacks.
    BreakMinutes,
}

/// The longest break the prompt starts (ten hours: a whole day).
pub const LONGEST_BREAK_MINUTES: u32 = 600;

/// The console's go-to prompt and overview selection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pickers {
    goto: Option<GoToPrompt>,
    overview: Option<usize>,
}

/// What applying a picker command did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PickerOutcome {
    /// Whether the console must repaint.
    pub changed: bool,
    /// A model command to apply next (the slide the presenter picked).
    pub then: Option<Command>,
}

impl PickerOutcome {
    fn changed(changed: bool) -> Self {
        Self {
            changed,
            then: None,
        }
    }
}

impl Pickers {
    /// The go-to prompt, if open.
    pub fn goto(&self) -> Option<&GoToPrompt> {
        self.goto.as_ref()
    }

    /// The overview's selected slide (0-based), if the overview is open.
    pub fn overview(&self) -> Option<usize> {
        self.overview
    }

    /// Closes the go-to prompt (any other command does). Returns whether it
    /// was open.
    pub fn close_goto(&mut self) -> bool {
        self.goto.take().is_some()
    }

    /// Keeps the overview's selection inside a deck of `slide_count`
    /// slides (after a reload).
    pub fn clamp(&mut self, slide_count: usize) {
        let last = slide_count.saturating_sub(1);
        self.overview = self.overview.map(|o| o.min(last));
    }

    /// Applies a picker command (others are ignored) for `presentation`.
    pub fn apply(&mut self, command: &ShellCommand, presentation: &Presentation) -> PickerOutcome {
        let count = presentation.slide_count();
        let last = count.saturating_sub(1);
        match command {
            ShellCommand::OpenGoTo => {
                self.goto = Some(GoToPrompt::default());
                PickerOutcome::changed(true)
            }
            ShellCommand::OpenBreakPrompt => {
                self.goto = Some(GoToPrompt {
                    asks: Asks::BreakMinutes,
                    ..GoToPrompt::default()
                });
                PickerOutcome::changed(true)
            }
            ShellCommand::GoToDigit(digit) => {
                let prompt = self.goto.get_or_insert_with(GoToPrompt::default);
                if prompt.typed.len() >= GOTO_MAX_DIGITS {
                    return PickerOutcome::changed(false);
                }
                prompt.typed.push(char::from(b'0' + (*digit).min(9)));
                prompt.problem = None;
                PickerOutcome::changed(true)
            }
            ShellCommand::GoToErase => {
                let erased = self.goto.as_mut().is_some_and(|p| p.typed.pop().is_some());
                PickerOutcome::changed(erased)
            }
            ShellCommand::GoToSubmit => self.submit_goto(count),
            ShellCommand::CloseGoTo => PickerOutcome::changed(self.close_goto()),
            ShellCommand::ToggleOverview => {
                self.overview = match self.overview {
                    Some(_) => None,
                    None => Some(presentation.current()),
                };
                PickerOutcome::changed(true)
            }
            ShellCommand::OverviewMove(delta) => {
                let Some(selected) = self.overview else {
                    return PickerOutcome::changed(false);
                };
                let target = i64::try_from(selected).unwrap_or(0) + i64::from(*delta);
                let target = usize::try_from(target.max(0)).unwrap_or(0).min(last);
                // A row down past the end stays put rather than jumping to
                // the last thumbnail of a shorter row.
                let blocked = *delta >= OVERVIEW_COLUMNS_I32 && selected + OVERVIEW_COLUMNS > last;
                if blocked || target == selected {
                    return PickerOutcome::changed(false);
                }
                self.overview = Some(target);
                PickerOutcome::changed(true)
            }
            ShellCommand::OverviewSelect(index) => {
                if self.overview.is_none() {
                    return PickerOutcome::changed(false);
                }
                self.overview = Some((*index).min(last));
                PickerOutcome::changed(true)
            }
            ShellCommand::OverviewSubmit => match self.overview.take() {
                Some(selected) => PickerOutcome {
                    changed: true,
                    then: Some(Command::GoTo(selected)),
                },
                None => PickerOutcome::changed(false),
            },
            _ => PickerOutcome::changed(false),
        }
    }

    fn submit_goto(&mut self, count: usize) -> PickerOutcome {
        let Some(prompt) = self.goto.as_mut() else {
            return PickerOutcome::changed(false);
        };
        if prompt.asks == Asks::BreakMinutes {
            return match prompt.typed.parse::<u32>() {
                Ok(minutes) if (1..=LONGEST_BREAK_MINUTES).contains(&minutes) => {
                    self.goto = None;
                    PickerOutcome {
                        changed: true,
                        then: Some(Command::StartBreak { minutes }),
                    }
                }
                Ok(_) => {
                    prompt.problem =
                        Some(format!("A break is 1 to {LONGEST_BREAK_MINUTES} minutes"));
                    prompt.typed.clear();
                    PickerOutcome::changed(true)
                }
                Err(_) => {
                    prompt.problem = Some("Type the break's minutes first".to_owned());
                    PickerOutcome::changed(true)
                }
            };
        }
        match prompt.typed.parse::<usize>() {
            Ok(number) if (1..=count).contains(&number) => {
                self.goto = None;
                self.overview = None;
                PickerOutcome {
                    changed: true,
                    then: Some(Command::GoTo(number - 1)),
                }
            }
            Ok(number) => {
                // No such slide: say so and keep the prompt open to try again.
                prompt.problem = Some(format!("There is no slide {number}"));
                prompt.typed.clear();
                PickerOutcome::changed(true)
            }
            Err(_) => {
                prompt.problem = Some("Type a slide number first".to_owned());
                PickerOutcome::changed(true)
            }
        }
    }
}

#[allow(clippy::cast_possible_wrap)] // 5 columns
const OVERVIEW_COLUMNS_I32: i32 = OVERVIEW_COLUMNS as i32;

/// What else is open on the screens, for resolving Esc.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // independent facts about the windows
pub struct ShellState {
    /// The "Quit cuecard?" question is showing.
    pub confirm_quit: bool,
    /// The "Open this link?" question is showing.
    pub link_question: bool,
    /// The console offers to resume an interrupted talk.
    pub resume_offer: bool,
    /// The parking lot's box is open.
    pub parking_open: bool,
    /// The key help is showing.
    pub help_open: bool,
    /// The audience view is full screen.
    pub audience_fullscreen: bool,
    /// The tool in use on the slide preview.
    pub tool: super::pointing::Tool,
    /// The audience's slide is magnified.
    pub zoomed: bool,
}

/// The one intent a gesture means now, given the pickers, the
/// presentation and the shell. `None`: nothing to do (Esc with nothing on).
///
/// Esc leaves, in this order: the quit question, the parking lot's box,
/// the resume offer (starting fresh), the link question, the key help, the go-to
/// prompt, the overview, a break, a black or white screen, a freeze, the
/// zoom, a pointing or drawing tool, full screen. It never quits: clickers send Esc.
pub fn resolve(
    gesture: Gesture,
    pickers: &Pickers,
    presentation: &Presentation,
    shell: ShellState,
) -> Option<AppCommand> {
    use ShellCommand as S;
    let in_goto = pickers.goto().is_some();
    let typed = pickers.goto().is_some_and(|p| !p.typed.is_empty());
    let in_overview = pickers.overview().is_some();
    let columns = OVERVIEW_COLUMNS_I32;
    let intent: AppCommand = match gesture {
        // A number typed into go-to is the presenter's answer to Enter,
        // before the resume offer.
        Gesture::Enter if shell.resume_offer && !typed => S::ResumeSession.into(),
        Gesture::Digit(d) => S::GoToDigit(d).into(),
        Gesture::Erase if typed => S::GoToErase.into(),
        Gesture::Enter | Gesture::GoTo if typed => S::GoToSubmit.into(),
        Gesture::GoTo => S::OpenGoTo.into(),
        Gesture::Enter if in_goto => S::CloseGoTo.into(),
        Gesture::Enter if in_overview => S::OverviewSubmit.into(),
        Gesture::Forward if in_overview => S::OverviewMove(1).into(),
        Gesture::Backward | Gesture::Erase if in_overview => S::OverviewMove(-1).into(),
        Gesture::Down if in_overview => S::OverviewMove(columns).into(),
        Gesture::Up if in_overview => S::OverviewMove(-columns).into(),
        Gesture::Home if in_overview => S::OverviewSelect(0).into(),
        Gesture::End if in_overview => S::OverviewSelect(usize::MAX).into(),
        Gesture::Forward | Gesture::Down | Gesture::Enter => Command::Next.into(),
        Gesture::Backward | Gesture::Up | Gesture::Erase => Command::Previous.into(),
        Gesture::Home => Command::First.into(),
        Gesture::End => Command::Last.into(),
        Gesture::Escape => return escape(pickers, presentation, shell),
        Gesture::Larger if shell.tool == Tool::Spotlight => {
            S::SizeSpotlight(super::pointing::SPOTLIGHT_STEP).into()
        }
        Gesture::Smaller if shell.tool == Tool::Spotlight => {
            S::SizeSpotlight(1.0 / super::pointing::SPOTLIGHT_STEP).into()
        }
        Gesture::Larger => S::NotesZoomIn.into(),
        Gesture::Smaller => S::NotesZoomOut.into(),
        Gesture::Undo if matches!(shell.tool, Tool::Pen | Tool::Highlighter | Tool::Eraser) => {
            S::UndoInk.into()
        }
        Gesture::Undo => Command::UndoResetTimer.into(),
    };
    Some(intent)
}

fn escape(pickers: &Pickers, p: &Presentation, shell: ShellState) -> Option<AppCommand> {
    use ShellCommand as S;
    Some(if shell.confirm_quit {
        S::KeepPresenting.into()
    } else if shell.parking_open {
        S::CloseParkingLot.into()
    } else if shell.resume_offer {
        S::DeclineResume.into()
    } else if shell.link_question {
        S::CancelLink.into()
    } else if shell.help_open {
        S::ToggleHelp.into()
    } else if pickers.goto().is_some() {
        S::CloseGoTo.into()
    } else if pickers.overview().is_some() {
        S::ToggleOverview.into()
    } else if p.break_ends().is_some() {
        Command::EndBreak.into()
    } else if p.screen() != Screen::Slide {
        Command::ShowSlide.into()
    } else if p.frozen().is_some() {
        Command::Unfreeze.into()
    } else if shell.zoomed {
        S::LeaveZoom.into()
    } else if shell.tool != Tool::Advance {
        // As in pdfpc and Dais: Esc puts the pointing tool away.
        S::ChooseTool(Tool::Advance).into()
    } else if shell.audience_fullscreen {
        S::LeaveFullscreen.into()
    } else {
        return None;
    })
}

/// Applies `command` if it is for the model or the pickers: a model
/// command (which also closes the go-to prompt), or a picker command (and
/// the slide it picked). Returns whether anything visible changed, or
/// `None` for the shell's other commands. The app's one apply place calls
/// this; tests of the console's keys call it without a window.
pub fn apply_to_model(
    pickers: &mut Pickers,
    presentation: &mut Presentation,
    command: &AppCommand,
    now: std::time::Instant,
) -> Option<bool> {
    use ShellCommand as S;
    match command {
        AppCommand::Show(command) => {
            let closed = pickers.close_goto();
            Some(presentation.apply(command, now) || closed)
        }
        AppCommand::Shell(
            picker @ (S::OpenGoTo
            | S::OpenBreakPrompt
            | S::GoToDigit(_)
            | S::GoToErase
            | S::GoToSubmit
            | S::CloseGoTo
            | S::ToggleOverview
            | S::OverviewMove(_)
            | S::OverviewSelect(_)
            | S::OverviewSubmit),
        ) => {
            let outcome = pickers.apply(picker, presentation);
            let moved = outcome
                .then
                .is_some_and(|then| presentation.apply(&then, now));
            Some(outcome.changed || moved)
        }
        AppCommand::Shell(_) => None,
    }
}
