//! The eframe shell: the two windows, input to commands, monitors,
//! repaint scheduling. Behaviour lives in [`crate::show`]; drawing in
//! [`crate::ui`].

pub mod images;
pub mod input;
pub mod reload;
pub mod screens;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use egui::{ViewportBuilder, ViewportCommand, ViewportId};

use crate::deck::policy::{LinkStatus, LocalCopy};
use crate::deck::{self, Deck, DeckError, LoadedDeck};
use crate::settings::Settings;
use crate::show::monitors::{MonitorId, Placement, ScreenMode, choose_placement, setup_key, swap};
use crate::show::{Command, Presentation};
use crate::ui::audience::audience_ui;
use crate::ui::console::{ConsoleView, console_title, console_ui};
use screens::Screens;

/// The audience window's viewport id.
pub fn audience_viewport() -> ViewportId {
    ViewportId::from_hash_of("cuecard-audience")
}

/// Where the deck comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeckSource {
    /// A file on disk.
    File(PathBuf),
    /// The Module 5 deck built into the binary.
    BuiltIn,
}

/// Loads the deck from `source`.
///
/// # Errors
/// The [`DeckError`] of [`deck::load`] or [`deck::parse`].
pub fn load(source: &DeckSource) -> Result<LoadedDeck, DeckError> {
    match source {
        DeckSource::File(path) => deck::load(path),
        DeckSource::BuiltIn => deck::parse(
            crate::MODULE5_RON.as_bytes(),
            Path::new(crate::MODULE5_NAME),
            None,
        ),
    }
}

/// State shared by the console (root window) and the audience window,
/// which egui may paint from its own callback.
#[allow(clippy::struct_excessive_bools)] // independent window flags, not a state machine
pub struct Shared {
    /// The deck being presented, if one loaded.
    pub deck: Option<LoadedDeck>,
    /// Why the deck did not load, as `path:line:column: ...` lines.
    pub error: Option<String>,
    /// The presentation state.
    pub presentation: Presentation,
    /// Whether the audience window is open.
    pub audience_open: bool,
    /// Whether the audience window is full screen.
    pub audience_fullscreen: bool,
    /// Whether the key help is showing on the console.
    pub help_open: bool,
    /// Zoom of the speaker notes (1.0 = normal), remembered between runs.
    pub notes_zoom: f32,
    /// Points to scroll the notes by in the next console frame.
    pub notes_scroll: f32,
    /// A problem that is not the deck's (settings), shown on the console.
    pub warning: Option<String>,
    /// How the two windows are laid out.
    pub screen_mode: ScreenMode,
    /// A screen change asked for (swap, a monitor, a mode), for the console
    /// window to carry out on its next frame.
    pub screen_request: Option<Command>,
    /// Until when "Audience" and "Presenter" are flashed on the windows.
    pub identify_until: Option<Instant>,
    /// The audience monitor remembered per monitor setup.
    pub remembered_screens: std::collections::BTreeMap<String, MonitorId>,
    /// Each slide's links, checked when the deck loaded.
    pub link_status: Vec<Vec<LinkStatus>>,
    /// How local media files are opened.
    pub opener: Opener,
    /// The venue check's log (key pressed, what cuecard does with it),
    /// newest last, while the venue check is open.
    pub venue_check: Option<Vec<(String, Option<Command>)>>,
    /// Whether the presenter asked for a reload (Ctrl+R).
    pub reload_requested: bool,
    /// How many times the deck was loaded again (by hand or on a change).
    pub reloads: usize,
    /// Whether the console asks "Quit cuecard?" (its window was closed
    /// during a talk).
    pub confirm_quit: bool,
    /// Whether quitting was confirmed (Ctrl+Q or "Quit").
    pub quit_confirmed: bool,
    /// The slides' images, decoded off the UI thread.
    pub images: images::ImageCache,
    /// Decks opened recently, newest first (remembered).
    pub recent: Vec<PathBuf>,
    /// A deck to open next frame (chosen in the dialog, dropped on a
    /// window, or from the recent list).
    pub open_request: Option<PathBuf>,
    /// Whether the presenter asked for the file dialog (Ctrl+O).
    pub dialog_requested: bool,
}

/// How local media files (the slide-nine video) are opened.
#[derive(Debug, Clone, Default)]
pub enum Opener {
    /// In the system's default player, without waiting for it.
    #[default]
    System,
    /// Not opened, only recorded (tests).
    Record(Arc<Mutex<Vec<PathBuf>>>),
}

