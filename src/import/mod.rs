//! Importing trainings that already exist: `PowerPoint` decks (.pptx) and
//! presenter's guides (.docx, .txt, .md) become cuecard decks. UI-free.
//!
//! The whole path, for a trainer, is in `docs/import.md`. The entry point
//! is [`run`] (what `cuecard import` calls); the readers are public for the
//! fuzz target and for the app: [`read_guide`], [`pptx::read`],
//! [`build::deck_from_guide`], [`build::merge_into`].
//!
//! Inputs may come from anyone, so every reader refuses encrypted, damaged
//! and zip-bomb files and entries named outside the package with a message
//! saying what to do ([`ImportError`]), never panics, and writes nothing
//! until the whole import has succeeded ([`write`]).

pub mod archive;
pub mod build;
mod command;
mod docx;
mod error;
pub mod guide;
mod headings;
pub mod paragraphs;
pub mod pptx;
mod text_guide;
pub mod write;
mod xml;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use command::command;
pub use error::ImportError;

use crate::deck::{self, Deck};

/// Largest text guide read, in bytes.
pub const MAX_TEXT_GUIDE_BYTES: u64 = 16 * 1024 * 1024;

/// What kind of file an import reads, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A `PowerPoint` deck.
    Pptx,
    /// A Word presenter's guide.
    Docx,
    /// A plain-text or Markdown presenter's guide.
    Text,
    /// A PDF deck (handled by `crate::pdf`, see [`run`]).
    Pdf,
}

impl InputKind {
    /// The kind of `path` by its extension (case-insensitive).
    ///
    /// # Errors
    /// [`ImportError::UnknownKind`] for any other extension.
    pub fn of(path: &Path) -> Result<Self, ImportError> {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "pptx" => Ok(Self::Pptx),
            "docx" => Ok(Self::Docx),
            "txt" | "md" | "markdown" => Ok(Self::Text),
            "pdf" => Ok(Self::Pdf),
            _ => Err(ImportError::UnknownKind {
                path: path.to_path_buf(),
                extension: format!(".{extension}"),
            }),
        }
    }
}

/// What `cuecard import` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportOptions {
    /// With a guide: put its notes into this existing deck instead of
    /// making a new one.
    pub into: Option<PathBuf>,
    /// Where to write the deck; by default the input (or the `--into`
    /// deck) with the extension `.ron`.
    pub output: Option<PathBuf>,
    /// Replace files that are already there.
    pub force: bool,
}

/// The counts an import reports, printed as
/// `10 slides, 9 prompts, 14 tips; 0 unmatched`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Slides in the written deck.
    pub slides: usize,
    /// Prompts in its notes.
    pub prompts: usize,
    /// Tips in its notes.
    pub tips: usize,
    /// Guide slides that matched no slide of the `--into` deck.
    pub unmatched: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} slides, {} prompts, {} tips; {} unmatched",
            self.slides, self.prompts, self.tips, self.unmatched
        )
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOutcome {
    /// The deck file written.
    pub deck_path: PathBuf,
    /// The deck as written.
    pub deck: Deck,
    /// The summary counts.
    pub summary: Summary,
    /// Guide slides that matched no deck slide (`--into`), as
    /// `Slide 11 ("Extra")`.
    pub unmatched: Vec<String>,
    /// What the import did beyond the summary (the slides that show a PDF
    /// export's pages).
    pub info: Vec<String>,
    /// Things the user should know (pictures skipped, links without an
    /// address, paragraphs before the first slide heading).
    pub warnings: Vec<String>,
    /// Files written beside the deck (pictures), relative to its folder.
    pub files: Vec<String>,
}

/// Reads a file of at most `limit_bytes`.
///
/// # Errors
/// [`ImportError::Read`] or [`ImportError::TooLarge`].
pub fn read_limited(path: &Path, limit_bytes: u64) -> Result<Vec<u8>, ImportError> {
    let read_error = |source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let size_bytes = file.metadata().map_err(read_error)?.len();
    if size_bytes > limit_bytes {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            size_bytes,
            limit_bytes,
        });
    }
    let mut bytes = Vec::new();
    file.take(limit_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > limit_bytes {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            size_bytes: bytes.len() as u64,
            limit_bytes,
        });
    }
    Ok(bytes)
}

