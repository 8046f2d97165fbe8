//! Showing the room where to look: the laser pointer, the spotlight, the
//! zoom, and ink (pen and highlighter) drawn on a slide. UI-free: every
//! place is in slide coordinates (0..1 from the slide's top-left corner),
//! so a drawing stays where it was put at any window size, and time is
//! passed in.
//!
//! [`Pointing`] is the presenter's tool and what it points at; [`Ink`] is
//! what was drawn, slide by slide, for this session only: it never touches
//! the deck file.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

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

/// Points of a stroke closer than this (of the slide's width) to the last
/// one are dropped: a still hand adds nothing.
pub const INK_MIN_STEP: f32 = 0.002;
/// The most points one stroke keeps; a longer drag starts a new stroke
/// where the last one ends, so no single path grows without bound.
pub const INK_MAX_STROKE_POINTS: usize = 4_000;
/// The pen's line width, of the slide's height (on screen and in print).
pub const PEN_WIDTH: f32 = 0.006;
/// The highlighter's line width, of the slide's height.
pub const HIGHLIGHTER_WIDTH: f32 = 0.03;
/// How opaque the highlighter is (0..1).
pub const HIGHLIGHTER_OPACITY: f32 = 0.44;
/// How near (of the slide's height) the eraser must come to a stroke.
pub const ERASER_RADIUS: f32 = 0.02;

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

/// The colours ink comes in: a few that read on light and dark slides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InkColor {
    /// Red.
    Red,
    /// Blue.
    Blue,
    /// Green.
    Green,
    /// Yellow (the highlighter's first colour).
    Yellow,
    /// White, for dark slides.
    White,
}

impl InkColor {
    /// Every colour, in the order C goes through them.
    pub const ALL: [Self; 5] = [
        Self::Red,
        Self::Blue,
        Self::Green,
        Self::Yellow,
        Self::White,
    ];

    /// Its name, for the console and its AccessKit labels.
    pub fn name(self) -> &'static str {
        match self {
            Self::Red => "red",
            Self::Blue => "blue",
            Self::Green => "green",
            Self::Yellow => "yellow",
            Self::White => "white",
        }
    }

    /// Red, green and blue, 0..255.
    pub fn rgb(self) -> [u8; 3] {
        match self {
            Self::Red => [0xE0, 0x1B, 0x24],
            Self::Blue => [0x1C, 0x64, 0xD8],
            Self::Green => [0x1E, 0x9E, 0x3E],
            Self::Yellow => [0xFF, 0xD8, 0x00],
            Self::White => [0xFF, 0xFF, 0xFF],
        }
    }

    /// The next colour, round to the first.
    #[must_use]
    pub fn next(self) -> Self {
        let all = Self::ALL;
        let at = all.iter().position(|c| *c == self).unwrap_or(0);
        all.get(at + 1).copied().unwrap_or(Self::Red)
    }
}

/// What kind of line a stroke is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InkKind {
    /// A thin, opaque line.
    Pen,
    /// A wide, see-through line over what it marks.
    Highlighter,
}

/// One stroke of ink on a slide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stroke {
    /// Pen or highlighter.
    pub kind: InkKind,
    /// Its colour.
    pub color: InkColor,
    /// Where it goes, in slide coordinates; one point is a dot.
    pub points: Vec<SlidePoint>,
}

impl Stroke {
    /// Whether the stroke comes within `radius` of `at` (slide units; the
    /// slide is taken as 16:9 so a circle is round).
    pub fn touches(&self, at: SlidePoint, radius: f32) -> bool {
        let squash = |p: SlidePoint| [p[0] * 16.0 / 9.0, p[1]];
        let at = squash(at);
        let near = |a: SlidePoint, b: SlidePoint| distance_to_segment(at, a, b) <= radius;
        match self.points.as_slice() {
            [] => false,
            [only] => near(squash(*only), squash(*only)),
            points => points
                .windows(2)
                .any(|pair| matches!(pair, [a, b] if near(squash(*a), squash(*b)))),
        }
    }
}

fn distance_to_segment(point: SlidePoint, start: SlidePoint, end: SlidePoint) -> f32 {
    let (dx, dy) = (end[0] - start[0], end[1] - start[1]);
    let length = dx * dx + dy * dy;
    let along = if length > 0.0 {
        (((point[0] - start[0]) * dx + (point[1] - start[1]) * dy) / length).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (x, y) = (
        start[0] + along * dx - point[0],
        start[1] + along * dy - point[1],
    );
    (x * x + y * y).sqrt()
}

/// A step [`Ink::undo`] takes back.
#[derive(Debug, Clone, PartialEq)]
enum Undo {
    /// A stroke was drawn (the last one).
    Drew,
    /// The eraser took these strokes from these places.
    Erased(Vec<(usize, Stroke)>),
    /// The slide was cleared of these strokes.
    Cleared(Vec<Stroke>),
}

/// One slide's ink and how to take it back.
#[derive(Debug, Clone, Default, PartialEq)]
struct SlideInk {
    strokes: Vec<Stroke>,
    undo: Vec<Undo>,
}

/// The ink of this session, slide by slide. Coming back to a slide shows
/// what was drawn on it; nothing here is written to the deck.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ink {
    slides: BTreeMap<usize, SlideInk>,
    /// The stroke being drawn now, and its slide.
    drawing: Option<(usize, Stroke)>,
}

