//! What happened in the room, UI-free: the session record, the parking
//! lot, resume after a crash, the report, and rehearsed timings.
//!
//! - [`Recorder`] watches a [`crate::show::Presentation`] (call
//!   [`Recorder::observe`] after commands are applied) and appends what
//!   changed to a session file in [`sessions_dir`]; the shell reports its
//!   own events ([`Recorder::reloaded`], [`Recorder::audience_closed`],
//!   [`Recorder::park`], [`Recorder::finish`]).
//! - [`find_resumable`] finds a session of the same deck that ended
//!   without a clean quit; [`Recorder::resume`] continues it.
//! - [`Report`] says where the time went; [`report_command`] is
//!   `cuecard report`.
//! - [`rehearse::rewrite_minutes`] writes rehearsed timings back into a
//!   deck file in place.
//!
//! The file format is JSON Lines ([`record::Line`]); see
//! `docs/sessions.md`. Nothing about participants is recorded.

mod cli;
mod journal;
pub mod record;
mod recorder;
pub mod rehearse;
mod report;
mod resume;

use std::path::{Path, PathBuf};

pub use cli::{ReportFormat, rehearse_command, report_command, run_rehearse, run_report};
pub use journal::{EXTENSION, SYNC_INTERVAL, SessionEntry, SessionFile, list};
pub use recorder::{Parked, Recorder};
pub use report::{
    BreakTaken, DiscussionRun, PromptCovered, Report, SlideTime, clock as report_clock,
    difference as report_difference, pdf, pdf::to_pdf,
};
pub use resume::{ResumeOffer, apply_resume, decline, find_resumable};

/// The folder name of session files inside cuecard's data folder.
pub const FOLDER: &str = "sessions";

/// Where session files live: `sessions` in `data_dir` (cuecard's data
/// folder, [`crate::settings::default_dir`]).
pub fn sessions_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(FOLDER)
}

/// What can go wrong with sessions. Each message names the file and says
/// what to do; none of them stops a presentation.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// Reading or writing a file failed.
    #[error("{}: cannot {action}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What cuecard was doing, e.g. "write the session".
        action: &'static str,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A file that is not a session file.
    #[error("{}: this is not a cuecard session file (its first line is not a session start); give a .jsonl file from {}", path.display(), FOLDER)]
    NotASession {
        /// The file.
        path: PathBuf,
    },
    /// There is no session to report on.
    #[error("{}: there are no sessions here yet; present a deck first, or give the session file's path", dir.display())]
    NoSessions {
        /// The sessions folder.
        dir: PathBuf,
    },
    /// The platform gives no data folder (no home folder).
    #[error(
        "cuecard has no data folder on this system (no home folder); give the session file's path"
    )]
    NoDataFolder,
    /// `--out` names a format cuecard does not write.
    #[error("{}: cannot tell the report's format from the name; end it in .md, .csv or .pdf (or .txt)", path.display())]
    UnknownFormat {
        /// The path given.
        path: PathBuf,
    },
    /// Making the PDF failed.
    #[error("{}: cannot make the PDF: {detail}", path.display())]
    Pdf {
        /// The file it was for.
        path: PathBuf,
        /// What failed.
        detail: String,
    },
    /// The deck's text is not as expected where `minutes` is to be written.
    #[error("{}:{line}:{column}: cannot write the rehearsed minutes here: {detail}; edit this slide's `minutes` by hand (nothing was changed)", path.display())]
    Rehearse {
        /// The deck file.
        path: PathBuf,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What is unexpected.
        detail: String,
    },
    /// `cuecard rehearse` found no session of the deck to take timings from.
    #[error("{}: no rehearsal of this deck was recorded in {}; present it with `cuecard rehearse DECK` and quit at the end (Ctrl+Q), or give the session with --from", deck.display(), dir.display())]
    NoRehearsal {
        /// The deck file.
        deck: PathBuf,
        /// The sessions folder.
        dir: PathBuf,
    },
    /// The deck file changed while the rehearsed minutes were prepared.
    #[error("{}: the deck changed on disk since the rehearsed minutes were worked out; rehearse again or edit the minutes by hand (nothing was changed)", path.display())]
    DeckChanged {
        /// The deck file.
        path: PathBuf,
    },
}

impl SessionError {
    fn io(path: &Path, action: &'static str, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }
}

/// How session files name a deck, to find the sessions of the same deck:
/// the deck file's absolute path, or the built-in deck's name when it has
/// no folder.
pub fn deck_key(loaded: &crate::deck::LoadedDeck) -> String {
    if loaded.folder.is_none() {
        return loaded.path.display().to_string();
    }
    path_key(&loaded.path)
}

/// The key of the deck file at `path`: its full path on disk.
pub(crate) fn path_key(path: &Path) -> String {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// A file-name-safe short form of the deck's file name, e.g. `module5`.
fn file_stem(loaded: &crate::deck::LoadedDeck) -> String {
    let name = loaded
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.split_whitespace().next().unwrap_or_default();
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    if safe.is_empty() {
        "deck".to_owned()
    } else {
        safe
    }
}
