//! Where the time went: a session's lines summed up per slide against the
//! plan, with the discussions, prompts covered, breaks and parked
//! questions. Written as text, Markdown, CSV ([`text`]) or PDF ([`pdf`]).

pub mod pdf;
mod text;

pub use text::{clock, difference};

use std::collections::{BTreeMap, BTreeSet};

use super::record::{Event, Line, PlannedSlide, ScreenMark, TimerMark};
use super::recorder::{Parked, parked_in};

/// Time on one slide against its plan.
#[derive(Debug, Clone, PartialEq)]
pub struct SlideTime {
    /// Position in the deck (the last plan recorded), from 0.
    pub index: usize,
    /// The slide's `id`.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Planned minutes, if the deck plans it.
    pub planned_minutes: Option<f64>,
    /// Talk time on the slide, in seconds: while it was on the console
    /// and the talk timer ran (so breaks and pauses are not counted).
    pub talk_secs: f64,
    /// How many times the presenter came to the slide.
    pub visits: usize,
}

impl SlideTime {
    /// Talk time in minutes.
    pub fn talk_minutes(&self) -> f64 {
        self.talk_secs / 60.0
    }

    /// Whether the slide took longer than planned (never, without a plan).
    pub fn past_plan(&self) -> bool {
        self.planned_minutes
            .is_some_and(|plan| self.talk_minutes() > plan)
    }

    /// Actual against planned as people read it: `+1:30`, `-0:45`, `not
    /// shown` for a slide never shown, empty without a plan.
    pub fn difference_text(&self) -> String {
        if self.visits == 0 {
            "not shown".to_owned()
        } else {
            difference(self.talk_secs, self.planned_minutes)
        }
    }
}

/// A discussion count-down that was run.
#[derive(Debug, Clone, PartialEq)]
pub struct DiscussionRun {
    /// The slide's `id`.
    pub slide_id: String,
    /// The slide's title.
    pub slide_title: String,
    /// The question, when the count-down was for a prompt.
    pub question: Option<String>,
    /// The count-down's length, in seconds.
    pub planned_secs: f64,
    /// How long it ran until it was stopped, in seconds.
    pub actual_secs: f64,
}

/// A prompt ticked covered.
#[derive(Debug, Clone, PartialEq)]
pub struct PromptCovered {
    /// The slide's title.
    pub slide_title: String,
    /// The question.
    pub question: String,
}

/// A break taken.
#[derive(Debug, Clone, PartialEq)]
pub struct BreakTaken {
    /// Planned length, in seconds.
    pub planned_secs: f64,
    /// Actual length, in seconds.
    pub actual_secs: f64,
}

/// The report of one session.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The deck's title.
    pub title: String,
    /// The deck (path or the built-in deck's name).
    pub deck: String,
    /// When the session started, local RFC 3339.
    pub started: String,
    /// The talk timer at the end, in seconds.
    pub talk_secs: f64,
    /// The deck's slides in order, with time and plan; slides recorded but
    /// no longer in the deck come last.
    pub slides: Vec<SlideTime>,
    /// Discussions run, in order.
    pub discussions: Vec<DiscussionRun>,
    /// Prompts ticked covered at the end.
    pub prompts_covered: Vec<PromptCovered>,
    /// Prompts in the deck.
    pub prompts_total: usize,
    /// Breaks taken.
    pub breaks: Vec<BreakTaken>,
    /// How often, and for how many seconds, the audience saw a black or
    /// white screen.
    pub blackouts: (usize, f64),
    /// Reloads of the deck while presenting.
    pub reloads: usize,
    /// Times the audience window was closed.
    pub audience_closed: usize,
    /// Times the session was resumed after cuecard ended without a quit.
    pub resumes: usize,
    /// When the session ended (quit or abandoned), local RFC 3339.
    pub ended: Option<String>,
    /// Whether the presenter quit at the end (false: still running, or
    /// cuecard crashed).
    pub ended_cleanly: bool,
    /// Questions parked, oldest first.
    pub parked: Vec<Parked>,
    /// Lines of the file that could not be read (torn by a crash).
    pub skipped_lines: usize,
}

