//! Print and share: the presenter's guide and the participants' handout as
//! accessible PDFs (`cuecard export`). UI-free: safe to call off the UI
//! thread; nothing here knows about windows.
//!
//! - [`export_guide`]: per slide, the slide as the room sees it, its number,
//!   title, planned minutes and running clock, the content note, and the
//!   speaker notes by kind (script, tips, questions for the room with their
//!   ideas, quotations, slide text), links with their addresses and QR
//!   codes; a cover page with the plan and a table of slides.
//! - [`export_handout`]: the slides the room sees (hidden ones left out), 1,
//!   2, 3 or 6 to a page, lines for notes at 3 to a page, links clickable,
//!   no speaker notes.
//!
//! Both are tagged PDFs (PDF/UA-1 as checked by krilla's validator:
//! headings, reading order, lists, tables, figures with the deck's alt
//! text, document title and language) with Atkinson Hyperlegible embedded.
//! Files are written to a temporary file beside the target and renamed,
//! so a failed export never leaves half a PDF. See `docs/export.md`.

mod art;
mod blocks;
pub mod command;
mod doc;
mod draw;
mod fonts;
mod guide;
mod handout;
mod notes;
mod page;
mod picture;
mod slide;
mod weblinks;

use std::path::{Path, PathBuf};

use crate::deck::LoadedDeck;

pub use art::{SlideArt, slide_art};
pub use fonts::FaceKind;
pub use picture::{MAX_PICTURE_WIDTH_PX, PictureError, slide_png};

/// Paper sizes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Paper {
    /// US Letter, 8.5 x 11 inches (the default).
    #[default]
    Letter,
    /// ISO A4, 210 x 297 mm.
    A4,
}

impl Paper {
    /// Width and height in points (1/72 inch), portrait.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::Letter => (612.0, 792.0),
            Paper::A4 => (595.28, 841.89),
        }
    }
}

/// Slides on one handout page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PerPage {
    /// One large slide a page.
    One,
    /// Two slides a page, one above the other.
    Two,
    /// Three slides a page, each with lines for notes beside it (the
    /// default, as `PowerPoint`'s handouts).
    #[default]
    Three,
    /// Six slides a page, in two columns.
    Six,
}

impl PerPage {
    /// The number of slides on a page.
    pub fn count(self) -> usize {
        match self {
            PerPage::One => 1,
            PerPage::Two => 2,
            PerPage::Three => 3,
            PerPage::Six => 6,
        }
    }

    /// The layout for `count` slides a page; `None` unless 1, 2, 3 or 6.
    pub fn from_count(count: usize) -> Option<Self> {
        match count {
            1 => Some(PerPage::One),
            2 => Some(PerPage::Two),
            3 => Some(PerPage::Three),
            6 => Some(PerPage::Six),
            _ => None,
        }
    }
}

/// Options of the presenter's guide.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GuideOptions {
    /// The paper size.
    pub paper: Paper,
}

/// Options of the participants' handout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HandoutOptions {
    /// The paper size.
    pub paper: Paper,
    /// Slides on a page.
    pub per_page: PerPage,
}

/// A PDF that was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// Where it went.
    pub path: PathBuf,
    /// Its number of pages.
    pub pages: usize,
    /// Its size in bytes.
    pub bytes: usize,
    /// What did not print as it should, and why (each names the file):
    /// images and PDF pages printed as placeholders, characters the font
    /// lacks printed as `?`; for the presenter to fix before printing.
    pub not_shown: Vec<String>,
}

/// Most characters named in the warning about characters the font lacks.
const MAX_MISSING_NAMED: usize = 12;

