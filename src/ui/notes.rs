//! Speaker notes, rendered by kind: script plain, presenter tips
//! highlighted, audience prompts as cards (ideas folded until opened, a
//! "covered" tick, a discussion count-down button), quotations indented,
//! slide text in italics.

use egui::{CornerRadius, Frame, Margin, RichText, Stroke, Ui};

use super::tokens;
use crate::deck::Note;
use crate::show::{AppCommand, Command, DEFAULT_DISCUSSION_MINUTES, Presentation};

/// Base size of notes text in points, before the presenter's zoom.
pub const NOTES_POINTS: f32 = 17.0;

/// Shows the `notes` of slide `slide` at `zoom` (1.0 = [`NOTES_POINTS`]),
/// with the prompts' state from `presentation`; clicks become `commands`.
pub fn notes_ui(
    ui: &mut Ui,
    notes: &[Note],
    zoom: f32,
    slide: usize,
    presentation: &Presentation,
    commands: &mut Vec<AppCommand>,
) {
    let size = NOTES_POINTS * zoom;
    if notes.is_empty() {
        ui.label(
            RichText::new("No speaker notes for this slide.")
                .size(size)
                .color(tokens::CONSOLE_MUTED),
        );
        return;
    }
    for (i, note) in notes.iter().enumerate() {
        match note {
            Note::Script(text) => {
                ui.label(RichText::new(text).size(size).color(tokens::NOTES_TEXT));
            }
            Note::Tip(text) => {
                Frame::new()
                    .fill(tokens::TIP_FILL)
                    .inner_margin(Margin::same(8))
                    .corner_radius(CornerRadius::same(4))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(
                            RichText::new("PRESENTER TIP")
                                .size(size * 0.75)
                                .strong()
                                .color(tokens::TIP_TEXT),
                        );
                        ui.label(RichText::new(text).size(size).color(tokens::TIP_TEXT));
                    });
            }
            Note::Prompt {
                question,
                ideas,
                minutes,
            } => prompt_card_ui(
                ui,
                size,
                slide,
                i,
                question,
                ideas,
                *minutes,
                presentation,
                commands,
            ),
            Note::Quote { text, source } => {
                Frame::new()
                    .inner_margin(Margin {
                        left: 16,
                        right: 8,
                        top: 4,
                        bottom: 4,
                    })
                    .show(ui, |ui| {
                        let rect = ui.max_rect();
                        ui.painter().vline(
                            rect.left() - 8.0,
                            rect.y_range(),
                            Stroke::new(3.0, tokens::QUOTE_BAR),
                        );
                        ui.label(
                            RichText::new(text)
                                .size(size)
                                .italics()
                                .color(tokens::NOTES_TEXT),
                        );
                        if let Some(source) = source {
                            ui.label(
                                RichText::new(format!("— {source}"))
                                    .size(size * 0.85)
                                    .color(tokens::CONSOLE_MUTED),
                            );
                        }
                    });
            }
            Note::SlideText(text) => {
                ui.label(
                    RichText::new(format!("On the slide: {text}"))
                        .size(size)
                        .italics()
                        .color(tokens::SLIDE_TEXT),
                );
            }
        }
        ui.add_space(size * 0.5);
    }
}

#[allow(clippy::too_many_arguments)]
fn prompt_card_ui(
    ui: &mut Ui,
    size: f32,
    slide: usize,
    note: usize,
    question: &str,
    ideas: &[String],
    minutes: Option<f64>,
    presentation: &Presentation,
    commands: &mut Vec<AppCommand>,
) {
    let covered = presentation.is_covered(slide, note);
    let fill = if covered {
        tokens::PROMPT_DONE_FILL
    } else {
        tokens::PROMPT_FILL
    };
    let shown = Frame::new()
        .fill(fill)
        .stroke(Stroke::new(1.5, tokens::PROMPT_ACCENT))
        .inner_margin(Margin::same(10))
        .corner_radius(CornerRadius::same(6))
        .show(ui, |ui| {
            let mut scroll_here = false;
            ui.set_width(ui.available_width());
            let heading = match minutes {
                Some(m) => format!("ASK THE ROOM · about {} min", format_minutes(m)),
                None => "ASK THE ROOM".to_owned(),
            };
            ui.label(
                RichText::new(heading)
                    .size(size * 0.75)
                    .strong()
                    .color(tokens::PROMPT_ACCENT),
            );
            ui.label(
                RichText::new(question)
                    .size(size)
                    .strong()
                    .color(tokens::NOTES_TEXT),
            );
            ui.horizontal_wrapped(|ui| {
                let mut ticked = covered;
                if ui
                    .checkbox(&mut ticked, RichText::new("Covered").size(size * 0.8))
                    .changed()
                {
                    commands.push(Command::ToggleCovered(note).into());
                }
                let running = presentation
                    .discussion()
                    .is_some_and(|d| d.slide == slide && d.prompt == Some(note));
                if running {
                    if ui
                        .button(RichText::new("Stop discussion").size(size * 0.8))
                        .clicked()
                    {
                        commands.push(Command::StopDiscussion.into());
                    }
                } else {
                    let length = minutes.unwrap_or(f64::from(DEFAULT_DISCUSSION_MINUTES));
                    let label = format!("Start {}-min discussion", format_minutes(length));
                    if ui.button(RichText::new(label).size(size * 0.8)).clicked() {
                        commands.push(
                            Command::StartDiscussion {
                                seconds: (length * 60.0).round().clamp(1.0, 86_400.0) as u32,
                                prompt: Some(note),
                            }
                            .into(),
                        );
                    }
                }
            });
            if !ideas.is_empty() {
                let open = presentation.ideas_open(slide, note);
                let label = if open {
                    format!("Hide ideas if the group needs help ({})", ideas.len())
                } else {
                    format!("Ideas if the group needs help ({})", ideas.len())
                };
                let button = ui.button(RichText::new(label).size(size * 0.8));
                if button.clicked() {
                    commands.push(Command::ToggleIdeas(note).into());
                }
                // Ideas that just opened (a click, or I for all) are
                // scrolled into view: the first one opened comes first.
                let was_open_key = button.id.with("ideas-were-open");
                let was_open = ui.ctx().data_mut(|d| {
                    let before = d.get_temp::<bool>(was_open_key);
                    d.insert_temp(was_open_key, open);
                    before.unwrap_or(open)
                });
                if open {
                    for idea in ideas {
                        ui.label(
                            RichText::new(format!("• {idea}"))
                                .size(size)
                                .color(tokens::NOTES_TEXT),
                        );
                    }
                    // One scroll a frame, to the first prompt opened.
                    let pass = ui.ctx().cumulative_pass_nr();
                    let scrolled_key = egui::Id::unique("cuecard-ideas-scrolled");
                    let first_opened = !was_open
                        && ui.ctx().data_mut(|d| {
                            let first = d.get_temp::<u64>(scrolled_key) != Some(pass);
                            d.insert_temp(scrolled_key, pass);
                            first
                        });
                    scroll_here = first_opened;
                }
            }
            scroll_here
        });
    // Ideas that just opened are brought into view with their question.
    if shown.inner {
        shown.response.scroll_to_me(Some(egui::Align::Min));
    }
}

/// `3` for 3.0, `1.5` for 1.5.
pub fn format_minutes(minutes: f64) -> String {
    if minutes.fract() == 0.0 {
        format!("{minutes:.0}")
    } else {
        format!("{minutes:.1}")
    }
}
