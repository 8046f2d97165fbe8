//! "Print guide…" and "Export handout…": the save dialog on a thread of its
//! own, the export on a worker thread, and the answer as a notice. The PDFs
//! themselves are made by [`crate::export`].
//!
//! The commands travel as the deck's other file commands do: the console
//! sends [`ShellCommand::Export`]; the dialog's thread answers with
//! [`ShellCommand::ExportTo`], [`ShellCommand::ExportDialogClosed`] or
//! [`ShellCommand::ExportDialogUnavailable`] (then the PDF goes to the
//! default path beside the deck); the worker answers with
//! [`ShellCommand::ExportDone`] or [`ShellCommand::ExportFailed`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::deck::LoadedDeck;
use crate::export::{
    GuideOptions, HandoutOptions, default_guide_path, default_handout_path, export_guide_with_ink,
    export_handout,
};
use crate::show::{ExportKind, ShellCommand};

use super::notices::{NoticeSource, Severity};
use super::open::DIALOG_NEVER_SHOWN;
use super::{CommandSender, PresenterApp};

/// How the shell asks where to save an exported PDF.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SaveDialog {
    /// The system's save dialog (rfd), waited for on a thread of its own.
    #[default]
    System,
    /// No dialog, as on a system that has none: the PDF goes to the default
    /// path beside the deck (tests, so that no window opens on the
    /// machine that runs them).
    Unavailable,
}

/// The export in progress: from the press, through the dialog, until the
/// worker answers.
#[derive(Debug, Clone)]
pub struct PendingExport {
    /// Which PDF.
    pub kind: ExportKind,
    /// The deck as it was when the button was pressed.
    deck: Arc<LoadedDeck>,
    /// Where it goes without a dialog: beside the deck.
    default_path: PathBuf,
    /// Whether the worker is writing it (the dialog has answered).
    writing: bool,
}

/// Why the console's export buttons are off, or `None` when they work:
/// a deck must have loaded from a file, so the PDF has a folder to go in.
pub fn export_unavailable(deck: Option<&LoadedDeck>) -> Option<&'static str> {
    match deck {
        None => Some(crate::ui::console::NO_DECK_TO_EXPORT),
        Some(deck) if deck.folder.is_none() => Some(
            "The built-in deck is not a file on this computer: open a deck file with Open deck… to print its guide or handout.",
        ),
        Some(_) => None,
    }
}

/// The file name, starting folder and title of the save dialog for `kind`.
fn dialog_for(kind: ExportKind, default_path: &Path) -> rfd::AsyncFileDialog {
    let title = match kind {
        ExportKind::Guide => "Save the presenter's guide",
        ExportKind::Handout => "Save the participants' handout",
    };
    let mut dialog = rfd::AsyncFileDialog::new()
        .set_title(title)
        .add_filter("PDF", &["pdf"]);
    if let Some(folder) = default_path.parent() {
        dialog = dialog.set_directory(folder);
    }
    if let Some(name) = default_path.file_name() {
        dialog = dialog.set_file_name(name.to_string_lossy());
    }
    dialog
}

/// `path` with `.pdf` added when its name does not end in it
/// (`guide` gives `guide.pdf`, `notes.txt` gives `notes.txt.pdf`).
pub fn with_pdf_extension(path: PathBuf) -> PathBuf {
    let is_pdf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if is_pdf {
        return path;
    }
    let mut name = path.into_os_string();
    name.push(".pdf");
    PathBuf::from(name)
}

