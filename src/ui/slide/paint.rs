//! Painting a laid-out slide: blocks, pictures and their placeholders,
//! the overlays in their reserved places, QR codes.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, StrokeKind, Vec2, pos2, vec2};

use super::super::tokens::{self, SlideColors, size};
use super::layout::{Placed, Zones, family};
use super::view::Surface;
use super::{ImageView, SlideSource, font_points};
use crate::deck::{Deck, Fit};
use crate::show::pointing::{InkKind, PointerStyle, Stroke as InkStroke};

const FULL_UV: Rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));

/// Paints the laid-out blocks (and the accent rule under the title when
/// `title_rule`).
pub(super) fn paint_content(
    painter: &Painter,
    placed: &[Placed],
    h: f32,
    colors: SlideColors,
    source: &dyn SlideSource,
    surface: Surface,
    title_rule: bool,
) {
    for item in placed {
        if let Some((path, fit, size)) = &item.image {
            let rect = Rect::from_min_size(item.pos, *size);
            match source.image(path) {
                ImageView::Ready(texture, pixels) => {
                    let (shown, uv) = fitted(rect, pixels, *fit);
                    painter.image(texture, shown, uv, Color32::WHITE);
                }
                view => placeholder(painter, rect, &item.galley, &view, colors, surface),
            }
            continue;
        }
        let row = item
            .galley
            .rows
            .first()
            .map_or(item.galley.size().y, |r| r.size.y);
        if let Some(depth) = item.bullet {
            let center = item.pos + vec2(-h * 0.028, row * 0.55);
            let radius = (row * 0.12).max(1.0);
            if depth % 2 == 0 {
                painter.circle_filled(center, radius, colors.accent);
            } else {
                // A sub-bullet's dash, as PowerPoint's second level.
                painter.line_segment(
                    [
                        center - vec2(radius * 1.6, 0.0),
                        center + vec2(radius * 1.6, 0.0),
                    ],
                    Stroke::new((radius * 0.7).max(1.0), colors.accent),
                );
            }
        }
        if item.quote {
            let x = item.pos.x - h * 0.03;
            painter.line_segment(
                [
                    pos2(x, item.pos.y),
                    pos2(x, item.pos.y + item.galley.size().y),
                ],
                Stroke::new((h * 0.006).max(1.0), colors.accent),
            );
        }
        painter.galley(item.pos, item.galley.clone(), colors.text);
    }
    if title_rule && let Some(title) = placed.first() {
        let y = title.pos.y + title.galley.size().y + h * 0.018;
        painter.line_segment(
            [pos2(title.pos.x, y), pos2(title.pos.x + h * 0.18, y)],
            Stroke::new((h * 0.008).max(1.0), colors.accent),
        );
    }
}

/// A picture that is not ready or cannot be shown. The room sees a quiet
/// frame with the alt text (nothing while it loads); the console sees
/// the alt text and why, in red.
fn placeholder(
    painter: &Painter,
    rect: Rect,
    alt: &std::sync::Arc<egui::Galley>,
    view: &ImageView,
    colors: SlideColors,
    surface: Surface,
) {
    let inset = vec2(8.0, 8.0);
    match (surface, view) {
        (Surface::Audience, ImageView::Loading) => {}
        (Surface::Audience, _) => {
            painter.rect_stroke(
                rect,
                4.0,
                Stroke::new(1.0, colors.muted.gamma_multiply(0.5)),
                StrokeKind::Inside,
            );
            painter.galley(rect.min + inset, alt.clone(), colors.muted);
        }
        (Surface::Console, _) => {
            let reason = match view {
                ImageView::Failed(why) => why.as_str(),
                _ => "loading…",
            };
            painter.rect_stroke(
                rect,
                4.0,
                Stroke::new(2.0, tokens::PLACEHOLDER_STROKE),
                StrokeKind::Inside,
            );
            painter.galley(rect.min + inset, alt.clone(), colors.muted);
            let font = FontId::proportional((alt.size().y * size::REASON).max(size::SMALLEST_PT));
            let galley = painter.layout(
                reason.to_owned(),
                font,
                tokens::PLACEHOLDER_STROKE,
                (rect.width() - 16.0).max(10.0),
            );
            let pos = rect.left_bottom() + vec2(8.0, -8.0 - galley.size().y);
            painter.galley(pos, galley, tokens::PLACEHOLDER_STROKE);
        }
    }
}

