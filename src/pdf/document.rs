//! Opening a PDF and rendering its pages with hayro (a pure-Rust PDF
//! rasterizer, <https://crates.io/crates/hayro>), within limits that keep a
//! hostile file from exhausting memory.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use hayro::hayro_syntax::{self, LoadPdfError, Pdf};

use super::error::PdfError;
use super::limits::{self, MAX_PAGES, MAX_PDF_BYTES, MAX_RENDER_PIXELS, MAX_RENDER_SIDE_PX};

/// A page's size in points (1/72 inch), as it is shown: crop box, with the
/// page's rotation applied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    /// Width, points.
    pub width_pt: f32,
    /// Height, points.
    pub height_pt: f32,
}

impl PageSize {
    /// Width divided by height (16:9 is about 1.78, 4:3 about 1.33).
    pub fn aspect(self) -> f32 {
        self.width_pt / self.height_pt.max(f32::MIN_POSITIVE)
    }

    /// The largest pixel size with this page's aspect that fits in
    /// `box_width_px` x `box_height_px` (at least 1x1): the size to
    /// render at for a view that letterboxes the page in that box.
    pub fn fit_within(self, box_width_px: u32, box_height_px: u32) -> (u32, u32) {
        let aspect = f64::from(self.aspect());
        let (bw, bh) = (
            f64::from(box_width_px.max(1)),
            f64::from(box_height_px.max(1)),
        );
        let (w, h) = if bw / bh > aspect {
            (bh * aspect, bh)
        } else {
            (bw, bw / aspect)
        };
        (w.round().max(1.0) as u32, h.round().max(1.0) as u32)
    }
}

/// An open PDF: its path, its pages' sizes, and the parsed file, shared
/// between threads (`PdfDocument` is `Send + Sync`; render pages of one
/// document from several threads at once if you like).
pub struct PdfDocument {
    path: PathBuf,
    pdf: Arc<Pdf>,
    sizes: Vec<PageSize>,
    title: Option<String>,
    complete: bool,
}

impl std::fmt::Debug for PdfDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfDocument")
            .field("path", &self.path)
            .field("pages", &self.sizes.len())
            .finish_non_exhaustive()
    }
}

/// Whether `bytes` look like the end of a complete PDF: `%%EOF` in the
/// last kilobyte (ISO 32000-1, 7.5.5).
fn has_end_marker(bytes: &[u8]) -> bool {
    let tail = bytes
        .get(bytes.len().saturating_sub(1024)..)
        .unwrap_or(bytes);
    tail.windows(5).any(|w| w == b"%%EOF")
}

/// A PDF text string (ISO 32000-1, 7.9.2.2): UTF-16BE after a byte-order
/// mark, else (near enough) Latin-1.
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(b"\xFE\xFF") {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|p| {
                    u16::from_be_bytes([
                        p.first().copied().unwrap_or(0),
                        p.get(1).copied().unwrap_or(0),
                    ])
                })
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// Whether `bytes` start like a PDF: `%PDF-` within the first kilobyte
/// (readers accept leading garbage there, as Acrobat does).
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
    head.windows(5).any(|w| w == b"%PDF-")
}

impl PdfDocument {
    /// Opens the PDF at `path` (at most [`MAX_PDF_BYTES`]).
    ///
    /// # Errors
    /// [`PdfError`] naming `path`: unreadable, too large, not a PDF,
    /// password-protected, truncated, damaged, without pages, or with more
    /// than [`MAX_PAGES`] pages.
    pub fn open(path: &Path) -> Result<Self, PdfError> {
        let io = |e: &std::io::Error| PdfError::Io {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let file = std::fs::File::open(path).map_err(|e| io(&e))?;
        let mut bytes = Vec::new();
        file.take(MAX_PDF_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| io(&e))?;
        if bytes.len() as u64 > MAX_PDF_BYTES {
            let size_mib = std::fs::metadata(path).map_or(0, |m| m.len()) / 1024 / 1024;
            return Err(PdfError::TooLarge {
                path: path.to_path_buf(),
                size_mib,
                limit_mib: MAX_PDF_BYTES / 1024 / 1024,
            });
        }
        Self::from_bytes(bytes, path)
    }

    /// Opens a PDF from its bytes; `path` names it in messages.
    ///
    /// # Errors
    /// As [`PdfDocument::open`], except for reading.
    pub fn from_bytes(bytes: Vec<u8>, path: &Path) -> Result<Self, PdfError> {
        let path = path.to_path_buf();
        if !looks_like_pdf(&bytes) {
            return Err(PdfError::NotPdf { path });
        }
        let complete = has_end_marker(&bytes);
        let pdf = match Pdf::new(bytes) {
            Ok(pdf) => pdf,
            Err(LoadPdfError::Decryption(hayro_syntax::DecryptionError::PasswordProtected)) => {
                return Err(PdfError::Encrypted { path });
            }
            Err(LoadPdfError::Decryption(_)) => {
                return Err(PdfError::UnsupportedEncryption { path });
            }
            Err(LoadPdfError::Invalid) if !complete => return Err(PdfError::Truncated { path }),
            Err(LoadPdfError::Invalid) => return Err(PdfError::Damaged { path }),
        };
        let count = pdf.pages().len();
        if count == 0 {
            return Err(if complete {
                PdfError::NoPages { path }
            } else {
                PdfError::Truncated { path }
            });
        }
        if count > MAX_PAGES {
            return Err(PdfError::TooManyPages {
                path,
                count,
                limit: MAX_PAGES,
            });
        }
        let sizes = pdf
            .pages()
            .iter()
            .map(|page| {
                let (width_pt, height_pt) = page.render_dimensions();
                PageSize {
                    width_pt,
                    height_pt,
                }
            })
            .collect();
        let title = pdf
            .metadata()
            .title
            .as_ref()
            .map(|t| text_string(t).trim().to_owned())
            .filter(|t| !t.is_empty());
        Ok(Self {
            path,
            pdf: Arc::new(pdf),
            sizes,
            title,
            complete,
        })
    }

    /// Whether the file ends as a complete PDF does (`%%EOF` in its last
    /// kilobyte). hayro recovers what it can of a truncated file, so a
    /// PDF cut short may open with pages missing or blank: warn about it.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// The path it was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Number of pages (at least 1).
    pub fn page_count(&self) -> usize {
        self.sizes.len()
    }

    /// The size of every page, in page order.
    pub fn page_sizes(&self) -> &[PageSize] {
        &self.sizes
    }

    /// The size of page `index` (from 0).
    pub fn page_size(&self, index: usize) -> Option<PageSize> {
        self.sizes.get(index).copied()
    }

    /// The document's title from its information dictionary, if it has one.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// Checks, without drawing, that page `index` (from 0) stays within the
    /// limits of [`super::limits`]: embedded images' sizes, their number,
    /// and form nesting.
    ///
    /// # Errors
    /// [`PdfError::NoSuchPage`] or [`PdfError::PageTooComplex`].
    pub fn check_page(&self, index: usize) -> Result<(), PdfError> {
        let page = self.page(index)?;
        limits::check_page(page).map_err(|(what, advice)| PdfError::PageTooComplex {
            path: self.path.clone(),
            page: index + 1,
            what,
            advice,
        })
    }

    fn page(&self, index: usize) -> Result<&hayro_syntax::page::Page<'_>, PdfError> {
        self.pdf
            .pages()
            .get(index)
            .ok_or_else(|| PdfError::NoSuchPage {
                path: self.path.clone(),
                page: index + 1,
                count: self.sizes.len(),
            })
    }

