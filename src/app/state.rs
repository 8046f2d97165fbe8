//! The app's state, split by owner: the presentation session (deck and
//! model), the console's view state, and the windows. Resources (textures)
//! live in [`super::textures`], remembered settings in [`crate::settings`],
//! messages in [`super::notices`].

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::deck::policy::LinkStatus;
use crate::deck::{self, Deck, DeckError, LoadedDeck};
use crate::show::clicker::PressFilter;
use crate::show::monitors::ScreenMode;
use crate::show::pickers::Pickers;
use crate::show::{LinkTarget, Presentation};

use super::screens::Screens;

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

/// A deck that loaded, with its links checked: what a load hands the app.
#[derive(Debug, Clone)]
pub struct ReadyDeck {
    /// The deck and its diagnostics.
    pub loaded: Arc<LoadedDeck>,
    /// Each slide's links, checked against the link policy.
    pub links: Arc<Vec<Vec<LinkStatus>>>,
    /// The deck's PDF, when it names one: where it is, its pages' sizes.
    pub pdf: Option<super::textures::PdfPages>,
}

impl ReadyDeck {
    /// Checks the links of `loaded` (touches the disk for local copies).
    pub fn new(loaded: LoadedDeck) -> Self {
        let links = Arc::new(loaded.link_status());
        let pdf = super::textures::PdfPages::open(&loaded);
        Self {
            loaded: Arc::new(loaded),
            links,
            pdf,
        }
    }
}

/// The presentation session: the deck being presented and the model.
pub struct Session {
    /// The deck, if one loaded.
    pub(crate) deck: Option<ReadyDeck>,
    /// The presentation state.
    pub(crate) presentation: Presentation,
    /// Where the deck came from (a file can be reloaded).
    pub(crate) source: Option<DeckSource>,
    /// Why the deck did not load, or the errors it presents with, as
    /// `path:line:column: ...` lines.
    pub(crate) deck_error: Option<String>,
    /// How many times the deck was loaded again (by hand or on a change).
    pub(crate) reloads: usize,
    /// What the presenter drew on the slides this session (never written
    /// to the deck).
    pub(crate) ink: crate::show::pointing::Ink,
}

/// The errors that do not stop the show (a refused link), for the banner.
pub fn presentable_errors(loaded: &LoadedDeck) -> Option<String> {
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    (!errors.is_empty()).then(|| errors.join("\n"))
}

impl Session {
    /// A session for a deck that loaded or failed to.
    pub fn new(loaded: Result<LoadedDeck, DeckError>) -> Self {
        match loaded {
            Ok(loaded) => {
                let deck_error = presentable_errors(&loaded);
                let ready = ReadyDeck::new(loaded);
                Self {
                    presentation: Presentation::new(&ready.loaded.deck),
                    deck: Some(ready),
                    source: None,
                    deck_error,
                    reloads: 0,
                    ink: crate::show::pointing::Ink::default(),
                }
            }
            Err(error) => Self {
                presentation: Presentation::new(&empty_deck()),
                deck: None,
                source: None,
                deck_error: Some(error.to_string()),
                reloads: 0,
                ink: crate::show::pointing::Ink::default(),
            },
        }
    }

    /// The deck, if one loaded.
    pub fn deck(&self) -> Option<&Deck> {
        self.deck.as_ref().map(|d| &d.loaded.deck)
    }

    /// How many times the deck was loaded again (by hand or on a change),
    /// counting loads that failed.
    pub fn reloads(&self) -> usize {
        self.reloads
    }

    /// Why the deck did not load, or the errors it presents with.
    pub fn deck_error(&self) -> Option<&str> {
        self.deck_error.as_deref()
    }

    /// The current slide's links, checked.
    pub fn links_of(&self, slide: usize) -> &[LinkStatus] {
        self.deck
            .as_ref()
            .and_then(|d| d.links.get(slide))
            .map_or(&[], Vec::as_slice)
    }
}

/// An empty deck, for the model when no deck loaded.
pub fn empty_deck() -> Deck {
    Deck::titled("cuecard".to_owned(), Vec::new())
}

/// Smallest and largest notes zoom.
pub const NOTES_ZOOM_RANGE: (f32, f32) = (0.6, 3.0);
/// One zoom step (+ or -).
pub const NOTES_ZOOM_STEP: f32 = 1.15;
/// Key presses the venue check lists.
pub const VENUE_CHECK_ROWS: usize = 12;
/// How long "Audience" / "Presenter" stay on the windows.
pub const IDENTIFY_FOR: Duration = Duration::from_secs(2);

/// One row of the venue check: a press and what cuecard does with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VenueRow {
    /// The press as a presenter would say it (`Page Down`, `"."`).
    pub pressed: String,
    /// What cuecard does with it (`None`: ignores it).
    pub meaning: Option<String>,
}

