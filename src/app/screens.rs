//! The winit glue for monitors: read the list, and turn a [`Plan`]'s
//! commands (physical pixels) into egui viewport commands (points of the
//! window they go to). The choices themselves are pure functions in
//! [`crate::show::monitors`] and [`crate::show::screen_plan`].

use std::sync::Arc;
use std::time::Duration;

use egui::{ViewportBuilder, ViewportCommand, WindowLevel};

use crate::show::monitors::Monitor;
use crate::show::screen_plan::{CONSOLE_MIN_POINTS, ScreenState, WindowOp};

/// How many more times the list is read after a change while the window
/// system's list disagrees with the watcher's count.
pub const RETRIES: u8 = 12;

/// How soon after.
pub const RETRY_AFTER: Duration = Duration::from_millis(250);

/// What the shell knows about the monitors and where the windows are.
#[derive(Debug, Default)]
pub struct Screens {
    /// Reads left while the window system's list lags behind.
    pub retries: u8,
    /// The windows on the monitors (pure state).
    pub state: ScreenState,
    /// The thread that notices monitor changes, once started.
    pub watch: Option<Arc<super::monitor_watch::Watched>>,
    /// Whether the duplicate-displays notice was given for this setup.
    pub duplicate_noticed: bool,
    /// A monitor list set by a test instead of the window system's.
    pub simulated: Option<SimulatedMonitors>,
    /// Names the audience window for the X11 window manager, when the
    /// console is an X11 window.
    pub namer: Option<super::wm_class::Namer>,
    /// Since when the audience window has been waiting, hidden, for its
    /// names (X11 only).
    pub audience_hidden_since: Option<std::time::Instant>,
}

/// A monitor list a test sets, with the index of the console's monitor:
/// read on every frame in place of the window system's.
pub type SimulatedMonitors = Arc<std::sync::Mutex<(Vec<Monitor>, Option<usize>)>>;

/// Whether to say on stderr what the monitors are and where the windows
/// go (`CUECARD_LOG_SCREENS=1`), for a venue where they go wrong.
pub fn logging() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("CUECARD_LOG_SCREENS").is_some_and(|v| v == "1"))
}

