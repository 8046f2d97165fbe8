//! Opening and reloading decks off the UI thread, the file dialog, live
//! reload, and opening local media.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use crate::deck::DeckError;
use crate::show::{Outside, Presentation, ShellCommand};

use super::notices::{NoticeSource, Severity};
use super::state::{DeckSource, ReadyDeck, load, presentable_errors};
use super::{CommandSender, PresenterApp, audience_viewport, lock, reload};

/// How videos and web pages are opened outside cuecard.
#[derive(Debug, Clone, Default)]
pub enum Opener {
    /// In the system's default player or browser, on a thread of its own;
    /// a failure comes back as [`ShellCommand::OpenFailed`].
    #[default]
    System,
    /// Not opened, only recorded (tests): videos in the list, web pages
    /// in egui's output.
    Record(Arc<Mutex<Vec<PathBuf>>>),
    /// Fails with this reason, as a laptop with no player or browser does
    /// (tests).
    Fail(String),
}

/// A file dialog answered "closed" sooner than this never showed.
pub(super) const DIALOG_NEVER_SHOWN: std::time::Duration = std::time::Duration::from_millis(250);

/// A launcher that fails later than this ran the program: its exit status
/// is the player's, not a sign that nothing opened.
const LAUNCH_FAILS_WITHIN: std::time::Duration = std::time::Duration::from_secs(5);

impl Opener {
    /// Opens `target` without blocking the windows.
    pub fn open(&self, ctx: &egui::Context, target: Outside, sender: &CommandSender) {
        match self {
            Self::System => {
                let spawned = std::thread::Builder::new()
                    .name("cuecard-open".to_owned())
                    .spawn({
                        let target = target.clone();
                        let sender = sender.clone();
                        move || {
                            let started = std::time::Instant::now();
                            let result = match &target {
                                Outside::Video(path) => open::that(path),
                                Outside::Web(address) => open::that(address),
                            };
                            if let Err(error) = result
                                && started.elapsed() < LAUNCH_FAILS_WITHIN
                            {
                                sender.send(ShellCommand::OpenFailed {
                                    target,
                                    reason: error.to_string(),
                                });
                            }
                        }
                    });
                if let Err(error) = spawned {
                    sender.send(ShellCommand::OpenFailed {
                        target,
                        reason: error.to_string(),
                    });
                }
            }
            Self::Record(opened) => match target {
                Outside::Video(path) => lock(opened).push(path),
                Outside::Web(address) => ctx.open_url(egui::OpenUrl::new_tab(address)),
            },
            Self::Fail(reason) => sender.send(ShellCommand::OpenFailed {
                target,
                reason: reason.clone(),
            }),
        }
    }
}

/// What the presenter reads when `target` did not open: what happened and
/// what to do, in the room, now. The system's own words go to the log.
pub fn open_failed_message(target: &Outside) -> String {
    match target {
        Outside::Video(path) => {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            format!(
                "The video {name} did not open: this laptop has no program set to play it. Install a video player (VLC plays every format), or open {} by hand; the online link still works with a network.",
                path.display()
            )
        }
        Outside::Web(address) => format!(
            "No web browser opened {address}. The address is copied: paste it into a browser, or set a default browser in the system settings."
        ),
    }
}

/// Why a deck is being loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Purpose {
    /// Open this file in place of the current deck.
    Open(PathBuf),
    /// Load the current deck's file again.
    Reload,
}

struct Loaded {
    seq: u64,
    purpose: Purpose,
    source: DeckSource,
    result: Result<ReadyDeck, DeckError>,
}

/// Loads decks (and checks their links) on a worker thread; only the
/// newest request's result is taken.
pub struct DeckLoader {
    sender: Sender<Loaded>,
    receiver: Receiver<Loaded>,
    latest: u64,
}

impl Default for DeckLoader {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self {
            sender,
            receiver,
            latest: 0,
        }
    }
}