    /// Renders page `index` (from 0) to exactly `width_px` x `height_px`
    /// pixels on white, as straight (not premultiplied) RGBA. The page is
    /// stretched to that size: ask for [`PageSize::fit_within`] of the box
    /// to keep its shape (letterboxing is the view's job).
    ///
    /// # Errors
    /// [`PdfError::NoSuchPage`], [`PdfError::BadRenderSize`] (zero, or
    /// over [`MAX_RENDER_SIDE_PX`] or [`MAX_RENDER_PIXELS`]), or
    /// [`PdfError::PageTooComplex`] (see [`PdfDocument::check_page`]), or
    /// [`PdfError::RenderCrashed`] when hayro panics on the page.
    pub fn render(
        &self,
        index: usize,
        width_px: u32,
        height_px: u32,
    ) -> Result<image::RgbaImage, PdfError> {
        let page = self.page(index)?;
        if width_px == 0
            || height_px == 0
            || width_px > MAX_RENDER_SIDE_PX
            || height_px > MAX_RENDER_SIDE_PX
            || u64::from(width_px) * u64::from(height_px) > MAX_RENDER_PIXELS
        {
            return Err(PdfError::BadRenderSize {
                path: self.path.clone(),
                page: index + 1,
                width_px,
                height_px,
                max_side: MAX_RENDER_SIDE_PX,
                max_mp: MAX_RENDER_PIXELS / 1_000_000,
            });
        }
        self.check_page(index)?;
        let (page_w, page_h) = page.render_dimensions();
        let settings = hayro::PixmapSettings {
            x_scale: width_px as f32 / page_w.max(f32::MIN_POSITIVE),
            y_scale: height_px as f32 / page_h.max(f32::MIN_POSITIVE),
            bg_color: hayro::vello_cpu::color::palette::css::WHITE,
        };
        let cache = hayro::RenderCache::new();
        // A panic inside hayro (an arithmetic overflow on a hostile font,
        // found by fuzzing) costs this page, never `check`, `import` or a
        // render worker.
        let pixmap = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            hayro::render(
                page,
                &cache,
                &hayro::hayro_interpret::InterpreterSettings::default(),
                &hayro::RenderSettings::default(),
                &settings,
            )
        }))
        .map_err(|_| PdfError::RenderCrashed {
            path: self.path.clone(),
            page: index + 1,
        })?;
        let (w, h) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
        let mut rgba = pixmap.data_as_u8_slice().to_vec();
        // The background is opaque white, so premultiplied equals straight
        // alpha except where a page draws nothing opaque; undo it anyway.
        for px in rgba.chunks_exact_mut(4) {
            if let [r, g, b, a] = px
                && *a != 0
                && *a != 255
            {
                let un = |c: u8| {
                    ((u16::from(c) * 255 + u16::from(*a) / 2) / u16::from(*a)).min(255) as u8
                };
                (*r, *g, *b) = (un(*r), un(*g), un(*b));
            }
        }
        let image = image::RgbaImage::from_raw(w, h, rgba).ok_or_else(|| PdfError::Damaged {
            path: self.path.clone(),
        })?;
        // hayro rounds the scaled size down; stretch the last pixel in.
        if (w, h) == (width_px, height_px) {
            Ok(image)
        } else {
            Ok(image::imageops::resize(
                &image,
                width_px,
                height_px,
                image::imageops::FilterType::Triangle,
            ))
        }
    }
}