impl Report {
    /// Sums up `lines` (a session file's, first line a start).
    /// `until_t` is the session clock now for a session still running
    /// (the current slide's time counts up to it), `None` for a file.
    pub fn from_lines(lines: &[Line], until_t: Option<f64>, skipped_lines: usize) -> Self {
        let mut r = Self {
            title: String::new(),
            deck: String::new(),
            started: String::new(),
            talk_secs: lines.last().map_or(0.0, |l| l.talk),
            slides: Vec::new(),
            discussions: Vec::new(),
            prompts_covered: Vec::new(),
            prompts_total: 0,
            breaks: Vec::new(),
            blackouts: (0, 0.0),
            reloads: 0,
            audience_closed: 0,
            resumes: 0,
            ended_cleanly: false,
            ended: None,
            parked: parked_in(lines),
            skipped_lines,
        };
        let mut plan: Vec<PlannedSlide> = Vec::new();
        let mut titles = Titles::new();
        let mut questions = Questions::new();
        let mut time: BTreeMap<String, (f64, usize)> = BTreeMap::new();
        let mut seen_order: Vec<String> = Vec::new();
        let mut covered: BTreeSet<(String, usize)> = BTreeSet::new();
        let mut current: Option<String> = None;
        let mut running = false;
        let mut blank_since: Option<f64> = None;
        let mut break_since: Option<(f64, f64)> = None;
        let mut discussion: Option<(f64, String, Option<usize>, f64)> = None;
        let mut last_t = lines.first().map_or(0.0, |l| l.t);
        for line in lines {
            let dt = (line.t - last_t).max(0.0);
            last_t = last_t.max(line.t);
            if running && let Some(id) = &current {
                time.entry(id.clone()).or_default().0 += dt;
            }
            match &line.event {
                Event::Start {
                    deck,
                    title,
                    started,
                    slides,
                    ..
                } => {
                    r.deck.clone_from(deck);
                    r.title.clone_from(title);
                    r.started.clone_from(started);
                    learn(slides, &mut titles, &mut questions);
                    plan.clone_from(slides);
                }
                Event::Reloaded { slides } => {
                    learn(slides, &mut titles, &mut questions);
                    plan.clone_from(slides);
                    r.reloads += 1;
                }
                Event::Resumed { slides, .. } => {
                    learn(slides, &mut titles, &mut questions);
                    plan.clone_from(slides);
                    r.resumes += 1;
                }
                Event::Slide { id, .. } => {
                    if !seen_order.contains(id) {
                        seen_order.push(id.clone());
                    }
                    // A reload that moves the slide is not a new visit.
                    if current.as_ref() != Some(id) {
                        time.entry(id.clone()).or_default().1 += 1;
                    }
                    current = Some(id.clone());
                }
                Event::Timer { state } => running = *state == TimerMark::Running,
                Event::Screen { screen } => {
                    if matches!(screen, ScreenMark::Slide | ScreenMark::End) {
                        if let Some(since) = blank_since.take() {
                            r.blackouts.1 += line.t - since;
                        }
                    } else if blank_since.is_none() {
                        blank_since = Some(line.t);
                        r.blackouts.0 += 1;
                    }
                }
                Event::BreakStarted { planned_secs } => break_since = Some((line.t, *planned_secs)),
                Event::BreakEnded => {
                    if let Some((since, planned_secs)) = break_since.take() {
                        r.breaks.push(BreakTaken {
                            planned_secs,
                            actual_secs: line.t - since,
                        });
                    }
                }
                Event::DiscussionStarted {
                    slide,
                    prompt,
                    planned_secs,
                } => discussion = Some((line.t, slide.clone(), *prompt, *planned_secs)),
                Event::DiscussionEnded => {
                    if let Some(d) = discussion.take() {
                        r.discussions
                            .push(discussion_run(d, line.t, &titles, &questions));
                    }
                }
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
                Event::AudienceClosed => r.audience_closed += 1,
                Event::Ended { clean, at } => {
                    r.ended_cleanly = *clean;
                    r.ended = Some(at.clone());
                }
                Event::AudienceOpened | Event::Parked { .. } | Event::Heartbeat => {}
            }
        }
        // A session still running: the current slide counts up to now.
        let end_t = until_t.unwrap_or(last_t).max(last_t);
        if running && let Some(id) = &current {
            time.entry(id.clone()).or_default().0 += end_t - last_t;
            r.talk_secs += end_t - last_t;
        }
        if let Some(d) = discussion.take() {
            r.discussions
                .push(discussion_run(d, end_t, &titles, &questions));
        }
        if let Some((since, planned_secs)) = break_since {
            r.breaks.push(BreakTaken {
                planned_secs,
                actual_secs: end_t - since,
            });
        }
        if let Some(since) = blank_since {
            r.blackouts.1 += end_t - since;
        }
        let slide_time = |index: usize, id: &str, title: &str, planned: Option<f64>| {
            let (talk_secs, visits) = time.get(id).copied().unwrap_or_default();
            SlideTime {
                index,
                id: id.to_owned(),
                title: title.to_owned(),
                planned_minutes: planned,
                talk_secs,
                visits,
            }
        };
        r.slides = plan
            .iter()
            .enumerate()
            .map(|(i, s)| slide_time(i, &s.id, &s.title, s.minutes))
            .collect();
        for id in seen_order
            .iter()
            .filter(|id| !plan.iter().any(|s| &s.id == *id))
        {
            let title = titles.get(id).cloned().unwrap_or_else(|| id.clone());
            r.slides.push(slide_time(r.slides.len(), id, &title, None));
        }
        r.prompts_total = plan.iter().map(|s| s.prompts.len()).sum();
        r.prompts_covered = covered
            .iter()
            .map(|key| PromptCovered {
                slide_title: titles.get(&key.0).cloned().unwrap_or_else(|| key.0.clone()),
                question: questions.get(key).cloned().unwrap_or_default(),
            })
            .collect();
        r
    }