impl Opener {
    /// Opens `path`, never blocking the windows.
    ///
    /// # Errors
    /// The system's error if the player cannot be started.
    pub fn open(&self, path: &Path) -> std::io::Result<()> {
        match self {
            Self::System => open::that_detached(path),
            Self::Record(opened) => {
                opened
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(path.to_path_buf());
                Ok(())
            }
        }
    }
}

/// The errors that do not stop the show (a refused link), for the banner.
fn presentable_errors(loaded: &LoadedDeck) -> Option<String> {
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    (!errors.is_empty()).then(|| errors.join("\n"))
}

/// Smallest and largest notes zoom.
pub const NOTES_ZOOM_RANGE: (f32, f32) = (0.6, 3.0);
/// One zoom step (+ or -).
pub const NOTES_ZOOM_STEP: f32 = 1.15;
/// Key presses the venue check lists.
pub const VENUE_CHECK_ROWS: usize = 12;
/// How long "Audience" / "Presenter" stay on the windows.
pub const IDENTIFY_FOR: Duration = Duration::from_secs(2);
/// One keyboard scroll of the notes, in points.
pub const NOTES_SCROLL_STEP: f32 = 160.0;

impl Shared {
    /// State for a deck that loaded or failed to.
    pub fn new(loaded: Result<LoadedDeck, DeckError>) -> Self {
        let (deck, error) = match loaded {
            Ok(deck) => (Some(deck), None),
            Err(error) => (None, Some(error.to_string())),
        };
        let presentation = match &deck {
            Some(loaded) => Presentation::new(&loaded.deck),
            None => Presentation::new(&empty_deck()),
        };
        let link_status = deck
            .as_ref()
            .map(LoadedDeck::link_status)
            .unwrap_or_default();
        let images = images::ImageCache::new(deck.as_ref().and_then(|d| d.folder.clone()));
        let error = error.or_else(|| deck.as_ref().and_then(presentable_errors));
        Self {
            deck,
            error,
            presentation,
            audience_open: true,
            audience_fullscreen: false,
            help_open: false,
            notes_zoom: 1.0,
            notes_scroll: 0.0,
            warning: None,
            screen_mode: ScreenMode::default(),
            screen_request: None,
            identify_until: None,
            remembered_screens: std::collections::BTreeMap::new(),
            link_status,
            opener: Opener::default(),
            venue_check: None,
            reload_requested: false,
            reloads: 0,
            confirm_quit: false,
            quit_confirmed: false,
            images,
            recent: Vec::new(),
            open_request: None,
            dialog_requested: false,
        }
    }

    /// The deck, if one loaded.
    pub fn deck(&self) -> Option<&Deck> {
        self.deck.as_ref().map(|d| &d.deck)
    }

    /// Applies `command` at `now`: presentation commands go to the model,
    /// window commands change the shell's flags and are sent to the
    /// windows through `ctx`. Returns whether anything visible changed.
    pub fn handle(&mut self, ctx: &egui::Context, command: Command, now: Instant) -> bool {
        match command {
            Command::Quit => {
                self.quit_confirmed = true;
                ctx.send_viewport_cmd_to(ViewportId::ROOT, ViewportCommand::Close);
                false
            }
            Command::KeepPresenting => std::mem::take(&mut self.confirm_quit),
            Command::ToggleHelp => {
                self.help_open = !self.help_open;
                true
            }
            Command::ShowAudience => {
                let changed = !self.audience_open;
                self.audience_open = true;
                changed
            }
            Command::NotesZoomIn => self.zoom_notes(NOTES_ZOOM_STEP),
            Command::NotesZoomOut => self.zoom_notes(1.0 / NOTES_ZOOM_STEP),
            Command::ScrollNotesDown => {
                self.notes_scroll += NOTES_SCROLL_STEP;
                true
            }
            Command::ScrollNotesUp => {
                self.notes_scroll -= NOTES_SCROLL_STEP;
                true
            }
            Command::SwapScreens | Command::AudienceOn(_) | Command::SetScreenMode(_) => {
                self.screen_request = Some(command);
                ctx.request_repaint_of(ViewportId::ROOT);
                true
            }
            Command::PlayLocal { slide, link } => {
                let status = self
                    .link_status
                    .get(slide)
                    .and_then(|links| links.get(link));
                if let Some(LinkStatus {
                    local: LocalCopy::Present(path),
                    ..
                }) = status
                    && let Err(error) = self.opener.open(path)
                {
                    self.warning = Some(format!(
                        "cannot start the video player for {}: {error}",
                        path.display()
                    ));
                }
                true
            }
            Command::OpenDeck => {
                self.dialog_requested = true;
                ctx.request_repaint_of(ViewportId::ROOT);
                true
            }
            Command::OpenRecent(i) => {
                self.open_request = self.recent.get(i).cloned();
                ctx.request_repaint_of(ViewportId::ROOT);
                self.open_request.is_some()
            }
            Command::Reload => {
                self.reload_requested = true;
                ctx.request_repaint_of(ViewportId::ROOT);
                true
            }
            Command::ToggleVenueCheck => {
                self.venue_check = match self.venue_check {
                    Some(_) => None,
                    None => Some(Vec::new()),
                };
                true
            }
            Command::IdentifyScreens => {
                self.identify_until = Some(now + IDENTIFY_FOR);
                true
            }
            Command::ToggleFullscreen => self.set_fullscreen(ctx, !self.audience_fullscreen),
            Command::EnterFullscreen => self.set_fullscreen(ctx, true),
            Command::Escape if self.confirm_quit => {
                self.confirm_quit = false;
                true
            }
            Command::Escape if self.help_open => {
                self.help_open = false;
                true
            }
            Command::Escape => {
                // The model leaves go-to, overview, break or black first;
                // with nothing of those, Esc leaves full screen.
                self.presentation.apply(Command::Escape, now) || self.set_fullscreen(ctx, false)
            }
            other => self.presentation.apply(other, now),
        }
    }

