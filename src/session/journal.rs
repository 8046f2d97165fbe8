//! The session file on disk: created once, appended to line by line, made
//! durable at most once a second, and read back tolerating a torn last
//! line.
//!
//! Each [`Line`] goes to the operating system in one `write` as soon as it
//! happens, so killing cuecard (`kill -9`) loses nothing already written. A
//! background thread calls `fsync` when there is something new, at most
//! once a second, so a power cut loses at most about the last second.

use std::fs::{File, OpenOptions};
use std::io::{BufRead as _, Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use super::SessionError;
use super::record::{Event, Line};

/// The extension of session files.
pub const EXTENSION: &str = "jsonl";

/// Longest time between a line being written and it being flushed to disk.
pub const SYNC_INTERVAL: Duration = Duration::from_secs(1);

/// A session file read back.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its lines that parsed, in order; the first is an [`Event::Start`].
    pub lines: Vec<Line>,
    /// Lines that did not parse and were skipped (a line torn by a crash).
    pub skipped_lines: usize,
}

impl SessionFile {
    /// Reads the session file at `path`. A line that does not parse (a
    /// crash tore it) is skipped and counted, never an error.
    ///
    /// # Errors
    /// [`SessionError::Io`] when the file cannot be read,
    /// [`SessionError::NotASession`] when its first good line is not a
    /// session start.
    pub fn load(path: &Path) -> Result<Self, SessionError> {
        let bytes =
            std::fs::read(path).map_err(|e| SessionError::io(path, "read the session", e))?;
        let text = String::from_utf8_lossy(&bytes);
        let mut lines = Vec::new();
        let mut skipped_lines = 0;
        for raw in text.split('\n') {
            if raw.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Line>(raw) {
                Ok(line) => lines.push(line),
                Err(_) => skipped_lines += 1,
            }
        }
        if !matches!(
            lines.first(),
            Some(Line {
                event: Event::Start { .. },
                ..
            })
        ) {
            return Err(SessionError::NotASession {
                path: path.to_path_buf(),
            });
        }
        Ok(Self {
            path: path.to_path_buf(),
            lines,
            skipped_lines,
        })
    }

    /// Whether the session ended (quit, or abandoned when not resumed).
    pub fn ended(&self) -> bool {
        self.lines
            .iter()
            .any(|l| matches!(l.event, Event::Ended { .. }))
    }
}

/// The deck key and start time of a session file, from its first line
/// only (cheap, for listing).
pub fn peek_start(path: &Path) -> Option<(String, i64)> {
    let file = File::open(path).ok()?;
    // A start line holds the deck's plan: rarely over a few KiB; a longer
    // first line is not read whole.
    let mut first = String::new();
    std::io::BufReader::new(file.take(4 * 1024 * 1024))
        .read_line(&mut first)
        .ok()?;
    match serde_json::from_str::<Line>(first.trim_end()).ok()?.event {
        Event::Start {
            deck,
            started_unix_ms,
            ..
        } => Some((deck, started_unix_ms)),
        _ => None,
    }
}

/// A session file found in the sessions folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionEntry {
    /// The file.
    pub path: PathBuf,
    /// Its deck (see [`super::deck_key`]).
    pub deck: String,
    /// When it started, in milliseconds since 1970 (UTC).
    pub started_unix_ms: i64,
}

/// Session files in `dir`, oldest first (by the start time in their first
/// line; files that are not sessions are left out). A missing folder gives
/// an empty list.
///
/// # Errors
/// [`SessionError::Io`] when the folder exists but cannot be listed.
pub fn list(dir: &Path) -> Result<Vec<SessionEntry>, SessionError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(SessionError::io(dir, "list the sessions folder", e)),
    };
    let mut found: Vec<SessionEntry> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == EXTENSION))
        .filter_map(|path| {
            peek_start(&path).map(|(deck, started_unix_ms)| SessionEntry {
                path,
                deck,
                started_unix_ms,
            })
        })
        .collect();
    found.sort_by(|a, b| {
        a.started_unix_ms
            .cmp(&b.started_unix_ms)
            // Started in the same millisecond: `x-STAMP.jsonl` came before
            // `x-STAMP-2.jsonl`, which comes before `x-STAMP-10.jsonl`
            // (by name alone "-2" would sort before ".").
            .then_with(|| a.path.as_os_str().len().cmp(&b.path.as_os_str().len()))
            .then_with(|| a.path.cmp(&b.path))
    });
    Ok(found)
}

#[derive(Debug, Default)]
struct SyncState {
    dirty: bool,
    stop: bool,
    error: Option<String>,
}

type Shared = Arc<(Mutex<SyncState>, Condvar)>;

/// An open session file that lines are appended to.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: Arc<File>,
    shared: Shared,
    syncer: Option<JoinHandle<()>>,
}

