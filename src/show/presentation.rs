//! The presentation state: which slide, what the audience sees, the talk
//! and discussion timers, freeze, breaks, and the facilitation state of the
//! prompts. (The console's go-to prompt and overview are in
//! [`super::pickers`].)

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use super::command::{Command, DEFAULT_DISCUSSION_MINUTES};
use super::timer::TalkTimer;
use crate::deck::{Deck, Note};

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

/// What the audience view shows right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudienceShows {
    /// The slide at this index.
    Slide(usize),
    /// Black.
    Black,
    /// White.
    White,
    /// The break screen, until `ends` (monotonic).
    Break {
        /// When the break is planned to end.
        ends: Instant,
    },
}

impl AudienceShows {
    /// The slide the room sees, if it sees a slide (not a black, white or
    /// break screen).
    pub fn slide(self) -> Option<usize> {
        match self {
            Self::Slide(index) => Some(index),
            Self::Black | Self::White | Self::Break { .. } => None,
        }
    }
}

/// A running discussion count-down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Discussion {
    /// When it reaches zero.
    pub ends: Instant,
    /// Its length.
    pub length: Duration,
    /// The slide it belongs to.
    pub slide: usize,
    /// The prompt (index in the slide's notes) it belongs to, if any.
    pub prompt: Option<usize>,
}

impl Discussion {
    /// Time left at `now` (zero once over).
    pub fn remaining(&self, now: Instant) -> Duration {
        self.ends.saturating_duration_since(now)
    }

    /// Whether it has reached zero at `now`.
    pub fn is_over(&self, now: Instant) -> bool {
        now >= self.ends
    }
}

/// Number of thumbnails in a row of the overview (Up and Down move by it).
pub const OVERVIEW_COLUMNS: usize = 5;

/// A prompt, by slide id and index in that slide's notes, so ticks and
/// open idea lists survive a reload that moves slides.
pub type PromptKey = (String, usize);

/// A running presentation of a deck. UI-free; views read it every frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Presentation {
    hidden: Vec<bool>,
    ids: Vec<String>,
    /// Indices of the prompts in each slide's notes.
    prompts: Vec<Vec<usize>>,
    /// Suggested discussion minutes of each prompt, by slide and note index.
    prompt_minutes: Vec<Vec<Option<f64>>>,
    current: usize,
    previous_position: Option<usize>,
    screen: Screen,
    /// Next was pressed on the last slide: the room sees black, the end
    /// screen, until Previous (or any other move) brings a slide back.
    ended: bool,
    frozen: Option<usize>,
    break_ends: Option<Instant>,
    /// Whether the talk timer was running when the break began (it pauses
    /// for the break and resumes after it).
    resume_after_break: bool,
    discussion: Option<Discussion>,
    discussion_on_audience: bool,
    covered: BTreeSet<PromptKey>,
    ideas_open: BTreeSet<PromptKey>,
    /// The talk timer.
    pub timer: TalkTimer,
}

impl Presentation {
    /// A presentation of `deck` on its first slide, timer not started.
    pub fn new(deck: &Deck) -> Self {
        let mut p = Self {
            hidden: Vec::new(),
            ids: Vec::new(),
            prompts: Vec::new(),
            prompt_minutes: Vec::new(),
            current: 0,
            previous_position: None,
            screen: Screen::Slide,
            ended: false,
            frozen: None,
            break_ends: None,
            resume_after_break: false,
            discussion: None,
            discussion_on_audience: false,
            covered: BTreeSet::new(),
            ideas_open: BTreeSet::new(),
            timer: TalkTimer::new(),
        };
        p.read_deck(deck);
        p
    }

