//! Limits against PDF bombs: how big a file, a render, an embedded image
//! and a page's forms may be before cuecard refuses them.
//!
//! hayro bounds some things itself (512 levels of nested arrays and
//! dictionaries, 50 levels of nested content, 256 chained
//! cross-reference sections); these limits add what a slide deck never
//! needs. hayro has no time limit or cancellation: a page is rendered to
//! the end once started, so the render pipeline
//! ([`crate::render`]) runs renders on worker threads and the fuzz target
//! runs under libFuzzer's `-timeout`.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use hayro::hayro_syntax::content::TypedIter;
use hayro::hayro_syntax::content::ops::TypedInstruction;
use hayro::hayro_syntax::object::{Dict, Name, Number, ObjectIdentifier, Stream};
use hayro::hayro_syntax::page::Page;

/// Largest PDF file cuecard opens, in bytes (512 MiB). Exported decks with
/// photos are usually under 50 MiB.
pub const MAX_PDF_BYTES: u64 = 512 * 1024 * 1024;

/// Most pages a PDF may have (a full day's deck is a few hundred).
pub const MAX_PAGES: usize = 10_000;

/// Longest side of a rendered page, in pixels (twice a 4K projector's
/// width; hayro's canvas is limited to 65,535).
pub const MAX_RENDER_SIDE_PX: u32 = 8192;

/// Most pixels of one rendered page (40 megapixels, 160 MB of RGBA; a 4K
/// projector is 8.3 megapixels).
pub const MAX_RENDER_PIXELS: u64 = 40_000_000;

/// Most pixels of one image embedded in a page (64 megapixels: a
/// 9,000 x 7,000 photo). hayro decodes an image whole before scaling it.
pub const MAX_IMAGE_PIXELS: u64 = 64_000_000;

/// Most pixels of all images of one page together (256 megapixels).
pub const MAX_PAGE_IMAGE_PIXELS: u64 = 256_000_000;

/// Most images and forms one page may use (counting each once).
pub const MAX_XOBJECTS: usize = 10_000;

/// Deepest nesting of forms (a form that draws a form ...) on a page.
pub const MAX_FORM_DEPTH: usize = 32;

/// Most content operators drawing one page may take, counting a form's
/// operators each time it is drawn (ten million: a flat page of that many
/// is a 100 MB content stream). Forms drawn by forms multiply: a form that
/// draws a form twice, 40 levels deep, is a trillion draws from a 4 KB
/// file, which the renderer would work on for days (found by fuzzing).
#[cfg(not(fuzzing))]
pub const MAX_PAGE_OPERATORS: u64 = 10_000_000;

/// In fuzzing builds a tenth, as for [`MAX_FORM_DRAWS`].
#[cfg(fuzzing)]
pub const MAX_PAGE_OPERATORS: u64 = 1_000_000;

/// Most times one page may draw a form, counting a form each time it is
/// drawn (a slide program's page draws a few hundred at most; a plotted
/// figure may draw thousands of small marker forms).
#[cfg(not(fuzzing))]
pub const MAX_FORM_DRAWS: u64 = 100_000;

/// In fuzzing builds (`cfg(fuzzing)`, set by cargo-fuzz) a tenth: hayro
/// draws every one of the draws allowed, and pages of nothing but nested
/// forms just under the limit, which the fuzzer breeds, took its time
/// (docs/fuzzing.md, Finding 3). The code paths are the same.
#[cfg(fuzzing)]
pub const MAX_FORM_DRAWS: u64 = 10_000;

/// How deep hayro draws forms in forms (`MAX_NESTED_INTERPRETATION_DEPTH`
/// in hayro-interpret 0.9); a deeper form is not drawn, so not counted.
const RENDERER_NESTING: usize = 50;

/// Advice for a page whose images are too large.
pub(super) const SMALLER_IMAGES: &str = "export the slides again with smaller images";

/// Advice for a page whose forms are nested too deep or too many: no
/// slide program writes such a file.
pub(super) const EXPORT_AGAIN: &str = "the file is damaged or made to crash PDF viewers; export the slides to PDF again from the original program";

