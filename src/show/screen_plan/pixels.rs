//! Rectangles and lengths in the window system's physical pixels.

use super::super::monitors::Monitor;

/// A rectangle in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PixelRect {
    /// Left edge.
    pub x: i32,
    /// Top edge.
    pub y: i32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

impl PixelRect {
    /// The part of `self` inside `other`, if any.
    pub fn intersect(&self, other: &Self) -> Option<Self> {
        let right = |r: &Self| i64::from(r.x) + i64::from(r.width);
        let bottom = |r: &Self| i64::from(r.y) + i64::from(r.height);
        let x = self.x.max(other.x);
        let y = self.y.max(other.y);
        let width = right(self).min(right(other)) - i64::from(x);
        let height = bottom(self).min(bottom(other)) - i64::from(y);
        Some(Self {
            x,
            y,
            width: u32::try_from(width).ok().filter(|&w| w > 0)?,
            height: u32::try_from(height).ok().filter(|&h| h > 0)?,
        })
    }

    /// Whether `other` lies wholly inside `self`.
    pub fn contains(&self, other: &Self) -> bool {
        self.intersect(other) == Some(*other)
    }
}

impl Monitor {
    /// The monitor's rectangle in physical pixels (at 0,0 when the system
    /// does not say where it is).
    pub fn pixel_rect(&self) -> PixelRect {
        let (x, y) = self.position.unwrap_or((0, 0));
        PixelRect {
            x,
            y,
            width: self.size.0,
            height: self.size.1,
        }
    }
}

/// `points` at `scale`, in whole pixels.
pub(super) fn pixels(points: f64, scale: f64) -> i32 {
    (points * scale.max(0.1)).round() as i32
}
