//! The session recorder: watches the presentation and appends what changed.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

use super::SessionError;
use super::journal::{Journal, SessionFile};
use super::record::{Event, FORMAT_VERSION, Line, ScreenMark, TimerMark, plan_of};
use crate::deck::{LoadedDeck, Note};
use crate::show::{AudienceShows, Presentation, Screen, TimerState};

/// A question or follow-up the presenter parked, for the console's list
/// and the end of the talk.
#[derive(Debug, Clone, PartialEq)]
pub struct Parked {
    /// The slide shown when it was parked, from 0.
    pub slide: usize,
    /// That slide's `id`.
    pub slide_id: String,
    /// The talk timer then, in seconds.
    pub talk_secs: f64,
    /// The wall clock then, `HH:MM`.
    pub clock: String,
    /// What the presenter typed.
    pub text: String,
}

/// What the recorder saw last, to find what changed.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    slide: usize,
    /// The slide's id: a reload can put another slide at the same index.
    slide_id: String,
    timer: TimerMark,
    screen: ScreenMark,
    on_break: bool,
    /// The running discussion's (end, slide), to tell a new one apart.
    discussion: Option<(Instant, usize)>,
    covered: BTreeSet<(String, usize)>,
}

/// Records a presentation to its session file.
///
/// Call [`Self::observe`] after every batch of commands is applied (and
/// at least once a second while the talk timer runs: the app repaints
/// then anyway). Writing problems never stop the show: they are kept for
/// [`Self::problem`] and recording goes on in memory.
#[derive(Debug)]
pub struct Recorder {
    journal: Option<Journal>,
    lines: Vec<Line>,
    skipped_lines: usize,
    /// Session clock at `run_start`.
    offset_secs: f64,
    run_start: Instant,
    seen: Option<Seen>,
    last_write_t: f64,
    problem: Option<String>,
    parked: Vec<Parked>,
}

impl Recorder {
    /// Starts a new session of `loaded` in `dir` (see
    /// [`super::sessions_dir`]) and records the presentation's state.
    ///
    /// # Errors
    /// [`SessionError::Io`] when the session file cannot be created; the
    /// caller shows it once and presents without a record.
    pub fn start(
        dir: &Path,
        loaded: &LoadedDeck,
        presentation: &Presentation,
        now: Instant,
    ) -> Result<Self, SessionError> {
        let wall = chrono::Local::now();
        let stamp = wall.format("%Y-%m-%d_%H-%M-%S").to_string();
        let journal = Journal::create(dir, &super::file_stem(loaded), &stamp)?;
        let mut recorder = Self {
            journal: Some(journal),
            lines: Vec::new(),
            skipped_lines: 0,
            offset_secs: 0.0,
            run_start: now,
            seen: None,
            last_write_t: 0.0,
            problem: None,
            parked: Vec::new(),
        };
        recorder.push(
            presentation,
            now,
            Event::Start {
                version: FORMAT_VERSION,
                deck: super::deck_key(loaded),
                title: loaded.deck.title.clone(),
                started: wall.to_rfc3339(),
                started_unix_ms: wall.timestamp_millis(),
                slides: plan_of(&loaded.deck),
            },
        );
        recorder.observe(presentation, loaded, now);
        Ok(recorder)
    }

    /// Continues the session in `file` (a crashed one) from its last line:
    /// appends a [`Event::Resumed`] and records the presentation's state.
    /// Apply the offer to the presentation first ([`super::apply_resume`]).
    ///
    /// # Errors
    /// [`SessionError::Io`] when the file cannot be opened for appending.
    pub(super) fn continue_session(
        file: SessionFile,
        loaded: &LoadedDeck,
        presentation: &Presentation,
        now: Instant,
    ) -> Result<Self, SessionError> {
        let journal = Journal::reopen(&file.path)?;
        let offset_secs = file.lines.last().map_or(0.0, |l| l.t);
        let parked = parked_in(&file.lines);
        let mut recorder = Self {
            journal: Some(journal),
            parked,
            lines: file.lines,
            skipped_lines: file.skipped_lines,
            offset_secs,
            run_start: now,
            seen: None,
            last_write_t: offset_secs,
            problem: None,
        };
        recorder.push(
            presentation,
            now,
            Event::Resumed {
                at: chrono::Local::now().to_rfc3339(),
                slides: plan_of(&loaded.deck),
            },
        );
        recorder.observe(presentation, loaded, now);
        Ok(recorder)
    }

