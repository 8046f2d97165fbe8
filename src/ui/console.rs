//! The presenter console: current slide, next-slide preview, speaker
//! notes, talk timer with pacing, wall clock, discussion count-down,
//! break, overview, go-to, links. Thin: it reads a [`ConsoleView`] and
//! returns the [`Command`]s the presenter clicked.

use std::time::{Duration, Instant};

use chrono::NaiveTime;
use egui::{
    Align, Align2, Frame, Layout, Margin, OpenUrl, RichText, ScrollArea, Sense, Stroke, StrokeKind,
    Ui, vec2,
};

use super::notes::{format_minutes, notes_ui};
use super::slide::{ImageLookup, paint_caption, paint_slide, preview_size};
use super::tokens;
use crate::deck::policy::{LinkStatus, LocalCopy};
use crate::deck::{Deck, Link};
use crate::show::monitors::{Monitor, ScreenMode};
use crate::show::{
    AudienceShows, Command, OVERVIEW_COLUMNS, Pace, Presentation, Screen, format_clock, keys, pace,
};

/// Everything the console shows, borrowed for one frame.
#[allow(clippy::struct_excessive_bools)] // independent facts the view shows
pub struct ConsoleView<'a> {
    /// The deck, if one loaded.
    pub deck: Option<&'a Deck>,
    /// The presentation state.
    pub presentation: &'a Presentation,
    /// Now, on the monotonic clock (for the timers).
    pub now: Instant,
    /// The wall clock's local time now.
    pub wall: NaiveTime,
    /// A problem to show in a banner (`path:line:column: ...` lines).
    pub error: Option<&'a str>,
    /// Whether the audience window is open.
    pub audience_open: bool,
    /// Whether the key help is showing.
    pub help_open: bool,
    /// Zoom of the speaker notes (1.0 = normal).
    pub notes_zoom: f32,
    /// Points to scroll the notes by this frame (positive = down).
    pub notes_scroll: f32,
    /// The monitors, for the screen menu.
    pub monitors: &'a [Monitor],
    /// Index of the console's monitor, if known.
    pub console_monitor: Option<usize>,
    /// Index of the audience view's monitor, if it is full screen on one.
    pub audience_monitor: Option<usize>,
    /// How the windows are laid out.
    pub screen_mode: ScreenMode,
    /// Whether to flash "Presenter" over the console (identify screens).
    pub identify: bool,
    /// The current slide's links, checked when the deck loaded (same order
    /// as the slide's `links`).
    pub links: &'a [LinkStatus],
    /// The venue check's log (key, what cuecard does), if it is open.
    pub venue_check: Option<&'a [(String, Option<Command>)]>,
    /// Whether to ask "Quit cuecard?" (the window was closed during a talk).
    pub confirm_quit: bool,
    /// Where slide images come from.
    pub images: &'a dyn ImageLookup,
    /// Decks opened recently, newest first.
    pub recent: &'a [std::path::PathBuf],
}