impl Journal {
    /// Creates a new session file in `dir` named `{stem}-{stamp}.jsonl`
    /// (with `-2`, `-3`, ... if taken), creating the folder.
    ///
    /// # Errors
    /// [`SessionError::Io`] when the folder or file cannot be created.
    pub fn create(dir: &Path, stem: &str, stamp: &str) -> Result<Self, SessionError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| SessionError::io(dir, "create the sessions folder", e))?;
        for n in 1..1000 {
            let name = if n == 1 {
                format!("{stem}-{stamp}.{EXTENSION}")
            } else {
                format!("{stem}-{stamp}-{n}.{EXTENSION}")
            };
            let path = dir.join(name);
            match OpenOptions::new().append(true).create_new(true).open(&path) {
                Ok(file) => {
                    // Make the new name itself durable.
                    sync_folder(dir);
                    return Ok(Self::with_file(path, file));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(SessionError::io(&path, "create the session file", e)),
            }
        }
        Err(SessionError::io(
            dir,
            "create the session file",
            std::io::Error::other("too many sessions with the same name and start time"),
        ))
    }

    /// Opens an existing session file to append to (a resumed session).
    /// A last line torn by the crash is ended with a newline first, so the
    /// new lines start on a line of their own.
    ///
    /// # Errors
    /// [`SessionError::Io`] when the file cannot be opened or written.
    pub fn reopen(path: &Path) -> Result<Self, SessionError> {
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .open(path)
            .map_err(|e| SessionError::io(path, "open the session to resume it", e))?;
        let length = file
            .metadata()
            .map_err(|e| SessionError::io(path, "read the session", e))?
            .len();
        if length > 0 {
            let mut last = [0u8; 1];
            file.seek(SeekFrom::End(-1))
                .and_then(|_| file.read_exact(&mut last))
                .map_err(|e| SessionError::io(path, "read the session", e))?;
            if last != *b"\n" {
                file.write_all(b"\n")
                    .map_err(|e| SessionError::io(path, "write the session", e))?;
            }
        }
        Ok(Self::with_file(path.to_path_buf(), file))
    }

    fn with_file(path: PathBuf, file: File) -> Self {
        let file = Arc::new(file);
        let shared: Shared = Arc::default();
        let syncer = {
            let file = Arc::clone(&file);
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name("cuecard-session-sync".to_owned())
                .spawn(move || sync_loop(&file, &shared))
                .ok()
        };
        Self {
            path,
            file,
            shared,
            syncer,
        }
    }

    /// Where the session file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `line` in one write; it is flushed to disk within
    /// [`SYNC_INTERVAL`].
    ///
    /// # Errors
    /// [`SessionError::Io`] when the write fails (disk full, removed
    /// drive).
    pub fn append(&self, line: &Line) -> Result<(), SessionError> {
        let mut text = serde_json::to_string(line).map_err(|e| {
            SessionError::io(&self.path, "write the session", std::io::Error::other(e))
        })?;
        text.push('\n');
        (&*self.file)
            .write_all(text.as_bytes())
            .map_err(|e| SessionError::io(&self.path, "write the session", e))?;
        let (lock, wake) = &*self.shared;
        let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
        state.dirty = true;
        wake.notify_one();
        Ok(())
    }

    /// The last error of the background flush to disk, if any (taken).
    pub fn take_sync_error(&self) -> Option<String> {
        let (lock, _) = &*self.shared;
        lock.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .error
            .take()
    }

    /// Flushes everything to disk now and stops the background flushing.
    ///
    /// # Errors
    /// [`SessionError::Io`] when the flush fails.
    pub fn close(mut self) -> Result<(), SessionError> {
        self.stop();
        self.file
            .sync_all()
            .map_err(|e| SessionError::io(&self.path, "flush the session to disk", e))
    }

    fn stop(&mut self) {
        {
            let (lock, wake) = &*self.shared;
            let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
            state.stop = true;
            wake.notify_one();
        }
        if let Some(handle) = self.syncer.take() {
            let _ = handle.join();
        }
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The background flush: wait for something new, `fsync`, then wait at
/// least [`SYNC_INTERVAL`] before the next one.
fn sync_loop(file: &File, shared: &Shared) {
    let (lock, wake) = &**shared;
    loop {
        {
            let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
            while !state.dirty && !state.stop {
                state = wake.wait(state).unwrap_or_else(PoisonError::into_inner);
            }
            if state.stop && !state.dirty {
                return;
            }
            state.dirty = false;
        }
        if let Err(error) = file.sync_data() {
            let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
            state.error = Some(error.to_string());
        }
        let state = lock.lock().unwrap_or_else(PoisonError::into_inner);
        if state.stop {
            continue;
        }
        let _ = wake.wait_timeout_while(state, SYNC_INTERVAL, |s| !s.stop);
    }
}

fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
