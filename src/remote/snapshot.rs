//! What the phone shows: a [`RemoteSnapshot`] that the app publishes into
//! a [`SharedSnapshot`] and the server reads (and streams to the page when
//! it changes).

use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;
use tokio::sync::watch;

use crate::deck::{Deck, Note, Slide};
use crate::show::{AudienceShows, Presentation};

/// One speaker note, by kind, as the phone shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RemoteNote {
    /// What the presenter says.
    Script {
        /// The text.
        text: String,
    },
    /// Advice for the presenter.
    Tip {
        /// The text.
        text: String,
    },
    /// A question for the room, with the ideas to offer if it is stuck.
    Prompt {
        /// The question.
        question: String,
        /// Ideas if the group needs help (folded on the phone).
        ideas: Vec<String>,
        /// Suggested discussion length, in minutes.
        minutes: Option<f64>,
        /// Whether the presenter ticked it as covered.
        covered: bool,
    },
    /// A quotation to read.
    Quote {
        /// The quoted words.
        text: String,
        /// Where they come from.
        source: Option<String>,
    },
    /// Text that is also on the slide.
    SlideText {
        /// The text.
        text: String,
    },
}

/// The talk timer, as of the snapshot; the page counts on by itself while
/// `running`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct TalkTimerView {
    /// Elapsed talk time, in whole seconds.
    pub elapsed_secs: u64,
    /// Whether it is counting.
    pub running: bool,
}

/// A running discussion count-down, as of the snapshot; the page counts
/// down by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DiscussionView {
    /// Time left, in whole seconds (rounded up, so 0 means over).
    pub remaining_secs: u64,
    /// Its length, in whole seconds.
    pub length_secs: u64,
}

/// Everything the phone page shows. Build it with
/// [`RemoteSnapshot::from_presentation`] and set
/// [`RemoteSnapshot::slide_png`] if the app has a picture of the slide.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct RemoteSnapshot {
    /// The deck's title.
    pub deck_title: String,
    /// The current slide's number, from 1 (0 when there is no deck).
    pub slide_number: usize,
    /// Number of slides (hidden ones included).
    pub slide_count: usize,
    /// The current slide's title.
    pub slide_title: String,
    /// The next slide's title, if there is a next slide.
    pub next_title: Option<String>,
    /// The current slide's speaker notes, in reading order.
    pub notes: Vec<RemoteNote>,
    /// The talk timer.
    pub talk_timer: TalkTimerView,
    /// The discussion count-down, if one is running.
    pub discussion: Option<DiscussionView>,
    /// Whether the audience view is black.
    pub blackout: bool,
    /// A PNG picture of the current slide, or `None` (the page shows the
    /// title). Not in the JSON: served at `/slide.png`.
    #[serde(skip)]
    pub slide_png: Option<Arc<[u8]>>,
}

impl RemoteSnapshot {
    /// What the phone shows for `presentation` of `deck` at `now` (the same
    /// monotonic clock the presentation uses). No picture: set
    /// `slide_png` to add one.
    pub fn from_presentation(deck: &Deck, presentation: &Presentation, now: Instant) -> Self {
        let current = presentation.current();
        let slide = deck.slides.get(current);
        let notes = slide.map_or_else(Vec::new, |slide| {
            slide
                .notes
                .iter()
                .enumerate()
                .map(|(index, note)| note_view(note, presentation.is_covered(current, index)))
                .collect()
        });
        let timer = &presentation.timer;
        Self {
            deck_title: deck.title.clone(),
            slide_number: if slide.is_some() { current + 1 } else { 0 },
            slide_count: deck.slides.len(),
            slide_title: slide.map(Slide::console_title).unwrap_or_default(),
            next_title: presentation
                .next_index()
                .and_then(|i| deck.slides.get(i))
                .map(Slide::console_title),
            notes,
            talk_timer: TalkTimerView {
                elapsed_secs: timer.elapsed(now).as_secs(),
                running: timer.is_running(),
            },
            discussion: presentation.discussion().map(|d| {
                let remaining = d.remaining(now);
                DiscussionView {
                    remaining_secs: remaining.as_secs() + u64::from(remaining.subsec_nanos() > 0),
                    length_secs: d.length.as_secs(),
                }
            }),
            blackout: presentation.audience() == AudienceShows::Black,
            slide_png: None,
        }
    }
}

fn note_view(note: &Note, covered: bool) -> RemoteNote {
    match note {
        Note::Script(text) => RemoteNote::Script { text: text.clone() },
        Note::Tip(text) => RemoteNote::Tip { text: text.clone() },
        Note::Prompt {
            question,
            ideas,
            minutes,
        } => RemoteNote::Prompt {
            question: question.clone(),
            ideas: ideas.clone(),
            minutes: *minutes,
            covered,
        },
        Note::Quote { text, source } => RemoteNote::Quote {
            text: text.clone(),
            source: source.clone(),
        },
        Note::SlideText(text) => RemoteNote::SlideText { text: text.clone() },
    }
}

/// A published snapshot with its version numbers.
#[derive(Debug, Clone, Default)]
pub(super) struct Versioned {
    /// The snapshot.
    pub snapshot: Arc<RemoteSnapshot>,
    /// Bumped on every change.
    pub version: u64,
    /// The version at which the slide picture last changed (for the
    /// picture's URL, so the phone fetches it only when it changed).
    pub image_version: u64,
}

