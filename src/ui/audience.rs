//! The audience view: only the slide, letterboxed, nothing else; or the
//! black, white or break screen; and, if the presenter chooses, a discreet
//! discussion clock in a corner.

use std::time::Instant;

use chrono::NaiveTime;
use egui::{Align2, FontId, Rect, Sense, Ui, vec2};

use super::console::{format_wall, wall_at};
use super::slide::{ImageLookup, canvas, font_points, paint_slide};
use super::tokens;
use crate::deck::Deck;
use crate::show::{AudienceShows, Presentation, Screen, format_clock};

/// Fills `ui` with what the audience should see (and a large "Audience"
/// label while `identify`). Without a deck the window is black.
pub fn audience_ui(
    ui: &mut Ui,
    deck: Option<&Deck>,
    presentation: &Presentation,
    now: Instant,
    wall: NaiveTime,
    identify: bool,
    images: &dyn ImageLookup,
) {
    if identify {
        super::console::identify_ui(ui, "Audience");
    }
    let rect = ui.max_rect();
    let _ = ui.allocate_rect(rect, Sense::hover());
    let painter = ui.painter();
    let Some(deck) = deck else {
        painter.rect_filled(rect, 0.0, tokens::BLACKOUT);
        return;
    };
    match presentation.audience() {
        AudienceShows::Slide(index) => {
            paint_slide(painter, rect, deck, index, Screen::Slide, images);
        }
        AudienceShows::Black => {
            paint_slide(painter, rect, deck, 0, Screen::Black, images);
        }
        AudienceShows::White => {
            paint_slide(painter, rect, deck, 0, Screen::White, images);
        }
        AudienceShows::Break { ends } => break_screen(ui, rect, deck, ends, now, wall),
    }
    if presentation.discussion_on_audience()
        && let Some(discussion) = presentation.discussion()
        && !matches!(presentation.audience(), AudienceShows::Break { .. })
    {
        let canvas = canvas(rect);
        let ppp = ui.ctx().pixels_per_point();
        let font = FontId::monospace(font_points(canvas.height(), 0.05, ppp));
        let text = format_clock(discussion.remaining(now) + std::time::Duration::from_millis(999));
        let galley = ui
            .painter()
            .layout_no_wrap(text, font, tokens::CORNER_CLOCK_TEXT);
        let margin = canvas.height() * 0.02;
        let size = galley.size() + vec2(margin * 2.0, margin);
        let corner = Rect::from_min_size(canvas.right_bottom() - size - vec2(margin, margin), size);
        ui.painter()
            .rect_filled(corner, margin * 0.5, tokens::CORNER_CLOCK_FILL);
        ui.painter().galley(
            corner.min + vec2(margin, margin * 0.5),
            galley,
            tokens::CORNER_CLOCK_TEXT,
        );
    }
}

fn break_screen(ui: &Ui, rect: Rect, deck: &Deck, ends: Instant, now: Instant, wall: NaiveTime) {
    let painter = ui.painter();
    let canvas = canvas(rect);
    painter.rect_filled(rect, 0.0, tokens::LETTERBOX);
    painter.rect_filled(canvas, 0.0, tokens::BREAK_FILL);
    let ppp = ui.ctx().pixels_per_point();
    let h = canvas.height();
    let left = ends.saturating_duration_since(now);
    let lines = [
        ("Break".to_owned(), 0.07, tokens::BREAK_TEXT),
        (
            format!("Back at {}", format_wall(wall_at(wall, now, ends))),
            0.12,
            tokens::BREAK_TEXT,
        ),
        (
            if left.is_zero() {
                "Starting again now".to_owned()
            } else {
                format_clock(left + std::time::Duration::from_millis(999))
            },
            0.07,
            tokens::BREAK_TEXT,
        ),
        (deck.title.clone(), 0.04, tokens::BREAK_TEXT),
    ];
    let mut y = canvas.top() + h * 0.2;
    for (text, size, color) in lines {
        let font = FontId::proportional(font_points(h, size, ppp));
        let galley = painter.layout(text, font, color, canvas.width() * 0.9);
        let pos = Align2::CENTER_TOP
            .anchor_size(egui::pos2(canvas.center().x, y), galley.size())
            .min;
        y += galley.size().y + h * 0.04;
        painter.galley(pos, galley, color);
    }
}
