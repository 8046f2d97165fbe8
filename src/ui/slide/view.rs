//! [`SlideView`]: the one widget that paints a slide, shared by every
//! surface, with its overlays drawn once in their reserved places.

use egui::{Painter, Pos2, Rect, Response, Sense, Ui, Vec2, pos2};

use super::super::tokens::{self, size};
use super::layout::{Fitting, decorated, layout_fitted, zones};
use super::paint::{
    Band, paint_band, paint_content, paint_ink, paint_logo, paint_page, paint_pointer,
    paint_qr_codes, paint_spotlight,
};
use super::{ASPECT, SlideSource, canvas, canvas_with_aspect};
use crate::deck::{Deck, Layout};
use crate::show::Screen;
use crate::show::pointing::{RoomMarks, Stroke};

/// Who looks at a slide. The room never sees a technical message: a
/// picture that cannot be shown is a quiet placeholder there, while the
/// console says why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// The audience view (and what the console shows as "the audience
    /// sees", which must look the same).
    Audience,
    /// The presenter's own previews and the overview.
    Console,
}

/// A slide to paint: which one, from which pictures, for whom, and with
/// which overlays. Build it, then [`SlideView::show`] it in a `Ui` or
/// [`SlideView::paint`] it with a painter.
pub struct SlideView<'a> {
    deck: &'a Deck,
    index: usize,
    source: &'a dyn SlideSource,
    screen: Screen,
    surface: Surface,
    number: Option<(usize, usize)>,
    countdown: Option<String>,
    marks: Marks<'a>,
}

/// What the presenter shows the room on a slide: the laser pointer, the
/// spotlight, the zoom and the ink, all in slide coordinates.
#[derive(Debug, Clone, Copy, Default)]
pub struct Marks<'a> {
    /// The pointer, spotlight and zoom.
    pub room: RoomMarks,
    /// The slide's finished strokes.
    pub strokes: &'a [Stroke],
    /// The stroke being drawn.
    pub drawing: Option<&'a Stroke>,
}

/// What [`SlideView::paint`] painted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Painted {
    /// The whole slide's canvas, in points: inside the letterbox, or, when
    /// zoomed, larger than the screen (only its zoomed part shows).
    pub canvas: Rect,
    /// How the content fitted.
    pub fitting: Fitting,
}

/// What [`SlideView::show`] gives back.
pub struct SlideResponse {
    /// The widget's response (clicks, hover).
    pub response: Response,
    /// The whole slide's canvas, in points (larger than the screen when
    /// zoomed).
    pub canvas: Rect,
    /// Where the pointer is on the slide, in slide coordinates (0..1 from
    /// the top-left corner), when it is over the canvas.
    pub pointer: Option<Pos2>,
    /// How the content fitted.
    pub fitting: Fitting,
}

impl<'a> SlideView<'a> {
    /// Slide `index` of `deck`, pictures from `source`, for the room,
    /// numbered `index + 1 / slides`, with no count-down and no marks.
    pub fn new(deck: &'a Deck, index: usize, source: &'a dyn SlideSource) -> Self {
        Self {
            deck,
            index,
            source,
            screen: Screen::Slide,
            surface: Surface::Audience,
            number: Some((index + 1, deck.slides.len())),
            countdown: None,
            marks: Marks::default(),
        }
    }

    /// The slide, or the black or white screen instead.
    #[must_use]
    pub fn screen(mut self, screen: Screen) -> Self {
        self.screen = screen;
        self
    }

    /// Who looks at it.
    #[must_use]
    pub fn surface(mut self, surface: Surface) -> Self {
        self.surface = surface;
        self
    }

    /// The slide number shown in the footer ("n / of"), or none (a hidden
    /// slide has no number in the room). Shown only when the deck's
    /// footer asks for slide numbers.
    #[must_use]
    pub fn number(mut self, number: Option<(usize, usize)>) -> Self {
        self.number = number;
        self
    }

    /// The discussion count-down to show in the band ("2:41").
    #[must_use]
    pub fn countdown(mut self, countdown: Option<String>) -> Self {
        self.countdown = countdown;
        self
    }

    /// The laser pointer, spotlight, zoom and ink to show on the slide.
    #[must_use]
    pub fn marks(mut self, marks: Marks<'a>) -> Self {
        self.marks = marks;
        self
    }

