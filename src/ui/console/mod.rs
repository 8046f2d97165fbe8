//! The presenter console: current slide, next-slide preview, speaker
//! notes, talk timer with pacing, wall clock, discussion count-down,
//! break, overview, go-to, links. Thin: it reads a [`ConsoleView`] and
//! returns the commands the presenter clicked.
//!
//! - `status`: the status bar (slide, timers, clock) and its menus.
//! - `banners`: the deck's errors, the notices, what the audience sees.
//! - `previews`: the audience's slide, the next slide, links.
//! - `panels`: notes, overview, go-to, venue check, help, identify.

mod banners;
mod panels;
mod previews;
mod status;
mod summary;
mod tools;

use std::time::{Duration, Instant};

use chrono::NaiveTime;
use egui::{Align, Layout, RichText, Ui, vec2};

use super::slide::SlideSource;
use super::tokens;
use crate::app::Notice;
use crate::app::state::ConsoleState;
use crate::deck::Deck;
use crate::deck::policy::LinkStatus;
use crate::show::monitors::{Monitor, ScreenMode};
use crate::show::{AppCommand, ExportKind, Presentation, ShellCommand};

pub use panels::identify_ui;

/// Everything the console shows, borrowed for one frame.
pub struct ConsoleView<'a> {
    /// The deck, if one loaded.
    pub deck: Option<&'a Deck>,
    /// The presentation state.
    pub presentation: &'a Presentation,
    /// Now, on the monotonic clock (for the timers).
    pub now: Instant,
    /// The wall clock's local time now.
    pub wall: NaiveTime,
    /// Why the deck did not load, or its errors (`path:line:column: ...`
    /// lines), for the red banner.
    pub deck_error: Option<&'a str>,
    /// Messages for the presenter, each with a dismiss button.
    pub notices: &'a [Notice],
    /// The console's view state (pickers, help, notes zoom, venue check).
    pub console: &'a ConsoleState,
    /// Whether the audience window is open.
    pub audience_open: bool,
    /// Whether the audience's monitor went away (a pulled cable): its
    /// window is hidden until a monitor comes back.
    pub projector_gone: bool,
    /// The monitors, for the screen menu.
    pub monitors: &'a [Monitor],
    /// Index of the console's monitor, if known.
    pub console_monitor: Option<usize>,
    /// Index of the audience view's monitor, if it is full screen on one.
    pub audience_monitor: Option<usize>,
    /// 12- or 24-hour clock, as the wall clock and "Back at" read.
    pub hours: crate::show::hours::HourCycle,
    /// The presenter's choice of clock, for the Timer menu.
    pub clock_format: crate::show::hours::ClockFormat,
    /// How the presenter chose to lay the windows out.
    pub screen_mode: ScreenMode,
    /// How they are really laid out (`None`: the audience window is
    /// closed); Present with one monitor is side by side.
    pub layout_in_use: Option<ScreenMode>,
    /// Whether to flash "Presenter" over the console (identify screens).
    pub identify: bool,
    /// The current slide's links, checked when the deck loaded (same order
    /// as the slide's `links`).
    pub links: &'a [LinkStatus],
    /// Where slide pictures (images, PDF pages) come from.
    pub images: &'a dyn SlideSource,
    /// What the presenter drew on the slides (the pointing tool itself is
    /// in `console`).
    pub ink: &'a crate::show::pointing::Ink,
    /// Decks opened recently, newest first.
    pub recent: &'a [std::path::PathBuf],
    /// "Resume at slide 7, talk timer 23:14 (paused)", when the last talk
    /// of this deck was interrupted.
    pub resume_offer: Option<String>,
    /// The questions parked this talk.
    pub parked: &'a [crate::session::Parked],
    /// The end-of-talk summary (while the room sees the end screen) and
    /// whether timings are being rehearsed.
    pub end_of_talk: &'a crate::app::summary::EndOfTalk,
    /// The session file being written, to say where the record is.
    pub session_file: Option<std::path::PathBuf>,
    /// The phone remote's menu: address, QR code, paired phones.
    pub remote: &'a crate::app::remote::RemoteView,
    /// What "Print guide…" and "Export handout…" can do now.
    pub export: ExportButtons,
}

/// What the console's "Print guide…" and "Export handout…" can do this
/// frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportButtons {
    /// The export running, from the press until the PDF is written (the
    /// buttons are off meanwhile).
    pub running: Option<ExportKind>,
    /// Why the buttons are off (the built-in deck has no folder), or
    /// `None` when they work.
    pub unavailable: Option<&'static str>,
}

/// The end of the talk before it comes: no summary, not rehearsing.
static NOT_ENDED: crate::app::summary::EndOfTalk = crate::app::summary::EndOfTalk {
    report: None,
    rehearsing: false,
    offer: None,
};

/// No ink on any slide.
static NO_INK: crate::show::pointing::Ink = crate::show::pointing::Ink::new();

/// Why "Print guide…" and "Export handout…" are off with no deck open.
pub const NO_DECK_TO_EXPORT: &str =
    "No deck is open: open a deck file first, then print its guide or handout.";

impl<'a> ConsoleView<'a> {
    /// A view of `deck` and `presentation` at `now` (wall clock `wall`)
    /// with the console state `console` and everything else at its default:
    /// no banner, the audience window open, no monitors known, no links, no
    /// images. Change fields with struct update syntax.
    pub fn new(
        deck: Option<&'a Deck>,
        presentation: &'a Presentation,
        console: &'a ConsoleState,
        now: Instant,
        wall: NaiveTime,
    ) -> Self {
        Self {
            deck,
            presentation,
            now,
            wall,
            deck_error: None,
            notices: &[],
            console,
            audience_open: true,
            projector_gone: false,
            monitors: &[],
            console_monitor: None,
            audience_monitor: None,
            screen_mode: ScreenMode::Present,
            layout_in_use: Some(ScreenMode::Present),
            hours: crate::show::hours::HourCycle::TwentyFour,
            clock_format: crate::show::hours::ClockFormat::System,
            identify: false,
            links: &[],
            images: &super::slide::NoImages,
            ink: &NO_INK,
            recent: &[],
            resume_offer: None,
            parked: &[],
            end_of_talk: &NOT_ENDED,
            session_file: None,
            remote: &crate::app::remote::REMOTE_OFF,
            export: ExportButtons::default(),
        }
    }
}

