//! The eframe shell: the two windows, input to commands, monitors, opening
//! and reloading decks, settings, repaint scheduling. Behaviour lives in
//! [`crate::show`]; drawing in [`crate::ui`].
//!
//! Every input source sends [`Input`]s through one [`CommandSender`]; the
//! console's frame drains them once and applies each in one place,
//! [`PresenterApp::apply`] (see `ARCHITECTURE.md`).

mod apply;
mod audience_window;
pub mod bus;
mod clock;
mod export;
pub mod input;
pub mod monitor_watch;
pub mod notices;
mod open;
mod panic;
pub mod partial_repaint;
mod pointing;
mod record;
pub mod reload;
pub mod remote;
mod repaint;
pub mod screens;
pub mod state;
pub mod summary;
pub mod textures;
mod windows;
pub mod wm_class;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use egui::{ViewportBuilder, ViewportCommand, ViewportId};

use crate::deck::{DeckError, LoadedDeck};
use crate::settings::Settings;
use crate::show::Presentation;
use crate::ui::console::{ConsoleView, console_title, console_ui};

pub use audience_window::AudienceFrame;
pub use bus::{CommandBus, CommandLog, CommandSender, Input, LogEntry};
pub use clock::Clock;
pub use export::{SaveDialog, export_unavailable};
pub use notices::{Notice, NoticeSource, Notices, Severity};
pub use open::Opener;
pub use panic::install_panic_hook;
pub use state::{ConsoleState, DeckSource, ReadyDeck, Session, WindowState, load};

/// The audience window's viewport id.
pub fn audience_viewport() -> ViewportId {
    ViewportId::from_hash_of("cuecard-audience")
}

/// The cuecard app: the console as the root window, the audience view as
/// a deferred viewport that reads a snapshot ([`AudienceFrame`]).
pub struct PresenterApp {
    session: Session,
    console: ConsoleState,
    windows: WindowState,
    notices: Notices,
    /// The slides' pictures as textures, shared with the audience window.
    textures: Arc<Mutex<textures::SlideTextures>>,
    /// What the audience window draws, published after each frame.
    audience_frame: Arc<Mutex<Arc<AudienceFrame>>>,
    bus: CommandBus,
    loader: open::DeckLoader,
    /// Watches the deck's files for live reload.
    watcher: Option<reload::DeckWatcher>,
    /// Whether live reload is off because the watcher could not start.
    watch_failed: bool,
    /// Whether the watcher has sent a Reload the console has not applied.
    reload_pending: Arc<std::sync::atomic::AtomicBool>,
    /// Whether the file dialog is open.
    dialog_open: bool,
    /// How the save dialog of "Print guide…" and "Export handout…" opens.
    save_dialog: SaveDialog,
    /// The guide or handout being exported, from the press until the
    /// worker answers.
    export: Option<export::PendingExport>,
    /// How local media and links are opened.
    opener: Opener,
    /// Where settings are remembered (`None`: nowhere).
    settings_dir: Option<PathBuf>,
    /// The settings as last saved.
    saved: Settings,
    /// Decks opened recently, newest first (remembered).
    recent: Vec<PathBuf>,
    /// The audience monitor remembered per monitor setup.
    remembered_screens: std::collections::BTreeMap<String, crate::show::monitors::MonitorId>,
    /// The commands applied, when recording.
    log: Option<CommandLog>,
    /// The session record (what happened in the room).
    recording: record::Recording,
    /// Where session records go (`None`: nowhere).
    sessions_dir: Option<PathBuf>,
    /// The end-of-talk summary and the rehearsed timings it offers.
    end_of_talk: summary::EndOfTalk,
    /// The clock the views read; replaced in tests.
    clock: Clock,
    /// The phone remote (off by default).
    remote: remote::RemoteSlot,
    /// The presenter's choice of 12- or 24-hour clock.
    clock_format: crate::show::hours::ClockFormat,
    /// The system's clock (24 hours until [`Self::with_system_hours`]).
    system_hours: crate::show::hours::HourCycle,
    /// Whether egui's own quit and zoom shortcuts are turned off (once).
    shortcuts_owned: bool,
}