impl<'a> ConsoleView<'a> {
    /// A view of `deck` and `presentation` at `now` (wall clock `wall`)
    /// with everything else at its default: no banner, the audience window
    /// open, normal notes zoom, no monitors known, no links, no images.
    /// Change fields with struct update syntax.
    pub fn new(
        deck: Option<&'a Deck>,
        presentation: &'a Presentation,
        now: Instant,
        wall: NaiveTime,
    ) -> Self {
        Self {
            deck,
            presentation,
            now,
            wall,
            error: None,
            audience_open: true,
            help_open: false,
            notes_zoom: 1.0,
            notes_scroll: 0.0,
            monitors: &[],
            console_monitor: None,
            audience_monitor: None,
            screen_mode: ScreenMode::Present,
            identify: false,
            links: &[],
            venue_check: None,
            confirm_quit: false,
            images: &super::slide::NoImages,
            recent: &[],
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

/// Formats a wall-clock time as `HH:MM`.
pub fn format_wall(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
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
pub fn console_ui(ui: &mut Ui, view: &ConsoleView<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    if let Some(error) = view.error {
        error_banner_ui(ui, error);
    }
    let Some(deck) = view.deck else {
        ui.label(
            RichText::new("No deck is open. Fix the problem above and start cuecard again, or give a deck: cuecard path/to/deck.ron")
                .size(18.0),
        );
        return commands;
    };
    status_bar_ui(ui, deck, view, &mut commands);
    state_banners_ui(ui, view, &mut commands);
    ui.separator();
    if let Some(log) = view.venue_check {
        venue_check_ui(ui, log, &mut commands);
    } else if view.presentation.overview().is_some() {
        overview_ui(ui, deck, view.presentation, view.images, &mut commands);
    } else {
        let width = ui.available_width();
        let left = (width * 0.42).clamp(240.0, 900.0);
        ui.horizontal_top(|ui| {
            ui.allocate_ui_with_layout(
                vec2(left, ui.available_height()),
                Layout::top_down(Align::Min),
                |ui| {
                    slides_column_ui(ui, deck, view, &mut commands);
                },
            );
            ui.separator();
            ui.vertical(|ui| notes_column_ui(ui, deck, view, &mut commands));
        });
    }
    if let Some(typed) = view.presentation.goto_text() {
        goto_ui(ui, typed, view.presentation.slide_count());
    }
    if view.help_open {
        help_ui(ui, &mut commands);
    }
    if view.identify {
        identify_ui(ui, "Presenter");
    }
    if view.confirm_quit {
        confirm_quit_ui(ui, view, &mut commands);
    }
    commands
}

/// "Quit cuecard?", asked when the console window is closed during a talk.
fn confirm_quit_ui(ui: &mut Ui, view: &ConsoleView<'_>, commands: &mut Vec<Command>) {
    egui::Window::new("Quit cuecard?")
        .collapsible(false)
        .resizable(false)
        .anchor(Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ui.ctx(), |ui| {
            ui.label(
                RichText::new(format!(
                    "The talk is under way (talk timer {}). Quitting ends it: the timer and the ticks on the questions are lost.",
                    format_clock(view.presentation.timer.elapsed(view.now))
                ))
                .size(17.0),
            );
            ui.horizontal(|ui| {
                if ui.button(RichText::new("Keep presenting").size(17.0)).clicked() {
                    commands.push(Command::KeepPresenting);
                }
                if ui.button(RichText::new("Quit").size(17.0)).clicked() {
                    commands.push(Command::Quit);
                }
            });
        });
}

fn error_banner_ui(ui: &mut Ui, error: &str) {
    Frame::new()
        .fill(tokens::ERROR_FILL)
        .inner_margin(Margin::same(8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(error).color(tokens::ERROR_TEXT).monospace());
        });
}

fn status_bar_ui(ui: &mut Ui, deck: &Deck, view: &ConsoleView<'_>, commands: &mut Vec<Command>) {
    let p = view.presentation;
    let big = 22.0;
    ui.horizontal_wrapped(|ui| {
        let count = p.slide_count();
        ui.label(
            RichText::new(format!(
                "Slide {} of {count}",
                (p.current() + 1).min(count.max(1))
            ))
            .size(big)
            .strong(),
        );
        ui.separator();
        let elapsed = p.timer.elapsed(view.now);
        let (state, color) = if p.timer.is_running() {
            ("", tokens::TIMER_RUNNING)
        } else if p.timer.is_started() {
            (" (paused)", tokens::TIMER_PAUSED)
        } else {
            (" (not started)", tokens::TIMER_PAUSED)
        };
        ui.label(
            RichText::new(format!("Talk timer {}{state}", format_clock(elapsed)))
                .size(big)
                .color(color)
                .monospace(),
        );
        if let Some(total) = deck.duration_minutes {
            let planned = Duration::from_secs_f64((total * 60.0).clamp(0.0, 1e7));
            let text = if elapsed <= planned {
                format!("{} left", format_clock(planned.saturating_sub(elapsed)))
            } else {
                format!("{} over", format_clock(elapsed.saturating_sub(planned)))
            };
            ui.label(
                RichText::new(text)
                    .size(big * 0.8)
                    .monospace()
                    .color(tokens::CONSOLE_MUTED),
            );
        }
        let planned: Vec<Option<f64>> = deck.slides.iter().map(|s| s.minutes).collect();
        let (text, color) = match pace(&planned, p.current(), elapsed) {
            Pace::Unplanned => (String::new(), tokens::CONSOLE_MUTED),
            Pace::OnTime => ("On time".to_owned(), tokens::PACE_ON_TIME),
            Pace::Ahead(m) => (format!("{m} min ahead"), tokens::PACE_AHEAD),
            Pace::Behind(m) => (format!("{m} min behind"), tokens::PACE_BEHIND),
        };
        if !text.is_empty() && p.timer.is_started() {
            ui.label(RichText::new(text).size(big * 0.8).strong().color(color));
        }
        ui.separator();
        ui.label(
            RichText::new(format!("Clock {}", format_wall(view.wall)))
                .size(big)
                .monospace(),
        );
    });
    ui.horizontal_wrapped(|ui| {
        let toggle = if p.timer.is_running() {
            "Pause timer"
        } else if p.timer.is_started() {
            "Resume timer"
        } else {
            "Start timer"
        };
        if ui.button(toggle).clicked() {
            commands.push(Command::ToggleTimer);
        }
        if p.timer.can_undo_reset() {
            if ui.button("Undo timer reset").clicked() {
                commands.push(Command::UndoResetTimer);
            }
        } else if p.timer.is_started() && ui.button("Reset timer").clicked() {
            commands.push(Command::ResetTimer);
        }
        ui.separator();
        if ui.button("Overview").clicked() {
            commands.push(Command::ToggleOverview);
        }
        if ui.button("Go to…").clicked() {
            commands.push(Command::OpenGoTo);
        }
        let freeze = if p.frozen().is_some() {
            "Unfreeze audience"
        } else {
            "Freeze audience"
        };
        if ui.button(freeze).clicked() {
            commands.push(Command::ToggleFreeze);
        }
        let black = if p.screen() == Screen::Black {
            "Show slide"
        } else {
            "Black screen"
        };
        if ui.button(black).clicked() {
            commands.push(Command::ToggleBlackout);
        }
        ui.menu_button("Break…", |ui| {
            for minutes in [5, 10, 15, 20, 30] {
                if ui.button(format!("{minutes}-minute break")).clicked() {
                    commands.push(Command::StartBreak { minutes });
                    ui.close();
                }
            }
        });
        ui.menu_button("Discussion…", |ui| {
            for minutes in [1, 2, 3, 5, 10, 15] {
                if ui.button(format!("{minutes}-minute count-down")).clicked() {
                    commands.push(Command::StartDiscussion {
                        seconds: minutes * 60,
                        prompt: None,
                    });
                    ui.close();
                }
            }
        });
        screens_menu_ui(ui, view, commands);
        ui.menu_button("Deck…", |ui| {
            if ui.button("Open deck… (Ctrl+O)").clicked() {
                commands.push(Command::OpenDeck);
                ui.close();
            }
            if ui.button("Reload (Ctrl+R)").clicked() {
                commands.push(Command::Reload);
                ui.close();
            }
            if !view.recent.is_empty() {
                ui.separator();
                ui.label(RichText::new("Recent decks").color(tokens::CONSOLE_MUTED));
            }
            for (i, path) in view.recent.iter().enumerate() {
                if ui.button(path.display().to_string()).clicked() {
                    commands.push(Command::OpenRecent(i));
                    ui.close();
                }
            }
        });
        if ui.button("Venue check…").clicked() {
            commands.push(Command::ToggleVenueCheck);
        }
        if ui.button("Keys…").clicked() {
            commands.push(Command::ToggleHelp);
        }
    });
}

fn screens_menu_ui(ui: &mut Ui, view: &ConsoleView<'_>, commands: &mut Vec<Command>) {
    ui.menu_button("Screens…", |ui| {
        if view.monitors.is_empty() {
            ui.label("The window system reports no monitors.");
        }
        for (i, monitor) in view.monitors.iter().enumerate() {
            let mut text = format!("{}. {}", i + 1, monitor.describe());
            if view.console_monitor == Some(i) {
                text.push_str(" — console");
            }
            let here = view.audience_monitor == Some(i);
            if ui.radio(here, format!("Audience view on {text}")).clicked() {
                commands.push(Command::AudienceOn(i));
                ui.close();
            }
        }
        ui.separator();
        for (mode, label) in [
            (
                ScreenMode::Present,
                "Present: audience full screen on another monitor",
            ),
            (ScreenMode::Rehearse, "Rehearse: both windows side by side"),
            (
                ScreenMode::Mirror,
                "Mirror: audience full screen, console on top",
            ),
        ] {
            if ui.radio(view.screen_mode == mode, label).clicked() {
                commands.push(Command::SetScreenMode(mode));
                ui.close();
            }
        }
        ui.separator();
        if ui.button("Swap screens (S)").clicked() {
            commands.push(Command::SwapScreens);
            ui.close();
        }
        if ui.button("Identify screens (Shift+S)").clicked() {
            commands.push(Command::IdentifyScreens);
            ui.close();
        }
    });
}

/// Flashes a large label over a window, to tell the screens apart.
pub fn identify_ui(ui: &Ui, label: &str) {
    let rect = ui.ctx().content_rect();
    let painter = ui.ctx().layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("cuecard-identify"),
    ));
    let layout = |size: f32| {
        painter.layout_no_wrap(
            label.to_owned(),
            egui::FontId::proportional(size),
            tokens::IDENTIFY_TEXT,
        )
    };
    // As large as fits: a fifth of the height, at most 70% of the width.
    let mut size = (rect.height() * 0.18).clamp(12.0, 400.0);
    let mut galley = layout(size);
    let fit = rect.width() * 0.7 / galley.size().x.max(1.0);
    if fit < 1.0 {
        size = (size * fit).max(12.0);
        galley = layout(size);
    }
    let frame = Align2::CENTER_CENTER
        .anchor_size(rect.center(), galley.size())
        .expand2(vec2(size * 0.4, size * 0.2));
    painter.rect_filled(frame, size * 0.1, tokens::IDENTIFY_FILL);
    painter.galley(
        frame.min + vec2(size * 0.4, size * 0.2),
        galley,
        tokens::IDENTIFY_TEXT,
    );
}

/// One line each for what the audience sees when it is not simply the
/// current slide, and for a running discussion.
fn state_banners_ui(ui: &mut Ui, view: &ConsoleView<'_>, commands: &mut Vec<Command>) {
    let p = view.presentation;
    let audience = match p.audience() {
        AudienceShows::Slide(i) if i == p.current() => "Audience sees this slide".to_owned(),
        AudienceShows::Slide(i) => format!("Audience is frozen on slide {} — X to unfreeze", i + 1),
        AudienceShows::Black => "Audience sees BLACK — B or Esc to show the slide".to_owned(),
        AudienceShows::White => "Audience sees WHITE — W or Esc to show the slide".to_owned(),
        AudienceShows::Break { ends } if ends > view.now => format!(
            "Break: audience sees \"Back at {}\" — {} left; any slide key ends it",
            format_wall(wall_at(view.wall, view.now, ends)),
            format_clock(ends - view.now)
        ),
        AudienceShows::Break { ends } => format!(
            "Break is over ({} ago; the room was told {}) — any slide key shows the slide",
            format_clock(view.now - ends),
            format_wall(wall_at(view.wall, view.now, ends))
        ),
    };
    if !view.audience_open {
        Frame::new()
            .fill(tokens::WARNING_FILL)
            .inner_margin(Margin::same(6))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(
                            "The audience window is closed: the room sees nothing from cuecard.",
                        )
                        .size(18.0)
                        .color(tokens::WARNING_TEXT),
                    );
                    if ui.button("Reopen audience view (A)").clicked() {
                        commands.push(Command::ShowAudience);
                    }
                });
            });
    }
    let normal = matches!(p.audience(), AudienceShows::Slide(i) if i == p.current());
    let break_over = matches!(p.audience(), AudienceShows::Break { ends } if ends <= view.now);
    if !view.audience_open {
        // The banner above says it all.
        discussion_ui(ui, view, commands);
        return;
    }
    if break_over {
        Frame::new()
            .fill(tokens::TIME_UP_FILL)
            .inner_margin(Margin::same(6))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(&audience)
                            .size(18.0)
                            .strong()
                            .color(tokens::NOTES_TEXT),
                    );
                    if ui.button("End break").clicked() {
                        commands.push(Command::EndBreak);
                    }
                });
            });
        discussion_ui(ui, view, commands);
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let color = if normal {
            tokens::CONSOLE_MUTED
        } else {
            tokens::TIMER_PAUSED
        };
        ui.label(RichText::new(audience).size(16.0).color(color));
        if matches!(p.audience(), AudienceShows::Break { .. }) && ui.button("End break").clicked() {
            commands.push(Command::EndBreak);
        }
    });
    discussion_ui(ui, view, commands);
}

