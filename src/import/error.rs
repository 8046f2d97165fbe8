//! What can go wrong in an import, each message naming the file and what
//! to do about it.

use std::path::PathBuf;

/// An import that could not be done. Nothing is written when one is
/// returned (see [`super::write`]).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input (or the `--into` deck) could not be read.
    #[error("{}: cannot read it: {source}; check that the file is there and that you may read it", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The input's extension is not one cuecard imports.
    #[error("{}: cuecard imports .pptx decks, .docx, .txt and .md presenter's guides, and .pdf decks; this file ends in {extension:?} (save it from PowerPoint or Word in one of those formats)", path.display())]
    UnknownKind {
        /// The file.
        path: PathBuf,
        /// Its extension, as written.
        extension: String,
    },
    /// The file is bigger than an import reads.
    #[error("{}: the file is {size_bytes} bytes, more than the {limit_bytes} bytes cuecard imports; remove large videos or pictures and save it again", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size_bytes: u64,
        /// The limit.
        limit_bytes: u64,
    },
    /// An Office file protected with a password (an OLE `EncryptedPackage`)
    /// or a zip with encrypted entries.
    #[error("{}: the file is protected with a password; open it in {app}, remove the password (File > Info > Protect > Encrypt with Password, clear the box), save, and import it again", path.display())]
    Encrypted {
        /// The file.
        path: PathBuf,
        /// `PowerPoint` or `Word`.
        app: &'static str,
    },
    /// An old binary Office file (.ppt, .doc), not OOXML.
    #[error("{}: this is an old binary Office file (.ppt or .doc), not a .pptx or .docx; open it in {app} and use Save As to save it as {wanted}, then import that", path.display())]
    LegacyOffice {
        /// The file.
        path: PathBuf,
        /// `PowerPoint` or `Word`.
        app: &'static str,
        /// ".pptx" or ".docx".
        wanted: &'static str,
    },
    /// The zip package is damaged or is not a zip at all.
    #[error("{}: the file is damaged or is not a {wanted} file ({detail}); if it was downloaded, download it again, or open it in {app} and save it again", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// ".pptx" or ".docx".
        wanted: &'static str,
        /// `PowerPoint` or `Word`.
        app: &'static str,
        /// What was wrong.
        detail: String,
    },
    /// A zip bomb: too many entries, or a part that inflates past its limit.
    #[error("{}: {detail}; cuecard refuses it as a possible zip bomb (a real {wanted} is far smaller); open it in {app} and save it again", path.display())]
    Bomb {
        /// The file.
        path: PathBuf,
        /// ".pptx" or ".docx".
        wanted: &'static str,
        /// `PowerPoint` or `Word`.
        app: &'static str,
        /// Which limit was passed.
        detail: String,
    },
    /// An entry whose name is absolute or climbs out with `..`.
    #[error("{}: the archive has an entry named {entry:?}, which points outside its folder; cuecard refuses such files (they can overwrite other files); open it in {app} and save it again", path.display())]
    UnsafeEntry {
        /// The file.
        path: PathBuf,
        /// The entry's name.
        entry: String,
        /// `PowerPoint` or `Word`.
        app: &'static str,
    },
    /// The file is of another kind than its extension says (a .pptx renamed
    /// .docx).
    #[error("{}: this is {found}, not {expected}; rename it to end in {extension} and import it again", path.display())]
    WrongKind {
        /// The file.
        path: PathBuf,
        /// What it is, e.g. `a PowerPoint deck`.
        found: &'static str,
        /// What its name says, e.g. "a Word document".
        expected: &'static str,
        /// The extension it should have, e.g. ".pptx".
        extension: &'static str,
    },
    /// A part the format requires is missing or malformed.
    #[error("{}: {part}: {detail}; open the file in {app} and save it again", path.display())]
    BadPart {
        /// The file.
        path: PathBuf,
        /// The part inside the package, e.g. `word/document.xml`.
        part: String,
        /// `PowerPoint` or `Word`.
        app: &'static str,
        /// What is wrong with it.
        detail: String,
    },
    /// A text guide that is not UTF-8.
    #[error("{}: the guide is not UTF-8 text (byte {offset}); save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Where the first bad byte is.
        offset: usize,
    },
    /// A guide without any text.
    #[error("{}: the guide has no text; check that this is the presenter's guide and that it was saved", path.display())]
    EmptyGuide {
        /// The file.
        path: PathBuf,
    },
    /// A guide without "Slide One (…):" headings.
    #[error("{}: no slide headings found; cuecard splits a guide at paragraphs that start like \"Slide One (Title Slide):\" or \"Slide 12:\", so start each slide's notes with one", path.display())]
    NoSlideHeadings {
        /// The file.
        path: PathBuf,
    },
    /// A guide with more slide headings than any training has.
    #[error("{}: the guide has more than {limit} slide headings; split it into one guide per module", path.display())]
    TooManySlides {
        /// The file.
        path: PathBuf,
        /// The limit ([`super::guide::MAX_GUIDE_SLIDES`]).
        limit: usize,
    },
    /// A `PowerPoint` package without slides.
    #[error("{}: the presentation has no slides; add slides in PowerPoint and save it again", path.display())]
    NoSlides {
        /// The file.
        path: PathBuf,
    },
    /// The deck given with `--into` does not load.
    #[error("{}: the deck to import into has errors; run `cuecard check {}` and fix them first ({first})", path.display(), path.display())]
    IntoDeck {
        /// The deck.
        path: PathBuf,
        /// Its first diagnostic.
        first: String,
    },
    /// `--into` was given with a deck (.pptx) instead of a guide.
    #[error("{}: --into puts a presenter's guide's notes into a deck; import the .pptx without --into, then import the guide with --into", path.display())]
    IntoNeedsGuide {
        /// The input.
        path: PathBuf,
    },
    /// The output exists and `--force` was not given.
    #[error("{}: already exists; add --force to replace it, or choose another name with -o (nothing was written)", path.display())]
    Exists {
        /// The file that is there.
        path: PathBuf,
    },
    /// The output could not be written.
    #[error("{}: cannot write it: {source} (nothing was replaced)", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The imported deck does not pass cuecard's own checks (a bug in the
    /// importer; reported rather than written).
    #[error("{}: the imported deck would not load ({detail}); please report this with the file (nothing was written)", path.display())]
    Invalid {
        /// The input.
        path: PathBuf,
        /// The first problem.
        detail: String,
    },
    /// The deck would not be a `.ron` file (`-o guide.docx` would write
    /// over the guide).
    #[error("{}: the deck must be a .ron file; choose a name ending in .ron with -o (nothing was written)", path.display())]
    NotRon {
        /// The deck that would have been written.
        path: PathBuf,
    },
    /// `--into` was given a PDF: a PDF's pages make a deck of their own
    /// (`crate::pdf::import_pdf`), they have no notes to merge.
    #[error("{}: --into takes a presenter's guide (.docx, .txt or .md); a PDF becomes a deck of its own: cuecard import {} [-o DECK.ron] (nothing was written)", path.display(), path.display())]
    PdfInto {
        /// The PDF.
        path: PathBuf,
    },
    /// [`run`](super::run) was given a PDF: PDFs are imported by
    /// `crate::pdf::import_pdf`, which `cuecard import` calls for them.
    #[error("{}: a PDF is imported as a deck of its pages: cuecard import {} [-o DECK.ron] (nothing was written)", path.display(), path.display())]
    PdfNotAGuide {
        /// The PDF.
        path: PathBuf,
    },
}
