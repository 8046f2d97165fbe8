//! Speaker notes, rendered by kind: script plain, presenter tips
//! highlighted, audience prompts as cards with their ideas folded,
//! quotations indented, slide text in italics.

use egui::{CollapsingHeader, CornerRadius, Frame, Margin, RichText, Stroke, Ui};

use super::tokens;
use crate::deck::Note;

/// Base size of notes text in points, before the presenter's zoom.
pub const NOTES_POINTS: f32 = 17.0;

/// Shows `notes` at `zoom` (1.0 = [`NOTES_POINTS`]). `slide` keys the
/// folded idea lists so each prompt remembers whether it is open.
pub fn notes_ui(ui: &mut Ui, notes: &[Note], zoom: f32, slide: usize) {
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
                                .size(size * 0.8)
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
            } => {
                Frame::new()
                    .fill(tokens::PROMPT_FILL)
                    .stroke(Stroke::new(1.5, tokens::PROMPT_ACCENT))
                    .inner_margin(Margin::same(10))
                    .corner_radius(CornerRadius::same(6))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        let heading = match minutes {
                            Some(m) => format!("ASK THE ROOM · about {} min", format_minutes(*m)),
                            None => "ASK THE ROOM".to_owned(),
                        };
                        ui.label(
                            RichText::new(heading)
                                .size(size * 0.8)
                                .strong()
                                .color(tokens::PROMPT_ACCENT),
                        );
                        ui.label(
                            RichText::new(question)
                                .size(size)
                                .strong()
                                .color(tokens::NOTES_TEXT),
                        );
                        if !ideas.is_empty() {
                            CollapsingHeader::new(
                                RichText::new(format!(
                                    "Ideas if the group needs help ({})",
                                    ideas.len()
                                ))
                                .size(size * 0.85),
                            )
                            .id_salt(("ideas", slide, i))
                            .default_open(false)
                            .show(ui, |ui| {
                                for idea in ideas {
                                    ui.label(
                                        RichText::new(format!("• {idea}"))
                                            .size(size)
                                            .color(tokens::NOTES_TEXT),
                                    );
                                }
                            });
                        }
                    });
            }
            Note::Quote { text, source } => {
                Frame::new()
                    .inner_margin(Margin {
                        left: 16,
                        right: 8,
                        top: 4,
                        bottom: 4,
                    })
                    .stroke(Stroke::new(0.0, tokens::QUOTE_BAR))
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

/// `3` for 3.0, `1.5` for 1.5.
pub fn format_minutes(minutes: f64) -> String {
    if minutes.fract() == 0.0 {
        format!("{minutes:.0}")
    } else {
        format!("{minutes:.1}")
    }
}