/// The discussion count-down, red at zero.
fn discussion_ui(ui: &mut Ui, view: &ConsoleView<'_>, commands: &mut Vec<Command>) {
    let p = view.presentation;
    if let Some(discussion) = p.discussion() {
        let over = discussion.is_over(view.now);
        let fill = if over {
            tokens::TIME_UP_FILL
        } else {
            tokens::PROMPT_FILL
        };
        Frame::new()
            .fill(fill)
            .inner_margin(Margin::same(6))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    let text = if over {
                        format!(
                            "Discussion: time's up ({} min)",
                            format_minutes(discussion.length.as_secs_f64() / 60.0)
                        )
                    } else {
                        format!(
                            "Discussion: {} left",
                            format_clock(
                                discussion.remaining(view.now) + Duration::from_millis(999)
                            )
                        )
                    };
                    ui.label(
                        RichText::new(text)
                            .size(20.0)
                            .strong()
                            .color(tokens::NOTES_TEXT),
                    );
                    if ui.button("Stop").clicked() {
                        commands.push(Command::StopDiscussion);
                    }
                    let mut shown = p.discussion_on_audience();
                    if ui.checkbox(&mut shown, "Show to the room").changed() {
                        commands.push(Command::ToggleDiscussionOnAudience);
                    }
                });
            });
    }
}

