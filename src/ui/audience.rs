//! The audience view: only the slide, letterboxed, nothing else.

use egui::{Sense, Ui};

use super::slide::paint_slide;
use super::tokens;
use crate::deck::Deck;
use crate::show::Presentation;

/// Fills `ui` with the current slide (or blackout/whiteout) of `deck`.
/// Without a deck the window is black.
pub fn audience_ui(ui: &mut Ui, deck: Option<&Deck>, presentation: &Presentation) {
    let rect = ui.max_rect();
    let _ = ui.allocate_rect(rect, Sense::hover());
    match deck {
        Some(deck) => {
            paint_slide(
                ui.painter(),
                rect,
                deck,
                presentation.current(),
                presentation.screen(),
            );
        }
        None => {
            ui.painter().rect_filled(rect, 0.0, tokens::BLACKOUT);
        }
    }
}
