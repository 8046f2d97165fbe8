//! Banners: the deck's errors, the notices, what the audience sees when it
//! is not simply the current slide, the discussion count-down, and the
//! quit question.

use std::time::Duration;

use egui::{Align2, Frame, Margin, RichText, Ui};

use super::super::notes::format_minutes;
use super::super::tokens;
use super::{ConsoleView, wall_at};
use crate::app::{Notice, Severity};
use crate::show::hours::format_wall;
use crate::show::monitors::ScreenMode;
use crate::show::{AppCommand, AudienceShows, Command, ShellCommand, format_clock};

/// The console's messages, each with a dismiss button.
pub(super) fn notices_ui(ui: &mut Ui, notices: &[Notice], commands: &mut Vec<AppCommand>) {
    for notice in notices {
        let (fill, text) = match notice.severity {
            Severity::Error => (tokens::ERROR_FILL, tokens::ERROR_TEXT),
            Severity::Warning => (tokens::WARNING_FILL, tokens::WARNING_TEXT),
            Severity::Info => (tokens::PROMPT_FILL, tokens::NOTES_TEXT),
        };
        Frame::new()
            .fill(fill)
            .inner_margin(Margin::same(6))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(&notice.text)
                            .color(text)
                            .size(tokens::TEXT_BODY),
                    );
                    if ui.small_button("Dismiss").clicked() {
                        commands.push(ShellCommand::DismissNotice(notice.id).into());
                    }
                });
            });
    }
}

/// "Quit cuecard?", asked when the console window is closed during a talk.
pub(super) fn confirm_quit_ui(ui: &mut Ui, view: &ConsoleView<'_>, commands: &mut Vec<AppCommand>) {
    egui::Window::new("Quit cuecard?")
        .collapsible(false)
        .resizable(false)
        .anchor(Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ui.ctx(), |ui| {
            ui.label(
                RichText::new(format!(
                    "The talk is under way (talk timer {}). Quitting ends it: the timer and the ticks on the questions are lost. Ctrl+Q again quits; Esc keeps presenting.",
                    format_clock(view.presentation.timer.elapsed(view.now))
                ))
                .size(tokens::TEXT_READ),
            );
            ui.horizontal(|ui| {
                if ui.button(RichText::new("Keep presenting").size(tokens::TEXT_READ)).clicked() {
                    commands.push(ShellCommand::KeepPresenting.into());
                }
                if ui.button(RichText::new("Quit").size(tokens::TEXT_READ)).clicked() {
                    commands.push(ShellCommand::ConfirmQuit.into());
                }
            });
        });
}

/// The deck's errors, in red; a long list scrolls within a third of the
/// console's height.
pub(super) fn error_banner_ui(ui: &mut Ui, error: &str) {
    let max_height = (ui.available_height() / 3.0).max(80.0);
    Frame::new()
        .fill(tokens::ERROR_FILL)
        .inner_margin(Margin::same(8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            egui::ScrollArea::vertical()
                .id_salt("deck-errors")
                .max_height(max_height)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    ui.label(RichText::new(error).color(tokens::ERROR_TEXT).monospace());
                });
        });
}

