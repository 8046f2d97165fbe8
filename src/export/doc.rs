//! The laid-out document: pages of drawing items, and the structure tree
//! (headings, paragraphs, lists, figures) whose leaves point at the items.
//!
//! Layout (the guide, the handout, the slide pictures) builds a [`Doc`]
//! with a [`Flow`]; [`super::draw`] turns it into a tagged PDF. Keeping the
//! two apart means pagination is plain arithmetic on points, tested without
//! a PDF, and every drawn item is either content in the structure tree or
//! an artifact (page furniture, backgrounds, rules).
//!
//! Coordinates are PDF points (1/72 inch) from the page's top-left corner,
//! y downwards (krilla's convention).

use super::fonts::{FaceKind, Faces, wrap};

/// An sRGB colour.
pub(crate) type Rgb = [u8; 3];

/// A rectangle in points, from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Area {
    /// Left edge.
    pub(crate) x: f32,
    /// Top edge.
    pub(crate) y: f32,
    /// Width.
    pub(crate) w: f32,
    /// Height.
    pub(crate) h: f32,
}

impl Area {
    pub(crate) fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self { x, y, w, h }
    }
}

/// One thing drawn on a page.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    /// One line of text, its left end on the baseline at (`x`, `baseline`).
    Text {
        x: f32,
        baseline: f32,
        text: String,
        face: FaceKind,
        size: f32,
        color: Rgb,
    },
    /// A filled rectangle.
    Fill { area: Area, color: Rgb },
    /// A rectangle's outline, `width` points thick.
    Frame { area: Area, color: Rgb, width: f32 },
    /// A straight line.
    Line {
        from: (f32, f32),
        to: (f32, f32),
        color: Rgb,
        width: f32,
    },
    /// A filled circle.
    Dot { x: f32, y: f32, r: f32, color: Rgb },
    /// A stroke of the presenter's ink: a polyline with round ends and
    /// joins, `opacity` 0..1 (the highlighter is see-through).
    Ink {
        points: Vec<(f32, f32)>,
        color: Rgb,
        width: f32,
        opacity: f32,
    },
    /// A raster image drawn into `area`, clipped to `clip`.
    Image {
        area: Area,
        clip: Area,
        image: krilla::image::Image,
    },
}

/// The structure element kinds the export uses (a subset of PDF's).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// A heading of `level` (1 to 6) with its text as the title.
    Heading(u16, String),
    /// A paragraph.
    P,
    /// A section (one slide).
    Sect,
    /// A generic block (a presenter tip, a prompt card).
    Div,
    /// A block quotation.
    BlockQuote,
    /// A bulleted list.
    List,
    /// A list item.
    ListItem,
    /// A list item's bullet.
    Label,
    /// A list item's body.
    ListBody,
    /// A figure (image, QR code) with its alternative text.
    Figure(String),
    /// A table.
    Table,
    /// A table row.
    Row,
    /// A header cell (of a column).
    HeaderCell,
    /// A data cell.
    Cell,
    /// A link: its text and its annotation.
    Link,
}

/// A node of the structure tree.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    /// A structure element and its children, in reading order.
    Group(Kind, Vec<Node>),
    /// Marked content on `page`: the items it draws.
    Content { page: usize, items: Vec<Item> },
    /// A link annotation on `page` over `area` to `target`; `alt`
    /// describes it.
    Annotation {
        page: usize,
        area: Area,
        target: LinkTarget,
        alt: String,
    },
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LinkTarget {
    /// A web address.
    Url(String),
    /// The top of a page of this document (0-based).
    Page(usize),
}

/// One page: its size and its artifacts (drawn first, not in the tree).
#[derive(Debug, Clone)]
pub(crate) struct Page {
    /// Width and height in points.
    pub(crate) size: (f32, f32),
    /// Decoration, drawn before the content in this order.
    pub(crate) artifacts: Vec<Item>,
    /// Drawn over the content, as artifacts: the presenter's ink.
    pub(crate) overlays: Vec<Item>,
}

/// A bookmark in the PDF's outline.
#[derive(Debug, Clone)]
pub(crate) struct Bookmark {
    pub(crate) title: String,
    pub(crate) page: usize,
    pub(crate) y: f32,
}

/// A laid-out document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Doc {
    pub(crate) pages: Vec<Page>,
    pub(crate) tree: Vec<Node>,
    pub(crate) bookmarks: Vec<Bookmark>,
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub(crate) face: FaceKind,
    pub(crate) size: f32,
    pub(crate) color: Rgb,
}

