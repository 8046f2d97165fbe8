//! The presenter's guide: a cover page with the plan and a table of
//! slides, then each slide on a new page with its picture, facts, content
//! note, speaker notes by kind, and links.

use std::fmt::Write as _;

use crate::deck::{LoadedDeck, Note, Slide};

use super::art::Images;
use super::doc::{Area, Doc, Flow, Grid, Item, Kind, LinkTarget, Node, Style};
use super::draw::{Meta, render};
use super::fonts::{FaceKind, Faces};
use super::notes::{keep_together, label, label_style, links, notes};
use super::slide::{TitleTag, canvas, draw_picture};
use super::{ExportError, GuideOptions, Laid, clock, minutes_text};

/// Print colours of the guide and the handout (dark ink on white paper,
/// each at least 4.5:1 against its background).
pub(crate) mod ink {
    /// Body text.
    pub(crate) const TEXT: [u8; 3] = [0x1C, 0x22, 0x2B];
    /// Secondary text: facts, sources, running headers.
    pub(crate) const MUTED: [u8; 3] = [0x4A, 0x55, 0x63];
    /// Headings and links.
    pub(crate) const ACCENT: [u8; 3] = [0x1F, 0x5F, 0x99];
    /// Hairlines: table rules, lines for notes.
    pub(crate) const RULE: [u8; 3] = [0xB4, 0xBC, 0xC8];
    /// Presenter tip: background, bar and label.
    pub(crate) const TIP_FILL: [u8; 3] = [0xFF, 0xF4, 0xD6];
    pub(crate) const TIP_BAR: [u8; 3] = [0xC9, 0x8A, 0x00];
    pub(crate) const TIP_LABEL: [u8; 3] = [0x6B, 0x4E, 0x00];
    /// Question for the room: background and border.
    pub(crate) const PROMPT_FILL: [u8; 3] = [0xE8, 0xF1, 0xFA];
    /// Content note: background, bar and label.
    pub(crate) const WARNING_FILL: [u8; 3] = [0xFC, 0xEB, 0xEB];
    pub(crate) const WARNING_BAR: [u8; 3] = [0xB3, 0x1B, 0x1B];
    pub(crate) const WARNING_LABEL: [u8; 3] = [0x8A, 0x14, 0x14];
    /// Quotation bar.
    pub(crate) const QUOTE_BAR: [u8; 3] = [0x9A, 0xA5, 0xB1];
}

/// Text sizes of the guide, in points.
pub(crate) mod pt {
    pub(crate) const TITLE: f32 = 24.0;
    pub(crate) const SLIDE_HEADING: f32 = 16.0;
    pub(crate) const SECTION: f32 = 12.5;
    pub(crate) const BODY: f32 = 11.0;
    pub(crate) const SMALL: f32 = 9.5;
    pub(crate) const LABEL: f32 = 8.5;
    pub(crate) const HEADER: f32 = 8.5;
}

pub(crate) fn style(face: FaceKind, size: f32, color: [u8; 3]) -> Style {
    Style { face, size, color }
}

/// The page grid for `paper`: 0.75 inch margins, room for the running
/// header and footer.
pub(crate) fn grid(size: (f32, f32)) -> Grid {
    let (width, height) = size;
    Grid {
        width,
        height,
        margin: 54.0,
        top: 66.0,
        bottom: height - 58.0,
    }
}

/// The running header and footer: the deck's title and what the document
/// is on top, "page N of M" below.
pub(crate) fn furniture(
    faces: &Faces,
    grid: Grid,
    left: &str,
    right: &str,
    index: usize,
    count: usize,
) -> Vec<Item> {
    let face = faces.get(FaceKind::Regular);
    let size = pt::HEADER;
    let text = |x: f32, baseline: f32, text: String| Item::Text {
        x,
        baseline,
        text,
        face: FaceKind::Regular,
        size,
        color: ink::MUTED,
    };
    let right_edge = grid.width - grid.margin;
    let left = faces.printable(FaceKind::Regular, left);
    let right = faces.printable(FaceKind::Regular, right);
    let page = format!("page {} of {count}", index + 1);
    vec![
        text(grid.margin, 40.0, left),
        text(right_edge - face.width_pt(&right, size), 40.0, right),
        Item::Line {
            from: (grid.margin, 46.0),
            to: (right_edge, 46.0),
            color: ink::RULE,
            width: 0.5,
        },
        text(
            right_edge - face.width_pt(&page, size),
            grid.height - 34.0,
            page,
        ),
    ]
}

