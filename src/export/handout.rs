//! The participants' handout: the slides the room sees (hidden slides left
//! out), 1, 2, 3 or 6 to a page, lines for notes beside each slide at 3 to
//! a page (as `PowerPoint`'s handouts), links clickable, no speaker notes.

use crate::deck::LoadedDeck;

use super::art::{Images, SlideArt, link, slide_art};
use super::doc::{Area, Flow, Item, Kind, Style};
use super::draw::{Meta, render};
use super::fonts::{FaceKind, Faces};
use super::guide::{furniture, grid, ink};
use super::slide::{ASPECT, TitleTag, canvas, draw_picture};
use super::{ExportError, HandoutOptions, Laid, PerPage};

/// Height of the band at the top of every page (the deck's title on the
/// first page), in points.
const BAND_PT: f32 = 44.0;
/// Room under each slide for its caption (number and links), in points.
const CAPTION_PT: f32 = 30.0;
/// Space between lines for notes, in points.
const NOTE_LINE_PT: f32 = 22.0;

/// Where one slide goes on a page: its cell, and whether lines for notes
/// fill the cell's right part.
struct Cell {
    area: Area,
    lines: bool,
}

/// The cells of a page in reading order (left to right, top to bottom).
fn cells(per_page: PerPage, area: Area) -> Vec<Cell> {
    let gap = 16.0;
    let rows = |n: usize| {
        let h = (area.h - gap * (n - 1) as f32) / n as f32;
        (0..n).map(move |k| Area::new(area.x, area.y + k as f32 * (h + gap), area.w, h))
    };
    match per_page {
        PerPage::One => vec![Cell { area, lines: false }],
        PerPage::Two => rows(2).map(|area| Cell { area, lines: false }).collect(),
        PerPage::Three => rows(3).map(|area| Cell { area, lines: true }).collect(),
        PerPage::Six => rows(3)
            .flat_map(|row| {
                let w = (row.w - gap) / 2.0;
                [
                    Area::new(row.x, row.y, w, row.h),
                    Area::new(row.x + w + gap, row.y, w, row.h),
                ]
            })
            .map(|area| Cell { area, lines: false })
            .collect(),
    }
}

/// The handout of `loaded` as PDF bytes and its page count.
pub(crate) fn handout(loaded: &LoadedDeck, options: HandoutOptions) -> Result<Laid, ExportError> {
    let deck = &loaded.deck;
    let visible: Vec<usize> = deck
        .slides
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.hidden)
        .map(|(i, _)| i)
        .collect();
    if visible.is_empty() {
        return Err(ExportError::NothingToHand {
            deck: loaded.path.clone(),
        });
    }
    let faces = Faces::load()?;
    let images = Images::new(loaded);
    let grid = grid(options.paper.size_pt());
    let mut flow = Flow::new(&faces, grid);

    // The deck's title in the first page's band.
    flow.open(Kind::Heading(1, deck.title.clone()));
    flow.text(
        &deck.title,
        Style {
            face: FaceKind::Bold,
            size: 15.0,
            color: ink::TEXT,
        },
        1.0,
    );
    flow.close();
    let byline: Vec<&str> = [&deck.subtitle, &deck.organization]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !byline.is_empty() {
        flow.open(Kind::P);
        flow.text(
            &byline.join(" \u{00B7} "),
            Style {
                face: FaceKind::Regular,
                size: 9.0,
                color: ink::MUTED,
            },
            0.0,
        );
        flow.close();
    }

    let body = Area::new(
        grid.margin,
        grid.top + BAND_PT,
        grid.width - 2.0 * grid.margin,
        grid.bottom - grid.top - BAND_PT,
    );
    let layout = cells(options.per_page, body);
    let per = layout.len().max(1);
    let mut overflowed = Vec::new();
    for (k, &index) in visible.iter().enumerate() {
        if k > 0 && k % per == 0 {
            flow.new_page();
        }
        let Some(cell) = layout.get(k % per) else {
            continue;
        };
        if slide_cell(&mut flow, loaded, index, cell, &images) {
            overflowed.push(index);
        }
    }
    bookmarks(&mut flow, loaded, &visible, per);
    if !overflowed.is_empty() {
        links_at_the_end(&mut flow, loaded, &overflowed);
    }

    let doc = flow.finish();
    let meta = Meta {
        title: format!("{}: handout", deck.title),
        subject: format!(
            "Slides of the training \"{}\", for participants",
            deck.title
        ),
        lang: "en-US".to_owned(),
        author: deck.organization.clone(),
    };
    let left = deck.title.clone();
    let furniture = |index, count| furniture(&faces, grid, &left, "Handout", index, count);
    let pages = doc.pages.len();
    let bytes = render(&doc, &faces, &meta, &furniture)?;
    Ok(Laid {
        bytes,
        pages,
        not_shown: super::not_shown(&images, &faces),
    })
}

