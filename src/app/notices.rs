//! Messages for the presenter on the console: a list with severity, source
//! and a dismiss, so a failed link open, a renderer error and a full disk
//! do not overwrite each other. Each problem is reported once, here (and on
//! stderr), not also somewhere else.

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something to know (a deck was opened).
    Info,
    /// Something did not work but the show goes on.
    Warning,
    /// Something the presenter must fix.
    Error,
}

/// Where a notice comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeSource {
    /// The settings file.
    Settings,
    /// Live reload and opening decks.
    Files,
    /// Links, the browser, the video player.
    Links,
    /// The monitors.
    Screens,
    /// The go-to prompt and other console actions.
    Console,
    /// The presenter's guide and the handout the console exports.
    Export,
}

/// One message on the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Unique while the app runs; used to dismiss it.
    pub id: u64,
    /// How serious it is.
    pub severity: Severity,
    /// Where it comes from.
    pub source: NoticeSource,
    /// What happened and what to do, in a sentence or two.
    pub text: String,
}

/// Most notices kept at once; the oldest go first.
pub const MAX_NOTICES: usize = 8;

/// The console's messages, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notices {
    list: Vec<Notice>,
    next_id: u64,
}

impl Notices {
    /// Adds a notice (and prints it on stderr); the same text from the same
    /// source is not added twice. Returns its id.
    pub fn push(
        &mut self,
        severity: Severity,
        source: NoticeSource,
        text: impl Into<String>,
    ) -> u64 {
        let text = text.into();
        if let Some(same) = self
            .list
            .iter()
            .find(|n| n.source == source && n.text == text)
        {
            return same.id;
        }
        eprintln!("cuecard: {text}");
        self.next_id += 1;
        let id = self.next_id;
        self.list.push(Notice {
            id,
            severity,
            source,
            text,
        });
        let excess = self.list.len().saturating_sub(MAX_NOTICES);
        self.list.drain(..excess);
        id
    }

    /// Takes the notice `id` off the list. Returns whether it was there.
    pub fn dismiss(&mut self, id: u64) -> bool {
        let before = self.list.len();
        self.list.retain(|n| n.id != id);
        self.list.len() != before
    }

    /// Takes every notice from `source` off the list.
    pub fn clear_source(&mut self, source: NoticeSource) {
        self.list.retain(|n| n.source != source);
    }

    /// The notices, oldest first.
    pub fn list(&self) -> &[Notice] {
        &self.list
    }
}