/// Planned start of each slide in minutes from the start of the talk (the
/// sum of the planned minutes before it, as the console's pacing counts).
pub(crate) fn starts(slides: &[Slide]) -> Vec<f64> {
    let mut at = 0.0;
    slides
        .iter()
        .map(|slide| {
            let start = at;
            at += slide.minutes.unwrap_or(0.0).max(0.0);
            start
        })
        .collect()
}

/// The guide of `loaded` as PDF bytes and its page count.
pub(crate) fn guide(
    loaded: &LoadedDeck,
    options: GuideOptions,
    ink: &crate::show::pointing::Ink,
) -> Result<Laid, ExportError> {
    let faces = Faces::load()?;
    let mut images = Images::new(loaded);
    images.ink = ink.clone();
    let grid = grid(options.paper.size_pt());
    // Twice: the first pass finds the page each slide starts on, for the
    // table on the cover (the cover's length does not depend on them).
    let (_, first_pages) = layout(loaded, &faces, &images, grid, None);
    let (doc, slide_pages) = layout(loaded, &faces, &images, grid, Some(&first_pages));
    let deck = &loaded.deck;
    let meta = Meta {
        title: format!("{}: presenter's guide", deck.title),
        subject: format!(
            "Presenter's guide of the training \"{}\": slides, timing and speaker notes",
            deck.title
        ),
        lang: "en-US".to_owned(),
        author: deck.organization.clone(),
    };
    let left = deck.title.clone();
    let slides = deck.slides.len();
    // The running header names the slide a page belongs to, so a page that
    // continues a slide's notes says whose they are.
    let furniture = |index, count| {
        let slide = slide_pages.iter().rposition(|&start| start <= index);
        let right = match slide {
            Some(slide) => format!("Presenter's guide \u{00B7} slide {} of {slides}", slide + 1),
            None => "Presenter's guide".to_owned(),
        };
        furniture(&faces, grid, &left, &right, index, count)
    };
    let pages = doc.pages.len();
    let bytes = render(&doc, &faces, &meta, &furniture)?;
    Ok(Laid {
        bytes,
        pages,
        not_shown: super::not_shown(&images, &faces),
    })
}

fn layout(
    loaded: &LoadedDeck,
    faces: &Faces,
    images: &Images,
    grid: Grid,
    slide_pages: Option<&[usize]>,
) -> (Doc, Vec<usize>) {
    let deck = &loaded.deck;
    let mut flow = Flow::new(faces, grid);
    cover(&mut flow, loaded, slide_pages);
    let starts = starts(&deck.slides);
    let total = deck
        .duration_minutes
        .unwrap_or_else(|| deck.planned_slide_minutes());
    let mut pages = Vec::new();
    for (index, slide) in deck.slides.iter().enumerate() {
        flow.new_page();
        pages.push(flow.page);
        let start = starts.get(index).copied().unwrap_or(0.0);
        slide_pages_for(&mut flow, loaded, index, slide, start, total, images);
    }
    (flow.finish(), pages)
}

