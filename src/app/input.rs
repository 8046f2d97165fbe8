//! Keyboard input to [`Command`]s, through the key map in
//! [`crate::show::keys`].

use egui::{Event, InputState, Key};

use crate::show::Command;
use crate::show::keys::{self, Trigger};

/// The key-map name of an egui key (the inverse of `Key::from_name`).
fn trigger_for(key: Key, modifiers: egui::Modifiers) -> Trigger {
    let name = key.name();
    if modifiers.command || modifiers.ctrl {
        Trigger::Ctrl(name)
    } else if modifiers.shift {
        Trigger::Shift(name)
    } else {
        Trigger::Key(name)
    }
}

/// The commands in this frame's input, in order. When `typing` (a text
/// field or a focused button has the keyboard), Space and Enter are left
/// to the widget so one press does not act twice.
pub fn commands(input: &InputState, typing: bool) -> Vec<Command> {
    let mut out = Vec::new();
    for event in &input.events {
        let command = match event {
            Event::Key {
                key,
                pressed: true,
                repeat,
                modifiers,
                ..
            } => {
                if typing && matches!(key, Key::Space | Key::Enter) {
                    continue;
                }
                let command = keys::command_for(trigger_for(*key, *modifiers))
                    // Shift+B and the like act as B: clickers and caps lock.
                    .or_else(|| {
                        (modifiers.shift && !modifiers.command && !modifiers.ctrl)
                            .then(|| keys::command_for(Trigger::Key(key.name())))
                            .flatten()
                    });
                // Holding a key repeats movement, not toggles.
                match command {
                    Some(c @ (Command::Next | Command::Previous)) => Some(c),
                    Some(c) if !repeat => Some(c),
                    _ => None,
                }
            }
            Event::Text(text) => keys::command_for(Trigger::Text(static_text(text))),
            _ => None,
        };
        out.extend(command);
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
    fn every_key_name_in_the_table_is_an_egui_key() {
        for binding in keys::BINDINGS {
            for trigger in binding.triggers {
                if let Trigger::Key(name) | Trigger::Shift(name) | Trigger::Ctrl(name) = trigger {
                    assert!(Key::from_name(name).is_some(), "{name} is not an egui key name");
                }
            }
        }
    }
}