fn slides_column_ui(ui: &mut Ui, deck: &Deck, view: &ConsoleView<'_>, commands: &mut Vec<Command>) {
    let p = view.presentation;
    let width = ui.available_width();
    let caption = match p.audience() {
        AudienceShows::Slide(i) if i == p.current() => "The audience sees".to_owned(),
        AudienceShows::Slide(i) => format!("The audience sees (frozen on slide {})", i + 1),
        AudienceShows::Black | AudienceShows::White | AudienceShows::Break { .. } => {
            "The audience sees".to_owned()
        }
    };
    ui.label(RichText::new(caption).color(tokens::CONSOLE_MUTED));
    let (rect, response) = ui.allocate_exact_size(preview_size(width), Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            "What the audience sees; click for the next slide",
        )
    });
    match p.audience() {
        AudienceShows::Slide(i) => {
            paint_slide(ui.painter(), rect, deck, i, Screen::Slide, view.images);
        }
        AudienceShows::Black => {
            paint_slide(ui.painter(), rect, deck, 0, Screen::Black, view.images);
        }
        AudienceShows::White => {
            paint_slide(ui.painter(), rect, deck, 0, Screen::White, view.images);
        }
        AudienceShows::Break { .. } => {
            ui.painter().rect_filled(rect, 0.0, tokens::BREAK_FILL);
            paint_caption(ui.painter(), rect, "Break screen", tokens::BREAK_TEXT);
        }
    }
    if p.frozen().is_some() {
        // The presenter's own slide, small, while the audience is frozen.
        ui.label(
            RichText::new(format!("You are on slide {}", p.current() + 1))
                .color(tokens::TIMER_PAUSED),
        );
        let (mine, _) = ui.allocate_exact_size(preview_size(width * 0.6), Sense::hover());
        paint_slide(
            ui.painter(),
            mine,
            deck,
            p.current(),
            Screen::Slide,
            view.images,
        );
    }
    ui.painter().rect_stroke(
        rect,
        0.0,
        Stroke::new(2.0, tokens::CURRENT_FRAME),
        StrokeKind::Outside,
    );
    if response.clicked() {
        commands.push(Command::Next);
    }
    ui.add_space(6.0);
    let next = p.next_index();
    let next_title = next.and_then(|i| deck.slides.get(i)).map_or_else(
        || "Next: end of the deck".to_owned(),
        |s| format!("Next: {}", s.title),
    );
    ui.label(RichText::new(next_title).color(tokens::CONSOLE_MUTED));
    let (rect, response) = ui.allocate_exact_size(preview_size(width * 0.6), Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            "Next slide preview; click to go there",
        )
    });
    if let Some(index) = next {
        paint_slide(ui.painter(), rect, deck, index, Screen::Slide, view.images);
    } else {
        ui.painter().rect_filled(rect, 0.0, tokens::LETTERBOX);
        paint_caption(ui.painter(), rect, "End of the deck", tokens::CONSOLE_MUTED);
    }
    if response.clicked() {
        commands.push(Command::Next);
    }
    if let Some(note) = next
        .and_then(|i| deck.slides.get(i))
        .and_then(|s| s.content_note.as_ref())
    {
        warning_ui(ui, &format!("Next slide — content note: {note}"));
    }
    if let Some(slide) = deck.slides.get(p.current()) {
        if let Some(note) = &slide.content_note {
            warning_ui(ui, &format!("Content note: {note}"));
        }
        for (i, link) in slide.links.iter().enumerate() {
            links_ui(ui, link, view.links.get(i), p.current(), i, commands);
        }
    }
}

