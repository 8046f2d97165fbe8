//! Slide pictures for the guide and the handout: the slide as the room sees
//! it, drawn as vectors and real text in the PDF.
//!
//! The layout follows the app's slide renderer (`src/ui/slide.rs`) rule for
//! rule, in fractions of the 16:9 canvas height from `ui::tokens::size`
//! (copied below, since this module may not use egui): margins, title and
//! body sizes, the shrink-to-fit loop for body text, bullets, quotation
//! bars, the accent rule under the title, image boxes, QR codes in the
//! bottom-right corner, the logo and the footer. The differences are listed
//! in `docs/export.md` (no kerning; the Classic font prints in Atkinson
//! Hyperlegible; a hairline frame around the picture so a light slide shows
//! on white paper).
//!
//! The text is tagged (title, headings, paragraphs, lists, quotations) so a
//! screen reader reads the slide; images are figures with the deck's alt
//! text; backgrounds, bullets and rules are artifacts.
//!
//! A slide that shows a page of the deck's PDF ([`SlideArt::PdfPage`]) is
//! that page, drawn by the app's PDF renderer (see `super::page`), with the
//! slide's content over it as in the app.

use crate::deck::theme::{Palette, palette};
use crate::deck::{Block, Deck, Layout, Slide};

use super::art::{Images, PLACEHOLDER_STROKE, SlideArt, logo_and_footer, qr_figure, slide_art};
use super::blocks::{Column, layout_blocks, place_blocks};
use super::doc::{Area, Flow, Item, Kind, Style};
use super::fonts::FaceKind;
use super::page::page_alt;

/// Width over height of the slide canvas (as in the app).
pub const ASPECT: f32 = 16.0 / 9.0;

/// Sizes as fractions of the canvas height: the app's `ui::tokens::size`.
pub(crate) mod size {
    pub(crate) const FOOTER: f32 = 0.026;
    pub(crate) const IMAGE: f32 = 0.42;
    pub(crate) const LOGO: f32 = 0.075;
    pub(crate) const TITLE_SLIDE_TITLE: f32 = 0.095;
    pub(crate) const TITLE: f32 = 0.075;
    pub(crate) const HEADING: f32 = 0.055;
    pub(crate) const BODY: f32 = 0.048;
    pub(crate) const BODY_MIN: f32 = 0.026;
    pub(crate) const MARGIN: f32 = 0.06;
    pub(crate) const SUB_BULLET: f32 = 0.88;
}

/// The hairline around a slide picture, so a light slide shows on paper.
const PICTURE_FRAME: [u8; 3] = [0x9A, 0xA5, 0xB1];

/// How the slide's title is tagged: as a heading of this level, or (in the
/// guide, where a heading names the slide already) as a paragraph.
#[derive(Debug, Clone, Copy)]
pub(crate) enum TitleTag {
    Heading(u16),
    Paragraph,
}

/// The largest 16:9 area centred in `outer`.
pub(crate) fn canvas(outer: Area) -> Area {
    fit_aspect(outer, ASPECT)
}

pub(crate) fn style(face: FaceKind, size: f32, color: [u8; 3]) -> Style {
    Style { face, size, color }
}