    fn zoom_notes(&mut self, factor: f32) -> bool {
        let (min, max) = NOTES_ZOOM_RANGE;
        let zoom = (self.notes_zoom * factor).clamp(min, max);
        let changed = (zoom - self.notes_zoom).abs() > f32::EPSILON;
        self.notes_zoom = zoom;
        changed
    }

    fn set_fullscreen(&mut self, ctx: &egui::Context, fullscreen: bool) -> bool {
        if !self.audience_open || self.audience_fullscreen == fullscreen {
            return false;
        }
        self.audience_fullscreen = fullscreen;
        ctx.send_viewport_cmd_to(audience_viewport(), ViewportCommand::Fullscreen(fullscreen));
        true
    }
}

fn empty_deck() -> Deck {
    Deck {
        version: deck::SCHEMA_VERSION,
        title: "cuecard".to_owned(),
        subtitle: None,
        organization: None,
        duration_minutes: None,
        theme: None,
        colors: None,
        font: None,
        logo: None,
        footer: None,
        slides: Vec::new(),
    }
}

/// Locks the shared state; a panic elsewhere never makes it unusable.
pub fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The cuecard app: the console as the root window, the audience view as
/// a deferred viewport.
pub struct PresenterApp {
    shared: Arc<Mutex<Shared>>,
    audience_builder: Option<ViewportBuilder>,
    title: String,
    /// Commands taken out of the raw input before egui saw it (Tab).
    pending: Vec<Command>,
    /// Where settings are remembered (`None`: nowhere).
    settings_dir: Option<PathBuf>,
    /// The settings as last saved.
    saved: Settings,
    /// The monitors and where the windows are.
    screens: Screens,
    /// Where the deck came from (a file can be reloaded).
    source: Option<DeckSource>,
    /// Watches the deck's files for live reload.
    watcher: Option<reload::DeckWatcher>,
    /// Why live reload is off, if the watcher could not start.
    watch_failed: Option<String>,
    /// The open file dialog's answer, when one is open.
    dialog: Option<std::sync::mpsc::Receiver<Option<PathBuf>>>,
    /// The clock the views read; replaced in tests.
    clock: Clock,
}

/// Where the app reads time from.
#[derive(Clone)]
pub enum Clock {
    /// The real clocks: `Instant::now()` and the local wall clock.
    System,
    /// A fake clock for tests: `start` plus the time in the shared cell
    /// (set it to move time on), and a wall-clock time at `start`.
    Fake {
        /// The monotonic instant the fake clock starts at.
        start: Instant,
        /// Time since `start`, shared with the test.
        offset: Arc<Mutex<Duration>>,
        /// The wall-clock time at `start`.
        wall: chrono::NaiveTime,
    },
}

impl Clock {
    /// A fake clock at `wall` (e.g. 09:00) whose time the returned cell
    /// moves on.
    pub fn fake(wall: chrono::NaiveTime) -> (Self, Arc<Mutex<Duration>>) {
        let offset = Arc::new(Mutex::new(Duration::ZERO));
        (
            Self::Fake {
                start: Instant::now(),
                offset: Arc::clone(&offset),
                wall,
            },
            offset,
        )
    }

