//! `PowerPoint` decks (.pptx, ECMA-376 PresentationML): slides in the
//! presentation's order (`p:sldIdLst`), titles, body text with bullet
//! levels, pictures with their alt text, hyperlinks, hidden slides
//! (`show="0"`) and speaker notes.

use std::path::Path;

use super::ImportError;
use super::archive::{MAX_MEDIA_BYTES, Office, Package, Relationship};
use super::build::SlideIds;
use super::guide::fold;
use super::write::{OutputFile, safe_file_name};
use super::xml::Element;
use crate::deck::{Block, Bullet, Deck, Fit, Layout, Link, Note, Slide};

/// Picture formats a deck can show (see `docs/deck-format.md`).
pub const PICTURE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp"];

/// Most links one slide keeps (a console shows a few buttons; this also
/// bounds the duplicate check).
pub const MAX_LINKS_PER_SLIDE: usize = 100;

/// One thing in a slide's body, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyItem {
    /// A bullet of a content placeholder; `level` 0 is the top level.
    Bullet {
        /// Indent level (`PowerPoint`'s `lvl`, 0-based).
        level: u8,
        /// The bullet's text.
        text: String,
    },
    /// A paragraph of a text box or subtitle.
    Paragraph(String),
    /// A picture: the package part holding it and its alt text.
    Picture {
        /// Index into [`PptxDeck::media`].
        media: usize,
        /// The picture's description, else its title, else its name.
        alt: String,
    },
}

/// One slide as read from the package.
#[derive(Debug, Clone, PartialEq)]
pub struct PptxSlide {
    /// The title placeholder's text (empty when there is none).
    pub title: String,
    /// Whether the title is a centre title (a title slide).
    pub title_slide: bool,
    /// The body, in reading order.
    pub body: Vec<BodyItem>,
    /// Hyperlinks on the slide's text and shapes (http and https only).
    pub links: Vec<Link>,
    /// Whether the slide is hidden in the slide show.
    pub hidden: bool,
    /// The speaker notes' paragraphs.
    pub notes: Vec<String>,
}

/// A .pptx as read, before it becomes a deck.
#[derive(Debug, Clone, PartialEq)]
pub struct PptxDeck {
    /// The presentation's title property, if any.
    pub title: Option<String>,
    /// The slides in presentation order.
    pub slides: Vec<PptxSlide>,
    /// The pictures used: (part name, bytes), each once.
    pub media: Vec<(String, Vec<u8>)>,
    /// What was skipped and why (pictures in formats cuecard cannot show,
    /// links that are not http or https).
    pub warnings: Vec<String>,
}

/// Reads a .pptx from `bytes` (named `path` in messages). Touches no file.
///
/// # Errors
/// Any error of [`Package::from_bytes`] (encrypted, corrupt, zip bomb,
/// unsafe entries, a .docx renamed .pptx), malformed parts, or
/// [`ImportError::NoSlides`].
pub fn read(bytes: Vec<u8>, path: &Path) -> Result<PptxDeck, ImportError> {
    let mut package = Package::from_bytes(bytes, path, Office::PowerPoint)?;
    let presentation = package.required_xml("ppt/presentation.xml")?;
    let rels = package.relationships("ppt/presentation.xml")?;
    let mut parts = Vec::new();
    if let Some(list) = presentation.child("sldIdLst") {
        for id in list.elements().filter(|e| e.name == "sldId") {
            let target = id
                .attr("r:id")
                .and_then(|rid| rels.iter().find(|r| r.id == rid && !r.external));
            if let Some(rel) = target {
                parts.push(rel.target.clone());
            }
        }
    }
    if parts.is_empty() {
        return Err(super::ImportError::NoSlides {
            path: path.to_path_buf(),
        });
    }
    let title = package
        .xml("docProps/core.xml")
        .ok()
        .flatten()
        .and_then(|core| core.child("title").map(Element::text))
        .map(|t| fold(&t))
        .filter(|t| !t.is_empty());
    let mut deck = PptxDeck {
        title,
        slides: Vec::new(),
        media: Vec::new(),
        warnings: Vec::new(),
    };
    for (index, part) in parts.iter().enumerate() {
        let slide = read_slide(&mut package, part, index + 1, &mut deck)?;
        deck.slides.push(slide);
    }
    Ok(deck)
}