/// Draws slide `index` in `cell`; returns whether some of its links did
/// not fit under it (they go to the end of the handout).
fn slide_cell(
    flow: &mut Flow<'_>,
    loaded: &LoadedDeck,
    index: usize,
    cell: &Cell,
    images: &Images,
) -> bool {
    let deck = &loaded.deck;
    let Some(slide) = deck.slides.get(index) else {
        return false;
    };
    let slide_room = if cell.lines {
        Area::new(
            cell.area.x,
            cell.area.y,
            cell.area.w * 0.55,
            cell.area.h - CAPTION_PT,
        )
    } else {
        Area::new(
            cell.area.x,
            cell.area.y,
            cell.area.w,
            cell.area.h - CAPTION_PT,
        )
    };
    let mut picture = canvas(slide_room);
    if cell.lines {
        // Left-aligned, lines to its right.
        picture.x = slide_room.x;
        picture.y = slide_room.y;
    } else {
        picture.y = slide_room.y;
    }
    flow.open(Kind::Div);
    // A page of the deck's PDF is a figure: the caption under it is the
    // slide's heading, read before the picture.
    let on_page = matches!(slide_art(deck, index), SlideArt::PdfPage { .. });
    let caption = if on_page {
        format!(
            "Slide {} of {}: {}",
            index + 1,
            deck.slides.len(),
            slide.console_title()
        )
    } else {
        format!("Slide {} of {}", index + 1, deck.slides.len())
    };
    let small = Style {
        face: FaceKind::Regular,
        size: 8.5,
        color: ink::MUTED,
    };
    let mut y = picture.y + picture.h + 4.0;
    let (items, height) = flow.lines(&caption, small, picture.x, picture.w, y);
    if on_page {
        flow.open(Kind::Heading(2, caption.clone()));
        flow.content(items);
        flow.close();
        draw_picture(flow, deck, index, picture, images, TitleTag::Paragraph);
    } else {
        draw_picture(flow, deck, index, picture, images, TitleTag::Heading(2));
        flow.open(Kind::P);
        flow.content(items);
        flow.close();
    }
    y += height;
    let link_style = Style {
        face: FaceKind::Regular,
        size: 8.5,
        color: ink::ACCENT,
    };
    // The links under the slide, as many as fit in the cell; the rest are
    // listed in full at the end of the handout, and the last line says so.
    let bottom = cell.area.y + cell.area.h;
    let line = flow.measure("M", small, picture.w);
    let mut shown = 0;
    for (k, link_spec) in slide.links.iter().enumerate() {
        let address =
            super::art::safe_address(&link_spec.url).unwrap_or_else(|| link_spec.url.clone());
        let text = format!("{}: {address}", link_spec.title);
        let (items, height) = flow.lines(&text, link_style, picture.x, picture.w, y);
        let more_after = k + 1 < slide.links.len();
        let reserve = if more_after { line } else { 0.0 };
        if y + height + reserve > bottom + 0.5 {
            break;
        }
        let areas = flow.line_areas(&items);
        flow.open(Kind::P);
        link(flow, items, &areas, &link_spec.url, &link_spec.title);
        flow.close();
        y += height;
        shown += 1;
    }
    let rest = slide.links.len() - shown;
    if rest > 0 {
        let text = format!(
            "{} at the end of the handout",
            if rest == slide.links.len() {
                crate::cli::plural(rest, "link")
            } else {
                format!("{rest} more {}", if rest == 1 { "link" } else { "links" })
            }
        );
        let (items, height) = flow.lines(&text, small, picture.x, picture.w, y);
        if y + height <= bottom + 0.5 {
            flow.open(Kind::P);
            flow.content(items);
            flow.close();
        }
    }
    flow.close();
    if cell.lines {
        let x0 = picture.x + picture.w + 18.0;
        let x1 = cell.area.x + cell.area.w;
        let bottom = picture.y + picture.h.max(picture.w / ASPECT);
        let mut line_y = picture.y + NOTE_LINE_PT;
        while line_y <= bottom + 0.5 {
            flow.artifact(Item::Line {
                from: (x0, line_y),
                to: (x1, line_y),
                color: ink::RULE,
                width: 0.6,
            });
            line_y += NOTE_LINE_PT;
        }
    }
    rest > 0
}

