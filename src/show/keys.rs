//! The key map: one table used by the input handling, the help overlay and
//! `docs/keys.md`. Keys follow what presenters already know (pdfpc,
//! Pympress, `reveal.js`, `PowerPoint`) and what clickers send.
//!
//! Key names are egui's [`Key::name`](https://docs.rs/egui/latest/egui/enum.Key.html)
//! spellings (`"ArrowRight"`, `"PageDown"`, `"B"`); this module stays UI-free
//! and the app shell maps them.

use std::fmt::Write as _;

use super::command::{AppCommand, Command, ShellCommand, Tool};
use super::pickers::Gesture;

/// What the presenter presses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// A key with no modifiers.
    Key(&'static str),
    /// A key with Shift held.
    Shift(&'static str),
    /// A key with Ctrl (Cmd on macOS) held.
    Ctrl(&'static str),
    /// A key with Alt (Option on macOS) held.
    Alt(&'static str),
    /// Typed text, whatever key made it (for "." "," "?" that sit on
    /// different keys on different layouts).
    Text(&'static str),
    /// Any digit typed, 0 to 9.
    Digits,
}

impl Trigger {
    /// How the help overlay and docs spell it, e.g. `Page Down`, `Ctrl+Q`.
    pub fn label(self) -> String {
        fn pretty(name: &str) -> &str {
            match name {
                "ArrowRight" => "Right",
                "ArrowLeft" => "Left",
                "ArrowUp" => "Up",
                "ArrowDown" => "Down",
                "PageDown" => "Page Down",
                "PageUp" => "Page Up",
                "Escape" => "Esc",
                other => other,
            }
        }
        match self {
            Self::Key(name) => pretty(name).to_owned(),
            Self::Shift(name) => format!("Shift+{}", pretty(name)),
            Self::Ctrl(name) => format!("Ctrl+{}", pretty(name)),
            Self::Alt(name) => format!("Alt+{}", pretty(name)),
            Self::Text(text) => format!("\"{text}\""),
            Self::Digits => "0–9".to_owned(),
        }
    }
}

/// What a key does: one intent, or a gesture whose meaning depends on what
/// is open (resolved by [`super::pickers::resolve`]).
#[derive(Debug, Clone, PartialEq)]
pub enum KeyAction {
    /// Always this intent.
    Do(AppCommand),
    /// A gesture; digits carry the digit typed.
    Gesture(Gesture),
}

const fn show(command: Command) -> KeyAction {
    KeyAction::Do(AppCommand::Show(command))
}

const fn shell(command: ShellCommand) -> KeyAction {
    KeyAction::Do(AppCommand::Shell(command))
}

const fn gesture(gesture: Gesture) -> KeyAction {
    KeyAction::Gesture(gesture)
}

/// One row of the key map.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// What the row does.
    pub action: KeyAction,
    /// The keys that do it.
    pub triggers: &'static [Trigger],
    /// What the help overlay says, in a few words.
    pub help: &'static str,
}

use Trigger::{Alt, Ctrl, Digits, Key, Shift, Text};

/// Every key cuecard answers to, in the order the help overlay lists them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        action: gesture(Gesture::Forward),
        triggers: &[Key("ArrowRight"), Key("PageDown"), Key("Space"), Key("N")],
        help: "next slide",
    },
    Binding {
        action: gesture(Gesture::Backward),
        triggers: &[Key("ArrowLeft"), Key("PageUp"), Key("P"), Shift("Space")],
        help: "previous slide",
    },
    Binding {
        action: gesture(Gesture::Down),
        triggers: &[Key("ArrowDown")],
        help: "next slide; in the overview, the row below",
    },
    Binding {
        action: gesture(Gesture::Up),
        triggers: &[Key("ArrowUp")],
        help: "previous slide; in the overview, the row above",
    },
    Binding {
        action: gesture(Gesture::Erase),
        triggers: &[Key("Backspace")],
        help: "previous slide; while typing a number, deletes a digit",
    },
    Binding {
        action: gesture(Gesture::Enter),
        triggers: &[Key("Enter")],
        help: "next slide; or go to the typed number or the overview's choice; resumes the interrupted talk when the console offers it",
    },
    Binding {
        action: gesture(Gesture::Home),
        triggers: &[Key("Home")],
        help: "first slide",
    },
    Binding {
        action: gesture(Gesture::End),
        triggers: &[Key("End")],
        help: "last slide",
    },
    Binding {
        action: gesture(Gesture::Digit(0)),
        triggers: &[Digits],
        help: "type a slide number, then Enter: go to that slide",
    },
    Binding {
        action: gesture(Gesture::GoTo),
        triggers: &[Key("G")],
        help: "go to a slide by number (G, the number, Enter; or the number, then G)",
    },
    Binding {
        action: shell(ShellCommand::ToggleOverview),
        triggers: &[Key("Tab"), Key("O")],
        help: "overview of all slides (arrows choose, Enter jumps)",
    },
    Binding {
        action: show(Command::Back),
        triggers: &[Alt("ArrowLeft"), Key("Z")],
        help: "back to where you were before a jump",
    },
    Binding {
        action: show(Command::ToggleFreeze),
        triggers: &[Key("X")],
        help: "freeze the audience view while you look ahead; again to unfreeze",
    },
    Binding {
        action: show(Command::ToggleBlackout),
        triggers: &[Key("B"), Text(".")],
        help: "black screen on / off",
    },
    Binding {
        action: show(Command::ToggleWhiteout),
        triggers: &[Key("W"), Text(",")],
        help: "white screen on / off",
    },
    Binding {
        action: show(Command::ToggleTimer),
        triggers: &[Key("T")],
        help: "start, pause or resume the talk timer",
    },
    Binding {
        action: show(Command::ResetTimer),
        triggers: &[Key("R")],
        help: "reset the talk timer (Ctrl+Z undoes)",
    },
    Binding {
        action: gesture(Gesture::Undo),
        triggers: &[Ctrl("Z")],
        help: "undo the timer reset; with the pen, highlighter or eraser in hand, the last stroke",
    },
    Binding {
        action: show(Command::ToggleAllIdeas),
        triggers: &[Key("I")],
        help: "open or fold the ideas of this slide's questions",
    },
    Binding {
        action: shell(ShellCommand::OpenBreakPrompt),
        triggers: &[Key("K")],
        help: "a break of any length: type its minutes, then Enter",
    },
    Binding {
        action: show(Command::ToggleDiscussion),
        triggers: &[Key("D")],
        help: "start or stop the discussion count-down",
    },
    Binding {
        action: show(Command::ToggleDiscussionOnAudience),
        triggers: &[Shift("D")],
        help: "show the discussion count-down to the room, or hide it",
    },
    Binding {
        action: gesture(Gesture::Larger),
        triggers: &[Text("+"), Text("=")],
        help: "larger notes (also Ctrl+mouse wheel); with the spotlight on, a larger spotlight",
    },
    Binding {
        action: gesture(Gesture::Smaller),
        triggers: &[Text("-")],
        help: "smaller notes; with the spotlight on, a smaller spotlight",
    },
    Binding {
        action: shell(ShellCommand::NotesZoomReset),
        triggers: &[Ctrl("0")],
        help: "notes back to normal size (100%)",
    },
    Binding {
        action: shell(ShellCommand::ScrollNotes(NOTES_SCROLL_STEP_PT)),
        triggers: &[Shift("ArrowDown"), Ctrl("ArrowDown")],
        help: "scroll the notes down",
    },
    Binding {
        action: shell(ShellCommand::ScrollNotes(-NOTES_SCROLL_STEP_PT)),
        triggers: &[Shift("ArrowUp"), Ctrl("ArrowUp")],
        help: "scroll the notes up",
    },
    Binding {
        action: shell(ShellCommand::ToggleFullscreen),
        triggers: &[Key("F")],
        help: "audience view full screen on / off",
    },
    Binding {
        action: shell(ShellCommand::EnterFullscreen),
        triggers: &[Key("F5")],
        help: "audience view full screen (clicker start button)",
    },
    Binding {
        action: gesture(Gesture::Escape),
        triggers: &[Key("Escape")],
        help: "leave go-to, overview, break, black/white screen, the end of the talk, freeze, the zoom, the pointing or drawing tool, help, full screen; when the console offers to resume an interrupted talk, start fresh; never quits",
    },
    Binding {
        action: shell(ShellCommand::SwapScreens),
        triggers: &[Key("S")],
        help: "swap the screens of the audience view and the console",
    },
    Binding {
        action: shell(ShellCommand::IdentifyScreens),
        triggers: &[Shift("S")],
        help: "show which screen is which for two seconds",
    },
    Binding {
        action: shell(ShellCommand::OpenDeckDialog),
        triggers: &[Ctrl("O")],
        help: "open another deck or PDF (or drop one on a window)",
    },
    Binding {
        action: shell(ShellCommand::Reload),
        triggers: &[Ctrl("R")],
        help: "load the deck again (it also reloads by itself when saved)",
    },
    Binding {
        action: shell(ShellCommand::ToggleVenueCheck),
        triggers: &[Key("V")],
        help: "venue check: test what the clicker's buttons send",
    },
    Binding {
        action: shell(ShellCommand::ShowAudience),
        triggers: &[Key("A")],
        help: "open the audience window again after it was closed",
    },
    Binding {
        action: shell(ShellCommand::ChooseTool(Tool::Pointer)),
        triggers: &[Key("L"), Ctrl("L")],
        help: "laser pointer on or off: the mouse over the slide preview (or the audience view) shows a dot to the room; or hold Ctrl over the preview",
    },
    Binding {
        action: shell(ShellCommand::NextPointerStyle),
        triggers: &[Shift("L")],
        help: "the laser pointer's next style: red dot, green dot, yellow ring",
    },
    Binding {
        action: shell(ShellCommand::ChooseTool(Tool::Spotlight)),
        triggers: &[Key("H")],
        help: "spotlight on or off: dims all but a circle around the mouse; + and - or the wheel size it",
    },
    Binding {
        action: shell(ShellCommand::ToggleZoom),
        triggers: &[Key("M")],
        help: "magnify the audience's slide twice around the pointer; again (or Esc) shows it whole",
    },
    Binding {
        action: shell(ShellCommand::ChooseTool(Tool::Zoom)),
        triggers: &[Shift("M")],
        help: "zoom tool: drag a box on the slide preview to magnify it",
    },
    Binding {
        action: shell(ShellCommand::ChooseTool(Tool::Pen)),
        triggers: &[Ctrl("P")],
        help: "pen on or off: draw on the slide preview, the room sees it",
    },
    Binding {
        action: shell(ShellCommand::ChooseTool(Tool::Highlighter)),
        triggers: &[Ctrl("I")],
        help: "highlighter on or off",
    },
    Binding {
        action: shell(ShellCommand::ChooseTool(Tool::Eraser)),
        triggers: &[Ctrl("E")],
        help: "eraser on or off: a stroke it touches goes",
    },
    Binding {
        action: shell(ShellCommand::NextInkColor),
        triggers: &[Key("C")],
        help: "the next ink colour: red, blue, green, yellow, white",
    },
    Binding {
        action: shell(ShellCommand::UndoInk),
        triggers: &[Key("U")],
        help: "take back the last stroke, erasing or clearing on this slide",
    },
    Binding {
        action: shell(ShellCommand::ClearInk),
        triggers: &[Key("E")],
        help: "clear this slide's ink (U brings it back)",
    },
    Binding {
        action: shell(ShellCommand::ChooseTool(Tool::Advance)),
        triggers: &[Ctrl("A")],
        help: "put the tool away: back to the arrow (clicks on the preview are the next slide)",
    },
    Binding {
        action: shell(ShellCommand::ToggleHelp),
        triggers: &[Text("?"), Key("F1")],
        help: "show or hide this help",
    },
    Binding {
        action: shell(ShellCommand::OpenParkingLot),
        triggers: &[Key("Q")],
        help: "park a question from the room (the room never sees it)",
    },
    Binding {
        action: shell(ShellCommand::Quit),
        triggers: &[Ctrl("Q")],
        help: "quit cuecard",
    },
];

/// One keyboard scroll of the notes, in points.
pub const NOTES_SCROLL_STEP_PT: f32 = 160.0;

/// The binding of `trigger`, if any.
pub fn binding_for(trigger: Trigger) -> Option<&'static Binding> {
    BINDINGS
        .iter()
        .find(|binding| binding.triggers.contains(&trigger))
}

