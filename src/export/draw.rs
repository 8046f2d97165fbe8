//! Turns a laid-out [`Doc`] into a tagged PDF with krilla.
//!
//! Every page draws its artifacts first (marked as artifacts: page
//! furniture, backgrounds, rules), then each content leaf of the structure
//! tree as one marked-content sequence; link annotations are added after
//! the page's drawing and tagged inside their `Link` element. The document
//! is written with krilla's PDF/UA-1 validator on, so export fails (rather
//! than writes an inaccessible file) when a figure lacks alt text, a
//! heading its title, the document its title or language, or a glyph its
//! Unicode mapping.

use std::num::NonZeroU16;

use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{Path, PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, TableHeaderScope, Tag,
    TagGroup, TagKind, TagTree,
};
use krilla::{Document, SerializeSettings};

use super::ExportError;
use super::doc::{Area, Doc, Item, Kind, LinkTarget, Node};
use super::fonts::Faces;

/// The document's metadata.
pub(crate) struct Meta {
    /// Document title (shown by viewers instead of the file name).
    pub(crate) title: String,
    /// A one-line description.
    pub(crate) subject: String,
    /// BCP 47 language tag of the text, e.g. `en-US`.
    pub(crate) lang: String,
    /// Who wrote the deck (its organization), if known.
    pub(crate) author: Option<String>,
}

/// Page furniture: the running header and footer of page `index` of
/// `count`, as artifacts.
pub(crate) type Furniture<'a> = &'a dyn Fn(usize, usize) -> Vec<Item>;

/// Writes `doc` as PDF bytes.
///
/// # Errors
/// [`ExportError::Pdf`] when krilla refuses the document (its PDF/UA-1
/// check, or an image it cannot embed).
pub(crate) fn render(
    doc: &Doc,
    faces: &Faces,
    meta: &Meta,
    furniture: Furniture<'_>,
) -> Result<Vec<u8>, ExportError> {
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| ExportError::Pdf(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);

    // Leaves in reading order, and where each is drawn.
    let mut leaves: Vec<&Node> = Vec::new();
    collect_leaves(&doc.tree, &mut leaves);
    let mut ids: Vec<Option<Identifier>> = vec![None; leaves.len()];
    let count = doc.pages.len();
    for (index, page_spec) in doc.pages.iter().enumerate() {
        let (w, h) = page_spec.size;
        let settings = PageSettings::from_wh(w, h)
            .ok_or_else(|| ExportError::Pdf(format!("a page of {w} x {h} points")))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let page_area = Rect::from_xywh(0.0, 0.0, w, h);
        // The running header and footer first, so text extraction reads
        // them before the page's content, not in the middle of it.
        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
            ArtifactType::PaginationOther,
        )));
        for item in furniture(index, count) {
            draw_item(&mut surface, faces, &item);
        }
        surface.end_tagged();
        surface.start_tagged(ContentTag::Artifact(Artifact::new(
            ArtifactType::Layout,
            page_area,
        )));
        for item in &page_spec.artifacts {
            draw_item(&mut surface, faces, item);
        }
        surface.end_tagged();
        for (leaf, id) in leaves.iter().zip(ids.iter_mut()) {
            let Node::Content { page: p, items } = leaf else {
                continue;
            };
            if *p != index {
                continue;
            }
            let text_only = items.iter().all(|i| matches!(i, Item::Text { .. }));
            let tag = if text_only {
                ContentTag::Span(SpanTag::empty())
            } else {
                ContentTag::Other
            };
            *id = Some(surface.start_tagged(tag));
            for item in items {
                draw_item(&mut surface, faces, item);
            }
            surface.end_tagged();
        }
        if !page_spec.overlays.is_empty() {
            // The presenter's ink, over the slides it was drawn on.
            surface.start_tagged(ContentTag::Artifact(Artifact::new(
                ArtifactType::Layout,
                page_area,
            )));
            for item in &page_spec.overlays {
                draw_item(&mut surface, faces, item);
            }
            surface.end_tagged();
        }
        surface.finish();
        for (leaf, id) in leaves.iter().zip(ids.iter_mut()) {
            let Node::Annotation {
                page: p,
                area,
                target,
                alt,
            } = leaf
            else {
                continue;
            };
            if *p != index {
                continue;
            }
            let Some(rect) = rect(*area) else {
                continue;
            };
            let target = match target {
                LinkTarget::Url(url) => Target::Action(LinkAction::new(url.clone()).into()),
                LinkTarget::Page(to) => {
                    Target::Destination(XyzDestination::new(*to, Point::from_xy(0.0, 0.0)).into())
                }
            };
            let link = LinkAnnotation::new(rect, target);
            *id = Some(page.add_tagged_annotation(Annotation::new_link(link, Some(alt.clone()))));
        }
        page.finish();
    }

    let mut next = ids.into_iter();
    let mut tree = TagTree::new().with_lang(Some(meta.lang.clone()));
    for node in &doc.tree {
        if let Some(node) = convert(node, &mut next) {
            tree.push(node);
        }
    }
    document.set_tag_tree(tree);

    let mut outline = Outline::new();
    for bookmark in &doc.bookmarks {
        outline.push_child(OutlineNode::new(
            bookmark.title.clone(),
            XyzDestination::new(bookmark.page, Point::from_xy(0.0, bookmark.y.max(0.0))),
        ));
    }
    document.set_outline(outline);

    let mut metadata = Metadata::new()
        .title(meta.title.clone())
        .description(meta.subject.clone())
        .language(meta.lang.clone())
        .creator("cuecard".to_owned())
        .creation_date(now());
    if let Some(author) = &meta.author {
        metadata = metadata.authors(vec![author.clone()]);
    }
    document.set_metadata(metadata);
    document
        .finish()
        .map_err(|e| ExportError::Pdf(describe(&e)))
}

