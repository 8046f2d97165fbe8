//! The blocks of a slide picture (headings, paragraphs, bullets at their
//! levels, quotations, images, links) laid out at one body size and placed
//! in a column, as the app's `layout_blocks` does; tagged as paragraphs,
//! nested lists and quotations.

use crate::deck::theme::Palette;
use crate::deck::{Block, Fit, Layout, Slide};

use super::art::{Images, image_figure, link};
use super::doc::{Area, Flow, Item, Kind, Style};
use super::fonts::FaceKind;
use super::slide::{size, style};

/// A block laid out at one body size, before it is placed.
pub(crate) struct Laid {
    lines: Vec<String>,
    style: Style,
    line_height: f32,
    pub(crate) height: f32,
    gap: f32,
    /// For a bullet: how deep it sits (0 at the top level).
    bullet: Option<usize>,
    quote: bool,
    kind: LaidKind,
}

pub(crate) enum LaidKind {
    Heading,
    Paragraph,
    Bullet(usize),
    Quote,
    Source,
    Image(String, String, Fit),
    Link(String, String),
}

pub(crate) fn layout_blocks(
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
pub(crate) struct Column {
    pub(crate) left: f32,
    pub(crate) width: f32,
    pub(crate) top: f32,
    pub(crate) h: f32,
}

pub(crate) fn place_blocks(
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