/// Paints a whole PDF page (or its placeholder) over `canvas`.
pub(super) fn paint_page(
    painter: &Painter,
    canvas: Rect,
    view: &ImageView,
    page: usize,
    surface: Surface,
) {
    match view {
        ImageView::Ready(texture, _) => {
            painter.image(*texture, canvas, FULL_UV, Color32::WHITE);
        }
        ImageView::Loading => {}
        ImageView::Failed(why) => {
            if surface == Surface::Console {
                let font = FontId::proportional(
                    (canvas.height() * size::PAGE_REASON)
                        .clamp(size::SMALLEST_PT, tokens::TEXT_BANNER),
                );
                let galley = painter.layout(
                    format!("Page {} not shown: {why}", page + 1),
                    font,
                    tokens::PLACEHOLDER_STROKE,
                    canvas.width() * 0.9,
                );
                let pos = canvas.center() - galley.size() / 2.0;
                painter.galley(pos, galley, tokens::PLACEHOLDER_STROKE);
            }
        }
    }
}

/// Paints the logo in its place, keeping its shape, right-aligned. A logo
/// that cannot be shown leaves its place empty for the room; the console
/// says why in it.
pub(super) fn paint_logo(
    painter: &Painter,
    place: Rect,
    view: &ImageView,
    colors: SlideColors,
    surface: Surface,
) {
    match view {
        ImageView::Ready(texture, pixels) => {
            let aspect = pixels.x / pixels.y.max(1.0);
            let width = (place.height() * aspect).min(place.width());
            let height = width / aspect.max(0.01);
            let rect = Rect::from_min_size(
                pos2(place.right() - width, place.top()),
                vec2(width, height),
            );
            painter.image(*texture, rect, FULL_UV, Color32::WHITE);
        }
        ImageView::Failed(why) if surface == Surface::Console => {
            let font =
                FontId::proportional((place.height() * size::LOGO_REASON).max(size::SMALLEST_PT));
            let galley = painter.layout(
                format!("Logo not shown: {why}"),
                font,
                tokens::PLACEHOLDER_STROKE,
                place.width(),
            );
            // Kept inside the logo's place, over nothing else.
            painter
                .with_clip_rect(place.intersect(painter.clip_rect()))
                .galley(place.min, galley, colors.muted);
        }
        // The room sees an empty place rather than a broken logo.
        ImageView::Loading | ImageView::Failed(_) => {}
    }
}

/// What goes in the band along the bottom of a slide.
pub(super) struct Band<'a> {
    pub organization: Option<&'a str>,
    pub number: Option<String>,
    pub countdown: Option<&'a str>,
}

/// Paints the band: the organization on the left; on the right the slide
/// number and, left of it, the discussion count-down in a pill.
pub(super) fn paint_band(
    painter: &Painter,
    band: Rect,
    h: f32,
    deck: &Deck,
    colors: SlideColors,
    content: &Band<'_>,
) {
    let ppp = painter.ctx().pixels_per_point();
    let font = FontId::new(font_points(h, size::FOOTER, ppp), family(deck));
    let y = band.center().y;
    if let Some(organization) = content.organization {
        painter.text(
            pos2(band.left(), y),
            Align2::LEFT_CENTER,
            organization,
            font.clone(),
            colors.muted,
        );
    }
    let mut right = band.right();
    if let Some(number) = &content.number {
        let shown = painter.text(
            pos2(right, y),
            Align2::RIGHT_CENTER,
            number,
            font,
            colors.muted,
        );
        right = shown.left() - h * size::GAP;
    }
    if let Some(countdown) = content.countdown {
        let font = FontId::monospace(font_points(h, size::COUNTDOWN, ppp));
        let galley = painter.layout_no_wrap(countdown.to_owned(), font, tokens::CORNER_CLOCK_TEXT);
        let pad = vec2(h * 0.02, h * 0.006);
        let pill = Rect::from_min_size(
            pos2(
                right - galley.size().x - 2.0 * pad.x,
                y - galley.size().y / 2.0 - pad.y,
            ),
            galley.size() + 2.0 * pad,
        );
        painter.rect_filled(pill, pill.height() * 0.3, tokens::CORNER_CLOCK_FILL);
        painter.galley(pill.min + pad, galley, tokens::CORNER_CLOCK_TEXT);
    }
}