    /// The canvas the slide takes in `outer`: 16:9, or a PDF page's shape.
    pub fn canvas_in(&self, outer: Rect) -> Rect {
        let aspect = self
            .deck
            .slides
            .get(self.index)
            .and_then(crate::deck::Slide::page_index)
            .and_then(|page| self.source.page_aspect(page))
            .unwrap_or(ASPECT);
        canvas_with_aspect(outer, aspect)
    }

    /// Paints into `outer` (letterboxed), clipped to it.
    pub fn paint(&self, painter: &Painter, outer: Rect) -> Painted {
        let painter = painter.with_clip_rect(outer.intersect(painter.clip_rect()));
        painter.rect_filled(outer, 0.0, tokens::LETTERBOX);
        let fill = match self.screen {
            Screen::Black => Some(tokens::BLACKOUT),
            Screen::White => Some(tokens::WHITEOUT),
            Screen::Slide => None,
        };
        let colors = tokens::slide_colors(self.deck);
        let slide = self.deck.slides.get(self.index);
        let (Some(slide), None) = (slide, fill) else {
            // A black or white screen (or no such slide) keeps only the
            // count-down, in its usual place.
            let canvas = canvas(outer);
            painter.rect_filled(canvas, 0.0, fill.unwrap_or(colors.background));
            let h = canvas.height();
            let margin = h * size::MARGIN;
            let bottom = canvas.bottom() - margin * size::BAND_LIFT;
            let band = Rect::from_min_max(
                pos2(canvas.left() + margin, bottom - h * size::BAND),
                pos2(canvas.right() - margin, bottom),
            );
            let band_content = Band {
                organization: None,
                number: None,
                countdown: self.countdown.as_deref(),
            };
            paint_band(&painter, band, h, self.deck, colors, &band_content);
            return Painted {
                canvas,
                fitting: Fitting::Fits,
            };
        };
        let visible = self.canvas_in(outer);
        // Zoomed, the slide is laid out and rendered at the magnified size
        // (sharp text, a PDF page rendered larger), and only the zoomed
        // part shows.
        let (canvas, painter) = match self.marks.room.zoom {
            Some(view) => (
                zoomed_canvas(visible, view),
                painter.with_clip_rect(visible.intersect(painter.clip_rect())),
            ),
            None => (visible, painter),
        };
        let h = canvas.height();
        painter.rect_filled(canvas, 0.0, colors.background);
        if let Some(page) = slide.page_index() {
            let ppp = painter.pixels_per_point();
            let place_px = (canvas.width() * ppp, canvas.height() * ppp);
            paint_page(
                &painter,
                canvas,
                &self.source.page(page, place_px),
                page,
                self.surface,
            );
        }
        let zones = zones(canvas, self.deck, slide);
        let (placed, fitting) = layout_fitted(&painter, &zones, h, self.deck, slide);
        let title_rule = slide.page.is_none() && slide.layout != Layout::Title;
        paint_content(
            &painter,
            &placed,
            h,
            colors,
            self.source,
            self.surface,
            title_rule,
        );
        paint_qr_codes(&painter, &zones, colors);
        let decorate = decorated(self.deck, slide);
        if let (Some(place), Some(logo)) = (zones.logo, &self.deck.logo) {
            paint_logo(
                &painter,
                place,
                &self.source.image(logo),
                colors,
                self.surface,
            );
        }
        let footer = self.deck.footer.as_ref().filter(|_| decorate);
        let band_content = Band {
            organization: footer
                .filter(|f| f.organization)
                .and(self.deck.organization.as_deref()),
            number: footer
                .filter(|f| f.slide_number)
                .and(self.number)
                .map(|(n, of)| format!("{n} / {of}")),
            countdown: self.countdown.as_deref(),
        };
        paint_band(&painter, zones.band, h, self.deck, colors, &band_content);
        self.paint_marks(&painter, canvas, visible.height());
        Painted { canvas, fitting }
    }

    /// The ink, then the spotlight, then the pointer: sized to the screen
    /// (`screen_h`), placed on the slide's `canvas`.
    fn paint_marks(&self, painter: &Painter, canvas: Rect, screen_h: f32) {
        let Marks {
            room,
            strokes,
            drawing,
        } = self.marks;
        paint_ink(painter, canvas, strokes.iter().chain(drawing));
        if let Some((at, radius)) = room.spotlight {
            paint_spotlight(
                painter,
                from_slide(canvas, pos2(at[0], at[1])),
                radius * screen_h,
            );
        }
        if let Some((at, style)) = room.pointer {
            paint_pointer(
                painter,
                from_slide(canvas, pos2(at[0], at[1])),
                screen_h,
                style,
            );
        }
    }