/// An open box (a tip, a prompt card): where it started on each page.
struct OpenBox {
    fill: Option<Rgb>,
    bar: Option<Rgb>,
    border: Option<Rgb>,
    pad: f32,
    page: usize,
    top: f32,
    artifact_at: usize,
}

/// The page grid: size and margins, in points.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grid {
    pub(crate) width: f32,
    pub(crate) height: f32,
    pub(crate) margin: f32,
    /// Room kept for the running header above `margin`'s top.
    pub(crate) top: f32,
    /// Lowest y content may reach.
    pub(crate) bottom: f32,
}

/// Lays content out top to bottom across pages, building a [`Doc`].
pub(crate) struct Flow<'f> {
    pub(crate) faces: &'f Faces,
    pub(crate) doc: Doc,
    pub(crate) grid: Grid,
    /// The page being filled.
    pub(crate) page: usize,
    /// The next free y on it.
    pub(crate) y: f32,
    /// Current left and right edges of the text column.
    pub(crate) left: f32,
    pub(crate) right: f32,
    stack: Vec<(Kind, Vec<Node>)>,
    boxes: Vec<OpenBox>,
}

impl<'f> Flow<'f> {
    /// A flow with one empty page.
    pub(crate) fn new(faces: &'f Faces, grid: Grid) -> Self {
        let mut flow = Self {
            faces,
            doc: Doc::default(),
            grid,
            page: 0,
            y: grid.top,
            left: grid.margin,
            right: grid.width - grid.margin,
            stack: Vec::new(),
            boxes: Vec::new(),
        };
        flow.doc.pages.push(Page {
            size: (grid.width, grid.height),
            artifacts: Vec::new(),
            overlays: Vec::new(),
        });
        flow
    }

    /// Width of the text column.
    pub(crate) fn width(&self) -> f32 {
        (self.right - self.left).max(1.0)
    }

    /// Starts a new page; open boxes continue on it.
    pub(crate) fn new_page(&mut self) {
        // Innermost first: each inserts its background at its own mark,
        // so an outer box's background ends up beneath an inner one's.
        for i in (0..self.boxes.len()).rev() {
            self.close_box_segment(i, self.grid.bottom);
        }
        self.doc.pages.push(Page {
            size: (self.grid.width, self.grid.height),
            artifacts: Vec::new(),
            overlays: Vec::new(),
        });
        self.page = self.doc.pages.len() - 1;
        self.y = self.grid.top;
        let page = self.page;
        for open in &mut self.boxes {
            open.page = page;
            open.top = self.y;
            open.artifact_at = 0;
        }
        // Leave the boxes' padding at the top of the continuation.
        self.y += self.boxes.iter().map(|b| b.pad).sum::<f32>();
    }

    /// Moves to a new page unless `height` points fit below `y`. Returns
    /// whether a page was started.
    pub(crate) fn ensure(&mut self, height: f32) -> bool {
        let pad: f32 = self.boxes.iter().map(|b| b.pad).sum();
        if self.y + height + pad > self.grid.bottom && self.y > self.grid.top + pad + 0.5 {
            self.new_page();
            return true;
        }
        false
    }

    /// Opens a structure element; children go into it until [`Self::close`].
    pub(crate) fn open(&mut self, kind: Kind) {
        self.stack.push((kind, Vec::new()));
    }

    /// Closes the innermost open structure element.
    pub(crate) fn close(&mut self) {
        if let Some((kind, children)) = self.stack.pop() {
            self.push_node(Node::Group(kind, children));
        }
    }