/// Locks a mutex; a panic elsewhere never makes it unusable.
pub fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl PresenterApp {
    /// An app presenting `loaded` (or showing why it did not load).
    pub fn new(loaded: Result<LoadedDeck, DeckError>, clock: Clock) -> Self {
        let session = Session::new(loaded);
        let mut textures = textures::SlideTextures::new(None);
        if let Some(ready) = &session.deck {
            textures.reset(ready.loaded.folder.clone(), ready.pdf.clone());
        }
        let app = Self {
            session,
            console: ConsoleState::default(),
            windows: WindowState {
                audience_open: true,
                ..WindowState::default()
            },
            notices: Notices::default(),
            textures: Arc::new(Mutex::new(textures)),
            audience_frame: Arc::new(Mutex::new(Arc::new(AudienceFrame::default()))),
            bus: CommandBus::new(),
            loader: open::DeckLoader::default(),
            watcher: None,
            watch_failed: false,
            reload_pending: Arc::default(),
            dialog_open: false,
            save_dialog: SaveDialog::default(),
            export: None,
            opener: Opener::default(),
            settings_dir: None,
            saved: Settings::default(),
            recent: Vec::new(),
            remembered_screens: std::collections::BTreeMap::new(),
            log: None,
            recording: record::Recording::Off,
            sessions_dir: None,
            end_of_talk: summary::EndOfTalk::default(),
            clock,
            remote: remote::RemoteSlot::new(),
            clock_format: crate::show::hours::ClockFormat::System,
            system_hours: crate::show::hours::HourCycle::TwentyFour,
            shortcuts_owned: false,
        };
        app.publish();
        app
    }

    /// Presents from `source`: a file is watched and reloaded when it
    /// changes, and Ctrl+R reloads it.
    #[must_use]
    pub fn with_source(mut self, source: DeckSource) -> Self {
        self.session.source = Some(source);
        self
    }

    /// Reads the monitors from `monitors` instead of the window system, on
    /// every frame: for tests of the whole app with monitors plugged in and
    /// pulled out, and mixed scale factors no test machine has.
    #[must_use]
    pub fn with_simulated_monitors(mut self, monitors: screens::SimulatedMonitors) -> Self {
        self.windows.screens.simulated = Some(monitors);
        self
    }

    /// Opens local media and links with `opener` (tests record instead).
    #[must_use]
    pub fn with_opener(mut self, opener: Opener) -> Self {
        self.opener = opener;
        self
    }

    /// Asks where to save exported PDFs with `dialog` (tests use
    /// [`SaveDialog::Unavailable`], which saves beside the deck).
    #[must_use]
    pub fn with_save_dialog(mut self, dialog: SaveDialog) -> Self {
        self.save_dialog = dialog;
        self
    }

    /// Records every applied command (see [`Self::command_log`]).
    #[must_use]
    pub fn with_command_log(mut self) -> Self {
        self.log = Some(CommandLog::new(self.clock.now()));
        self
    }

    /// Remembers settings in folder `dir` (`None`: remember nothing, e.g.
    /// in tests). Reads them now; a damaged file gives the defaults and a
    /// notice on the console.
    #[must_use]
    pub fn with_settings_dir(mut self, dir: Option<PathBuf>) -> Self {
        if let Some(dir) = &dir {
            let (settings, warning) = Settings::load(dir);
            self.console.notes_zoom = settings.notes_zoom;
            self.remembered_screens.clone_from(&settings.screens);
            self.recent.clone_from(&settings.recent);
            self.clock_format = settings.clock;
            if let Some(warning) = warning {
                self.notices
                    .push(Severity::Warning, NoticeSource::Settings, warning);
            }
            self.saved = settings;
        }
        self.settings_dir = dir;
        self
    }

    /// Reads the wall clock as the system does (12 or 24 hours), unless
    /// the presenter chose otherwise.
    #[must_use]
    pub fn with_system_hours(mut self, hours: crate::show::hours::HourCycle) -> Self {
        self.system_hours = hours;
        self
    }

    /// The clock the windows show: 12 or 24 hours.
    pub fn hours(&self) -> crate::show::hours::HourCycle {
        self.clock_format.resolve(self.system_hours)
    }

    /// A sender for another input source (a test, the phone remote).
    pub fn sender(&self) -> CommandSender {
        self.bus.sender()
    }

    /// The presentation state.
    pub fn presentation(&self) -> &Presentation {
        &self.session.presentation
    }

    /// The presentation session (deck, model, reload count).
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The console's view state.
    pub fn console(&self) -> &ConsoleState {
        &self.console
    }

    /// The windows' state.
    pub fn windows(&self) -> &WindowState {
        &self.windows
    }

    /// The console's messages.
    pub fn notices(&self) -> &Notices {
        &self.notices
    }

    /// Decks opened recently, newest first.
    pub fn recent(&self) -> &[PathBuf] {
        &self.recent
    }

    /// The slides' pictures as textures.
    pub fn textures(&self) -> Arc<Mutex<textures::SlideTextures>> {
        Arc::clone(&self.textures)
    }

    /// The commands applied so far, if recording.
    pub fn command_log(&self) -> Option<&CommandLog> {
        self.log.as_ref()
    }

    /// What the audience window draws now.
    pub fn audience_frame(&self) -> Arc<AudienceFrame> {
        Arc::clone(&lock(&self.audience_frame))
    }

    /// Publishes what the audience window (and other readers) show.
    fn publish(&self) {
        let frame = AudienceFrame {
            deck: self.session.deck.clone(),
            presentation: self.session.presentation.clone(),
            identify_until: self.console.identify_until,
            venue_check_open: self.console.venue_check.is_some(),
            pointing: self.console.pointing.clone(),
            ink: self.session.ink.clone(),
            hours: self.hours(),
        };
        *lock(&self.audience_frame) = Arc::new(frame);
    }

    /// The settings as they are now.
    fn settings(&self) -> Settings {
        Settings {
            notes_zoom: self.console.notes_zoom,
            screens: self.remembered_screens.clone(),
            recent: self.recent.clone(),
            clock: self.clock_format,
        }
    }

    /// Saves the settings if they changed since the last save.
    fn save_settings(&mut self) {
        let current = self.settings();
        if current == self.saved {
            return;
        }
        if let Some(dir) = &self.settings_dir
            && let Err(error) = current.save(dir)
        {
            let message = format!("cannot save the settings in {}: {error}", dir.display());
            self.notices
                .push(Severity::Warning, NoticeSource::Settings, message);
        }
        self.saved = current;
    }
}