impl Ink {
    /// No ink on any slide.
    pub const fn new() -> Self {
        Self {
            slides: BTreeMap::new(),
            drawing: None,
        }
    }

    /// The finished strokes of `slide`, oldest first.
    pub fn strokes(&self, slide: usize) -> &[Stroke] {
        self.slides.get(&slide).map_or(&[], |ink| &ink.strokes)
    }

    /// The stroke being drawn on `slide`, if any.
    pub fn drawing(&self, slide: usize) -> Option<&Stroke> {
        self.drawing
            .as_ref()
            .filter(|(on, _)| *on == slide)
            .map(|(_, stroke)| stroke)
    }

    /// Whether `slide` has ink (or a stroke being drawn).
    pub fn has_ink(&self, slide: usize) -> bool {
        !self.strokes(slide).is_empty() || self.drawing(slide).is_some()
    }

    /// Whether [`Ink::undo`] would do something on `slide`.
    pub fn can_undo(&self, slide: usize) -> bool {
        self.slides
            .get(&slide)
            .is_some_and(|ink| !ink.undo.is_empty())
    }

    /// The slides that have ink, in order.
    pub fn slides_with_ink(&self) -> Vec<usize> {
        self.slides
            .iter()
            .filter(|(_, ink)| !ink.strokes.is_empty())
            .map(|(slide, _)| *slide)
            .collect()
    }

    /// How many points all the strokes hold.
    pub fn points(&self) -> usize {
        self.slides
            .values()
            .flat_map(|ink| &ink.strokes)
            .map(|s| s.points.len())
            .sum()
    }

    /// Starts a stroke on `slide` at `at` (a stroke left unfinished is
    /// kept first).
    pub fn begin(&mut self, slide: usize, kind: InkKind, color: InkColor, at: SlidePoint) {
        self.end();
        self.drawing = Some((
            slide,
            Stroke {
                kind,
                color,
                points: vec![clamp(at)],
            },
        ));
    }

    /// Carries the stroke being drawn on to `at`. Returns whether it grew
    /// (a move too small to see is dropped).
    pub fn extend(&mut self, at: SlidePoint) -> bool {
        let at = clamp(at);
        let Some((slide, stroke)) = self.drawing.as_mut() else {
            return false;
        };
        let Some(last) = stroke.points.last().copied() else {
            stroke.points.push(at);
            return true;
        };
        let (dx, dy) = (at[0] - last[0], at[1] - last[1]);
        if (dx * dx + dy * dy).sqrt() < INK_MIN_STEP {
            return false;
        }
        stroke.points.push(at);
        if stroke.points.len() >= INK_MAX_STROKE_POINTS {
            // A very long drag goes on as a new stroke from here.
            let (slide, kind, color) = (*slide, stroke.kind, stroke.color);
            self.end();
            self.begin(slide, kind, color, at);
        }
        true
    }

    /// Finishes the stroke being drawn. Returns whether there was one.
    pub fn end(&mut self) -> bool {
        let Some((slide, stroke)) = self.drawing.take() else {
            return false;
        };
        let ink = self.slides.entry(slide).or_default();
        ink.strokes.push(stroke);
        ink.undo.push(Undo::Drew);
        true
    }

    /// Erases every stroke of `slide` that passes within `radius` of `at`.
    /// Returns whether any went.
    pub fn erase_at(&mut self, slide: usize, at: SlidePoint, radius: f32) -> bool {
        let Some(ink) = self.slides.get_mut(&slide) else {
            return false;
        };
        let mut erased = Vec::new();
        let mut index = 0;
        ink.strokes.retain(|stroke| {
            let hit = stroke.touches(at, radius);
            if hit {
                erased.push((index, stroke.clone()));
            }
            index += 1;
            !hit
        });
        if erased.is_empty() {
            return false;
        }
        ink.undo.push(Undo::Erased(erased));
        true
    }

    /// Clears `slide`'s ink (undo brings it back). Returns whether there
    /// was any.
    pub fn clear(&mut self, slide: usize) -> bool {
        if self.drawing(slide).is_some() {
            self.end();
        }
        let Some(ink) = self.slides.get_mut(&slide) else {
            return false;
        };
        if ink.strokes.is_empty() {
            return false;
        }
        let strokes = std::mem::take(&mut ink.strokes);
        ink.undo.push(Undo::Cleared(strokes));
        true
    }

    /// Takes back the last drawing, erasing or clearing on `slide`.
    /// Returns whether there was one.
    pub fn undo(&mut self, slide: usize) -> bool {
        if self.drawing(slide).is_some() {
            self.end();
        }
        let Some(ink) = self.slides.get_mut(&slide) else {
            return false;
        };
        match ink.undo.pop() {
            None => false,
            Some(Undo::Drew) => ink.strokes.pop().is_some(),
            Some(Undo::Erased(erased)) => {
                for (index, stroke) in erased {
                    let index = index.min(ink.strokes.len());
                    ink.strokes.insert(index, stroke);
                }
                true
            }
            Some(Undo::Cleared(strokes)) => {
                ink.strokes = strokes;
                true
            }
        }
    }