fn warning_ui(ui: &mut Ui, text: &str) {
    ui.add_space(6.0);
    Frame::new()
        .fill(tokens::WARNING_FILL)
        .inner_margin(Margin::same(8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(text).color(tokens::WARNING_TEXT).size(16.0));
        });
}

/// A link's title, where it goes, whether the local copy is there, and
/// buttons to open it online, play the local copy and open the transcript.
/// A refused URL or path disables its button, which then says why.
fn links_ui(
    ui: &mut Ui,
    link: &Link,
    status: Option<&LinkStatus>,
    slide: usize,
    index: usize,
    commands: &mut Vec<Command>,
) {
    ui.add_space(8.0);
    ui.label(
        RichText::new(format!("Link: {}", link.title))
            .size(18.0)
            .strong(),
    );
    ui.label(
        RichText::new(&link.url)
            .small()
            .color(tokens::CONSOLE_MUTED),
    );
    let Some(status) = status else {
        return;
    };
    let local_line = match &status.local {
        LocalCopy::NotGiven => None,
        LocalCopy::Present(path) => Some((
            format!("Local copy ready: {}", path.display()),
            tokens::PACE_ON_TIME,
        )),
        LocalCopy::Missing(Some(path)) => Some((
            format!("Local copy not found: put the file at {}", path.display()),
            tokens::TIMER_PAUSED,
        )),
        LocalCopy::Missing(None) => Some((
            "Local copy: open the deck from its folder to use it".to_owned(),
            tokens::TIMER_PAUSED,
        )),
        LocalCopy::Refused(refusal) => Some((
            format!("Local copy refused: {refusal}"),
            tokens::PACE_BEHIND,
        )),
    };
    if let Some((text, color)) = local_line {
        ui.label(RichText::new(text).small().color(color));
    }
    ui.horizontal_wrapped(|ui| {
        match &status.online {
            Ok(()) => {
                if ui.button(format!("Open “{}” online", link.title)).clicked() {
                    ui.ctx().open_url(OpenUrl::new_tab(&link.url));
                }
            }
            Err(refusal) => {
                ui.add_enabled(
                    false,
                    egui::Button::new(format!("Open “{}” online", link.title)),
                )
                .on_disabled_hover_text(refusal.to_string());
                ui.label(
                    RichText::new(format!("Refused: {refusal}"))
                        .small()
                        .color(tokens::PACE_BEHIND),
                );
            }
        }
        if let LocalCopy::Present(_) = status.local {
            if ui.button("Play local copy").clicked() {
                commands.push(Command::PlayLocal { slide, link: index });
            }
        } else if link.local.is_some() {
            let why = match &status.local {
                LocalCopy::Refused(refusal) => refusal.to_string(),
                _ => "the file is not there".to_owned(),
            };
            ui.add_enabled(false, egui::Button::new("Play local copy"))
                .on_disabled_hover_text(why);
        }
        match (&link.transcript, &status.transcript) {
            (Some(transcript), Some(Ok(()))) if ui.button("Open transcript").clicked() => {
                ui.ctx().open_url(OpenUrl::new_tab(transcript));
            }
            (Some(_), Some(Err(refusal))) => {
                ui.add_enabled(false, egui::Button::new("Open transcript"))
                    .on_disabled_hover_text(refusal.to_string());
                ui.label(
                    RichText::new(format!("Transcript refused: {refusal}"))
                        .small()
                        .color(tokens::PACE_BEHIND),
                );
            }
            _ => {}
        }
    });
}