/// Draws slide `index` of `deck` into `canvas` (16:9) on the flow's
/// current page, as a tagged section.
pub(crate) fn draw_picture(
    flow: &mut Flow<'_>,
    deck: &Deck,
    index: usize,
    canvas: Area,
    images: &Images,
    title: TitleTag,
) {
    let Some(slide) = deck.slides.get(index) else {
        return;
    };
    let colors = palette(deck);
    let art = slide_art(deck, index);
    // A page keeps its own shape inside the 16:9 box, centred on the paper
    // (the app letterboxes it the same way on a 16:9 projector).
    let canvas = match &art {
        SlideArt::PdfPage { page, .. } => {
            fit_aspect(canvas, images.pages.aspect(*page).unwrap_or(ASPECT))
        }
        SlideArt::Vector => canvas,
    };
    flow.artifact(Item::Fill {
        area: canvas,
        color: colors.background,
    });
    flow.open(Kind::Sect);
    match art {
        SlideArt::Vector if slide.layout == Layout::Title => {
            title_slide(flow, deck, slide, canvas, colors, title);
        }
        SlideArt::Vector => {
            content_slide(flow, deck, index, slide, canvas, colors, images, title);
        }
        SlideArt::PdfPage { page, .. } => {
            page_figure(flow, deck, index, slide, page, canvas, images);
            // Over the page, what the app draws there: the slide's content
            // (not its title) unless `draw_content: false`.
            match (slide.draw_content, slide.layout) {
                (false, _) => {}
                (true, Layout::Title) => title_slide(flow, deck, slide, canvas, colors, title),
                (true, _) => {
                    content_slide(flow, deck, index, slide, canvas, colors, images, title);
                }
            }
        }
    }
    flow.close();
    ink_over(flow, images.ink.strokes(index), canvas);
    // Just outside the picture: artifacts are drawn before content, and a
    // page's image covers its whole canvas.
    flow.artifact(Item::Frame {
        area: Area::new(
            canvas.x - 0.5,
            canvas.y - 0.5,
            canvas.w + 1.0,
            canvas.h + 1.0,
        ),
        color: PICTURE_FRAME,
        width: 0.5,
    });
}

/// The presenter's ink over a slide's picture in `canvas`, as the app
/// draws it: the pen thin and opaque, the highlighter wide and
/// see-through, both sized to the picture.
fn ink_over(flow: &mut Flow<'_>, strokes: &[crate::show::pointing::Stroke], canvas: Area) {
    use crate::show::pointing::{HIGHLIGHTER_OPACITY, HIGHLIGHTER_WIDTH, InkKind, PEN_WIDTH};
    for stroke in strokes {
        let (width, opacity) = match stroke.kind {
            InkKind::Pen => (canvas.h * PEN_WIDTH, 1.0),
            InkKind::Highlighter => (canvas.h * HIGHLIGHTER_WIDTH, HIGHLIGHTER_OPACITY),
        };
        flow.overlay(Item::Ink {
            points: stroke
                .points
                .iter()
                .map(|p| (canvas.x + p[0] * canvas.w, canvas.y + p[1] * canvas.h))
                .collect(),
            color: stroke.color.rgb(),
            width: width.max(0.3),
            opacity,
        });
    }
}

/// The largest area of width over height `aspect` centred in `outer`.
pub(crate) fn fit_aspect(outer: Area, aspect: f32) -> Area {
    let w = outer.w.min(outer.h * aspect).max(0.0);
    let h = w / aspect.max(f32::MIN_POSITIVE);
    Area::new(
        outer.x + (outer.w - w) / 2.0,
        outer.y + (outer.h - h) / 2.0,
        w,
        h,
    )
}

/// Page `page` of the deck's PDF filling `canvas`, as a figure; a page that
/// cannot be drawn prints as the app's placeholder with the reason.
fn page_figure(
    flow: &mut Flow<'_>,
    deck: &Deck,
    index: usize,
    slide: &Slide,
    page: usize,
    canvas: Area,
    images: &Images,
) {
    match images.pages.image(page, canvas.w, canvas.h) {
        Ok(image) => {
            flow.open(Kind::Figure(page_alt(deck, index, slide)));
            flow.content(vec![Item::Image {
                area: canvas,
                clip: canvas,
                image,
            }]);
            flow.close();
        }
        Err(why) => {
            flow.artifact(Item::Frame {
                area: canvas,
                color: PLACEHOLDER_STROKE,
                width: 1.0,
            });
            let text = format!(
                "Page {} not shown: {}",
                page + 1,
                images.without_folder(&why)
            );
            let note = style(
                FaceKind::Regular,
                (canvas.h * 0.045).clamp(5.0, 11.0),
                PLACEHOLDER_STROKE,
            );
            let width = canvas.w * 0.9;
            let height = flow.measure(&text, note, width);
            let mut y = canvas.y + (canvas.h - height) / 2.0;
            let items = centred_lines(flow, &text, note, canvas.x + canvas.w * 0.05, width, &mut y);
            flow.open(Kind::P);
            flow.content(items);
            flow.close();
        }
    }
}