    fn offset(offset: &Mutex<Duration>) -> Duration {
        *offset.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Now, on the monotonic clock.
    pub fn now(&self) -> Instant {
        match self {
            Self::System => Instant::now(),
            Self::Fake { start, offset, .. } => *start + Self::offset(offset),
        }
    }

    /// The local wall-clock time now.
    pub fn wall(&self) -> chrono::NaiveTime {
        match self {
            Self::System => chrono::Local::now().time(),
            Self::Fake { offset, wall, .. } => {
                crate::ui::console::wall_after(*wall, Self::offset(offset))
            }
        }
    }
}

impl PresenterApp {
    /// An app presenting `loaded` (or showing why it did not load).
    pub fn new(loaded: Result<LoadedDeck, DeckError>, clock: Clock) -> Self {
        Self {
            shared: Arc::new(Mutex::new(Shared::new(loaded))),
            audience_builder: None,
            title: String::new(),
            pending: Vec::new(),
            settings_dir: None,
            saved: Settings::default(),
            screens: Screens::default(),
            source: None,
            watcher: None,
            watch_failed: None,
            dialog: None,
            clock,
        }
    }

    /// The shared state, for tests.
    pub fn shared(&self) -> Arc<Mutex<Shared>> {
        Arc::clone(&self.shared)
    }
}

impl PresenterApp {
    /// Presents from `source`: a file is watched and reloaded when it
    /// changes, and Ctrl+R reloads it.
    #[must_use]
    pub fn with_source(mut self, source: DeckSource) -> Self {
        self.source = Some(source);
        self
    }

    /// Opens the file dialog when asked (without blocking the windows),
    /// and opens a deck that was chosen, dropped on a window, or picked
    /// from the recent list.
    fn open_decks(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .find_map(|f| (!f.path().as_os_str().is_empty()).then(|| f.path().to_path_buf()))
        });
        let mut shared = lock(&self.shared);
        if let Some(path) = dropped {
            shared.open_request = Some(path);
        }
        if std::mem::take(&mut shared.dialog_requested) && self.dialog.is_none() {
            // rfd runs the dialog where the platform needs it; its future
            // is waited for on a thread of its own.
            let future = rfd::AsyncFileDialog::new()
                .set_title("Open a cuecard deck")
                .add_filter("cuecard deck", &["ron"])
                .pick_file();
            let (answer, receiver) = std::sync::mpsc::channel();
            let wake = ctx.clone();
            let spawned = std::thread::Builder::new()
                .name("cuecard-open-dialog".to_owned())
                .spawn(move || {
                    let chosen = pollster::block_on(future).map(|f| f.path().to_path_buf());
                    let _ = answer.send(chosen);
                    wake.request_repaint();
                });
            match spawned {
                Ok(_) => self.dialog = Some(receiver),
                Err(error) => {
                    shared.warning = Some(format!("cannot open the file dialog: {error}"));
                }
            }
        }
        if let Some(receiver) = &self.dialog {
            match receiver.try_recv() {
                Ok(chosen) => {
                    shared.open_request = chosen.or(shared.open_request.take());
                    self.dialog = None;
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.dialog = None,
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
            }
        }
        let Some(path) = shared.open_request.take() else {
            return;
        };
        drop(shared);
        self.open_deck(ctx, &path);
    }

    /// Opens the deck at `path` in place of the current one: its first
    /// slide, a fresh talk timer. A deck that does not load leaves the
    /// current one on screen and says why.
    pub fn open_deck(&mut self, ctx: &egui::Context, path: &Path) {
        let source = DeckSource::File(path.to_path_buf());
        let result = load(&source);
        let mut shared = lock(&self.shared);
        match result {
            Ok(loaded) => {
                shared.presentation = Presentation::new(&loaded.deck);
                shared.link_status = loaded.link_status();
                shared.images.clear(loaded.folder.clone());
                shared.error = presentable_errors(&loaded);
                crate::settings::Settings::remember_deck(&mut shared.recent, path);
                shared.deck = Some(loaded);
                self.source = Some(source);
                self.watcher = None;
                self.watch_failed = None;
                self.title.clear();
                // The audience window's title is the deck's.
                self.audience_builder = self.audience_builder.take().map(|b| {
                    let title = shared
                        .deck()
                        .map_or_else(|| "cuecard".to_owned(), |d| d.title.clone());
                    b.with_title(title)
                });
            }
            Err(error) => {
                let kept = if shared.deck.is_some() {
                    "; the current deck stays open"
                } else {
                    ""
                };
                shared.error = Some(format!("Could not open {}{kept}:\n{error}", path.display()));
            }
        }
        drop(shared);
        ctx.request_repaint_of(audience_viewport());
    }