fn describe(error: &krilla::error::KrillaError) -> String {
    match error {
        krilla::error::KrillaError::Validation(errors) => errors
            .iter()
            .map(|(e, _)| format!("{e:?}"))
            .collect::<Vec<_>>()
            .join("; "),
        other => format!("{other:?}"),
    }
}

fn now() -> DateTime {
    use chrono::{Datelike as _, Timelike as _};
    let now = chrono::Utc::now();
    DateTime::new(u16::try_from(now.year()).unwrap_or(2026))
        .month(now.month() as u8)
        .day(now.day() as u8)
        .hour(now.hour() as u8)
        .minute(now.minute() as u8)
        .second(now.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

fn collect_leaves<'n>(nodes: &'n [Node], out: &mut Vec<&'n Node>) {
    for node in nodes {
        match node {
            Node::Group(_, children) => collect_leaves(children, out),
            leaf => out.push(leaf),
        }
    }
}

/// The krilla node for `node`, taking leaf identifiers from `ids` in the
/// same order [`collect_leaves`] visited them.
fn convert(
    node: &Node,
    ids: &mut impl Iterator<Item = Option<Identifier>>,
) -> Option<krilla::tagging::Node> {
    match node {
        Node::Group(kind, children) => {
            let children: Vec<_> = children.iter().filter_map(|c| convert(c, ids)).collect();
            if children.is_empty() {
                return None;
            }
            Some(TagGroup::with_children(tag_kind(kind), children).into())
        }
        Node::Content { .. } | Node::Annotation { .. } => ids.next().flatten().map(Into::into),
    }
}

fn tag_kind(kind: &Kind) -> TagKind {
    match kind {
        // A heading needs a title (PDF/UA); a slide without one is a
        // paragraph.
        Kind::Heading(_, title) if title.trim().is_empty() => Tag::P.into(),
        Kind::Heading(level, title) => {
            let level = NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN);
            Tag::Hn(level, Some(title.clone())).into()
        }
        Kind::P => Tag::P.into(),
        Kind::Sect => Tag::Section.into(),
        Kind::Div => Tag::Div.into(),
        Kind::BlockQuote => Tag::BlockQuote.into(),
        Kind::List => Tag::L(ListNumbering::Disc).into(),
        Kind::ListItem => Tag::LI.into(),
        Kind::Label => Tag::Lbl.into(),
        Kind::ListBody => Tag::LBody.into(),
        Kind::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
        Kind::Table => Tag::Table.into(),
        Kind::Row => Tag::TR.into(),
        Kind::HeaderCell => Tag::TH(TableHeaderScope::Column).into(),
        Kind::Cell => Tag::TD.into(),
        Kind::Link => Tag::Link.into(),
    }
}

