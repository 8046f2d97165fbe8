//! The slides' pictures as textures: images and PDF pages rendered by the
//! [`crate::render`] pool off the UI thread, neighbours of the current
//! slide asked for ahead, textures kept only for what is on screen or next
//! to it. This is the app's [`SlideSource`].
//!
//! A PDF page is rendered at the physical pixel size of each place that
//! shows it: the audience view's slide, the console's previews and the
//! overview's thumbnails each get their own render (a thumbnail costs a
//! few hundred kilobytes, not a projector's worth). The neighbours of the
//! current slide are asked for ahead at the audience view's size (which
//! its window reports at every frame) and at the sizes the console showed
//! pages at most recently, so the next slide is ready in every place
//! before the clicker asks for it, however long the presenter stayed on
//! the slide before.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::{ColorImage, TextureHandle, TextureOptions};

use crate::deck::{Block, Deck, LoadedDeck, policy};
use crate::pdf::{PageSize, PdfDocument};
use crate::render::{Key, Lookup, PoolConfig, Priority, RenderPool, Source};
use crate::ui::slide::{ImageView, SlideSource};

/// Largest decoded image, in pixels: a 4K projector. Larger images are
/// scaled down to fit; smaller ones are kept as they are.
pub const MAX_DECODED: (u32, u32) = (3840, 2160);

/// The audience view's size PDF pages are asked for ahead at until it
/// says how big it is.
pub const DEFAULT_PAGE_BOX: (u32, u32) = (1920, 1080);

/// How long a texture no frame used (and no neighbour needs) is kept:
/// the overview's thumbnails after it closes, a size left by a resize.
pub const KEEP_UNUSED: Duration = Duration::from_secs(3);

/// Most place sizes the neighbours are asked for ahead at (the audience
/// view, the console's current and next previews, one more).
pub const MAX_PAGE_BOXES: usize = 4;

/// Page boxes are rounded up to this many pixels, so a window being
/// resized does not render every page again at every pixel.
pub const PAGE_BOX_STEP: u32 = 32;

/// The render box for a place of `width_px` by `height_px` physical
/// pixels: rounded up to [`PAGE_BOX_STEP`], within 32..=8192.
pub fn page_box(width_px: f32, height_px: f32) -> (u32, u32) {
    let step = PAGE_BOX_STEP as f32;
    let round = |v: f32| {
        let v = if v.is_finite() { v } else { 0.0 };
        ((v.max(step) / step).ceil() * step).min(8192.0) as u32
    };
    (round(width_px), round(height_px))
}

/// The deck's PDF, as the shell needs it: where it is and its pages'
/// sizes (read when the deck loads, off the UI thread).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfPages {
    /// The PDF on disk, when the deck names one that opened.
    pub path: Option<PathBuf>,
    /// Each page's size.
    pub sizes: Vec<PageSize>,
    /// Why the PDF cannot be used, when the deck names one.
    pub problem: Option<String>,
}

impl PdfPages {
    /// Opens the PDF `loaded` names, if any (reads the whole file).
    pub fn open(loaded: &LoadedDeck) -> Option<Self> {
        let named = loaded.deck.pdf.as_deref()?;
        let Some(path) = loaded.pdf_path() else {
            return Some(Self {
                problem: Some(format!(
                    "the deck's PDF {named:?} is not in the deck's folder"
                )),
                ..Self::default()
            });
        };
        Some(match PdfDocument::open(&path) {
            Ok(document) => Self {
                sizes: document.page_sizes().to_vec(),
                path: Some(path),
                problem: None,
            },
            Err(error) => Self {
                problem: Some(error.to_string()),
                ..Self::default()
            },
        })
    }
}

/// The textures of a deck's pictures, shared by both windows.
pub struct SlideTextures {
    ctx: Option<egui::Context>,
    pool: Option<RenderPool>,
    folder: Option<PathBuf>,
    pdf: Option<PdfPages>,
    /// The audience view's slide, physical pixels (rounded): pages are
    /// always asked for ahead at this size, however long the audience
    /// window goes without repainting.
    audience_box: (u32, u32),
    /// Other page boxes (physical pixels) places showed pages at, and
    /// when: the console's previews and the overview's thumbnails.
    page_boxes: RefCell<HashMap<(u32, u32), Instant>>,
    /// Uploaded textures by render key, and when a frame last used each.
    textures: RefCell<HashMap<Key, (TextureHandle, Instant)>>,
    /// Times a place asked for a page that was not ready at its size.
    late_pages: Cell<u64>,
    /// Image paths as written in the deck, resolved inside its folder.
    resolved: RefCell<HashMap<String, Result<PathBuf, String>>>,
}