/// The venue check: press the clicker's buttons and see what each sends and
/// what cuecard will do with it, before the audience arrives.
fn venue_check_ui(ui: &mut Ui, log: &[(String, Option<Command>)], commands: &mut Vec<Command>) {
    ui.label(
        RichText::new("Venue check: test the clicker")
            .size(24.0)
            .strong(),
    );
    ui.label(
        RichText::new(
            "Press each button of the clicker: next, previous, blank (black screen) and start. Each press is listed below with what cuecard will do with it; nothing happens to the slides while this check is open.",
        )
        .size(17.0),
    );
    ui.add_space(8.0);
    if log.is_empty() {
        ui.label(
            RichText::new("Waiting for a key…")
                .size(20.0)
                .color(tokens::CONSOLE_MUTED),
        );
    }
    egui::Grid::new("venue-check")
        .striped(true)
        .min_col_width(180.0)
        .show(ui, |ui| {
            for (pressed, command) in log {
                ui.label(RichText::new(pressed).size(20.0).monospace());
                let (text, color) = match command {
                    Some(command) => (command_help(*command), tokens::PACE_ON_TIME),
                    None => ("cuecard ignores this key".to_owned(), tokens::PACE_BEHIND),
                };
                ui.label(RichText::new(text).size(20.0).color(color));
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    if ui.button(RichText::new("Done (V)").size(18.0)).clicked() {
        commands.push(Command::ToggleVenueCheck);
    }
}

/// What the help says a command does.
fn command_help(command: Command) -> String {
    let command = match command {
        Command::Digit(_) => Command::Digit(0),
        other => other,
    };
    keys::BINDINGS
        .iter()
        .find(|b| b.command == command)
        .map_or_else(|| format!("{command:?}"), |b| b.help.to_owned())
}

fn notes_column_ui(ui: &mut Ui, deck: &Deck, view: &ConsoleView<'_>, commands: &mut Vec<Command>) {
    let index = view.presentation.current();
    let Some(slide) = deck.slides.get(index) else {
        return;
    };
    ui.add(
        egui::Label::new(
            RichText::new(format!("Speaker notes — {}", slide.title))
                .size(18.0)
                .strong(),
        )
        .wrap(),
    );
    ui.horizontal_wrapped(|ui| {
        if ui
            .small_button("Smaller notes")
            .on_hover_text("Also - or Ctrl+mouse wheel")
            .clicked()
        {
            commands.push(Command::NotesZoomOut);
        }
        if ui
            .small_button("Larger notes")
            .on_hover_text("Also + or Ctrl+mouse wheel")
            .clicked()
        {
            commands.push(Command::NotesZoomIn);
        }
        let (ticked, prompts) = view.presentation.prompts_covered(index);
        if prompts > 0 {
            ui.label(
                RichText::new(format!("{ticked}/{prompts} questions covered"))
                    .color(tokens::CONSOLE_MUTED),
            );
        }
    });
    ui.add_space(4.0);
    ScrollArea::vertical()
        .id_salt(("notes", index))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if view.notes_scroll != 0.0 {
                ui.scroll_with_delta(vec2(0.0, -view.notes_scroll));
            }
            notes_ui(
                ui,
                &slide.notes,
                view.notes_zoom,
                index,
                view.presentation,
                commands,
            );
        });
}

fn overview_ui(
    ui: &mut Ui,
    deck: &Deck,
    presentation: &Presentation,
    images: &dyn ImageLookup,
    commands: &mut Vec<Command>,
) {
    let selected = presentation.overview().unwrap_or(0);
    ui.label(
        RichText::new("Overview — arrows choose, Enter or a click jumps, Tab or Esc closes")
            .size(16.0)
            .color(tokens::CONSOLE_MUTED),
    );
    let gap = 12.0;
    let width = ((ui.available_width() - gap * (OVERVIEW_COLUMNS as f32 - 1.0))
        / OVERVIEW_COLUMNS as f32)
        .max(80.0);
    let thumb = preview_size(width);
    let row_height = thumb.y + 44.0;
    let rows = deck.slides.len().div_ceil(OVERVIEW_COLUMNS);
    ScrollArea::vertical()
        .id_salt("overview")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows, |ui, row_range| {
            for row in row_range {
                ui.horizontal_top(|ui| {
                    ui.spacing_mut().item_spacing.x = gap;
                    for index in row * OVERVIEW_COLUMNS
                        ..((row + 1) * OVERVIEW_COLUMNS).min(deck.slides.len())
                    {
                        let Some(slide) = deck.slides.get(index) else {
                            continue;
                        };
                        ui.vertical(|ui| {
                            ui.set_width(width);
                            let (rect, response) = ui.allocate_exact_size(thumb, Sense::click());
                            paint_slide(ui.painter(), rect, deck, index, Screen::Slide, images);
                            if presentation.is_hidden(index) {
                                ui.painter().rect_filled(rect, 0.0, tokens::HIDDEN_VEIL);
                            }
                            let stroke = if index == selected {
                                Stroke::new(3.0, tokens::SELECTED)
                            } else if index == presentation.current() {
                                Stroke::new(2.0, tokens::CURRENT_FRAME)
                            } else {
                                Stroke::NONE
                            };
                            ui.painter()
                                .rect_stroke(rect, 0.0, stroke, StrokeKind::Outside);
                            let hidden = if presentation.is_hidden(index) {
                                " (hidden)"
                            } else {
                                ""
                            };
                            let label = format!("Go to slide {}", index + 1);
                            response.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                            });
                            if response.clicked() {
                                commands.push(Command::GoTo(index));
                            }
                            ui.label(
                                RichText::new(format!("{}. {}{hidden}", index + 1, slide.title))
                                    .small(),
                            );
                            let (ticked, prompts) = presentation.prompts_covered(index);
                            if prompts > 0 {
                                let mark = if ticked == prompts { "✔ " } else { "" };
                                ui.label(
                                    RichText::new(format!(
                                        "{mark}{ticked}/{prompts} questions covered"
                                    ))
                                    .small()
                                    .color(tokens::CONSOLE_MUTED),
                                );
                            }
                        });
                    }
                });
                ui.add_space(8.0);
            }
        });
}