/// The snapshot shared between the app (which publishes) and the server
/// (which reads and is told of changes). Cheap to clone; every clone is the
/// same snapshot.
#[derive(Debug, Clone)]
pub struct SharedSnapshot {
    sender: Arc<watch::Sender<Versioned>>,
}

impl Default for SharedSnapshot {
    fn default() -> Self {
        Self::new(RemoteSnapshot::default())
    }
}

impl SharedSnapshot {
    /// A shared snapshot holding `initial`.
    pub fn new(initial: RemoteSnapshot) -> Self {
        let (sender, _) = watch::channel(Versioned {
            snapshot: Arc::new(initial),
            version: 1,
            image_version: 1,
        });
        Self {
            sender: Arc::new(sender),
        }
    }

    /// Replaces the snapshot if `snapshot` differs from it, and tells the
    /// server (which pushes it to the phone). Returns whether it differed.
    /// Cheap when nothing changed, so the app may call it every frame.
    pub fn publish(&self, snapshot: RemoteSnapshot) -> bool {
        self.sender.send_if_modified(|current| {
            if *current.snapshot == snapshot {
                return false;
            }
            let image_changed = current.snapshot.slide_png != snapshot.slide_png;
            current.version += 1;
            if image_changed {
                current.image_version = current.version;
            }
            current.snapshot = Arc::new(snapshot);
            true
        })
    }

    /// The snapshot now.
    pub fn current(&self) -> Arc<RemoteSnapshot> {
        Arc::clone(&self.sender.borrow().snapshot)
    }

    pub(super) fn versioned(&self) -> Versioned {
        self.sender.borrow().clone()
    }

    pub(super) fn subscribe(&self) -> watch::Receiver<Versioned> {
        self.sender.subscribe()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use std::time::Duration;

    use super::*;
    use crate::show::Command;

    fn module5() -> Deck {
        crate::deck::parse(
            crate::MODULE5_RON.as_bytes(),
            std::path::Path::new("module5.ron"),
            None,
        )
        .unwrap()
        .deck
    }

    #[test]
    fn the_snapshot_follows_the_presentation() {
        let deck = module5();
        let t0 = Instant::now();
        let mut show = Presentation::new(&deck);
        let first = RemoteSnapshot::from_presentation(&deck, &show, t0);
        assert_eq!(first.slide_number, 1);
        assert_eq!(first.slide_title, deck.slides[0].title);
        show.apply(&Command::Next, t0);
        show.apply(&Command::ToggleBlackout, t0);
        let later = t0 + Duration::from_secs(65);
        let second = RemoteSnapshot::from_presentation(&deck, &show, later);
        assert_eq!(second.slide_number, 2);
        assert_eq!(second.slide_title, deck.slides[1].title);
        assert_eq!(second.notes.len(), deck.slides[1].notes.len());
        assert!(second.blackout);
        assert_eq!(second.talk_timer.elapsed_secs, 65);
        assert!(second.talk_timer.running);
    }

    #[test]
    fn prompts_keep_their_ideas() {
        let deck = module5();
        let (index, slide) = deck
            .slides
            .iter()
            .enumerate()
            .find(|(_, s)| {
                s.notes
                    .iter()
                    .any(|n| matches!(n, Note::Prompt { ideas, .. } if !ideas.is_empty()))
            })
            .unwrap();
        let t0 = Instant::now();
        let mut show = Presentation::new(&deck);
        show.apply(&Command::GoTo(index), t0);
        let snap = RemoteSnapshot::from_presentation(&deck, &show, t0);
        let Some(RemoteNote::Prompt { ideas, .. }) = snap
            .notes
            .iter()
            .find(|n| matches!(n, RemoteNote::Prompt { ideas, .. } if !ideas.is_empty()))
        else {
            unreachable!("slide {} has a prompt with ideas", slide.id);
        };
        assert!(!ideas.is_empty());
    }

    #[test]
    fn untitled_pdf_pages_are_named_as_on_the_console() {
        let mut deck = module5();
        for (k, slide) in deck.slides.iter_mut().enumerate() {
            slide.title = String::new();
            slide.page = Some(u32::try_from(k + 1).unwrap());
        }
        let t0 = Instant::now();
        let show = Presentation::new(&deck);
        let snap = RemoteSnapshot::from_presentation(&deck, &show, t0);
        assert_eq!(snap.slide_title, "Page 1");
        assert_eq!(
            snap.next_title.as_deref(),
            Some("Page 2"),
            "a next slide without a title is not \"the last slide\""
        );
        assert_eq!(snap.slide_title, deck.slides[0].console_title());
    }

    #[test]
    fn publishing_the_same_snapshot_changes_nothing() {
        let shared = SharedSnapshot::default();
        let receiver = shared.subscribe();
        let snap = RemoteSnapshot {
            slide_title: "One".into(),
            ..RemoteSnapshot::default()
        };
        assert!(shared.publish(snap.clone()));
        assert!(!shared.publish(snap.clone()));
        assert!(receiver.has_changed().unwrap());
        let image_version = shared.versioned().image_version;
        assert!(shared.publish(RemoteSnapshot {
            slide_png: Some(Arc::from(&b"png"[..])),
            ..snap
        }));
        assert!(shared.versioned().image_version > image_version);
        assert_eq!(shared.current().slide_title, "One");
    }
}