/// Reads a presenter's guide from `bytes` (a .docx if `kind` is
/// [`InputKind::Docx`], else UTF-8 text) and splits it into slides.
/// Touches no file; `path` only names the guide in messages.
///
/// # Errors
/// The package errors of a .docx, [`ImportError::NotUtf8`],
/// [`ImportError::EmptyGuide`], [`ImportError::NoSlideHeadings`].
pub fn read_guide(
    bytes: Vec<u8>,
    kind: InputKind,
    path: &Path,
) -> Result<guide::Guide, ImportError> {
    let text = if kind == InputKind::Docx {
        docx::read(bytes, path)?
    } else {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
            path: path.to_path_buf(),
            offset: e.valid_up_to(),
        })?;
        text_guide::parse(text)
    };
    guide::split(text, path)
}

/// `cuecard import INPUT [--into DECK] [-o OUT] [--force]`: reads `input`
/// by its extension, builds the deck, checks that it loads, and writes it
/// (and a .pptx's pictures) only when everything succeeded.
///
/// A `.pdf` input is not read here: `cuecard import` hands it to
/// [`crate::pdf::import_pdf`] (a deck of its pages), so this returns
/// [`ImportError::PdfInto`] with `--into` and [`ImportError::PdfNotAGuide`]
/// without.
///
/// # Errors
/// Any [`ImportError`]; nothing is written when one is returned.
pub fn run(input: &Path, options: &ImportOptions) -> Result<ImportOutcome, ImportError> {
    let kind = InputKind::of(input)?;
    if kind != InputKind::Pdf {
        let target = output_path(input, options);
        if !target
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
        {
            return Err(ImportError::NotRon { path: target });
        }
    }
    let mut info = Vec::new();
    let (deck, files, mut warnings, unmatched) = match kind {
        InputKind::Pdf if options.into.is_some() => {
            return Err(ImportError::PdfInto {
                path: input.to_path_buf(),
            });
        }
        InputKind::Pdf => {
            return Err(ImportError::PdfNotAGuide {
                path: input.to_path_buf(),
            });
        }
        InputKind::Pptx if options.into.is_some() => {
            return Err(ImportError::IntoNeedsGuide {
                path: input.to_path_buf(),
            });
        }
        InputKind::Pptx => {
            let bytes = read_limited(input, archive::MAX_FILE_BYTES)?;
            let imported = pptx::read(bytes, input)?;
            let media_folder = media_folder_name(&output_path(input, options));
            let mut warnings = imported.warnings.clone();
            let (mut deck, files) = imported.into_deck(&media_folder);
            match attach_pdf_export(&mut deck, input, &output_path(input, options)) {
                Ok(Some(said)) => info.push(said),
                Ok(None) => {}
                Err(why) => warnings.push(why),
            }
            (deck, files, warnings, Vec::new())
        }
        InputKind::Docx | InputKind::Text => {
            let limit = if kind == InputKind::Docx {
                archive::MAX_FILE_BYTES
            } else {
                MAX_TEXT_GUIDE_BYTES
            };
            let guide = read_guide(read_limited(input, limit)?, kind, input)?;
            let mut warnings = guide.warnings.clone();
            if !guide.preamble.is_empty() {
                warnings.push(format!(
                    "{} paragraphs before the first slide heading (the guide's introduction) are not notes of any slide",
                    guide.preamble.len()
                ));
            }
            if let Some(into) = &options.into {
                let loaded = deck::load(into).map_err(|e| ImportError::IntoDeck {
                    path: into.clone(),
                    first: e.first().map(ToString::to_string).unwrap_or_default(),
                })?;
                let mut deck = loaded.deck;
                let report = build::merge_into(&mut deck, &guide);
                (deck, Vec::new(), warnings, report.unmatched)
            } else {
                let stem = input.file_stem().map_or_else(
                    || "Imported training".to_owned(),
                    |s| s.to_string_lossy().into_owned(),
                );
                (
                    build::deck_from_guide(&guide, &stem),
                    Vec::new(),
                    warnings,
                    Vec::new(),
                )
            }
        }
    };
    let deck_path = output_path(input, options);
    let text = deck::to_ron(&deck).map_err(|e| ImportError::Invalid {
        path: input.to_path_buf(),
        detail: e.to_string(),
    })?;
    let header = format!(
        "// cuecard deck imported from {} by `cuecard import`; check it with `cuecard check`.\n",
        input
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    );
    let text = format!("{header}{text}\n");
    // The deck must load before it is written (pictures are checked once
    // they are there, by `cuecard check`).
    let loaded =
        deck::parse(text.as_bytes(), &deck_path, None).map_err(|e| ImportError::Invalid {
            path: input.to_path_buf(),
            detail: e.first().map(ToString::to_string).unwrap_or_default(),
        })?;
    warnings.extend(
        loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == deck::Severity::Warning)
            // The command prints "warning: " before each.
            .map(|d| {
                format!(
                    "{}:{}:{}: {}",
                    d.path.display(),
                    d.location.line,
                    d.location.column,
                    d.message
                )
            }),
    );
    let folder = deck_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    write::write_all(&folder, &deck_path, &text, &files, options.force)?;
    let (prompts, tips) = build::count_notes(&deck.slides);
    Ok(ImportOutcome {
        deck_path,
        summary: Summary {
            slides: deck.slides.len(),
            prompts,
            tips,
            unmatched: unmatched.len(),
        },
        deck,
        unmatched,
        info,
        warnings,
        files: files.into_iter().map(|f| f.relative).collect(),
    })
}