/// One line each for what the audience sees when it is not simply the
/// current slide, and for a running discussion.
pub(super) fn state_banners_ui(
    ui: &mut Ui,
    view: &ConsoleView<'_>,
    commands: &mut Vec<AppCommand>,
) {
    let p = view.presentation;
    let audience = match p.audience() {
        AudienceShows::Slide(i) if i == p.current() => "Audience sees this slide".to_owned(),
        AudienceShows::Slide(i) => format!("Audience is frozen on slide {} — X to unfreeze", i + 1),
        AudienceShows::Black if p.at_end() => {
            "End of the talk: the audience sees BLACK — Previous (Left) or Esc shows the slide again".to_owned()
        }
        AudienceShows::Black => "Audience sees BLACK — B or Esc to show the slide".to_owned(),
        AudienceShows::White => "Audience sees WHITE — W or Esc to show the slide".to_owned(),
        AudienceShows::Break { ends } if ends > view.now => format!(
            "Break: audience sees \"Back at {}\" — {} left; any slide key ends it",
            format_wall(wall_at(view.wall, view.now, ends), view.hours),
            format_clock(ends - view.now)
        ),
        AudienceShows::Break { ends } => format!(
            "Break is over ({} ago; the room was told {}) — any slide key shows the slide",
            format_clock(view.now - ends),
            format_wall(wall_at(view.wall, view.now, ends), view.hours)
        ),
    };
    // A freeze under black, white or a break is still on: say so, or the
    // presenter who leaves the blackout is surprised by an old slide.
    let audience = match p.frozen() {
        Some(frozen) if !matches!(p.audience(), AudienceShows::Slide(_)) => format!(
            "{audience} · Also frozen on slide {}: the room sees it when the slide comes back — X unfreezes",
            frozen + 1
        ),
        _ => audience,
    };
    if view.audience_open && view.projector_gone {
        Frame::new()
            .fill(tokens::WARNING_FILL)
            .inner_margin(Margin::same(6))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    let timer = if p.timer.is_started() {
                        "; the talk timer keeps running"
                    } else {
                        ""
                    };
                    ui.label(
                        RichText::new(format!(
                            "Projector disconnected — the room sees nothing. The slides go back on it as soon as it is plugged in again{timer}."
                        ))
                        .size(tokens::TEXT_LARGE)
                        .color(tokens::WARNING_TEXT),
                    );
                    if ui.button("Show the slides here, beside the console").clicked() {
                        commands.push(ShellCommand::SetScreenMode(ScreenMode::Present).into());
                    }
                });
            });
    }
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
                        .size(tokens::TEXT_LARGE)
                        .color(tokens::WARNING_TEXT),
                    );
                    if ui.button("Reopen audience view (A)").clicked() {
                        commands.push(ShellCommand::ShowAudience.into());
                    }
                });
            });
    }
    let normal = matches!(p.audience(), AudienceShows::Slide(i) if i == p.current());
    let break_over = matches!(p.audience(), AudienceShows::Break { ends } if ends <= view.now);
    if !view.audience_open || view.projector_gone {
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
                            .size(tokens::TEXT_LARGE)
                            .strong()
                            .color(tokens::NOTES_TEXT),
                    );
                    if ui.button("End break").clicked() {
                        commands.push(Command::EndBreak.into());
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
        ui.label(RichText::new(audience).size(tokens::TEXT_BODY).color(color));
        if matches!(p.audience(), AudienceShows::Break { .. }) && ui.button("End break").clicked() {
            commands.push(Command::EndBreak.into());
        }
    });
    discussion_ui(ui, view, commands);
}

/// The discussion count-down, red at zero.
fn discussion_ui(ui: &mut Ui, view: &ConsoleView<'_>, commands: &mut Vec<AppCommand>) {
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
                            .size(tokens::TEXT_BANNER)
                            .strong()
                            .color(tokens::NOTES_TEXT),
                    );
                    if ui.button("Stop").clicked() {
                        commands.push(Command::StopDiscussion.into());
                    }
                    let mut shown = p.discussion_on_audience();
                    if ui.checkbox(&mut shown, "Show to the room").changed() {
                        commands.push(Command::ToggleDiscussionOnAudience.into());
                    }
                });
            });
    }
}

/// A content note or other warning, in a box.
pub(super) fn warning_ui(ui: &mut Ui, text: &str) {
    ui.add_space(6.0);
    Frame::new()
        .fill(tokens::WARNING_FILL)
        .inner_margin(Margin::same(8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(text)
                    .color(tokens::WARNING_TEXT)
                    .size(tokens::TEXT_BODY),
            );
        });
}

