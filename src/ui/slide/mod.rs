//! The slide view every surface shares: the audience view, the console's
//! previews and the overview.
//!
//! A slide is laid out on a canvas letterboxed into the rectangle it is
//! given: 16:9 for a slide of the deck's own blocks, the page's shape for a
//! slide that shows a PDF page. Font sizes are chosen from the canvas
//! height (in points), so text is rasterized at its real size and stays
//! sharp at any window size; nothing is scaled with a transform.
//!
//! - [`SlideView`] (`view.rs`) is the one widget: it paints a slide into a
//!   rect and returns its canvas and the pointer's place on the slide, in
//!   slide coordinates (0..1 both ways). Overlays (logo, footer, slide
//!   number, the discussion count-down, QR codes, the laser pointer) are
//!   drawn by it, once, each in a place reserved for it.
//! - `layout.rs` reserves those places ([`Zones`]) and lays the content
//!   out in what is left, shrinking it as a whole (text and images) until
//!   it fits ([`Fitting`]).
//! - `paint.rs` paints blocks, images, placeholders, QR codes.
//! - `fit.rs` lays every slide out without a window, for `cuecard check`.
//!
//! Pictures (images, PDF pages) come from a [`SlideSource`]: the app's
//! textures, rendered off the UI thread by [`crate::render`]; until one is
//! ready, or if it cannot be shown, a placeholder takes its place. The
//! room's placeholder shows only the alt text; the console's says why.

mod fit;
mod layout;
mod paint;
mod view;

use egui::{Align2, Color32, FontFamily, FontId, Painter, Rect, TextureId, Vec2, vec2};

pub use fit::{CHECK_CANVAS, fit_diagnostics, fittings};
pub use layout::{Fitting, Placed, Zones, layout_slide, placed_text, qr_addresses, zones};
pub use paint::{fitted, paint_qr};
pub use view::{
    Marks, Painted, SlideResponse, SlideView, Surface, from_slide, to_slide, to_slide_clamped,
    zoomed_canvas,
};

use super::tokens;

/// Width over height of the slide canvas.
pub const ASPECT: f32 = 16.0 / 9.0;

/// The largest 16:9 rectangle centred in `outer`.
pub fn canvas(outer: Rect) -> Rect {
    canvas_with_aspect(outer, ASPECT)
}

/// The largest rectangle of shape `aspect` (width over height) centred in
/// `outer`.
pub fn canvas_with_aspect(outer: Rect, aspect: f32) -> Rect {
    let aspect = if aspect.is_finite() && aspect > 0.0 {
        aspect
    } else {
        ASPECT
    };
    let width = outer.width().min(outer.height() * aspect).max(0.0);
    Rect::from_center_size(outer.center(), vec2(width, width / aspect))
}

/// A font size in points for `fraction` of the canvas height, clamped so
/// no glyph exceeds [`tokens::MAX_GLYPH_PX`] physical pixels at
/// `pixels_per_point`.
pub fn font_points(canvas_height: f32, fraction: f32, pixels_per_point: f32) -> f32 {
    let ppp = pixels_per_point.max(0.1);
    // Whole pixels: fewer distinct sizes, so fewer glyphs in the atlas.
    let wanted = (canvas_height * fraction * ppp).round() / ppp;
    let max = tokens::MAX_GLYPH_PX / ppp;
    wanted.clamp(1.0, max.max(1.0))
}

/// What the slide source says about a picture (an image or a PDF page).
#[derive(Debug, Clone, PartialEq)]
pub enum ImageView {
    /// Ready to paint: its texture and size in pixels.
    Ready(TextureId, Vec2),
    /// Being decoded or rendered (off the UI thread).
    Loading,
    /// Cannot be shown, and why (missing, corrupt, too large), in words
    /// for the presenter; the room never sees this.
    Failed(String),
}

