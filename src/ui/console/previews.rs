//! The previews: what the audience sees, the presenter's own slide while
//! frozen, the next slide, content notes and links.

use egui::{RichText, Sense, Stroke, StrokeKind, Ui};

use super::super::audience::room_slide;
use super::super::slide::{Fitting, SlideView, Surface, paint_caption, preview_size};
use super::super::tokens;
use super::ConsoleView;
use super::banners::warning_ui;
use super::tools;
use crate::deck::policy::{LinkStatus, LocalCopy};
use crate::deck::{Deck, Link};
use crate::show::{AppCommand, AudienceShows, Command, LinkTarget, ShellCommand};

/// The audience's slide, the next slide, content notes and links.
pub(super) fn slides_column_ui(
    ui: &mut Ui,
    deck: &Deck,
    view: &ConsoleView<'_>,
    commands: &mut Vec<AppCommand>,
) {
    let p = view.presentation;
    let width = ui.available_width();
    let caption = match p.audience() {
        _ if !view.audience_open => {
            "The audience sees nothing from cuecard: its window is closed".to_owned()
        }
        _ if view.projector_gone => {
            "The audience sees nothing: the projector is disconnected".to_owned()
        }
        AudienceShows::Slide(i) if i == p.current() => "The audience sees".to_owned(),
        AudienceShows::Slide(i) => format!("The audience sees (frozen on slide {})", i + 1),
        AudienceShows::Black | AudienceShows::White | AudienceShows::Break { .. } => {
            "The audience sees".to_owned()
        }
    };
    let tool = view.console.pointing.tool;
    tools::toolbar_ui(ui, view, commands);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(caption).color(tokens::CONSOLE_MUTED));
        if let Some(caption) = tools::tool_caption(tool, p.audience().slide().is_some()) {
            // Presses here point or draw instead of advancing: say so, and
            // how to stop.
            ui.label(RichText::new(caption).strong().color(tokens::POINTER));
        }
    });
    let (rect, _) = ui.allocate_exact_size(preview_size(width), Sense::hover());
    let response = if let AudienceShows::Break { .. } = p.audience() {
        let response = ui.interact(rect, ui.auto_id_with("audience-preview"), Sense::click());
        ui.painter().rect_filled(rect, 0.0, tokens::BREAK_FILL);
        paint_caption(ui.painter(), rect, "Break screen", tokens::BREAK_TEXT);
        if tool == crate::show::Tool::Advance {
            if response.clicked() {
                commands.push(Command::Next.into());
            } else if response.secondary_clicked() {
                commands.push(Command::Previous.into());
            }
        }
        response
    } else {
        // The same view the room sees, with the room's placeholders, but
        // a picture that cannot be shown says why here.
        let shown = room_slide(
            deck,
            p,
            view.now,
            (&view.console.pointing, view.ink),
            view.images,
        )
        .surface(Surface::Console)
        .show_at(ui, rect, Sense::click_and_drag());
        fitting_ui(ui, shown.fitting);
        tools::preview_input(ui, &shown, view, commands);
        shown.response
    };
    let nothing = if !view.audience_open {
        Some("Audience window closed")
    } else if view.projector_gone {
        Some("Projector disconnected")
    } else {
        None
    };
    if let Some(why) = nothing {
        // The room sees nothing from cuecard: what it will get back,
        // dimmed, under a plain statement.
        ui.painter()
            .rect_filled(rect, 0.0, tokens::BLACKOUT.gamma_multiply(0.92));
        paint_caption(ui.painter(), rect, why, tokens::WARNING_TEXT);
    }
    let label = tools::preview_label(tool);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
    tools::tool_options_ui(ui, view, commands);
    if p.frozen().is_some() {
        // The presenter's own slide, small, while the audience is frozen.
        ui.label(
            RichText::new(format!("You are on slide {}", p.current() + 1))
                .color(tokens::TIMER_PAUSED),
        );
        let _ = SlideView::new(deck, p.current(), view.images)
            .surface(Surface::Console)
            .number(p.room_number(p.current()))
            .show(ui, preview_size(width * 0.6), Sense::hover());
    }
    ui.painter().rect_stroke(
        rect,
        0.0,
        Stroke::new(2.0, tokens::CURRENT_FRAME),
        StrokeKind::Outside,
    );
    ui.add_space(6.0);
    let next = p.next_index();
    let next_title = next.and_then(|i| deck.slides.get(i)).map_or_else(
        || "Next: end of the deck".to_owned(),
        |s| format!("Next: {}", s.console_title()),
    );
    ui.label(RichText::new(next_title).color(tokens::CONSOLE_MUTED));
    let response = if let Some(index) = next {
        SlideView::new(deck, index, view.images)
            .surface(Surface::Console)
            .number(p.room_number(index))
            .show(ui, preview_size(width * 0.6), Sense::click())
            .response
    } else {
        let (rect, response) = ui.allocate_exact_size(preview_size(width * 0.6), Sense::click());
        ui.painter().rect_filled(rect, 0.0, tokens::LETTERBOX);
        paint_caption(
            ui.painter(),
            rect,
            "End of the deck: Next shows the room black",
            tokens::CONSOLE_MUTED,
        );
        response
    };
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            "Next slide preview; click to go there",
        )
    });
    if response.clicked() {
        commands.push(Command::Next.into());
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

/// Says when the slide the room sees had to shrink to fit, or still does
/// not fit (the room would not see its end).
fn fitting_ui(ui: &mut Ui, fitting: Fitting) {
    match fitting {
        Fitting::Fits => {}
        Fitting::Shrunk { scale } => {
            ui.label(
                RichText::new(format!(
                    "This slide is shrunk to {:.0}% to fit",
                    scale * 100.0
                ))
                .small()
                .color(tokens::CONSOLE_MUTED),
            );
        }
        Fitting::TooFull { .. } => warning_ui(
            ui,
            "This slide is too full: its end runs off the bottom of the screen. Split it (cuecard check shows where).",
        ),
    }
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
    commands: &mut Vec<AppCommand>,
) {
    ui.add_space(8.0);
    ui.label(
        RichText::new(format!("Link: {}", link.title))
            .size(tokens::TEXT_LARGE)
            .strong(),
    );
    let shown = status
        .and_then(|s| s.online_address(link))
        .unwrap_or("(refused address)");
    ui.label(RichText::new(shown).small().color(tokens::CONSOLE_MUTED));
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
                    commands.push(
                        ShellCommand::OpenLink {
                            slide,
                            link: index,
                            target: LinkTarget::Online,
                        }
                        .into(),
                    );
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
                commands.push(ShellCommand::PlayLocal { slide, link: index }.into());
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
            (Some(_), Some(Ok(()))) if ui.button("Open transcript").clicked() => {
                commands.push(
                    ShellCommand::OpenLink {
                        slide,
                        link: index,
                        target: LinkTarget::Transcript,
                    }
                    .into(),
                );
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