/// The index of the primary monitor winit reports (none on Wayland).
pub fn primary_monitor(frame: &eframe::Frame) -> Option<usize> {
    let window = frame.winit_window()?;
    let primary = window.primary_monitor()?;
    window.available_monitors().position(|m| m == primary)
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

/// The console window's frame (title bar and borders) in pixels, from the
/// viewport's outer and inner rectangles.
pub fn frame_of(info: &egui::ViewportInfo, pixels_per_point: f32) -> Option<(u32, u32)> {
    let (outer, inner) = (info.outer_rect?, info.inner_rect?);
    let px = |points: f32| (points * pixels_per_point).round().max(0.0) as u32;
    Some((
        px(outer.width() - inner.width()),
        px(outer.height() - inner.height()),
    ))
}

/// A window's outer rectangle in pixels, from its viewport's (points, at
/// the window system's scale for it).
pub fn pixel_rect_of(info: &egui::ViewportInfo) -> Option<crate::show::screen_plan::PixelRect> {
    let scale = info.native_pixels_per_point?;
    let outer = info.outer_rect?;
    let px = |points: f32| (points * scale).round() as i32;
    Some(crate::show::screen_plan::PixelRect {
        x: px(outer.min.x),
        y: px(outer.min.y),
        width: px(outer.width()).max(1).unsigned_abs(),
        height: px(outer.height()).max(1).unsigned_abs(),
    })
}

/// `ops` as egui viewport commands for a window whose scale is
/// `pixels_per_point` now (egui multiplies points by it to get the pixels
/// it asks winit for).
pub fn commands(ops: &[WindowOp], pixels_per_point: f32) -> Vec<ViewportCommand> {
    let ppp = pixels_per_point.max(0.1);
    let points = |px: f64| (px / f64::from(ppp)) as f32;
    ops.iter()
        .map(|op| match *op {
            WindowOp::FullscreenOn(index) => ViewportCommand::SetMonitor(index),
            WindowOp::Windowed => ViewportCommand::Fullscreen(false),
            WindowOp::MoveTo { x, y } => ViewportCommand::OuterPosition(egui::pos2(
                points(f64::from(x)),
                points(f64::from(y)),
            )),
            WindowOp::Resize { width, height } => ViewportCommand::InnerSize(egui::vec2(
                points(f64::from(width)),
                points(f64::from(height)),
            )),
            WindowOp::MinSize(None) => ViewportCommand::MinInnerSize(egui::vec2(
                CONSOLE_MIN_POINTS.0,
                CONSOLE_MIN_POINTS.1,
            )),
            WindowOp::MinSize(Some((width, height))) => ViewportCommand::MinInnerSize(egui::vec2(
                points(f64::from(width)),
                points(f64::from(height)),
            )),
            WindowOp::Maximize(on) => ViewportCommand::Maximized(on),
            WindowOp::OnTop(on) => ViewportCommand::WindowLevel(if on {
                WindowLevel::AlwaysOnTop
            } else {
                WindowLevel::Normal
            }),
        })
        .collect()
}

/// How to open the audience window so that it starts where `ops` put it.
/// A new window's position and size are logical (winit applies the scale
/// of the monitor it opens on), so pixels are divided by `scale`, the
/// target monitor's.
pub fn builder(base: ViewportBuilder, ops: &[WindowOp], scale: f64) -> ViewportBuilder {
    let points = |px: i64| (px as f64 / scale.max(0.1)) as f32;
    let mut builder = base;
    let mut placed = false;
    for op in ops {
        builder = match *op {
            WindowOp::FullscreenOn(index) => {
                placed = true;
                builder.with_monitor(index).with_fullscreen(true)
            }
            WindowOp::Windowed => builder.with_fullscreen(false),
            WindowOp::MoveTo { x, y } => {
                builder.with_position(egui::pos2(points(i64::from(x)), points(i64::from(y))))
            }
            WindowOp::Resize { width, height } => {
                placed = true;
                builder.with_inner_size(egui::vec2(
                    points(i64::from(width)),
                    points(i64::from(height)),
                ))
            }
            WindowOp::MinSize(_) | WindowOp::Maximize(_) | WindowOp::OnTop(_) => builder,
        };
    }
    if placed {
        builder
    } else {
        // No monitor information (headless): a 16:9 window the system
        // places.
        builder.with_inner_size(egui::vec2(960.0, 540.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_become_the_points_of_the_window_they_are_sent_to() {
        // The console on a 200% laptop moves to a 100% projector at pixel
        // 2920: egui multiplies by the console's 2.0, so it is sent 1460.
        let ops = [
            WindowOp::Maximize(false),
            WindowOp::MoveTo { x: 2920, y: 40 },
            WindowOp::Resize {
                width: 1000,
                height: 600,
            },
            WindowOp::MinSize(Some((400, 300))),
            WindowOp::Maximize(true),
        ];
        assert_eq!(
            commands(&ops, 2.0),
            vec![
                ViewportCommand::Maximized(false),
                ViewportCommand::OuterPosition(egui::pos2(1460.0, 20.0)),
                ViewportCommand::InnerSize(egui::vec2(500.0, 300.0)),
                ViewportCommand::MinInnerSize(egui::vec2(200.0, 150.0)),
                ViewportCommand::Maximized(true),
            ]
        );
        // The usual minimum is in points already.
        assert_eq!(
            commands(&[WindowOp::MinSize(None)], 2.0),
            vec![ViewportCommand::MinInnerSize(egui::vec2(640.0, 400.0))]
        );
        assert_eq!(
            commands(&[WindowOp::FullscreenOn(1), WindowOp::OnTop(true)], 1.0),
            vec![
                ViewportCommand::SetMonitor(1),
                ViewportCommand::WindowLevel(WindowLevel::AlwaysOnTop)
            ]
        );
    }

    #[test]
    fn a_new_audience_window_opens_full_screen_on_its_monitor_or_where_it_was_put() {
        let b = builder(
            ViewportBuilder::default(),
            &[WindowOp::FullscreenOn(2)],
            1.0,
        );
        assert_eq!(b.monitor, Some(2));
        assert_eq!(b.fullscreen, Some(true));
        let ops = [
            WindowOp::Windowed,
            WindowOp::MoveTo { x: 1440, y: 0 },
            WindowOp::Resize {
                width: 1440,
                height: 810,
            },
        ];
        let b = builder(ViewportBuilder::default(), &ops, 2.0);
        assert_eq!(b.fullscreen, Some(false));
        assert_eq!(b.position, Some(egui::pos2(720.0, 0.0)));
        assert_eq!(b.inner_size, Some(egui::vec2(720.0, 405.0)));
        let b = builder(ViewportBuilder::default(), &[], 1.0);
        assert_eq!(b.inner_size, Some(egui::vec2(960.0, 540.0)));
    }

    #[test]
    fn the_frame_is_outer_less_inner_in_pixels() {
        let info = egui::ViewportInfo {
            outer_rect: Some(egui::Rect::from_min_size(
                egui::pos2(0.0, 0.0),
                egui::vec2(702.0, 430.0),
            )),
            inner_rect: Some(egui::Rect::from_min_size(
                egui::pos2(1.0, 29.0),
                egui::vec2(700.0, 400.0),
            )),
            ..Default::default()
        };
        assert_eq!(frame_of(&info, 2.0), Some((4, 60)));
        assert_eq!(frame_of(&egui::ViewportInfo::default(), 1.0), None);
    }
}
