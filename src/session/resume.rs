//! Resume after a crash: find the last session of the same deck that ended
//! without the presenter quitting, offer it, and put the presentation back
//! on its slide with its talk timer.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::SessionError;
use super::journal::{Journal, SessionFile, list};
use super::record::{Event, Line, TimerMark};
use super::recorder::Recorder;
use crate::deck::LoadedDeck;
use crate::show::{Command, Presentation, TalkTimer, format_clock};

/// What the console offers after a crash: "Resume at slide 7, talk timer
/// 23:14 (paused)".
#[derive(Debug, Clone, PartialEq)]
pub struct ResumeOffer {
    /// The crashed session's file.
    pub path: PathBuf,
    /// The slide shown last, from 0.
    pub slide: usize,
    /// That slide's `id` (used first: the deck may have changed).
    pub slide_id: String,
    /// The talk timer at the last record, in seconds.
    pub talk_secs: f64,
    /// Whether the talk timer was running then (it resumes paused either
    /// way: the time cuecard was down was not talk time).
    pub timer_was_running: bool,
    /// How many questions were parked.
    pub parked: usize,
    /// When the crashed session started, local RFC 3339.
    pub started: String,
    /// The prompts ticked covered, as (slide id, note index).
    pub covered: Vec<(String, usize)>,
}

impl ResumeOffer {
    /// The talk timer at the last record.
    pub fn talk(&self) -> Duration {
        Duration::try_from_secs_f64(self.talk_secs).unwrap_or_default()
    }

    /// The offer in words, e.g. "Resume at slide 7, talk timer 23:14
    /// (paused)"; the slide number counts from 1 as on the console.
    pub fn message(&self) -> String {
        format!(
            "Resume at slide {}, talk timer {} (paused)",
            self.slide + 1,
            format_clock(self.talk())
        )
    }
}

/// The session to offer to resume for the deck named `deck_key` (see
/// [`super::deck_key`]) in `dir`: the latest session of that deck, if it
/// ended without a clean quit and got somewhere (the timer started, a
/// slide past the first, or a question parked). `None` when the last talk
/// of this deck ended normally: never ask then.
///
/// # Errors
/// [`SessionError::Io`] when the folder cannot be listed. A damaged
/// session file is not an error (there is just nothing to offer).
pub fn find_resumable(dir: &Path, deck_key: &str) -> Result<Option<ResumeOffer>, SessionError> {
    let Some(entry) = list(dir)?.into_iter().rev().find(|e| e.deck == deck_key) else {
        return Ok(None);
    };
    let Ok(file) = SessionFile::load(&entry.path) else {
        return Ok(None);
    };
    if file.ended() {
        return Ok(None);
    }
    Ok(offer_of(&file))
}

fn offer_of(file: &SessionFile) -> Option<ResumeOffer> {
    let started = match file.lines.first().map(|l| &l.event) {
        Some(Event::Start { started, .. }) => started.clone(),
        _ => return None,
    };
    let mut slide = (0, String::new());
    let mut timer = TimerMark::NotStarted;
    let mut parked = 0;
    let mut covered = std::collections::BTreeSet::new();
    for line in &file.lines {
        match &line.event {
            Event::Covered {
                slide,
                note,
                covered: on,
            } => {
                if *on {
                    covered.insert((slide.clone(), *note));
                } else {
                    covered.remove(&(slide.clone(), *note));
                }
            }
            Event::Slide { index, id } => slide = (*index, id.clone()),
            Event::Timer { state } => timer = *state,
            Event::Parked { .. } => parked += 1,
            _ => {}
        }
    }
    let talk_secs = file.lines.last().map_or(0.0, |l: &Line| l.talk);
    if slide.0 == 0 && talk_secs <= 0.0 && parked == 0 {
        return None;
    }
    Some(ResumeOffer {
        path: file.path.clone(),
        slide: slide.0,
        slide_id: slide.1,
        talk_secs,
        timer_was_running: timer == TimerMark::Running,
        parked,
        started,
        covered: covered.into_iter().collect(),
    })
}

/// Puts `presentation` where the offer says: the slide with the offer's
/// id (else the same number, clamped to the deck), the talk timer at the
/// offer's time, paused, and the prompts ticked covered (those still in
/// the deck).
pub fn apply_resume(
    offer: &ResumeOffer,
    loaded: &LoadedDeck,
    presentation: &mut Presentation,
    now: Instant,
) {
    let slides = &loaded.deck.slides;
    let index = slides
        .iter()
        .position(|s| s.id == offer.slide_id)
        .unwrap_or_else(|| offer.slide.min(slides.len().saturating_sub(1)));
    presentation.apply(&Command::GoTo(index), now);
    for (id, note) in &offer.covered {
        if let Some(slide) = slides.iter().position(|s| s.id == *id) {
            presentation.set_covered(slide, *note, true);
        }
    }
    presentation.timer = if offer.talk_secs > 0.0 || offer.timer_was_running {
        TalkTimer::paused_at(offer.talk())
    } else {
        TalkTimer::new()
    };
}

impl Recorder {
    /// Accepts `offer`: puts `presentation` back on its slide and timer
    /// ([`apply_resume`]) and continues recording in the same session
    /// file, so the report covers the whole talk.
    ///
    /// # Errors
    /// [`SessionError::Io`] or [`SessionError::NotASession`] when the
    /// crashed session cannot be read or appended to; the presentation is
    /// then unchanged (start a new session instead).
    pub fn resume(
        offer: &ResumeOffer,
        loaded: &LoadedDeck,
        presentation: &mut Presentation,
        now: Instant,
    ) -> Result<Self, SessionError> {
        let file = SessionFile::load(&offer.path)?;
        let mut resumed = presentation.clone();
        apply_resume(offer, loaded, &mut resumed, now);
        let recorder = Self::continue_session(file, loaded, &resumed, now)?;
        *presentation = resumed;
        Ok(recorder)
    }
}

/// Declines `offer` (the presenter chose to start fresh): marks the old
/// session as ended, not cleanly, so it is not offered again.
///
/// # Errors
/// [`SessionError::Io`] when the session file cannot be appended to.
pub fn decline(offer: &ResumeOffer) -> Result<(), SessionError> {
    let file = SessionFile::load(&offer.path)?;
    let last = file.lines.last();
    let journal = Journal::reopen(&offer.path)?;
    journal.append(&Line {
        t: last.map_or(0.0, |l| l.t),
        talk: last.map_or(0.0, |l| l.talk),
        event: Event::Ended {
            clean: false,
            at: chrono::Local::now().to_rfc3339(),
        },
    })?;
    journal.close()
}
