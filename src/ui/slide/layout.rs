//! Where everything on a slide goes: the places reserved for overlays
//! ([`Zones`]) and the content laid out in what is left, shrunk as a whole
//! (text and images together) until it fits ([`Fitting`]).

use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Align, Color32, FontFamily, FontId, Galley, Painter, Pos2, Rect, Vec2, pos2, vec2};

use super::super::tokens::{self, SlideColors, size};
use super::font_points;
use crate::deck::{Block, Deck, Fit, Layout, Slide, SlideFont};

/// The smallest the content may shrink to, as a fraction of its full size;
/// below it the slide is too full (and `cuecard check` says so).
pub const MIN_SCALE: f32 = size::BODY_MIN / size::BODY;

/// One laid-out piece of a slide, positioned on the canvas.
#[derive(Clone)]
pub struct Placed {
    /// Top-left corner, in points.
    pub pos: Pos2,
    /// The text, laid out (for an image: its alt text, for the placeholder).
    pub galley: Arc<Galley>,
    /// For a bullet: how deep it sits (0 for a top-level bullet); its dot
    /// goes in front.
    pub bullet: Option<usize>,
    /// Whether a quotation bar goes in front.
    pub quote: bool,
    /// For an image block: its path, fit and box size (points).
    pub image: Option<(String, Fit, Vec2)>,
}

/// The text of a laid-out slide, for tests and for screen readers.
pub fn placed_text(placed: &[Placed]) -> Vec<String> {
    placed.iter().map(|p| p.galley.text().to_owned()).collect()
}

/// How a slide's content fits the place left for it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fitting {
    /// At full size.
    Fits,
    /// Shrunk, text and images together, to `scale` of full size (at least
    /// [`MIN_SCALE`]).
    Shrunk {
        /// Fraction of the full size, below 1.
        scale: f32,
    },
    /// Still runs over at the smallest size: the bottom is cut off.
    TooFull {
        /// How much taller the content is than its place (1.3: 30% too tall).
        over: f32,
    },
}

/// The places reserved on a slide's canvas, so that no overlay covers
/// another one or the content.
#[derive(Debug, Clone, PartialEq)]
pub struct Zones {
    /// The canvas less its margins.
    pub inner: Rect,
    /// Where the title and the blocks go, beside the QR codes.
    pub content: Rect,
    /// On a slide with QR codes: the whole width above them, which short
    /// content uses instead of `content` (so it need not shrink).
    pub above_qr: Option<Rect>,
    /// How wide the title may be (less than `content` beside a logo).
    pub title_width: f32,
    /// The logo's place, top right (the logo keeps its shape inside it).
    pub logo: Option<Rect>,
    /// The QR codes' places, bottom right above the band, right to left.
    pub qr: Vec<Rect>,
    /// The addresses the QR codes show, one per place in `qr`.
    pub qr_addresses: Vec<String>,
    /// The band along the bottom: the organization on the left; the
    /// discussion count-down and the slide number on the right.
    pub band: Rect,
}

/// The web addresses of a slide's QR links that a browser may open: never
/// a refused one, never one with a password in it (see
/// [`crate::deck::policy::web_link`]).
pub fn qr_addresses(slide: &Slide) -> Vec<String> {
    slide
        .links
        .iter()
        .filter(|link| link.qr)
        .filter_map(|link| {
            crate::deck::policy::web_link(&link.url)
                .address(&link.url)
                .map(str::to_owned)
        })
        .collect()
}

/// Whether the logo and the footer go on `slide`: not on the title slide,
/// and on a PDF page only when the deck asks for it.
pub fn decorated(deck: &Deck, slide: &Slide) -> bool {
    slide.layout != Layout::Title && (slide.page.is_none() || deck.decorate_pdf_pages)
}

/// The reserved places on `canvas` for `slide` of `deck`.
pub fn zones(canvas: Rect, deck: &Deck, slide: &Slide) -> Zones {
    let h = canvas.height();
    let margin = h * size::MARGIN;
    let gap = h * size::GAP;
    let inner = canvas.shrink(margin);
    let band_bottom = canvas.bottom() - margin * size::BAND_LIFT;
    let band = Rect::from_min_max(
        pos2(inner.left(), band_bottom - h * size::BAND),
        pos2(inner.right(), band_bottom),
    );
    let logo = (deck.logo.is_some() && decorated(deck, slide)).then(|| {
        let height = h * size::LOGO;
        Rect::from_min_max(
            pos2(inner.right() - height * size::LOGO_MAX_ASPECT, inner.top()),
            pos2(inner.right(), inner.top() + height),
        )
    });
    let title_width = logo.map_or(inner.width(), |logo| logo.left() - gap - inner.left());
    let addresses = qr_addresses(slide);
    let codes = addresses.len();
    // Two codes side by side at most take 60% of the width.
    let qr_side = if codes == 0 {
        0.0
    } else {
        (h * size::QR).min(inner.width() * 0.6 / codes as f32 - gap)
    };
    let qr_bottom = band.top() - gap * 0.5;
    let qr = (0..codes)
        .map(|k| {
            let right = inner.right() - k as f32 * (qr_side + gap);
            Rect::from_min_max(
                pos2(right - qr_side, qr_bottom - qr_side),
                pos2(right, qr_bottom),
            )
        })
        .collect::<Vec<_>>();
    let content_right = qr
        .last()
        .map_or(inner.right(), |leftmost| leftmost.left() - gap);
    let content = Rect::from_min_max(inner.min, pos2(content_right, band.top() - gap * 0.5));
    let above_qr = qr
        .iter()
        .map(Rect::top)
        .reduce(f32::min)
        .map(|top| Rect::from_min_max(inner.min, pos2(inner.right(), top - gap)))
        .filter(|above| above.height() > h * size::TITLE * 2.0);
    Zones {
        inner,
        content,
        above_qr,
        title_width: title_width.max(10.0),
        logo,
        qr,
        qr_addresses: addresses,
        band,
    }
}

