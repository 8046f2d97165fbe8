//! The lines of a session file: one JSON object per line ("JSON Lines",
//! <https://jsonlines.org>), each an [`Event`] stamped with the session
//! clock and the talk timer.
//!
//! The format is meant to be read by cuecard and, if need be, by a person
//! or a script (`jq`). Every line is self-contained, so a line torn by a
//! crash is simply skipped. Nothing here names or describes a participant.

use serde::{Deserialize, Serialize};

/// Version of the session file format written by this build.
pub const FORMAT_VERSION: u32 = 1;

/// One line of a session file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// Seconds on the session clock: time cuecard was running this
    /// presentation (a resumed session continues from its last line, so
    /// the time cuecard was not running is not counted).
    pub t: f64,
    /// The talk timer's elapsed time at this moment, in seconds.
    pub talk: f64,
    /// What happened.
    #[serde(flatten)]
    pub event: Event,
}

/// The talk timer's state, as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimerMark {
    /// Not started (or reset).
    NotStarted,
    /// Counting.
    Running,
    /// Paused.
    Paused,
}

/// What the audience view shows instead of the slide, as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScreenMark {
    /// The slide.
    Slide,
    /// Blackout.
    Black,
    /// Whiteout.
    White,
    /// The end screen (black), after Next on the last slide or "End the
    /// talk"; not a blackout.
    End,
}

/// A slide's plan, copied from the deck so a session file can be reported
/// on without the deck.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedSlide {
    /// The slide's `id`.
    pub id: String,
    /// The slide's title.
    pub title: String,
    /// Planned minutes (`minutes` in the deck), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<f64>,
    /// Whether the slide is hidden (skipped by next and previous).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// The questions for the room in its speaker notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<PlannedPrompt>,
}

/// A question for the room, copied from the deck.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedPrompt {
    /// Index of the prompt in the slide's notes.
    pub note: usize,
    /// The question.
    pub question: String,
    /// Suggested discussion minutes, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<f64>,
}

/// Something that happened during a presentation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// The first line of every session file.
    Start {
        /// [`FORMAT_VERSION`] of the writer.
        version: u32,
        /// Which deck: its absolute path, or the built-in deck's name (see
        /// [`super::deck_key`]).
        deck: String,
        /// The deck's title.
        title: String,
        /// Local wall-clock time of the start, RFC 3339.
        started: String,
        /// The same moment in milliseconds since 1970 (UTC), for sorting.
        started_unix_ms: i64,
        /// The deck's slides and their plan.
        slides: Vec<PlannedSlide>,
    },
    /// cuecard started again after a crash and the presenter chose to
    /// resume this session.
    Resumed {
        /// Local wall-clock time of the resume, RFC 3339.
        at: String,
        /// The deck's slides and their plan at the resume (the deck may
        /// have changed while cuecard was down).
        slides: Vec<PlannedSlide>,
    },
    /// The console moved to a slide.
    Slide {
        /// Index in the deck, from 0.
        index: usize,
        /// The slide's `id`.
        id: String,
    },
    /// The talk timer started, paused, resumed or was reset.
    Timer {
        /// Its new state.
        state: TimerMark,
    },
    /// Blackout or whiteout on or off.
    Screen {
        /// What the audience view shows now.
        screen: ScreenMark,
    },
    /// A break began.
    BreakStarted {
        /// Planned length, in seconds.
        planned_secs: f64,
    },
    /// The break ended.
    BreakEnded,
    /// A discussion count-down started.
    DiscussionStarted {
        /// The slide it belongs to (`id`).
        slide: String,
        /// The prompt (index in the slide's notes), if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prompt: Option<usize>,
        /// The count-down's length, in seconds.
        planned_secs: f64,
    },
    /// The discussion count-down was stopped (or replaced).
    DiscussionEnded,
    /// A prompt was ticked covered, or unticked.
    Covered {
        /// The slide (`id`).
        slide: String,
        /// The prompt's index in the slide's notes.
        note: usize,
        /// Ticked (true) or unticked (false).
        covered: bool,
    },
    /// The deck was reloaded (a save while presenting); the plan may have
    /// changed.
    Reloaded {
        /// The slides and their plan after the reload.
        slides: Vec<PlannedSlide>,
    },
    /// The audience window was closed.
    AudienceClosed,
    /// The audience window was opened again.
    AudienceOpened,
    /// The presenter parked a question or follow-up from the room.
    Parked {
        /// The slide shown (`id`).
        slide: String,
        /// Its index, from 0.
        index: usize,
        /// Local wall-clock time, `HH:MM`.
        clock: String,
        /// What the presenter typed.
        text: String,
    },
    /// Written about once a second while the talk timer runs, so a crash
    /// loses at most the last second of the timer.
    Heartbeat,
    /// The session ended: `clean` when the presenter quit, not clean when a
    /// crashed session was not resumed (the presenter chose to start fresh).
    Ended {
        /// Whether the presenter quit (true) or the session was abandoned.
        clean: bool,
        /// Local wall-clock time of the end, RFC 3339.
        #[serde(default)]
        at: String,
    },
}

/// The plan of every slide of `deck`.
pub fn plan_of(deck: &crate::deck::Deck) -> Vec<PlannedSlide> {
    deck.slides
        .iter()
        .map(|slide| PlannedSlide {
            id: slide.id.clone(),
            title: slide.title.clone(),
            minutes: slide.minutes,
            hidden: slide.hidden,
            prompts: slide
                .notes
                .iter()
                .enumerate()
                .filter_map(|(note, n)| match n {
                    crate::deck::Note::Prompt {
                        question, minutes, ..
                    } => Some(PlannedPrompt {
                        note,
                        question: question.clone(),
                        minutes: *minutes,
                    }),
                    _ => None,
                })
                .collect(),
        })
        .collect()
}
