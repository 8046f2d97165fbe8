//! Everything a presenter can ask for. Every key, click and clicker press
//! becomes one [`Command`].

/// Length of a discussion count-down when the prompt suggests none, in
/// minutes.
pub const DEFAULT_DISCUSSION_MINUTES: u32 = 3;

/// A presenter's request. Navigation, screen and timer commands act on the
/// [`crate::show::Presentation`]; window commands (marked) are for the app
/// shell, and the model ignores them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Next visible slide (clicker forward). In the overview: the next
    /// thumbnail.
    Next,
    /// Previous visible slide (clicker back). In the overview: the previous
    /// thumbnail.
    Previous,
    /// Down arrow: the next slide; in the overview, the row below.
    Down,
    /// Up arrow: the previous slide; in the overview, the row above.
    Up,
    /// First slide.
    First,
    /// Last slide.
    Last,
    /// Go to the slide at this 0-based index (hidden slides included).
    GoTo(usize),
    /// Back to the slide shown before the last jump (go-to, first, last,
    /// overview), e.g. after showing something out of order.
    Back,
    /// A digit typed on the keyboard: builds a slide number for go-to.
    Digit(u8),
    /// Open the go-to prompt (G); type a number, then Enter.
    OpenGoTo,
    /// Enter: go to the typed number or the overview's selection, else the
    /// next slide.
    Confirm,
    /// Open or close the overview of all slides.
    ToggleOverview,
    /// Freeze the audience view on the slide it shows while the presenter
    /// moves on; unfreezing shows the console's slide.
    ToggleFreeze,
    /// Black the audience view, or show the slide again.
    ToggleBlackout,
    /// White the audience view, or show the slide again.
    ToggleWhiteout,
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
    /// Leave, in this order: the go-to prompt, the overview, a break, a
    /// black or white screen; the shell then closes the help or leaves full
    /// screen. Never quits (clickers send Esc).
    Escape,
    /// Shell: make the speaker notes larger.
    NotesZoomIn,
    /// Shell: make the speaker notes smaller.
    NotesZoomOut,
    /// Shell: scroll the speaker notes down.
    ScrollNotesDown,
    /// Shell: scroll the speaker notes up.
    ScrollNotesUp,
    /// Shell: play the local copy of link `link` of slide `slide` in the
    /// system's player.
    PlayLocal {
        /// Slide index.
        slide: usize,
        /// Link index in the slide.
        link: usize,
    },
    /// Shell: choose a deck to open in the system's file dialog.
    OpenDeck,
    /// Shell: open the recent deck at this index.
    OpenRecent(usize),
    /// Shell: load the deck file again now (live reload does it by itself
    /// when the file changes).
    Reload,
    /// Shell: open or close the venue check (the clicker test).
    ToggleVenueCheck,
    /// Shell: swap the monitors of the audience view and the console.
    SwapScreens,
    /// Shell: flash "Audience" and "Presenter" on the windows for two
    /// seconds, to tell the screens apart when setting up.
    IdentifyScreens,
    /// Shell: the audience view full screen on the monitor at this index.
    AudienceOn(usize),
    /// Shell: how the two windows are laid out.
    SetScreenMode(super::monitors::ScreenMode),
    /// Shell: put the audience view in or out of full screen.
    ToggleFullscreen,
    /// Shell: put the audience view in full screen (F5, a clicker's start
    /// button).
    EnterFullscreen,
    /// Shell: open the audience window again after it was closed.
    ShowAudience,
    /// Shell: show or hide the key help.
    ToggleHelp,
    /// Shell: quit cuecard (Ctrl+Q, or "Quit" in the question asked when
    /// the console window is closed during a talk).
    Quit,
    /// Shell: answer "keep presenting" to that question.
    KeepPresenting,
}

impl Command {
    /// Whether this command moves between slides (and so ends a break).
    pub fn is_navigation(self) -> bool {
        matches!(
            self,
            Self::Next
                | Self::Previous
                | Self::Down
                | Self::Up
                | Self::First
                | Self::Last
                | Self::GoTo(_)
                | Self::Back
                | Self::Confirm
                | Self::Escape
        )
    }
}