/// The console's view state: what the presenter opened on the console.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::struct_excessive_bools)] // independent things the presenter opened or chose
pub struct ConsoleState {
    /// The go-to prompt and the overview.
    pub pickers: Pickers,
    /// Whether the key help is showing.
    pub help_open: bool,
    /// Zoom of the speaker notes (1.0 = normal), remembered between runs.
    pub notes_zoom: f32,
    /// Points to scroll the notes by in the next frame (positive: down).
    pub notes_scroll: f32,
    /// The venue check's rows, newest last, while it is open.
    pub venue_check: Option<Vec<VenueRow>>,
    /// Whether the console asks "Quit cuecard?".
    pub confirm_quit: bool,
    /// Until when "Audience" and "Presenter" are flashed on the windows.
    pub identify_until: Option<Instant>,
    /// Whether the parking lot's box is open.
    pub parking_open: bool,
    /// A warned link waiting for "Open anyway" (slide, link, address).
    pub link_question: Option<LinkQuestion>,
    /// Warned links the presenter chose to open; not asked again until the
    /// deck is loaded again.
    pub links_confirmed: Vec<(usize, usize, LinkTarget)>,
    /// The pointing or drawing tool, where it points, the spotlight's
    /// size and the zoom.
    pub pointing: crate::show::pointing::Pointing,
    /// Whether "Print guide…" prints this session's ink over the slides.
    pub print_ink: bool,
}

/// "Open this link?", asked once for a link with a caution (a password in
/// it, a lookalike host).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkQuestion {
    /// Slide index.
    pub slide: usize,
    /// Link index in the slide.
    pub link: usize,
    /// Which address.
    pub target: LinkTarget,
    /// The address that would open (without a password).
    pub address: String,
    /// Why cuecard asks, one sentence each.
    pub cautions: Vec<String>,
}

impl Default for ConsoleState {
    fn default() -> Self {
        Self {
            pickers: Pickers::default(),
            help_open: false,
            notes_zoom: 1.0,
            notes_scroll: 0.0,
            venue_check: None,
            confirm_quit: false,
            identify_until: None,
            parking_open: false,
            link_question: None,
            links_confirmed: Vec::new(),
            pointing: crate::show::pointing::Pointing::default(),
            print_ink: false,
        }
    }
}

impl ConsoleState {
    /// Multiplies the notes zoom by `factor`, within [`NOTES_ZOOM_RANGE`].
    /// Returns whether it changed.
    pub fn zoom_notes(&mut self, factor: f32) -> bool {
        let (min, max) = NOTES_ZOOM_RANGE;
        let mut zoom = (self.notes_zoom * factor).clamp(min, max);
        // Back near the normal size is the normal size, exactly.
        if (zoom - 1.0).abs() < 0.005 {
            zoom = 1.0;
        }
        let changed = (zoom - self.notes_zoom).abs() > f32::EPSILON;
        self.notes_zoom = zoom;
        changed
    }

    /// Notes `steps` zoom steps larger (negative: smaller), on the ladder
    /// of whole steps from 100%: out and back in is exactly where it was.
    pub fn zoom_notes_step(&mut self, steps: i32) -> bool {
        let on = (self.notes_zoom.ln() / NOTES_ZOOM_STEP.ln()).round();
        // `on` is a small whole number (the zoom range is a few steps).
        #[allow(clippy::cast_possible_truncation)]
        let target = NOTES_ZOOM_STEP.powi(on as i32 + steps);
        self.zoom_notes(target / self.notes_zoom)
    }

    /// Whether the screens are being identified at `now`.
    pub fn identifying(&self, now: Instant) -> bool {
        self.identify_until.is_some_and(|t| now < t)
    }
}

/// The windows: whether the audience window is open and full screen, how
/// they are laid out, and the monitors.
#[derive(Default)]
pub struct WindowState {
    /// Whether the audience window is open.
    pub audience_open: bool,
    /// Whether the audience window is full screen.
    pub audience_fullscreen: bool,
    /// How the two windows are laid out.
    pub screen_mode: ScreenMode,
    /// The monitors and where the windows are.
    pub screens: Screens,
    /// The settings the audience window opens with: the latest placement.
    pub audience_builder: Option<egui::ViewportBuilder>,
    /// The settings the open audience window was opened with (`None` while
    /// it is closed); kept as they were, since egui turns any difference
    /// into window commands.
    pub audience_live: Option<egui::ViewportBuilder>,
    /// The console's title as last sent.
    pub title: String,
    /// Whether quitting was confirmed.
    pub quit_confirmed: bool,
    /// One action per physical press of a key on the console.
    pub console_keys: PressFilter<egui::Key>,
    /// The same for the audience window (which reads its keys itself).
    pub audience_keys: Arc<Mutex<PressFilter<egui::Key>>>,
    /// Where the audience window really is (pixels), as its last frame
    /// said; `None` while it is closed.
    pub audience_rect: Arc<Mutex<Option<crate::show::screen_plan::PixelRect>>>,
    /// Mouse-wheel turns over a slide, as slide steps.
    pub wheel: crate::show::clicker::WheelGate,
    /// Whether the mouse was on the audience window's slide last frame
    /// (it points there while a pointing tool is on).
    pub audience_pointing_here: Arc<std::sync::atomic::AtomicBool>,
}

impl WindowState {
    /// A new deck title for the audience window, open or not.
    pub fn set_audience_title(&mut self, title: &str) {
        for builder in [&mut self.audience_builder, &mut self.audience_live] {
            if let Some(b) = builder.take() {
                *builder = Some(b.with_title(title));
            }
        }
    }

    /// How the windows are really laid out now, which is not always the
    /// mode chosen: Present with one monitor puts them side by side.
    /// `None` when the audience window is closed.
    pub fn layout_in_use(&self) -> Option<ScreenMode> {
        if !self.audience_open || self.screens.state.disconnected().is_some() {
            return None;
        }
        Some(if !self.audience_fullscreen {
            ScreenMode::Rehearse
        } else if self.screens.state.console_on_top {
            ScreenMode::Mirror
        } else {
            ScreenMode::Present
        })
    }
}
