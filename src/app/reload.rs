//! Live reload: watch the open deck and the files it uses, and say when to
//! load it again.
//!
//! The folders that hold the deck and its images and media are watched
//! (not recursively), so saves that write a new file and rename it over
//! the old one (vim, VS Code and many others) are seen as well as plain
//! writes. Events are debounced ([`DEBOUNCE`]): a save that arrives in
//! several writes gives one reload, of the finished file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::deck::{Block, LoadedDeck};

/// How long the files must be quiet before a reload.
pub const DEBOUNCE: Duration = Duration::from_millis(500);

/// Watches a deck's files. Dropping it stops watching.
pub struct DeckWatcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    files: BTreeSet<PathBuf>,
}

/// The deck file and every image and local media file it names, as
/// absolute paths with the folder's symbolic links resolved.
pub fn watched_files(deck_path: &Path, loaded: Option<&LoadedDeck>) -> BTreeSet<PathBuf> {
    let mut files = BTreeSet::new();
    files.insert(normalize(deck_path));
    let Some(loaded) = loaded else {
        return files;
    };
    let folder = loaded.folder.clone().unwrap_or_else(|| PathBuf::from("."));
    for slide in &loaded.deck.slides {
        for block in &slide.content {
            if let Block::Image { path, .. } = block {
                files.insert(normalize(&folder.join(path)));
            }
        }
        for link in &slide.links {
            if let Some(local) = &link.local {
                files.insert(normalize(&folder.join(local)));
            }
        }
    }
    files
}

/// An absolute path whose folder has its symbolic links resolved (the
/// file itself may not exist yet).
fn normalize(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => parent
            .canonicalize()
            .map_or_else(|_| absolute.clone(), |p| p.join(name)),
        _ => absolute,
    }
}

/// Whether an event creates, changes or removes a file. Reading a file
/// (cuecard's own reload, an editor opening it) is an access event and does
/// not count.
fn is_change(event: &notify_debouncer_full::DebouncedEvent) -> bool {
    matches!(
        event.kind,
        notify::EventKind::Create(_) | notify::EventKind::Modify(_) | notify::EventKind::Remove(_)
    )
}

impl DeckWatcher {
    /// Starts watching `files`; `wake` is called (from the watcher's
    /// thread) whenever something changed, e.g. to repaint the console.
    ///
    /// # Errors
    /// The watcher's error when the system cannot watch the folders (no
    /// inotify watches left, a folder gone); live reload is then off and
    /// Ctrl+R still reloads by hand.
    pub fn new(files: BTreeSet<PathBuf>, wake: impl Fn() + Send + 'static) -> notify::Result<Self> {
        let (sender, events) = channel();
        let watched = files.clone();
        let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            // Other programs reading or writing other files in the folder
            // must not wake the windows: only a change to a watched file
            // (or a watcher error) does.
            let relevant = match &result {
                Ok(events) => events.iter().any(|e| {
                    is_change(e) && e.paths.iter().any(|p| watched.contains(&normalize(p)))
                }),
                Err(_) => true,
            };
            // The receiver is gone only when the watcher is being dropped.
            if relevant && sender.send(result).is_ok() {
                wake();
            }
        })?;
        let folders: BTreeSet<&Path> = files.iter().filter_map(|f| f.parent()).collect();
        for folder in folders {
            if folder.is_dir() {
                debouncer.watch(folder, RecursiveMode::NonRecursive)?;
            }
        }
        Ok(Self {
            _debouncer: debouncer,
            events,
            files,
        })
    }

    /// The watched files.
    pub fn files(&self) -> &BTreeSet<PathBuf> {
        &self.files
    }

    /// Whether a watched file changed since the last call (all pending
    /// events are taken). Watcher errors are returned as text.
    pub fn changed(&self) -> Result<bool, String> {
        let mut changed = false;
        let mut errors = Vec::new();
        while let Ok(result) = self.events.try_recv() {
            match result {
                Ok(events) => {
                    // Reading the file (cuecard's own reload) is an access
                    // event: only creation, change and removal count.
                    changed |= events
                        .iter()
                        .filter(|e| {
                            matches!(
                                e.kind,
                                notify::EventKind::Create(_)
                                    | notify::EventKind::Modify(_)
                                    | notify::EventKind::Remove(_)
                            )
                        })
                        .flat_map(|e| &e.paths)
                        .any(|p| self.files.contains(&normalize(p)));
                }
                Err(list) => errors.extend(list.into_iter().map(|e| e.to_string())),
            }
        }
        if errors.is_empty() {
            Ok(changed)
        } else {
            Err(errors.join("; "))
        }
    }
}