fn read_slide(
    package: &mut Package,
    part: &str,
    number: usize,
    deck: &mut PptxDeck,
) -> Result<PptxSlide, ImportError> {
    let root = package.required_xml(part)?;
    let rels = package.relationships(part)?;
    let mut slide = PptxSlide {
        title: String::new(),
        title_slide: false,
        body: Vec::new(),
        links: Vec::new(),
        hidden: matches!(root.attr("show"), Some("0" | "false")),
        notes: Vec::new(),
    };
    if let Some(tree) = root.path(&["cSld", "spTree"]) {
        shapes(package, tree, &rels, number, &mut slide, deck)?;
    }
    if let Some(notes_rel) = rels.iter().find(|r| r.kind == "notesSlide" && !r.external) {
        let notes_part = notes_rel.target.clone();
        if let Some(notes) = package.xml(&notes_part)?
            && let Some(tree) = notes.path(&["cSld", "spTree"])
        {
            let mut found = Vec::new();
            tree.descendants("sp", &mut found);
            for shape in found {
                if placeholder(shape).as_deref() == Some("body")
                    && let Some(body) = shape.child("txBody")
                {
                    for p in body.elements().filter(|e| e.name == "p") {
                        let text = fold(&p.text());
                        if !text.is_empty() {
                            slide.notes.push(text);
                        }
                    }
                }
            }
        }
    }
    Ok(slide)
}

/// A shape's placeholder type: `Some("body")` for a placeholder without a
/// type (`PowerPoint`'s default), `None` for a shape that is no placeholder.
fn placeholder(shape: &Element) -> Option<String> {
    let ph = shape.path(&["nvSpPr", "nvPr", "ph"])?;
    Some(ph.attr("type").unwrap_or("body").to_owned())
}