    /// Adds a node to the innermost open element (or the tree's root).
    pub(crate) fn push_node(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some((_, children)) => children.push(node),
            None => self.doc.tree.push(node),
        }
    }

    /// Adds `items`, drawn on the current page, as one piece of content.
    pub(crate) fn content(&mut self, items: Vec<Item>) {
        if items.is_empty() {
            return;
        }
        let page = self.page;
        self.push_node(Node::Content { page, items });
    }

    /// Adds decoration to the current page.
    pub(crate) fn artifact(&mut self, item: Item) {
        if let Some(page) = self.doc.pages.get_mut(self.page) {
            page.artifacts.push(item);
        }
    }

    /// Adds decoration over the current page's content (ink).
    pub(crate) fn overlay(&mut self, item: Item) {
        if let Some(page) = self.doc.pages.get_mut(self.page) {
            page.overlays.push(item);
        }
    }

    /// Adds a bookmark at the current position.
    pub(crate) fn bookmark(&mut self, title: &str) {
        let bookmark = Bookmark {
            title: title.to_owned(),
            page: self.page,
            y: self.y,
        };
        self.doc.bookmarks.push(bookmark);
    }

    /// Sets `text` in `style` as lines filling the column from `y`, moving
    /// to new pages as needed; the lines of each page are one piece of
    /// content in the open element. `after` points of space follow.
    /// Returns the areas of the lines (for links).
    pub(crate) fn text(&mut self, text: &str, style: Style, after: f32) -> Vec<(usize, Area)> {
        let face = self.faces.get(style.face);
        let printable = self.faces.printable(style.face, text);
        let lines = wrap(face, &printable, style.size, self.width());
        let line_height = face.line_height_pt(style.size);
        let ascent = face.ascent * style.size;
        let mut areas = Vec::new();
        let mut items = Vec::new();
        for line in lines {
            if self.ensure(line_height) {
                let done = std::mem::take(&mut items);
                // The content laid so far belongs to the page before.
                let page = self.page.saturating_sub(1);
                self.content_linked_on(page, done);
            }
            let width = face.width_pt(line.trim_end(), style.size);
            areas.push((self.page, Area::new(self.left, self.y, width, line_height)));
            items.push(Item::Text {
                x: self.left,
                baseline: self.y + ascent,
                text: line,
                face: style.face,
                size: style.size,
                color: style.color,
            });
            self.y += line_height;
        }
        self.content_linked(items);
        self.y += after;
        areas
    }

    /// Lines of `text` in `style`, left-aligned at `x` in `width`, the
    /// first line's top at `y`; returns them and their height. Does not
    /// move the flow.
    pub(crate) fn lines(
        &self,
        text: &str,
        style: Style,
        x: f32,
        width: f32,
        y: f32,
    ) -> (Vec<Item>, f32) {
        let face = self.faces.get(style.face);
        let printable = self.faces.printable(style.face, text);
        let line_height = face.line_height_pt(style.size);
        let lines = wrap(face, &printable, style.size, width);
        let height = lines.len() as f32 * line_height;
        let items = lines
            .into_iter()
            .enumerate()
            .map(|(k, line)| Item::Text {
                x,
                baseline: y + k as f32 * line_height + face.ascent * style.size,
                text: line,
                face: style.face,
                size: style.size,
                color: style.color,
            })
            .collect();
        (items, height)
    }

    /// The areas of text lines (what a link annotation covers).
    pub(crate) fn line_areas(&self, items: &[Item]) -> Vec<Area> {
        items
            .iter()
            .filter_map(|item| match item {
                Item::Text {
                    x,
                    baseline,
                    text,
                    face,
                    size,
                    ..
                } => {
                    let f = self.faces.get(*face);
                    Some(Area::new(
                        *x,
                        baseline - f.ascent * size,
                        f.width_pt(text.trim_end(), *size),
                        f.line_height_pt(*size),
                    ))
                }
                _ => None,
            })
            .collect()
    }

    /// Height `text` takes in `style` at `width`, in points.
    pub(crate) fn measure(&self, text: &str, style: Style, width: f32) -> f32 {
        let face = self.faces.get(style.face);
        let printable = self.faces.printable(style.face, text);
        wrap(face, &printable, style.size, width).len() as f32 * face.line_height_pt(style.size)
    }

    /// Starts a box: a tinted background and/or a bar on its left, with
    /// `pad` points of padding; the column narrows inside it.
    pub(crate) fn begin_box(
        &mut self,
        fill: Option<Rgb>,
        bar: Option<Rgb>,
        border: Option<Rgb>,
        pad: f32,
    ) {
        let artifact_at = self
            .doc
            .pages
            .get(self.page)
            .map_or(0, |p| p.artifacts.len());
        self.boxes.push(OpenBox {
            fill,
            bar,
            border,
            pad,
            page: self.page,
            top: self.y,
            artifact_at,
        });
        self.left += pad + if bar.is_some() { 3.0 } else { 0.0 };
        self.right -= pad;
        self.y += pad;
    }

    /// Ends the innermost box, with `after` points of space below it.
    pub(crate) fn end_box(&mut self, after: f32) {
        let Some(last) = self.boxes.len().checked_sub(1) else {
            return;
        };
        let pad = self.boxes.get(last).map_or(0.0, |b| b.pad);
        self.y += pad;
        self.close_box_segment(last, self.y);
        if let Some(open) = self.boxes.pop() {
            self.left -= open.pad + if open.bar.is_some() { 3.0 } else { 0.0 };
            self.right += open.pad;
        }
        self.y += after;
    }

    /// Draws box `index`'s background from its top to `bottom` on its page.
    fn close_box_segment(&mut self, index: usize, bottom: f32) {
        let Some(open) = self.boxes.get(index) else {
            return;
        };
        // The box's outer edges: its column plus the padding of the boxes
        // inside it.
        let inner_pads: f32 = self
            .boxes
            .iter()
            .skip(index)
            .map(|b| b.pad + if b.bar.is_some() { 3.0 } else { 0.0 })
            .sum();
        let right_pads: f32 = self.boxes.iter().skip(index).map(|b| b.pad).sum();
        let left = self.left - inner_pads;
        let right = self.right + right_pads;
        let area = Area::new(left, open.top, right - left, (bottom - open.top).max(0.0));
        let mut items = Vec::new();
        if let Some(color) = open.fill {
            items.push(Item::Fill { area, color });
        }
        if let Some(color) = open.border {
            items.push(Item::Frame {
                area,
                color,
                width: 1.0,
            });
        }
        if let Some(color) = open.bar {
            items.push(Item::Fill {
                area: Area::new(area.x, area.y, 3.0, area.h),
                color,
            });
        }
        let (page, at) = (open.page, open.artifact_at);
        if let Some(page) = self.doc.pages.get_mut(page) {
            let at = at.min(page.artifacts.len());
            for (k, item) in items.into_iter().enumerate() {
                page.artifacts.insert(at + k, item);
            }
        }
    }

    /// Finishes the flow: closes open elements and boxes.
    pub(crate) fn finish(mut self) -> Doc {
        while !self.boxes.is_empty() {
            self.end_box(0.0);
        }
        while !self.stack.is_empty() {
            self.close();
        }
        self.doc
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

    fn grid() -> Grid {
        Grid {
            width: 612.0,
            height: 792.0,
            margin: 54.0,
            top: 72.0,
            bottom: 738.0,
        }
    }

    #[test]
    fn long_text_flows_onto_new_pages_and_stays_in_one_paragraph() {
        let faces = Faces::load().unwrap();
        let mut flow = Flow::new(&faces, grid());
        let style = Style {
            face: FaceKind::Regular,
            size: 11.0,
            color: [0, 0, 0],
        };
        let sentence =
            "Service providers are in a unique position in the fight against human trafficking. ";
        flow.open(Kind::P);
        let areas = flow.text(&sentence.repeat(150), style, 0.0);
        flow.close();
        let doc = flow.finish();
        assert!(doc.pages.len() >= 3, "{} pages", doc.pages.len());
        // Every line lies inside the page's content area.
        for (_, area) in &areas {
            assert!(
                area.y >= 72.0 && area.y + area.h <= 738.0 + 0.01,
                "{area:?}"
            );
            assert!(area.x + area.w <= 612.0 - 54.0 + 0.01);
        }
        // One paragraph whose content pieces are on consecutive pages.
        let [Node::Group(Kind::P, children)] = doc.tree.as_slice() else {
            panic!("{:?}", doc.tree.len());
        };
        let pages: Vec<usize> = children
            .iter()
            .map(|c| match c {
                Node::Content { page, .. } => *page,
                _ => usize::MAX,
            })
            .collect();
        assert_eq!(pages, (0..doc.pages.len()).collect::<Vec<_>>());
    }

    #[test]
    fn a_box_split_by_a_page_break_gets_a_background_on_both_pages() {
        let faces = Faces::load().unwrap();
        let mut flow = Flow::new(&faces, grid());
        let style = Style {
            face: FaceKind::Regular,
            size: 11.0,
            color: [0, 0, 0],
        };
        flow.y = 700.0;
        flow.begin_box(Some([1, 2, 3]), None, None, 6.0);
        flow.text(&"word ".repeat(400), style, 0.0);
        flow.end_box(0.0);
        let doc = flow.finish();
        for page in &doc.pages {
            assert!(
                page.artifacts.iter().any(|a| matches!(
                    a,
                    Item::Fill {
                        color: [1, 2, 3],
                        ..
                    }
                )),
                "a page without the box's background"
            );
        }
    }
}