/// Paints each QR code in its place.
pub(super) fn paint_qr_codes(painter: &Painter, zones: &Zones, colors: SlideColors) {
    for (place, address) in zones.qr.iter().zip(&zones.qr_addresses) {
        paint_qr(painter, *place, address, colors);
    }
}

/// Paints the laser pointer at `at` (points) in `style`, sized to a
/// screen `h` points high. Each style has an edge of the opposite
/// lightness, so it reads on dark and light slides and on PDF pages.
pub(super) fn paint_pointer(painter: &Painter, at: Pos2, h: f32, style: PointerStyle) {
    let radius = (h * size::POINTER).max(3.0);
    match style {
        PointerStyle::RedDot => {
            painter.circle_filled(at, radius * 1.6, tokens::POINTER_HALO);
            painter.circle_filled(at, radius, tokens::POINTER);
        }
        PointerStyle::GreenDot => {
            let radius = radius * 1.5;
            painter.circle_filled(at, radius + (radius * 0.25).max(2.0), tokens::POINTER_EDGE);
            painter.circle_filled(at, radius, tokens::POINTER_GREEN);
        }
        PointerStyle::Ring => {
            let ring = radius * 2.6;
            let width = (radius * 0.55).max(2.0);
            let edge = Stroke::new(width * 1.8, tokens::POINTER_EDGE);
            painter.circle_stroke(at, ring, edge);
            painter.circle_stroke(at, ring, Stroke::new(width, tokens::POINTER_RING));
        }
    }
}

/// Dims everything but a circle of `radius` points around `at`, with a
/// soft edge, over the whole of the painter's clip rect.
pub(super) fn paint_spotlight(painter: &Painter, at: Pos2, radius: f32) {
    const SEGMENTS: u32 = 96;
    let clip = painter.clip_rect();
    let reach = [
        clip.left_top(),
        clip.right_top(),
        clip.left_bottom(),
        clip.right_bottom(),
    ]
    .iter()
    .map(|corner| corner.distance(at))
    .fold(0.0_f32, f32::max)
        + 1.0;
    let radius = radius.max(1.0);
    let soft = radius * 1.08;
    let far = reach.max(soft + 1.0);
    let mut mesh = egui::Mesh::default();
    for i in 0..SEGMENTS {
        let angle = std::f32::consts::TAU * i as f32 / SEGMENTS as f32;
        let direction = vec2(angle.cos(), angle.sin());
        mesh.colored_vertex(at + direction * radius, Color32::TRANSPARENT);
        mesh.colored_vertex(at + direction * soft, tokens::SPOTLIGHT_DIM);
        mesh.colored_vertex(at + direction * far, tokens::SPOTLIGHT_DIM);
    }
    for i in 0..SEGMENTS {
        let (a, b) = (i * 3, ((i + 1) % SEGMENTS) * 3);
        for ring in 0..2 {
            mesh.add_triangle(a + ring, b + ring, a + ring + 1);
            mesh.add_triangle(b + ring, b + ring + 1, a + ring + 1);
        }
    }
    painter.add(egui::Shape::mesh(mesh));
}