    /// Starts the watcher if needed and reloads when a watched file
    /// changed or the presenter asked.
    fn live_reload(&mut self, ctx: &egui::Context) {
        let Some(DeckSource::File(path)) = self.source.clone() else {
            return;
        };
        if self.watcher.is_none() && self.watch_failed.is_none() {
            let files = reload::watched_files(&path, lock(&self.shared).deck.as_ref());
            let wake = ctx.clone();
            match reload::DeckWatcher::new(files, move || wake.request_repaint()) {
                Ok(watcher) => self.watcher = Some(watcher),
                Err(error) => {
                    let message =
                        format!("live reload is off ({error}); Ctrl+R reloads the deck by hand");
                    eprintln!("cuecard: {message}");
                    lock(&self.shared).warning = Some(message.clone());
                    self.watch_failed = Some(message);
                }
            }
        }
        let changed = match self.watcher.as_ref().map(reload::DeckWatcher::changed) {
            Some(Ok(changed)) => changed,
            Some(Err(error)) => {
                lock(&self.shared).warning = Some(format!("live reload: {error}"));
                false
            }
            None => false,
        };
        let requested = std::mem::take(&mut lock(&self.shared).reload_requested);
        if changed || requested {
            self.reload(ctx, &DeckSource::File(path));
        }
    }

    /// Loads the deck again, keeping the slide (by id), the timer and the
    /// console's state. A deck with a mistake leaves the last good one on
    /// screen and shows the mistake in the banner until it is fixed.
    fn reload(&mut self, ctx: &egui::Context, source: &DeckSource) {
        let result = load(source);
        let mut shared = lock(&self.shared);
        shared.reloads += 1;
        match result {
            Ok(loaded) => {
                if shared.deck.is_some() {
                    shared.presentation.replace_deck(&loaded.deck);
                } else {
                    shared.presentation = Presentation::new(&loaded.deck);
                }
                shared.link_status = loaded.link_status();
                shared.images.clear(loaded.folder.clone());
                shared.error = presentable_errors(&loaded);
                if let DeckSource::File(path) = source {
                    let files = reload::watched_files(path, Some(&loaded));
                    if self.watcher.as_ref().is_some_and(|w| *w.files() != files) {
                        // Watch the new set of images and media next frame.
                        self.watcher = None;
                    }
                }
                shared.deck = Some(loaded);
            }
            Err(error) => {
                let kept = if shared.deck.is_some() {
                    "The deck file has a mistake; the last good version stays on screen until it is fixed:\n"
                } else {
                    ""
                };
                shared.error = Some(format!("{kept}{error}"));
            }
        }
        drop(shared);
        ctx.request_repaint_of(audience_viewport());
    }

    /// Reads the monitors on the first frame and every [`screens::POLL_EVERY`]
    /// after, places the windows when the setup changes, and carries out a
    /// screen request (swap, a monitor, a mode).
    fn update_screens(&mut self, ctx: &egui::Context, frame: &eframe::Frame) {
        let real_now = Instant::now();
        let first = self.audience_builder.is_none();
        let due = self
            .screens
            .polled
            .is_none_or(|t| real_now.duration_since(t) >= screens::POLL_EVERY);
        let mut placement = None;
        let mut shared = lock(&self.shared);
        if due {
            let (monitors, console) = screens::read_monitors(frame);
            let changed = setup_key(&monitors) != setup_key(&self.screens.monitors);
            self.screens.monitors = monitors;
            self.screens.console = console.or(self.screens.console);
            self.screens.polled = Some(real_now);
            if first || changed {
                let key = setup_key(&self.screens.monitors);
                placement = Some(choose_placement(
                    &self.screens.monitors,
                    self.screens.console,
                    shared.remembered_screens.get(&key),
                    shared.screen_mode,
                ));
            }
        }
        if let Some(request) = shared.screen_request.take() {
            let console = self.screens.console.unwrap_or(0);
            let monitors = &self.screens.monitors;
            placement = match request {
                Command::SwapScreens => self
                    .screens
                    .audience
                    .and_then(|a| swap(monitors, console, a)),
                Command::AudienceOn(i) if i == console => Some(Placement::Mirror { monitor: i }),
                Command::AudienceOn(i) if i < monitors.len() => {
                    shared.screen_mode = ScreenMode::Present;
                    Some(Placement::Fullscreen {
                        audience: i,
                        console: None,
                    })
                }
                Command::SetScreenMode(mode) => {
                    shared.screen_mode = mode;
                    let key = setup_key(monitors);
                    Some(choose_placement(
                        monitors,
                        self.screens.console,
                        shared.remembered_screens.get(&key),
                        mode,
                    ))
                }
                _ => None,
            }
            .or(placement);
        }
        let Some(placement) = placement else {
            return;
        };
        let title = shared
            .deck()
            .map_or_else(|| "cuecard".to_owned(), |d| d.title.clone());
        let base = ViewportBuilder::default()
            .with_title(title)
            .with_app_id(crate::desktop::AUDIENCE_APP_ID)
            .with_icon(crate::desktop::window_icon());
        let (builder, fullscreen) = screens::apply(ctx, &mut self.screens, &placement, base);
        shared.audience_fullscreen = fullscreen;
        if let (Placement::Fullscreen { audience, .. }, ScreenMode::Present) =
            (&placement, shared.screen_mode)
            && let Some(monitor) = self.screens.monitors.get(*audience)
            && self.screens.monitors.len() > 1
        {
            shared
                .remembered_screens
                .insert(setup_key(&self.screens.monitors), monitor.id());
        }
        self.audience_builder = Some(builder);
        ctx.request_repaint_of(audience_viewport());
    }

