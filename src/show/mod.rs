//! The presentation model, UI-free: current slide, blackout and whiteout,
//! the talk timer, the commands that drive them, the key map and the
//! console's pickers (go-to, overview) with the gestures they resolve.
//!
//! Nothing here imports egui: every behaviour is tested without a window,
//! with time passed in.

pub mod clicker;
mod command;
pub mod hours;
pub mod keys;
pub mod monitors;
mod pacing;
pub mod pickers;
pub mod pointing;
mod presentation;
pub mod screen_plan;
mod timer;

pub use command::{
    AppCommand, Command, DEFAULT_DISCUSSION_MINUTES, ExportKind, LinkTarget, Outside, ShellCommand,
    Tool,
};
pub use pacing::{Pace, pace};
pub use presentation::{
    AudienceShows, Discussion, OVERVIEW_COLUMNS, Presentation, PromptKey, Screen,
};
pub use timer::{TalkTimer, TimerState, format_clock};
