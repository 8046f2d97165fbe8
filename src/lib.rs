//! cuecard: a presenter app for in-person trainings.
//!
//! - [`deck`]: the deck file (schema, loading, validation), UI-free.
//! - [`show`]: the presentation model (slides, blackout, talk timer,
//!   commands, keys), UI-free.
//! - [`ui`]: the egui views: slide renderer, audience view, presenter console.
//! - [`app`]: the eframe shell: windows, input, monitors.
//! - [`session`]: the session record, parking lot, resume, report and
//!   rehearsed timings, UI-free.
//! - [`import`]: .pptx decks and .docx/.txt presenter's guides to decks, UI-free.
//! - [`export`]: the presenter's guide and handout as tagged PDFs, UI-free.
//! - [`remote`]: the phone remote's server (UI-free): sends requests,
//!   reads a snapshot.
//! - [`cli`]: the command line.

pub mod app;
pub mod cli;
pub mod deck;
pub mod export;
pub mod import;
pub mod preflight;
pub mod remote;
pub mod session;
pub mod settings;
pub mod show;
pub mod ui;

/// The Module 5 deck, embedded at build time from `decks/module5.ron`.
pub const MODULE5_RON: &str = include_str!(concat!(env!("OUT_DIR"), "/module5.ron"));

/// The name the embedded Module 5 deck goes by in messages.
pub const MODULE5_NAME: &str = "decks/module5.ron (built in)";
