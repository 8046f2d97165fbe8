//! Everything a presenter can ask for. Every key, click and clicker press
//! becomes one [`Command`].

/// A presenter's request. Navigation and screen commands act on the
/// [`crate::show::Presentation`]; window commands are for the app shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// Back to the slide shown before the last jump (go-to, first, last).
    Back,
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
    /// Leave blackout or whiteout, or an overlay, or the audience view's
    /// full screen, in that order. Never quits (clickers send Esc).
    Escape,
    /// Put the audience view in or out of full screen.
    ToggleFullscreen,
    /// Put the audience view in full screen (F5, a clicker's start button).
    EnterFullscreen,
    /// Open the audience window again after it was closed.
    ShowAudience,
    /// Show or hide the key help.
    ToggleHelp,
    /// Quit cuecard.
    Quit,
}