/// Which limit a page is over, in words, and what to do.
pub(super) type Refusal = (String, &'static str);

struct Scan {
    seen: HashSet<ObjectIdentifier>,
    image_pixels: u64,
}

/// Checks page `page`'s resources against the limits above without
/// drawing it; `Err` says which limit, in words for the presenter, and
/// what to do.
pub(super) fn check_page(page: &Page<'_>) -> Result<(), Refusal> {
    let mut scan = Scan {
        seen: HashSet::new(),
        image_pixels: 0,
    };
    visit(&page.resources().x_objects, 0, &mut scan)?;
    let content = page.page_stream().map(Operators::of).unwrap_or_default();
    let mut graph = Graph::default();
    graph.nodes.push(Node {
        operators: content.count.max(1),
        draws: Vec::new(),
    });
    graph.explore(0, None, &content, &page.resources().x_objects, 0)?;
    let (operators, draws) = graph.cost();
    if draws > MAX_FORM_DRAWS {
        return Err((
            format!(
                "it draws forms more than {MAX_FORM_DRAWS} times (forms that draw forms many times over)"
            ),
            EXPORT_AGAIN,
        ));
    }
    if operators > MAX_PAGE_OPERATORS {
        return Err((
            format!(
                "drawing it takes more than {} million operations (its forms draw forms many times over)",
                MAX_PAGE_OPERATORS / 1_000_000
            ),
            EXPORT_AGAIN,
        ));
    }
    Ok(())
}

/// What a content stream does, as far as the cost of drawing it goes:
/// how many operators it has and which `XObjects` it draws (`Do`), in order.
#[derive(Default)]
struct Operators {
    count: u64,
    drawn: Vec<Vec<u8>>,
}

impl Operators {
    fn of(content: &[u8]) -> Self {
        let mut ops = Self::default();
        let mut iter = TypedIter::new(content);
        while let Some(instruction) = iter.next() {
            ops.count += 1;
            if let TypedInstruction::XObject(x) = instruction {
                ops.drawn.push(x.0.as_ref().to_vec());
            }
        }
        ops
    }
}

/// Where a form's names resolve, the way hayro draws it: in the form's
/// own resources (`Some(its id)`), or, if it has none, where its parent's
/// resolve (`None` for the page's resources).
type Scope = Option<ObjectIdentifier>;

/// One content stream as drawn in one scope: the page, or a form.
struct Node {
    /// Its operators, counted at least 1 (drawing costs something).
    operators: u64,
    /// The nodes of the forms it draws, in order (as indices), once it
    /// has been explored.
    draws: Vec<usize>,
}

/// The forms a page draws, each (form, scope) read once, however many
/// times it is drawn: a graph whose size the fuzzer cannot multiply,
/// from which [`Graph::cost`] counts the draws without making them.
#[derive(Default)]
struct Graph {
    nodes: Vec<Node>,
    index: HashMap<(ObjectIdentifier, Scope), usize>,
    /// Each form's operators, read once.
    forms: HashMap<ObjectIdentifier, Rc<Operators>>,
    /// Nodes whose draws have been resolved.
    explored: HashSet<usize>,
    /// Every resolved draw of an explored node (each is drawn at least
    /// once, so more than [`MAX_FORM_DRAWS`] refuses the page at once).
    edges: u64,
}

impl Graph {
    /// The node of `form` in `scope`, added (with `operators`) if new.
    fn node(&mut self, form: ObjectIdentifier, scope: Scope, operators: u64) -> usize {
        if let Some(&at) = self.index.get(&(form, scope)) {
            return at;
        }
        let at = self.nodes.len();
        self.nodes.push(Node {
            operators: operators.max(1),
            draws: Vec::new(),
        });
        self.index.insert((form, scope), at);
        at
    }

    /// Resolves what node `at` (the stream `ops`, whose names resolve in
    /// `x_objects` with scope `scope`) draws, reached `depth` forms deep,
    /// and explores those forms in turn.
    fn explore(
        &mut self,
        at: usize,
        scope: Scope,
        ops: &Operators,
        x_objects: &Dict<'_>,
        depth: usize,
    ) -> Result<(), Refusal> {
        // hayro does not draw the forms of a form this deep.
        if depth >= RENDERER_NESTING || !self.explored.insert(at) {
            return Ok(());
        }
        let mut children = Vec::new();
        for name in &ops.drawn {
            let Some(stream) = x_objects.get::<Stream<'_>>(name.as_slice()) else {
                continue;
            };
            let dict = stream.dict();
            if dict.get::<Name<'_>>(b"Subtype").as_ref().map(AsRef::as_ref)
                != Some(b"Form".as_slice())
            {
                continue;
            }
            let id = stream.obj_id();
            let form = if let Some(form) = self.forms.get(&id) {
                Rc::clone(form)
            } else {
                // hayro does not draw a form it cannot decode.
                let Ok(data) = stream.decoded_data() else {
                    continue;
                };
                let form = Rc::new(Operators::of(&data));
                self.forms.insert(id, Rc::clone(&form));
                form
            };
            self.edges += 1;
            if self.edges > MAX_FORM_DRAWS {
                return Err((
                    format!(
                        "it draws forms more than {MAX_FORM_DRAWS} times (forms that draw forms many times over)"
                    ),
                    EXPORT_AGAIN,
                ));
            }
            let (inner, inner_scope) = match dict.get::<Dict<'_>>(b"Resources") {
                Some(resources) => (
                    Some(resources.get::<Dict<'_>>(b"XObject").unwrap_or_default()),
                    Some(id),
                ),
                None => (None, scope),
            };
            let child = self.node(id, inner_scope, form.count);
            children.push((child, inner_scope, form, inner));
        }
        if let Some(node) = self.nodes.get_mut(at) {
            node.draws = children.iter().map(|c| c.0).collect();
        }
        for (child, inner_scope, form, inner) in children {
            let dict = inner.as_ref().unwrap_or(x_objects);
            self.explore(child, inner_scope, &form, dict, depth + 1)?;
        }
        Ok(())
    }

    /// The operators and form draws drawing the page (node 0) takes,
    /// counting a form each time it is drawn, as hayro draws: the forms
    /// of a form [`RENDERER_NESTING`] deep are not drawn. Computed level
    /// by level from the deepest, so a form drawn a billion times costs
    /// one addition per level. Saturates rather than overflows.
    fn cost(&self) -> (u64, u64) {
        // At the deepest level a form's own operators are all it costs.
        let mut below: Vec<(u64, u64)> = self.nodes.iter().map(|n| (n.operators, 0)).collect();
        for _ in 0..RENDERER_NESTING {
            below = self
                .nodes
                .iter()
                .map(|node| {
                    node.draws
                        .iter()
                        .fold((node.operators, 0u64), |(ops, draws), &child| {
                            let (child_ops, child_draws) =
                                below.get(child).copied().unwrap_or_default();
                            (
                                ops.saturating_add(child_ops),
                                draws.saturating_add(child_draws).saturating_add(1),
                            )
                        })
                })
                .collect();
        }
        below.first().copied().unwrap_or_default()
    }
}