impl SlideTextures {
    /// Textures for a deck in `folder` (`None`: a deck without a folder
    /// has no pictures). The render workers start on the first frame.
    pub fn new(folder: Option<PathBuf>) -> Self {
        Self {
            ctx: None,
            pool: None,
            folder,
            pdf: None,
            audience_box: DEFAULT_PAGE_BOX,
            page_boxes: RefCell::new(HashMap::new()),
            textures: RefCell::new(HashMap::new()),
            late_pages: Cell::new(0),
            resolved: RefCell::new(HashMap::new()),
        }
    }

    /// Forgets every picture (after a load or reload: the files may have
    /// changed); renders still under way for the old deck are dropped.
    pub fn reset(&mut self, folder: Option<PathBuf>, pdf: Option<PdfPages>) {
        self.folder = folder;
        self.pdf = pdf;
        self.textures.get_mut().clear();
        self.resolved.get_mut().clear();
        if let Some(pool) = &self.pool {
            pool.new_generation();
        }
    }

    /// The size, in physical pixels, of the audience view's slide (the
    /// audience window says so at each of its frames): the current slide's
    /// neighbours are always rendered ahead at this size.
    pub fn set_audience_box(&mut self, width_px: f32, height_px: f32) {
        self.audience_box = page_box(width_px, height_px);
    }

    /// Once per frame: starts the workers if needed, asks ahead for the
    /// pictures of slides `indices` (and the logo) at every size a place
    /// showed a page at lately, uploads those that are ready, and lets go
    /// of every texture that is neither asked ahead for nor used in the
    /// last [`KEEP_UNUSED`].
    pub fn begin_frame(
        &mut self,
        ctx: &egui::Context,
        deck: &Deck,
        indices: impl IntoIterator<Item = usize>,
    ) {
        if self.pool.is_none() {
            let wake = ctx.clone();
            let waker: crate::render::Waker = Arc::new(move || {
                wake.request_repaint();
                wake.request_repaint_of(super::audience_viewport());
            });
            self.pool = Some(RenderPool::new(PoolConfig::default(), waker));
        }
        self.ctx = Some(ctx.clone());
        let now = Instant::now();
        let boxes = self.recent_page_boxes();
        let mut wanted: Vec<Key> = Vec::new();
        if let Some(logo) = &deck.logo
            && let Ok(key) = self.image_key(logo)
        {
            wanted.push(key);
        }
        for index in indices {
            let Some(slide) = deck.slides.get(index) else {
                continue;
            };
            if let Some(page) = slide.page_index() {
                wanted.extend(boxes.iter().filter_map(|b| self.page_key(page, *b)));
            }
            for block in &slide.content {
                if let Block::Image { path, .. } = block
                    && let Ok(key) = self.image_key(path)
                {
                    wanted.push(key);
                }
            }
        }
        self.textures.get_mut().retain(|key, (_, used)| {
            wanted.contains(key) || now.saturating_duration_since(*used) < KEEP_UNUSED
        });
        for key in &wanted {
            if !self.textures.get_mut().contains_key(key) {
                // Ready ones become textures now, so a slide change shows
                // them at once.
                let _ = self.texture(key, Priority::Prefetch);
            }
        }
    }

    /// The boxes to ask ahead at: the audience view's, then the most
    /// recently used others (the console's previews, the overview's
    /// thumbnails), [`MAX_PAGE_BOXES`] in all. Boxes are not forgotten
    /// with time (a console that does not repaint for a minute still gets
    /// the next page at its previews' size), only pushed out by newer
    /// ones.
    fn recent_page_boxes(&self) -> Vec<(u32, u32)> {
        let mut recent = self.page_boxes.borrow_mut();
        let mut others: Vec<_> = recent
            .iter()
            .filter(|(b, _)| **b != self.audience_box)
            .map(|(b, at)| (*b, *at))
            .collect();
        others.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        // Keep the list short: a window being resized leaves many sizes.
        if recent.len() > 4 * MAX_PAGE_BOXES {
            let keep: Vec<_> = others
                .iter()
                .take(2 * MAX_PAGE_BOXES)
                .map(|(b, _)| *b)
                .collect();
            recent.retain(|b, _| keep.contains(b));
        }
        let mut boxes = vec![self.audience_box];
        boxes.extend(
            others
                .into_iter()
                .map(|(b, _)| b)
                .take(MAX_PAGE_BOXES.saturating_sub(1)),
        );
        boxes
    }