    /// Remembers settings in folder `dir` (`None`: remember nothing, e.g.
    /// in tests). Reads them now; a damaged file gives the defaults and a
    /// warning on the console.
    #[must_use]
    pub fn with_settings_dir(mut self, dir: Option<PathBuf>) -> Self {
        if let Some(dir) = &dir {
            let (settings, warning) = Settings::load(dir);
            let mut shared = lock(&self.shared);
            shared.notes_zoom = settings.notes_zoom;
            shared.remembered_screens.clone_from(&settings.screens);
            shared.recent.clone_from(&settings.recent);
            if let Some(warning) = warning {
                eprintln!("cuecard: {warning}");
                shared.warning = Some(warning);
            }
            drop(shared);
            self.saved = settings;
        }
        self.settings_dir = dir;
        self
    }

    /// Saves the settings if they changed since the last save.
    fn save_settings(&mut self, current: &Settings) {
        if *current == self.saved {
            return;
        }
        self.saved = current.clone();
        if let Some(dir) = &self.settings_dir
            && let Err(error) = current.save(dir)
        {
            let message = format!("cannot save the settings in {}: {error}", dir.display());
            eprintln!("cuecard: {message}");
            lock(&self.shared).warning = Some(message);
        }
    }
}

impl eframe::App for PresenterApp {
    /// Tab opens the overview (pdfpc, Impressive) unless a console button
    /// has the keyboard: take it away from egui before its focus handling
    /// sees it.
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if ctx.memory(|m| m.focused().is_some()) {
            return;
        }
        let pending = &mut self.pending;
        raw_input.events.retain(|event| match event {
            egui::Event::Key {
                key: egui::Key::Tab,
                pressed,
                modifiers,
                ..
            } if modifiers.is_none() => {
                if *pressed {
                    pending.push(Command::ToggleOverview);
                }
                false
            }
            _ => true,
        });
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let now = self.clock.now();
        self.update_screens(&ctx, frame);
        self.open_decks(&ctx);
        self.live_reload(&ctx);
        let builder = self.audience_builder.clone().unwrap_or_default();
        let typing = ctx.memory(|m| m.focused().is_some());
        let presses = ctx.input(|i| input::presses(i, typing));