fn cover(flow: &mut Flow<'_>, loaded: &LoadedDeck, slide_pages: Option<&[usize]>) {
    let deck = &loaded.deck;
    flow.bookmark("Cover and plan");
    flow.open(Kind::P);
    flow.text(
        "PRESENTER'S GUIDE",
        style(FaceKind::Bold, pt::LABEL + 1.0, ink::ACCENT),
        6.0,
    );
    flow.close();
    flow.open(Kind::Heading(1, deck.title.clone()));
    flow.text(
        &deck.title,
        style(FaceKind::Bold, pt::TITLE, ink::TEXT),
        6.0,
    );
    flow.close();
    for extra in [&deck.subtitle, &deck.organization].into_iter().flatten() {
        flow.open(Kind::P);
        flow.text(extra, style(FaceKind::Regular, 13.0, ink::MUTED), 2.0);
        flow.close();
    }
    flow.y += 12.0;
    let planned = deck.planned_slide_minutes();
    let hidden = deck.slides.iter().filter(|s| s.hidden).count();
    let mut plan = match deck.duration_minutes {
        Some(d) => format!(
            "A {}-minute session. The slides plan {} minutes in all",
            minutes_text(d),
            minutes_text(planned)
        ),
        None => format!("The slides plan {} minutes in all", minutes_text(planned)),
    };
    let _ = write!(
        plan,
        ", over {}{}, with {} for the room and {}.",
        crate::cli::plural(deck.slides.len(), "slide"),
        if hidden > 0 {
            format!(" ({hidden} hidden: skipped by next and previous)")
        } else {
            String::new()
        },
        crate::cli::plural(deck.prompt_count(), "question"),
        crate::cli::plural(deck.link_count(), "link")
    );
    flow.open(Kind::P);
    flow.text(&plan, style(FaceKind::Regular, pt::BODY, ink::TEXT), 8.0);
    flow.close();
    flow.open(Kind::P);
    flow.text(
        "How to read the notes: script is what you say, as plain text. Presenter tips are advice for you, in yellow boxes, not read out. Questions for the room are in blue boxes, with ideas to offer only if the group needs help. Quotations are set apart with a bar. Text that is also on the slide is in italics.",
        style(FaceKind::Regular, pt::SMALL, ink::MUTED),
        14.0,
    );
    flow.close();
    flow.open(Kind::Heading(2, "Slides and timing".to_owned()));
    flow.text(
        "Slides and timing",
        style(FaceKind::Bold, pt::SECTION, ink::TEXT),
        6.0,
    );
    flow.close();
    slide_table(flow, loaded, slide_pages);
}

/// The cover's table: slide, title, minutes, planned start, page.
fn slide_table(flow: &mut Flow<'_>, loaded: &LoadedDeck, slide_pages: Option<&[usize]>) {
    let deck = &loaded.deck;
    let (left, width) = (flow.left, flow.width());
    // Column widths as fractions of the table.
    let fractions = [0.09, 0.55, 0.12, 0.13, 0.11];
    let mut xs = Vec::new();
    let mut x = left;
    for f in fractions {
        xs.push((x, width * f - 6.0));
        x += width * f;
    }
    let starts = starts(&deck.slides);
    flow.open(Kind::Table);
    let header = ["Slide", "Title", "Minutes", "Starts at", "Page"];
    row(flow, &xs, &header.map(str::to_owned), true, None);
    for (index, slide) in deck.slides.iter().enumerate() {
        let title = if slide.hidden {
            format!("{} (hidden)", slide.console_title())
        } else {
            slide.console_title()
        };
        let page = slide_pages
            .and_then(|p| p.get(index))
            .map_or_else(|| "00".to_owned(), |p| (p + 1).to_string());
        let cells = [
            (index + 1).to_string(),
            title,
            slide.minutes.map_or_else(|| "-".to_owned(), minutes_text),
            clock(starts.get(index).copied().unwrap_or(0.0)),
            page,
        ];
        let goto = slide_pages.and_then(|p| p.get(index)).copied();
        row(flow, &xs, &cells, false, goto);
    }
    flow.close();
}

/// A row of the table; with `goto`, the title cell (the second) links to
/// that page.
fn row(
    flow: &mut Flow<'_>,
    xs: &[(f32, f32)],
    cells: &[String],
    header: bool,
    goto: Option<usize>,
) {
    let face = if header {
        FaceKind::Bold
    } else {
        FaceKind::Regular
    };
    let cell_style = style(face, pt::SMALL + 0.5, ink::TEXT);
    let height = xs
        .iter()
        .zip(cells)
        .map(|((_, w), text)| flow.measure(text, cell_style, *w))
        .fold(0.0, f32::max)
        + 8.0;
    flow.ensure(height);
    let top = flow.y;
    flow.open(Kind::Row);
    for (column, ((x, w), text)) in xs.iter().zip(cells).enumerate() {
        let (items, lines_height) = flow.lines(text, cell_style, *x, *w, top + 4.0);
        flow.open(if header { Kind::HeaderCell } else { Kind::Cell });
        match goto.filter(|_| column == 1) {
            Some(page) => {
                flow.open(Kind::Link);
                flow.content(items);
                let page_now = flow.page;
                flow.push_node(Node::Annotation {
                    page: page_now,
                    area: Area::new(*x, top + 4.0, *w, lines_height),
                    target: LinkTarget::Page(page),
                    alt: format!("Go to slide {text}, page {}", page + 1),
                });
                flow.close();
            }
            None => flow.content(items),
        }
        flow.close();
    }
    flow.close();
    flow.y = top + height;
    let (left, right) = (flow.left, flow.right);
    flow.artifact(Item::Line {
        from: (left, flow.y),
        to: (right, flow.y),
        color: ink::RULE,
        width: if header { 1.0 } else { 0.5 },
    });
}