    /// How many textures are kept (for the soak test's memory check).
    pub fn len(&self) -> usize {
        self.textures.borrow().len()
    }

    /// Whether no texture is kept.
    pub fn is_empty(&self) -> bool {
        self.textures.borrow().is_empty()
    }

    /// Bytes of pixels the kept textures hold.
    pub fn texture_bytes(&self) -> usize {
        self.textures
            .borrow()
            .values()
            .map(|(t, _)| crate::render::rgba_bytes(t.size()[0] as u32, t.size()[1] as u32))
            .sum()
    }

    /// What is known of the image at `path` without asking for it: its
    /// pixel size once decoded, why it failed, or `None` while it is not
    /// asked for or not ready (for tests and benchmarks).
    pub fn peek_image(&self, path: &str) -> Option<Result<(u32, u32), String>> {
        let key = match self.image_key(path) {
            Ok(key) => key,
            Err(why) => return Some(Err(why)),
        };
        if let Some((texture, _)) = self.textures.borrow().get(&key) {
            return Some(Ok((texture.size()[0] as u32, texture.size()[1] as u32)));
        }
        match self.pool.as_ref()?.peek(&key)? {
            Lookup::Ready(rgba) => Some(Ok((rgba.width(), rgba.height()))),
            Lookup::Failed(failure) => Some(Err(failure.reason)),
            Lookup::Pending => None,
        }
    }

    /// How many times a place asked for a PDF page that was not ready at
    /// its own size, so it showed nothing or the page at another size
    /// (for tests: a slide change to a page asked for ahead is never
    /// late).
    pub fn late_pages(&self) -> u64 {
        self.late_pages.get()
    }

    /// The render pool, once started (for tests and the soak test).
    pub fn pool(&self) -> Option<&RenderPool> {
        self.pool.as_ref()
    }

    fn image_key(&self, path: &str) -> Result<Key, String> {
        if let Some(found) = self.resolved.borrow().get(path) {
            return found.clone().map(image_key);
        }
        let resolved = match &self.folder {
            None => Err("the deck has no folder, so it has no images".to_owned()),
            Some(folder) => match policy::resolve_inside(folder, path) {
                Ok(Some(real)) => Ok(real),
                Ok(None) => Err(format!(
                    "{path} not found (expected at {})",
                    folder.join(path).display()
                )),
                Err(refusal) => Err(refusal.to_string()),
            },
        };
        self.resolved
            .borrow_mut()
            .insert(path.to_owned(), resolved.clone());
        resolved.map(image_key)
    }

    /// The key for page `index` in a place of `page_box` pixels (already
    /// rounded by [`page_box`]): the page fitted inside it, keeping its
    /// shape.
    fn page_key(&self, index: usize, page_box: (u32, u32)) -> Option<Key> {
        let pdf = self.pdf.as_ref()?;
        let path = pdf.path.clone()?;
        let (width_px, height_px) = pdf
            .sizes
            .get(index)
            .map_or(page_box, |size| size.fit_within(page_box.0, page_box.1));
        Some(Key {
            source: Source::PdfPage { pdf: path, index },
            width_px,
            height_px,
        })
    }

    /// The pixel sizes page `index` has textures at now (for tests: a
    /// thumbnail and the audience view each get their own).
    pub fn page_texture_sizes(&self, index: usize) -> Vec<(u32, u32)> {
        let mut sizes: Vec<_> = self
            .textures
            .borrow()
            .iter()
            .filter(
                |(key, _)| matches!(&key.source, Source::PdfPage { index: i, .. } if *i == index),
            )
            .map(|(_, (t, _))| (t.size()[0] as u32, t.size()[1] as u32))
            .collect();
        sizes.sort_unstable();
        sizes
    }