/// Where the slide view finds pictures: the seam between the view and the
/// render pipeline.
pub trait SlideSource {
    /// The image at `path`, as written in the deck (relative to its
    /// folder).
    fn image(&self, path: &str) -> ImageView;
    /// Page `index` (from 0) of the deck's PDF, for a place of
    /// `place_px` physical pixels (width, height): the page is rendered to
    /// fit that place, so it is sharp on a 4K projector and a thumbnail
    /// costs little.
    fn page(&self, index: usize, place_px: (f32, f32)) -> ImageView;
    /// Width over height of page `index` of the deck's PDF, when known.
    fn page_aspect(&self, index: usize) -> Option<f32>;
    /// Why page `index` cannot be shown, once known (the console says so
    /// in a banner, not only inside its preview); `None` while it renders
    /// or when it is fine.
    fn page_problem(&self, _index: usize) -> Option<String> {
        None
    }
}

/// No pictures: every image and page is a placeholder (tests, benchmarks,
/// `cuecard check`).
pub struct NoImages;

impl SlideSource for NoImages {
    fn image(&self, _path: &str) -> ImageView {
        ImageView::Loading
    }
    fn page(&self, _index: usize, _place_px: (f32, f32)) -> ImageView {
        ImageView::Loading
    }
    fn page_aspect(&self, _index: usize) -> Option<f32> {
        None
    }
}

/// Paints a small caption centred in `rect` (used when a preview has
/// nothing to show, e.g. after the last slide).
pub fn paint_caption(painter: &Painter, rect: Rect, text: &str, color: Color32) {
    let font = FontId::new(
        (rect.height() * tokens::size::CAPTION).clamp(8.0, 28.0),
        FontFamily::Proportional,
    );
    painter.text(rect.center(), Align2::CENTER_CENTER, text, font, color);
}

/// The size a preview of `width` points takes.
pub fn preview_size(width: f32) -> Vec2 {
    vec2(width, width / ASPECT)
}

/// How far the mouse wheel turned over `response` this frame, in points,
/// down (towards the presenter) positive; `None` when it did not. Turns
/// with Ctrl held zoom instead and are left out.
pub fn wheel_over(response: &egui::Response) -> Option<f32> {
    /// Points per line of a wheel notch, as egui's scroll areas count.
    const LINE: f32 = 40.0;
    if !response.hovered() {
        return None;
    }
    let page = response.rect.height();
    let down: f32 = response.ctx.input(|i| {
        i.events
            .iter()
            .filter_map(|event| match event {
                egui::Event::MouseWheel {
                    unit,
                    delta,
                    modifiers,
                    ..
                } if !modifiers.command && !modifiers.ctrl => Some(
                    -delta.y
                        * match unit {
                            egui::MouseWheelUnit::Point => 1.0,
                            egui::MouseWheelUnit::Line => LINE,
                            egui::MouseWheelUnit::Page => page,
                        },
                ),
                _ => None,
            })
            .sum()
    });
    (down != 0.0 && down.is_finite()).then_some(down)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Pos2, pos2};

    #[test]
    fn glyphs_stay_below_the_atlas_limit_on_4k() {
        // A title at 9.5% of a 4K canvas at 200% scale would ask for
        // 410 px glyphs: fine. A 16K canvas would not be: clamped.
        let px = |h: f32, ppp: f32| font_points(h, 0.095, ppp) * ppp;
        assert!((px(2160.0, 1.0) - 205.0).abs() < 1.0);
        assert!(px(2160.0 * 8.0, 2.0) <= tokens::MAX_GLYPH_PX);
        const { assert!(tokens::MAX_GLYPH_PX < 1024.0) };
    }

    #[test]
    fn a_four_by_three_page_is_pillarboxed_in_a_wide_window() {
        let outer = Rect::from_min_size(Pos2::ZERO, vec2(1920.0, 1080.0));
        let page = canvas_with_aspect(outer, 4.0 / 3.0);
        assert_eq!(page.size(), vec2(1440.0, 1080.0));
        assert_eq!(page.min, pos2(240.0, 0.0));
        // A nonsense aspect falls back to 16:9 rather than to nothing.
        assert_eq!(canvas_with_aspect(outer, f32::NAN), outer);
    }
}