    fn read_deck(&mut self, deck: &Deck) {
        self.hidden = deck.slides.iter().map(|s| s.hidden).collect();
        self.ids = deck.slides.iter().map(|s| s.id.clone()).collect();
        self.prompts = deck
            .slides
            .iter()
            .map(|s| {
                s.notes
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| matches!(n, Note::Prompt { .. }))
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect();
        self.prompt_minutes = deck
            .slides
            .iter()
            .map(|s| {
                s.notes
                    .iter()
                    .map(|n| match n {
                        Note::Prompt { minutes, .. } => *minutes,
                        _ => None,
                    })
                    .collect()
            })
            .collect();
    }

    /// Index of the current slide (the console's), from 0.
    pub fn current(&self) -> usize {
        self.current
    }

    /// Number of slides, hidden ones included.
    pub fn slide_count(&self) -> usize {
        self.hidden.len()
    }

    /// The black/white/slide setting (see [`Self::audience`] for what the
    /// audience actually sees).
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// What the audience view shows: a break, black, white, or a slide
    /// (the frozen one while frozen, else the current one).
    pub fn audience(&self) -> AudienceShows {
        if let Some(ends) = self.break_ends {
            return AudienceShows::Break { ends };
        }
        match self.screen {
            Screen::Black => AudienceShows::Black,
            Screen::White => AudienceShows::White,
            Screen::Slide => AudienceShows::Slide(self.frozen.unwrap_or(self.current)),
        }
    }

    /// The slide the audience is frozen on, if frozen.
    pub fn frozen(&self) -> Option<usize> {
        self.frozen
    }

    /// When the break ends, if there is one.
    pub fn break_ends(&self) -> Option<Instant> {
        self.break_ends
    }

    /// The discussion count-down, if one is running.
    pub fn discussion(&self) -> Option<&Discussion> {
        self.discussion.as_ref()
    }

    /// Whether the audience sees the discussion count-down.
    pub fn discussion_on_audience(&self) -> bool {
        self.discussion_on_audience && self.discussion.is_some()
    }

    /// Whether the prompt at note index `note` of slide `slide` is ticked.
    pub fn is_covered(&self, slide: usize, note: usize) -> bool {
        self.key(slide, note)
            .is_some_and(|k| self.covered.contains(&k))
    }

    /// Whether the prompt's "ideas if the group needs help" are open.
    pub fn ideas_open(&self, slide: usize, note: usize) -> bool {
        self.key(slide, note)
            .is_some_and(|k| self.ideas_open.contains(&k))
    }

    /// Prompts ticked and prompts in all on slide `slide`.
    pub fn prompts_covered(&self, slide: usize) -> (usize, usize) {
        let prompts = self.prompts.get(slide).map_or(&[][..], Vec::as_slice);
        let ticked = prompts
            .iter()
            .filter(|&&n| self.is_covered(slide, n))
            .count();
        (ticked, prompts.len())
    }

    /// Ticks (or unticks) the prompt at note index `note` of slide
    /// `slide` as covered, e.g. to restore a resumed talk. Returns whether
    /// anything changed (`false` for a note that is not a prompt).
    pub fn set_covered(&mut self, slide: usize, note: usize, covered: bool) -> bool {
        let is_prompt = self.prompts.get(slide).is_some_and(|p| p.contains(&note));
        match self.key(slide, note) {
            Some(key) if is_prompt && covered => self.covered.insert(key),
            Some(key) if is_prompt => self.covered.remove(&key),
            _ => false,
        }
    }

    fn key(&self, slide: usize, note: usize) -> Option<PromptKey> {
        self.ids.get(slide).map(|id| (id.clone(), note))
    }

    /// Index of the slide that [`Command::Next`] would go to, if any.
    pub fn next_index(&self) -> Option<usize> {
        (self.current + 1..self.hidden.len()).find(|&i| !self.is_hidden(i))
    }

    /// Index of the slide that [`Command::Previous`] would go to, if any.
    pub fn previous_index(&self) -> Option<usize> {
        (0..self.current).rev().find(|&i| !self.is_hidden(i))
    }

    /// The number the room sees on slide `index`: `(n, of)` counting only
    /// the slides that are not hidden, so skipping a hidden slide leaves
    /// no gap ("4 / 11", not "5 / 12"); `None` for a hidden slide.
    pub fn room_number(&self, index: usize) -> Option<(usize, usize)> {
        if index >= self.hidden.len() || self.is_hidden(index) {
            return None;
        }
        let before = self.hidden.iter().take(index).filter(|h| !**h).count();
        let shown = self.hidden.iter().filter(|h| !**h).count();
        Some((before + 1, shown))
    }

    /// Whether the room sees the end screen (black, after Next on the last
    /// slide or [`Command::EndTalk`]); Previous brings the last slide back.
    pub fn at_end(&self) -> bool {
        self.ended
    }

    /// Whether slide `index` is hidden (skipped by next and previous).
    pub fn is_hidden(&self, index: usize) -> bool {
        self.hidden.get(index).copied().unwrap_or(false)
    }

    /// The slide a prompt-only command refers to: the current one.
    fn prompt_at(&self, note: usize) -> Option<PromptKey> {
        let is_prompt = self
            .prompts
            .get(self.current)
            .is_some_and(|p| p.contains(&note));
        if is_prompt {
            self.key(self.current, note)
        } else {
            None
        }
    }

    /// Applies `command` at time `now`. Returns whether anything the
    /// presenter or the audience can see changed.
    pub fn apply(&mut self, command: &Command, now: Instant) -> bool {
        // Any navigation ends a break and shows the slide again.
        if self.break_ends.is_some() && (command.is_navigation() || *command == Command::EndBreak) {
            self.end_break(now);
            return true;
        }
        match *command {
            Command::Next => match self.next_index() {
                Some(i) => self.move_to(i, now),
                // Past the last slide: the end screen, as PowerPoint does.
                None if !self.ended && self.screen == Screen::Slide && self.frozen.is_none() => {
                    self.ended = true;
                    self.screen = Screen::Black;
                    true
                }
                None => false,
            },
            // Back from the end screen to the last slide, where it was.
            Command::Previous if self.ended => self.toggle_screen(Screen::Slide),
            Command::Previous => self.previous_index().is_some_and(|i| self.move_to(i, now)),
            Command::First => self.jump_to(0, now),
            Command::Last => self.jump_to(self.hidden.len().saturating_sub(1), now),
            Command::GoTo(index) => index < self.hidden.len() && self.jump_to(index, now),
            Command::Back => match self.previous_position {
                Some(index) if index < self.hidden.len() => self.jump_to(index, now),
                _ => false,
            },
            Command::ToggleFreeze => {
                self.frozen = match self.frozen {
                    Some(_) => None,
                    None => Some(self.current),
                };
                true
            }
            Command::Unfreeze => self.frozen.take().is_some(),
            Command::ToggleBlackout => self.toggle_screen(Screen::Black),
            Command::ToggleWhiteout => self.toggle_screen(Screen::White),
            Command::ShowSlide => self.toggle_screen(Screen::Slide),
            Command::EndTalk => {
                if self.ended && !self.timer.is_running() {
                    return false;
                }
                self.break_ends = None;
                self.resume_after_break = false;
                self.discussion = None;
                self.frozen = None;
                if self.timer.is_running() {
                    self.timer.toggle(now);
                }
                self.ended = true;
                self.screen = Screen::Black;
                true
            }
            Command::ToggleTimer => {
                self.timer.toggle(now);
                true
            }
            Command::ResetTimer => self.timer.reset(),
            Command::UndoResetTimer => self.timer.undo_reset(),
            Command::StartDiscussion { seconds, prompt } => {
                let length = Duration::from_secs(u64::from(seconds.max(1)));
                self.discussion = Some(Discussion {
                    ends: now + length,
                    length,
                    slide: self.current,
                    prompt,
                });
                true
            }
            Command::StopDiscussion => self.discussion.take().is_some(),
            Command::ToggleDiscussion => {
                if self.discussion.take().is_some() {
                    return true;
                }
                let prompt = self
                    .prompts
                    .get(self.current)
                    .into_iter()
                    .flatten()
                    .copied()
                    .find(|&n| !self.is_covered(self.current, n));
                let minutes = prompt
                    .and_then(|n| {
                        self.prompt_minutes
                            .get(self.current)?
                            .get(n)
                            .copied()
                            .flatten()
                    })
                    .unwrap_or(f64::from(DEFAULT_DISCUSSION_MINUTES));
                let seconds = (minutes * 60.0).round().clamp(1.0, 24.0 * 3600.0) as u32;
                self.apply(&Command::StartDiscussion { seconds, prompt }, now)
            }
            Command::ToggleDiscussionOnAudience => {
                self.discussion_on_audience = !self.discussion_on_audience;
                true
            }
            Command::StartBreak { minutes } => {
                self.break_ends = Some(now + Duration::from_secs(u64::from(minutes.max(1)) * 60));
                // A break is not talk time: pause a running timer for it.
                if self.timer.is_running() {
                    self.timer.toggle(now);
                    self.resume_after_break = true;
                }
                true
            }
            Command::EndBreak => false,
            Command::ToggleIdeas(note) => match self.prompt_at(note) {
                Some(key) => {
                    toggle(&mut self.ideas_open, key);
                    true
                }
                None => false,
            },
            Command::ToggleAllIdeas => {
                let keys: Vec<PromptKey> = self
                    .prompts
                    .get(self.current)
                    .into_iter()
                    .flatten()
                    .filter_map(|&n| self.key(self.current, n))
                    .collect();
                if keys.is_empty() {
                    return false;
                }
                let all_open = keys.iter().all(|k| self.ideas_open.contains(k));
                for key in keys {
                    if all_open {
                        self.ideas_open.remove(&key);
                    } else {
                        self.ideas_open.insert(key);
                    }
                }
                true
            }
            Command::ToggleCovered(note) => match self.prompt_at(note) {
                Some(key) => {
                    toggle(&mut self.covered, key);
                    true
                }
                None => false,
            },
        }
    }

    fn end_break(&mut self, now: Instant) {
        self.break_ends = None;
        if std::mem::take(&mut self.resume_after_break) && !self.timer.is_running() {
            self.timer.toggle(now);
        }
    }

    fn toggle_screen(&mut self, screen: Screen) -> bool {
        self.ended = false;
        let new = if self.screen == screen || screen == Screen::Slide {
            Screen::Slide
        } else {
            screen
        };
        let changed = new != self.screen;
        self.screen = new;
        changed
    }

    /// A jump (first, last, go-to, back, overview) remembers where it came
    /// from.
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
        if std::mem::take(&mut self.ended) {
            self.screen = Screen::Slide;
        }
        self.current = index;
        // The talk starts with the first move away from the title; a timer
        // that was paused stays paused.
        self.timer.start(now);
        true
    }

    /// Takes a reloaded `deck`, staying on the slide with the same id (else
    /// the same number, clamped) and keeping the timer, the screen, ticks
    /// and open idea lists. A frozen slide that no longer exists is
    /// clamped.
    pub fn replace_deck(&mut self, deck: &Deck) {
        let current_id = self.ids.get(self.current).cloned();
        let frozen_id = self.frozen.and_then(|i| self.ids.get(i).cloned());
        self.read_deck(deck);
        let last = self.hidden.len().saturating_sub(1);
        let find = |id: Option<&String>, fallback: usize| {
            id.and_then(|id| deck.slides.iter().position(|s| &s.id == id))
                .unwrap_or(fallback.min(last))
        };
        self.current = find(current_id.as_ref(), self.current);
        self.frozen = self.frozen.map(|f| find(frozen_id.as_ref(), f));
        self.previous_position = self.previous_position.filter(|&p| p <= last);
        if self.discussion.is_some_and(|d| d.slide > last) {
            self.discussion = None;
        }
    }
}

fn toggle(set: &mut BTreeSet<PromptKey>, key: PromptKey) {
    if !set.remove(&key) {
        set.insert(key);
    }
}
