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
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::deck::{Block, LoadedDeck};

/// How long the files must be quiet before a reload.
pub const DEBOUNCE: Duration = Duration::from_millis(500);

/// How often the debouncer's thread looks for quiet files. It wakes this
/// often whether or not anything changed, so it is as slow as it can be
/// (notify's default is a quarter of [`DEBOUNCE`], eight wake-ups a
/// second): a save is reloaded within a second.
const DEBOUNCE_TICK: Duration = DEBOUNCE;

/// Watches a deck's files. Dropping it stops watching.
pub struct DeckWatcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    files: BTreeSet<PathBuf>,
}

/// The deck file and every image and local media file it names, as
/// absolute paths with the folder's symbolic links resolved.
pub fn watched_files(deck_path: &Path, loaded: Option<&LoadedDeck>) -> BTreeSet<PathBuf> {
    let mut files = BTreeSet::new();
    files.insert(normalize(deck_path));
    let is_pdf = deck_path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if is_pdf {
        // `cuecard talk.pdf`: its pdfpc notes, made or edited while it is
        // shown, reload too.
        files.insert(normalize(&crate::pdf::pdfpc::notes_path(deck_path)));
    }
    let Some(loaded) = loaded else {
        return files;
    };
    // The deck beside a PDF that names it, and the PDF a deck names (a new
    // export of the slides shows at once).
    files.insert(normalize(&loaded.path));
    let folder = loaded.folder.clone().unwrap_or_else(|| PathBuf::from("."));
    if let Some(pdf) = &loaded.deck.pdf {
        files.insert(normalize(&folder.join(pdf)));
    }
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
    /// Starts watching `files`; `on_change` is called (from the watcher's
    /// thread) with `Ok(())` when a watched file was created, changed or
    /// removed, and with the watcher's error as text when it failed. The app
    /// turns these into commands on its command channel.
    ///
    /// # Errors
    /// The watcher's error when the system cannot watch the folders (no
    /// inotify watches left, a folder gone); live reload is then off and
    /// Ctrl+R still reloads by hand.
    pub fn new(
        files: BTreeSet<PathBuf>,
        on_change: impl Fn(Result<(), String>) + Send + 'static,
    ) -> notify::Result<Self> {
        let watched = files.clone();
        let mut debouncer = new_debouncer(
            DEBOUNCE,
            Some(DEBOUNCE_TICK),
            move |result: DebounceEventResult| {
                // Other programs reading or writing other files in the folder
                // must not wake the windows: only a change to a watched file
                // (or a watcher error) does. Reading a file (cuecard's own
                // reload, an editor opening it) is an access event and does not
                // count.
                match result {
                    Ok(events) => {
                        if events.iter().any(|e| {
                            is_change(e) && e.paths.iter().any(|p| watched.contains(&normalize(p)))
                        }) {
                            on_change(Ok(()));
                        }
                    }
                    Err(errors) => {
                        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
                        on_change(Err(text.join("; ")));
                    }
                }
            },
        )?;
        let folders: BTreeSet<&Path> = files.iter().filter_map(|f| f.parent()).collect();
        for folder in folders {
            if folder.is_dir() {
                debouncer.watch(folder, RecursiveMode::NonRecursive)?;
            }
        }
        Ok(Self {
            _debouncer: debouncer,
            files,
        })
    }

    /// The watched files.
    pub fn files(&self) -> &BTreeSet<PathBuf> {
        &self.files
    }
}
