//! Ink: what the presenter drew with the pen and the highlighter, slide by
//! slide, for this session only, with its undo. In slide coordinates, so a
//! stroke stays where it was put at any window size; nothing here is ever
//! written to the deck.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{SlidePoint, clamp};

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
}