/// What printed as a placeholder: images and pages that could not be
/// shown, and characters the print font lacks (printed as `?`).
pub(crate) fn not_shown(images: &art::Images, faces: &fonts::Faces) -> Vec<String> {
    let mut out = images.problems();
    let missing = faces.missing();
    if !missing.is_empty() {
        let named: Vec<String> = missing
            .iter()
            .take(MAX_MISSING_NAMED)
            .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
            .collect();
        let more = missing.len().saturating_sub(MAX_MISSING_NAMED);
        let (count, verb) = match missing.len() {
            1 => ("1 character".to_owned(), "prints"),
            n => (format!("{n} characters"), "print"),
        };
        out.push(format!(
            "{count} {verb} as ? because the print font (Atkinson Hyperlegible, Latin letters) lacks them: {}{}; write them in Latin letters or show them in an image",
            named.join(", "),
            if more > 0 { format!(" and {more} more") } else { String::new() }
        ));
    }
    out
}

/// A laid-out PDF, before it is written.
pub(crate) struct Laid {
    pub(crate) bytes: Vec<u8>,
    pub(crate) pages: usize,
    pub(crate) not_shown: Vec<String>,
}

/// Why an export failed. Each message names the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A bundled font does not load (a broken build).
    #[error(
        "the bundled font {name} does not load; this copy of cuecard is damaged (reinstall it)"
    )]
    Font {
        /// The font file's name in `assets/fonts/`.
        name: String,
    },
    /// The PDF writer refused the document (an accessibility check failed,
    /// or an image could not be embedded).
    #[error("cannot make the PDF: {0}; please report this with the deck")]
    Pdf(String),
    /// The output's name does not end in `.pdf`.
    #[error("{}: give a file name ending in .pdf (nothing was written)", path.display())]
    NotPdf {
        /// The refused path.
        path: PathBuf,
    },
    /// The output would replace the deck itself.
    #[error("{}: this is the deck itself; choose another name for the PDF (nothing was written)", path.display())]
    OverDeck {
        /// The refused path.
        path: PathBuf,
    },
    /// The output would replace a file the deck shows from (its PDF, an
    /// image).
    #[error("{}: this is the deck's {what}; choose another name for the PDF (nothing was written)", path.display())]
    OverDeckFile {
        /// The refused path.
        path: PathBuf,
        /// What the file is to the deck ("PDF of slides", "image").
        what: &'static str,
    },
    /// Every slide is hidden, so a handout would be empty.
    #[error("{}: every slide is hidden; a handout shows only the slides the room sees (nothing was written)", deck.display())]
    NothingToHand {
        /// The deck.
        deck: PathBuf,
    },
    /// The file could not be written.
    #[error("{}: cannot write the PDF: {source} (check that the folder exists and is writable; nothing was written)", path.display())]
    Write {
        /// Where the PDF was to go.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// The presenter's guide of `deck` as PDF bytes, and its page count.
///
/// # Errors
/// [`ExportError::Font`] or [`ExportError::Pdf`].
pub fn guide_pdf(
    deck: &LoadedDeck,
    options: GuideOptions,
) -> Result<(Vec<u8>, usize), ExportError> {
    guide::guide(deck, options, &crate::show::pointing::Ink::new())
        .map(|laid| (laid.bytes, laid.pages))
}

/// The presenter's guide of `deck` with `ink` over its slides, as PDF
/// bytes, and its page count.
///
/// # Errors
/// As [`guide_pdf`].
pub fn guide_pdf_with_ink(
    deck: &LoadedDeck,
    options: GuideOptions,
    ink: &crate::show::pointing::Ink,
) -> Result<(Vec<u8>, usize), ExportError> {
    guide::guide(deck, options, ink).map(|laid| (laid.bytes, laid.pages))
}

/// The participants' handout of `deck` as PDF bytes, and its page count.
///
/// # Errors
/// [`ExportError::NothingToHand`] when every slide is hidden;
/// [`ExportError::Font`] or [`ExportError::Pdf`].
pub fn handout_pdf(
    deck: &LoadedDeck,
    options: HandoutOptions,
) -> Result<(Vec<u8>, usize), ExportError> {
    handout::handout(deck, options).map(|laid| (laid.bytes, laid.pages))
}

/// Writes the presenter's guide of `deck` to `out` (a `.pdf` path). Safe to
/// call off the UI thread; takes about as long as reading the deck's images.
///
/// # Errors
/// As [`guide_pdf`], plus [`ExportError::NotPdf`], [`ExportError::OverDeck`]
/// and [`ExportError::Write`]; on any error nothing is written.
pub fn export_guide(
    deck: &LoadedDeck,
    out: &Path,
    options: GuideOptions,
) -> Result<Exported, ExportError> {
    export_guide_with_ink(deck, out, options, &crate::show::pointing::Ink::new())
}

/// As [`export_guide`], with the presenter's `ink` drawn over the slides
/// it was drawn on (the console's "Print guide…" with "with this
/// session's ink" ticked).
///
/// # Errors
/// As [`export_guide`].
pub fn export_guide_with_ink(
    deck: &LoadedDeck,
    out: &Path,
    options: GuideOptions,
    ink: &crate::show::pointing::Ink,
) -> Result<Exported, ExportError> {
    check_target(deck, out)?;
    let laid = guide::guide(deck, options, ink)?;
    write_atomically(out, &laid.bytes)?;
    Ok(Exported {
        path: out.to_path_buf(),
        pages: laid.pages,
        bytes: laid.bytes.len(),
        not_shown: laid.not_shown,
    })
}

/// Writes the participants' handout of `deck` to `out` (a `.pdf` path).
/// Safe to call off the UI thread.
///
/// # Errors
/// As [`handout_pdf`], plus [`ExportError::NotPdf`],
/// [`ExportError::OverDeck`] and [`ExportError::Write`]; on any error
/// nothing is written.
pub fn export_handout(
    deck: &LoadedDeck,
    out: &Path,
    options: HandoutOptions,
) -> Result<Exported, ExportError> {
    check_target(deck, out)?;
    let laid = handout::handout(deck, options)?;
    write_atomically(out, &laid.bytes)?;
    Ok(Exported {
        path: out.to_path_buf(),
        pages: laid.pages,
        bytes: laid.bytes.len(),
        not_shown: laid.not_shown,
    })
}

/// Where the console saves the guide: beside the deck, named after it
/// (`module5.ron` gives `module5-guide.pdf`); `None` for a deck without a
/// folder (the built-in one), for which the console's buttons are off.
pub fn default_guide_path(deck: &LoadedDeck) -> Option<PathBuf> {
    beside(deck, "guide")
}

/// Where the console saves the handout: `module5.ron` gives
/// `module5-handout.pdf` beside it; `None` for a deck without a folder.
pub fn default_handout_path(deck: &LoadedDeck) -> Option<PathBuf> {
    beside(deck, "handout")
}

fn beside(deck: &LoadedDeck, what: &str) -> Option<PathBuf> {
    let folder = deck.folder.as_ref()?;
    let stem = deck.path.file_stem()?.to_string_lossy();
    Some(folder.join(format!("{stem}-{what}.pdf")))
}

/// Whether `out` may be written for `deck`: a `.pdf` name that is neither
/// the deck nor one of its files (its PDF, images, logo). The exports
/// check this themselves; call it to check several outputs before
/// writing any.
///
/// # Errors
/// [`ExportError::NotPdf`], [`ExportError::OverDeck`] or
/// [`ExportError::OverDeckFile`].
pub fn check_target(deck: &LoadedDeck, out: &Path) -> Result<(), ExportError> {
    let is_pdf = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if !is_pdf {
        return Err(ExportError::NotPdf {
            path: out.to_path_buf(),
        });
    }
    let Ok(target) = out.canonicalize() else {
        // Not there yet: it is none of the deck's files.
        return Ok(());
    };
    let same = |path: &Path| path.canonicalize().is_ok_and(|p| p == target);
    if same(&deck.path) {
        return Err(ExportError::OverDeck {
            path: out.to_path_buf(),
        });
    }
    if let Some((_, what)) = files_of(deck).into_iter().find(|(f, _)| same(f)) {
        return Err(ExportError::OverDeckFile {
            path: out.to_path_buf(),
            what,
        });
    }
    Ok(())
}

/// The files the deck shows from (its PDF, images, logo, local copies of
/// links), where they are on disk, and what each is to the deck.
fn files_of(deck: &LoadedDeck) -> Vec<(PathBuf, &'static str)> {
    let Some(folder) = deck.folder.as_deref() else {
        return Vec::new();
    };
    let d = &deck.deck;
    let slides = d.slides.iter();
    let named = d
        .pdf
        .iter()
        .map(|p| (p, "PDF of slides"))
        .chain(d.logo.iter().map(|p| (p, "logo")))
        .chain(slides.clone().flat_map(|s| {
            s.content.iter().filter_map(|b| match b {
                crate::deck::Block::Image { path, .. } => Some((path, "image")),
                _ => None,
            })
        }))
        .chain(slides.flat_map(|s| {
            s.links
                .iter()
                .filter_map(|l| l.local.as_ref().map(|p| (p, "local copy of a link")))
        }));
    named
        .filter_map(|(name, what)| {
            crate::deck::policy::resolve_inside(folder, name)
                .ok()
                .flatten()
                .map(|path| (path, what))
        })
        .collect()
}

/// Writes `bytes` to a temporary file beside `out`, then renames it over
/// `out`, so readers see the old file or the whole new one.
fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    use std::io::Write as _;
    let error = |source| ExportError::Write {
        path: out.to_path_buf(),
        source,
    };
    let name = out
        .file_name()
        .map_or_else(|| "export.pdf".into(), |n| n.to_string_lossy().into_owned());
    let folder = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, out)
    })();
    if let Err(source) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(error(source));
    }
    Ok(())
}