/// What `trigger` does, if anything.
pub fn action_for(trigger: Trigger) -> Option<&'static KeyAction> {
    binding_for(trigger).map(|binding| &binding.action)
}

/// The key map as a Markdown table (the body of `docs/keys.md`).
pub fn markdown_table() -> String {
    let mut out = String::from("| keys | action |\n|---|---|\n");
    for binding in BINDINGS {
        let keys: Vec<String> = binding.triggers.iter().map(|t| t.label()).collect();
        let _ = writeln!(out, "| {} | {} |", keys.join(", "), binding.help);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicker_keys_map_as_presenters_expect() {
        let forward = gesture(Gesture::Forward);
        assert_eq!(action_for(Key("PageDown")), Some(&forward));
        assert_eq!(action_for(Key("Enter")), Some(&gesture(Gesture::Enter)));
        assert_eq!(action_for(Digits), Some(&gesture(Gesture::Digit(0))));
        assert_eq!(action_for(Key("PageUp")), Some(&gesture(Gesture::Backward)));
        let black = show(Command::ToggleBlackout);
        assert_eq!(action_for(Text(".")), Some(&black));
        assert_eq!(action_for(Key("B")), Some(&black));
        let f5 = shell(ShellCommand::EnterFullscreen);
        assert_eq!(action_for(Key("F5")), Some(&f5));
        let esc = gesture(Gesture::Escape);
        assert_eq!(action_for(Key("Escape")), Some(&esc));
        assert_ne!(
            action_for(Key("Q")),
            Some(&shell(ShellCommand::Quit)),
            "plain Q must not quit"
        );
        assert_eq!(action_for(Ctrl("Q")), Some(&shell(ShellCommand::Quit)));
    }

    #[test]
    fn no_trigger_is_bound_twice() {
        let mut seen = Vec::new();
        for binding in BINDINGS {
            for trigger in binding.triggers {
                assert!(!seen.contains(trigger), "{trigger:?} bound twice");
                seen.push(*trigger);
            }
        }
    }
}
