//! Everything a presenter can ask for, as intents: what they mean, not
//! which key they pressed. Every input source (keys of both windows,
//! clicks, drops, the file dialog, the reload watcher, later the phone
//! remote and the pointer) produces these, and the app applies them in one
//! place.
//!
//! - [`Command`]: acts on the [`crate::show::Presentation`] (the model).
//! - [`ShellCommand`]: acts on the windows, files and the console's view
//!   state (help, notes zoom, the go-to prompt and the overview).
//! - [`AppCommand`]: either, as it travels on the app's command channel.
//!
//! All three are serde-serializable, so a log of `(offset, command)` can
//! be written and replayed.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::monitors::ScreenMode;
pub use super::pointing::Tool;
use super::pointing::{InkColor, SlidePoint};

/// Length of a discussion count-down when the prompt suggests none, in
/// minutes.
pub const DEFAULT_DISCUSSION_MINUTES: u32 = 3;

/// A presenter's intent for the presentation itself. Applied by
/// [`crate::show::Presentation::apply`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// Next visible slide (clicker forward).
    Next,
    /// Previous visible slide (clicker back).
    Previous,
    /// First slide.
    First,
    /// Last slide.
    Last,
    /// Go to the slide at this 0-based index (hidden slides included).
    GoTo(usize),
    /// Back to the slide shown before the last jump (go-to, first, last,
    /// overview), e.g. after showing something out of order.
    Back,
    /// Freeze the audience view on the slide it shows while the presenter
    /// moves on; unfreezing shows the console's slide.
    ToggleFreeze,
    /// Unfreeze the audience view (does nothing when not frozen).
    Unfreeze,
    /// Black the audience view, or show the slide again.
    ToggleBlackout,
    /// White the audience view, or show the slide again.
    ToggleWhiteout,
    /// Leave a black or white screen and show the slide.
    ShowSlide,
    /// End the talk: the room sees the end screen (black, as after Next on
    /// the last slide), the talk timer and any discussion count-down or
    /// break stop, and the console shows the end-of-talk summary. Previous
    /// brings the slide back; the timer stays paused until resumed.
    EndTalk,
    /// Start, pause or resume the talk timer.
    ToggleTimer,
    /// Reset the talk timer to 0:00 (undoable).
    ResetTimer,
    /// Undo the last timer reset.
    UndoResetTimer,
    /// Start a discussion count-down of this many seconds, for prompt
    /// `prompt` (an index into the current slide's notes) if given.
    StartDiscussion {
        /// Length of the discussion, in seconds.
        seconds: u32,
        /// Index of the prompt in the current slide's notes.
        prompt: Option<usize>,
    },
    /// Stop the discussion count-down.
    StopDiscussion,
    /// Stop a running discussion count-down, or start one for the first
    /// question on this slide not yet ticked (its suggested minutes, else
    /// [`DEFAULT_DISCUSSION_MINUTES`]).
    ToggleDiscussion,
    /// Show or hide the discussion count-down in a corner of the audience
    /// view.
    ToggleDiscussionOnAudience,
    /// Start a break of this many minutes: the audience view shows a
    /// holding screen with the time to come back.
    StartBreak {
        /// Length of the break, in minutes.
        minutes: u32,
    },
    /// End the break and show the slide again.
    EndBreak,
    /// Open or fold the ideas of the prompt at this index in the current
    /// slide's notes.
    ToggleIdeas(usize),
    /// Open or fold the ideas of every prompt on the current slide.
    ToggleAllIdeas,
    /// Tick or untick the prompt at this index in the current slide's notes
    /// as covered.
    ToggleCovered(usize),
}

impl Command {
    /// Whether this command moves between slides (and so ends a break).
    pub fn is_navigation(&self) -> bool {
        matches!(
            self,
            Self::Next | Self::Previous | Self::First | Self::Last | Self::GoTo(_) | Self::Back
        )
    }
}

/// Which of a link's addresses to open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkTarget {
    /// The link's web address.
    Online,
    /// The transcript's web address.
    Transcript,
}