fn shapes(
    package: &mut Package,
    tree: &Element,
    rels: &[Relationship],
    number: usize,
    slide: &mut PptxSlide,
    deck: &mut PptxDeck,
) -> Result<(), ImportError> {
    for shape in tree.elements() {
        match shape.name.as_str() {
            "sp" => text_shape(shape, rels, number, slide, deck),
            "pic" => picture(package, shape, rels, number, slide, deck)?,
            "grpSp" => shapes(package, shape, rels, number, slide, deck)?,
            "graphicFrame" => {
                // Tables: each cell's paragraphs as paragraphs.
                let mut cells = Vec::new();
                shape.descendants("tc", &mut cells);
                for cell in cells {
                    let text = fold(&cell.text());
                    if !text.is_empty() {
                        slide.body.push(BodyItem::Paragraph(text));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn text_shape(
    shape: &Element,
    rels: &[Relationship],
    number: usize,
    slide: &mut PptxSlide,
    deck: &mut PptxDeck,
) {
    let kind = placeholder(shape);
    let Some(body) = shape.child("txBody") else {
        return;
    };
    let paragraphs: Vec<&Element> = body.elements().filter(|e| e.name == "p").collect();
    shape_link(shape, rels, number, slide, deck);
    for p in &paragraphs {
        let mut runs = Vec::new();
        p.descendants("r", &mut runs);
        for run in runs {
            if let Some(rid) = run
                .path(&["rPr", "hlinkClick"])
                .and_then(|h| h.attr("r:id"))
            {
                add_link(rels, rid, &fold(&run.text()), number, slide, deck);
            }
        }
    }
    match kind.as_deref() {
        Some("title" | "ctrTitle") => {
            let text = paragraphs
                .iter()
                .map(|p| fold(&p.text()))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            if slide.title.is_empty() {
                slide.title = text;
                slide.title_slide = kind.as_deref() == Some("ctrTitle");
            } else if !text.is_empty() {
                slide.body.push(BodyItem::Paragraph(text));
            }
        }
        Some("dt" | "ftr" | "sldNum" | "hdr") => {}
        Some(other) => {
            let as_bullets = other != "subTitle";
            for p in paragraphs {
                let text = fold(&p.text());
                if text.is_empty() {
                    continue;
                }
                let properties = p.child("pPr");
                let no_bullet = properties.is_some_and(|pr| pr.child("buNone").is_some());
                if as_bullets && !no_bullet {
                    let level = properties
                        .and_then(|pr| pr.attr("lvl"))
                        .and_then(|l| l.parse::<u8>().ok())
                        .unwrap_or(0)
                        .min(8);
                    slide.body.push(BodyItem::Bullet { level, text });
                } else {
                    slide.body.push(BodyItem::Paragraph(text));
                }
            }
        }
        None => {
            for p in paragraphs {
                let text = fold(&p.text());
                if !text.is_empty() {
                    slide.body.push(BodyItem::Paragraph(text));
                }
            }
        }
    }
}

/// A hyperlink on a whole shape (`p:cNvPr/a:hlinkClick`), titled by the
/// shape's text or name.
fn shape_link(
    shape: &Element,
    rels: &[Relationship],
    number: usize,
    slide: &mut PptxSlide,
    deck: &mut PptxDeck,
) {
    let properties = shape
        .path(&["nvSpPr", "cNvPr"])
        .or_else(|| shape.path(&["nvPicPr", "cNvPr"]));
    let Some(properties) = properties else { return };
    if let Some(rid) = properties.child("hlinkClick").and_then(|h| h.attr("r:id")) {
        let text = fold(&shape.child("txBody").map(Element::text).unwrap_or_default());
        let title = if text.is_empty() {
            properties
                .attr("descr")
                .or(properties.attr("name"))
                .unwrap_or_default()
                .to_owned()
        } else {
            text
        };
        add_link(rels, rid, &title, number, slide, deck);
    }
}

fn add_link(
    rels: &[Relationship],
    rid: &str,
    title: &str,
    number: usize,
    slide: &mut PptxSlide,
    deck: &mut PptxDeck,
) {
    let Some(rel) = rels.iter().find(|r| r.id == rid && r.external) else {
        // Links to other slides or files inside the package are not links
        // the console can open.
        return;
    };
    let url = rel.target.trim().to_owned();
    if crate::deck::policy::check_url(&url).is_err() {
        deck.warnings.push(format!(
            "slide {number}: the link {title:?} goes to {url:?}, not an http or https address; it was left out"
        ));
        return;
    }
    if slide.links.iter().any(|l| l.url == url) {
        return;
    }
    if slide.links.len() >= MAX_LINKS_PER_SLIDE {
        deck.warnings.push(format!(
            "slide {number}: more than {MAX_LINKS_PER_SLIDE} links; the link {title:?} and those after it were left out"
        ));
        return;
    }
    let title = if title.trim().is_empty() {
        url.clone()
    } else {
        fold(title)
    };
    slide.links.push(Link {
        title,
        url,
        local: None,
        transcript: None,
        qr: false,
    });
}

fn picture(
    package: &mut Package,
    shape: &Element,
    rels: &[Relationship],
    number: usize,
    slide: &mut PptxSlide,
    deck: &mut PptxDeck,
) -> Result<(), ImportError> {
    shape_link(shape, rels, number, slide, deck);
    let properties = shape.path(&["nvPicPr", "cNvPr"]);
    let attr = |name: &str| {
        properties
            .and_then(|p| p.attr(name))
            .map(fold)
            .filter(|t| !t.is_empty())
    };
    let alt = attr("descr")
        .or_else(|| attr("title"))
        .or_else(|| attr("name"))
        .unwrap_or_else(|| format!("Picture on slide {number}"));
    let Some(rid) = shape
        .path(&["blipFill", "blip"])
        .and_then(|b| b.attr("r:embed"))
    else {
        return Ok(());
    };
    let Some(rel) = rels.iter().find(|r| r.id == rid && !r.external) else {
        deck.warnings.push(format!(
            "slide {number}: the picture {alt:?} is linked, not embedded; insert it into the slide and import again"
        ));
        return Ok(());
    };
    let part = rel.target.clone();
    let extension = part
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if !PICTURE_EXTENSIONS.contains(&extension.as_str()) {
        deck.warnings.push(format!(
            "slide {number}: the picture {alt:?} is a .{extension} file, which cuecard cannot show; save it as PNG or JPEG, or add it by hand"
        ));
        return Ok(());
    }
    let media = if let Some(i) = deck.media.iter().position(|(name, _)| *name == part) {
        i
    } else {
        let Some(bytes) = package.read(&part, MAX_MEDIA_BYTES)? else {
            deck.warnings.push(format!(
                "slide {number}: the picture {alt:?} is missing from the file ({part}); it was left out"
            ));
            return Ok(());
        };
        deck.media.push((part, bytes));
        deck.media.len() - 1
    };
    slide.body.push(BodyItem::Picture { media, alt });
    Ok(())
}

impl PptxDeck {
    /// The deck, with pictures in `media_folder` (a folder name beside the
    /// deck), and the picture files to write there.
    pub fn into_deck(self, media_folder: &str) -> (Deck, Vec<OutputFile>) {
        let mut names: Vec<String> = Vec::new();
        let files: Vec<OutputFile> = self
            .media
            .into_iter()
            .map(|(part, bytes)| {
                let base = safe_file_name(part.rsplit('/').next().unwrap_or_default());
                let mut name = base.clone();
                let mut n = 2;
                while names.contains(&name) {
                    name = format!("{n}-{base}");
                    n += 1;
                }
                names.push(name.clone());
                OutputFile {
                    relative: format!("{media_folder}/{name}"),
                    bytes,
                }
            })
            .collect();
        let first_title = self
            .slides
            .first()
            .map(|s| s.title.clone())
            .unwrap_or_default();
        let title = self
            .title
            .filter(|t| !t.is_empty())
            .or(Some(first_title).filter(|t| !t.is_empty()))
            .unwrap_or_else(|| "Imported deck".to_owned());
        let mut ids = SlideIds::default();
        let slides = self
            .slides
            .into_iter()
            .enumerate()
            .map(|(index, slide)| {
                let slide_title = if slide.title.is_empty() {
                    format!("Slide {}", index + 1)
                } else {
                    slide.title.clone()
                };
                Slide {
                    id: ids.make(&slide_title),
                    title: slide_title,
                    layout: if slide.title_slide {
                        Layout::Title
                    } else {
                        Layout::Content
                    },
                    content: blocks(&slide.body, &files),
                    draw_content: true,
                    minutes: None,
                    links: slide.links,
                    content_note: None,
                    hidden: slide.hidden,
                    page: None,
                    notes: slide.notes.into_iter().map(Note::Script).collect(),
                }
            })
            .collect();
        let deck = Deck::titled(title, slides);
        (deck, files)
    }
}

fn blocks(body: &[BodyItem], files: &[OutputFile]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for item in body {
        match item {
            BodyItem::Bullet { level, text } => {
                // PowerPoint's `lvl` is 0-based; a deck's levels start at 1.
                let bullet = Bullet::at(level.saturating_add(1), text.clone());
                if let Some(Block::Bullets(items)) = out.last_mut() {
                    items.push(bullet);
                } else {
                    out.push(Block::Bullets(vec![bullet]));
                }
            }
            BodyItem::Paragraph(text) => out.push(Block::Paragraph(text.clone())),
            BodyItem::Picture { media, alt } => {
                if let Some(file) = files.get(*media) {
                    out.push(Block::Image {
                        path: file.relative.clone(),
                        alt: alt.clone(),
                        fit: Fit::Contain,
                    });
                }
            }
        }
    }
    out
}
