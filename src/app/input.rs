//! Keyboard and window input to [`Input`]s, through the key map in
//! [`crate::show::keys`]. Key gestures whose meaning depends on what is
//! open (digits, Enter, Backspace, the arrows, Esc) travel as
//! [`Gesture`]s and are resolved when applied.

use std::path::PathBuf;
use std::time::Instant;

use egui::{Event, InputState, Key};

use crate::show::ShellCommand;
use crate::show::clicker::PressFilter;
use crate::show::keys::{self, KeyAction, Trigger};
use crate::show::pickers::Gesture;

use super::Input;

/// One key press or typed text, as the presenter would say it, with what
/// cuecard makes of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Press {
    /// `Page Down`, `Ctrl+Q`, `typed "."`.
    pub label: String,
    /// What it does (`None`: nothing).
    pub input: Option<Input>,
    /// What it does, in the help's words.
    pub meaning: Option<String>,
}

/// The binding of `key` pressed with `modifiers`. Table names are matched
/// through `Key::from_name`, which accepts the spellings in the table
/// (`ArrowRight`) as well as egui's own (`Right`).
fn binding_for_key(key: Key, modifiers: egui::Modifiers) -> Option<&'static keys::Binding> {
    let is = |name: &str| Key::from_name(name) == Some(key);
    let ctrl = modifiers.command || modifiers.ctrl;
    let find = |wanted: fn(&Trigger) -> Option<&'static str>| {
        keys::BINDINGS
            .iter()
            .find(|b| b.triggers.iter().any(|t| wanted(t).is_some_and(is)))
    };
    let plain = |t: &Trigger| match t {
        Trigger::Key(name) => Some(*name),
        _ => None,
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
        .or_else(|| find(plain))
    } else {
        find(plain)
    }
}

/// The input a binding makes; `digit` for the digits row.
fn input_of(action: &KeyAction, digit: Option<u8>) -> Input {
    match action {
        KeyAction::Do(command) => Input::Intent(command.clone()),
        KeyAction::Gesture(Gesture::Digit(_)) => Input::Gesture(Gesture::Digit(digit.unwrap_or(0))),
        KeyAction::Gesture(gesture) => Input::Gesture(*gesture),
    }
}