/// Paints ink strokes on the slide's `canvas`: the pen thin and opaque,
/// the highlighter wide and see-through, both sized to the slide.
pub(super) fn paint_ink<'a>(
    painter: &Painter,
    canvas: Rect,
    strokes: impl Iterator<Item = &'a InkStroke>,
) {
    let h = canvas.height();
    for stroke in strokes {
        let [r, g, b] = stroke.color.rgb();
        let (width, color) = match stroke.kind {
            InkKind::Pen => (h * size::PEN, Color32::from_rgb(r, g, b)),
            InkKind::Highlighter => (
                h * size::HIGHLIGHTER,
                Color32::from_rgba_unmultiplied(r, g, b, tokens::HIGHLIGHTER_ALPHA),
            ),
        };
        let width = width.max(1.0);
        let points: Vec<Pos2> = stroke
            .points
            .iter()
            .map(|p| super::from_slide(canvas, pos2(p[0], p[1])))
            .collect();
        match points.as_slice() {
            [] => {}
            [dot] => {
                painter.circle_filled(*dot, width / 2.0, color);
            }
            [first, .., last] => {
                let (first, last) = (*first, *last);
                if stroke.kind == InkKind::Pen {
                    // Round ends, as a pen leaves.
                    painter.circle_filled(first, width / 2.0, color);
                    painter.circle_filled(last, width / 2.0, color);
                }
                painter.add(egui::Shape::line(points, Stroke::new(width, color)));
            }
        }
    }
}

/// Where an image of `pixels` goes in `rect`, and which part of it (UV):
/// `Contain` shows it whole, centred; `Cover` fills the box and crops.
pub fn fitted(rect: Rect, pixels: Vec2, fit: Fit) -> (Rect, Rect) {
    if pixels.x <= 0.0 || pixels.y <= 0.0 || rect.width() <= 0.0 || rect.height() <= 0.0 {
        return (rect, FULL_UV);
    }
    let image_aspect = pixels.x / pixels.y;
    let box_aspect = rect.width() / rect.height();
    match fit {
        Fit::Contain => {
            let size = if image_aspect > box_aspect {
                vec2(rect.width(), rect.width() / image_aspect)
            } else {
                vec2(rect.height() * image_aspect, rect.height())
            };
            (Rect::from_center_size(rect.center(), size), FULL_UV)
        }
        Fit::Cover => {
            let uv = if image_aspect > box_aspect {
                let keep = box_aspect / image_aspect;
                Rect::from_min_max(
                    pos2((1.0 - keep) / 2.0, 0.0),
                    pos2(1.0 - (1.0 - keep) / 2.0, 1.0),
                )
            } else {
                let keep = image_aspect / box_aspect;
                Rect::from_min_max(
                    pos2(0.0, (1.0 - keep) / 2.0),
                    pos2(1.0, 1.0 - (1.0 - keep) / 2.0),
                )
            };
            (rect, uv)
        }
    }
}

/// Paints a QR code of `url` filling `rect` (square), dark modules in the
/// theme's text colour on its background, with a quiet zone. Draws nothing
/// if the URL is too long for a QR code.
pub fn paint_qr(painter: &Painter, rect: Rect, url: &str, colors: SlideColors) {
    let Ok(code) = qrcode::QrCode::new(url.as_bytes()) else {
        return;
    };
    let width = code.width();
    let quiet = 2;
    let module = rect.width() / (width + 2 * quiet) as f32;
    painter.rect_filled(rect, 0.0, colors.background);
    let modules = code.to_colors();
    let dark = |x: usize, y: usize| {
        modules
            .get(y * width + x)
            .is_some_and(|c| *c == qrcode::Color::Dark)
    };
    for y in 0..width {
        // One rectangle per run of dark modules in a row.
        let mut x = 0;
        while x < width {
            if !dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && dark(x, y) {
                x += 1;
            }
            let min = rect.min + vec2((start + quiet) as f32 * module, (y + quiet) as f32 * module);
            painter.rect_filled(
                Rect::from_min_size(min, vec2((x - start) as f32 * module, module)),
                0.0,
                colors.text,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contain_shows_all_and_cover_crops() {
        let rect = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 200.0));
        // A square image in a 2:1 box.
        let (shown, uv) = fitted(rect, vec2(100.0, 100.0), Fit::Contain);
        assert_eq!(shown.size(), vec2(200.0, 200.0));
        assert_eq!(shown.center(), rect.center());
        assert_eq!(uv, FULL_UV);
        let (shown, uv) = fitted(rect, vec2(100.0, 100.0), Fit::Cover);
        assert_eq!(shown, rect);
        assert!((uv.height() - 0.5).abs() < 1e-6 && (uv.width() - 1.0).abs() < 1e-6);
    }
}
