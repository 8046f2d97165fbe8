//! The slide renderer shared by the audience view, the console's previews
//! and (later) the overview.
//!
//! A slide is laid out on a 16:9 canvas letterboxed into the rectangle it
//! is given. Font sizes are chosen from the canvas height (in points), so
//! text is rasterized at its real size and stays sharp at any window size;
//! nothing is scaled with a transform.

use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{
    Align, Align2, Color32, FontFamily, FontId, Galley, Painter, Pos2, Rect, Stroke, Vec2, pos2,
    vec2,
};

use super::tokens::{self, SlideColors, size};
use crate::deck::{Block, Deck, Layout, Slide};
use crate::show::Screen;

/// Width over height of the slide canvas.
pub const ASPECT: f32 = 16.0 / 9.0;

/// The largest 16:9 rectangle centred in `outer`.
pub fn canvas(outer: Rect) -> Rect {
    let width = outer.width().min(outer.height() * ASPECT).max(0.0);
    Rect::from_center_size(outer.center(), vec2(width, width / ASPECT))
}

/// A font size in points for `fraction` of the canvas height, clamped so
/// no glyph exceeds [`tokens::MAX_GLYPH_PX`] physical pixels at
/// `pixels_per_point`.
pub fn font_points(canvas_height: f32, fraction: f32, pixels_per_point: f32) -> f32 {
    let wanted = canvas_height * fraction;
    let max = tokens::MAX_GLYPH_PX / pixels_per_point.max(0.1);
    wanted.clamp(1.0, max.max(1.0))
}

/// One laid-out piece of slide text, positioned on the canvas.
#[derive(Clone)]
pub struct Placed {
    /// Top-left corner, in points.
    pub pos: Pos2,
    /// The text, laid out.
    pub galley: Arc<Galley>,
    /// Whether a bullet dot goes in front.
    pub bullet: bool,
    /// Whether a quotation bar goes in front.
    pub quote: bool,
}

/// The text of a laid-out slide, for tests and for screen readers.
pub fn placed_text(placed: &[Placed]) -> Vec<String> {
    placed.iter().map(|p| p.galley.text().to_owned()).collect()
}

/// Lays out slide `slide` of `deck` on `canvas`. Body text shrinks (down to
/// [`size::BODY_MIN`]) until the content fits.
pub fn layout_slide(painter: &Painter, canvas: Rect, deck: &Deck, slide: &Slide) -> Vec<Placed> {
    let colors = tokens::slide_colors(deck.theme.as_deref());
    let ppp = painter.ctx().pixels_per_point();
    let h = canvas.height();
    let margin = h * size::MARGIN;
    let inner = canvas.shrink(margin);
    if slide.layout == Layout::Title {
        return layout_title_slide(painter, inner, deck, slide, colors, ppp);
    }
    let title_font = FontId::proportional(font_points(h, size::TITLE, ppp));
    let title = painter.layout(slide.title.clone(), title_font, colors.text, inner.width());
    let mut placed = vec![Placed {
        pos: inner.min,
        galley: title.clone(),
        bullet: false,
        quote: false,
    }];
    let top = inner.min.y + title.size().y + h * 0.05;
    let available = (inner.max.y - top).max(0.0);
    let mut body = size::BODY;
    loop {
        let blocks = layout_blocks(painter, inner.width(), h, body, slide, colors, ppp);
        let total: f32 = blocks.iter().map(|(dy, _, _, _)| *dy).sum();
        if total <= available || body <= size::BODY_MIN {
            let mut y = top;
            for (dy, galley, bullet, quote) in blocks {
                let indent = if bullet || quote { h * 0.05 } else { 0.0 };
                placed.push(Placed {
                    pos: pos2(inner.min.x + indent, y),
                    galley,
                    bullet,
                    quote,
                });
                y += dy;
            }
            return placed;
        }
        body = (body * 0.92).max(size::BODY_MIN);
    }
}

type Laid = (f32, Arc<Galley>, bool, bool);

fn layout_blocks(
    painter: &Painter,
    width: f32,
    h: f32,
    body: f32,
    slide: &Slide,
    colors: SlideColors,
    ppp: f32,
) -> Vec<Laid> {
    let body_font = FontId::proportional(font_points(h, body, ppp));
    let heading_font = FontId::proportional(font_points(h, body * size::HEADING / size::BODY, ppp));
    let gap = h * body * 0.45;
    let indent = h * 0.05;
    let mut out: Vec<Laid> = Vec::new();
    let mut push =
        |text: String, font: FontId, color: Color32, width: f32, bullet: bool, quote: bool| {
            let galley = painter.layout(text, font, color, width.max(10.0));
            let dy = galley.size().y + gap;
            out.push((dy, galley, bullet, quote));
        };
    for block in &slide.content {
        match block {
            Block::Heading(text) => push(
                text.clone(),
                heading_font.clone(),
                colors.accent,
                width,
                false,
                false,
            ),
            Block::Paragraph(text) => push(
                text.clone(),
                body_font.clone(),
                colors.text,
                width,
                false,
                false,
            ),
            Block::Bullets(items) => {
                for item in items {
                    push(
                        item.clone(),
                        body_font.clone(),
                        colors.text,
                        width - indent,
                        true,
                        false,
                    );
                }
            }
            Block::Quote { text, source } => {
                push(
                    format!("“{text}”"),
                    body_font.clone(),
                    colors.text,
                    width - indent,
                    false,
                    true,
                );
                if let Some(source) = source {
                    push(
                        format!("— {source}"),
                        body_font.clone(),
                        colors.muted,
                        width - indent,
                        false,
                        true,
                    );
                }
            }
            Block::Image { alt, .. } => {
                push(
                    format!("[image: {alt}]"),
                    body_font.clone(),
                    colors.muted,
                    width,
                    false,
                    false,
                );
            }
        }
    }
    let kind = if slide.layout == Layout::Video {
        "Video"
    } else {
        "Link"
    };
    for link in &slide.links {
        push(
            format!("{kind}: {}", link.title),
            body_font.clone(),
            colors.accent,
            width,
            false,
            false,
        );
    }
    out
}