    /// Moves each slide's ink to where `to` says that slide is now (the
    /// deck was edited and loaded again); ink of a slide that is gone is
    /// dropped.
    pub fn remap(&mut self, to: impl Fn(usize) -> Option<usize>) {
        self.end();
        let old = std::mem::take(&mut self.slides);
        for (slide, ink) in old {
            if let Some(now) = to(slide) {
                self.slides.insert(now, ink);
            }
        }
    }
}

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
    fn a_stroke_stays_on_its_slide_and_undo_takes_it_back() {
        let mut ink = Ink::default();
        ink.begin(3, InkKind::Pen, InkColor::Red, at(0.1, 0.1));
        assert!(ink.extend(at(0.2, 0.2)));
        assert!(!ink.extend(at(0.2005, 0.2)), "a still hand adds nothing");
        assert!(ink.drawing(3).is_some() && ink.drawing(4).is_none());
        assert!(ink.end());
        assert_eq!(ink.strokes(3).len(), 1);
        assert_eq!(ink.strokes(3)[0].points, vec![at(0.1, 0.1), at(0.2, 0.2)]);
        assert!(ink.strokes(4).is_empty());
        assert!(ink.undo(3));
        assert!(ink.strokes(3).is_empty());
        assert!(!ink.undo(3), "nothing more to undo");
    }

    #[test]
    fn the_eraser_takes_what_it_touches_and_undo_puts_it_back_in_place() {
        let mut ink = Ink::default();
        for y in [0.2, 0.5, 0.8] {
            ink.begin(0, InkKind::Pen, InkColor::Blue, at(0.1, y));
            ink.extend(at(0.9, y));
            ink.end();
        }
        assert!(
            !ink.erase_at(0, at(0.5, 0.35), ERASER_RADIUS),
            "between lines"
        );
        assert!(ink.erase_at(0, at(0.5, 0.505), ERASER_RADIUS));
        let ys: Vec<f32> = ink.strokes(0).iter().map(|s| s.points[0][1]).collect();
        assert_eq!(ys, vec![0.2, 0.8]);
        assert!(ink.undo(0));
        let ys: Vec<f32> = ink.strokes(0).iter().map(|s| s.points[0][1]).collect();
        assert_eq!(ys, vec![0.2, 0.5, 0.8], "back where it was");
    }

    #[test]
    fn clearing_a_slide_can_be_undone_and_leaves_other_slides_alone() {
        let mut ink = Ink::default();
        for slide in [1, 2] {
            ink.begin(slide, InkKind::Highlighter, InkColor::Yellow, at(0.3, 0.3));
            ink.end();
        }
        assert!(ink.clear(1));
        assert!(!ink.has_ink(1));
        assert!(ink.has_ink(2));
        assert!(!ink.clear(1), "nothing left to clear");
        assert!(ink.undo(1));
        assert_eq!(ink.strokes(1).len(), 1);
        assert_eq!(ink.slides_with_ink(), vec![1, 2]);
    }

    #[test]
    fn a_very_long_drag_goes_on_as_new_strokes_without_a_gap() {
        let mut ink = Ink::default();
        ink.begin(0, InkKind::Pen, InkColor::Red, at(0.0, 0.5));
        // Back and forth across the slide, each move 1/300 of its width.
        for i in 1..=INK_MAX_STROKE_POINTS * 2 {
            let row = (i / 300) as f32;
            ink.extend(at((i % 300) as f32 / 300.0, (row * 0.01) % 1.0));
        }
        ink.end();
        let strokes = ink.strokes(0);
        assert!(strokes.len() >= 2, "{} strokes", strokes.len());
        assert!(
            strokes
                .iter()
                .all(|s| s.points.len() <= INK_MAX_STROKE_POINTS)
        );
        for pair in strokes.windows(2) {
            assert_eq!(pair[0].points.last(), pair[1].points.first(), "a gap");
        }
    }

    #[test]
    fn ink_out_of_the_slide_is_kept_on_its_edge() {
        let mut ink = Ink::default();
        ink.begin(0, InkKind::Pen, InkColor::Red, at(-1.0, f32::NAN));
        ink.extend(at(3.0, 2.0));
        ink.end();
        assert_eq!(ink.strokes(0)[0].points, vec![at(0.0, 0.5), at(1.0, 1.0)]);
    }

    #[test]
    fn an_edited_deck_moves_the_ink_with_its_slide_and_drops_a_deleted_ones() {
        let mut ink = Ink::default();
        for slide in [0, 2, 5] {
            ink.begin(slide, InkKind::Pen, InkColor::Red, at(0.5, 0.5));
            ink.end();
        }
        // Slide 0 moved to 1, slide 2 stayed, slide 5 was deleted.
        ink.remap(|old| match old {
            0 => Some(1),
            2 => Some(2),
            _ => None,
        });
        assert_eq!(ink.slides_with_ink(), vec![1, 2]);
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
