//! Showing the room where to look: the laser pointer, the spotlight, the
//! zoom, and ink (pen and highlighter) drawn on a slide. UI-free: every
//! place is in slide coordinates (0..1 from the slide's top-left corner),
//! so a drawing stays where it was put at any window size, and time is
//! passed in.
//!
//! [`Pointing`] is the presenter's tool and what it points at; [`Ink`] is
//! what was drawn, slide by slide, for this session only: it never touches
//! the deck file.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

mod ink;

pub use ink::{
    ERASER_RADIUS, HIGHLIGHTER_OPACITY, HIGHLIGHTER_WIDTH, INK_MAX_STROKE_POINTS, INK_MIN_STEP,
    Ink, InkColor, InkKind, PEN_WIDTH, Stroke,
};

/// A place on a slide: 0..1 from the left, 0..1 from the top.
pub type SlidePoint = [f32; 2];

/// How long the laser pointer stays on the audience view without moving.
pub const POINTER_HIDES_AFTER: Duration = Duration::from_secs(3);

/// The spotlight's radius, as a fraction of the slide's height: the
/// default, the smallest and the largest.
pub const SPOTLIGHT_RADIUS: f32 = 0.15;
/// The smallest spotlight.
pub const SPOTLIGHT_MIN: f32 = 0.05;
/// The largest spotlight (most of the slide).
pub const SPOTLIGHT_MAX: f32 = 0.45;
/// One +/- step of the spotlight's size.
pub const SPOTLIGHT_STEP: f32 = 1.2;

/// The zoom key's magnification.
pub const ZOOM_STEP: f32 = 2.0;
/// The most cuecard magnifies: beyond this a PDF page would be rendered
/// larger than a GPU texture can be.
pub const ZOOM_MAX: f32 = 4.0;
/// A dragged zoom box smaller than this (of the slide's width) is a click.
pub const ZOOM_BOX_MIN: f32 = 0.03;

/// What a press on the console's slide preview does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tool {
    /// A click on the preview is the next slide.
    #[default]
    Advance,
    /// The laser pointer: the mouse over the preview shows a dot on the
    /// audience view at the same place of the slide; clicks do not advance.
    Pointer,
    /// The spotlight: everything but a circle around the pointer is dimmed.
    Spotlight,
    /// Zoom: drag a box on the preview to magnify it; a click magnifies
    /// twice around that place.
    Zoom,
    /// The pen: drag on the preview to draw.
    Pen,
    /// The highlighter: a wide, see-through stroke.
    Highlighter,
    /// The eraser: a stroke it touches goes.
    Eraser,
}

impl Tool {
    /// Every tool, in the order the console's toolbar lists them.
    pub const ALL: [Self; 7] = [
        Self::Advance,
        Self::Pointer,
        Self::Spotlight,
        Self::Zoom,
        Self::Pen,
        Self::Highlighter,
        Self::Eraser,
    ];

    /// Its name on the toolbar and in the help.
    pub fn name(self) -> &'static str {
        match self {
            Self::Advance => "Arrow",
            Self::Pointer => "Laser pointer",
            Self::Spotlight => "Spotlight",
            Self::Zoom => "Zoom",
            Self::Pen => "Pen",
            Self::Highlighter => "Highlighter",
            Self::Eraser => "Eraser",
        }
    }

    /// Whether moving the mouse over the slide points with this tool.
    pub fn points(self) -> bool {
        matches!(self, Self::Pointer | Self::Spotlight)
    }

    /// Whether this tool draws.
    pub fn inks(self) -> bool {
        matches!(self, Self::Pen | Self::Highlighter)
    }
}

/// How the laser pointer looks on the audience view. Each has a light or
/// dark edge, so it shows on dark and light slides and on PDF pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PointerStyle {
    /// A red dot with a light halo (the classic laser).
    #[default]
    RedDot,
    /// A larger green dot with a dark edge (seen from the back row, and by
    /// people who cannot tell red from the slide).
    GreenDot,
    /// A yellow ring with a dark edge, leaving what it circles readable.
    Ring,
}

impl PointerStyle {
    /// Every style, in the order Shift+L goes through them.
    pub const ALL: [Self; 3] = [Self::RedDot, Self::GreenDot, Self::Ring];

    /// Its name, for the console.
    pub fn name(self) -> &'static str {
        match self {
            Self::RedDot => "Red dot",
            Self::GreenDot => "Green dot",
            Self::Ring => "Yellow ring",
        }
    }

    /// The next style, round to the first.
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::RedDot => Self::GreenDot,
            Self::GreenDot => Self::Ring,
            Self::Ring => Self::RedDot,
        }
    }
}

