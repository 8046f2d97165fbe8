//! The console's panels: speaker notes, the overview, the go-to prompt,
//! the venue check, the key help, and the identify label.

use egui::{Align2, Frame, Margin, RichText, ScrollArea, Sense, Stroke, StrokeKind, Ui, vec2};

use super::super::notes::notes_ui;
use super::super::slide::{SlideView, Surface, preview_size};
use super::super::tokens;
use super::ConsoleView;
use crate::app::state::VenueRow;
use crate::deck::Deck;
use crate::show::pickers::{Asks, GoToPrompt};
use crate::show::{AppCommand, OVERVIEW_COLUMNS, ShellCommand, keys};

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

/// The venue check: press the clicker's buttons and see what each sends and
/// what cuecard will do with it, before the audience arrives.
pub(super) fn venue_check_ui(ui: &mut Ui, log: &[VenueRow], commands: &mut Vec<AppCommand>) {
    ui.label(
        RichText::new("Venue check: test the clicker")
            .size(tokens::TEXT_TITLE)
            .strong(),
    );
    ui.label(
        RichText::new(
            "Press each button of the clicker: next, previous, blank (black screen) and start. Each press is listed below with what cuecard will do with it; nothing happens to the slides while this check is open.",
        )
        .size(tokens::TEXT_READ),
    );
    ui.add_space(8.0);
    if log.is_empty() {
        ui.label(
            RichText::new("Waiting for a key…")
                .size(tokens::TEXT_BANNER)
                .color(tokens::CONSOLE_MUTED),
        );
    }
    egui::Grid::new("venue-check")
        .striped(true)
        .min_col_width(180.0)
        .show(ui, |ui| {
            for row in log {
                ui.label(
                    RichText::new(&row.pressed)
                        .size(tokens::TEXT_BANNER)
                        .monospace(),
                );
                let (text, color) = match &row.meaning {
                    Some(meaning) => (meaning.clone(), tokens::PACE_ON_TIME),
                    None => ("cuecard ignores this key".to_owned(), tokens::PACE_BEHIND),
                };
                ui.label(RichText::new(text).size(tokens::TEXT_BANNER).color(color));
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    if ui
        .button(RichText::new("Done (V)").size(tokens::TEXT_LARGE))
        .clicked()
    {
        commands.push(ShellCommand::ToggleVenueCheck.into());
    }
}

/// The current slide's speaker notes, zoomable and scrollable.
pub(super) fn notes_column_ui(
    ui: &mut Ui,
    deck: &Deck,
    view: &ConsoleView<'_>,
    commands: &mut Vec<AppCommand>,
) {
    let index = view.presentation.current();
    let Some(slide) = deck.slides.get(index) else {
        return;
    };
    ui.add(
        egui::Label::new(
            RichText::new(format!("Speaker notes — {}", slide.console_title()))
                .size(tokens::TEXT_LARGE)
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
            commands.push(ShellCommand::NotesZoomOut.into());
        }
        if ui
            .small_button("Larger notes")
            .on_hover_text("Also + or Ctrl+mouse wheel")
            .clicked()
        {
            commands.push(ShellCommand::NotesZoomIn.into());
        }
        let zoom = view.console.notes_zoom;
        if zoom != 1.0 {
            let percent = (zoom * 100.0).round();
            if ui
                .small_button(format!("Notes at {percent}%: back to 100%"))
                .on_hover_text("Also Ctrl+0")
                .clicked()
            {
                commands.push(ShellCommand::NotesZoomReset.into());
            }
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
    let id = ui.make_persistent_id(("notes", index));
    // Zooming keeps the reading position: the same share of the notes
    // stays at the top.
    let zoom = view.console.notes_zoom;
    let (zoom_key, offset_key) = (id.with("zoom"), id.with("offset"));
    let (zoomed_from, offset) = ui.ctx().data_mut(|d| {
        let before = d.get_temp::<f32>(zoom_key);
        d.insert_temp(zoom_key, zoom);
        (before, d.get_temp::<f32>(offset_key))
    });
    let mut area = ScrollArea::vertical()
        .id_salt(("notes", index))
        .auto_shrink([false, false])
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible);
    if let (Some(before), Some(offset)) = (zoomed_from, offset)
        && before != zoom
        && before > 0.0
    {
        area = area.vertical_scroll_offset(offset * zoom / before);
    }
    let shown = area.show(ui, |ui| {
        if view.console.notes_scroll != 0.0 {
            ui.scroll_with_delta(vec2(0.0, -view.console.notes_scroll));
        }
        notes_ui(
            ui,
            &slide.notes,
            view.console.notes_zoom,
            index,
            view.presentation,
            commands,
        );
    });
    // More below: say so at the bottom edge, where the eye stops.
    let top = shown.state.clamped_offset().y;
    ui.ctx().data_mut(|d| d.insert_temp(offset_key, top));
    let hidden_below = shown.content_size.y - (top + shown.inner_rect.height());
    if hidden_below > 4.0 {
        let rect = shown.inner_rect;
        let band = egui::Rect::from_min_max(
            egui::pos2(rect.left(), rect.bottom() - 28.0),
            rect.right_bottom(),
        );
        let painter = ui.painter_at(rect);
        painter.rect_filled(band, 0.0, tokens::MORE_BELOW_FILL);
        ui.put(
            band,
            egui::Label::new(
                RichText::new("More below: scroll, or Shift+Down")
                    .size(tokens::TEXT_BODY * 0.85)
                    .color(tokens::CONSOLE_MUTED),
            )
            .selectable(false),
        );
    }
}

/// All slides as thumbnails; the selection is framed.
pub(super) fn overview_ui(
    ui: &mut Ui,
    deck: &Deck,
    view: &ConsoleView<'_>,
    selected: usize,
    commands: &mut Vec<AppCommand>,
) {
    let presentation = view.presentation;
    let images = view.images;
    ui.label(
        RichText::new("Overview — arrows choose, Enter or a click jumps, Tab or Esc closes")
            .size(tokens::TEXT_BODY)
            .color(tokens::CONSOLE_MUTED),
    );
    let gap = 12.0;
    let width = ((ui.available_width() - gap * (OVERVIEW_COLUMNS as f32 - 1.0))
        / OVERVIEW_COLUMNS as f32)
        .max(80.0);
    let thumb = preview_size(width);
    let row_height = thumb.y + 44.0;
    let rows = deck.slides.len().div_ceil(OVERVIEW_COLUMNS);
    // Keep the selection in view: when it moves (arrows, Page Down), the
    // overview scrolls so its row is in the middle.
    let remembered = egui::Id::unique("cuecard-overview-selected");
    let moved = ui.ctx().data_mut(|d| {
        let before = d.get_temp::<usize>(remembered);
        d.insert_temp(remembered, selected);
        before != Some(selected)
    });
    let spacing = ui.spacing().item_spacing.y;
    let row_step = row_height + spacing;
    let view_height = ui.available_height();
    let mut area = ScrollArea::vertical()
        .id_salt("overview")
        .auto_shrink([false, false]);
    if moved {
        let row = (selected / OVERVIEW_COLUMNS) as f32;
        let offset = (row * row_step - (view_height - row_step) / 2.0).max(0.0);
        area = area.vertical_scroll_offset(offset);
    }
    area.show_rows(ui, row_height, rows, |ui, row_range| {
        for row in row_range {
            ui.horizontal_top(|ui| {
                ui.spacing_mut().item_spacing.x = gap;
                for index in
                    row * OVERVIEW_COLUMNS..((row + 1) * OVERVIEW_COLUMNS).min(deck.slides.len())
                {
                    let Some(slide) = deck.slides.get(index) else {
                        continue;
                    };
                    ui.vertical(|ui| {
                        ui.set_width(width);
                        let shown = SlideView::new(deck, index, images)
                            .surface(Surface::Console)
                            .number(presentation.room_number(index))
                            .show(ui, thumb, Sense::click());
                        let (rect, response) = (shown.canvas, shown.response);
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
                            commands.push(ShellCommand::OverviewSelect(index).into());
                            commands.push(ShellCommand::OverviewSubmit.into());
                        }
                        ui.label(
                            RichText::new(format!(
                                "{}. {}{hidden}",
                                index + 1,
                                slide.console_title()
                            ))
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

/// The go-to prompt.
pub(super) fn goto_ui(ui: &mut Ui, prompt: &GoToPrompt, count: usize) {
    egui::Area::new(egui::Id::unique("cuecard-goto"))
        .anchor(Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ui.ctx(), |ui| {
            Frame::popup(ui.style())
                .inner_margin(Margin::same(16))
                .show(ui, |ui| {
                    let (asks, then) = match prompt.asks {
                        Asks::Slide => (
                            format!("Go to slide: {}_", prompt.typed),
                            format!("Type 1 to {count}, then Enter. Esc cancels."),
                        ),
                        Asks::BreakMinutes => (
                            format!("Break: {}_ minutes", prompt.typed),
                            "Type the minutes (1 to 600), then Enter: the room sees when to come back. Esc cancels.".to_owned(),
                        ),
                    };
                    ui.label(
                        RichText::new(asks)
                            .size(tokens::TEXT_PROMPT)
                            .monospace(),
                    );
                    if let Some(problem) = &prompt.problem {
                        ui.label(
                            RichText::new(problem)
                                .size(tokens::TEXT_BODY)
                                .color(tokens::PACE_BEHIND),
                        );
                    }
                    ui.label(then);
                });
        });
}

/// The key help.
pub(super) fn help_ui(ui: &mut Ui, commands: &mut Vec<AppCommand>) {
    // On a small console (683 points in side-by-side rehearsal) the table
    // scrolls inside the window and its lines wrap; nothing is off screen.
    let screen = ui.ctx().content_rect();
    let width = (screen.width() - 32.0).clamp(200.0, 900.0);
    let height = (screen.height() - 160.0).max(120.0);
    egui::Window::new("Keys")
        .collapsible(false)
        .resizable(false)
        .max_width(width)
        .anchor(Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ui.ctx(), |ui| {
            ui.set_max_width(width);
            ScrollArea::vertical()
                .id_salt("keys-help")
                .max_height(height)
                .show(ui, |ui| {
                    ui.set_width(width - 24.0);
                    for binding in keys::BINDINGS {
                        let labels: Vec<String> =
                            binding.triggers.iter().map(|t| t.label()).collect();
                        ui.horizontal_wrapped(|ui| {
                            ui.label(RichText::new(labels.join(", ")).monospace().strong());
                            ui.label(binding.help);
                        });
                        ui.add_space(2.0);
                    }
                });
            ui.label(
                "F6 moves the keyboard into the console's buttons; Tab then moves between them.",
            );
            if ui.button("Close").clicked() {
                commands.push(ShellCommand::ToggleHelp.into());
            }
        });
}
