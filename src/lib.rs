//! cuecard: a presenter app for in-person trainings.
//!
//! - [`deck`]: the deck file (schema, loading, validation), UI-free.
//! - [`show`]: the presentation model (slides, blackout, talk timer,
//!   commands, keys), UI-free.
//! - [`ui`]: the egui views: slide renderer, audience view, presenter console.
//! - [`app`]: the eframe shell: windows, input, monitors.
//! - [`cli`]: the command line.
//! - [`desktop`]: the ids and icon the desktop knows cuecard by.

pub mod app;
pub mod cli;
pub mod deck;
pub mod desktop;
pub mod preflight;
pub mod settings;
pub mod show;
pub mod ui;

/// The Module 5 deck, embedded at build time from `decks/module5.ron`.
pub const MODULE5_RON: &str = include_str!(concat!(env!("OUT_DIR"), "/module5.ron"));

/// The name the embedded Module 5 deck goes by in messages.
pub const MODULE5_NAME: &str = "decks/module5.ron (built in)";