impl DeckLoader {
    fn request(&mut self, source: DeckSource, purpose: Purpose, wake: CommandSender) -> bool {
        self.latest += 1;
        let seq = self.latest;
        let sender = self.sender.clone();
        let job = move || {
            let result = load(&source).map(ReadyDeck::new);
            let _ = sender.send(Loaded {
                seq,
                purpose,
                source,
                result,
            });
            wake.wake();
        };
        std::thread::Builder::new()
            .name("cuecard-load-deck".to_owned())
            .spawn(job)
            .is_ok()
    }

    /// The newest finished load, if it is the newest requested.
    fn take(&self) -> Option<Loaded> {
        self.receiver
            .try_iter()
            .filter(|l| l.seq == self.latest)
            .last()
    }
}

impl PresenterApp {
    /// Starts loading the deck at `path` to open in place of this one.
    pub(super) fn request_open(&mut self, path: &Path) {
        let source = DeckSource::File(path.to_path_buf());
        let wake = self.bus.sender();
        if !self
            .loader
            .request(source, Purpose::Open(path.to_path_buf()), wake)
        {
            self.notices.push(
                Severity::Error,
                NoticeSource::Files,
                format!("Could not start loading {}", path.display()),
            );
        }
    }

    /// Starts loading the deck's file again. Returns whether there is one.
    pub(super) fn request_reload(&mut self) -> bool {
        self.reload_pending.store(false, Ordering::SeqCst);
        let Some(source) = self.session.source.clone() else {
            return false;
        };
        let wake = self.bus.sender();
        self.loader.request(source, Purpose::Reload, wake)
    }

    /// Takes a finished load: an opened deck replaces the current one (its
    /// first slide, a fresh talk timer); a reloaded one keeps the slide (by
    /// id), the timer and the console's state. A deck that does not load
    /// leaves the current one on screen and says why. Returns whether
    /// anything changed.
    pub(super) fn take_loaded(&mut self, ctx: &egui::Context) -> bool {
        let Some(loaded) = self.loader.take() else {
            return false;
        };
        let session = &mut self.session;
        match (loaded.result, &loaded.purpose) {
            (Ok(ready), purpose) => {
                let deck = &ready.loaded.deck;
                // The zoom was of the slide as it was.
                self.console.pointing.zoom = None;
                if *purpose == Purpose::Reload && session.deck.is_some() {
                    session.reloads += 1;
                    session.presentation.replace_deck(deck);
                    // The ink stays with its slide, found by id.
                    let ids: Vec<String> = session
                        .deck()
                        .map(|d| d.slides.iter().map(|s| s.id.clone()).collect())
                        .unwrap_or_default();
                    session.ink.remap(|old| {
                        let id = ids.get(old)?;
                        deck.slides.iter().position(|s| s.id == *id)
                    });
                } else {
                    if *purpose == Purpose::Reload {
                        session.reloads += 1;
                    }
                    session.presentation = Presentation::new(deck);
                    session.ink = crate::show::pointing::Ink::default();
                    self.console.pickers = crate::show::pickers::Pickers::default();
                }
                self.console
                    .pickers
                    .clamp(session.presentation.slide_count());
                session.deck_error = presentable_errors(&ready.loaded);
                // A new load asks again before opening a link with a caution.
                self.console.links_confirmed.clear();
                self.console.link_question = None;
                lock(&self.textures).reset(ready.loaded.folder.clone(), ready.pdf.clone());
                if let Purpose::Open(path) = purpose {
                    crate::settings::Settings::remember_deck(&mut self.recent, path);
                    self.windows.title.clear();
                }
                // The audience window's title is the deck's, after a reload
                // that changed it too.
                self.windows.set_audience_title(&deck.title);
                let files = match &loaded.source {
                    DeckSource::File(path) => {
                        Some(reload::watched_files(path, Some(&ready.loaded)))
                    }
                    DeckSource::BuiltIn => None,
                };
                if loaded.source != *session.source.as_ref().unwrap_or(&loaded.source)
                    || files.as_ref() != self.watcher.as_ref().map(reload::DeckWatcher::files)
                {
                    // Watch the new deck, or its new set of images and media.
                    self.watcher = None;
                    self.watch_failed = false;
                }
                session.source = Some(loaded.source);
                session.deck = Some(ready);
                self.notices.clear_source(NoticeSource::Files);
                let now = self.clock.now();
                self.record_reload(matches!(purpose, Purpose::Open(_)), now);
            }
            (Err(error), Purpose::Open(path)) => {
                let kept = if session.deck.is_some() {
                    "; the current deck stays open"
                } else {
                    ""
                };
                session.deck_error =
                    Some(format!("Could not open {}{kept}:\n{error}", path.display()));
            }
            (Err(error), Purpose::Reload) => {
                session.reloads += 1;
                let kept = if session.deck.is_some() {
                    "The deck file has a mistake; the last good version stays on screen until it is fixed:\n"
                } else {
                    ""
                };
                session.deck_error = Some(format!("{kept}{error}"));
            }
        }
        ctx.request_repaint_of(audience_viewport());
        true
    }