/// The font family of the deck's slides.
pub(super) fn family(deck: &Deck) -> FontFamily {
    match deck.font.unwrap_or_default() {
        SlideFont::Hyperlegible => FontFamily::Proportional,
        SlideFont::Classic => FontFamily::Name(super::super::fonts::CLASSIC.into()),
    }
}

/// Lays out `slide` of `deck` on `canvas` (see [`layout_fitted`]).
pub fn layout_slide(painter: &Painter, canvas: Rect, deck: &Deck, slide: &Slide) -> Vec<Placed> {
    let zones = zones(canvas, deck, slide);
    layout_fitted(painter, &zones, canvas.height(), deck, slide).0
}

/// Lays out `slide` in `zones` (of a canvas `h` points high): the title at
/// the top (not on a PDF page), then the blocks, which shrink together,
/// text and images, down to [`MIN_SCALE`] until they fit. On a slide with
/// QR codes, content that fits above them takes the whole width; longer
/// content goes beside them.
pub fn layout_fitted(
    painter: &Painter,
    zones: &Zones,
    h: f32,
    deck: &Deck,
    slide: &Slide,
) -> (Vec<Placed>, Fitting) {
    // A page that shows the slide's text itself (an imported PowerPoint
    // deck with its PDF export): nothing is drawn over it.
    if slide.page.is_some() && !slide.draw_content {
        return (Vec::new(), Fitting::Fits);
    }
    let beside = || layout_in(painter, zones, zones.content, h, deck, slide);
    let Some(above) = zones.above_qr else {
        return beside();
    };
    let wide = layout_in(painter, zones, above, h, deck, slide);
    if wide.1 == Fitting::Fits {
        return wide;
    }
    let narrow = beside();
    let size = |fitting: Fitting| match fitting {
        Fitting::Fits => 1.0,
        Fitting::Shrunk { scale } => scale,
        Fitting::TooFull { over } => MIN_SCALE / over.max(1.0),
    };
    if size(wide.1) > size(narrow.1) {
        wide
    } else {
        narrow
    }
}

fn layout_in(
    painter: &Painter,
    zones: &Zones,
    area: Rect,
    h: f32,
    deck: &Deck,
    slide: &Slide,
) -> (Vec<Placed>, Fitting) {
    let colors = tokens::slide_colors(deck);
    let ppp = painter.ctx().pixels_per_point();
    let family = family(deck);
    if slide.layout == Layout::Title {
        let placed = layout_title_slide(painter, area, h, deck, slide, colors, ppp, &family);
        return (placed, Fitting::Fits);
    }
    let mut placed = Vec::new();
    let mut top = area.top();
    if slide.page.is_none() {
        let title_font = FontId::new(font_points(h, size::TITLE, ppp), family.clone());
        let title = painter.layout(
            slide.title.clone(),
            title_font,
            colors.text,
            zones.title_width,
        );
        top += title.size().y + h * size::TITLE_GAP;
        // The blocks start below the logo, whatever the title's height.
        if let Some(logo) = zones.logo {
            top = top.max(logo.bottom() + h * size::GAP);
        }
        placed.push(Placed {
            pos: area.min,
            galley: title,
            bullet: None,
            quote: false,
            image: None,
        });
    }
    let available = (area.bottom() - top).max(0.0);
    let mut body = size::BODY;
    loop {
        let blocks = layout_blocks(painter, area.width(), h, body, slide, colors, ppp, &family);
        let total: f32 = blocks.iter().map(|b| b.height).sum();
        if total <= available || body <= size::BODY_MIN {
            let fitting = if total > available + 0.5 {
                Fitting::TooFull {
                    over: total / available.max(1.0),
                }
            } else if body < size::BODY {
                Fitting::Shrunk {
                    scale: body / size::BODY,
                }
            } else {
                Fitting::Fits
            };
            let mut y = top;
            for block in blocks {
                // Too full: the room sees whole lines and the footer,
                // never a line cut in half or over the band.
                if matches!(fitting, Fitting::TooFull { .. })
                    && y + block.height - gap_after(&block, h, body) > area.bottom() + 0.5
                {
                    break;
                }
                let indent = match block.bullet {
                    Some(depth) => h * size::INDENT * (1 + depth) as f32,
                    None if block.quote => h * size::INDENT,
                    None => 0.0,
                };
                placed.push(Placed {
                    pos: pos2(area.left() + indent, y),
                    galley: block.galley,
                    bullet: block.bullet,
                    quote: block.quote,
                    image: block.image,
                });
                y += block.height;
            }
            return (placed, fitting);
        }
        // Text height grows about with the square of its size (bigger
        // letters, more lines): aim straight for the size that fits.
        let aim = (available / total.max(1.0)).sqrt() * 0.97;
        body = (body * aim.min(0.92)).max(size::BODY_MIN);
    }
}