fn slide_pages_for(
    flow: &mut Flow<'_>,
    loaded: &LoadedDeck,
    index: usize,
    slide: &Slide,
    start: f64,
    total: f64,
    images: &Images,
) {
    let deck = &loaded.deck;
    let heading = format!(
        "Slide {} of {}: {}",
        index + 1,
        deck.slides.len(),
        slide.console_title()
    );
    flow.bookmark(&heading);
    flow.open(Kind::Sect);
    flow.open(Kind::Heading(2, heading.clone()));
    flow.text(
        &heading,
        style(FaceKind::Bold, pt::SLIDE_HEADING, ink::TEXT),
        8.0,
    );
    flow.close();

    // The slide picture on the left, its facts on the right.
    let top = flow.y;
    let (left, right) = (flow.left, flow.right);
    let picture_w = (flow.width() * 0.68).round();
    let picture = canvas(Area::new(
        left,
        top,
        picture_w,
        picture_w / super::slide::ASPECT,
    ));
    flow.left = left + picture_w + 14.0;
    let mut facts = vec![match slide.minutes {
        Some(m) => format!("{} min planned", minutes_text(m)),
        None => "No planned time".to_owned(),
    }];
    let end = start + slide.minutes.unwrap_or(0.0).max(0.0);
    facts.push(format!(
        "At {} of {} (until {})",
        clock(start),
        minutes_text(total),
        clock(end)
    ));
    let prompts = slide
        .notes
        .iter()
        .filter(|n| matches!(n, Note::Prompt { .. }))
        .count();
    if prompts > 0 {
        facts.push(format!(
            "{prompts} question{} for the room",
            if prompts == 1 { "" } else { "s" }
        ));
    }
    if slide.hidden {
        facts.push("Hidden: next and previous skip it; reach it with go-to".to_owned());
    }
    for fact in facts {
        flow.open(Kind::P);
        flow.text(&fact, style(FaceKind::Regular, pt::SMALL, ink::MUTED), 5.0);
        flow.close();
    }
    let facts_bottom = flow.y;
    flow.left = left;
    flow.right = right;
    draw_picture(flow, deck, index, picture, images, TitleTag::Paragraph);
    flow.y = facts_bottom.max(picture.y + picture.h) + 14.0;

    if let Some(note) = &slide.content_note {
        let body = style(FaceKind::Regular, pt::BODY, ink::TEXT);
        keep_together(
            flow,
            7.0 + 3.0,
            &[
                ("CONTENT NOTE", label_style(ink::WARNING_LABEL), 0.0),
                (note, body, 0.0),
            ],
        );
        flow.begin_box(Some(ink::WARNING_FILL), Some(ink::WARNING_BAR), None, 7.0);
        flow.open(Kind::Div);
        label(flow, "CONTENT NOTE", ink::WARNING_LABEL);
        flow.open(Kind::P);
        flow.text(note, style(FaceKind::Regular, pt::BODY, ink::TEXT), 0.0);
        flow.close();
        flow.close();
        flow.end_box(12.0);
    }

    flow.open(Kind::Heading(3, "Speaker notes".to_owned()));
    flow.ensure(60.0);
    flow.text(
        "Speaker notes",
        style(FaceKind::Bold, pt::SECTION, ink::TEXT),
        5.0,
    );
    flow.close();
    if slide.notes.is_empty() {
        flow.open(Kind::P);
        flow.text(
            "No speaker notes for this slide.",
            style(FaceKind::Italic, pt::BODY, ink::MUTED),
            8.0,
        );
        flow.close();
    }
    for note in &slide.notes {
        notes(flow, note);
    }
    if !slide.links.is_empty() {
        links(flow, slide);
    }
    flow.close();
}
