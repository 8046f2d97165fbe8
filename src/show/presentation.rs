//! The presentation state: which slide, what the audience sees, the timer.

use std::time::Instant;

use super::command::Command;
use super::timer::TalkTimer;
use crate::deck::Deck;

/// What the audience view shows instead of, or as, the slide.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Screen {
    /// The current slide.
    #[default]
    Slide,
    /// All black (blackout).
    Black,
    /// All white (whiteout).
    White,
}

/// A running presentation of a deck: the current slide, the audience
/// screen, the talk timer. UI-free; views read it every frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presentation {
    hidden: Vec<bool>,
    current: usize,
    previous_position: Option<usize>,
    screen: Screen,
    /// The talk timer.
    pub timer: TalkTimer,
}

impl Presentation {
    /// A presentation of `deck` on its first slide, timer not started.
    pub fn new(deck: &Deck) -> Self {
        Self {
            hidden: deck.slides.iter().map(|s| s.hidden).collect(),
            current: 0,
            previous_position: None,
            screen: Screen::Slide,
            timer: TalkTimer::new(),
        }
    }

    /// Index of the current slide, from 0.
    pub fn current(&self) -> usize {
        self.current
    }

    /// Number of slides, hidden ones included.
    pub fn slide_count(&self) -> usize {
        self.hidden.len()
    }

    /// What the audience view shows.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// Index of the slide that [`Command::Next`] would go to, if any.
    pub fn next_index(&self) -> Option<usize> {
        (self.current + 1..self.hidden.len()).find(|&i| !self.is_hidden(i))
    }

    /// Index of the slide that [`Command::Previous`] would go to, if any.
    pub fn previous_index(&self) -> Option<usize> {
        (0..self.current).rev().find(|&i| !self.is_hidden(i))
    }

    /// Whether slide `index` is hidden (skipped by next and previous).
    pub fn is_hidden(&self, index: usize) -> bool {
        self.hidden.get(index).copied().unwrap_or(false)
    }

    /// Applies `command` at time `now`. Returns whether anything the
    /// presenter or the audience can see changed. Window commands
    /// (full screen, help, quit) return `false`: the app shell does them.
    pub fn apply(&mut self, command: Command, now: Instant) -> bool {
        match command {
            Command::Next => self.next_index().is_some_and(|i| self.move_to(i, now)),
            Command::Previous => self.previous_index().is_some_and(|i| self.move_to(i, now)),
            Command::First => self.jump_to(0, now),
            Command::Last => self.jump_to(self.hidden.len().saturating_sub(1), now),
            Command::GoTo(index) => index < self.hidden.len() && self.jump_to(index, now),
            Command::Back => match self.previous_position {
                Some(index) if index < self.hidden.len() => self.jump_to(index, now),
                _ => false,
            },
            Command::ToggleBlackout => self.toggle_screen(Screen::Black),
            Command::ToggleWhiteout => self.toggle_screen(Screen::White),
            Command::ToggleTimer => {
                self.timer.toggle(now);
                true
            }
            Command::ResetTimer => self.timer.reset(),
            Command::UndoResetTimer => self.timer.undo_reset(),
            Command::Escape => self.toggle_screen(Screen::Slide),
            Command::ToggleFullscreen
            | Command::EnterFullscreen
            | Command::ToggleHelp
            | Command::ShowAudience
            | Command::Quit => false,
        }
    }

    fn toggle_screen(&mut self, screen: Screen) -> bool {
        let new = if self.screen == screen {
            Screen::Slide
        } else {
            screen
        };
        let changed = new != self.screen;
        self.screen = new;
        changed
    }

    /// A jump (first, last, go-to, back) remembers where it came from.
    fn jump_to(&mut self, index: usize, now: Instant) -> bool {
        let from = self.current;
        let changed = self.move_to(index, now);
        if changed {
            self.previous_position = Some(from);
        }
        changed
    }

    fn move_to(&mut self, index: usize, now: Instant) -> bool {
        if index == self.current || index >= self.hidden.len() {
            return false;
        }
        self.current = index;
        // The talk starts with the first move away from the title; a timer
        // that was paused stays paused.
        self.timer.start(now);
        true
    }

    /// Replaces the deck (after a reload) keeping the slide at `index`
    /// (clamped), the screen and the timer.
    pub fn replace_deck(&mut self, deck: &Deck, index: usize) {
        self.hidden = deck.slides.iter().map(|s| s.hidden).collect();
        self.current = index.min(self.hidden.len().saturating_sub(1));
        self.previous_position = None;
    }
}
