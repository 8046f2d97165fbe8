//! The pointing and drawing tools on the console: the toolbar over the
//! "audience sees" preview (every tool by mouse, each button labelled for
//! AccessKit), and what a press, drag or wheel on the preview means with
//! the tool in hand. Everything is sent as [`ShellCommand`]s.

use egui::{Color32, Pos2, RichText, Stroke, StrokeKind, Ui};

use super::super::slide::{SlideResponse, to_slide_clamped, wheel_over};
use super::super::tokens;
use super::ConsoleView;
use crate::show::pointing::{InkColor, SPOTLIGHT_STEP, Tool};
use crate::show::{AppCommand, Command, ShellCommand};

/// The toolbar over the preview: the tools. It is the same whatever the
/// tool, so the preview never moves under the mouse.
pub(super) fn toolbar_ui(ui: &mut Ui, view: &ConsoleView<'_>, commands: &mut Vec<AppCommand>) {
    let pointing = &view.console.pointing;
    ui.horizontal_wrapped(|ui| {
        for tool in Tool::ALL {
            let on = pointing.tool == tool;
            let response = ui
                .selectable_label(on, tool.name())
                .on_hover_text(tool_hint(tool));
            if response.clicked() && !on {
                commands.push(ShellCommand::ChooseTool(tool).into());
            }
        }
    });
}

/// Under the preview: what the tool in hand offers (the pointer's style,
/// the spotlight's size, ink colours), undo and clear while there is ink,
/// and "Show the whole slide" while zoomed.
pub(super) fn tool_options_ui(ui: &mut Ui, view: &ConsoleView<'_>, commands: &mut Vec<AppCommand>) {
    let pointing = &view.console.pointing;
    let slide = view.presentation.audience().slide();
    ui.horizontal_wrapped(|ui| {
        match pointing.tool {
            Tool::Pointer => {
                let label = format!("Pointer style: {}", pointing.style.name());
                if ui
                    .button(label)
                    .on_hover_text("Shift+L: the next style")
                    .clicked()
                {
                    commands.push(ShellCommand::NextPointerStyle.into());
                }
            }
            Tool::Spotlight => {
                if ui.button("Smaller spotlight").clicked() {
                    commands.push(ShellCommand::SizeSpotlight(1.0 / SPOTLIGHT_STEP).into());
                }
                if ui.button("Larger spotlight").clicked() {
                    commands.push(ShellCommand::SizeSpotlight(SPOTLIGHT_STEP).into());
                }
            }
            Tool::Pen | Tool::Highlighter => {
                let chosen = pointing.ink_color();
                for color in InkColor::ALL {
                    swatch_ui(ui, color, color == chosen, commands);
                }
            }
            Tool::Advance | Tool::Zoom | Tool::Eraser => {}
        }
        let has_ink = slide.is_some_and(|s| view.ink.has_ink(s));
        let can_undo = slide.is_some_and(|s| view.ink.can_undo(s));
        if pointing.tool.inks() || pointing.tool == Tool::Eraser || has_ink || can_undo {
            if ui
                .add_enabled(can_undo, egui::Button::new("Undo ink"))
                .on_hover_text("U: take back the last stroke, erasing or clearing")
                .clicked()
            {
                commands.push(ShellCommand::UndoInk.into());
            }
            if ui
                .add_enabled(has_ink, egui::Button::new("Clear this slide's ink"))
                .on_hover_text("E; Undo brings it back")
                .clicked()
            {
                commands.push(ShellCommand::ClearInk.into());
            }
        }
        if slide.is_some_and(|s| pointing.zoomed(s))
            && ui
                .button("Show the whole slide")
                .on_hover_text("Esc or M")
                .clicked()
        {
            commands.push(ShellCommand::LeaveZoom.into());
        }
    });
}

/// A colour button: its name on its colour, outlined when chosen.
fn swatch_ui(ui: &mut Ui, color: InkColor, chosen: bool, commands: &mut Vec<AppCommand>) {
    let [r, g, b] = color.rgb();
    let fill = Color32::from_rgb(r, g, b);
    let light = u16::from(r) * 3 + u16::from(g) * 6 + u16::from(b) > 1200;
    let text = if light {
        Color32::BLACK
    } else {
        Color32::WHITE
    };
    let stroke = if chosen {
        Stroke::new(3.0, tokens::CURRENT_FRAME)
    } else {
        Stroke::new(1.0, tokens::CONSOLE_MUTED)
    };
    let label = format!("Ink colour {}", color.name());
    let response = ui
        .add(
            egui::Button::new(RichText::new(color.name()).color(text))
                .fill(fill)
                .stroke(stroke)
                .selected(chosen),
        )
        .on_hover_text("C: the next colour");
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::Button, true, chosen, label.clone())
    });
    if response.clicked() {
        commands.push(ShellCommand::SetInkColor(color).into());
    }
}