    /// Planned minutes of all slides (slides without a plan count 0).
    pub fn planned_minutes(&self) -> f64 {
        self.slides
            .iter()
            .filter_map(|s| s.planned_minutes)
            .sum::<f64>()
            + 0.0
    }

    /// Talk seconds per slide id, for [`super::rehearse::rewrite_minutes`].
    pub fn slide_secs(&self) -> Vec<(String, f64)> {
        self.slides
            .iter()
            .map(|s| (s.id.clone(), s.talk_secs))
            .collect()
    }
}

type Titles = BTreeMap<String, String>;
type Questions = BTreeMap<(String, usize), String>;

/// Remembers the titles and questions of a plan (slides removed by a
/// reload keep theirs).
fn learn(slides: &[PlannedSlide], titles: &mut Titles, questions: &mut Questions) {
    for s in slides {
        titles.insert(s.id.clone(), s.title.clone());
        for p in &s.prompts {
            questions.insert((s.id.clone(), p.note), p.question.clone());
        }
    }
}

fn discussion_run(
    (since, slide, prompt, planned_secs): (f64, String, Option<usize>, f64),
    until: f64,
    titles: &Titles,
    questions: &Questions,
) -> DiscussionRun {
    DiscussionRun {
        slide_title: titles.get(&slide).cloned().unwrap_or_else(|| slide.clone()),
        question: prompt.and_then(|n| questions.get(&(slide.clone(), n)).cloned()),
        slide_id: slide,
        planned_secs,
        actual_secs: (until - since).max(0.0),
    }
}
