//! `cuecard report [SESSION] [--out FILE]`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::journal::{SessionFile, list};
use super::{Report, SessionError, sessions_dir};

/// The formats `--out` writes, chosen by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// `.txt`: the summary as printed.
    Text,
    /// `.md`: Markdown with tables.
    Markdown,
    /// `.csv`: one row per slide, discussion, prompt, break, parked question.
    Csv,
    /// `.pdf`: with a bar chart of time per slide against the plan.
    Pdf,
}

impl ReportFormat {
    /// The format for `path`'s extension (case-insensitive).
    ///
    /// # Errors
    /// [`SessionError::UnknownFormat`] for another extension.
    pub fn of(path: &Path) -> Result<Self, SessionError> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "txt" => Ok(Self::Text),
            "md" | "markdown" => Ok(Self::Markdown),
            "csv" => Ok(Self::Csv),
            "pdf" => Ok(Self::Pdf),
            _ => Err(SessionError::UnknownFormat {
                path: path.to_path_buf(),
            }),
        }
    }
}

/// Runs `cuecard report`: reads `session` (a path, or a file name in the
/// sessions folder; the latest session when `None`) from `data_dir`'s
/// sessions folder, writes the report to `out` if given (atomically, the
/// format from its extension), and returns the summary to print.
///
/// # Errors
/// [`SessionError::NoSessions`] when there is none, the errors of reading
/// the session, [`SessionError::UnknownFormat`] for `out`'s extension,
/// [`SessionError::Pdf`], and [`SessionError::Io`] for writing `out`.
pub fn report_command(
    session: Option<&Path>,
    out: Option<&Path>,
    data_dir: Option<&Path>,
) -> Result<String, SessionError> {
    // Check the output's format before any work.
    let format = out.map(ReportFormat::of).transpose()?;
    let path = find_session(session, data_dir)?;
    let file = SessionFile::load(&path)?;
    let report = Report::from_lines(&file.lines, None, file.skipped_lines);
    let mut summary = format!("{}\n{}", path.display(), report.to_text());
    if let (Some(out), Some(format)) = (out, format) {
        let bytes = match format {
            ReportFormat::Text => report.to_text().into_bytes(),
            ReportFormat::Markdown => report.to_markdown().into_bytes(),
            ReportFormat::Csv => report.to_csv().into_bytes(),
            ReportFormat::Pdf => super::to_pdf(&report).map_err(|detail| SessionError::Pdf {
                path: out.to_path_buf(),
                detail,
            })?,
        };
        crate::settings::write_atomically(out, &bytes)
            .map_err(|e| SessionError::io(out, "write the report", e))?;
        let _ = writeln!(summary, "\nWrote {}", out.display());
    }
    Ok(summary)
}

fn find_session(session: Option<&Path>, data_dir: Option<&Path>) -> Result<PathBuf, SessionError> {
    let dir = data_dir.map(sessions_dir);
    match (session, &dir) {
        (Some(path), Some(dir)) if !path.exists() && dir.join(path).exists() => Ok(dir.join(path)),
        (Some(path), _) => Ok(path.to_path_buf()),
        (None, Some(dir)) => list(dir)?
            .pop()
            .map(|entry| entry.path)
            .ok_or_else(|| SessionError::NoSessions { dir: dir.clone() }),
        (None, None) => Err(SessionError::NoDataFolder),
    }
}

/// `cuecard report` as the command line runs it: the summary on stdout,
/// an error on stderr. Returns the exit code (0, or
/// [`crate::cli::EXIT_ERRORS`]).
pub fn run_report(session: Option<&Path>, out: Option<&Path>) -> u8 {
    let data_dir = crate::settings::default_dir();
    match report_command(session, out, data_dir.as_deref()) {
        Ok(summary) => {
            print!("{summary}");
            crate::cli::EXIT_OK
        }
        Err(error) => {
            eprintln!("cuecard report: error: {error}");
            crate::cli::EXIT_ERRORS
        }
    }
}

/// Works out the rehearsed minutes of `deck` from a session: `session`
/// when given (as for `cuecard report`), else the latest session of this
/// deck in `data_dir` that started at or after `since_unix_ms` (the
/// rehearsal just presented). Nothing is written. Returns the rewrite and
/// the session it came from.
///
/// # Errors
/// [`SessionError::NoRehearsal`] when there is no such session, the errors
/// of reading it, and those of [`super::rehearse::rehearse_file`].
pub fn rehearse_command(
    deck: &Path,
    session: Option<&Path>,
    data_dir: Option<&Path>,
    since_unix_ms: i64,
) -> Result<(super::rehearse::Rewrite, PathBuf), SessionError> {
    let path = if session.is_some() {
        find_session(session, data_dir)?
    } else {
        let dir = data_dir
            .map(sessions_dir)
            .ok_or(SessionError::NoDataFolder)?;
        let key = super::path_key(deck);
        list(&dir)?
            .into_iter()
            .rfind(|e| e.deck == key && e.started_unix_ms >= since_unix_ms)
            .map(|e| e.path)
            .ok_or_else(|| SessionError::NoRehearsal {
                deck: deck.to_path_buf(),
                dir,
            })?
    };
    let file = SessionFile::load(&path)?;
    let report = Report::from_lines(&file.lines, None, file.skipped_lines);
    let rewrite = super::rehearse::rehearse_file(deck, &report.slide_secs())?;
    Ok((rewrite, path))
}

/// `cuecard rehearse` once the deck has been presented (or with
/// `--from`): prints the change as a diff, then writes it with `yes`, or
/// when `confirm` says so (the terminal's answer), else says how to.
/// Returns the exit code.
pub fn run_rehearse(
    deck: &Path,
    session: Option<&Path>,
    since_unix_ms: i64,
    yes: bool,
    confirm: &mut dyn FnMut() -> bool,
) -> u8 {
    let data_dir = crate::settings::default_dir();
    let (rewrite, from) = match rehearse_command(deck, session, data_dir.as_deref(), since_unix_ms)
    {
        Ok(found) => found,
        Err(error) => {
            eprintln!("cuecard rehearse: error: {error}");
            return crate::cli::EXIT_ERRORS;
        }
    };
    if !rewrite.kept.is_empty() {
        println!(
            "Kept the planned minutes of {} (shown under {} s or not at all): {}",
            crate::cli::plural(rewrite.kept.len(), "slide"),
            super::rehearse::MIN_REHEARSED_SECS,
            rewrite.kept.join(", ")
        );
    }
    let diff = rewrite.diff();
    if diff.is_empty() {
        println!(
            "Nothing to change: {} already plans these minutes.",
            deck.display()
        );
        return crate::cli::EXIT_OK;
    }
    print!("{diff}");
    println!(
        "The minutes of {} in {} would change.",
        crate::cli::plural(rewrite.changes.len(), "slide"),
        deck.display()
    );
    if !(yes || confirm()) {
        println!(
            "Nothing was written. To keep these timings: cuecard rehearse {} --from {} --yes",
            deck.display(),
            from.display()
        );
        return crate::cli::EXIT_OK;
    }
    match rewrite.write() {
        Ok(()) => {
            println!(
                "Wrote the rehearsed minutes into {}; comments and layout are as they were.",
                deck.display()
            );
            crate::cli::EXIT_OK
        }
        Err(error) => {
            eprintln!("cuecard rehearse: error: {error}");
            crate::cli::EXIT_ERRORS
        }
    }
}