/// `at` moved onto the slide (a place that is not a number: the middle).
fn clamp(at: SlidePoint) -> SlidePoint {
    let c = |v: f32| {
        if v.is_finite() {
            v.clamp(0.0, 1.0)
        } else {
            0.5
        }
    };
    [c(at[0]), c(at[1])]
}

/// A magnified part of one slide.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Zoom {
    /// The slide it magnifies; another slide is shown whole.
    pub slide: usize,
    /// The middle of what is shown, in slide coordinates.
    pub center: SlidePoint,
    /// How much larger (above 1, at most [`ZOOM_MAX`]).
    pub factor: f32,
}

impl Zoom {
    /// `factor` times around `at` of `slide`, moved in so that nothing
    /// beyond the slide's edge shows.
    pub fn around(slide: usize, at: SlidePoint, factor: f32) -> Self {
        let factor = if factor.is_finite() {
            factor.clamp(1.0, ZOOM_MAX)
        } else {
            ZOOM_STEP
        };
        let half = 0.5 / factor;
        let at = clamp(at);
        Self {
            slide,
            center: [at[0].clamp(half, 1.0 - half), at[1].clamp(half, 1.0 - half)],
            factor,
        }
    }

    /// The zoom that shows the box from `a` to `b` (its corners, any order)
    /// as large as fits, keeping the slide's shape. `None` for a box too
    /// small to mean one (a click).
    pub fn of_box(slide: usize, a: SlidePoint, b: SlidePoint) -> Option<Self> {
        let (a, b) = (clamp(a), clamp(b));
        let width = (a[0] - b[0]).abs();
        let height = (a[1] - b[1]).abs();
        if width < ZOOM_BOX_MIN && height < ZOOM_BOX_MIN {
            return None;
        }
        let factor = (1.0 / width.max(height)).clamp(1.0, ZOOM_MAX);
        Some(Self::around(
            slide,
            [f32::midpoint(a[0], b[0]), f32::midpoint(a[1], b[1])],
            factor,
        ))
    }

    /// What part of the slide is shown: left, top, right, bottom.
    pub fn view(&self) -> [f32; 4] {
        let half = 0.5 / self.factor;
        [
            self.center[0] - half,
            self.center[1] - half,
            self.center[0] + half,
            self.center[1] + half,
        ]
    }
}

/// The presenter's pointing tool and what it points at now.
#[derive(Debug, Clone, PartialEq)]
pub struct Pointing {
    /// What a press on the preview does.
    pub tool: Tool,
    /// How the laser pointer looks.
    pub style: PointerStyle,
    /// Where the mouse is on the slide and when it last moved, while the
    /// tool points (or the pointer is held).
    pub pointer: Option<(SlidePoint, Instant)>,
    /// The pointer is shown while a modifier is held, whatever the tool.
    pub held: bool,
    /// Where the mouse is over the slide preview, whatever the tool (for
    /// the zoom key).
    pub hover: Option<SlidePoint>,
    /// The spotlight's radius, of the slide's height.
    pub spotlight: f32,
    /// The magnified part of the slide, if any.
    pub zoom: Option<Zoom>,
    /// The pen's colour.
    pub pen: InkColor,
    /// The highlighter's colour.
    pub highlighter: InkColor,
}

impl Default for Pointing {
    fn default() -> Self {
        Self {
            tool: Tool::Advance,
            style: PointerStyle::RedDot,
            pointer: None,
            held: false,
            hover: None,
            spotlight: SPOTLIGHT_RADIUS,
            zoom: None,
            pen: InkColor::Red,
            highlighter: InkColor::Yellow,
        }
    }
}

/// What the room sees of the pointing on slide `slide` at some moment.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RoomMarks {
    /// The laser pointer, in its style.
    pub pointer: Option<(SlidePoint, PointerStyle)>,
    /// The spotlight: its centre and radius (of the slide's height).
    pub spotlight: Option<(SlidePoint, f32)>,
    /// The part of the slide shown: left, top, right, bottom.
    pub zoom: Option<[f32; 4]>,
}

impl Pointing {
    /// Picks `tool`; picking the tool in use puts it away (back to the
    /// arrow). The pointer starts afresh.
    pub fn choose(&mut self, tool: Tool) {
        self.tool = if self.tool == tool {
            Tool::Advance
        } else {
            tool
        };
        self.pointer = None;
        self.held = false;
    }