/// Lines centred in `width` from `x`, as text items with their baseline.
fn centred_lines(
    flow: &Flow<'_>,
    text: &str,
    style: Style,
    x: f32,
    width: f32,
    y: &mut f32,
) -> Vec<Item> {
    let face = flow.faces.get(style.face);
    let printable = flow.faces.printable(style.face, text);
    let line_height = face.line_height_pt(style.size);
    super::fonts::wrap(face, &printable, style.size, width)
        .into_iter()
        .map(|line| {
            let w = face.width_pt(line.trim_end(), style.size);
            let item = Item::Text {
                x: x + (width - w) / 2.0,
                baseline: *y + face.ascent * style.size,
                text: line,
                face: style.face,
                size: style.size,
                color: style.color,
            };
            *y += line_height;
            item
        })
        .collect()
}

fn title_slide(
    flow: &mut Flow<'_>,
    deck: &Deck,
    slide: &Slide,
    canvas: Area,
    colors: Palette,
    title: TitleTag,
) {
    let h = canvas.h;
    let margin = h * size::MARGIN;
    let (x, width) = (canvas.x + margin, canvas.w - 2.0 * margin);
    let mut lines: Vec<(String, Style, bool)> = vec![(
        slide.title.clone(),
        style(FaceKind::Regular, h * size::TITLE_SLIDE_TITLE, colors.text),
        true,
    )];
    for extra in [&deck.subtitle, &deck.organization].into_iter().flatten() {
        lines.push((
            extra.clone(),
            style(FaceKind::Regular, h * size::HEADING, colors.muted),
            false,
        ));
    }
    for block in &slide.content {
        if let Block::Paragraph(text) | Block::Heading(text) = block {
            lines.push((
                text.clone(),
                style(FaceKind::Regular, h * size::BODY, colors.muted),
                false,
            ));
        }
    }
    let gap = h * 0.04;
    let total: f32 = lines
        .iter()
        .map(|(text, style, _)| flow.measure(text, *style, width))
        .sum::<f32>()
        + gap * lines.len().saturating_sub(1) as f32;
    let mut y = canvas.y + canvas.h / 2.0 - total / 2.0;
    for (text, style, is_title) in lines {
        let items = centred_lines(flow, &text, style, x, width, &mut y);
        y += gap;
        let kind = match (is_title, title) {
            (true, TitleTag::Heading(level)) => Kind::Heading(level, text.clone()),
            _ => Kind::P,
        };
        flow.open(kind);
        flow.content(items);
        flow.close();
    }
}