/// Formats `minutes` as a clock, `H:MM` (`0:12`), with seconds when they
/// are not whole (`0:02:30`).
pub fn clock(minutes: f64) -> String {
    let total_secs = (minutes.max(0.0) * 60.0).round() as u64;
    let (h, m, s) = (total_secs / 3600, total_secs / 60 % 60, total_secs % 60);
    if s == 0 {
        format!("{h}:{m:02}")
    } else {
        format!("{h}:{m:02}:{s:02}")
    }
}

/// Formats a number of minutes without a needless `.0` (`12`, `1.5`).
pub fn minutes_text(minutes: f64) -> String {
    if minutes.fract() == 0.0 {
        format!("{minutes:.0}")
    } else {
        let text = format!("{minutes:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    #[test]
    fn clock_reads_like_the_console() {
        assert_eq!(clock(0.0), "0:00");
        assert_eq!(clock(12.0), "0:12");
        assert_eq!(clock(61.0), "1:01");
        assert_eq!(clock(2.5), "0:02:30");
        assert_eq!(minutes_text(1.5), "1.5");
        assert_eq!(minutes_text(12.0), "12");
    }

    #[test]
    fn refuses_non_pdf_names_and_the_deck_itself() {
        let dir = std::env::temp_dir().join(format!("cuecard-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let deck_path = dir.join("talk.ron");
        std::fs::write(&deck_path, crate::MODULE5_RON).unwrap();
        let deck = crate::deck::load(&deck_path).unwrap();
        let error = export_guide(&deck, &deck_path, GuideOptions::default()).unwrap_err();
        assert!(matches!(error, ExportError::NotPdf { .. }), "{error}");
        assert_eq!(
            std::fs::read_to_string(&deck_path).unwrap(),
            crate::MODULE5_RON
        );
        assert_eq!(
            default_guide_path(&deck).unwrap().file_name().unwrap(),
            "talk-guide.pdf"
        );
        let missing = dir.join("no-such-folder").join("guide.pdf");
        let error = export_guide(&deck, &missing, GuideOptions::default()).unwrap_err();
        assert!(error.to_string().contains("no-such-folder"), "{error}");
        assert!(!missing.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
