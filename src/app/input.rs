//! Keyboard input to [`Command`]s, through the key map in
//! [`crate::show::keys`].

use egui::{Event, InputState, Key};

use crate::show::Command;
use crate::show::keys::{self, Trigger};

/// The command bound to `key` pressed with `modifiers`. Table names are
/// matched through `Key::from_name`, which accepts the spellings in the
/// table (`ArrowRight`) as well as egui's own (`Right`).
fn command_for_key(key: Key, modifiers: egui::Modifiers) -> Option<Command> {
    let is = |name: &str| Key::from_name(name) == Some(key);
    let ctrl = modifiers.command || modifiers.ctrl;
    let find = |wanted: fn(&Trigger) -> Option<&'static str>| {
        keys::BINDINGS
            .iter()
            .find(|b| b.triggers.iter().any(|t| wanted(t).is_some_and(is)))
            .map(|b| b.command)
    };
    if modifiers.alt {
        find(|t| match t {
            Trigger::Alt(name) => Some(name),
            _ => None,
        })
    } else if ctrl {
        find(|t| match t {
            Trigger::Ctrl(name) => Some(name),
            _ => None,
        })
    } else if modifiers.shift {
        find(|t| match t {
            Trigger::Shift(name) => Some(name),
            _ => None,
        })
        // Shift+B and the like act as B: clickers and caps lock.
        .or_else(|| {
            find(|t| match t {
                Trigger::Key(name) => Some(name),
                _ => None,
            })
        })
    } else {
        find(|t| match t {
            Trigger::Key(name) => Some(name),
            _ => None,
        })
    }
}

/// The commands in this frame's input, in order. When `typing` (a text
/// field or a focused button has the keyboard), Space, Enter, Tab, Esc and
/// the arrows are left to the widget so one press does not act twice.
pub fn commands(input: &InputState, typing: bool) -> Vec<Command> {
    presses(input, typing)
        .into_iter()
        .filter_map(|(_, command)| command)
        .collect()
}

/// Every key press and typed text in this frame's input, described as a
/// presenter would say it (`Page Down`, `Ctrl+Q`, `"."`), with the command
/// cuecard makes of it (`None`: ignored). Used by the venue check to show
/// what a clicker sends.
pub fn presses(input: &InputState, typing: bool) -> Vec<(String, Option<Command>)> {
    let mut out = Vec::new();
    for event in &input.events {
        match event {
            Event::Key {
                key,
                pressed: true,
                repeat,
                modifiers,
                ..
            } => {
                // A focused console button owns Space, Enter, Tab, Esc and
                // the arrows (egui moves focus with them; Esc lets go).
                if typing
                    && matches!(
                        key,
                        Key::Space
                            | Key::Enter
                            | Key::Escape
                            | Key::Tab
                            | Key::ArrowLeft
                            | Key::ArrowRight
                            | Key::ArrowUp
                            | Key::ArrowDown
                    )
                {
                    continue;
                }
                let command = match command_for_key(*key, *modifiers) {
                    // Holding a key repeats movement, not toggles.
                    Some(c @ (Command::Next | Command::Previous)) => Some(c),
                    Some(c) if !repeat => Some(c),
                    _ => None,
                };
                if *repeat {
                    out.extend(command.map(|c| (String::new(), Some(c))));
                    continue;
                }
                let trigger = if modifiers.alt {
                    Trigger::Alt(key.name())
                } else if modifiers.command || modifiers.ctrl {
                    Trigger::Ctrl(key.name())
                } else if modifiers.shift {
                    Trigger::Shift(key.name())
                } else {
                    Trigger::Key(key.name())
                };
                out.push((trigger.label(), command));
            }
            Event::Text(text) => {
                let command = match text.as_str() {
                    digit if digit.len() == 1 && digit.bytes().all(|b| b.is_ascii_digit()) => {
                        digit.bytes().next().map(|b| Command::Digit(b - b'0'))
                    }
                    text => keys::command_for(Trigger::Text(static_text(text))),
                };
                // Letters also arrive as keys; list typed text only when it
                // means something or is punctuation.
                if command.is_some() || !text.chars().all(char::is_alphanumeric) {
                    out.push((format!("typed \"{text}\""), command));
                }
            }
            _ => {}
        }
    }
    out
}

/// Text triggers are `&'static str` in the table; find the table's copy.
fn static_text(text: &str) -> &'static str {
    keys::BINDINGS
        .iter()
        .flat_map(|b| b.triggers)
        .find_map(|t| match t {
            Trigger::Text(s) if *s == text => Some(*s),
            _ => None,
        })
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn egui_keys_find_their_commands() {
        let none = egui::Modifiers::NONE;
        assert_eq!(command_for_key(Key::ArrowRight, none), Some(Command::Next));
        assert_eq!(command_for_key(Key::PageDown, none), Some(Command::Next));
        assert_eq!(
            command_for_key(Key::ArrowLeft, none),
            Some(Command::Previous)
        );
        assert_eq!(
            command_for_key(Key::Space, egui::Modifiers::SHIFT),
            Some(Command::Previous)
        );
        assert_eq!(
            command_for_key(Key::B, egui::Modifiers::SHIFT),
            Some(Command::ToggleBlackout)
        );
        assert_eq!(command_for_key(Key::Q, none), None);
        assert_eq!(
            command_for_key(Key::Q, egui::Modifiers::COMMAND),
            Some(Command::Quit)
        );
        assert_eq!(command_for_key(Key::N, egui::Modifiers::COMMAND), None);
        assert_eq!(
            command_for_key(Key::ArrowLeft, egui::Modifiers::ALT),
            Some(Command::Back)
        );
        assert_eq!(command_for_key(Key::Enter, none), Some(Command::Confirm));
        assert_eq!(
            command_for_key(Key::ArrowDown, egui::Modifiers::SHIFT),
            Some(Command::ScrollNotesDown)
        );
    }

    #[test]
    fn every_key_name_in_the_table_is_an_egui_key() {
        for binding in keys::BINDINGS {
            for trigger in binding.triggers {
                if let Trigger::Key(name)
                | Trigger::Shift(name)
                | Trigger::Ctrl(name)
                | Trigger::Alt(name) = trigger
                {
                    assert!(
                        Key::from_name(name).is_some(),
                        "{name} is not an egui key name"
                    );
                }
            }
        }
    }
}
