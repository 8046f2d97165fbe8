//! Carrying out a placement: the window commands that put the audience
//! view full screen, side by side with the console or on one screen, and
//! the console maximized on its monitor.

use super::super::monitors::{Monitor, Placement};
use super::pixels::pixels;
use super::{AudienceAt, AudienceOps, CONSOLE_MIN_POINTS, PixelRect, Plan, ScreenState, WindowOp};

/// Where the console's top-left corner goes on a monitor it moves to, in
/// points from the monitor's corner (before it is maximized there).
const CONSOLE_INSET_POINTS: f64 = 40.0;

/// Room kept free at the bottom of a monitor whose work area is unknown,
/// in points: a taskbar or dock.
const TASKBAR_POINTS: f64 = 48.0;

impl ScreenState {
    /// The commands that carry out `placement`, and the new state.
    pub fn place(&mut self, placement: &Placement) -> Plan {
        let audience_scale = self.audience_window_scale();
        let mut console = Vec::new();
        let audience = match *placement {
            Placement::Fullscreen {
                audience,
                console: move_to,
            } => {
                if self.console_on_top {
                    console.push(WindowOp::OnTop(false));
                }
                console.push(WindowOp::MinSize(None));
                // The console moves when asked to (a swap), or when the
                // system sees it on another monitor than its own.
                let away = self.console.filter(|&c| {
                    self.console_seen
                        .is_some_and(|seen| !self.same_index(seen, c))
                });
                if let Some(target) = move_to.or(away)
                    && let Some(monitor) = self.monitors.get(target)
                {
                    console.extend(move_console_to(monitor));
                    self.console = Some(target);
                    self.console_seen = Some(target);
                }
                // Presenting: the console fills the laptop's screen.
                console.push(WindowOp::Maximize(true));
                self.console_on_top = false;
                self.audience = match self.monitors.get(audience) {
                    Some(m) => AudienceAt::Fullscreen {
                        monitor: m.id(),
                        index: audience,
                    },
                    None => AudienceAt::Unknown,
                };
                AudienceOps::Show(vec![WindowOp::FullscreenOn(audience)])
            }
            Placement::SideBySide { monitor } => {
                let Some(m) = self.monitors.get(monitor) else {
                    self.audience = AudienceAt::Unknown;
                    return Plan {
                        console,
                        audience: AudienceOps::Show(Vec::new()),
                        audience_scale,
                    };
                };
                let area = self.usable_area(m);
                let (frame_w, frame_h) = self.console_frame;
                let left = area.width / 2;
                let right = area.width - left;
                let inner = |outer: u32, frame: u32| outer.saturating_sub(frame).max(1);
                let console_size = (inner(left, frame_w), inner(area.height, frame_h));
                let audience_width = inner(right, frame_w);
                let audience_height = (audience_width * 9 / 16).min(inner(area.height, frame_h));
                if self.console_on_top {
                    console.push(WindowOp::OnTop(false));
                }
                self.console_on_top = false;
                console.extend([
                    WindowOp::Maximize(false),
                    WindowOp::MinSize(Some(smaller_min(console_size, m.scale))),
                    WindowOp::MoveTo {
                        x: area.x,
                        y: area.y,
                    },
                    WindowOp::Resize {
                        width: console_size.0,
                        height: console_size.1,
                    },
                ]);
                self.console = Some(monitor);
                self.audience = AudienceAt::Beside;
                AudienceOps::Show(vec![
                    WindowOp::Windowed,
                    WindowOp::MoveTo {
                        x: area.x.saturating_add_unsigned(left),
                        y: area.y,
                    },
                    WindowOp::Resize {
                        width: audience_width,
                        height: audience_height.max(1),
                    },
                ])
            }
            Placement::Mirror { monitor } => {
                if let Some(m) = self.monitors.get(monitor) {
                    let area = self.usable_area(m);
                    let part = |length: u32, share: f64| (f64::from(length) * share) as u32;
                    let (frame_w, frame_h) = self.console_frame;
                    let size = (
                        part(area.width, 0.6).saturating_sub(frame_w).max(1),
                        part(area.height, 0.65).saturating_sub(frame_h).max(1),
                    );
                    console.extend([
                        WindowOp::Maximize(false),
                        WindowOp::MinSize(Some(smaller_min(size, m.scale))),
                        WindowOp::MoveTo {
                            x: area.x.saturating_add_unsigned(part(area.width, 0.35)),
                            y: area.y.saturating_add_unsigned(part(area.height, 0.3)),
                        },
                        WindowOp::Resize {
                            width: size.0,
                            height: size.1,
                        },
                    ]);
                }
                console.push(WindowOp::OnTop(true));
                self.console_on_top = true;
                self.audience = AudienceAt::Mirror { index: monitor };
                AudienceOps::Show(vec![WindowOp::FullscreenOn(monitor)])
            }
            Placement::Unknown => {
                self.audience = AudienceAt::Unknown;
                AudienceOps::Show(Vec::new())
            }
        };
        self.console_home = self
            .console
            .and_then(|i| self.monitors.get(i))
            .map(Monitor::id);
        Plan {
            console,
            audience,
            audience_scale,
        }
    }

    /// The part of monitor `m` windows may use: its share of the work
    /// area when the system says, else the whole monitor less room for a
    /// taskbar at the bottom.
    fn usable_area(&self, m: &Monitor) -> PixelRect {
        let whole = m.pixel_rect();
        if let Some(area) = self.work_area.and_then(|a| a.intersect(&whole)) {
            return area;
        }
        let taskbar = u32::try_from(pixels(TASKBAR_POINTS, m.scale)).unwrap_or(0);
        PixelRect {
            height: whole.height.saturating_sub(taskbar).max(whole.height / 2),
            ..whole
        }
    }
}

/// Restore, move into `monitor` (before maximizing there).
pub(super) fn move_console_to(monitor: &Monitor) -> Vec<WindowOp> {
    let inset = pixels(CONSOLE_INSET_POINTS, monitor.scale);
    let rect = monitor.pixel_rect();
    vec![
        WindowOp::Maximize(false),
        WindowOp::MoveTo {
            x: rect.x.saturating_add(inset),
            y: rect.y.saturating_add(inset),
        },
    ]
}

/// The console's minimum size when it must fit `size` pixels: the usual
/// minimum, or smaller where `size` is smaller.
fn smaller_min(size: (u32, u32), scale: f64) -> (u32, u32) {
    let usual = |points: f32| pixels(f64::from(points), scale).unsigned_abs();
    (
        size.0.min(usual(CONSOLE_MIN_POINTS.0)),
        size.1.min(usual(CONSOLE_MIN_POINTS.1)),
    )
}
