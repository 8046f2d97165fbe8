//! What can go wrong with a PDF, each message naming the file and what to do.

use std::path::PathBuf;

/// A PDF that cannot be opened, or a page that cannot be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The file could not be read.
    #[error("{}: cannot read the PDF: {reason} (check the file name and its permissions)", path.display())]
    Io {
        /// The PDF's path.
        path: PathBuf,
        /// The operating system's words.
        reason: String,
    },
    /// The file is larger than [`super::MAX_PDF_BYTES`].
    #[error("{}: the PDF is {size_mib} MiB, over the {limit_mib} MiB cuecard opens; export the slides again with images compressed", path.display())]
    TooLarge {
        /// The PDF's path.
        path: PathBuf,
        /// Its size, MiB.
        size_mib: u64,
        /// The limit, MiB.
        limit_mib: u64,
    },
    /// The file does not start like a PDF.
    #[error("{}: this is not a PDF file (it does not start with %PDF-); export the slides as PDF from the presentation program", path.display())]
    NotPdf {
        /// The file's path.
        path: PathBuf,
    },
    /// The PDF needs a password.
    #[error("{}: the PDF is password-protected; cuecard cannot open it (export or save it again without a password)", path.display())]
    Encrypted {
        /// The PDF's path.
        path: PathBuf,
    },
    /// The PDF is encrypted in a way the renderer cannot read.
    #[error("{}: the PDF is encrypted with a method cuecard cannot read; save it again without encryption", path.display())]
    UnsupportedEncryption {
        /// The PDF's path.
        path: PathBuf,
    },
    /// The file ends early: a copy or download that did not finish.
    #[error("{}: the PDF is truncated (its end is missing, as after an interrupted copy or download); copy or export it again", path.display())]
    Truncated {
        /// The PDF's path.
        path: PathBuf,
    },
    /// The file is damaged in another way.
    #[error("{}: the PDF is damaged and its pages cannot be read; export it again", path.display())]
    Damaged {
        /// The PDF's path.
        path: PathBuf,
    },
    /// The PDF opened but has no pages.
    #[error("{}: the PDF has no pages", path.display())]
    NoPages {
        /// The PDF's path.
        path: PathBuf,
    },
    /// More pages than [`super::MAX_PAGES`].
    #[error("{}: the PDF has {count} pages, more than the {limit} cuecard presents; split it", path.display())]
    TooManyPages {
        /// The PDF's path.
        path: PathBuf,
        /// Its pages.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A page number past the end of the PDF.
    #[error("{}: there is no page {page}; the PDF has {count} pages", path.display())]
    NoSuchPage {
        /// The PDF's path.
        path: PathBuf,
        /// The page asked for, from 1.
        page: usize,
        /// How many pages it has.
        count: usize,
    },
    /// A render was asked at a size over [`super::MAX_RENDER_PIXELS`] or
    /// [`super::MAX_RENDER_SIDE_PX`], or of zero pixels.
    #[error("{}: page {page}: cannot render at {width_px}x{height_px} pixels (from 1x1 up to {max_side}x{max_side} and {max_mp} megapixels)", path.display())]
    BadRenderSize {
        /// The PDF's path.
        path: PathBuf,
        /// The page, from 1.
        page: usize,
        /// Width asked, pixels.
        width_px: u32,
        /// Height asked, pixels.
        height_px: u32,
        /// Longest side allowed, pixels.
        max_side: u32,
        /// Most pixels allowed, in millions.
        max_mp: u64,
    },
    /// The page holds more than a slide can reasonably need: a huge
    /// embedded image, too many images, or forms nested too deep (a PDF
    /// bomb, or a file made by mistake).
    #[error("{}: page {page}: {what}; cuecard does not render it ({advice})", path.display())]
    PageTooComplex {
        /// The PDF's path.
        path: PathBuf,
        /// The page, from 1.
        page: usize,
        /// What is over which limit.
        what: String,
        /// What to do about it.
        advice: &'static str,
    },
    /// The renderer failed on the page (a bug in hayro, not in the file's
    /// owner's hands); the page shows a placeholder.
    #[error("{}: page {page}: the PDF renderer failed on this page (a bug in hayro, cuecard's PDF renderer); export the slides to PDF again, and please report the file", path.display())]
    RenderCrashed {
        /// The PDF's path.
        path: PathBuf,
        /// The page, from 1.
        page: usize,
    },
}

impl PdfError {
    /// Whether this error concerns the whole file (as opposed to one page
    /// or one render).
    pub fn is_whole_file(&self) -> bool {
        !matches!(
            self,
            Self::NoSuchPage { .. }
                | Self::BadRenderSize { .. }
                | Self::PageTooComplex { .. }
                | Self::RenderCrashed { .. }
        )
    }
}