        if ctx.input(|i| i.key_pressed(egui::Key::F6)) {
            ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::Next));
        }
        let zoom_delta = ctx.input(|i| {
            if i.modifiers.command {
                i.zoom_delta()
            } else {
                1.0
            }
        });

        let mut shared = lock(&self.shared);
        // Closing the console window by mistake must not end a talk: ask.
        if ctx.input(|i| i.viewport().close_requested())
            && !shared.quit_confirmed
            && shared.presentation.timer.is_started()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            shared.confirm_quit = true;
        }
        let wall = self.clock.wall();
        load_images(&ctx, &mut shared);
        let error = match (&shared.error, &shared.warning) {
            (Some(error), _) => Some(error.clone()),
            (None, Some(warning)) => Some(format!("warning: {warning}")),
            (None, None) => None,
        };
        let mut changed = false;
        if (zoom_delta - 1.0).abs() > f32::EPSILON {
            changed |= shared.zoom_notes(zoom_delta);
        }
        let mut commands: Vec<Command> = self.pending.drain(..).collect();
        if let Some(log) = shared.venue_check.as_mut() {
            // The venue check shows what each key does instead of doing it
            // (V closes it).
            for (pressed, command) in presses {
                if command == Some(Command::ToggleVenueCheck) {
                    commands.push(Command::ToggleVenueCheck);
                } else if !pressed.is_empty() {
                    log.push((pressed, command));
                    changed = true;
                }
            }
            let excess = log.len().saturating_sub(VENUE_CHECK_ROWS);
            log.drain(..excess);
        } else {
            commands.extend(presses.into_iter().filter_map(|(_, c)| c));
        }
        for command in commands.drain(..) {
            changed |= shared.handle(&ctx, command, now);
        }
        let clicked = egui::CentralPanel::default()
            .show(ui, |ui| {
                let view = ConsoleView {
                    deck: shared.deck(),
                    presentation: &shared.presentation,
                    now,
                    wall,
                    error: error.as_deref(),
                    audience_open: shared.audience_open,
                    help_open: shared.help_open,
                    notes_zoom: shared.notes_zoom,
                    notes_scroll: shared.notes_scroll,
                    monitors: &self.screens.monitors,
                    console_monitor: self.screens.console,
                    audience_monitor: self.screens.audience,
                    screen_mode: shared.screen_mode,
                    identify: shared.identify_until.is_some_and(|t| now < t),
                    links: shared
                        .link_status
                        .get(shared.presentation.current())
                        .map_or(&[], Vec::as_slice),
                    venue_check: shared.venue_check.as_deref(),
                    confirm_quit: shared.confirm_quit,
                    images: &shared.images,
                    recent: &shared.recent,
                };
                console_ui(ui, &view)
            })
            .inner;
        shared.notes_scroll = 0.0;
        for command in clicked {
            changed |= shared.handle(&ctx, command, now);
        }
        if changed {
            ctx.request_repaint_of(audience_viewport());
            ctx.request_repaint();
        }

        let title = console_title(shared.deck(), &shared.presentation);
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        schedule_repaint(&ctx, &shared.presentation, now, wall);
        if let Some(until) = shared.identify_until.filter(|t| *t > now) {
            // Take the labels down on time in both windows.
            ctx.request_repaint_after(until - now);
            ctx.request_repaint_after_for(until - now, audience_viewport());
        }
        let audience_open = shared.audience_open;
        let settings = Settings {
            notes_zoom: shared.notes_zoom,
            screens: shared.remembered_screens.clone(),
            recent: shared.recent.clone(),
        };
        drop(shared);
        self.save_settings(&settings);

        if audience_open {
            let state = Arc::clone(&self.shared);
            let clock = self.clock.clone();
            ctx.show_viewport_deferred(audience_viewport(), builder, move |ui, class| {
                audience_window_ui(ui, &state, &clock, class);
            });
        }
    }
}

/// One frame of the audience window: its keys drive the same commands as
/// the console's, then it paints the slide.
fn audience_window_ui(
    ui: &mut egui::Ui,
    state: &Mutex<Shared>,
    clock: &Clock,
    class: egui::ViewportClass,
) {
    let ctx = ui.ctx().clone();
    let now = clock.now();
    let mut shared = lock(state);
    let mut changed = false;
    // An embedded audience view (tests, backends without windows) shares
    // the console's input, which the console has handled already.
    if class != egui::ViewportClass::EmbeddedWindow {
        for command in ctx.input(|i| input::commands(i, false)) {
            changed |= shared.handle(&ctx, command, now);
        }
    }
    // A deck dropped on the audience window opens too.
    if let Some(path) = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .find_map(|f| (!f.path().as_os_str().is_empty()).then(|| f.path().to_path_buf()))
    }) {
        shared.open_request = Some(path);
        ctx.request_repaint_of(ViewportId::ROOT);
    }
    if ctx.input(|i| i.viewport().close_requested()) {
        // Closing the audience window never quits cuecard: the console
        // says so and can reopen it.
        shared.audience_open = false;
        shared.audience_fullscreen = false;
        changed = true;
    }
    if changed {
        ctx.request_repaint_of(ViewportId::ROOT);
    }
    let wall = clock.wall();
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(ui, |ui| {
            let identify = shared.identify_until.is_some_and(|t| now < t);
            audience_ui(
                ui,
                shared.deck(),
                &shared.presentation,
                now,
                wall,
                identify,
                &shared.images,
            );
        });
    // The audience sees a clock only during a break or a discussion the
    // presenter chose to show: then it repaints once a second.
    let ticking =
        shared.presentation.break_ends().is_some() || shared.presentation.discussion_on_audience();
    if ticking {
        ctx.request_repaint_after(until_next_wall_second(wall));
    }
}