fn visit(x_objects: &Dict<'_>, depth: usize, scan: &mut Scan) -> Result<(), Refusal> {
    if depth > MAX_FORM_DEPTH {
        return Err((
            format!("its forms are nested more than {MAX_FORM_DEPTH} levels deep"),
            EXPORT_AGAIN,
        ));
    }
    for key in x_objects.keys() {
        let Some(stream) = x_objects.get::<Stream<'_>>(key.as_ref()) else {
            continue;
        };
        if !scan.seen.insert(stream.obj_id()) {
            continue;
        }
        if scan.seen.len() > MAX_XOBJECTS {
            return Err((
                format!("it uses more than {MAX_XOBJECTS} images and forms"),
                EXPORT_AGAIN,
            ));
        }
        let dict = stream.dict();
        let subtype = dict.get::<Name<'_>>(b"Subtype");
        match subtype.as_ref().map(AsRef::as_ref) {
            Some(b"Image") => image(dict, scan).map_err(|what| (what, SMALLER_IMAGES))?,
            Some(b"Form") => {
                if let Some(resources) = dict.get::<Dict<'_>>(b"Resources") {
                    let inner = resources.get::<Dict<'_>>(b"XObject").unwrap_or_default();
                    visit(&inner, depth + 1, scan)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn number(dict: &Dict<'_>, long: &[u8], short: &[u8]) -> u64 {
    dict.get::<Number>(long)
        .or_else(|| dict.get::<Number>(short))
        .map_or(0, |n| n.as_i64().max(0).unsigned_abs())
}

fn image(dict: &Dict<'_>, scan: &mut Scan) -> Result<(), String> {
    let width = number(dict, b"Width", b"W");
    let height = number(dict, b"Height", b"H");
    let pixels = width.saturating_mul(height);
    if pixels > MAX_IMAGE_PIXELS {
        return Err(format!(
            "an embedded image is {width}x{height} pixels, over {} megapixels",
            MAX_IMAGE_PIXELS / 1_000_000
        ));
    }
    scan.image_pixels = scan.image_pixels.saturating_add(pixels);
    if scan.image_pixels > MAX_PAGE_IMAGE_PIXELS {
        return Err(format!(
            "its images hold more than {} megapixels together",
            MAX_PAGE_IMAGE_PIXELS / 1_000_000
        ));
    }
    if let Some(mask) = dict.get::<Stream<'_>>(b"SMask")
        && scan.seen.insert(mask.obj_id())
    {
        image(mask.dict(), scan)?;
    }
    Ok(())
}