/// A request to the app shell: windows, files, and the console's own view
/// state. The presentation model never sees these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ShellCommand {
    /// Make the speaker notes larger by one step.
    NotesZoomIn,
    /// Make the speaker notes smaller by one step.
    NotesZoomOut,
    /// Notes back to their normal size (100%).
    NotesZoomReset,
    /// Multiply the notes zoom by this factor (Ctrl+mouse wheel, pinch).
    NotesZoomBy(f32),
    /// Scroll the speaker notes by this many points (positive: down).
    ScrollNotes(f32),
    /// Open the go-to prompt (G), empty.
    OpenGoTo,
    /// Open the same prompt for a break of any length (K): the minutes
    /// typed, then Enter, start it.
    OpenBreakPrompt,
    /// Type a digit into the go-to prompt, opening it if needed.
    GoToDigit(u8),
    /// Delete the last digit typed into the go-to prompt.
    GoToErase,
    /// Go to the slide typed into the go-to prompt.
    GoToSubmit,
    /// Close the go-to prompt without going anywhere.
    CloseGoTo,
    /// Open or close the overview of all slides.
    ToggleOverview,
    /// Move the overview's selection by this many slides (rows are
    /// [`crate::show::OVERVIEW_COLUMNS`] slides).
    OverviewMove(i32),
    /// Select the slide at this 0-based index in the overview.
    OverviewSelect(usize),
    /// Go to the overview's selection and close the overview.
    OverviewSubmit,
    /// Show or hide the key help.
    ToggleHelp,
    /// Pick a tool for the slide preview; the tool in use puts it away
    /// (back to [`Tool::Advance`]).
    ChooseTool(Tool),
    /// The laser pointer's next style.
    NextPointerStyle,
    /// Where the mouse is on the slide, in slide coordinates (0..1 from the
    /// top-left corner), or `None` when it left the slide: the laser
    /// pointer or the spotlight follows it.
    PointAt(Option<SlidePoint>),
    /// Where the mouse is over the slide preview, whatever the tool (`None`:
    /// off it): M zooms around it. Nothing the room sees changes.
    Hover(Option<SlidePoint>),
    /// A modifier is held over the slide (with where the mouse is): the
    /// laser pointer shows while it is; `None` when it is let go.
    HoldPointer(Option<SlidePoint>),
    /// Make the spotlight this many times larger (below 1: smaller).
    SizeSpotlight(f32),
    /// Magnify the audience's slide twice around the pointer, or leave the
    /// zoom.
    ToggleZoom,
    /// Magnify the box between two corners (the same place twice: twice
    /// around it).
    ZoomBox {
        /// One corner, in slide coordinates.
        from: SlidePoint,
        /// The opposite corner.
        to: SlidePoint,
    },
    /// Show the whole slide again.
    LeaveZoom,
    /// Start a stroke of the pen or highlighter at this place of the
    /// audience's slide.
    InkBegin(SlidePoint),
    /// Carry the stroke on to here.
    InkTo(SlidePoint),
    /// Finish the stroke.
    InkEnd,
    /// Erase the strokes that pass near here.
    EraseAt(SlidePoint),
    /// Take back the last stroke, erasing or clearing on the audience's
    /// slide.
    UndoInk,
    /// Clear the audience's slide of ink (undo brings it back).
    ClearInk,
    /// The pen's (or, with it in hand, the highlighter's) colour.
    SetInkColor(InkColor),
    /// The next ink colour.
    NextInkColor,
    /// Print this session's ink over the slides in the presenter's guide,
    /// or not.
    TogglePrintInk,
    /// The mouse wheel (or a mouse-mode clicker, or a touchpad) turned by
    /// this many points over a slide, down positive: a notch or a swipe
    /// moves one slide ([`crate::show::clicker::WheelGate`]).
    Wheel(f32),
    /// Read the wall clock in 12 or 24 hours, or as the system does.
    SetClockFormat(super::hours::ClockFormat),
    /// Open or close the venue check (the clicker test).
    ToggleVenueCheck,
    /// A key press seen while the venue check is open: what was pressed and
    /// what cuecard would do with it (`None`: nothing).
    VenuePress {
        /// The press as a presenter would say it (`Page Down`, `"."`).
        pressed: String,
        /// What cuecard does with it, in words.
        meaning: Option<String>,
    },
    /// Swap the monitors of the audience view and the console.
    SwapScreens,
    /// Flash "Audience" and "Presenter" on the windows for two seconds.
    IdentifyScreens,
    /// The audience view full screen on the monitor at this index.
    AudienceOn(usize),
    /// How the two windows are laid out.
    SetScreenMode(ScreenMode),
    /// Put the audience view in or out of full screen.
    ToggleFullscreen,
    /// Put the audience view in full screen (F5, a clicker's start button).
    EnterFullscreen,
    /// Take the audience view out of full screen.
    LeaveFullscreen,
    /// Open the audience window again after it was closed.
    ShowAudience,
    /// The audience window was closed (by the window system or the
    /// presenter); cuecard keeps running.
    AudienceClosed,
    /// Choose a deck to open in the system's file dialog.
    OpenDeckDialog,
    /// The file dialog was closed without choosing a deck.
    OpenDeckDialogClosed,
    /// The file dialog closed too soon for a person to have answered it:
    /// the system has no file dialog to show.
    OpenDeckDialogUnavailable,
    /// A video or web page could not be opened outside cuecard.
    OpenFailed {
        /// What was to be opened.
        target: Outside,
        /// The system's reason, for the log.
        reason: String,
    },
    /// Open the deck at this path (chosen in the dialog, dropped on a
    /// window).
    OpenDeck(PathBuf),
    /// Open the recent deck at this index.
    OpenRecent(usize),
    /// Load the deck file again (by hand, or because it changed on disk).
    Reload,
    /// Live reload stopped working, with the watcher's error.
    LiveReloadFailed(String),
    /// Open a link of a slide in the web browser.
    OpenLink {
        /// Slide index.
        slide: usize,
        /// Link index in the slide.
        link: usize,
        /// Which address.
        target: LinkTarget,
    },
    /// Open the link the console asked about ("Open anyway"), and don't
    /// ask again for it until the deck is loaded again.
    ConfirmLink,
    /// Don't open the link the console asked about.
    CancelLink,
    /// Play the local copy of a link of a slide in the system's player.
    PlayLocal {
        /// Slide index.
        slide: usize,
        /// Link index in the slide.
        link: usize,
    },
    /// Resume the talk the console offers to resume (its slide, its talk
    /// timer, paused).
    ResumeSession,
    /// Start fresh instead of resuming.
    DeclineResume,
    /// Open the parking lot's box to note a question from the room (Q).
    OpenParkingLot,
    /// Park this question or follow-up, stamped with the slide and time.
    Park(String),
    /// Close the parking lot's box without parking.
    CloseParkingLot,
    /// Turn "Rehearse timings" on or off: at the end of the talk, the
    /// console offers to write each slide's time as its `minutes`.
    ToggleRehearsing,
    /// Write the rehearsed minutes the end of the talk shows into the deck
    /// file (the numbers only; comments and layout stay).
    WriteRehearsedMinutes,
    /// Keep the deck's planned minutes: write nothing.
    KeepPlannedMinutes,
    /// Take the console message with this id off the screen.
    DismissNotice(u64),
    /// Quit cuecard; during a talk, ask first.
    Quit,
    /// Quit, answering "Quit" to the question asked during a talk.
    ConfirmQuit,
    /// Answer "keep presenting" to that question.
    KeepPresenting,
    /// Start the phone remote on the chosen (or suggested) interface.
    StartRemote,
    /// Stop the phone remote; paired phones stop working.
    StopRemote,
    /// A new pairing code for the phone remote (the old one stops working).
    NewRemotePairing,
    /// Listen for the phone remote on the interface with this address
    /// (when on, it starts again there, with a new pairing code).
    ChooseRemoteInterface(std::net::IpAddr),
    /// List the network interfaces again (a Wi-Fi was joined or left).
    FindRemoteInterfaces,
    /// Whether more than one phone may be paired with the remote at once.
    AllowMorePhones(bool),
    /// Save this PDF of the deck ("Print guide…", "Export handout…"): ask
    /// where in the system's save dialog, starting beside the deck. Does
    /// nothing while another export is running.
    Export(ExportKind),
    /// Save the PDF being exported at this path (the save dialog's answer;
    /// `.pdf` is added when the name lacks it).
    ExportTo(PathBuf),
    /// The save dialog was closed without choosing a file: nothing is
    /// exported.
    ExportDialogClosed,
    /// The save dialog closed too soon for a person to have answered it
    /// (the system has none): save to the default path beside the deck.
    ExportDialogUnavailable,
    /// The export worker wrote the PDF.
    ExportDone {
        /// Which PDF.
        kind: ExportKind,
        /// Where it went.
        path: PathBuf,
        /// Its number of pages.
        pages: usize,
        /// Images and pages that printed as placeholders, and why.
        not_shown: Vec<String>,
    },
    /// The export worker wrote nothing, with the error's message (it names
    /// the file and what to do).
    ExportFailed {
        /// Which PDF.
        kind: ExportKind,
        /// The [`crate::export::ExportError`]'s message.
        message: String,
    },
}

/// Which PDF the console exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportKind {
    /// The presenter's guide: each slide with its timing and speaker notes
    /// (US Letter).
    Guide,
    /// The participants' handout: the slides the room sees, 3 to a page
    /// with lines for notes (US Letter).
    Handout,
}

impl ExportKind {
    /// What it is called in the console's messages ("Presenter's guide").
    pub fn name(self) -> &'static str {
        match self {
            Self::Guide => "Presenter's guide",
            Self::Handout => "Participants' handout",
        }
    }
}

/// What travels on the app's command channel: a model intent or a shell
/// request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AppCommand {
    /// For the presentation model.
    Show(Command),
    /// For the app shell.
    Shell(ShellCommand),
}

impl From<Command> for AppCommand {
    fn from(command: Command) -> Self {
        Self::Show(command)
    }
}

impl From<ShellCommand> for AppCommand {
    fn from(command: ShellCommand) -> Self {
        Self::Shell(command)
    }
}

/// Something opened outside cuecard, in the system's programs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outside {
    /// A local video (or other media file) in the default player.
    Video(PathBuf),
    /// A web address in the default browser.
    Web(String),
}
