//! Pages of a PDF deck in the guide and the handout: each page is drawn by
//! the renderer the app uses for PDF decks ([`crate::pdf::PdfDocument`],
//! hayro, within the same limits against hostile files), at print
//! resolution, and placed as a figure whose alt text names the slide.
//!
//! A raster of the page rather than the page's own vectors: the app shows
//! exactly these pixels, the limits that keep a damaged or hostile PDF
//! from hanging the app keep it from hanging the export, and the embedded
//! page cannot bring untagged content into a tagged PDF. The cost is
//! sharpness at 200 dpi instead of vector sharpness (see docs/export.md).

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::io::Cursor;
use std::path::PathBuf;

use crate::deck::{Block, Deck, LoadedDeck, Slide, policy};
use crate::pdf::PdfDocument;

/// Print resolution of a page, dots per inch.
pub(crate) const PAGE_DPI: f32 = 200.0;

/// Largest side of a page's raster for print, pixels (12 inches at
/// 200 dpi; far inside the renderer's own limits).
const MAX_PAGE_PX: u32 = 2400;

/// Most characters of a page's slide text put in its alt text.
const MAX_ALT_CHARS: usize = 1200;

/// A page's raster, or why it cannot be shown.
type Rendered = Result<krilla::image::Image, String>;

/// The deck's PDF, opened once per export, and its pages drawn at the
/// sizes asked for.
pub(crate) struct Pages {
    /// The PDF on disk, or why there is none to open.
    source: Result<PathBuf, String>,
    document: OnceCell<Result<PdfDocument, String>>,
    cache: RefCell<HashMap<(usize, u32, u32), Rendered>>,
}

impl Pages {
    /// The pages of `loaded`'s PDF (none when it names no PDF).
    pub(crate) fn new(loaded: &LoadedDeck) -> Self {
        let source = match (loaded.deck.pdf.as_deref(), loaded.folder.as_deref()) {
            (None, _) => Err("the deck names no PDF".to_owned()),
            (Some(named), None) => Err(format!(
                "{named}: a deck built into cuecard has no folder to find its PDF in"
            )),
            (Some(named), Some(folder)) => match policy::resolve_inside(folder, named) {
                Ok(Some(path)) => Ok(path),
                Ok(None) => Err(format!(
                    "{named} is not there (expected at {}); put the PDF beside the deck",
                    folder.join(named).display()
                )),
                Err(refusal) => Err(format!("pdf: {refusal}")),
            },
        };
        Self {
            source,
            document: OnceCell::new(),
            cache: RefCell::new(HashMap::new()),
        }
    }

    fn document(&self) -> Result<&PdfDocument, String> {
        self.document
            .get_or_init(|| match &self.source {
                Ok(path) => PdfDocument::open(path).map_err(|e| e.to_string()),
                Err(why) => Err(why.clone()),
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Width over height of page `page` (from 0), when the PDF opens and
    /// has it.
    pub(crate) fn aspect(&self, page: usize) -> Option<f32> {
        let size = self.document().ok()?.page_size(page)?;
        Some(size.aspect()).filter(|a| a.is_finite() && *a > 0.0)
    }

    /// Page `page` (from 0) drawn to fill `width_pt` x `height_pt` points
    /// at [`PAGE_DPI`], or why it cannot be shown (in words for the
    /// printed placeholder).
    pub(crate) fn image(&self, page: usize, width_pt: f32, height_pt: f32) -> Rendered {
        let px = |pt: f32| {
            (pt.max(1.0) / 72.0 * PAGE_DPI)
                .round()
                .clamp(1.0, MAX_PAGE_PX as f32) as u32
        };
        // Failures are kept too (at size 0 x 0), for `problems`.
        let size = self.document().ok().and_then(|d| d.page_size(page));
        let (w, h) = size.map_or((0, 0), |s| s.fit_within(px(width_pt), px(height_pt)));
        let key = (page, w, h);
        if let Some(found) = self.cache.borrow().get(&key) {
            return found.clone();
        }
        let rendered = self.document().and_then(|document| match size {
            Some(_) => render(document, page, w, h),
            None => Err(format!(
                "{}: the PDF has no page {}",
                document.path().display(),
                page + 1
            )),
        });
        self.cache.borrow_mut().insert(key, rendered.clone());
        rendered
    }
}

impl Pages {
    /// Why pages could not be drawn, in page order, each reason once (a
    /// PDF that does not open is one reason for all its pages).
    pub(crate) fn problems(&self) -> Vec<String> {
        let mut failed: Vec<(usize, String)> = self
            .cache
            .borrow()
            .iter()
            .filter_map(|((page, _, _), found)| {
                found.as_ref().err().map(|why| (*page, why.clone()))
            })
            .collect();
        failed.sort();
        let mut out: Vec<String> = Vec::new();
        for (_, why) in failed {
            if !out.contains(&why) {
                out.push(why);
            }
        }
        out
    }
}

/// Renders and encodes as PNG, so a long deck's pages wait for the PDF
/// writer compressed, not as raw pixels (a 60-page handout would hold
/// 400 MB of them).
fn render(document: &PdfDocument, page: usize, w: u32, h: u32) -> Rendered {
    let rgba = document.render(page, w, h).map_err(|e| e.to_string())?;
    // The page is drawn on white: no transparency to keep.
    let rgb = image::DynamicImage::ImageRgba8(rgba).into_rgb8();
    let mut png = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new_with_quality(
        Cursor::new(&mut png),
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::Adaptive,
    );
    rgb.write_with_encoder(encoder)
        .map_err(|e| format!("page {} could not be encoded: {e}", page + 1))?;
    krilla::image::Image::from_png(png.into(), true)
        .map_err(|e| format!("page {} could not be placed: {e}", page + 1))
}

/// The alt text of slide `index`'s page: the slide's name and, when the
/// page carries the slide's text itself (`draw_content: false`, as after
/// a `PowerPoint` import), that text.
pub(crate) fn page_alt(deck: &Deck, index: usize, slide: &Slide) -> String {
    let mut alt = format!(
        "Slide {} of {}: {}",
        index + 1,
        deck.slides.len(),
        slide.console_title()
    );
    if !slide.draw_content {
        let mut text = Vec::new();
        for block in &slide.content {
            match block {
                Block::Heading(t) | Block::Paragraph(t) => text.push(t.clone()),
                Block::Bullets(items) => text.extend(items.iter().map(|b| b.text.clone())),
                Block::Quote { text: quote, .. } => text.push(quote.clone()),
                Block::Image { alt, .. } => text.push(alt.clone()),
            }
        }
        let text: Vec<_> = text
            .into_iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        if !text.is_empty() {
            alt.push_str(". ");
            alt.push_str(&crate::deck::shorten(&text.join(". "), MAX_ALT_CHARS));
        }
    }
    alt
}