/// What the tool does, for its tooltip: how to use it and its key.
fn tool_hint(tool: Tool) -> &'static str {
    match tool {
        Tool::Advance => {
            "A click on the preview is the next slide (Ctrl+A; Esc puts any tool away)"
        }
        Tool::Pointer => "The mouse over the preview shows a dot to the room (L; or hold Ctrl)",
        Tool::Spotlight => {
            "Dims all but a circle around the mouse; the wheel or + and - size it (H)"
        }
        Tool::Zoom => {
            "Drag a box on the preview to magnify it; a click magnifies twice (Shift+M; M around the pointer)"
        }
        Tool::Pen => "Draw on the preview; the room sees it (Ctrl+P)",
        Tool::Highlighter => "A wide, see-through stroke (Ctrl+I)",
        Tool::Eraser => "A stroke it touches goes (Ctrl+E; E clears the slide)",
    }
}

/// The caption beside "The audience sees" with a tool in hand: what the
/// preview does now, and how to stop. On a black or white screen or a
/// break there is no slide to point at or draw on.
pub(super) fn tool_caption(tool: Tool, on_slide: bool) -> Option<&'static str> {
    if !on_slide && tool != Tool::Advance {
        return Some("Nothing to point at or draw on: the room sees no slide");
    }
    match tool {
        Tool::Advance => None,
        Tool::Pointer => Some("Laser pointer on: Esc puts it away"),
        Tool::Spotlight => Some("Spotlight on: Esc puts it away"),
        Tool::Zoom => Some("Zoom: drag a box; Esc puts it away"),
        Tool::Pen => Some("Pen: draw here; Esc puts it away"),
        Tool::Highlighter => Some("Highlighter: draw here; Esc puts it away"),
        Tool::Eraser => Some("Eraser: touch a stroke; Esc puts it away"),
    }
}

/// The preview's AccessKit label with `tool` in hand.
pub(super) fn preview_label(tool: Tool) -> &'static str {
    match tool {
        Tool::Advance => {
            "What the audience sees; click or scroll down for the next slide, right-click to go back"
        }
        Tool::Pointer => "What the audience sees; the laser pointer follows the mouse here",
        Tool::Spotlight => "What the audience sees; the spotlight follows the mouse here",
        Tool::Zoom => "What the audience sees; drag a box to magnify it",
        Tool::Pen => "What the audience sees; draw here with the pen",
        Tool::Highlighter => "What the audience sees; draw here with the highlighter",
        Tool::Eraser => "What the audience sees; touch a stroke to erase it",
    }
}