    /// Records what changed since the last call: the slide shown, the talk
    /// timer, blackout and whiteout, breaks, discussions and prompts
    /// ticked covered. Cheap when nothing changed.
    pub fn observe(&mut self, presentation: &Presentation, loaded: &LoadedDeck, now: Instant) {
        let seen = see(presentation, loaded);
        let before = self.seen.take();
        let ids = |i: usize| {
            loaded
                .deck
                .slides
                .get(i)
                .map(|s| s.id.clone())
                .unwrap_or_default()
        };
        if before
            .as_ref()
            .is_none_or(|b| (b.slide, &b.slide_id) != (seen.slide, &seen.slide_id))
        {
            self.push(
                presentation,
                now,
                Event::Slide {
                    index: seen.slide,
                    id: seen.slide_id.clone(),
                },
            );
        }
        if before.as_ref().is_none_or(|b| b.timer != seen.timer) {
            self.push(presentation, now, Event::Timer { state: seen.timer });
        }
        let was = before.as_ref();
        if was.map_or(ScreenMark::Slide, |b| b.screen) != seen.screen {
            self.push(
                presentation,
                now,
                Event::Screen {
                    screen: seen.screen,
                },
            );
        }
        match (was.is_some_and(|b| b.on_break), seen.on_break) {
            (false, true) => {
                let planned_secs = presentation.break_ends().map_or(0.0, |ends| {
                    ends.saturating_duration_since(now).as_secs_f64()
                });
                self.push(presentation, now, Event::BreakStarted { planned_secs });
            }
            (true, false) => self.push(presentation, now, Event::BreakEnded),
            _ => {}
        }
        let old_discussion = was.and_then(|b| b.discussion);
        if old_discussion != seen.discussion {
            if old_discussion.is_some() {
                self.push(presentation, now, Event::DiscussionEnded);
            }
            if let Some(d) = presentation.discussion() {
                self.push(
                    presentation,
                    now,
                    Event::DiscussionStarted {
                        slide: ids(d.slide),
                        prompt: d.prompt,
                        planned_secs: d.length.as_secs_f64(),
                    },
                );
            }
        }
        let empty = BTreeSet::new();
        let old_covered = was.map_or(&empty, |b| &b.covered);
        for (slide, note) in seen.covered.symmetric_difference(old_covered) {
            let covered = seen.covered.contains(&(slide.clone(), *note));
            self.push(
                presentation,
                now,
                Event::Covered {
                    slide: slide.clone(),
                    note: *note,
                    covered,
                },
            );
        }
        if seen.timer == TimerMark::Running && self.t(now) - self.last_write_t >= 1.0 {
            self.push(presentation, now, Event::Heartbeat);
        }
        self.seen = Some(seen);
    }

    /// Records that the deck was reloaded (its plan may have changed).
    pub fn reloaded(&mut self, presentation: &Presentation, loaded: &LoadedDeck, now: Instant) {
        self.push(
            presentation,
            now,
            Event::Reloaded {
                slides: plan_of(&loaded.deck),
            },
        );
        self.observe(presentation, loaded, now);
    }

    /// Records that the audience window was closed.
    pub fn audience_closed(&mut self, presentation: &Presentation, now: Instant) {
        self.push(presentation, now, Event::AudienceClosed);
    }

    /// Records that the audience window was opened again.
    pub fn audience_opened(&mut self, presentation: &Presentation, now: Instant) {
        self.push(presentation, now, Event::AudienceOpened);
    }