/// The console's title bar text: `<deck title> — slide N/M`.
pub fn console_title(deck: Option<&Deck>, presentation: &Presentation) -> String {
    match deck {
        Some(deck) => format!(
            "{} — slide {}/{}",
            deck.title,
            presentation.current() + 1,
            presentation.slide_count()
        ),
        None => "cuecard — no deck".to_owned(),
    }
}

/// The wall-clock time of the monotonic instant `then`, given that the wall
/// clock reads `wall` at `now` (`then` may be before or after `now`).
pub fn wall_at(wall: NaiveTime, now: Instant, then: Instant) -> NaiveTime {
    if then >= now {
        wall_after(wall, then - now)
    } else {
        let seconds = i64::try_from((now - then).as_secs()).unwrap_or(0);
        wall.overflowing_sub_signed(chrono::TimeDelta::seconds(seconds))
            .0
    }
}

/// The wall-clock time `after` from `wall`.
pub fn wall_after(wall: NaiveTime, after: Duration) -> NaiveTime {
    let seconds = i64::try_from(after.as_secs()).unwrap_or(0);
    wall.overflowing_add_signed(chrono::TimeDelta::seconds(seconds))
        .0
}

/// Shows the whole presenter console in `ui`; returns what was clicked.
pub fn console_ui(ui: &mut Ui, view: &ConsoleView<'_>) -> Vec<AppCommand> {
    let mut commands = Vec::new();
    // What just went wrong comes first; a long list of deck errors
    // scrolls in its banner and never pushes the notices off the screen.
    banners::notices_ui(ui, view.notices, &mut commands);
    if let Some(error) = view.deck_error {
        banners::error_banner_ui(ui, error);
    }
    let Some(deck) = view.deck else {
        no_deck_ui(ui, view, &mut commands);
        return commands;
    };
    if let Some(offer) = &view.resume_offer {
        banners::resume_offer_ui(ui, offer, &mut commands);
    }
    status::status_bar_ui(ui, deck, view, &mut commands);
    // A PDF page the room cannot see is said here, not only in the preview.
    let current = view.presentation.current();
    if let Some(page) = deck
        .slides
        .get(current)
        .and_then(crate::deck::Slide::page_index)
        && let Some(why) = view.images.page_problem(page)
    {
        banners::warning_ui(
            ui,
            &format!(
                "The room sees a blank slide: page {} is not shown: {why}",
                page + 1
            ),
        );
    }
    banners::state_banners_ui(ui, view, &mut commands);
    banners::parking_lot_ui(ui, view, &mut commands);
    ui.separator();
    let pickers = &view.console.pickers;
    if let Some(log) = &view.console.venue_check {
        panels::venue_check_ui(ui, log, &mut commands);
    } else if let Some(selected) = pickers.overview() {
        panels::overview_ui(ui, deck, view, selected, &mut commands);
    } else if view.presentation.at_end() {
        summary::end_of_talk_ui(ui, view, &mut commands);
    } else {
        let width = ui.available_width();
        let left = (width * 0.42).clamp(240.0, 900.0);
        ui.horizontal_top(|ui| {
            ui.allocate_ui_with_layout(
                vec2(left, ui.available_height()),
                Layout::top_down(Align::Min),
                |ui| {
                    previews::slides_column_ui(ui, deck, view, &mut commands);
                },
            );
            ui.separator();
            ui.vertical(|ui| panels::notes_column_ui(ui, deck, view, &mut commands));
        });
    }
    if let Some(prompt) = pickers.goto() {
        panels::goto_ui(ui, prompt, view.presentation.slide_count());
    }
    if view.console.help_open {
        panels::help_ui(ui, &mut commands);
    }
    if view.identify {
        identify_ui(ui, "Presenter");
    }
    if let Some(question) = &view.console.link_question {
        banners::link_question_ui(ui, question, &mut commands);
    }
    if view.console.confirm_quit {
        banners::confirm_quit_ui(ui, view, &mut commands);
    }
    commands
}

/// No deck is open: say so, and offer Open… and the recent decks.
fn no_deck_ui(ui: &mut Ui, view: &ConsoleView<'_>, commands: &mut Vec<AppCommand>) {
    ui.label(
        RichText::new(
            "No deck is open. Open one, pick a recent deck, or drop a deck (.ron) or a PDF on this window.",
        )
        .size(tokens::TEXT_LARGE),
    );
    if ui
        .button(RichText::new("Open deck… (Ctrl+O)").size(tokens::TEXT_LARGE))
        .clicked()
    {
        commands.push(ShellCommand::OpenDeckDialog.into());
    }
    for (i, path) in view.recent.iter().enumerate() {
        if ui.button(path.display().to_string()).clicked() {
            commands.push(ShellCommand::OpenRecent(i).into());
        }
    }
    // Where they are when a deck is open (the Deck… menu), off until then.
    let off = ExportButtons {
        running: view.export.running,
        unavailable: Some(NO_DECK_TO_EXPORT),
    };
    ui.horizontal(|ui| {
        for kind in [ExportKind::Guide, ExportKind::Handout] {
            status::export_button_ui(ui, off, kind, commands);
        }
    });
}
