//! The deck file: schema types, loading, validation and their errors.
//!
//! UI-free: nothing here knows about windows. See `docs/deck-format.md`.

mod diagnostic;
mod load;
mod locator;
mod pages;
pub mod policy;
pub(crate) mod scan;
mod schema;
pub mod sniff;
pub mod theme;
mod validate;

pub use diagnostic::{Diagnostic, Kind, Location, Severity};
pub use load::{
    DeckError, LoadedDeck, MAX_DECK_BYTES, MAX_NESTING, load, parse, ron_options, slide_location,
    to_ron,
};
pub use pages::{CHECK_RENDER_BOX_PX, render_check};
pub use schema::{
    Block, Bullet, Colors, Deck, Fit, Footer, Layout, Link, MAX_BULLET_LEVEL, Note, SCHEMA_VERSION,
    Slide, SlideFont,
};
pub use validate::{MAX_MINUTES, THEMES, shorten, validate};
