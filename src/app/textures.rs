//! The slides' pictures as textures: images and PDF pages rendered by the
//! [`crate::render`] pool off the UI thread, neighbours of the current
//! slide asked for ahead, textures kept only for what is on screen or next
//! to it. This is the app's [`SlideSource`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use egui::{ColorImage, TextureHandle, TextureOptions};

use crate::deck::{Block, Deck, LoadedDeck, policy};
use crate::pdf::{PageSize, PdfDocument};
use crate::render::{Key, Lookup, PoolConfig, Priority, RenderPool, Source};
use crate::ui::slide::{ImageView, SlideSource};

/// Largest decoded image, in pixels: a 4K projector. Larger images are
/// scaled down to fit; smaller ones are kept as they are.
pub const MAX_DECODED: (u32, u32) = (3840, 2160);

/// The size PDF pages are rendered at until the audience view says how
/// big it is.
pub const DEFAULT_PAGE_BOX: (u32, u32) = (1920, 1080);

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
    page_box: (u32, u32),
    /// Uploaded textures by render key (at most one size per source is
    /// kept once a newer one arrives).
    textures: RefCell<HashMap<Key, TextureHandle>>,
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
            page_box: DEFAULT_PAGE_BOX,
            textures: RefCell::new(HashMap::new()),
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

    /// The size, in pixels, of the audience view's slide: PDF pages are
    /// rendered to fit it (rounded up to 64 pixels, so resizing a window
    /// does not render every page again at every step).
    pub fn set_page_box(&mut self, width_px: f32, height_px: f32) {
        let round = |v: f32| ((v.max(64.0) / 64.0).ceil() * 64.0).min(8192.0) as u32;
        self.page_box = (round(width_px), round(height_px));
    }

    /// Once per frame: starts the workers if needed, asks ahead for the
    /// pictures of slides `indices` (and the logo), uploads those that are
    /// ready, and lets go of every other texture.
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
            if let Some(page) = slide.page_index()
                && let Some(key) = self.page_key(page)
            {
                wanted.push(key);
            }
            for block in &slide.content {
                if let Block::Image { path, .. } = block
                    && let Ok(key) = self.image_key(path)
                {
                    wanted.push(key);
                }
            }
        }
        self.textures
            .get_mut()
            .retain(|key, _| wanted.iter().any(|w| w.source == key.source));
        for key in &wanted {
            if !self.textures.get_mut().contains_key(key) {
                // Ready ones become textures now, so a slide change shows
                // them at once.
                let _ = self.texture(key, Priority::Prefetch);
            }
        }
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
            .map(|t| crate::render::rgba_bytes(t.size()[0] as u32, t.size()[1] as u32))
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
        if let Some(texture) = self.textures.borrow().get(&key) {
            return Some(Ok((texture.size()[0] as u32, texture.size()[1] as u32)));
        }
        match self.pool.as_ref()?.peek(&key)? {
            Lookup::Ready(rgba) => Some(Ok((rgba.width(), rgba.height()))),
            Lookup::Failed(failure) => Some(Err(failure.reason)),
            Lookup::Pending => None,
        }
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

    fn page_key(&self, index: usize) -> Option<Key> {
        let pdf = self.pdf.as_ref()?;
        let path = pdf.path.clone()?;
        let (width_px, height_px) = pdf.sizes.get(index).map_or(self.page_box, |size| {
            size.fit_within(self.page_box.0, self.page_box.1)
        });
        Some(Key {
            source: Source::PdfPage { pdf: path, index },
            width_px,
            height_px,
        })
    }

    /// The texture for `key`: uploaded now if its pixels are ready, else
    /// asked for; while a new size renders, an older size of the same
    /// picture stands in.
    fn texture(&self, key: &Key, priority: Priority) -> ImageView {
        if let Some(texture) = self.textures.borrow().get(key) {
            return ImageView::Ready(texture.id(), texture.size_vec2());
        }
        let (Some(pool), Some(ctx)) = (&self.pool, &self.ctx) else {
            return ImageView::Loading;
        };
        match pool.request(key, priority) {
            Lookup::Ready(rgba) => {
                let size = [rgba.width() as usize, rgba.height() as usize];
                let image = ColorImage::from_rgba_unmultiplied(size, rgba.as_raw());
                let name = format!("slide-picture:{:?}", key.source);
                let texture = ctx.load_texture(name, image, TextureOptions::LINEAR);
                let view = ImageView::Ready(texture.id(), texture.size_vec2());
                let mut textures = self.textures.borrow_mut();
                textures.retain(|k, _| k.source != key.source);
                textures.insert(key.clone(), texture);
                view
            }
            Lookup::Pending => self
                .textures
                .borrow()
                .iter()
                .find(|(k, _)| k.source == key.source)
                .map_or(ImageView::Loading, |(_, t)| {
                    ImageView::Ready(t.id(), t.size_vec2())
                }),
            Lookup::Failed(failure) => ImageView::Failed(failure.reason),
        }
    }
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

    fn page(&self, index: usize) -> ImageView {
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
        match self.page_key(index) {
            Some(key) => self.texture(&key, Priority::Visible),
            None => ImageView::Loading,
        }
    }

    fn page_aspect(&self, index: usize) -> Option<f32> {
        self.pdf
            .as_ref()?
            .sizes
            .get(index)
            .map(|size| size.aspect())
    }
}