/// Time until the next whole second of the wall clock `wall`.
fn until_next_wall_second(wall: chrono::NaiveTime) -> Duration {
    use chrono::Timelike as _;
    Duration::from_millis(u64::from(1000 - (wall.nanosecond() / 1_000_000) % 1000))
}

/// Asks for the images of the slides on screen and their neighbours (all
/// slides while the overview is open), and repaints both windows when a
/// decoded image arrives.
fn load_images(ctx: &egui::Context, shared: &mut Shared) {
    let Some(loaded) = shared.deck.as_ref() else {
        return;
    };
    let p = &shared.presentation;
    let wanted: Vec<usize> = if p.overview().is_some() {
        (0..p.slide_count()).collect()
    } else {
        let mut wanted = vec![p.current()];
        wanted.extend(p.next_index());
        wanted.extend(p.previous_index());
        wanted.extend(p.frozen());
        wanted
    };
    shared.images.want(ctx, &loaded.deck, wanted);
    if shared.images.poll(ctx) {
        ctx.request_repaint_of(audience_viewport());
    }
}

/// Repaints once a second while a clock on the console counts (talk
/// timer, discussion, break), and otherwise at the next minute for the wall
/// clock.
fn schedule_repaint(
    ctx: &egui::Context,
    presentation: &Presentation,
    now: Instant,
    wall: chrono::NaiveTime,
) {
    use chrono::Timelike as _;
    let next_minute = Duration::from_secs(u64::from(60 - wall.second().min(59)));
    let counting = presentation.discussion().is_some_and(|d| !d.is_over(now))
        || presentation.break_ends().is_some();
    let second = if counting {
        Some(until_next_wall_second(wall))
    } else {
        presentation.timer.until_next_second(now)
    };
    let after = second.map_or(next_minute, |second| second.min(next_minute));
    ctx.request_repaint_after(after);
}

/// Starts cuecard on `deck` (the built-in Module 5 deck for `None`) and
/// blocks until the console window closes.
///
/// # Errors
/// The error of [`eframe::run_native`] when no window can be opened.
pub fn run(deck: Option<&Path>) -> eframe::Result {
    let settings_dir = crate::settings::default_dir();
    install_panic_hook(settings_dir.clone());
    let source = deck.map_or(DeckSource::BuiltIn, |p| DeckSource::File(p.to_path_buf()));
    let loaded = load(&source);
    match &loaded {
        Ok(loaded) => {
            for diagnostic in &loaded.diagnostics {
                eprintln!("{diagnostic}");
            }
        }
        Err(error) => eprintln!("{error}"),
    }
    let options = eframe::NativeOptions {
        viewport: ViewportBuilder::default()
            .with_title("cuecard")
            .with_app_id(crate::desktop::DESKTOP_ID)
            .with_icon(crate::desktop::window_icon())
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0]),
        window_builder: Some(Box::new(crate::desktop::console_window)),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "cuecard",
        options,
        Box::new(move |cc| {
            crate::ui::fonts::install(&cc.egui_ctx);
            Ok(Box::new(
                PresenterApp::new(loaded, Clock::System)
                    .with_settings_dir(settings_dir)
                    .with_source(source),
            ))
        }),
    )
}

/// If cuecard ever panics, write a crash report (message, place, backtrace)
/// to `dir` (cuecard's data folder; the system's temporary folder if
/// `None`) and tell the presenter on stderr where it is. The settings file
/// is never touched by the hook.
pub fn install_panic_hook(dir: Option<PathBuf>) {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let dir = dir.clone().unwrap_or_else(std::env::temp_dir);
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let path = dir.join(format!("crash-{stamp}.txt"));
        let report = format!(
            "cuecard {} crashed at {}\n{info}\n\nbacktrace:\n{}\n",
            env!("CARGO_PKG_VERSION"),
            chrono::Local::now().to_rfc3339(),
            std::backtrace::Backtrace::force_capture()
        );
        match crate::settings::write_atomically(&path, report.as_bytes()) {
            Ok(()) => eprintln!(
                "cuecard stopped because of a bug. A crash report is in {}; please send it to the cuecard team. Your decks and settings are not changed.",
                path.display()
            ),
            Err(error) => eprintln!(
                "cuecard stopped because of a bug, and the crash report could not be written to {} ({error}):\n{report}",
                path.display()
            ),
        }
        default_hook(info);
    }));
}
