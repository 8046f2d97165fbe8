//! Whether each slide fits, found by laying it out without a window at
//! the projector's usual size, for `cuecard check` and the console.

use egui::{LayerId, Pos2, RawInput, Rect, vec2};

use super::layout::{Fitting, MIN_SCALE, layout_fitted, zones};
use crate::deck::{Deck, Diagnostic, Kind, LoadedDeck, Location, Severity};

/// The canvas `check` lays slides out on: a 1920x1080 projector.
pub const CHECK_CANVAS: (f32, f32) = (1920.0, 1080.0);

/// How every slide of `deck` fits a 1920x1080 canvas, laid out with the
/// real fonts in a headless egui context.
pub fn fittings(deck: &Deck) -> Vec<Fitting> {
    let ctx = egui::Context::default();
    super::super::fonts::install(&ctx);
    let input = || RawInput {
        screen_rect: Some(Rect::from_min_size(
            Pos2::ZERO,
            vec2(CHECK_CANVAS.0, CHECK_CANVAS.1),
        )),
        ..RawInput::default()
    };
    // Fonts installed now take effect in the next pass.
    let _ = ctx.run_ui(input(), |_| {});
    let mut out = Vec::with_capacity(deck.slides.len());
    let _ = ctx.run_ui(input(), |ui| {
        let painter = ui.ctx().layer_painter(LayerId::background());
        let canvas = Rect::from_min_size(Pos2::ZERO, vec2(CHECK_CANVAS.0, CHECK_CANVAS.1));
        for slide in &deck.slides {
            let zones = zones(canvas, deck, slide);
            out.push(layout_fitted(&painter, &zones, canvas.height(), deck, slide).1);
        }
    });
    out
}

/// `check`'s notes and warnings for slides that had to shrink (a note) or
/// still do not fit at the smallest size (a warning), each at the slide's
/// `content:` in the deck file.
pub fn fit_diagnostics(loaded: &LoadedDeck) -> Vec<Diagnostic> {
    let source = std::fs::read_to_string(&loaded.path).unwrap_or_default();
    let smallest = (MIN_SCALE * 100.0).round();
    fittings(&loaded.deck)
        .into_iter()
        .enumerate()
        .filter_map(|(index, fitting)| {
            let slide = loaded.deck.slides.get(index)?;
            let location = if source.is_empty() {
                Location::START
            } else {
                crate::deck::slide_location(&source, index, "content")
            };
            let name = format!("slide {} ({:?})", index + 1, slide.id);
            let (severity, message) = match fitting {
                Fitting::Fits => return None,
                Fitting::Shrunk { scale } => (
                    Severity::Note,
                    format!(
                        "{name}: text and images shrunk to {:.0}% to fit a 1920x1080 screen",
                        scale * 100.0
                    ),
                ),
                Fitting::TooFull { over } => (
                    Severity::Warning,
                    format!(
                        "{name}: too full: even shrunk to {smallest:.0}% its text and images run {:.0}% past the bottom of the slide, and the room will not see the end; split the slide or remove an image",
                        (over - 1.0) * 100.0
                    ),
                ),
            };
            Some(Diagnostic::new(
                severity,
                Kind::TooFull,
                &loaded.path,
                location,
                message,
            ))
        })
        .collect()
}
