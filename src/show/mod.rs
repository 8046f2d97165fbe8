//! The presentation model, UI-free: current slide, blackout and whiteout,
//! the talk timer, the commands that drive them and the key map.
//!
//! Nothing here imports egui: every behaviour is tested without a window,
//! with time passed in.

mod command;
pub mod keys;
pub mod monitors;
mod pacing;
mod presentation;
mod timer;

pub use command::{Command, DEFAULT_DISCUSSION_MINUTES};
pub use pacing::{Pace, pace};
pub use presentation::{
    AudienceShows, Discussion, OVERVIEW_COLUMNS, Presentation, PromptKey, Screen,
};
pub use timer::{TalkTimer, TimerState, format_clock};
