//! The key map: one table used by the input handling, the help overlay and
//! `docs/keys.md`. Keys follow what presenters already know (pdfpc,
//! Pympress, `reveal.js`, `PowerPoint`) and what clickers send.
//!
//! Key names are egui's [`Key::name`](https://docs.rs/egui/latest/egui/enum.Key.html)
//! spellings (`"ArrowRight"`, `"PageDown"`, `"B"`); this module stays UI-free
//! and the app shell maps them.

use std::fmt::Write as _;

use super::command::Command;

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

/// One row of the key map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// What the row does.
    pub command: Command,
    /// The keys that do it.
    pub triggers: &'static [Trigger],
    /// What the help overlay says, in a few words.
    pub help: &'static str,
}

use Trigger::{Alt, Ctrl, Digits, Key, Shift, Text};

/// Every key cuecard answers to, in the order the help overlay lists them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        command: Command::Next,
        triggers: &[
            Key("ArrowRight"),
            Key("ArrowDown"),
            Key("PageDown"),
            Key("Space"),
            Key("N"),
        ],
        help: "next slide",
    },
    Binding {
        command: Command::Previous,
        triggers: &[
            Key("ArrowLeft"),
            Key("ArrowUp"),
            Key("PageUp"),
            Key("Backspace"),
            Key("P"),
            Shift("Space"),
        ],
        help: "previous slide",
    },
    Binding {
        command: Command::Confirm,
        triggers: &[Key("Enter")],
        help: "next slide; or go to the typed number or the overview's choice",
    },
    Binding {
        command: Command::First,
        triggers: &[Key("Home")],
        help: "first slide",
    },
    Binding {
        command: Command::Last,
        triggers: &[Key("End")],
        help: "last slide",
    },
    Binding {
        command: Command::Digit(0),
        triggers: &[Digits],
        help: "type a slide number, then Enter: go to that slide",
    },
    Binding {
        command: Command::OpenGoTo,
        triggers: &[Key("G")],
        help: "go to a slide by number (G, the number, Enter; or the number, then G)",
    },
    Binding {
        command: Command::ToggleOverview,
        triggers: &[Key("Tab"), Key("O")],
        help: "overview of all slides (arrows choose, Enter jumps)",
    },
    Binding {
        command: Command::Back,
        triggers: &[Alt("ArrowLeft"), Key("Z")],
        help: "back to where you were before a jump",
    },
    Binding {
        command: Command::ToggleFreeze,
        triggers: &[Key("X")],
        help: "freeze the audience view while you look ahead; again to unfreeze",
    },
    Binding {
        command: Command::ToggleBlackout,
        triggers: &[Key("B"), Text(".")],
        help: "black screen on / off",
    },
    Binding {
        command: Command::ToggleWhiteout,
        triggers: &[Key("W"), Text(",")],
        help: "white screen on / off",
    },
    Binding {
        command: Command::ToggleTimer,
        triggers: &[Key("T")],
        help: "start, pause or resume the talk timer",
    },
    Binding {
        command: Command::ResetTimer,
        triggers: &[Key("R")],
        help: "reset the talk timer (Ctrl+Z undoes)",
    },
    Binding {
        command: Command::UndoResetTimer,
        triggers: &[Ctrl("Z")],
        help: "undo the timer reset",
    },
    Binding {
        command: Command::ToggleAllIdeas,
        triggers: &[Key("I")],
        help: "open or fold the ideas of this slide's questions",
    },
    Binding {
        command: Command::ToggleDiscussion,
        triggers: &[Key("D")],
        help: "start or stop the discussion count-down",
    },
    Binding {
        command: Command::ToggleDiscussionOnAudience,
        triggers: &[Shift("D")],
        help: "show the discussion count-down to the room, or hide it",
    },
    Binding {
        command: Command::NotesZoomIn,
        triggers: &[Text("+"), Text("=")],
        help: "larger notes (also Ctrl+mouse wheel)",
    },
    Binding {
        command: Command::NotesZoomOut,
        triggers: &[Text("-")],
        help: "smaller notes",
    },
    Binding {
        command: Command::ScrollNotesDown,
        triggers: &[Shift("ArrowDown"), Ctrl("ArrowDown")],
        help: "scroll the notes down",
    },
    Binding {
        command: Command::ScrollNotesUp,
        triggers: &[Shift("ArrowUp"), Ctrl("ArrowUp")],
        help: "scroll the notes up",
    },
    Binding {
        command: Command::ToggleFullscreen,
        triggers: &[Key("F")],
        help: "audience view full screen on / off",
    },
    Binding {
        command: Command::EnterFullscreen,
        triggers: &[Key("F5")],
        help: "audience view full screen (clicker start button)",
    },
    Binding {
        command: Command::Escape,
        triggers: &[Key("Escape")],
        help: "leave go-to, overview, break, black/white screen, help, full screen; never quits",
    },
    Binding {
        command: Command::SwapScreens,
        triggers: &[Key("S")],
        help: "swap the screens of the audience view and the console",
    },
    Binding {
        command: Command::IdentifyScreens,
        triggers: &[Shift("S")],
        help: "show which screen is which for two seconds",
    },
    Binding {
        command: Command::OpenDeck,
        triggers: &[Ctrl("O")],
        help: "open another deck (or drop a .ron file on a window)",
    },
    Binding {
        command: Command::Reload,
        triggers: &[Ctrl("R")],
        help: "load the deck again (it also reloads by itself when saved)",
    },
    Binding {
        command: Command::ToggleVenueCheck,
        triggers: &[Key("V")],
        help: "venue check: test what the clicker's buttons send",
    },
    Binding {
        command: Command::ShowAudience,
        triggers: &[Key("A")],
        help: "open the audience window again after it was closed",
    },
    Binding {
        command: Command::ToggleHelp,
        triggers: &[Text("?"), Key("F1")],
        help: "show or hide this help",
    },
    Binding {
        command: Command::Quit,
        triggers: &[Ctrl("Q")],
        help: "quit cuecard",
    },
];

/// The command bound to `trigger`, if any.
pub fn command_for(trigger: Trigger) -> Option<Command> {
    BINDINGS
        .iter()
        .find(|binding| binding.triggers.contains(&trigger))
        .map(|binding| binding.command)
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
        assert_eq!(command_for(Key("PageDown")), Some(Command::Next));
        assert_eq!(command_for(Key("Enter")), Some(Command::Confirm));
        assert_eq!(command_for(Digits), Some(Command::Digit(0)));
        assert_eq!(command_for(Key("PageUp")), Some(Command::Previous));
        assert_eq!(command_for(Text(".")), Some(Command::ToggleBlackout));
        assert_eq!(command_for(Key("B")), Some(Command::ToggleBlackout));
        assert_eq!(command_for(Key("F5")), Some(Command::EnterFullscreen));
        assert_eq!(command_for(Key("Escape")), Some(Command::Escape));
        assert_eq!(command_for(Key("Q")), None, "plain Q must not quit");
        assert_eq!(command_for(Ctrl("Q")), Some(Command::Quit));
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
