//! The command channel: one cloneable [`CommandSender`] that every input
//! source uses (the audience window's keys, drops and close, the file
//! dialog's thread, the reload watcher, later the phone remote and the
//! pointer). The console drains it once per frame and applies each input
//! in one place, `PresenterApp::apply`; that is also where the
//! [`CommandLog`] records.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::show::AppCommand;
use crate::show::pickers::Gesture;

/// One input on the channel: an intent, or a key gesture from a window
/// whose meaning the shell resolves with the state it has when it applies
/// it (Esc, Enter, digits, the arrows; see [`crate::show::pickers`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Do this.
    Intent(AppCommand),
    /// A key gesture, resolved when applied.
    Gesture(Gesture),
}

impl<T: Into<AppCommand>> From<T> for Input {
    fn from(command: T) -> Self {
        Self::Intent(command.into())
    }
}

/// Sends inputs to the app from any thread or window. Cheap to clone.
#[derive(Clone)]
pub struct CommandSender {
    sender: Sender<Input>,
    wake: Arc<OnceLock<egui::Context>>,
}

impl CommandSender {
    /// Queues `input` and wakes the console to apply it.
    pub fn send(&self, input: impl Into<Input>) {
        // The receiver lives as long as the app; after it is gone there is
        // nobody left to act, so a failed send is nothing to report.
        let _ = self.sender.send(input.into());
        self.wake();
    }

    /// Wakes the console without sending anything.
    pub fn wake(&self) {
        if let Some(ctx) = self.wake.get() {
            ctx.request_repaint_of(egui::ViewportId::ROOT);
        }
    }
}

/// The receiving end, owned by the app.
pub struct CommandBus {
    sender: CommandSender,
    receiver: Receiver<Input>,
}

impl Default for CommandBus {
    fn default() -> Self {
        Self::new()
    }
}

impl CommandBus {
    /// A new channel; the console's context is attached on its first frame.
    pub fn new() -> Self {
        let (sender, receiver) = channel();
        Self {
            sender: CommandSender {
                sender,
                wake: Arc::new(OnceLock::new()),
            },
            receiver,
        }
    }

    /// A sender for another input source.
    pub fn sender(&self) -> CommandSender {
        self.sender.clone()
    }

    /// Lets senders wake the console's window.
    pub fn attach(&self, ctx: &egui::Context) {
        let _ = self.sender.wake.set(ctx.clone());
    }

    /// Everything sent since the last call, in order.
    pub fn drain(&self) -> Vec<Input> {
        self.receiver.try_iter().collect()
    }
}

/// One applied command, `offset_ms` after the log started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    /// Milliseconds since the log started (monotonic clock).
    pub offset_ms: u64,
    /// What was applied.
    pub command: AppCommand,
}

/// The commands applied to an app, with their times: enough to replay a
/// session into a fresh app (tests/replay.rs sends each entry at its offset).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommandLog {
    #[serde(skip)]
    start: Option<Instant>,
    /// The entries, oldest first.
    pub entries: Vec<LogEntry>,
}

impl CommandLog {
    /// An empty log starting at `start`.
    pub fn new(start: Instant) -> Self {
        Self {
            start: Some(start),
            entries: Vec::new(),
        }
    }

    /// Records `command` applied at `now`.
    pub fn record(&mut self, now: Instant, command: &AppCommand) {
        let start = *self.start.get_or_insert(now);
        let offset = now.saturating_duration_since(start);
        self.entries.push(LogEntry {
            offset_ms: u64::try_from(offset.as_millis()).unwrap_or(u64::MAX),
            command: command.clone(),
        });
    }

    /// The entries as RON text, one per line, for a file.
    pub fn to_ron(&self) -> String {
        self.entries
            .iter()
            .filter_map(|e| ron::to_string(e).ok())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Reads entries written by [`Self::to_ron`]; a line that does not
    /// read is skipped.
    pub fn from_ron(text: &str) -> Self {
        Self {
            start: None,
            entries: text.lines().filter_map(|l| ron::from_str(l).ok()).collect(),
        }
    }

    /// Offset of an entry as a duration.
    pub fn offset(entry: &LogEntry) -> Duration {
        Duration::from_millis(entry.offset_ms)
    }
}