/// The links of the slides whose links did not all fit under them, in
/// full, on pages of their own at the end.
fn links_at_the_end(flow: &mut Flow<'_>, loaded: &LoadedDeck, slides: &[usize]) {
    flow.new_page();
    flow.bookmark("Links");
    flow.open(Kind::Heading(2, "Links".to_owned()));
    flow.text(
        "Links",
        Style {
            face: FaceKind::Bold,
            size: 13.0,
            color: ink::TEXT,
        },
        6.0,
    );
    flow.close();
    let count = loaded.deck.slides.len();
    for &index in slides {
        let Some(slide) = loaded.deck.slides.get(index) else {
            continue;
        };
        let heading = format!("Slide {} of {count}: {}", index + 1, slide.console_title());
        flow.ensure(40.0);
        flow.open(Kind::Heading(3, heading.clone()));
        flow.text(
            &heading,
            Style {
                face: FaceKind::Bold,
                size: 10.0,
                color: ink::TEXT,
            },
            3.0,
        );
        flow.close();
        for link_spec in &slide.links {
            let title = Style {
                face: FaceKind::Regular,
                size: 10.0,
                color: ink::ACCENT,
            };
            let address = Style {
                face: FaceKind::Regular,
                size: 8.5,
                color: ink::MUTED,
            };
            super::notes::linked_text(flow, &link_spec.title, title, &link_spec.url);
            let shown =
                super::art::safe_address(&link_spec.url).unwrap_or_else(|| link_spec.url.clone());
            super::notes::linked_text(flow, &shown, address, &link_spec.url);
            flow.y += 4.0;
        }
        flow.y += 6.0;
    }
}

/// One bookmark per slide, pointing at its page.
fn bookmarks(flow: &mut Flow<'_>, loaded: &LoadedDeck, visible: &[usize], per: usize) {
    for (k, &index) in visible.iter().enumerate() {
        if let Some(slide) = loaded.deck.slides.get(index) {
            flow.doc.bookmarks.push(super::doc::Bookmark {
                title: format!("Slide {}: {}", index + 1, slide.console_title()),
                page: k / per,
                y: 0.0,
            });
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    #[test]
    fn cells_fill_the_page_in_reading_order() {
        let area = Area::new(54.0, 110.0, 504.0, 620.0);
        for per in [PerPage::One, PerPage::Two, PerPage::Three, PerPage::Six] {
            let cells = cells(per, area);
            assert_eq!(cells.len(), per.count());
            for pair in cells.windows(2) {
                let (a, b) = (&pair[0].area, &pair[1].area);
                // Next cell is to the right on the same row, or lower.
                assert!(b.y > a.y || (b.y == a.y && b.x > a.x));
            }
            for cell in &cells {
                assert!(cell.area.y + cell.area.h <= area.y + area.h + 0.01);
                assert!(cell.area.x + cell.area.w <= area.x + area.w + 0.01);
            }
            assert_eq!(cells.iter().all(|c| c.lines), per == PerPage::Three);
        }
    }
}
