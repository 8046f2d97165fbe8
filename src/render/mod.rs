//! The render pipeline, UI-free: slide images and PDF pages turned into
//! RGBA pixels on a bounded pool of worker threads.
//!
//! - Requests are keyed by [`Key`]: a [`Source`] (an image file, or a page
//!   of a PDF) and the pixel size of the place that shows it.
//! - Visible requests go before prefetches ([`Priority`]); a prefetch that
//!   becomes visible moves up.
//! - Each deck load is a generation ([`RenderPool::new_generation`]):
//!   the queue is dropped and results of older requests are thrown away.
//! - Results live in a cache bounded in bytes, least recently used first
//!   out; failures are kept (with the reason, for the console) until the
//!   next generation, so a broken page is not rendered again every frame.
//! - A waker is called whenever a result is ready, so the UI repaints.
//!
//! The app polls [`RenderPool::request`] from its frame and turns a
//! [`Lookup::Ready`] image into a texture.

mod cache;
mod pool;

pub use cache::ByteLru;
pub use pool::{Lookup, PoolConfig, RenderPool, Renderer, Waker};

use std::path::PathBuf;

/// What to render.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// An image file (PNG, JPEG, WebP, or a GIF's first frame), by its
    /// real path.
    Image(PathBuf),
    /// A page of a PDF: its real path and the page index from 0.
    PdfPage {
        /// The PDF's path.
        pdf: PathBuf,
        /// The page, from 0.
        index: usize,
    },
}

/// A request: a source at a pixel size. A PDF page is rendered at exactly
/// this size (ask for [`crate::pdf::PageSize::fit_within`] of the box);
/// an image is scaled down, keeping its shape, to fit in it (never up).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    /// What.
    pub source: Source,
    /// Width of the place that shows it, physical pixels.
    pub width_px: u32,
    /// Height of the place that shows it, physical pixels.
    pub height_px: u32,
}

/// How urgent a request is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    /// Needed ahead of time (the next and previous slides).
    Prefetch,
    /// On screen now.
    Visible,
}

/// Why a source could not be rendered, for the console (the audience
/// view shows a neutral placeholder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// One sentence naming the file and what to do.
    pub reason: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

/// Bytes an RGBA image of this size takes.
pub fn rgba_bytes(width_px: u32, height_px: u32) -> usize {
    (width_px as usize)
        .saturating_mul(height_px as usize)
        .saturating_mul(4)
}