#[allow(clippy::too_many_arguments)]
fn content_slide(
    flow: &mut Flow<'_>,
    deck: &Deck,
    index: usize,
    slide: &Slide,
    canvas: Area,
    colors: Palette,
    images: &Images,
    title: TitleTag,
) {
    let h = canvas.h;
    let margin = h * size::MARGIN;
    let inner = Area::new(
        canvas.x + margin,
        canvas.y + margin,
        canvas.w - 2.0 * margin,
        canvas.h - 2.0 * margin,
    );
    // Over a PDF page the title is not drawn (the page has its own), and
    // the logo and footer only with `decorate_pdf_pages`, as in the app.
    let on_page = matches!(slide_art(deck, index), SlideArt::PdfPage { .. });
    let decorated = !on_page || deck.decorate_pdf_pages;
    let top = if on_page {
        let logo_bottom = inner.y + h * (size::LOGO + 0.02);
        if deck.logo.is_some() && decorated {
            logo_bottom
        } else {
            inner.y
        }
    } else {
        slide_title(flow, deck, slide, inner, h, colors, title)
    };
    let footer = if deck.footer.is_some() && decorated {
        h * (size::FOOTER + 0.02)
    } else {
        0.0
    };
    let available = (inner.y + inner.h - top - footer).max(0.0);
    let mut body = size::BODY;
    let blocks = loop {
        let blocks = layout_blocks(flow, inner.w, h, body, slide, colors);
        let total: f32 = blocks.iter().map(|b| b.height).sum();
        if total <= available || body <= size::BODY_MIN {
            break blocks;
        }
        let aim = (available / total.max(1.0)).sqrt() * 0.97;
        body = (body * aim.min(0.92)).max(size::BODY_MIN);
    };
    let column = Column {
        left: inner.x,
        width: inner.w,
        top,
        h,
    };
    place_blocks(flow, blocks, &column, colors.accent, images);
    for (k, link) in slide.links.iter().filter(|l| l.qr).enumerate() {
        let qr_side = h * 0.26;
        let gap = h * 0.03;
        let area = Area::new(
            canvas.x + canvas.w - (qr_side + gap + k as f32 * (qr_side + gap)),
            canvas.y + canvas.h - (qr_side + gap),
            qr_side,
            qr_side,
        );
        if let Some(address) = super::art::safe_address(&link.url) {
            qr_figure(flow, area, &address, colors.text, colors.background);
        }
    }
    if decorated {
        logo_and_footer(flow, deck, index, canvas, colors, images);
    }
}

/// The slide's title at the top of `inner`, with the accent rule under
/// it; returns where the blocks start.
fn slide_title(
    flow: &mut Flow<'_>,
    deck: &Deck,
    slide: &Slide,
    inner: Area,
    h: f32,
    colors: Palette,
    title: TitleTag,
) -> f32 {
    let title_style = style(FaceKind::Regular, h * size::TITLE, colors.text);
    let logo_room = if deck.logo.is_some() {
        h * size::LOGO * 3.2
    } else {
        0.0
    };
    let title_width = (inner.w - logo_room).max(10.0);
    let mut y = inner.y;
    let title_items = lines_at(
        flow,
        &slide.title,
        title_style,
        inner.x,
        title_width,
        &mut y,
    );
    let title_bottom = y;
    flow.open(match title {
        TitleTag::Heading(level) => Kind::Heading(level, slide.title.clone()),
        TitleTag::Paragraph => Kind::P,
    });
    flow.content(title_items);
    flow.close();
    // The accent rule under the title.
    let rule_y = title_bottom + h * 0.018;
    flow.artifact(Item::Line {
        from: (inner.x, rule_y),
        to: (inner.x + h * 0.18, rule_y),
        color: colors.accent,
        width: (h * 0.008).max(0.3),
    });
    title_bottom + h * 0.05
}

/// Text lines from `x` at `y`, left-aligned; moves `y` below them.
fn lines_at(
    flow: &Flow<'_>,
    text: &str,
    style: Style,
    x: f32,
    width: f32,
    y: &mut f32,
) -> Vec<Item> {
    let face = flow.faces.get(style.face);
    let printable = flow.faces.printable(style.face, text);
    let line_height = face.line_height_pt(style.size);
    super::fonts::wrap(face, &printable, style.size, width)
        .into_iter()
        .map(|line| {
            let item = Item::Text {
                x,
                baseline: *y + face.ascent * style.size,
                text: line,
                face: style.face,
                size: style.size,
                color: style.color,
            };
            *y += line_height;
            item
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_canvas_is_16_by_9_and_centred() {
        let c = canvas(Area::new(10.0, 20.0, 400.0, 400.0));
        assert!((c.w / c.h - ASPECT).abs() < 1e-4);
        assert_eq!(c.w, 400.0);
        assert!((c.y - (20.0 + (400.0 - c.h) / 2.0)).abs() < 1e-3);
    }
}
