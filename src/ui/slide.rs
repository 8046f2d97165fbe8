//! The slide renderer shared by the audience view, the console's previews
//! and the overview.
//!
//! A slide is laid out on a 16:9 canvas letterboxed into the rectangle it
//! is given. Font sizes are chosen from the canvas height (in points), so
//! text is rasterized at its real size and stays sharp at any window size;
//! nothing is scaled with a transform. Images come from an
//! [`ImageLookup`] (the app's cache, which decodes off the UI thread); until
//! an image is ready, or if it cannot be shown, a placeholder with its alt
//! text and the reason takes its place.

use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{
    Align, Align2, Color32, FontFamily, FontId, Galley, Painter, Pos2, Rect, Stroke, StrokeKind,
    TextureId, Vec2, pos2, vec2,
};

use super::tokens::{self, SlideColors, size};
use crate::deck::{Block, Deck, Fit, Layout, Slide, SlideFont};
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
    let ppp = pixels_per_point.max(0.1);
    // Whole pixels: fewer distinct sizes, so fewer glyphs in the atlas.
    let wanted = (canvas_height * fraction * ppp).round() / ppp;
    let max = tokens::MAX_GLYPH_PX / ppp;
    wanted.clamp(1.0, max.max(1.0))
}

/// What the image cache says about an image.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageView {
    /// Ready to paint: its texture and size in pixels.
    Ready(TextureId, Vec2),
    /// Being decoded (off the UI thread).
    Loading,
    /// Cannot be shown, and why (missing, corrupt, too large).
    Failed(String),
}

/// Where the renderer finds images, by their path as written in the deck.
pub trait ImageLookup {
    /// The image at `path` (relative to the deck's folder).
    fn image(&self, path: &str) -> ImageView;
}

/// No images: every image is a placeholder (tests, benchmarks).
pub struct NoImages;

impl ImageLookup for NoImages {
    fn image(&self, _path: &str) -> ImageView {
        ImageView::Loading
    }
}

/// One laid-out piece of a slide, positioned on the canvas.
#[derive(Clone)]
pub struct Placed {
    /// Top-left corner, in points.
    pub pos: Pos2,
    /// The text, laid out (for an image: its alt text, for the placeholder).
    pub galley: Arc<Galley>,
    /// Whether a bullet dot goes in front.
    pub bullet: bool,
    /// Whether a quotation bar goes in front.
    pub quote: bool,
    /// For an image block: its path, fit and box size (points).
    pub image: Option<(String, Fit, Vec2)>,
}

/// The text of a laid-out slide, for tests and for screen readers.
pub fn placed_text(placed: &[Placed]) -> Vec<String> {
    placed.iter().map(|p| p.galley.text().to_owned()).collect()
}

/// The font family of the deck's slides.
fn family(deck: &Deck) -> FontFamily {
    match deck.font.unwrap_or_default() {
        SlideFont::Hyperlegible => FontFamily::Proportional,
        SlideFont::Classic => FontFamily::Name(super::fonts::CLASSIC.into()),
    }
}

/// Lays out slide `slide` of `deck` on `canvas`. Body text and images
/// shrink (text down to [`size::BODY_MIN`]) until the content fits.
pub fn layout_slide(painter: &Painter, canvas: Rect, deck: &Deck, slide: &Slide) -> Vec<Placed> {
    let colors = tokens::slide_colors(deck);
    let ppp = painter.ctx().pixels_per_point();
    let h = canvas.height();
    let margin = h * size::MARGIN;
    let inner = canvas.shrink(margin);
    let family = family(deck);
    if slide.layout == Layout::Title {
        return layout_title_slide(painter, inner, deck, slide, colors, ppp, &family);
    }
    let title_font = FontId::new(font_points(h, size::TITLE, ppp), family.clone());
    // Leave room for the logo beside the title.
    let title_width = inner.width()
        - if deck.logo.is_some() {
            h * size::LOGO * 3.2
        } else {
            0.0
        };
    let title = painter.layout(
        slide.title.clone(),
        title_font,
        colors.text,
        title_width.max(10.0),
    );
    let mut placed = vec![Placed {
        pos: inner.min,
        galley: title.clone(),
        bullet: false,
        quote: false,
        image: None,
    }];
    let top = inner.min.y + title.size().y + h * 0.05;
    let footer = if deck.footer.is_some() {
        h * (size::FOOTER + 0.02)
    } else {
        0.0
    };
    let available = (inner.max.y - top - footer).max(0.0);
    let mut body = size::BODY;
    loop {
        let blocks = layout_blocks(painter, inner.width(), h, body, slide, colors, ppp, &family);
        let total: f32 = blocks.iter().map(|b| b.height).sum();
        if total <= available || body <= size::BODY_MIN {
            let mut y = top;
            for block in blocks {
                let indent = if block.bullet || block.quote {
                    h * 0.05
                } else {
                    0.0
                };
                placed.push(Placed {
                    pos: pos2(inner.min.x + indent, y),
                    galley: block.galley,
                    bullet: block.bullet,
                    quote: block.quote,
                    image: block.image,
                });
                y += block.height;
            }
            return placed;
        }
        // Text height grows about with the square of its size (bigger
        // letters, more lines): aim straight for the size that fits.
        let aim = (available / total.max(1.0)).sqrt() * 0.97;
        body = (body * aim.min(0.92)).max(size::BODY_MIN);
    }
}