fn rect(area: Area) -> Option<Rect> {
    Rect::from_xywh(area.x, area.y, area.w.max(0.1), area.h.max(0.1))
}

fn fill(color: [u8; 3]) -> Fill {
    let [r, g, b] = color;
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn stroke(color: [u8; 3], width: f32) -> Stroke {
    let [r, g, b] = color;
    Stroke {
        paint: rgb::Color::new(r, g, b).into(),
        width,
        ..Stroke::default()
    }
}

fn rect_path(area: Area) -> Option<Path> {
    let mut builder = PathBuilder::new();
    builder.push_rect(rect(area)?);
    builder.finish()
}

fn circle_path(cx: f32, cy: f32, radius: f32) -> Option<Path> {
    // Four cubic Bézier quarter circles.
    let k = 0.552_284_8 * radius;
    let (x, y, r) = (cx, cy, radius);
    let mut path = PathBuilder::new();
    path.move_to(x + r, y);
    path.cubic_to(x + r, y + k, x + k, y + r, x, y + r);
    path.cubic_to(x - k, y + r, x - r, y + k, x - r, y);
    path.cubic_to(x - r, y - k, x - k, y - r, x, y - r);
    path.cubic_to(x + k, y - r, x + r, y - k, x + r, y);
    path.close();
    path.finish()
}

fn draw_item(surface: &mut Surface<'_>, faces: &Faces, item: &Item) {
    match item {
        Item::Text {
            x,
            baseline,
            text,
            face,
            size,
            color,
        } => {
            let face = faces.get(*face);
            let glyphs = face.glyphs(text);
            surface.set_stroke(None);
            surface.set_fill(Some(fill(*color)));
            surface.draw_glyphs(
                Point::from_xy(*x, *baseline),
                &glyphs,
                face.font.clone(),
                text,
                *size,
                false,
            );
        }
        Item::Fill { area, color } => {
            if let Some(path) = rect_path(*area) {
                surface.set_stroke(None);
                surface.set_fill(Some(fill(*color)));
                surface.draw_path(&path);
            }
        }
        Item::Frame { area, color, width } => {
            if let Some(path) = rect_path(*area) {
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(*color, *width)));
                surface.draw_path(&path);
            }
        }
        Item::Line {
            from,
            to,
            color,
            width,
        } => {
            let mut builder = PathBuilder::new();
            builder.move_to(from.0, from.1);
            builder.line_to(to.0, to.1);
            if let Some(path) = builder.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(*color, *width)));
                surface.draw_path(&path);
            }
        }
        Item::Dot { x, y, r, color } => {
            if let Some(path) = circle_path(*x, *y, *r) {
                surface.set_stroke(None);
                surface.set_fill(Some(fill(*color)));
                surface.draw_path(&path);
            }
        }
        Item::Ink {
            points,
            color,
            width,
            opacity,
        } => {
            let mut builder = PathBuilder::new();
            let mut at = points.iter();
            let Some(first) = at.next() else {
                return;
            };
            builder.move_to(first.0, first.1);
            // A single point is a dot: a stroke of no length, round-capped.
            builder.line_to(first.0 + 0.01, first.1);
            for point in at {
                builder.line_to(point.0, point.1);
            }
            if let Some(path) = builder.finish() {
                let [r, g, b] = *color;
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: rgb::Color::new(r, g, b).into(),
                    width: *width,
                    opacity: NormalizedF32::new(opacity.clamp(0.0, 1.0))
                        .unwrap_or(NormalizedF32::ONE),
                    line_cap: krilla::paint::LineCap::Round,
                    line_join: krilla::paint::LineJoin::Round,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
            }
        }
        Item::Image { area, clip, image } => {
            let (Some(clip_path), Some(size)) = (rect_path(*clip), Size::from_wh(area.w, area.h))
            else {
                return;
            };
            surface.push_clip_path(&clip_path, &FillRule::NonZero);
            surface.push_transform(&Transform::from_translate(area.x, area.y));
            surface.draw_image(image.clone(), size);
            surface.pop();
            surface.pop();
        }
    }
}