/// `path`, or when a file is there, the first of `name (2).pdf`, `name
/// (3).pdf`, … that is not.
pub fn unused_name(path: &Path) -> PathBuf {
    if !path.exists() {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .map_or_else(|| "export".into(), |s| s.to_string_lossy().into_owned());
    let folder = path.parent().unwrap_or(Path::new("."));
    (2..1000)
        .map(|n| folder.join(format!("{stem} ({n}).pdf")))
        .find(|candidate| !candidate.exists())
        .unwrap_or_else(|| path.to_path_buf())
}

/// The console's message for a written PDF: "Presenter's guide saved:
/// /talks/module5-guide.pdf (15 pages)", and what printed as a
/// placeholder, if anything did.
pub fn saved_message(kind: ExportKind, path: &Path, pages: usize, not_shown: &[String]) -> String {
    let saved = format!(
        "{} saved: {} ({})",
        kind.name(),
        path.display(),
        crate::cli::plural(pages, "page")
    );
    match not_shown {
        [] => saved,
        [only] => format!("{saved}, with a problem: {only}"),
        [first, rest @ ..] => format!(
            "{saved}, with {} problems: {first}; and {} more (`cuecard export` on the command line lists them)",
            not_shown.len(),
            rest.len()
        ),
    }
}

/// Writes `kind` of `deck` to `out` on a worker thread; the answer comes
/// back on `sender`. Returns whether the thread started.
fn spawn_export(
    kind: ExportKind,
    deck: Arc<LoadedDeck>,
    (out, ink): (PathBuf, crate::show::pointing::Ink),
    sender: CommandSender,
) -> bool {
    std::thread::Builder::new()
        .name("cuecard-export".to_owned())
        .spawn(move || {
            let result = match kind {
                ExportKind::Guide => {
                    export_guide_with_ink(&deck, &out, GuideOptions::default(), &ink)
                }
                ExportKind::Handout => export_handout(&deck, &out, HandoutOptions::default()),
            };
            match result {
                Ok(done) => sender.send(ShellCommand::ExportDone {
                    kind,
                    path: done.path,
                    pages: done.pages,
                    not_shown: done.not_shown,
                }),
                Err(error) => sender.send(ShellCommand::ExportFailed {
                    kind,
                    message: error.to_string(),
                }),
            }
        })
        .is_ok()
}

impl PresenterApp {
    /// Asks where to save `kind` of the current deck (the save dialog, on a
    /// thread of its own). Does nothing while another export runs; says why
    /// when the deck has no file to save beside. Returns whether anything
    /// visible changed.
    pub(super) fn request_export(&mut self, kind: ExportKind) -> bool {
        if self.export.is_some() {
            return false;
        }
        let loaded = self.session.deck.as_ref().map(|d| Arc::clone(&d.loaded));
        if let Some(why) = export_unavailable(loaded.as_deref()) {
            self.notices
                .push(Severity::Warning, NoticeSource::Export, why);
            return true;
        }
        let Some(deck) = loaded else {
            return false;
        };
        let default_path = match kind {
            ExportKind::Guide => default_guide_path(&deck),
            ExportKind::Handout => default_handout_path(&deck),
        };
        let Some(default_path) = default_path else {
            return false;
        };
        let sender = self.bus.sender();
        let spawned = match self.save_dialog {
            SaveDialog::Unavailable => {
                sender.send(ShellCommand::ExportDialogUnavailable);
                true
            }
            SaveDialog::System => {
                // As "Open deck…": rfd runs the dialog where the platform
                // needs it; its future is waited for on a thread of its own.
                let future = dialog_for(kind, &default_path).save_file();
                std::thread::Builder::new()
                    .name("cuecard-save-dialog".to_owned())
                    .spawn(move || {
                        let asked = std::time::Instant::now();
                        match pollster::block_on(future) {
                            Some(file) => {
                                sender.send(ShellCommand::ExportTo(file.path().to_path_buf()));
                            }
                            // Nobody cancels a dialog in a quarter of a
                            // second: it never showed.
                            None if asked.elapsed() < DIALOG_NEVER_SHOWN => {
                                sender.send(ShellCommand::ExportDialogUnavailable);
                            }
                            None => sender.send(ShellCommand::ExportDialogClosed),
                        }
                    })
                    .is_ok()
            }
        };
        self.export = Some(PendingExport {
            kind,
            deck,
            default_path: default_path.clone(),
            writing: false,
        });
        if !spawned {
            // No thread for the dialog: save beside the deck all the same.
            self.start_export(default_path);
        }
        true
    }

    /// Starts writing the pending export to `out` (`.pdf` added when the
    /// name lacks it) on a worker thread. Returns whether anything visible
    /// changed.
    pub(super) fn start_export(&mut self, out: PathBuf) -> bool {
        let Some(pending) = self.export.as_mut() else {
            return false;
        };
        if pending.writing {
            return false;
        }
        pending.writing = true;
        let kind = pending.kind;
        let out = with_pdf_extension(out);
        // The ink as it is now, if the presenter asked for it in the guide.
        let ink = if kind == ExportKind::Guide && self.console.print_ink {
            self.session.ink.clone()
        } else {
            crate::show::pointing::Ink::new()
        };
        let deck = Arc::clone(&pending.deck);
        if !spawn_export(kind, deck, (out, ink), self.bus.sender()) {
            self.export = None;
            self.notices.push(
                Severity::Error,
                NoticeSource::Export,
                format!(
                    "{} was not saved: cuecard could not start writing it (the system is out of threads); close some programs and try again.",
                    kind.name()
                ),
            );
        }
        true
    }

    /// The save dialog was closed without a choice: nothing is exported.
    pub(super) fn export_dialog_closed(&mut self) -> bool {
        if self.export.as_ref().is_some_and(|p| !p.writing) {
            self.export = None;
            return true;
        }
        false
    }

    /// The save dialog had nothing to show: the PDF goes beside the deck,
    /// under a new name if one is there already (nobody was asked whether
    /// to replace it, and the trainer may have written in it).
    pub(super) fn export_without_dialog(&mut self) -> bool {
        let Some(out) = self.export.as_ref().map(|p| p.default_path.clone()) else {
            return false;
        };
        self.start_export(unused_name(&out))
    }

    /// The worker wrote `kind` to `path`: the console says where, and how
    /// many pages.
    pub(super) fn export_saved(
        &mut self,
        kind: ExportKind,
        path: &Path,
        pages: usize,
        not_shown: &[String],
    ) -> bool {
        self.export = None;
        let severity = if not_shown.is_empty() {
            Severity::Info
        } else {
            Severity::Warning
        };
        self.notices.push(
            severity,
            NoticeSource::Export,
            saved_message(kind, path, pages, not_shown),
        );
        true
    }

    /// The worker wrote nothing: the console says why (the message names
    /// the file and what to do).
    pub(super) fn export_failed(&mut self, kind: ExportKind, message: &str) -> bool {
        self.export = None;
        self.notices.push(
            Severity::Warning,
            NoticeSource::Export,
            format!("{} was not saved: {message}", kind.name()),
        );
        true
    }

    /// Which export is running (from the press until the worker answers).
    pub fn exporting(&self) -> Option<ExportKind> {
        self.export.as_ref().map(|p| p.kind)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn a_name_without_pdf_gets_it() {
        assert_eq!(
            with_pdf_extension(PathBuf::from("/t/guide")),
            PathBuf::from("/t/guide.pdf")
        );
        assert_eq!(
            with_pdf_extension(PathBuf::from("/t/module5.ron")),
            PathBuf::from("/t/module5.ron.pdf")
        );
        assert_eq!(
            with_pdf_extension(PathBuf::from("/t/Guide.PDF")),
            PathBuf::from("/t/Guide.PDF")
        );
    }

    #[test]
    fn without_a_dialog_an_existing_file_is_not_replaced() {
        let dir = std::env::temp_dir().join(format!("cuecard-unused-name-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let guide = dir.join("module5-guide.pdf");
        assert_eq!(unused_name(&guide), guide);
        std::fs::write(&guide, b"my notes").unwrap();
        assert_eq!(unused_name(&guide), dir.join("module5-guide (2).pdf"));
        std::fs::write(dir.join("module5-guide (2).pdf"), b"more").unwrap();
        assert_eq!(unused_name(&guide), dir.join("module5-guide (3).pdf"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_message_says_where_and_how_many_pages() {
        assert_eq!(
            saved_message(
                ExportKind::Guide,
                Path::new("/t/module5-guide.pdf"),
                15,
                &[]
            ),
            "Presenter's guide saved: /t/module5-guide.pdf (15 pages)"
        );
        assert_eq!(
            saved_message(ExportKind::Handout, Path::new("/t/h.pdf"), 1, &[]),
            "Participants' handout saved: /t/h.pdf (1 page)"
        );
        let missing = [
            "s.pdf is not there".to_owned(),
            "image a.png is not shown".to_owned(),
        ];
        assert_eq!(
            saved_message(ExportKind::Guide, Path::new("/t/g.pdf"), 2, &missing[..1]),
            "Presenter's guide saved: /t/g.pdf (2 pages), with a problem: s.pdf is not there"
        );
        assert_eq!(
            saved_message(ExportKind::Guide, Path::new("/t/g.pdf"), 2, &missing),
            "Presenter's guide saved: /t/g.pdf (2 pages), with 2 problems: s.pdf is not there; and 1 more (`cuecard export` on the command line lists them)"
        );
    }
}
