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
use crate::deck::{Block, Deck, Fit, Layout, Slide};

use super::art::{
    Images, PLACEHOLDER_STROKE, SlideArt, image_figure, link, logo_and_footer, qr_figure, slide_art,
};
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

/// A block laid out at one body size, before it is placed.
struct Laid {
    lines: Vec<String>,
    style: Style,
    line_height: f32,
    height: f32,
    gap: f32,
    /// For a bullet: how deep it sits (0 at the top level).
    bullet: Option<usize>,
    quote: bool,
    kind: LaidKind,
}

enum LaidKind {
    Heading,
    Paragraph,
    Bullet(usize),
    Quote,
    Source,
    Image(String, String, Fit),
    Link(String, String),
}

fn style(face: FaceKind, size: f32, color: [u8; 3]) -> Style {
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
            let text = format!("Page {} not shown: {why}", page + 1);
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
        qr_figure(flow, area, &link.url, colors.text, colors.background);
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

fn layout_blocks(
    flow: &Flow<'_>,
    width: f32,
    h: f32,
    body: f32,
    slide: &Slide,
    colors: Palette,
) -> Vec<Laid> {
    let body_style = style(FaceKind::Regular, h * body, colors.text);
    let heading_style = style(
        FaceKind::Regular,
        h * body * size::HEADING / size::BODY,
        colors.accent,
    );
    let italic = style(FaceKind::Italic, h * body, colors.text);
    let gap = h * body * 0.45;
    let indent = h * 0.05;
    let laid = |text: &str, style: Style, width: f32, kind: LaidKind| {
        let face = flow.faces.get(style.face);
        let printable = flow.faces.printable(style.face, text);
        let lines = super::fonts::wrap(face, &printable, style.size, width.max(10.0));
        let line_height = face.line_height_pt(style.size);
        let (bullet, quote) = (
            match kind {
                LaidKind::Bullet(depth) => Some(depth),
                _ => None,
            },
            matches!(kind, LaidKind::Quote | LaidKind::Source),
        );
        Laid {
            height: lines.len() as f32 * line_height + gap,
            gap,
            lines,
            style,
            line_height,
            bullet,
            quote,
            kind,
        }
    };
    let mut out = Vec::new();
    for block in &slide.content {
        match block {
            Block::Heading(t) => out.push(laid(t, heading_style, width, LaidKind::Heading)),
            Block::Paragraph(t) => out.push(laid(t, body_style, width, LaidKind::Paragraph)),
            Block::Bullets(items) => {
                for item in items {
                    let depth = item.depth();
                    let item_style = if depth == 0 {
                        body_style
                    } else {
                        style(FaceKind::Regular, h * body * size::SUB_BULLET, colors.text)
                    };
                    out.push(laid(
                        &item.text,
                        item_style,
                        width - indent * (1 + depth) as f32,
                        LaidKind::Bullet(depth),
                    ));
                }
            }
            Block::Quote { text, source } => {
                out.push(laid(
                    &format!("\u{201C}{text}\u{201D}"),
                    italic,
                    width - indent,
                    LaidKind::Quote,
                ));
                if let Some(source) = source {
                    let muted = style(FaceKind::Regular, h * body, colors.muted);
                    out.push(laid(
                        &format!("\u{2014} {source}"),
                        muted,
                        width - indent,
                        LaidKind::Source,
                    ));
                }
            }
            Block::Image { path, alt, fit } => {
                let small = style(FaceKind::Regular, h * body * 0.6, colors.muted);
                let mut image = laid(
                    &format!("Image: {alt}"),
                    small,
                    width,
                    LaidKind::Image(path.clone(), alt.clone(), *fit),
                );
                image.height = h * size::IMAGE * body / size::BODY + gap;
                out.push(image);
            }
        }
    }
    let word = if slide.layout == Layout::Video {
        "Video"
    } else {
        "Link"
    };
    let link_style = style(FaceKind::Regular, h * body, colors.accent);
    for link in &slide.links {
        out.push(laid(
            &format!("{word}: {}", link.title),
            link_style,
            width,
            LaidKind::Link(link.url.clone(), link.title.clone()),
        ));
    }
    out
}

/// Where the blocks go: the inner area's left edge and width, the first
/// block's top, the canvas height.
#[derive(Clone, Copy)]
struct Column {
    left: f32,
    width: f32,
    top: f32,
    h: f32,
}

fn place_blocks(
    flow: &mut Flow<'_>,
    blocks: Vec<Laid>,
    column: &Column,
    accent: [u8; 3],
    images: &Images,
) {
    let Column {
        left,
        width,
        top,
        h,
    } = *column;
    let mut y = top;
    // Lists open, one per bullet level (each with its last item open, so a
    // sub-list nests in its parent's body, as screen readers expect).
    let mut lists = 0_usize;
    let mut in_quote = false;
    for block in blocks {
        let x = match block.bullet {
            Some(depth) => left + h * 0.05 * (1 + depth) as f32,
            None if block.quote => left + h * 0.05,
            None => left,
        };
        // Close the lists or quotation the block does not continue.
        let keep = block.bullet.map_or(0, |depth| (depth + 1).min(lists + 1));
        while lists > keep {
            close_list_item(flow);
            flow.close();
            lists -= 1;
        }
        if in_quote && !matches!(block.kind, LaidKind::Source) {
            flow.close();
            in_quote = false;
        }
        let face = flow.faces.get(block.style.face);
        let ascent_pt = face.ascent * block.style.size;
        let text_height = block.lines.len() as f32 * block.line_height;
        let text_items = |y: f32| -> Vec<Item> {
            block
                .lines
                .iter()
                .enumerate()
                .map(|(k, line)| Item::Text {
                    x,
                    baseline: y + k as f32 * block.line_height + ascent_pt,
                    text: line.clone(),
                    face: block.style.face,
                    size: block.style.size,
                    color: block.style.color,
                })
                .collect()
        };
        match &block.kind {
            LaidKind::Heading | LaidKind::Paragraph => {
                flow.open(Kind::P);
                flow.content_linked(text_items(y));
                flow.close();
            }
            LaidKind::Bullet(depth) => {
                if lists == keep {
                    // The item before, at this level, is complete.
                    close_list_item(flow);
                } else {
                    flow.open(Kind::List);
                    lists += 1;
                }
                let (cx, cy) = (x - h * 0.028, y + block.line_height * 0.55);
                let r = (block.line_height * 0.12).max(0.5);
                flow.artifact(if depth % 2 == 0 {
                    Item::Dot {
                        x: cx,
                        y: cy,
                        r,
                        color: accent,
                    }
                } else {
                    // A sub-bullet's dash, as in the app.
                    Item::Line {
                        from: (cx - r * 1.6, cy),
                        to: (cx + r * 1.6, cy),
                        color: accent,
                        width: (r * 0.7).max(0.3),
                    }
                });
                flow.open(Kind::ListItem);
                flow.open(Kind::ListBody);
                flow.content_linked(text_items(y));
            }
            LaidKind::Quote | LaidKind::Source => {
                if matches!(block.kind, LaidKind::Quote) {
                    flow.open(Kind::BlockQuote);
                    in_quote = true;
                }
                let bar_x = x - h * 0.03;
                flow.artifact(Item::Line {
                    from: (bar_x, y),
                    to: (bar_x, y + text_height),
                    color: accent,
                    width: (h * 0.006).max(0.3),
                });
                flow.open(Kind::P);
                flow.content_linked(text_items(y));
                flow.close();
            }
            LaidKind::Image(path, alt, fit) => {
                let box_area = Area::new(x, y, width, (block.height - block.gap).max(1.0));
                image_figure(flow, box_area, path, alt, *fit, images, text_items(y + 6.0));
            }
            LaidKind::Link(url, title) => {
                let areas: Vec<Area> = block
                    .lines
                    .iter()
                    .enumerate()
                    .map(|(k, line)| {
                        let face = flow.faces.get(block.style.face);
                        Area::new(
                            x,
                            y + k as f32 * block.line_height,
                            face.width_pt(line.trim_end(), block.style.size),
                            block.line_height,
                        )
                    })
                    .collect();
                flow.open(Kind::P);
                link(flow, text_items(y), &areas, url, title);
                flow.close();
            }
        }
        y += block.height;
    }
    for _ in 0..lists {
        close_list_item(flow);
        flow.close();
    }
    if in_quote {
        flow.close();
    }
}

/// Closes a list item left open for a sub-list: its body, then the item.
fn close_list_item(flow: &mut Flow<'_>) {
    flow.close();
    flow.close();
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