/// Every key press and typed text in this frame's input, in order. When
/// `typing` (a text field or a focused button has the keyboard), Space,
/// Enter, Tab, Esc and the arrows are left to the widget so one press does
/// not act twice. One physical press is one press: held keys (auto-repeat)
/// and a clicker's double-fire count once (`filter`, see
/// [`crate::show::clicker`]), so a button held down never flies through
/// the deck. The digits are never filtered: "22" is typed quickly.
pub fn presses(
    input: &InputState,
    typing: bool,
    filter: &mut PressFilter<Key>,
    now: Instant,
) -> Vec<Press> {
    let mut out = Vec::new();
    // The text a dropped key press typed is dropped with it.
    let mut drop_text = false;
    for (i, event) in input.events.iter().enumerate() {
        match event {
            Event::Key {
                key,
                physical_key,
                pressed: false,
                ..
            } => filter.release(&physical_key.unwrap_or(*key), now),
            Event::Key {
                key,
                physical_key,
                pressed: true,
                repeat,
                modifiers,
                ..
            } => {
                let digit = matches!(key.name().as_bytes(), [b'0'..=b'9']);
                // One physical key is one press, by the key itself: Shift+=
                // is pressed as "+" but let go as "=" when Shift goes first.
                let physical = physical_key.unwrap_or(*key);
                // A held key's repeats, and the text each one types, do
                // nothing; egui's repeat mark is checked against the time.
                let fresh = if *repeat {
                    filter.repeat(physical, now)
                } else {
                    digit || filter.press(physical, now)
                };
                if !fresh {
                    drop_text = true;
                    continue;
                }
                drop_text = false;
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
                let binding = binding_for_key(*key, *modifiers);
                // A key that typed text it has no binding of its own for
                // ("." on most layouts) is listed once, as its text.
                let typed_text = input
                    .events
                    .get(i + 1..)
                    .is_some_and(|rest| rest.iter().any(|e| matches!(e, Event::Text(_))));
                if binding.is_none() && typed_text && !modifiers.command && !modifiers.ctrl {
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
                out.push(Press {
                    label: trigger.label(),
                    input: binding.map(|b| input_of(&b.action, None)),
                    meaning: binding.map(|b| b.help.to_owned()),
                });
            }
            Event::Text(_) if std::mem::take(&mut drop_text) => {}
            Event::Text(text) => {
                let digit = (text.len() == 1)
                    .then(|| text.bytes().next())
                    .flatten()
                    .filter(u8::is_ascii_digit)
                    .map(|b| b - b'0');
                let binding = match digit {
                    Some(_) => keys::binding_for(Trigger::Digits),
                    None => keys::BINDINGS.iter().find(|b| {
                        b.triggers
                            .iter()
                            .any(|t| matches!(t, Trigger::Text(s) if *s == text.as_str()))
                    }),
                };
                // Letters also arrive as keys; list typed text only when it
                // means something or is punctuation.
                if binding.is_some() || !text.chars().all(char::is_alphanumeric) {
                    out.push(Press {
                        label: format!("typed \"{text}\""),
                        input: binding.map(|b| input_of(&b.action, digit)),
                        meaning: binding.map(|b| b.help.to_owned()),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// The inputs a window's presses make. While the venue check is open, each
/// press is listed instead of acted on (V closes the check).
pub fn window_inputs(presses: Vec<Press>, venue_check_open: bool) -> Vec<Input> {
    let venue_toggle = Input::from(ShellCommand::ToggleVenueCheck);
    presses
        .into_iter()
        .filter_map(|press| {
            if !venue_check_open {
                return press.input;
            }
            if press.input.as_ref() == Some(&venue_toggle) {
                return press.input;
            }
            Some(Input::from(ShellCommand::VenuePress {
                pressed: press.label,
                meaning: press.meaning,
            }))
        })
        .collect()
}

/// Ctrl+mouse wheel or a pinch over the console: a notes zoom factor.
pub fn notes_zoom_gesture(ctx: &egui::Context) -> Option<f32> {
    let zoom = ctx.input(|i| {
        if i.modifiers.command {
            i.zoom_delta()
        } else {
            1.0
        }
    });
    ((zoom - 1.0).abs() > f32::EPSILON).then_some(zoom)
}

/// A file dropped on the window, if any.
pub fn dropped_deck(ctx: &egui::Context) -> Option<PathBuf> {
    ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .find_map(|f| (!f.path().as_os_str().is_empty()).then(|| f.path().to_path_buf()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::show::{AppCommand, Command};

    fn action(key: Key, modifiers: egui::Modifiers) -> Option<Input> {
        binding_for_key(key, modifiers).map(|b| input_of(&b.action, None))
    }

    #[test]
    fn egui_keys_find_their_inputs() {
        let none = egui::Modifiers::NONE;
        let gesture = |g| Some(Input::Gesture(g));
        assert_eq!(action(Key::ArrowRight, none), gesture(Gesture::Forward));
        assert_eq!(action(Key::PageDown, none), gesture(Gesture::Forward));
        assert_eq!(action(Key::ArrowLeft, none), gesture(Gesture::Backward));
        assert_eq!(
            action(Key::Space, egui::Modifiers::SHIFT),
            gesture(Gesture::Backward)
        );
        assert_eq!(
            action(Key::B, egui::Modifiers::SHIFT),
            Some(Input::Intent(AppCommand::Show(Command::ToggleBlackout)))
        );
        assert_eq!(action(Key::J, none), None, "J is free");
        assert_eq!(
            action(Key::Q, none),
            Some(ShellCommand::OpenParkingLot.into()),
            "plain Q parks a question, it never quits"
        );
        assert_eq!(
            action(Key::Q, egui::Modifiers::COMMAND),
            Some(ShellCommand::Quit.into())
        );
        assert_eq!(action(Key::N, egui::Modifiers::COMMAND), None);
        assert_eq!(
            action(Key::ArrowLeft, egui::Modifiers::ALT),
            Some(Command::Back.into())
        );
        assert_eq!(action(Key::Enter, none), gesture(Gesture::Enter));
        assert_eq!(action(Key::Backspace, none), gesture(Gesture::Erase));
        assert!(matches!(
            action(Key::ArrowDown, egui::Modifiers::SHIFT),
            Some(Input::Intent(AppCommand::Shell(ShellCommand::ScrollNotes(
                _
            ))))
        ));
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
