//! PDF decks, UI-free: open a PDF, its pages' sizes, render a page to RGBA
//! pixels within limits against PDF bombs; pdfpc's `.pdfpc` notes; a deck
//! for a PDF (`cuecard FILE.pdf`, `cuecard import FILE.pdf`).
//!
//! Rendering uses hayro, a pure-Rust PDF rasterizer. What it cannot draw
//! (from its documentation, 0.9): password-protected files (those open
//! with an empty user password do), blending and isolation of
//! transparency groups, knockout groups, colour-key masking. The app turns
//! the pixels into textures; see [`crate::render`] for the worker pool.

mod document;
mod error;
pub mod import;
pub mod limits;
pub mod pdfpc;
pub mod sample;

pub use document::{PageSize, PdfDocument, looks_like_pdf};
pub use error::PdfError;
pub use import::{ImportError, PdfImport, import_pdf};
pub use limits::{MAX_PAGES, MAX_PDF_BYTES, MAX_RENDER_PIXELS, MAX_RENDER_SIDE_PX};