/// What the mouse does on the preview with the tool in hand.
pub(super) fn preview_input(
    ui: &Ui,
    shown: &SlideResponse,
    view: &ConsoleView<'_>,
    commands: &mut Vec<AppCommand>,
) {
    let pointing = &view.console.pointing;
    let response = &shown.response;
    let at = shown.pointer.map(|p| [p.x, p.y]);
    let known = pointing.pointer.map(|(p, _)| p);
    let on_slide = |pos: Pos2| to_slide_clamped(shown.canvas, pos).map(|p| [p.x, p.y]);
    let current = response
        .interact_pointer_pos()
        .or_else(|| ui.input(|i| i.pointer.latest_pos()))
        .and_then(on_slide);
    // Whether the mouse was on the preview last frame: leaving it says so
    // once, so the audience window's own pointing is not cancelled while
    // the mouse is there.
    let was_here_id = response.id.with("pointing-here");
    let was_here = ui
        .ctx()
        .data(|d| d.get_temp::<bool>(was_here_id))
        .unwrap_or(false);
    ui.ctx()
        .data_mut(|d| d.insert_temp(was_here_id, at.is_some()));
    if at != pointing.hover && (at.is_some() || was_here) {
        // Where the mouse is, for M's zoom; nothing the room sees changes.
        commands.push(ShellCommand::Hover(at).into());
    }
    match pointing.tool {
        Tool::Advance => {
            // Holding Ctrl (Cmd) and moving the mouse shows the pointer
            // while Ctrl is held; a Ctrl shortcut typed with the mouse at
            // rest over the preview shows nothing.
            let ctrl = ui.input(|i| i.modifiers.command) && at.is_some();
            let moving = ui.input(|i| i.pointer.delta() != egui::Vec2::ZERO);
            if ctrl && (pointing.held || moving) && (at != known || !pointing.held) {
                commands.push(ShellCommand::HoldPointer(at).into());
            } else if !ctrl && pointing.held {
                commands.push(ShellCommand::HoldPointer(None).into());
            }
            if response.clicked() {
                commands.push(Command::Next.into());
            } else if response.secondary_clicked() {
                commands.push(Command::Previous.into());
            } else if let Some(down) = wheel_over(response) {
                commands.push(ShellCommand::Wheel(down).into());
            }
        }
        Tool::Pointer | Tool::Spotlight => {
            if at != known && (at.is_some() || was_here) {
                commands.push(ShellCommand::PointAt(at).into());
            }
            if pointing.tool == Tool::Spotlight
                && let Some(down) = wheel_over(response)
            {
                let factor = if down > 0.0 {
                    1.0 / SPOTLIGHT_STEP
                } else {
                    SPOTLIGHT_STEP
                };
                commands.push(ShellCommand::SizeSpotlight(factor).into());
            }
        }
        Tool::Zoom => zoom_input(ui, shown, current, commands),
        Tool::Pen | Tool::Highlighter => {
            let origin = ui.input(|i| i.pointer.press_origin()).and_then(on_slide);
            if response.drag_started() {
                if let Some(from) = origin.or(current) {
                    commands.push(ShellCommand::InkBegin(from).into());
                }
                if let Some(to) = current {
                    commands.push(ShellCommand::InkTo(to).into());
                }
            } else if response.dragged()
                && let Some(to) = current
            {
                commands.push(ShellCommand::InkTo(to).into());
            }
            if response.drag_stopped() {
                commands.push(ShellCommand::InkEnd.into());
            } else if response.clicked()
                && let Some(dot) = current
            {
                // A click is a dot.
                commands.push(ShellCommand::InkBegin(dot).into());
                commands.push(ShellCommand::InkEnd.into());
            }
        }
        Tool::Eraser => {
            if (response.dragged() || response.clicked() || response.drag_started())
                && let Some(here) = current
            {
                commands.push(ShellCommand::EraseAt(here).into());
            }
        }
    }
}

/// The zoom tool: a dragged box (drawn on the console only) magnifies on
/// release; a click magnifies twice there; a right click shows the whole
/// slide.
fn zoom_input(
    ui: &Ui,
    shown: &SlideResponse,
    current: Option<[f32; 2]>,
    commands: &mut Vec<AppCommand>,
) {
    let response = &shown.response;
    let origin = ui.input(|i| i.pointer.press_origin());
    let from = origin.and_then(|o| to_slide_clamped(shown.canvas, o).map(|p| [p.x, p.y]));
    // Where the drag got to: the mouse may be gone when it is let go.
    let reached = response.id.with("zoom-box-to");
    if response.dragged()
        && let (Some(origin), Some(now)) = (origin, response.interact_pointer_pos())
    {
        let band = egui::Rect::from_two_pos(origin, now).intersect(response.rect);
        ui.painter().rect_stroke(
            band,
            0.0,
            Stroke::new(2.0, tokens::POINTER_RING),
            StrokeKind::Inside,
        );
        if let (Some(from), Some(to)) = (from, current) {
            ui.ctx().data_mut(|d| d.insert_temp(reached, (from, to)));
        }
    }
    if response.drag_stopped()
        && let Some((from, to)) = ui
            .ctx()
            .data(|d| d.get_temp::<([f32; 2], [f32; 2])>(reached))
    {
        commands.push(ShellCommand::ZoomBox { from, to }.into());
    } else if response.clicked()
        && let Some(here) = current
    {
        commands.push(
            ShellCommand::ZoomBox {
                from: here,
                to: here,
            }
            .into(),
        );
    } else if response.secondary_clicked() {
        commands.push(ShellCommand::LeaveZoom.into());
    }
}