    /// Parks a question or follow-up typed by the presenter, stamped with
    /// the slide, the talk timer and the wall clock. Blank text is
    /// ignored (`None`).
    pub fn park(
        &mut self,
        text: &str,
        presentation: &Presentation,
        loaded: &LoadedDeck,
        now: Instant,
    ) -> Option<Parked> {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return None;
        }
        let index = presentation.current();
        let slide = loaded
            .deck
            .slides
            .get(index)
            .map(|s| s.id.clone())
            .unwrap_or_default();
        let clock = chrono::Local::now().format("%H:%M").to_string();
        self.push(
            presentation,
            now,
            Event::Parked {
                slide: slide.clone(),
                index,
                clock: clock.clone(),
                text: text.clone(),
            },
        );
        let parked = Parked {
            slide: index,
            slide_id: slide,
            talk_secs: self.lines.last().map_or(0.0, |l| l.talk),
            clock,
            text,
        };
        self.parked.push(parked.clone());
        Some(parked)
    }

    /// The parked questions so far, oldest first (those from before a
    /// crash included), for the console's list.
    pub fn parked(&self) -> &[Parked] {
        &self.parked
    }

    /// Ends the session cleanly (the presenter quit): records the end and
    /// flushes the file to disk. A later start does not offer to resume it.
    ///
    /// # Errors
    /// [`SessionError::Io`] when the last write or flush fails.
    pub fn finish(mut self, presentation: &Presentation, now: Instant) -> Result<(), SessionError> {
        self.push(
            presentation,
            now,
            Event::Ended {
                clean: true,
                at: chrono::Local::now().to_rfc3339(),
            },
        );
        match self.journal.take() {
            Some(journal) => journal.close(),
            None => Ok(()),
        }
    }

    /// The report of this session so far, for the end-of-talk screen.
    pub fn report(&self, now: Instant) -> super::Report {
        super::Report::from_lines(&self.lines, Some(self.t(now)), self.skipped_lines)
    }

    /// Where the session file is (`None` if it could not be written).
    pub fn path(&self) -> Option<&Path> {
        self.journal.as_ref().map(Journal::path)
    }

    /// The last problem writing the session file, if any, as a message
    /// saying where and what (taken: shown once).
    pub fn problem(&mut self) -> Option<String> {
        if let Some(error) = self.journal.as_ref().and_then(Journal::take_sync_error) {
            let path = self
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            self.problem = Some(format!("{path}: cannot flush the session to disk: {error}"));
        }
        self.problem.take()
    }

    /// Every line recorded in this session, oldest first.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    fn t(&self, now: Instant) -> f64 {
        self.offset_secs + now.saturating_duration_since(self.run_start).as_secs_f64()
    }

    fn push(&mut self, presentation: &Presentation, now: Instant, event: Event) {
        let t = round_ms(self.t(now));
        let line = Line {
            t,
            talk: round_ms(presentation.timer.elapsed(now).as_secs_f64()),
            event,
        };
        if let Some(journal) = &self.journal
            && let Err(error) = journal.append(&line)
        {
            // Keep the first error to show; recording goes on in memory.
            if self.problem.is_none() {
                self.problem = Some(error.to_string());
            }
        }
        self.last_write_t = t;
        self.lines.push(line);
    }
}

fn round_ms(secs: f64) -> f64 {
    (secs * 1000.0).round() / 1000.0
}

/// The parked questions in `lines`.
pub(super) fn parked_in(lines: &[Line]) -> Vec<Parked> {
    lines
        .iter()
        .filter_map(|line| match &line.event {
            Event::Parked {
                slide,
                index,
                clock,
                text,
            } => Some(Parked {
                slide: *index,
                slide_id: slide.clone(),
                talk_secs: line.talk,
                clock: clock.clone(),
                text: text.clone(),
            }),
            _ => None,
        })
        .collect()
}

fn see(presentation: &Presentation, loaded: &LoadedDeck) -> Seen {
    let timer = match presentation.timer.state() {
        TimerState::NotStarted => TimerMark::NotStarted,
        TimerState::Running { .. } => TimerMark::Running,
        TimerState::Paused { .. } => TimerMark::Paused,
    };
    let on_break = matches!(presentation.audience(), AudienceShows::Break { .. });
    let screen = match presentation.screen() {
        _ if presentation.at_end() => ScreenMark::End,
        Screen::Slide => ScreenMark::Slide,
        Screen::Black => ScreenMark::Black,
        Screen::White => ScreenMark::White,
    };
    let mut covered = BTreeSet::new();
    for (i, slide) in loaded.deck.slides.iter().enumerate() {
        for (n, note) in slide.notes.iter().enumerate() {
            if matches!(note, Note::Prompt { .. }) && presentation.is_covered(i, n) {
                covered.insert((slide.id.clone(), n));
            }
        }
    }
    Seen {
        slide: presentation.current(),
        slide_id: loaded
            .deck
            .slides
            .get(presentation.current())
            .map(|s| s.id.clone())
            .unwrap_or_default(),
        timer,
        screen,
        on_break,
        discussion: presentation.discussion().map(|d| (d.ends, d.slide)),
        covered,
    }
}
