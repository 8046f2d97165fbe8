//! The audience view: only the slide, letterboxed, nothing else; or the
//! black, white or break screen; and, if the presenter chooses, the
//! discussion count-down in the slide's band.

use std::time::Instant;

use chrono::NaiveTime;
use egui::{Align2, FontId, Pos2, Rect, Sense, Ui};

use super::console::wall_at;
use super::slide::{Marks, SlideSource, SlideView, canvas, font_points};
use super::tokens;
use crate::deck::Deck;
use crate::show::hours::format_wall;
use crate::show::pointing::{Ink, Pointing};
use crate::show::{AudienceShows, Presentation, Screen, format_clock};

/// The slide the room sees now (not for a break), with its overlays: the
/// room's slide number and the count-down when the presenter shows it.
/// The console's "The audience sees" preview paints the same view.
pub fn room_slide<'a>(
    deck: &'a Deck,
    presentation: &Presentation,
    now: Instant,
    (pointing, ink): (&Pointing, &'a Ink),
    source: &'a dyn SlideSource,
) -> SlideView<'a> {
    let (index, screen) = match presentation.audience() {
        AudienceShows::Slide(index) => (index, Screen::Slide),
        AudienceShows::Black => (presentation.current(), Screen::Black),
        AudienceShows::White | AudienceShows::Break { .. } => {
            (presentation.current(), Screen::White)
        }
    };
    let countdown = presentation
        .discussion()
        .filter(|_| presentation.discussion_on_audience())
        .map(|d| format_clock(d.remaining(now) + std::time::Duration::from_millis(999)));
    SlideView::new(deck, index, source)
        .screen(screen)
        .number(presentation.room_number(index))
        .countdown(countdown)
        .marks(if screen == Screen::Slide {
            Marks {
                room: pointing.room(index, now),
                strokes: ink.strokes(index),
                drawing: ink.drawing(index),
            }
        } else {
            Marks::default()
        })
}

/// What the audience view gives back: its response (a mouse-mode
/// clicker's clicks) and where the mouse is on the slide.
pub struct AudienceShown {
    /// The view's response.
    pub response: egui::Response,
    /// Where the mouse is on the slide, in slide coordinates.
    pub pointer: Option<Pos2>,
}

/// Fills `ui` with what the audience should see (and a large "Audience"
/// label while `identify`), with the presenter's pointer, spotlight, zoom
/// and ink. Without a deck the window is black. Returns the view's
/// response (a mouse-mode clicker's left click there means next, a right
/// click back; the caller sends the commands) and where the mouse is on
/// the slide.
#[allow(clippy::too_many_arguments)]
pub fn audience_ui(
    ui: &mut Ui,
    deck: Option<&Deck>,
    presentation: &Presentation,
    now: Instant,
    wall: NaiveTime,
    identify: bool,
    marks: (&Pointing, &Ink),
    source: &dyn SlideSource,
    hours: crate::show::hours::HourCycle,
) -> AudienceShown {
    if identify {
        super::console::identify_ui(ui, "Audience");
    }
    let rect = ui.max_rect();
    let Some(deck) = deck else {
        let response = ui.allocate_rect(rect, Sense::click());
        ui.painter().rect_filled(rect, 0.0, tokens::BLACKOUT);
        return AudienceShown {
            response,
            pointer: None,
        };
    };
    let (response, pointer) = if let AudienceShows::Break { ends } = presentation.audience() {
        let response = ui.allocate_rect(rect, Sense::click());
        break_screen(ui, rect, deck, ends, now, (wall, hours));
        (response, None)
    } else {
        let shown =
            room_slide(deck, presentation, now, marks, source).show_at(ui, rect, Sense::click());
        (shown.response, shown.pointer)
    };
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            "Audience view; a click or the wheel down is the next slide, a right click or the wheel up goes back",
        )
    });
    AudienceShown { response, pointer }
}

fn break_screen(
    ui: &Ui,
    rect: Rect,
    deck: &Deck,
    ends: Instant,
    now: Instant,
    (wall, hours): (NaiveTime, crate::show::hours::HourCycle),
) {
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
            format!("Back at {}", format_wall(wall_at(wall, now, ends), hours)),
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