/// "Open this link?": the cautions of a warned link, with "Open anyway"
/// and "Cancel".
pub(super) fn link_question_ui(
    ui: &mut Ui,
    question: &crate::app::state::LinkQuestion,
    commands: &mut Vec<AppCommand>,
) {
    egui::Window::new("Open this link?")
        .collapsible(false)
        .resizable(false)
        .anchor(Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ui.ctx(), |ui| {
            for caution in &question.cautions {
                ui.label(RichText::new(caution).size(tokens::TEXT_READ));
            }
            ui.label(
                RichText::new(format!("It would open {}", question.address))
                    .size(tokens::TEXT_BODY)
                    .color(tokens::CONSOLE_MUTED),
            );
            ui.horizontal(|ui| {
                if ui
                    .button(RichText::new("Cancel").size(tokens::TEXT_READ))
                    .clicked()
                {
                    commands.push(ShellCommand::CancelLink.into());
                }
                if ui
                    .button(RichText::new("Open anyway").size(tokens::TEXT_READ))
                    .clicked()
                {
                    commands.push(ShellCommand::ConfirmLink.into());
                }
            });
        });
}

/// "Resume at slide 7, talk timer 23:14 (paused)": Enter resumes, Esc
/// starts fresh.
pub(super) fn resume_offer_ui(ui: &mut Ui, offer: &str, commands: &mut Vec<AppCommand>) {
    Frame::new()
        .fill(tokens::PROMPT_FILL)
        .inner_margin(Margin::same(8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!("cuecard stopped during the last talk. {offer}?"))
                        .size(tokens::TEXT_LARGE)
                        .strong()
                        .color(tokens::NOTES_TEXT),
                );
                if ui
                    .button(RichText::new("Resume (Enter)").size(tokens::TEXT_LARGE))
                    .clicked()
                {
                    commands.push(ShellCommand::ResumeSession.into());
                }
                if ui
                    .button(RichText::new("Start fresh (Esc)").size(tokens::TEXT_LARGE))
                    .clicked()
                {
                    commands.push(ShellCommand::DeclineResume.into());
                }
            });
        });
}

/// The parking lot: the box to note a question from the room (Q), and
/// the questions parked so far. The room never sees either.
pub(super) fn parking_lot_ui(ui: &mut Ui, view: &ConsoleView<'_>, commands: &mut Vec<AppCommand>) {
    if view.console.parking_open {
        let id = egui::Id::unique("cuecard-parking-lot");
        let mut text: String = ui.data(|d| d.get_temp(id)).unwrap_or_default();
        ui.horizontal(|ui| {
            ui.label(RichText::new("Park a question:").size(tokens::TEXT_BODY));
            let response = ui.add(
                egui::TextEdit::singleline(&mut text)
                    .desired_width(ui.available_width() - 120.0)
                    .hint_text("a question or follow-up from the room; Enter parks it, Esc closes"),
            );
            // The box is the only text field and has the keyboard while
            // open (the console's keys are off meanwhile): Enter parks.
            let submitted = ui.input(|i| i.key_pressed(egui::Key::Enter));
            if !submitted && !response.has_focus() {
                response.request_focus();
            }
            if (submitted || ui.button("Park").clicked()) && !text.trim().is_empty() {
                commands.push(ShellCommand::Park(std::mem::take(&mut text)).into());
            }
        });
        ui.data_mut(|d| d.insert_temp(id, text));
    }
    // At the end of the talk the summary lists them.
    if !view.parked.is_empty() && !view.presentation.at_end() {
        ui.collapsing(
            RichText::new(match view.parked.len() {
                1 => "Parking lot: 1 question".to_owned(),
                n => format!("Parking lot: {n} questions"),
            })
            .size(tokens::TEXT_BODY),
            |ui| {
                for parked in view.parked {
                    ui.label(format!(
                        "{} · slide {} · {}",
                        parked.clock,
                        parked.slide + 1,
                        parked.text
                    ));
                }
            },
        );
    }
}