    /// Allocates `size` in `ui` with `sense` and paints there.
    pub fn show(self, ui: &mut Ui, size: Vec2, sense: Sense) -> SlideResponse {
        let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
        self.show_at(ui, rect, sense)
    }

    /// Paints into `rect` of `ui`, which senses `sense` there.
    pub fn show_at(self, ui: &mut Ui, rect: Rect, sense: Sense) -> SlideResponse {
        let response = ui.interact(rect, ui.auto_id_with("cuecard-slide"), sense);
        let painted = self.paint(ui.painter(), rect);
        let pointer = response
            .hover_pos()
            .and_then(|at| to_slide(painted.canvas, at));
        SlideResponse {
            response,
            canvas: painted.canvas,
            pointer,
            fitting: painted.fitting,
        }
    }
}

/// The whole slide's canvas when `view` (left, top, right, bottom, in
/// slide coordinates) of it fills `visible`.
pub fn zoomed_canvas(visible: Rect, view: [f32; 4]) -> Rect {
    let [left, top, right, bottom] = view;
    let (w, h) = (right - left, bottom - top);
    if !(w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite()) {
        return visible;
    }
    let size = Vec2::new(visible.width() / w, visible.height() / h);
    Rect::from_min_size(
        pos2(visible.left() - left * size.x, visible.top() - top * size.y),
        size,
    )
}

/// `at` (points) in slide coordinates of `canvas`, clamped onto the slide
/// (a stroke dragged past the edge stays on it).
pub fn to_slide_clamped(canvas: Rect, at: Pos2) -> Option<Pos2> {
    if canvas.width() <= 0.0 || canvas.height() <= 0.0 {
        return None;
    }
    Some(pos2(
        ((at.x - canvas.left()) / canvas.width()).clamp(0.0, 1.0),
        ((at.y - canvas.top()) / canvas.height()).clamp(0.0, 1.0),
    ))
}

/// `at` (points) in slide coordinates of `canvas` (0..1 both ways), when
/// it is on the canvas.
pub fn to_slide(canvas: Rect, at: Pos2) -> Option<Pos2> {
    if !canvas.contains(at) || canvas.width() <= 0.0 || canvas.height() <= 0.0 {
        return None;
    }
    Some(pos2(
        (at.x - canvas.left()) / canvas.width(),
        (at.y - canvas.top()) / canvas.height(),
    ))
}

/// Slide coordinates `at` (0..1) on `canvas`, in points.
pub fn from_slide(canvas: Rect, at: Pos2) -> Pos2 {
    pos2(
        canvas.left() + at.x.clamp(0.0, 1.0) * canvas.width(),
        canvas.top() + at.y.clamp(0.0, 1.0) * canvas.height(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::vec2;

    #[test]
    fn slide_coordinates_survive_a_different_window_size() {
        let small = Rect::from_min_size(pos2(10.0, 20.0), vec2(320.0, 180.0));
        let large = Rect::from_min_size(pos2(0.0, 0.0), vec2(1920.0, 1080.0));
        let on_small = pos2(10.0 + 80.0, 20.0 + 45.0);
        let slide = to_slide(small, on_small);
        assert_eq!(slide, Some(pos2(0.25, 0.25)));
        assert_eq!(
            slide.map(|s| from_slide(large, s)),
            Some(pos2(480.0, 270.0))
        );
        assert_eq!(to_slide(small, pos2(0.0, 0.0)), None, "off the canvas");
    }

    #[test]
    fn a_zoomed_slide_maps_the_same_slide_place_to_the_same_screen_place() {
        let screen = Rect::from_min_size(pos2(0.0, 0.0), vec2(1600.0, 900.0));
        // The right half, top half, magnified twice.
        let whole = zoomed_canvas(screen, [0.5, 0.0, 1.0, 0.5]);
        assert_eq!(
            whole,
            Rect::from_min_size(pos2(-1600.0, 0.0), vec2(3200.0, 1800.0))
        );
        // The slide's point (0.75, 0.25) is the screen's middle.
        assert_eq!(from_slide(whole, pos2(0.75, 0.25)), pos2(800.0, 450.0));
        assert_eq!(to_slide(whole, pos2(800.0, 450.0)), Some(pos2(0.75, 0.25)));
        assert_eq!(
            zoomed_canvas(screen, [0.5, 0.5, 0.5, 0.9]),
            screen,
            "no area"
        );
    }
}
