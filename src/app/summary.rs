//! The end of the talk on the console: the summary of the session so far
//! (shown while the room sees the end screen), and rehearsed timings
//! offered from it when the presenter turned "Rehearse timings" on.
//!
//! The summary is the session record's [`Report`]; the new minutes are
//! [`crate::session::rehearse`]'s in-place rewrite of the deck file. Both
//! are UI-free; this module only decides when they are worked out.

use std::path::Path;
use std::time::Instant;

use crate::session::Report;
use crate::session::rehearse::{self, Rewrite};

use super::PresenterApp;
use super::notices::{NoticeSource, Severity};
use super::record::Recording;

/// What the end-of-talk screen offers for the rehearsed timings.
#[derive(Debug, Clone, PartialEq)]
pub enum RehearsalOffer {
    /// New minutes for the deck file, shown as a diff, waiting for "Write".
    Ready(Rewrite),
    /// Nothing to write, and why (the deck already plans these minutes,
    /// the built-in deck is not a file, …).
    Nothing(String),
    /// The minutes were written; what was written where.
    Written(String),
    /// Working them out or writing them failed: the message names the file
    /// (and line) and says what to do. Nothing was changed.
    Failed(String),
}

/// The end of the talk: the summary and the rehearsal's offer.
#[derive(Debug, Default)]
pub struct EndOfTalk {
    /// The summary while the room sees the end screen (`None` otherwise,
    /// or when the session record is off).
    pub report: Option<Report>,
    /// Whether the presenter is rehearsing timings ("Rehearse timings" in
    /// the Timer… menu): the end of the talk then offers to keep them.
    pub rehearsing: bool,
    /// The offer, worked out once when the end screen comes up.
    pub offer: Option<RehearsalOffer>,
}

/// A short name of the deck file for messages: `module5.ron`.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl PresenterApp {
    /// The end of the talk as the console shows it this frame.
    pub fn end_of_talk(&self) -> &EndOfTalk {
        &self.end_of_talk
    }

    /// Works out the summary (each frame while the room sees the end
    /// screen: the talk timer may still run) and, when rehearsing, the new
    /// minutes (once per end screen). Leaving the end screen drops both.
    pub(super) fn update_end_of_talk(&mut self, now: Instant) {
        if !self.session.presentation.at_end() {
            self.end_of_talk.report = None;
            self.end_of_talk.offer = None;
            return;
        }
        self.end_of_talk.report = match &self.recording {
            Recording::On(recorder) => Some(recorder.report(now)),
            _ => None,
        };
        if self.end_of_talk.rehearsing && self.end_of_talk.offer.is_none() {
            self.end_of_talk.offer = Some(self.rehearsal_offer());
        }
    }

    /// The rehearsed minutes of this talk as a change to the deck file.
    fn rehearsal_offer(&self) -> RehearsalOffer {
        let Some(report) = &self.end_of_talk.report else {
            return RehearsalOffer::Nothing(
                "The session record is off, so there are no timings to keep (see the message at the top)."
                    .to_owned(),
            );
        };
        let Some(ready) = &self.session.deck else {
            return RehearsalOffer::Nothing("No deck is open.".to_owned());
        };
        let loaded = &ready.loaded;
        if loaded.folder.is_none() {
            return RehearsalOffer::Nothing(
                "The built-in deck is not a file on this computer: open a deck file (Open deck…) to keep rehearsed timings in it."
                    .to_owned(),
            );
        }
        let is_ron = loaded
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        if !is_ron {
            return RehearsalOffer::Nothing(format!(
                "{} is not a deck file: make one with `cuecard import {}` to keep rehearsed timings in it.",
                file_name(&loaded.path),
                loaded.path.display()
            ));
        }
        match rehearse::rehearse_file(&loaded.path, &report.slide_secs()) {
            Ok(rewrite) if rewrite.changes.is_empty() => RehearsalOffer::Nothing(format!(
                "{} already plans these minutes; nothing to change.",
                file_name(&loaded.path)
            )),
            Ok(rewrite) => RehearsalOffer::Ready(rewrite),
            Err(error) => RehearsalOffer::Failed(error.to_string()),
        }
    }

    /// "Rehearse timings" on or off.
    pub(super) fn toggle_rehearsing(&mut self) -> bool {
        self.end_of_talk.rehearsing = !self.end_of_talk.rehearsing;
        self.end_of_talk.offer = None;
        true
    }

    /// Writes the offered minutes into the deck file (the live reload then
    /// shows them as the plan).
    pub(super) fn write_rehearsed_minutes(&mut self) -> bool {
        let Some(RehearsalOffer::Ready(rewrite)) = &self.end_of_talk.offer else {
            return false;
        };
        let offer = match rewrite.write() {
            Ok(()) => {
                let message = format!(
                    "Wrote the rehearsed minutes of {} into {}; comments and layout are as they were.",
                    crate::cli::plural(rewrite.changes.len(), "slide"),
                    rewrite.path.display()
                );
                self.notices
                    .push(Severity::Info, NoticeSource::Files, message.clone());
                RehearsalOffer::Written(message)
            }
            Err(error) => RehearsalOffer::Failed(error.to_string()),
        };
        self.end_of_talk.offer = Some(offer);
        true
    }

    /// Keeps the planned minutes: nothing is written.
    pub(super) fn keep_planned_minutes(&mut self) -> bool {
        if !matches!(self.end_of_talk.offer, Some(RehearsalOffer::Ready(_))) {
            return false;
        }
        self.end_of_talk.offer = Some(RehearsalOffer::Nothing(
            "Kept the planned minutes; the deck file was not changed.".to_owned(),
        ));
        true
    }
}