impl eframe::App for PresenterApp {
    /// The console's background: the panel's colour, so that the console's
    /// panel needs no fill of its own (see `ui`).
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }

    /// The presenter closed cuecard: the session record ends cleanly and
    /// the phone remote stops.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        let now = self.clock.now();
        self.finish_recording(now);
        // Paired phones stop working as soon as cuecard quits.
        self.stop_remote();
    }

    /// Tab opens the overview (pdfpc, Impressive) unless a console button
    /// has the keyboard: take it away from egui before its focus handling
    /// sees it, and send it as a command.
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if ctx.memory(|m| m.focused().is_some()) {
            return;
        }
        let sender = self.bus.sender();
        raw_input.events.retain(|event| match event {
            egui::Event::Key {
                key: egui::Key::Tab,
                pressed,
                modifiers,
                ..
            } if modifiers.is_none() => {
                if *pressed {
                    sender.send(crate::show::ShellCommand::ToggleOverview);
                }
                false
            }
            _ => true,
        });
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.bus.attach(&ctx);
        if !self.shortcuts_owned {
            // Every key goes through cuecard's key map: egui's own Ctrl+Q
            // would close the console mid-talk without the question, and
            // its Ctrl+plus/minus/0 would zoom the whole console (cuecard's
            // + / - / Ctrl+0 zoom the notes).
            ctx.options_mut(|o| {
                o.quit_shortcuts.clear();
                o.zoom_with_keyboard = false;
            });
            self.shortcuts_owned = true;
        }
        let now = self.clock.now();
        let wall = self.clock.wall();
        self.update_screens(&ctx, frame);
        self.start_watcher();
        let mut changed = self.take_loaded(&ctx);

        // Every input of this frame, in order: the channel (other windows,
        // threads, Tab), then the console's own keys, then its clicks.
        let mut inputs = self.bus.drain();
        if ctx.input(|i| i.viewport().close_requested()) {
            // Closing the console window by mistake must not end a talk.
            if !self.windows.quit_confirmed && self.session.presentation.timer.is_started() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                inputs.push(crate::show::ShellCommand::Quit.into());
            }
        }
        let typing = ctx.memory(|m| m.focused().is_some());
        let presses = ctx.input(|i| input::presses(i, typing, &mut self.windows.console_keys, now));
        if self.console.parking_open {
            // The parking lot's box has the keyboard: only Esc (which
            // closes it) is a command.
            if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
                inputs.push(crate::show::ShellCommand::CloseParkingLot.into());
            }
        } else {
            inputs.extend(input::window_inputs(
                presses,
                self.console.venue_check.is_some(),
            ));
        }
        if let Some(zoom) = input::notes_zoom_gesture(&ctx) {
            inputs.push(crate::show::ShellCommand::NotesZoomBy(zoom).into());
        }
        if ctx.input(|i| i.key_pressed(egui::Key::F6)) {
            ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::Next));
        }
        if let Some(path) = input::dropped_deck(&ctx) {
            inputs.push(crate::show::ShellCommand::OpenDeck(path).into());
        }
        for input in inputs {
            changed |= self.apply_input(&ctx, input, now);
        }
        self.observe(now);
        self.update_end_of_talk(now);
        self.prepare_textures(&ctx);
        self.publish_remote(now);
        let remote_view = self.remote.view();

        // No fill: the window is cleared to the panel's colour
        // (`clear_color`), which costs a software renderer far less than a
        // quad over the whole window on every repaint (docs/PERFORMANCE.md).
        let panel =
            egui::Frame::central_panel(&ctx.global_style()).fill(egui::Color32::TRANSPARENT);
        let clicked = egui::CentralPanel::default()
            .frame(panel)
            .show(ui, |ui| {
                let textures = lock(&self.textures);
                let current = self.session.presentation.current();
                let view = ConsoleView {
                    deck: self.session.deck(),
                    presentation: &self.session.presentation,
                    now,
                    wall,
                    deck_error: self.session.deck_error.as_deref(),
                    notices: self.notices.list(),
                    console: &self.console,
                    audience_open: self.windows.audience_open,
                    monitors: &self.windows.screens.state.monitors,
                    console_monitor: self.windows.screens.state.console,
                    audience_monitor: self.windows.screens.state.audience_monitor(),
                    projector_gone: self.windows.screens.state.disconnected().is_some(),
                    screen_mode: self.windows.screen_mode,
                    hours: self.hours(),
                    clock_format: self.clock_format,
                    layout_in_use: self.windows.layout_in_use(),
                    identify: self.console.identifying(now),
                    links: self.session.links_of(current),
                    images: &*textures,
                    ink: &self.session.ink,
                    recent: &self.recent,
                    resume_offer: self
                        .resume_offer()
                        .map(crate::session::ResumeOffer::message),
                    parked: self.parked(),
                    end_of_talk: &self.end_of_talk,
                    session_file: self.session_file(),
                    remote: &remote_view,
                    export: crate::ui::console::ExportButtons {
                        running: self.exporting(),
                        unavailable: export_unavailable(
                            self.session.deck.as_ref().map(|d| &*d.loaded),
                        ),
                    },
                };
                console_ui(ui, &view)
            })
            .inner;
        self.console.notes_scroll = 0.0;
        for command in clicked {
            changed |= self.apply_input(&ctx, Input::Intent(command), now);
        }
        // The end of the talk follows a click in the next frame, which a
        // change asks for below.
        self.observe(now);
        if changed {
            self.publish();
            ctx.request_repaint_of(audience_viewport());
            ctx.request_repaint();
        }

        let title = console_title(self.session.deck(), &self.session.presentation);
        if title != self.windows.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.windows.title = title;
        }
        repaint::schedule(&ctx, &self.session.presentation, &self.console, now, wall);
        self.save_settings();

        // A window whose monitor went away stays closed until one comes
        // back (it would cover the console).
        if self.windows.audience_open && self.windows.screens.state.disconnected().is_none() {
            // Opened with the latest placement; after that it is moved by
            // commands, so the builder it was opened with stays the same.
            let hidden_for_names = self.windows.screens.namer.is_some();
            let opening = self.windows.audience_live.is_none();
            let builder = self
                .windows
                .audience_live
                .get_or_insert_with(|| {
                    let mut opened = self.windows.audience_builder.clone().unwrap_or_default();
                    if hidden_for_names {
                        // Shown by `reveal_audience` once X11 knows its names.
                        opened = opened.with_visible(false);
                    }
                    if screens::logging() {
                        eprintln!(
                            "cuecard screens: the audience window opens (monitor {:?}, full screen {:?}, at {:?}, size {:?})",
                            opened.monitor, opened.fullscreen, opened.position, opened.inner_size
                        );
                    }
                    opened
                })
                .clone();
            let window = audience_window::AudienceWindow {
                frame: Arc::clone(&self.audience_frame),
                textures: Arc::clone(&self.textures),
                sender: self.bus.sender(),
                clock: self.clock.clone(),
                keys: Arc::clone(&self.windows.audience_keys),
                rect: Arc::clone(&self.windows.audience_rect),
                pointing_here: Arc::clone(&self.windows.audience_pointing_here),
            };
            ctx.show_viewport_deferred(audience_viewport(), builder, move |ui, class| {
                window.ui(ui, class);
            });
            if opening && hidden_for_names {
                self.windows.screens.audience_hidden_since = Some(std::time::Instant::now());
            }
            self.reveal_audience(&ctx);
        } else {
            self.windows.audience_live = None;
            self.windows.screens.audience_hidden_since = None;
            *lock(&self.windows.audience_rect) = None;
        }
    }
}

/// Starts cuecard on `deck` (the built-in Module 5 deck for `None`) and
/// blocks until the console window closes.
///
/// # Errors
/// The error of [`eframe::run_native`] when no window can be opened.
pub fn run(deck: Option<&Path>, remote: bool) -> eframe::Result {
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
        // Dithering hides banding in gradients; cuecard draws flat colours,
        // text and pictures, and the dither costs every pixel of every
        // repaint on a software renderer (docs/PERFORMANCE.md).
        dithering: false,
        ..Default::default()
    };
    eframe::run_native(
        "cuecard",
        options,
        Box::new(move |cc| {
            crate::ui::fonts::install(&cc.egui_ctx);
            if let Some(partial) = partial_repaint::PartialRepaint::from_env() {
                cc.egui_ctx.add_plugin(partial);
            }
            Ok(Box::new(
                PresenterApp::new(loaded, Clock::System)
                    .with_system_hours(crate::desktop::system_hours())
                    .with_sessions_dir(settings_dir.as_deref().map(crate::session::sessions_dir))
                    .with_settings_dir(settings_dir)
                    .with_source(source)
                    .with_remote(remote),
            ))
        }),
    )
}
