//! The pointing and drawing commands, applied to the console's
//! [`Pointing`](crate::show::pointing::Pointing) and the session's
//! [`Ink`](crate::show::pointing::Ink). Ink goes on the slide the room
//! sees; on a black or white screen there is nothing to draw on.

use std::time::Instant;

use crate::show::ShellCommand;
use crate::show::pointing::{ERASER_RADIUS, InkKind, Tool, ZOOM_STEP, Zoom};

use super::PresenterApp;

impl PresenterApp {
    /// The slide the room sees now, if it sees a slide.
    pub(super) fn audience_slide(&self) -> Option<usize> {
        self.session.presentation.audience().slide()
    }

    /// Applies one pointing or drawing command. Returns whether anything
    /// visible changed.
    pub(super) fn apply_pointing(&mut self, command: &ShellCommand, now: Instant) -> bool {
        use ShellCommand as S;
        let slide = self.audience_slide();
        let pointing = &mut self.console.pointing;
        let ink = &mut self.session.ink;
        match command {
            S::ChooseTool(tool) => {
                // A stroke in progress is kept when the tool changes.
                ink.end();
                let before = pointing.tool;
                pointing.choose(*tool);
                before != pointing.tool || *tool != Tool::Advance
            }
            S::NextPointerStyle => {
                pointing.style = pointing.style.next();
                true
            }
            S::PointAt(at) => pointing.point_at(*at, now),
            S::HoldPointer(at) => pointing.hold(*at, now),
            S::Hover(at) => {
                // Kept for the zoom key; nothing visible changes.
                pointing.hover = *at;
                false
            }
            S::SizeSpotlight(factor) => pointing.size_spotlight(*factor),
            S::ToggleZoom => match slide {
                Some(slide) => {
                    pointing.toggle_zoom(slide);
                    true
                }
                None => false,
            },
            S::ZoomBox { from, to } => match slide {
                Some(slide) => {
                    pointing.zoom = Some(
                        Zoom::of_box(slide, *from, *to)
                            .unwrap_or_else(|| Zoom::around(slide, *from, ZOOM_STEP)),
                    );
                    true
                }
                None => false,
            },
            S::LeaveZoom => pointing.zoom.take().is_some(),
            S::InkBegin(at) => {
                let kind = match pointing.tool {
                    Tool::Pen => InkKind::Pen,
                    Tool::Highlighter => InkKind::Highlighter,
                    _ => return false,
                };
                let Some(slide) = slide else {
                    return false;
                };
                ink.begin(slide, kind, pointing.ink_color(), *at);
                true
            }
            S::InkTo(at) => ink.extend(*at),
            S::InkEnd => ink.end(),
            S::EraseAt(at) => slide.is_some_and(|slide| ink.erase_at(slide, *at, ERASER_RADIUS)),
            S::UndoInk => slide.is_some_and(|slide| ink.undo(slide)),
            S::ClearInk => slide.is_some_and(|slide| ink.clear(slide)),
            S::SetInkColor(color) => pointing.set_ink_color(*color),
            S::NextInkColor => {
                let next = pointing.ink_color().next();
                pointing.set_ink_color(next)
            }
            _ => false,
        }
    }
}