/// Where the deck goes: `-o`, else the `--into` deck, else the input with
/// the extension `.ron`.
pub fn output_path(input: &Path, options: &ImportOptions) -> PathBuf {
    options
        .output
        .clone()
        .or_else(|| options.into.clone())
        .unwrap_or_else(|| input.with_extension("ron"))
}

/// The pictures' folder beside a deck: `<deck stem>-media`.
pub fn media_folder_name(deck_path: &Path) -> String {
    let stem = deck_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    write::safe_file_name(&format!("{stem}-media"))
}

/// A PDF export of the `.pptx` at `pptx` beside it, with the same name
/// (`training.pdf` by `training.pptx`), gives the slides `PowerPoint`'s
/// exact look: the deck written to `deck_path` names the PDF, and each
/// slide shows its page, keeping its text as `content` that is not drawn
/// over the page (`draw_content: false`). Pages are matched one to one
/// with the slides, or with the slides that are not hidden (`PowerPoint`
/// leaves hidden slides out of a PDF by default). Returns what it did,
/// `None` when there is no PDF, or why the PDF is not used.
fn attach_pdf_export(
    deck: &mut Deck,
    pptx: &Path,
    deck_path: &Path,
) -> Result<Option<String>, String> {
    let pdf = pptx.with_extension("pdf");
    if !pdf.is_file() {
        return Ok(None);
    }
    let not_used = "so the slides show the PowerPoint text";
    let document = crate::pdf::PdfDocument::open(&pdf).map_err(|e| format!("{e}; {not_used}"))?;
    let folder = deck_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let Some(relative) = crate::pdf::import::name_in_folder(folder, &pdf) else {
        return Err(format!(
            "{} is beside the .pptx but not inside the deck's folder ({}), so the deck cannot name it; write the deck beside it, or the slides show the PowerPoint text",
            pdf.display(),
            folder.display()
        ));
    };
    let pages = document.page_count();
    let slides = deck.slides.len();
    let shown = deck.slides.iter().filter(|s| !s.hidden).count();
    let with_hidden = pages == slides;
    if !with_hidden && pages != shown {
        return Err(format!(
            "{} has {pages} pages, but the deck has {slides} slides ({shown} not hidden), so its pages cannot be matched to the slides; export the PDF again from this .pptx, {not_used}",
            pdf.display()
        ));
    }
    let mut next_page = 1u32;
    let mut mapped = 0;
    for slide in &mut deck.slides {
        if slide.hidden && !with_hidden {
            continue;
        }
        slide.page = Some(next_page);
        slide.draw_content = false;
        next_page += 1;
        mapped += 1;
    }
    deck.pdf = Some(relative.clone());
    Ok(Some(format!(
        "{mapped} slides show the pages of {relative}, PowerPoint's exact look{}; their text is kept for the guide, the handout and check",
        if with_hidden || mapped == slides {
            String::new()
        } else {
            format!(
                " ({} hidden slides are not in the PDF and show their text)",
                slides - mapped
            )
        }
    )))
}
