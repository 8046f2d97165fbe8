//! A deck for a PDF: `cuecard FILE.pdf` presents it (with the notes of a
//! deck beside it that names it, else of a `.pdfpc` file beside it, else
//! none), and [`import_pdf`] writes such a deck as RON for the trainer to
//! add prompts and timing to.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::document::PdfDocument;
use super::pdfpc::{self, Pdfpc};
use crate::deck::{
    self, Deck, DeckError, Diagnostic, Kind, LoadedDeck, Location, Note, SCHEMA_VERSION, Severity,
    Slide,
};

/// Most `.ron` files looked at beside a PDF for a deck that names it.
pub const MAX_DECKS_BESIDE: usize = 200;

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// How a deck in `folder` names `pdf` in its `pdf` field: the PDF's path
/// inside the folder, parts joined with `/` on every system. `None` when
/// the PDF is not inside the folder (a deck names only files inside its
/// own folder) or either path cannot be resolved.
pub fn name_in_folder(folder: &Path, pdf: &Path) -> Option<String> {
    let (folder, pdf) = (folder.canonicalize().ok()?, pdf.canonicalize().ok()?);
    let relative = pdf.strip_prefix(&folder).ok()?;
    Some(
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// The first `.ron` deck (in name order) in the PDF's folder whose `pdf`
/// field is this PDF.
pub fn deck_beside(pdf: &Path) -> Option<PathBuf> {
    let folder = folder_of(pdf);
    let real_pdf = pdf.canonicalize().ok()?;
    let mut decks: Vec<PathBuf> = std::fs::read_dir(&folder)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
        .take(MAX_DECKS_BESIDE)
        .collect();
    decks.sort();
    decks.into_iter().find(|candidate| {
        let Ok(meta) = std::fs::metadata(candidate) else {
            return false;
        };
        if meta.len() > deck::MAX_DECK_BYTES {
            return false;
        }
        let Ok(text) = std::fs::read_to_string(candidate) else {
            return false;
        };
        let Ok(parsed) = deck::ron_options().from_str::<Deck>(&text) else {
            return false;
        };
        parsed
            .pdf
            .and_then(|named| deck::policy::resolve_inside(&folder, &named).ok().flatten())
            .is_some_and(|named| named == real_pdf)
    })
}

/// A deck of one slide per page of `document`, named in the deck as
/// `pdf_field` (relative to the deck's folder), with `notes`' speaker
/// notes, hidden pages and duration. Pages after pdfpc's end slide are
/// hidden (backup slides, reached with go-to or the overview).
pub fn deck_for(document: &PdfDocument, pdf_field: &str, notes: Option<&Pdfpc>) -> Deck {
    let title = document.title().map_or_else(
        || {
            document.path().file_stem().map_or_else(
                || "PDF deck".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            )
        },
        str::to_owned,
    );
    let slides = (0..document.page_count())
        .filter_map(|index| {
            let number = u32::try_from(index + 1).ok()?;
            let mut slide = Slide::for_page(number);
            if let Some(notes) = notes {
                if let Some(text) = notes.note(index) {
                    slide.notes.push(Note::Script(text.to_owned()));
                }
                slide.hidden =
                    notes.is_hidden(index) || notes.end_page.is_some_and(|end| index + 1 > end);
            }
            Some(slide)
        })
        .collect();
    Deck {
        version: SCHEMA_VERSION,
        title,
        subtitle: None,
        organization: None,
        duration_minutes: notes.and_then(|n| n.duration_minutes),
        theme: None,
        colors: None,
        font: None,
        logo: None,
        footer: None,
        pdf: Some(pdf_field.to_owned()),
        decorate_pdf_pages: false,
        slides,
    }
}

fn pdf_error(path: &Path, error: &super::PdfError) -> DeckError {
    DeckError {
        diagnostics: vec![Diagnostic::new(
            Severity::Error,
            Kind::Pdf,
            path,
            Location::START,
            // The error names the path itself; the diagnostic adds it again.
            error
                .to_string()
                .split_once(": ")
                .map_or_else(|| error.to_string(), |(_, m)| m.to_owned()),
        )],
    }
}

/// Loads the PDF at `pdf` as a deck (what `cuecard FILE.pdf` presents):
/// the deck beside it that names it if there is one (see
/// [`deck_beside`]), else a deck of its pages with the notes of the
/// `.pdfpc` file beside it, else without notes.
///
/// # Errors
/// A [`DeckError`] with one [`Kind::Pdf`] diagnostic at `pdf:1:1` when the
/// PDF cannot be opened, or the deck beside it's errors.
pub fn load_pdf(pdf: &Path) -> Result<LoadedDeck, DeckError> {
    if let Some(beside) = deck_beside(pdf) {
        let mut loaded = deck::load(&beside)?;
        loaded.diagnostics.push(Diagnostic::new(
            Severity::Note,
            Kind::Pdf,
            pdf,
            Location::START,
            format!(
                "presenting the deck {} that names this PDF",
                beside.display()
            ),
        ));
        return Ok(loaded);
    }
    let document = PdfDocument::open(pdf).map_err(|e| pdf_error(pdf, &e))?;
    let mut diagnostics = Vec::new();
    if !document.is_complete() {
        diagnostics.push(Diagnostic::new(
            Severity::Warning,
            Kind::Pdf,
            pdf,
            Location::START,
            "the PDF does not end as a complete PDF does (it may be truncated, as after an interrupted copy); some pages may be missing or blank, so copy or export it again",
        ));
    }
    let notes_path = pdfpc::notes_path(pdf);
    let notes = if notes_path.is_file() {
        match pdfpc::load(&notes_path) {
            Ok(notes) => Some(notes),
            Err(error) => {
                diagnostics.push(Diagnostic::new(
                    Severity::Warning,
                    Kind::Syntax,
                    &error.path,
                    Location {
                        line: error.line,
                        column: error.column,
                    },
                    format!("the speaker notes were not read: {}", error.message),
                ));
                None
            }
        }
    } else {
        None
    };
    let name = pdf
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let deck = deck_for(&document, &name, notes.as_ref());
    Ok(LoadedDeck {
        deck,
        path: pdf.to_path_buf(),
        folder: Some(folder_of(pdf)),
        diagnostics,
    })
}

/// Why [`import_pdf`] wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The PDF cannot be opened.
    #[error(transparent)]
    Pdf(#[from] super::PdfError),
    /// The `.pdfpc` file beside the PDF cannot be read.
    #[error("{0} (nothing was written; fix or move the .pdfpc file)")]
    Pdfpc(#[from] pdfpc::PdfpcError),
    /// The deck would not be a `.ron` file (`-o talk.pdf` would replace
    /// the slides themselves).
    #[error("{}: the deck must be a .ron file; choose a name ending in .ron with -o (nothing was written)", .0.display())]
    NotRon(PathBuf),
    /// The deck file exists and `force` was not given.
    #[error("{}: a file is already there; choose another name with -o, or pass --force to replace it (nothing was changed)", .0.display())]
    Exists(PathBuf),
    /// The PDF is not inside the deck's folder, so the deck cannot name it.
    #[error("{}: the deck must be in the PDF's folder or a folder above it, since a deck names its PDF relative to its own folder ({} is not inside {})", deck.display(), pdf.display(), folder.display())]
    Outside {
        /// The deck to write.
        deck: PathBuf,
        /// The PDF.
        pdf: PathBuf,
        /// The deck's folder.
        folder: PathBuf,
    },
    /// Writing failed.
    #[error("{}: cannot write the deck: {reason}", path.display())]
    Write {
        /// The deck being written.
        path: PathBuf,
        /// The operating system's words.
        reason: String,
    },
}

/// What [`import_pdf`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfImport {
    /// The deck written.
    pub deck: PathBuf,
    /// Its slides, one per page.
    pub slides: usize,
    /// The `.pdfpc` file whose notes came across, with how many notes and
    /// hidden slides it gave.
    pub pdfpc: Option<(PathBuf, usize, usize)>,
    /// Pages that do not render (the room will see a placeholder), one
    /// sentence each.
    pub warnings: Vec<String>,
}

/// `cuecard import FILE.pdf [-o DECK.ron] [--force]`: writes a deck for
/// the PDF at `pdf` to `out` (default: the PDF's name with `.ron`), one
/// slide per page, carrying over the `.pdfpc` file's notes, hidden pages
/// and duration. The deck must be a `.ron` file, so the PDF and its
/// `.pdfpc` are never written over. Never replaces an existing file
/// unless `force`; writes a temporary file beside the deck, then renames
/// it, so a failure leaves no half-written deck. Every page is rendered
/// small once, and the pages that fail are returned as warnings.
///
/// # Errors
/// [`ImportError`], which names the file and what to do.
pub fn import_pdf(pdf: &Path, out: Option<&Path>, force: bool) -> Result<PdfImport, ImportError> {
    let document = PdfDocument::open(pdf)?;
    let notes_path = pdfpc::notes_path(pdf);
    let notes = if notes_path.is_file() {
        Some(pdfpc::load(&notes_path)?)
    } else {
        None
    };
    let target = out.map_or_else(|| pdf.with_extension("ron"), Path::to_path_buf);
    if !target
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        return Err(ImportError::NotRon(target));
    }
    if target.exists() && !force {
        return Err(ImportError::Exists(target));
    }
    let write_error = |e: &dyn std::fmt::Display| ImportError::Write {
        path: target.clone(),
        reason: e.to_string(),
    };
    let folder = folder_of(&target);
    // Folders made for the deck are removed again if it is refused.
    let made: Vec<PathBuf> = folder
        .ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
        .map(Path::to_path_buf)
        .collect();
    let unmake = || {
        for dir in &made {
            let _ = std::fs::remove_dir(dir);
        }
    };
    std::fs::create_dir_all(&folder).map_err(|e| write_error(&e))?;
    let Some(field) = name_in_folder(&folder, pdf) else {
        unmake();
        return Err(ImportError::Outside {
            deck: target.clone(),
            pdf: pdf.canonicalize().unwrap_or_else(|_| pdf.to_path_buf()),
            folder: folder.canonicalize().unwrap_or_else(|_| folder.clone()),
        });
    };
    let deck = deck_for(&document, &field, notes.as_ref());
    let count = deck.slides.len();
    let pdfpc = notes.as_ref().map(|_| {
        let with_notes = deck.slides.iter().filter(|s| !s.notes.is_empty()).count();
        let hidden = deck.slides.iter().filter(|s| s.hidden).count();
        (notes_path.clone(), with_notes, hidden)
    });
    let warnings = (0..document.page_count())
        .filter_map(|index| {
            let size = document.page_size(index)?;
            let (w, h) = size.fit_within(160, 90);
            document.render(index, w, h).err().map(|error| {
                format!(
                    "page {} does not render: {error}; the room will see a placeholder",
                    index + 1
                )
            })
        })
        .collect();
    let text = deck::to_ron(&deck).map_err(|e| write_error(&e))?;
    let header = format!(
        "// Made by `cuecard import` from {field}: one slide per page.\n// Add prompts, timing and links to the slides; see docs/deck-format.md.\n"
    );
    let temp = folder.join(format!(
        ".{}.{}.tmp",
        target
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        std::process::id()
    ));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut file| {
            file.write_all(header.as_bytes())?;
            file.write_all(text.as_bytes())?;
            file.write_all(b"\n")?;
            file.sync_all()
        });
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(write_error(&error));
    }
    if !force && target.exists() {
        let _ = std::fs::remove_file(&temp);
        return Err(ImportError::Exists(target));
    }
    if let Err(error) = std::fs::rename(&temp, &target) {
        let _ = std::fs::remove_file(&temp);
        return Err(write_error(&error));
    }
    Ok(PdfImport {
        deck: target,
        slides: count,
        pdfpc,
        warnings,
    })
}
