//! The winit glue for monitors: read the list, turn a [`Placement`] into
//! window settings. The choices themselves are pure functions in
//! [`crate::show::monitors`].

use std::time::{Duration, Instant};

use egui::{ViewportBuilder, ViewportCommand, WindowLevel};

use crate::show::monitors::{Monitor, Placement};

/// How often the monitor list is read again while frames are drawn, to
/// notice a projector plugged in or pulled out.
pub const POLL_EVERY: Duration = Duration::from_secs(2);

/// What the shell knows about the monitors and where the windows are.
#[derive(Debug, Default)]
pub struct Screens {
    /// The monitors, as last read.
    pub monitors: Vec<Monitor>,
    /// Index of the console's monitor, if known.
    pub console: Option<usize>,
    /// Index of the audience view's monitor when it is full screen on one.
    pub audience: Option<usize>,
    /// When the list was last read.
    pub polled: Option<Instant>,
    /// Whether the console is set to stay on top (mirror mode).
    pub console_on_top: bool,
}

/// The monitors winit reports, and the index of the console's one.
pub fn read_monitors(frame: &eframe::Frame) -> (Vec<Monitor>, Option<usize>) {
    let Some(window) = frame.winit_window() else {
        return (Vec::new(), None);
    };
    let current = window.current_monitor();
    let mut console = None;
    let monitors = window
        .available_monitors()
        .enumerate()
        .map(|(i, handle)| {
            if current.as_ref() == Some(&handle) {
                console = Some(i);
            }
            let position = handle.position();
            let size = handle.size();
            Monitor {
                name: handle.name().unwrap_or_default(),
                position: Some((position.x, position.y)),
                size: (size.width, size.height),
                scale: handle.scale_factor(),
            }
        })
        .collect();
    (monitors, console)
}

/// Applies `placement`: returns the audience window's builder (egui turns
/// the differences from the previous one into window commands) and sends
/// the console's own commands through `ctx`. Returns whether the audience
/// view is full screen.
pub fn apply(
    ctx: &egui::Context,
    screens: &mut Screens,
    placement: &Placement,
    base: ViewportBuilder,
) -> (ViewportBuilder, bool) {
    let mut on_top = false;
    let result = match placement {
        Placement::Fullscreen { audience, console } => {
            screens.audience = Some(*audience);
            if let Some(target) = console.and_then(|i| screens.monitors.get(i)) {
                let (x, y) = target.logical_position();
                ctx.send_viewport_cmd(ViewportCommand::OuterPosition(egui::pos2(
                    x + 40.0,
                    y + 40.0,
                )));
                screens.console = *console;
            }
            (base.with_monitor(*audience).with_fullscreen(true), true)
        }
        Placement::SideBySide { console, audience } => {
            screens.audience = None;
            ctx.send_viewport_cmd(ViewportCommand::OuterPosition(egui::pos2(
                console.x, console.y,
            )));
            ctx.send_viewport_cmd(ViewportCommand::InnerSize(egui::vec2(
                console.width,
                console.height,
            )));
            (
                base.with_fullscreen(false)
                    .with_position(egui::pos2(audience.x, audience.y))
                    .with_inner_size(egui::vec2(audience.width, audience.height)),
                false,
            )
        }
        Placement::Mirror { monitor } => {
            screens.audience = Some(*monitor);
            on_top = true;
            if let Some(m) = screens.monitors.get(*monitor) {
                let (x, y) = m.logical_position();
                let (w, h) = m.logical_size();
                ctx.send_viewport_cmd(ViewportCommand::OuterPosition(egui::pos2(
                    x + w * 0.35,
                    y + h * 0.3,
                )));
                ctx.send_viewport_cmd(ViewportCommand::InnerSize(egui::vec2(w * 0.6, h * 0.65)));
            }
            (base.with_monitor(*monitor).with_fullscreen(true), true)
        }
        Placement::Unknown => {
            screens.audience = None;
            (base.with_inner_size(egui::vec2(960.0, 540.0)), false)
        }
    };
    if on_top != screens.console_on_top {
        let level = if on_top {
            WindowLevel::AlwaysOnTop
        } else {
            WindowLevel::Normal
        };
        ctx.send_viewport_cmd(ViewportCommand::WindowLevel(level));
        screens.console_on_top = on_top;
    }
    result
}