/// A block laid out, before it is placed.
struct Laid {
    height: f32,
    galley: Arc<Galley>,
    bullet: bool,
    quote: bool,
    image: Option<(String, Fit, Vec2)>,
}

#[allow(clippy::too_many_arguments)]
fn layout_blocks(
    painter: &Painter,
    width: f32,
    h: f32,
    body: f32,
    slide: &Slide,
    colors: SlideColors,
    ppp: f32,
    family: &FontFamily,
) -> Vec<Laid> {
    let body_font = FontId::new(font_points(h, body, ppp), family.clone());
    let heading_font = FontId::new(
        font_points(h, body * size::HEADING / size::BODY, ppp),
        family.clone(),
    );
    let italic = FontId::new(
        font_points(h, body, ppp),
        if *family == FontFamily::Proportional {
            FontFamily::Name(super::fonts::ITALIC.into())
        } else {
            family.clone()
        },
    );
    let gap = h * body * 0.45;
    let indent = h * 0.05;
    let mut out: Vec<Laid> = Vec::new();
    let text =
        |text: String, font: &FontId, color: Color32, width: f32, bullet: bool, quote: bool| {
            let galley = painter.layout(text, font.clone(), color, width.max(10.0));
            Laid {
                height: galley.size().y + gap,
                galley,
                bullet,
                quote,
                image: None,
            }
        };
    for block in &slide.content {
        match block {
            Block::Heading(t) => out.push(text(
                t.clone(),
                &heading_font,
                colors.accent,
                width,
                false,
                false,
            )),
            Block::Paragraph(t) => out.push(text(
                t.clone(),
                &body_font,
                colors.text,
                width,
                false,
                false,
            )),
            Block::Bullets(items) => {
                for item in items {
                    out.push(text(
                        item.clone(),
                        &body_font,
                        colors.text,
                        width - indent,
                        true,
                        false,
                    ));
                }
            }
            Block::Quote { text: t, source } => {
                out.push(text(
                    format!("“{t}”"),
                    &italic,
                    colors.text,
                    width - indent,
                    false,
                    true,
                ));
                if let Some(source) = source {
                    out.push(text(
                        format!("— {source}"),
                        &body_font,
                        colors.muted,
                        width - indent,
                        false,
                        true,
                    ));
                }
            }
            Block::Image { path, alt, fit } => {
                let small = FontId::new(font_points(h, body * 0.6, ppp), family.clone());
                let galley = painter.layout(
                    format!("Image: {alt}"),
                    small,
                    colors.muted,
                    width.max(10.0),
                );
                let box_height = h * size::IMAGE * body / size::BODY;
                out.push(Laid {
                    height: box_height + gap,
                    galley,
                    bullet: false,
                    quote: false,
                    image: Some((path.clone(), *fit, vec2(width, box_height))),
                });
            }
        }
    }
    let kind = if slide.layout == Layout::Video {
        "Video"
    } else {
        "Link"
    };
    for link in &slide.links {
        out.push(text(
            format!("{kind}: {}", link.title),
            &body_font,
            colors.accent,
            width,
            false,
            false,
        ));
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
    family: &FontFamily,
) -> Vec<Placed> {
    let h = inner.height() / (1.0 - 2.0 * size::MARGIN);
    let centred = |text: &str, fraction: f32, color: Color32| {
        let mut job = LayoutJob::simple(
            text.to_owned(),
            FontId::new(font_points(h, fraction, ppp), family.clone()),
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
                image: None,
            }
        })
        .collect()
}