    /// The texture for `key`: uploaded now if its pixels are ready, else
    /// asked for; while it renders, the same picture at the nearest other
    /// size stands in (after a resize, or a slide reaching a new place).
    fn texture(&self, key: &Key, priority: Priority) -> ImageView {
        let now = Instant::now();
        if let Some((texture, used)) = self.textures.borrow_mut().get_mut(key) {
            *used = now;
            return ImageView::Ready(texture.id(), texture.size_vec2());
        }
        let (Some(pool), Some(ctx)) = (&self.pool, &self.ctx) else {
            return ImageView::Loading;
        };
        match pool.request(key, priority) {
            Lookup::Ready(rgba) => {
                let size = [rgba.width() as usize, rgba.height() as usize];
                let image = ColorImage::from_rgba_unmultiplied(size, rgba.as_raw());
                let name = format!(
                    "slide-picture:{:?}@{}x{}",
                    key.source, key.width_px, key.height_px
                );
                let texture = ctx.load_texture(name, image, TextureOptions::LINEAR);
                let view = ImageView::Ready(texture.id(), texture.size_vec2());
                self.textures
                    .borrow_mut()
                    .insert(key.clone(), (texture, now));
                view
            }
            Lookup::Pending => {
                let mut textures = self.textures.borrow_mut();
                let area = |k: &Key| i64::from(k.width_px) * i64::from(k.height_px);
                let nearest = textures
                    .iter_mut()
                    .filter(|(k, _)| k.source == key.source)
                    .min_by_key(|(k, _)| (area(k) - area(key)).abs());
                match nearest {
                    Some((_, (texture, used))) => {
                        // Kept while it stands in.
                        *used = now;
                        ImageView::Ready(texture.id(), texture.size_vec2())
                    }
                    None => ImageView::Loading,
                }
            }
            Lookup::Failed(failure) => ImageView::Failed(failure.reason),
        }
    }
}

/// Whether to say on stderr each time a place shows a PDF page late
/// (`CUECARD_LOG_RENDER=1`; `benches/measure.sh` counts the lines).
fn log_render() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("CUECARD_LOG_RENDER").is_some_and(|v| v == "1"))
}

fn image_key(real: PathBuf) -> Key {
    Key {
        source: Source::Image(real),
        width_px: MAX_DECODED.0,
        height_px: MAX_DECODED.1,
    }
}

impl SlideSource for SlideTextures {
    fn image(&self, path: &str) -> ImageView {
        match self.image_key(path) {
            Ok(key) => self.texture(&key, Priority::Visible),
            Err(why) => ImageView::Failed(why),
        }
    }

    fn page(&self, index: usize, place_px: (f32, f32)) -> ImageView {
        let Some(pdf) = &self.pdf else {
            return ImageView::Failed("the deck names no PDF".to_owned());
        };
        if let Some(problem) = &pdf.problem {
            return ImageView::Failed(problem.clone());
        }
        if pdf.sizes.get(index).is_none() {
            return ImageView::Failed(format!(
                "the PDF has {} pages, not {}",
                pdf.sizes.len(),
                index + 1
            ));
        }
        let page_box = page_box(place_px.0, place_px.1);
        self.page_boxes
            .borrow_mut()
            .insert(page_box, Instant::now());
        let Some(key) = self.page_key(index, page_box) else {
            return ImageView::Loading;
        };
        let view = self.texture(&key, Priority::Visible);
        let on_time = match &view {
            ImageView::Ready(_, size) => {
                (size.x as u32, size.y as u32) == (key.width_px, key.height_px)
            }
            ImageView::Loading => false,
            ImageView::Failed(_) => true,
        };
        if !on_time {
            self.late_pages.set(self.late_pages.get() + 1);
            if log_render() {
                eprintln!(
                    "cuecard: render: page {} at {}x{} not ready when shown ({} late so far)",
                    index + 1,
                    key.width_px,
                    key.height_px,
                    self.late_pages.get()
                );
            }
        }
        view
    }

    fn page_problem(&self, index: usize) -> Option<String> {
        let pdf = self.pdf.as_ref()?;
        if let Some(problem) = &pdf.problem {
            return Some(problem.clone());
        }
        if pdf.sizes.get(index).is_none() {
            return Some(format!(
                "the PDF has {} pages, not {}",
                pdf.sizes.len(),
                index + 1
            ));
        }
        // A failure at any size the page was asked for lately.
        let pool = self.pool.as_ref()?;
        let boxes: Vec<(u32, u32)> = self.page_boxes.borrow().keys().copied().collect();
        boxes
            .into_iter()
            .find_map(|b| match pool.peek(&self.page_key(index, b)?)? {
                Lookup::Failed(failure) => Some(failure.reason),
                Lookup::Ready(_) | Lookup::Pending => None,
            })
    }

    fn page_aspect(&self, index: usize) -> Option<f32> {
        self.pdf
            .as_ref()?
            .sizes
            .get(index)
            .map(|size| size.aspect())
    }
}
