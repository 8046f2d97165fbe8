//! The presenter console: current slide, next-slide preview, speaker
//! notes, talk timer and wall clock, links. Thin: it reads a
//! [`ConsoleView`] and returns the [`Command`]s the presenter clicked.

use std::time::Instant;

use egui::{Align, Frame, Layout, Margin, OpenUrl, RichText, ScrollArea, Sense, Ui};

use super::notes::notes_ui;
use super::slide::{paint_caption, paint_slide, preview_size};
use super::tokens;
use crate::deck::Deck;
use crate::show::{Command, Presentation, Screen, format_clock, keys};

/// Everything the console shows, borrowed for one frame.
pub struct ConsoleView<'a> {
    /// The deck, if one loaded.
    pub deck: Option<&'a Deck>,
    /// The presentation state.
    pub presentation: &'a Presentation,
    /// Now, on the monotonic clock (for the talk timer).
    pub now: Instant,
    /// The wall clock as the presenter reads it, e.g. `"14:05"`.
    pub wall_clock: &'a str,
    /// A problem to show in a banner (`path:line:column: ...` lines).
    pub error: Option<&'a str>,
    /// Whether the audience window is open.
    pub audience_open: bool,
    /// Whether the key help is showing.
    pub help_open: bool,
    /// Zoom of the speaker notes (1.0 = normal).
    pub notes_zoom: f32,
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

/// Shows the whole presenter console in `ui`; returns what was clicked.
pub fn console_ui(ui: &mut Ui, view: &ConsoleView<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    if let Some(error) = view.error {
        error_banner_ui(ui, error);
    }
    status_bar_ui(ui, view, &mut commands);
    ui.separator();
    let Some(deck) = view.deck else {
        ui.label(RichText::new("No deck is open. Fix the problem above and start cuecard again, or give a deck: cuecard path/to/deck.ron").size(18.0));
        return commands;
    };
    let width = ui.available_width();
    let left = (width * 0.42).clamp(240.0, 900.0);
    ui.horizontal_top(|ui| {
        ui.allocate_ui_with_layout(
            egui::vec2(left, ui.available_height()),
            Layout::top_down(Align::Min),
            |ui| slides_column_ui(ui, deck, view, &mut commands),
        );
        ui.separator();
        ui.vertical(|ui| notes_column_ui(ui, deck, view));
    });
    if view.help_open {
        help_ui(ui, &mut commands);
    }
    commands
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

fn status_bar_ui(ui: &mut Ui, view: &ConsoleView<'_>, commands: &mut Vec<Command>) {
    let p = view.presentation;
    ui.horizontal_wrapped(|ui| {
        let count = p.slide_count();
        ui.label(
            RichText::new(format!(
                "Slide {} of {count}",
                (p.current() + 1).min(count.max(1))
            ))
            .size(22.0)
            .strong(),
        );
        ui.separator();
        let elapsed = format_clock(p.timer.elapsed(view.now));
        let (state, color) = if p.timer.is_running() {
            ("", tokens::TIMER_RUNNING)
        } else if p.timer.is_started() {
            (" (paused)", tokens::TIMER_PAUSED)
        } else {
            (" (not started)", tokens::TIMER_PAUSED)
        };
        ui.label(
            RichText::new(format!("Talk timer {elapsed}{state}"))
                .size(22.0)
                .color(color)
                .monospace(),
        );
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
        ui.label(
            RichText::new(format!("Clock {}", view.wall_clock))
                .size(22.0)
                .monospace(),
        );
        ui.separator();
        let screen = match p.screen() {
            Screen::Slide => "Audience sees the slide",
            Screen::Black => "Audience sees BLACK",
            Screen::White => "Audience sees WHITE",
        };
        ui.label(
            RichText::new(screen)
                .size(16.0)
                .color(if p.screen() == Screen::Slide {
                    tokens::CONSOLE_MUTED
                } else {
                    tokens::TIMER_PAUSED
                }),
        );
        if !view.audience_open && ui.button("Reopen audience view").clicked() {
            commands.push(Command::ShowAudience);
        }
        if ui.button("Keys…").clicked() {
            commands.push(Command::ToggleHelp);
        }
    });
}

fn slides_column_ui(ui: &mut Ui, deck: &Deck, view: &ConsoleView<'_>, commands: &mut Vec<Command>) {
    let p = view.presentation;
    let width = ui.available_width();
    ui.label(RichText::new("Now showing").color(tokens::CONSOLE_MUTED));
    let (rect, response) = ui.allocate_exact_size(preview_size(width), Sense::click());
    paint_slide(ui.painter(), rect, deck, p.current(), p.screen());
    ui.painter().rect_stroke(
        rect,
        0.0,
        egui::Stroke::new(2.0, tokens::CURRENT_FRAME),
        egui::StrokeKind::Outside,
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
    if let Some(index) = next {
        paint_slide(ui.painter(), rect, deck, index, Screen::Slide);
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
        for link in &slide.links {
            links_ui(ui, link);
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

fn links_ui(ui: &mut Ui, link: &crate::deck::Link) {
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
    ui.horizontal_wrapped(|ui| {
        if ui.button(format!("Open “{}” online", link.title)).clicked() {
            ui.ctx().open_url(OpenUrl::new_tab(&link.url));
        }
        if let Some(transcript) = &link.transcript
            && ui.button("Open transcript").clicked()
        {
            ui.ctx().open_url(OpenUrl::new_tab(transcript));
        }
    });
}

fn notes_column_ui(ui: &mut Ui, deck: &Deck, view: &ConsoleView<'_>) {
    let index = view.presentation.current();
    let Some(slide) = deck.slides.get(index) else {
        return;
    };
    ui.label(
        RichText::new(format!("Speaker notes — {}", slide.title))
            .size(18.0)
            .strong(),
    );
    ui.add_space(4.0);
    ScrollArea::vertical()
        .id_salt(("notes", index))
        .auto_shrink([false, false])
        .show(ui, |ui| notes_ui(ui, &slide.notes, view.notes_zoom, index));
}

fn help_ui(ui: &mut Ui, commands: &mut Vec<Command>) {
    egui::Window::new("Keys")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ui.ctx(), |ui| {
            egui::Grid::new("keys").striped(true).show(ui, |ui| {
                for binding in keys::BINDINGS {
                    let labels: Vec<String> = binding.triggers.iter().map(|t| t.label()).collect();
                    ui.label(RichText::new(labels.join(", ")).monospace());
                    ui.label(binding.help);
                    ui.end_row();
                }
            });
            if ui.button("Close").clicked() {
                commands.push(Command::ToggleHelp);
            }
        });
}