    /// The mouse is at `at` on the slide (`None`: off it). Taken while the
    /// tool points or the pointer is held. Returns whether it changed.
    pub fn point_at(&mut self, at: Option<SlidePoint>, now: Instant) -> bool {
        let at = at.filter(|_| self.tool.points() || self.held).map(clamp);
        // Only a move restarts the time before the pointer hides.
        let changed = self.pointer.map(|(p, _)| p) != at;
        if changed {
            self.pointer = at.map(|at| (at, now));
        }
        changed
    }

    /// A modifier is held (`Some`, with where the mouse is) or let go
    /// (`None`). Returns whether anything the room sees changed.
    pub fn hold(&mut self, at: Option<SlidePoint>, now: Instant) -> bool {
        if let Some(at) = at {
            self.held = true;
            return self.point_at(Some(at), now);
        }
        let was = self.held;
        self.held = false;
        if !self.tool.points() && self.pointer.is_some() {
            self.pointer = None;
            return true;
        }
        was
    }

    /// The spotlight `factor` times larger, within its limits. Returns
    /// whether it changed.
    pub fn size_spotlight(&mut self, factor: f32) -> bool {
        if !factor.is_finite() || factor <= 0.0 {
            return false;
        }
        let radius = (self.spotlight * factor).clamp(SPOTLIGHT_MIN, SPOTLIGHT_MAX);
        let changed = (radius - self.spotlight).abs() > f32::EPSILON;
        self.spotlight = radius;
        changed
    }

    /// The zoom key on `slide`: leaves the zoom if the slide is magnified,
    /// else magnifies it [`ZOOM_STEP`] times around the pointer, or the
    /// mouse over the preview, or the middle.
    pub fn toggle_zoom(&mut self, slide: usize) {
        if self.zoomed(slide) {
            self.zoom = None;
        } else {
            let at = self
                .pointer
                .map(|(at, _)| at)
                .or(self.hover)
                .unwrap_or([0.5, 0.5]);
            self.zoom = Some(Zoom::around(slide, at, ZOOM_STEP));
        }
    }

    /// Whether `slide` is magnified.
    pub fn zoomed(&self, slide: usize) -> bool {
        self.zoom.is_some_and(|z| z.slide == slide)
    }

    /// The colour the tool in use draws in.
    pub fn ink_color(&self) -> InkColor {
        match self.tool {
            Tool::Highlighter => self.highlighter,
            _ => self.pen,
        }
    }

    /// Sets the colour of the tool in use (the pen's, unless the
    /// highlighter is in hand).
    pub fn set_ink_color(&mut self, color: InkColor) -> bool {
        let slot = match self.tool {
            Tool::Highlighter => &mut self.highlighter,
            _ => &mut self.pen,
        };
        let changed = *slot != color;
        *slot = color;
        changed
    }

    /// What the room sees on `slide` at `now`: the pointer while it moved
    /// within [`POINTER_HIDES_AFTER`], the spotlight while the mouse is on
    /// the slide (it does not fade: the presenter talks about what it
    /// shows), and the zoom of that slide.
    pub fn room(&self, slide: usize, now: Instant) -> RoomMarks {
        let fresh = self
            .pointer
            .filter(|(_, moved)| now.saturating_duration_since(*moved) < POINTER_HIDES_AFTER)
            .map(|(at, _)| at);
        let spotlight = (self.tool == Tool::Spotlight)
            .then_some(self.pointer)
            .flatten()
            .map(|(at, _)| (at, self.spotlight));
        let pointer = if spotlight.is_some() {
            None
        } else if self.tool == Tool::Pointer || self.held {
            fresh.map(|at| (at, self.style))
        } else {
            None
        };
        RoomMarks {
            pointer,
            spotlight,
            zoom: self.zoom.filter(|z| z.slide == slide).map(|z| z.view()),
        }
    }

    /// When the room's pointer hides by itself, if it will.
    pub fn hides_at(&self) -> Option<Instant> {
        let (_, moved) = self.pointer?;
        (self.tool == Tool::Pointer || self.held).then(|| moved + POINTER_HIDES_AFTER)
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::many_single_char_names
)]
mod tests {
    use super::*;

    fn at(x: f32, y: f32) -> SlidePoint {
        [x, y]
    }