    /// Opens the system's file dialog without blocking the windows; the
    /// answer comes back as an [`ShellCommand::OpenDeck`], or as
    /// [`ShellCommand::OpenDeckDialogUnavailable`] when the system has no
    /// dialog to show (rfd then answers "closed" at once).
    pub(super) fn open_dialog(&mut self) -> bool {
        if self.dialog_open {
            return false;
        }
        // rfd runs the dialog where the platform needs it; its future is
        // waited for on a thread of its own.
        let future = rfd::AsyncFileDialog::new()
            .set_title("Open a cuecard deck")
            .add_filter("cuecard deck or PDF", &["ron", "pdf"])
            .pick_file();
        let sender = self.bus.sender();
        let spawned = std::thread::Builder::new()
            .name("cuecard-open-dialog".to_owned())
            .spawn(move || {
                let asked = std::time::Instant::now();
                match pollster::block_on(future) {
                    Some(file) => sender.send(ShellCommand::OpenDeck(file.path().to_path_buf())),
                    // Nobody cancels a dialog in a quarter of a second: it
                    // never showed.
                    None if asked.elapsed() < DIALOG_NEVER_SHOWN => {
                        sender.send(ShellCommand::OpenDeckDialogUnavailable);
                    }
                    None => sender.send(ShellCommand::OpenDeckDialogClosed),
                }
            });
        match spawned {
            Ok(_) => {
                self.dialog_open = true;
                true
            }
            Err(error) => {
                self.notices.push(
                    Severity::Warning,
                    NoticeSource::Files,
                    format!("The file dialog did not open ({error}). Give the deck on the command line: cuecard path/to/deck.ron, or drop the file on a window."),
                );
                true
            }
        }
    }

    /// Starts watching the deck's files if that is not on yet; changes
    /// arrive as [`ShellCommand::Reload`] on the command channel.
    pub(super) fn start_watcher(&mut self) {
        let Some(DeckSource::File(path)) = self.session.source.clone() else {
            return;
        };
        if self.watcher.is_some() || self.watch_failed {
            return;
        }
        let files = reload::watched_files(&path, self.session.deck.as_ref().map(|d| &*d.loaded));
        let sender = self.bus.sender();
        // Changes that arrive before the console has taken the last Reload
        // make no second one: one save, one reload.
        let pending = Arc::clone(&self.reload_pending);
        match reload::DeckWatcher::new(files, move |event| match event {
            Ok(()) => {
                if !pending.swap(true, Ordering::SeqCst) {
                    sender.send(ShellCommand::Reload);
                }
            }
            Err(error) => sender.send(ShellCommand::LiveReloadFailed(error)),
        }) {
            Ok(watcher) => self.watcher = Some(watcher),
            Err(error) => {
                self.watch_failed = true;
                self.notices.push(
                    Severity::Warning,
                    NoticeSource::Files,
                    format!("Live reload is off ({error}); Ctrl+R reloads the deck by hand."),
                );
            }
        }
    }
}