/// The space a block leaves below it (part of its height).
fn gap_after(block: &Laid, h: f32, body: f32) -> f32 {
    let gap = h * body * size::BLOCK_GAP;
    gap.min(block.height)
}

/// A block laid out, before it is placed.
struct Laid {
    height: f32,
    galley: Arc<Galley>,
    bullet: Option<usize>,
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
    let scale = body / size::BODY;
    let body_font = FontId::new(font_points(h, body, ppp), family.clone());
    let heading_font = FontId::new(font_points(h, size::HEADING * scale, ppp), family.clone());
    let sub_font = FontId::new(font_points(h, body * size::SUB_BULLET, ppp), family.clone());
    let italic = FontId::new(
        font_points(h, body, ppp),
        if *family == FontFamily::Proportional {
            FontFamily::Name(super::super::fonts::ITALIC.into())
        } else {
            family.clone()
        },
    );
    let gap = h * body * size::BLOCK_GAP;
    let indent = h * size::INDENT;
    let text = |text: String, font: &FontId, color: Color32, width: f32, bullet, quote| {
        let galley = painter.layout(text, font.clone(), color, width.max(10.0));
        Laid {
            height: galley.size().y + gap,
            galley,
            bullet,
            quote,
            image: None,
        }
    };
    let mut out: Vec<Laid> = Vec::new();
    for block in &slide.content {
        match block {
            Block::Heading(t) => out.push(text(
                t.clone(),
                &heading_font,
                colors.accent,
                width,
                None,
                false,
            )),
            Block::Paragraph(t) => {
                out.push(text(t.clone(), &body_font, colors.text, width, None, false));
            }
            Block::Bullets(items) => {
                for item in items {
                    let depth = item.depth();
                    let font = if depth == 0 { &body_font } else { &sub_font };
                    out.push(text(
                        item.text.clone(),
                        font,
                        colors.text,
                        width - indent * (1 + depth) as f32,
                        Some(depth),
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
                    None,
                    true,
                ));
                if let Some(source) = source {
                    out.push(text(
                        format!("— {source}"),
                        &body_font,
                        colors.muted,
                        width - indent,
                        None,
                        true,
                    ));
                }
            }
            Block::Image { path, alt, fit } => {
                let small = FontId::new(font_points(h, body * size::ALT_TEXT, ppp), family.clone());
                let galley = painter.layout(alt.clone(), small, colors.muted, width.max(10.0));
                let box_height = h * size::IMAGE * scale;
                out.push(Laid {
                    height: box_height + gap,
                    galley,
                    bullet: None,
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
    // A caption, not a link's blue: nothing on the room's slide can be
    // clicked (the presenter plays it from the console).
    for link in &slide.links {
        out.push(text(
            format!("{kind}: {}", link.title),
            &body_font,
            colors.muted,
            width,
            None,
            false,
        ));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn layout_title_slide(
    painter: &Painter,
    area: Rect,
    h: f32,
    deck: &Deck,
    slide: &Slide,
    colors: SlideColors,
    ppp: f32,
    family: &FontFamily,
) -> Vec<Placed> {
    let centred = |text: &str, fraction: f32, color: Color32| {
        let mut job = LayoutJob::simple(
            text.to_owned(),
            FontId::new(font_points(h, fraction, ppp), family.clone()),
            color,
            area.width(),
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
    let gap = h * size::TITLE_SLIDE_GAP;
    let total: f32 =
        lines.iter().map(|g| g.size().y).sum::<f32>() + gap * lines.len().saturating_sub(1) as f32;
    let mut y = (area.center().y - total / 2.0).max(area.top());
    lines
        .into_iter()
        .map(|galley| {
            // A centred galley is laid out around x = 0.
            let pos = pos2(area.center().x, y);
            y += galley.size().y + gap;
            Placed {
                pos,
                galley,
                bullet: None,
                quote: false,
                image: None,
            }
        })
        .collect()
}