    #[test]
    fn zoom_stays_inside_the_slide_and_a_box_keeps_its_shape() {
        let z = Zoom::around(0, at(0.05, 0.95), 2.0);
        assert_eq!(z.view(), [0.0, 0.5, 0.5, 1.0], "moved in from the corner");
        let z = Zoom::of_box(0, at(0.6, 0.6), at(0.4, 0.5)).unwrap();
        assert!(
            (z.factor - 5.0_f32.min(ZOOM_MAX)).abs() < 1e-4,
            "{}",
            z.factor
        );
        let [l, t, r, b] = z.view();
        assert!(
            l <= 0.4 && r >= 0.6 && t <= 0.5 && b >= 0.6,
            "{:?}",
            z.view()
        );
        assert_eq!(
            Zoom::of_box(0, at(0.5, 0.5), at(0.51, 0.51)),
            None,
            "a click"
        );
        assert_eq!(Zoom::around(0, at(0.5, 0.5), 100.0).factor, ZOOM_MAX);
    }

    #[test]
    fn the_zoom_key_magnifies_around_the_pointer_and_again_leaves() {
        let now = Instant::now();
        let mut p = Pointing::default();
        p.choose(Tool::Pointer);
        p.point_at(Some(at(0.7, 0.3)), now);
        p.toggle_zoom(4);
        assert!(p.zoomed(4));
        let view = p.room(4, now).zoom.unwrap();
        for (got, want) in view.iter().zip([0.45, 0.05, 0.95, 0.55]) {
            assert!((got - want).abs() < 1e-5, "{view:?}");
        }
        assert_eq!(p.room(5, now).zoom, None, "another slide is whole");
        p.toggle_zoom(4);
        assert!(!p.zoomed(4));
    }

    #[test]
    fn the_pointer_hides_when_still_and_shows_only_with_a_pointing_tool() {
        let now = Instant::now();
        let mut p = Pointing::default();
        assert!(
            !p.point_at(Some(at(0.5, 0.5)), now),
            "the arrow does not point"
        );
        p.choose(Tool::Pointer);
        assert!(p.point_at(Some(at(0.5, 0.5)), now));
        assert_eq!(
            p.room(0, now).pointer,
            Some((at(0.5, 0.5), PointerStyle::RedDot))
        );
        let later = now + POINTER_HIDES_AFTER;
        assert_eq!(p.room(0, later).pointer, None, "hidden when still");
        assert_eq!(p.hides_at(), Some(later));
        p.choose(Tool::Pointer);
        assert_eq!(p.tool, Tool::Advance, "the same tool again puts it away");
        assert_eq!(p.room(0, now), RoomMarks::default());
    }

    #[test]
    fn a_held_modifier_shows_the_pointer_until_it_is_let_go() {
        let now = Instant::now();
        let mut p = Pointing::default();
        assert!(p.hold(Some(at(0.2, 0.2)), now));
        assert!(p.room(0, now).pointer.is_some());
        assert!(p.hold(None, now));
        assert_eq!(p.room(0, now).pointer, None);
        assert!(!p.point_at(Some(at(0.3, 0.3)), now), "not held any more");
    }

    #[test]
    fn the_spotlight_follows_the_mouse_does_not_fade_and_sizes_within_limits() {
        let now = Instant::now();
        let mut p = Pointing::default();
        p.choose(Tool::Spotlight);
        p.point_at(Some(at(0.3, 0.6)), now);
        let later = now + POINTER_HIDES_AFTER * 10;
        assert_eq!(
            p.room(0, later).spotlight,
            Some((at(0.3, 0.6), SPOTLIGHT_RADIUS))
        );
        assert_eq!(p.room(0, later).pointer, None, "no dot in the light");
        assert_eq!(p.hides_at(), None);
        for _ in 0..50 {
            p.size_spotlight(SPOTLIGHT_STEP);
        }
        assert_eq!(p.spotlight, SPOTLIGHT_MAX);
        assert!(!p.size_spotlight(SPOTLIGHT_STEP));
        assert!(!p.size_spotlight(f32::NAN));
        p.point_at(None, later);
        assert_eq!(p.room(0, later).spotlight, None, "off the slide, no light");
    }

    #[test]
    fn pen_and_highlighter_keep_their_own_colours() {
        let mut p = Pointing::default();
        p.choose(Tool::Pen);
        assert!(p.set_ink_color(InkColor::Blue));
        p.choose(Tool::Highlighter);
        assert_eq!(p.ink_color(), InkColor::Yellow);
        p.set_ink_color(InkColor::Green);
        p.choose(Tool::Pen);
        assert_eq!(p.ink_color(), InkColor::Blue);
        assert_eq!(InkColor::White.next(), InkColor::Red);
        assert_eq!(PointerStyle::Ring.next(), PointerStyle::RedDot);
    }
}
