//! The egui views. Thin: they read the deck and the presentation and
//! return commands; all behaviour lives in [`crate::show`].

pub mod audience;
pub mod console;
pub mod fonts;
pub mod notes;
pub mod slide;
pub mod tokens;
