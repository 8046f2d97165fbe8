//! The session record on the app's side: starting or resuming it, feeding
//! it what happened after each frame's commands, the parking lot, and a
//! clean end. The record itself is UI-free, in [`crate::session`].

use std::path::PathBuf;
use std::time::Instant;

use crate::session::{self, Parked, Recorder, ResumeOffer};

use super::PresenterApp;
use super::notices::{NoticeSource, Severity};

/// Where the session record stands.
#[derive(Default)]
pub enum Recording {
    /// Nothing is recorded (no data folder, or tests).
    #[default]
    Off,
    /// The last talk of this deck ended without the presenter quitting: the
    /// console offers to resume it; nothing is recorded until answered.
    Offer(ResumeOffer),
    /// Recording.
    On(Recorder),
}

impl PresenterApp {
    /// Records sessions in `dir` (cuecard's sessions folder; `None`: record
    /// nothing). If the last talk of this deck did not end cleanly, the
    /// console offers to resume it instead of starting a new record.
    #[must_use]
    pub fn with_sessions_dir(mut self, dir: Option<PathBuf>) -> Self {
        self.sessions_dir = dir;
        self.start_recording(true);
        self
    }

    /// The resume offer on the console, if any.
    pub fn resume_offer(&self) -> Option<&ResumeOffer> {
        match &self.recording {
            Recording::Offer(offer) => Some(offer),
            _ => None,
        }
    }

    /// The questions parked so far this talk.
    pub fn parked(&self) -> &[Parked] {
        match &self.recording {
            Recording::On(recorder) => recorder.parked(),
            _ => &[],
        }
    }

    /// The session file being written, if recording.
    pub fn session_file(&self) -> Option<PathBuf> {
        match &self.recording {
            Recording::On(recorder) => recorder.path().map(PathBuf::from),
            _ => None,
        }
    }

    /// Starts a record of the deck (or offers to resume the last one when
    /// `offer_resume`).
    fn start_recording(&mut self, offer_resume: bool) {
        let (Some(dir), Some(ready)) = (self.sessions_dir.clone(), self.session.deck.clone())
        else {
            return;
        };
        let loaded = &ready.loaded;
        if offer_resume {
            match session::find_resumable(&dir, &session::deck_key(loaded)) {
                Ok(Some(offer)) => {
                    self.recording = Recording::Offer(offer);
                    return;
                }
                Ok(None) => {}
                Err(error) => self.record_problem(&error.to_string()),
            }
        }
        let now = self.clock.now();
        match Recorder::start(&dir, loaded, &self.session.presentation, now) {
            Ok(recorder) => self.recording = Recording::On(recorder),
            Err(error) => self.record_problem(&error.to_string()),
        }
    }

    fn record_problem(&mut self, error: &str) {
        self.notices.push(
            Severity::Warning,
            NoticeSource::Files,
            format!("The session record is off ({error}); the talk goes on without it."),
        );
    }

    /// Resumes the offered talk: its slide and its talk timer (paused).
    pub(super) fn resume_session(&mut self, now: Instant) -> bool {
        let Recording::Offer(offer) = std::mem::take(&mut self.recording) else {
            return false;
        };
        let Some(ready) = &self.session.deck else {
            return false;
        };
        match Recorder::resume(&offer, &ready.loaded, &mut self.session.presentation, now) {
            Ok(recorder) => self.recording = Recording::On(recorder),
            Err(error) => {
                self.record_problem(&error.to_string());
                self.start_recording(false);
            }
        }
        true
    }

    /// Starts fresh instead of resuming.
    pub(super) fn decline_resume(&mut self) -> bool {
        let Recording::Offer(offer) = std::mem::take(&mut self.recording) else {
            return false;
        };
        if let Err(error) = session::decline(&offer) {
            self.record_problem(&error.to_string());
        }
        self.start_recording(false);
        true
    }

    /// Parks a question from the room, stamped with the slide and time.
    pub(super) fn park(&mut self, text: &str, now: Instant) -> bool {
        let (Recording::On(recorder), Some(ready)) = (&mut self.recording, &self.session.deck)
        else {
            self.notices.push(
                Severity::Warning,
                NoticeSource::Console,
                format!(
                    "Not parked, the session record is off: \u{201c}{text}\u{201d}. Write it down."
                ),
            );
            return true;
        };
        recorder
            .park(text, &self.session.presentation, &ready.loaded, now)
            .is_some()
    }

    /// Tells the record what this frame's commands did.
    pub(super) fn observe(&mut self, now: Instant) {
        let (Recording::On(recorder), Some(ready)) = (&mut self.recording, &self.session.deck)
        else {
            return;
        };
        recorder.observe(&self.session.presentation, &ready.loaded, now);
        if let Some(problem) = recorder.problem() {
            self.record_problem(&problem);
        }
    }

    /// A deck was loaded again: the record notes it (a new deck starts a
    /// new record).
    pub(super) fn record_reload(&mut self, new_deck: bool, now: Instant) {
        if new_deck {
            self.finish_recording(now);
            self.start_recording(false);
            return;
        }
        if let (Recording::On(recorder), Some(ready)) = (&mut self.recording, &self.session.deck) {
            recorder.reloaded(&self.session.presentation, &ready.loaded, now);
        }
    }

    /// The audience window closed or opened again.
    pub(super) fn record_audience(&mut self, open: bool, now: Instant) {
        if let Recording::On(recorder) = &mut self.recording {
            let p = &self.session.presentation;
            if open {
                recorder.audience_opened(p, now);
            } else {
                recorder.audience_closed(p, now);
            }
        }
    }

    /// The presenter quit: the record ends cleanly, so the next start does
    /// not offer to resume.
    pub(super) fn finish_recording(&mut self, now: Instant) {
        if let Recording::On(recorder) = std::mem::take(&mut self.recording)
            && let Err(error) = recorder.finish(&self.session.presentation, now)
        {
            eprintln!("cuecard: the session record did not close cleanly: {error}");
        }
    }
}