/// Paints slide `index` of `deck` letterboxed into `outer`, or the black
/// or white screen, taking images from `images`. Returns the canvas.
pub fn paint_slide(
    painter: &Painter,
    outer: Rect,
    deck: &Deck,
    index: usize,
    screen: Screen,
    images: &dyn ImageLookup,
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
    let colors = tokens::slide_colors(deck);
    painter.rect_filled(canvas, 0.0, colors.background);
    let Some(slide) = deck.slides.get(index) else {
        return canvas;
    };
    let placed = layout_slide(painter, canvas, deck, slide);
    let h = canvas.height();
    for item in &placed {
        if let Some((path, fit, size)) = &item.image {
            paint_image(
                painter,
                Rect::from_min_size(item.pos, *size),
                path,
                *fit,
                &item.galley,
                images,
                colors,
            );
            continue;
        }
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
    // The room's QR code carries the address a browser may open: never a
    // refused one, never a password written into the link.
    let verdicts: Vec<_> = slide
        .links
        .iter()
        .filter(|l| l.qr)
        .map(|l| (l, crate::deck::policy::web_link(&l.url)))
        .collect();
    let addresses = verdicts
        .iter()
        .filter_map(|(link, verdict)| verdict.address(&link.url));
    for (k, address) in addresses.enumerate() {
        let qr_side = h * 0.26;
        let gap = h * 0.03;
        let min =
            canvas.right_bottom() - vec2(qr_side + gap + k as f32 * (qr_side + gap), qr_side + gap);
        paint_qr(
            painter,
            Rect::from_min_size(min, vec2(qr_side, qr_side)),
            address,
            colors,
        );
    }
    if slide.layout != Layout::Title {
        if let Some(title) = placed.first() {
            // A short accent rule under the title.
            let y = title.pos.y + title.galley.size().y + h * 0.018;
            painter.line_segment(
                [pos2(title.pos.x, y), pos2(title.pos.x + h * 0.18, y)],
                Stroke::new((h * 0.008).max(1.0), colors.accent),
            );
        }
        paint_logo_and_footer(painter, canvas, deck, index, images, colors);
    }
    canvas
}

fn paint_logo_and_footer(
    painter: &Painter,
    canvas: Rect,
    deck: &Deck,
    index: usize,
    images: &dyn ImageLookup,
    colors: SlideColors,
) {
    let h = canvas.height();
    let margin = h * size::MARGIN;
    if let Some(logo) = &deck.logo
        && let ImageView::Ready(texture, pixels) = images.image(logo)
    {
        let height = h * size::LOGO;
        let width = height * pixels.x / pixels.y.max(1.0);
        let rect = Rect::from_min_size(
            pos2(canvas.right() - margin - width, canvas.top() + margin),
            vec2(width, height),
        );
        painter.image(
            texture,
            rect,
            Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
            Color32::WHITE,
        );
    }
    let Some(footer) = &deck.footer else {
        return;
    };
    let ppp = painter.ctx().pixels_per_point();
    let font = FontId::new(font_points(h, size::FOOTER, ppp), family(deck));
    let y = canvas.bottom() - margin * 0.6;
    if footer.organization
        && let Some(organization) = &deck.organization
    {
        painter.text(
            pos2(canvas.left() + margin, y),
            Align2::LEFT_BOTTOM,
            organization,
            font.clone(),
            colors.muted,
        );
    }
    if footer.slide_number {
        let text = format!("{} / {}", index + 1, deck.slides.len());
        painter.text(
            pos2(canvas.right() - margin, y),
            Align2::RIGHT_BOTTOM,
            text,
            font,
            colors.muted,
        );
    }
}

/// Paints the image at `path` into `rect` with `fit`, or a placeholder with
/// its alt text (`alt`) and why it is not shown.
fn paint_image(
    painter: &Painter,
    rect: Rect,
    path: &str,
    fit: Fit,
    alt: &Arc<Galley>,
    images: &dyn ImageLookup,
    colors: SlideColors,
) {
    match images.image(path) {
        ImageView::Ready(texture, pixels) => {
            let (shown, uv) = fitted(rect, pixels, fit);
            painter.image(texture, shown, uv, Color32::WHITE);
        }
        view => {
            let reason = match view {
                ImageView::Failed(why) => why,
                _ => "loading…".to_owned(),
            };
            painter.rect_stroke(
                rect,
                4.0,
                Stroke::new(2.0, tokens::PLACEHOLDER_STROKE),
                StrokeKind::Inside,
            );
            painter.galley(rect.min + vec2(8.0, 8.0), alt.clone(), colors.muted);
            let font = FontId::proportional((alt.size().y * 0.8).max(6.0));
            painter.text(
                rect.left_bottom() + vec2(8.0, -8.0),
                Align2::LEFT_BOTTOM,
                reason,
                font,
                tokens::PLACEHOLDER_STROKE,
            );
        }
    }
}

/// Where an image of `pixels` goes in `rect`, and which part of it (UV):
/// `Contain` shows it whole, centred; `Cover` fills the box and crops.
pub fn fitted(rect: Rect, pixels: Vec2, fit: Fit) -> (Rect, Rect) {
    let full = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
    if pixels.x <= 0.0 || pixels.y <= 0.0 || rect.width() <= 0.0 || rect.height() <= 0.0 {
        return (rect, full);
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
            (Rect::from_center_size(rect.center(), size), full)
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

/// Paints a small caption centred in `rect` (used when a preview has
/// nothing to show, e.g. after the last slide).
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn contain_shows_all_and_cover_crops() {
        let rect = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 200.0));
        // A square image in a 2:1 box.
        let (shown, uv) = fitted(rect, vec2(100.0, 100.0), Fit::Contain);
        assert_eq!(shown.size(), vec2(200.0, 200.0));
        assert_eq!(shown.center(), rect.center());
        assert_eq!(uv, Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)));
        let (shown, uv) = fitted(rect, vec2(100.0, 100.0), Fit::Cover);
        assert_eq!(shown, rect);
        assert!((uv.height() - 0.5).abs() < 1e-6 && (uv.width() - 1.0).abs() < 1e-6);
    }
}