fn layout_title_slide(
    painter: &Painter,
    inner: Rect,
    deck: &Deck,
    slide: &Slide,
    colors: SlideColors,
    ppp: f32,
) -> Vec<Placed> {
    let h = inner.height() / (1.0 - 2.0 * size::MARGIN);
    let centred = |text: &str, fraction: f32, color: Color32| {
        let mut job = LayoutJob::simple(
            text.to_owned(),
            FontId::proportional(font_points(h, fraction, ppp)),
            color,
            inner.width(),
        );
        job.halign = Align::Center;
        painter.layout_job(job)
    };
    let mut lines = vec![centred(&slide.title, size::TITLE_SLIDE_TITLE, colors.text)];
    for extra in [&deck.subtitle, &deck.organization].into_iter().flatten() {
        lines.push(centred(extra, size::HEADING, colors.muted));
    }
    for block in &slide.content {
        if let Block::Paragraph(text) | Block::Heading(text) = block {
            lines.push(centred(text, size::BODY, colors.muted));
        }
    }
    let gap = h * 0.04;
    let total: f32 =
        lines.iter().map(|g| g.size().y).sum::<f32>() + gap * lines.len().saturating_sub(1) as f32;
    let mut y = inner.center().y - total / 2.0;
    lines
        .into_iter()
        .map(|galley| {
            // A centred galley is laid out around x = 0.
            let pos = pos2(inner.center().x, y);
            y += galley.size().y + gap;
            Placed {
                pos,
                galley,
                bullet: false,
                quote: false,
            }
        })
        .collect()
}

/// Paints slide `index` of `deck` letterboxed into `outer`, or the black
/// or white screen. Returns the canvas rectangle.
pub fn paint_slide(
    painter: &Painter,
    outer: Rect,
    deck: &Deck,
    index: usize,
    screen: Screen,
) -> Rect {
    let canvas = canvas(outer);
    painter.rect_filled(outer, 0.0, tokens::LETTERBOX);
    match screen {
        Screen::Black => {
            painter.rect_filled(canvas, 0.0, tokens::BLACKOUT);
            return canvas;
        }
        Screen::White => {
            painter.rect_filled(canvas, 0.0, tokens::WHITEOUT);
            return canvas;
        }
        Screen::Slide => {}
    }
    let colors = tokens::slide_colors(deck.theme.as_deref());
    painter.rect_filled(canvas, 0.0, colors.background);
    let Some(slide) = deck.slides.get(index) else {
        return canvas;
    };
    let placed = layout_slide(painter, canvas, deck, slide);
    let h = canvas.height();
    for item in &placed {
        let row = item
            .galley
            .rows
            .first()
            .map_or(item.galley.size().y, |r| r.size.y);
        if item.bullet {
            let center = item.pos + vec2(-h * 0.028, row * 0.55);
            painter.circle_filled(center, (row * 0.12).max(1.0), colors.accent);
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
    let qr_links = slide.links.iter().filter(|l| l.qr);
    for (k, link) in qr_links.enumerate() {
        let qr_side = h * 0.26;
        let gap = h * 0.03;
        let min =
            canvas.right_bottom() - vec2(qr_side + gap + k as f32 * (qr_side + gap), qr_side + gap);
        paint_qr(
            painter,
            Rect::from_min_size(min, vec2(qr_side, qr_side)),
            &link.url,
            colors,
        );
    }
    if slide.layout != Layout::Title
        && let Some(title) = placed.first()
    {
        // A short accent rule under the title.
        let y = title.pos.y + title.galley.size().y + h * 0.018;
        painter.line_segment(
            [pos2(title.pos.x, y), pos2(title.pos.x + h * 0.18, y)],
            Stroke::new((h * 0.008).max(1.0), colors.accent),
        );
    }
    canvas
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
    let colors_of = code.to_colors();
    for y in 0..width {
        // One rectangle per run of dark modules in a row.
        let mut x = 0;
        while x < width {
            let dark = |x: usize| {
                colors_of
                    .get(y * width + x)
                    .is_some_and(|c| *c == qrcode::Color::Dark)
            };
            if !dark(x) {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && dark(x) {
                x += 1;
            }
            let min = rect.min + vec2((start + quiet) as f32 * module, (y + quiet) as f32 * module);
            let run = Rect::from_min_size(min, vec2((x - start) as f32 * module, module));
            painter.rect_filled(run, 0.0, colors.text);
        }
    }
}

/// Paints a small "slide N" style caption centred in `rect` (used when a
/// preview has nothing to show, e.g. after the last slide).
pub fn paint_caption(painter: &Painter, rect: Rect, text: &str, color: Color32) {
    let font = FontId::new(
        (rect.height() * 0.08).clamp(8.0, 28.0),
        FontFamily::Proportional,
    );
    painter.text(rect.center(), Align2::CENTER_CENTER, text, font, color);
}

/// The size a preview of `width` points takes.
pub fn preview_size(width: f32) -> Vec2 {
    vec2(width, width / ASPECT)
}