fn goto_ui(ui: &mut Ui, typed: &str, count: usize) {
    egui::Area::new(egui::Id::unique("cuecard-goto"))
        .anchor(Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ui.ctx(), |ui| {
            Frame::popup(ui.style())
                .inner_margin(Margin::same(16))
                .show(ui, |ui| {
                    ui.label(
                        RichText::new(format!("Go to slide: {typed}_"))
                            .size(28.0)
                            .monospace(),
                    );
                    ui.label(format!("Type 1 to {count}, then Enter. Esc cancels."));
                });
        });
}

fn help_ui(ui: &mut Ui, commands: &mut Vec<Command>) {
    egui::Window::new("Keys")
        .collapsible(false)
        .resizable(false)
        .anchor(Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ui.ctx(), |ui| {
            egui::Grid::new("keys").striped(true).show(ui, |ui| {
                for binding in keys::BINDINGS {
                    let labels: Vec<String> = binding.triggers.iter().map(|t| t.label()).collect();
                    ui.label(RichText::new(labels.join(", ")).monospace());
                    ui.label(binding.help);
                    ui.end_row();
                }
            });
            ui.label(
                "F6 moves the keyboard into the console's buttons; Tab then moves between them.",
            );
            if ui.button("Close").clicked() {
                commands.push(Command::ToggleHelp);
            }
        });
}
