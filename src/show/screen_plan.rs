//! What the two windows do when the monitors change, and how they move:
//! the windows' state on the screens and the commands that place them, in
//! the window system's physical pixels.
//!
//! [`choose_placement`] decides *which* monitor each window goes to; this
//! module turns that into window commands and follows the monitors as they
//! come and go:
//!
//! - the first monitor list places both windows;
//! - a console monitor that the system reports late (Wayland says nothing
//!   before the first frame) corrects that first choice, once;
//! - when the audience's monitor goes away and no other external monitor
//!   is left, the audience window is hidden (it would otherwise cover the
//!   console); when a monitor comes back it returns full screen on it;
//! - with another external monitor left, the audience moves there.
//!
//! Geometry is in physical pixels because monitors are: a 200% laptop and
//! a 100% projector share one pixel desktop, but not one point desktop.
//! The shell converts each command with the scale of the window it is sent
//! to, since that is how egui turns points into pixels.
//!
//! Commands are explicit and complete each time: egui drops a viewport
//! *builder* setting equal to the one it sent before, so "full screen on
//! monitor 1" after an unplug and a replug of monitor 1 would be lost if
//! it went through the builder.

use std::time::{Duration, Instant};

use super::monitors::{
    Monitor, MonitorId, Placement, ScreenMode, choose_placement, one_screen, overlapping,
    same_monitor, swap,
};

/// A rectangle in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PixelRect {
    /// Left edge.
    pub x: i32,
    /// Top edge.
    pub y: i32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

impl PixelRect {
    /// The part of `self` inside `other`, if any.
    pub fn intersect(&self, other: &Self) -> Option<Self> {
        let right = |r: &Self| i64::from(r.x) + i64::from(r.width);
        let bottom = |r: &Self| i64::from(r.y) + i64::from(r.height);
        let x = self.x.max(other.x);
        let y = self.y.max(other.y);
        let width = right(self).min(right(other)) - i64::from(x);
        let height = bottom(self).min(bottom(other)) - i64::from(y);
        Some(Self {
            x,
            y,
            width: u32::try_from(width).ok().filter(|&w| w > 0)?,
            height: u32::try_from(height).ok().filter(|&h| h > 0)?,
        })
    }

    /// Whether `other` lies wholly inside `self`.
    pub fn contains(&self, other: &Self) -> bool {
        self.intersect(other) == Some(*other)
    }
}

impl Monitor {
    /// The monitor's rectangle in physical pixels (at 0,0 when the system
    /// does not say where it is).
    pub fn pixel_rect(&self) -> PixelRect {
        let (x, y) = self.position.unwrap_or((0, 0));
        PixelRect {
            x,
            y,
            width: self.size.0,
            height: self.size.1,
        }
    }
}

/// The console's smallest size in points, when nothing smaller is needed.
pub const CONSOLE_MIN_POINTS: (f32, f32) = (640.0, 400.0);

/// Where the console's top-left corner goes on a monitor it moves to, in
/// points from the monitor's corner (before it is maximized there).
const CONSOLE_INSET_POINTS: f64 = 40.0;

/// Room kept free at the bottom of a monitor whose work area is unknown,
/// in points: a taskbar or dock.
const TASKBAR_POINTS: f64 = 48.0;

/// One thing a window is told to do. Positions and sizes are physical
/// pixels.
#[derive(Debug, Clone, PartialEq)]
pub enum WindowOp {
    /// Borderless full screen on the monitor with this index in the
    /// system's monitor list.
    FullscreenOn(usize),
    /// Leave full screen.
    Windowed,
    /// Move the window's outer top-left corner here.
    MoveTo {
        /// Left edge.
        x: i32,
        /// Top edge.
        y: i32,
    },
    /// Resize the inside of the window (without its frame).
    Resize {
        /// Width.
        width: u32,
        /// Height.
        height: u32,
    },
    /// The smallest inner size the presenter can drag it to, in pixels;
    /// `None` for the usual minimum ([`CONSOLE_MIN_POINTS`]).
    MinSize(Option<(u32, u32)>),
    /// Maximize (within the monitor's work area) or restore.
    Maximize(bool),
    /// Stay above other windows (mirror mode) or not.
    OnTop(bool),
}

/// What the audience window does.
#[derive(Debug, Clone, PartialEq)]
pub enum AudienceOps {
    /// Nothing changes.
    Keep,
    /// Show it (opening it again if it was hidden) and carry these out.
    Show(Vec<WindowOp>),
    /// Take it off the screens: its monitor went away and no other is
    /// free, so it would cover the console.
    Hide,
}

/// The commands for both windows after a change.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// For the console, in order.
    pub console: Vec<WindowOp>,
    /// For the audience window.
    pub audience: AudienceOps,
    /// The scale of the monitor the audience window is on before these
    /// commands (the window system gives a window its monitor's scale):
    /// what its commands' points are multiplied by. A window's own report
    /// is not to be trusted in its first frames.
    pub audience_scale: f64,
}

/// Where the audience window is.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum AudienceAt {
    /// Not placed yet: no monitor list has been read.
    #[default]
    Unplaced,
    /// Full screen on a monitor other than the console's.
    Fullscreen {
        /// The monitor, as it is recognised when plugged in again.
        monitor: MonitorId,
        /// Its index in the current list.
        index: usize,
    },
    /// Full screen on the console's own monitor, the console on top.
    Mirror {
        /// Index of the monitor.
        index: usize,
    },
    /// A window beside the console (rehearsal, or one monitor).
    Beside,
    /// Wherever the window system put it (no monitor information).
    Unknown,
    /// Hidden: its monitor went away. It comes back full screen on the
    /// next external monitor.
    Disconnected {
        /// The monitor that went away.
        monitor: MonitorId,
    },
}

/// The windows on the screens: the monitors as last read, where each
/// window is, and what is known of the console window.
#[derive(Debug, Clone, Default)]
pub struct ScreenState {
    /// The monitors, as last read.
    pub monitors: Vec<Monitor>,
    /// Index of the console's monitor, if known (or assumed).
    pub console: Option<usize>,
    /// Whether the system has said where the console is (it may not
    /// before the first frame).
    console_reported: bool,
    /// Where the audience window is.
    pub audience: AudienceAt,
    /// Whether the console is set to stay on top (mirror mode).
    pub console_on_top: bool,
    /// The console's frame (title bar and borders): how much larger its
    /// outer size is than its inner size, in pixels.
    pub console_frame: (u32, u32),
    /// The desktop's work area (without panels and taskbars) in pixels, if
    /// the system says (X11's `_NET_WORKAREA`).
    pub work_area: Option<PixelRect>,
    /// The monitor the console belongs on (where it was placed), as it is
    /// recognised when the list changes.
    console_home: Option<MonitorId>,
    /// Index of the monitor the system last said the console is on.
    console_seen: Option<usize>,
    /// Where the audience window really is, in pixels, as it last said.
    pub audience_rect: Option<PixelRect>,
    /// Index of the primary monitor, where the system says (not Wayland).
    pub primary: Option<usize>,
    /// Where the console window really is, in pixels: a better witness of
    /// its monitor than the window system's "current monitor", which can
    /// lag behind a window moved while monitors changed.
    pub console_rect: Option<PixelRect>,
    /// Since when a window has been found off its monitor.
    wrong_since: Option<Instant>,
    /// When the windows were last put back.
    put_back: Option<Instant>,
}

/// How long a window must be off its monitor before it is put back (the
/// window manager moves windows for a moment while monitors change).
pub const SETTLE: Duration = Duration::from_millis(700);

/// How often at most the windows are put back.
pub const PUT_BACK_EVERY: Duration = Duration::from_secs(2);

impl ScreenState {
    /// Index of the monitor the audience view is full screen on.
    pub fn audience_monitor(&self) -> Option<usize> {
        match &self.audience {
            AudienceAt::Fullscreen { index, .. } | AudienceAt::Mirror { index } => Some(*index),
            _ => None,
        }
    }

    /// Whether the system has said which monitor the console is on (the
    /// choices made before are guesses, not to be remembered).
    pub fn console_reported(&self) -> bool {
        self.console_reported
    }

    /// Whether monitor `index` is the console's (or a copy of it in the
    /// list, as Wayland gives).
    fn on_console(&self, index: usize) -> bool {
        self.same_index(index, self.console.unwrap_or(0))
    }

    /// Whether entries `a` and `b` of the list are one monitor, or show
    /// the same part of the desktop (duplicate displays).
    fn same_index(&self, a: usize, b: usize) -> bool {
        a == b
            || self
                .monitors
                .get(a)
                .zip(self.monitors.get(b))
                .is_some_and(|(a, b)| one_screen(a, b))
    }

    /// Whether two monitors show the same part of the desktop (duplicate
    /// displays, "mirror"): the room sees the laptop's screen.
    pub fn duplicated(&self) -> bool {
        self.monitors.iter().enumerate().any(|(i, a)| {
            self.monitors
                .iter()
                .skip(i + 1)
                .any(|b| overlapping(a, b) && !same_monitor(a, b))
        })
    }

    /// Puts the windows back when one has been off its monitor for
    /// [`SETTLE`] (at most every [`PUT_BACK_EVERY`]): the window manager
    /// moves windows while monitors change, and a cable that blips faster
    /// than the monitors are read leaves the audience over the console or
    /// the console on the projector. `None` while all is well or settling.
    pub fn audit(&mut self, now: Instant) -> Option<Plan> {
        let AudienceAt::Fullscreen { index, .. } = self.audience else {
            self.wrong_since = None;
            return None;
        };
        let console = self.console?;
        let console_off = self
            .console_seen
            .is_some_and(|seen| !self.same_index(seen, console));
        let audience_at = self.audience_rect.and_then(|r| self.monitor_at(&r));
        let audience_off = audience_at.is_some_and(|at| !self.same_index(at, index));
        if !console_off && !audience_off {
            self.wrong_since = None;
            return None;
        }
        let since = *self.wrong_since.get_or_insert(now);
        let settled = now.duration_since(since) >= SETTLE;
        let rested = self
            .put_back
            .is_none_or(|t| now.duration_since(t) >= PUT_BACK_EVERY);
        if !settled || !rested {
            return None;
        }
        self.wrong_since = None;
        self.put_back = Some(now);
        let audience_scale = audience_at
            .and_then(|i| self.monitors.get(i))
            .map_or_else(|| self.audience_window_scale(), |m| m.scale);
        let mut ops = Vec::new();
        if console_off && let Some(home) = self.monitors.get(console) {
            ops = move_console_to(home);
            ops.push(WindowOp::Maximize(true));
        }
        Some(Plan {
            console: ops,
            audience: if audience_off {
                // Out of full screen first: the window system thinks it is
                // still full screen on that monitor and would skip it.
                AudienceOps::Show(vec![WindowOp::Windowed, WindowOp::FullscreenOn(index)])
            } else {
                AudienceOps::Keep
            },
            audience_scale,
        })
    }

    /// Whether a window is being watched for being off its monitor (the
    /// shell reads the monitors again soon).
    pub fn checking(&self) -> bool {
        self.wrong_since.is_some()
    }

    /// The monitor under the middle of `rect`.
    fn monitor_at(&self, rect: &PixelRect) -> Option<usize> {
        let middle = PixelRect {
            x: rect.x.saturating_add_unsigned(rect.width / 2),
            y: rect.y.saturating_add_unsigned(rect.height / 2),
            width: 1,
            height: 1,
        };
        self.monitors
            .iter()
            .position(|m| m.pixel_rect().contains(&middle))
    }

    /// The scale of the monitor the audience window is on now, as far as
    /// this state knows (the console's when it is beside it or its monitor
    /// is gone, 1 when nothing is known).
    pub fn audience_window_scale(&self) -> f64 {
        let console = || self.console.and_then(|i| self.monitors.get(i));
        let on = match &self.audience {
            AudienceAt::Fullscreen { monitor, .. } => self
                .monitors
                .iter()
                .find(|m| &m.id() == monitor)
                .or_else(console),
            AudienceAt::Mirror { index } => self.monitors.get(*index).or_else(console),
            AudienceAt::Beside | AudienceAt::Disconnected { .. } => console(),
            AudienceAt::Unplaced | AudienceAt::Unknown => None,
        };
        on.map_or(1.0, |m| m.scale)
    }

    /// The monitor that went away while the audience was on it, while no
    /// other has come back.
    pub fn disconnected(&self) -> Option<&MonitorId> {
        match &self.audience {
            AudienceAt::Disconnected { monitor } => Some(monitor),
            _ => None,
        }
    }

    /// The scale of the monitor that holds the pixel (`x`, `y`), else of
    /// the console's monitor, else 1.
    pub fn scale_at(&self, x: i32, y: i32) -> f64 {
        let point = PixelRect {
            x,
            y,
            width: 1,
            height: 1,
        };
        self.monitors
            .iter()
            .find(|m| m.pixel_rect().contains(&point))
            .or_else(|| self.console.and_then(|i| self.monitors.get(i)))
            .map_or(1.0, |m| m.scale)
    }

    /// A new monitor list from the system, with the console's monitor if
    /// it is known. Returns what the windows must do, if anything.
    pub fn monitors_read(
        &mut self,
        monitors: Vec<Monitor>,
        console: Option<usize>,
        mode: ScreenMode,
        remembered: Option<&MonitorId>,
    ) -> Option<Plan> {
        let changed = monitors != self.monitors;
        let guess = self.console;
        let late = console.is_some() && !self.console_reported;
        self.console_reported |= console.is_some();
        self.monitors = monitors;
        let count = self.monitors.len();
        self.console_seen = self
            .console_rect
            .and_then(|r| self.monitor_at(&r))
            .or(console)
            .filter(|&i| i < count);
        // The console belongs where it was placed (found again by name and
        // size after a change); where the system sees it is only believed
        // at the start, or when that monitor is gone.
        let home = self
            .console_home
            .as_ref()
            .and_then(|id| self.monitors.iter().position(|m| &m.id() == id));
        self.console = if late {
            self.console_seen
        } else {
            home.or(self.console_seen)
        }
        .or(self.console)
        .filter(|&i| i < count);
        let choose =
            |state: &Self| choose_placement(&state.monitors, state.console, remembered, mode);
        match &self.audience {
            AudienceAt::Unplaced => {
                // The console starts on the laptop's own panel when one is
                // recognised (a projector made the primary display would
                // get it otherwise), else on the primary display, wherever
                // the window manager first put the window.
                if let Some(home) = laptop_panel(&self.monitors)
                    .or(self.primary)
                    .filter(|&h| h < count && count > 1)
                    && mode == ScreenMode::Present
                {
                    self.console = Some(home);
                }
                return Some(self.place(&choose(self)));
            }
            // The first choice assumed the console was on the first
            // monitor; now the system says otherwise: choose again, once.
            _ if late && !changed && !self.on_console(guess.unwrap_or(0)) => {
                return Some(self.place(&choose(self)));
            }
            _ if !changed => return None,
            _ => {}
        }
        match (&self.audience, mode) {
            (AudienceAt::Fullscreen { monitor, .. }, ScreenMode::Present) => {
                let monitor = monitor.clone();
                let found = self.monitors.iter().position(|m| m.id() == monitor);
                let back = remembered
                    .and_then(|id| self.monitors.iter().position(|m| &m.id() == id))
                    .filter(|&r| !self.on_console(r) && Some(r) != found);
                match (found, back) {
                    // The monitor chosen for this setup is back (a dock's
                    // screen after a blip): the audience returns to it.
                    (_, Some(audience)) => Some(self.place(&Placement::Fullscreen {
                        audience,
                        console: None,
                    })),
                    // Still there, and not the console's: it stays where it
                    // is (its index may have changed).
                    (Some(index), None) if !self.on_console(index) => {
                        self.audience = AudienceAt::Fullscreen { monitor, index };
                        None
                    }
                    _ => {
                        let placement = choose(self);
                        // Another external takes the slides; displays
                        // switched to duplicate put them beside the console.
                        if matches!(placement, Placement::Fullscreen { .. }) || self.duplicated() {
                            return Some(self.place(&placement));
                        }
                        // Only the console's monitor is left: out of its way.
                        let audience_scale = self.audience_window_scale();
                        self.audience = AudienceAt::Disconnected { monitor };
                        Some(Plan {
                            console: Vec::new(),
                            audience: AudienceOps::Hide,
                            audience_scale,
                        })
                    }
                }
            }
            (AudienceAt::Disconnected { .. }, ScreenMode::Present) => {
                let placement = choose(self);
                // A projector back as a copy of this screen (duplicate
                // displays) is a screen the room sees: side by side.
                (matches!(placement, Placement::Fullscreen { .. }) || self.duplicated())
                    .then(|| self.place(&placement))
            }
            // Side by side, mirror, or nowhere known: choose again for the
            // monitors there are now.
            _ => Some(self.place(&choose(self))),
        }
    }

    /// What surrounds the windows: the console's frame (known once the
    /// window manager has drawn it) and the work area. A change re-places
    /// windows laid out by geometry (side by side, mirror).
    pub fn surroundings(
        &mut self,
        console_frame: Option<(u32, u32)>,
        work_area: Option<PixelRect>,
    ) -> Option<Plan> {
        // The largest seen: while a window is being resized its outer and
        // inner sizes can be read at different moments, and a frame never
        // shrinks, so this cannot swing back and forth.
        let frame = console_frame.map_or(self.console_frame, |(w, h)| {
            (w.max(self.console_frame.0), h.max(self.console_frame.1))
        });
        if frame == self.console_frame && work_area == self.work_area {
            return None;
        }
        self.console_frame = frame;
        self.work_area = work_area;
        let console = self.console.unwrap_or(0);
        match self.audience {
            AudienceAt::Beside => Some(self.place(&Placement::SideBySide { monitor: console })),
            AudienceAt::Mirror { index } => Some(self.place(&Placement::Mirror { monitor: index })),
            _ => None,
        }
    }

    /// Swaps the windows' monitors, if both are full screen on different
    /// ones.
    pub fn swap(&mut self) -> Option<Plan> {
        let console = self.console.unwrap_or(0);
        let audience = self.audience_monitor()?;
        let placement = swap(&self.monitors, console, audience)?;
        Some(self.place(&placement))
    }

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
fn move_console_to(monitor: &Monitor) -> Vec<WindowOp> {
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

/// The laptop's own panel, when exactly one monitor is named like one
/// (`eDP`, `LVDS`, `DSI` on Linux, "Built-in" on macOS).
pub fn laptop_panel(monitors: &[Monitor]) -> Option<usize> {
    let panel = |m: &Monitor| {
        let name = m.name.to_ascii_lowercase();
        ["edp", "lvds", "dsi"].iter().any(|p| name.starts_with(p)) || name.contains("built-in")
    };
    let mut panels = monitors.iter().enumerate().filter(|(_, m)| panel(m));
    let (first, m) = panels.next()?;
    // Copies of the same panel (Wayland) count once.
    panels
        .all(|(_, other)| same_monitor(m, other))
        .then_some(first)
}

/// `points` at `scale`, in whole pixels.
fn pixels(points: f64, scale: f64) -> i32 {
    (points * scale.max(0.1)).round() as i32
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

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, clippy::panic)]
    use super::*;

    fn monitor(name: &str, position: Option<(i32, i32)>, size: (u32, u32), scale: f64) -> Monitor {
        Monitor {
            name: name.to_owned(),
            position,
            size,
            scale,
        }
    }

    fn laptop() -> Monitor {
        monitor("eDP-1", Some((0, 0)), (1366, 768), 1.0)
    }

    fn projector() -> Monitor {
        monitor("HDMI-1", Some((1366, 0)), (1920, 1080), 1.0)
    }

    fn present(
        state: &mut ScreenState,
        monitors: &[Monitor],
        console: Option<usize>,
    ) -> Option<Plan> {
        state.monitors_read(monitors.to_vec(), console, ScreenMode::Present, None)
    }

    fn fullscreen_on(index: usize) -> AudienceOps {
        AudienceOps::Show(vec![WindowOp::FullscreenOn(index)])
    }

    /// The console's commands when presenting: fill the laptop's screen.
    fn maximized() -> Vec<WindowOp> {
        vec![WindowOp::MinSize(None), WindowOp::Maximize(true)]
    }

    #[test]
    fn presenting_puts_the_audience_on_the_projector_and_fills_the_laptop_with_the_console() {
        let mut state = ScreenState::default();
        let plan = present(&mut state, &[laptop(), projector()], Some(0));
        assert_eq!(
            plan,
            Some(Plan {
                console: maximized(),
                audience: fullscreen_on(1),
                audience_scale: 1.0,
            })
        );
        // The same list again: nothing to do, and nothing sent.
        assert_eq!(present(&mut state, &[laptop(), projector()], Some(0)), None);
    }

    #[test]
    fn a_pulled_cable_hides_the_audience_and_the_replug_brings_it_back_every_time() {
        let mut state = ScreenState::default();
        present(&mut state, &[laptop(), projector()], Some(0));
        for round in 0..3 {
            // The projector's cable is pulled: out of the console's way.
            let plan = present(&mut state, &[laptop()], Some(0));
            assert_eq!(
                plan,
                Some(Plan {
                    console: Vec::new(),
                    audience: AudienceOps::Hide,
                    audience_scale: 1.0,
                }),
                "unplug {round}"
            );
            assert_eq!(state.disconnected(), Some(&projector().id()));
            // Nothing else happens while it is out.
            assert_eq!(present(&mut state, &[laptop()], Some(0)), None);
            // Plugged in again: full screen on it, said again in full each
            // time (egui would drop a repeated builder setting).
            let plan = present(&mut state, &[laptop(), projector()], Some(0));
            assert_eq!(
                plan,
                Some(Plan {
                    console: maximized(),
                    audience: fullscreen_on(1),
                    audience_scale: 1.0,
                }),
                "replug {round}"
            );
            assert_eq!(state.disconnected(), None);
        }
    }

    #[test]
    fn another_projector_than_the_one_pulled_out_takes_the_audience() {
        let mut state = ScreenState::default();
        present(&mut state, &[laptop(), projector()], Some(0));
        present(&mut state, &[laptop()], Some(0));
        let other = monitor("DP-2", Some((1366, 0)), (1024, 768), 1.0);
        let plan = present(&mut state, &[laptop(), other.clone()], Some(0));
        assert_eq!(plan.map(|p| p.audience), Some(fullscreen_on(1)));
        assert_eq!(state.audience_monitor(), Some(1));
    }

    #[test]
    fn on_a_dock_the_audience_moves_to_the_other_external_when_its_own_goes() {
        let small = monitor("DP-1", Some((1366, 0)), (1920, 1080), 1.0);
        let big = monitor("DP-2", Some((3286, 0)), (2560, 1440), 1.0);
        let mut state = ScreenState::default();
        let plan = present(&mut state, &[laptop(), small.clone(), big.clone()], Some(0));
        assert_eq!(plan.map(|p| p.audience), Some(fullscreen_on(2)));
        // The big one goes: the other external, not hidden.
        let plan = present(&mut state, &[laptop(), small.clone()], Some(0));
        assert_eq!(plan.map(|p| p.audience), Some(fullscreen_on(1)));
        // A third monitor plugged in while the audience is on one stays
        // put: the room is not disturbed. Its index may move.
        let plan = present(&mut state, &[big.clone(), laptop(), small.clone()], Some(1));
        assert_eq!(plan, None);
        assert_eq!(state.audience_monitor(), Some(2));
    }

    #[test]
    fn the_projector_left_of_the_laptop() {
        let projector = monitor("HDMI-1", Some((0, 0)), (1920, 1080), 1.0);
        let laptop = monitor("eDP-1", Some((1920, 0)), (1366, 768), 1.0);
        let mut state = ScreenState::default();
        let plan = present(&mut state, &[projector, laptop], Some(1));
        assert_eq!(
            plan,
            Some(Plan {
                console: maximized(),
                audience: fullscreen_on(0),
                audience_scale: 1.0,
            })
        );
    }

    #[test]
    fn a_console_monitor_reported_late_corrects_the_first_choice_once() {
        // Wayland: no console monitor before the first frame, and no
        // positions. The first choice assumes the first monitor.
        let a = monitor("", None, (1920, 1080), 1.0);
        let b = monitor("", None, (2560, 1440), 1.0);
        let mut state = ScreenState::default();
        let plan = present(&mut state, &[a.clone(), b.clone()], None);
        assert_eq!(plan.map(|p| p.audience), Some(fullscreen_on(1)));
        // Then the system says the console is on the second one: the
        // audience goes to the first.
        let plan = present(&mut state, &[a.clone(), b.clone()], Some(1));
        assert_eq!(plan.map(|p| p.audience), Some(fullscreen_on(0)));
        // Only once: the same report again changes nothing.
        assert_eq!(present(&mut state, &[a.clone(), b.clone()], Some(1)), None);
        // A late report of a copy of the guessed monitor (Wayland lists
        // outputs twice) changes nothing.
        let laptop = monitor("eDP-1", Some((0, 0)), (1366, 768), 1.0);
        let copies = [laptop.clone(), projector(), laptop, projector()];
        let mut state = ScreenState::default();
        present(&mut state, &copies, None);
        assert_eq!(present(&mut state, &copies, Some(2)), None);
        // A late report that agrees with the guess changes nothing either.
        let mut state = ScreenState::default();
        present(&mut state, &[a.clone(), b.clone()], None);
        assert_eq!(present(&mut state, &[a, b], Some(0)), None);
    }

    #[test]
    fn swapping_with_a_200_percent_laptop_moves_the_console_in_pixels_onto_the_projector() {
        let laptop = monitor("eDP-1", Some((0, 0)), (2880, 1800), 2.0);
        let projector = monitor("HDMI-1", Some((2880, 0)), (1920, 1080), 1.0);
        let mut state = ScreenState::default();
        present(&mut state, &[laptop.clone(), projector.clone()], Some(0));
        let plan = state.swap().expect("two monitors swap");
        assert_eq!(plan.audience, fullscreen_on(0));
        // The audience window was on the projector: its points are the
        // projector's pixels.
        assert_eq!(plan.audience_scale, 1.0);
        // The corner is on the projector, 40 of its points (its pixels)
        // in: in pixels, whatever the console's own scale is.
        assert_eq!(
            plan.console,
            vec![
                WindowOp::MinSize(None),
                WindowOp::Maximize(false),
                WindowOp::MoveTo { x: 2920, y: 40 },
                WindowOp::Maximize(true),
            ]
        );
        let corner = PixelRect {
            x: 2920,
            y: 40,
            width: 1,
            height: 1,
        };
        assert!(projector.pixel_rect().contains(&corner));
        assert_eq!(state.scale_at(2920, 40), 1.0);
        assert_eq!(state.console, Some(1));
        // And back: 40 points on the laptop are 80 of its pixels.
        let plan = state.swap().expect("swap back");
        // Now it is on the laptop: two pixels a point.
        assert_eq!(plan.audience_scale, 2.0);
        assert!(plan.console.contains(&WindowOp::MoveTo { x: 80, y: 80 }));
        assert_eq!(plan.audience, fullscreen_on(1));
        assert_eq!(state.scale_at(80, 80), 2.0);
    }

    /// The rectangles a side-by-side plan gives: the console's outer one
    /// (with its frame) and the audience's outer one.
    fn side_by_side_rects(plan: &Plan, frame: (u32, u32)) -> (PixelRect, PixelRect) {
        let rect = |ops: &[WindowOp]| {
            let mut rect = PixelRect {
                x: 0,
                y: 0,
                width: 0,
                height: 0,
            };
            for op in ops {
                match *op {
                    WindowOp::MoveTo { x, y } => (rect.x, rect.y) = (x, y),
                    WindowOp::Resize { width, height } => {
                        (rect.width, rect.height) = (width + frame.0, height + frame.1);
                    }
                    _ => {}
                }
            }
            rect
        };
        let AudienceOps::Show(audience) = &plan.audience else {
            panic!("the audience is shown beside the console");
        };
        (rect(&plan.console), rect(audience))
    }

    #[test]
    fn rehearsal_side_by_side_never_overlaps_at_any_scale() {
        let frame = (2, 30);
        for (size, scale) in [
            ((1366, 768), 1.0),
            ((1920, 1080), 1.0),
            ((1920, 1080), 2.0),
            ((2880, 1800), 2.0),
            ((3840, 2160), 2.5),
            ((1280, 800), 1.25),
        ] {
            let screen = monitor("eDP-1", Some((0, 0)), size, scale);
            for work_area in [
                None,
                Some(PixelRect {
                    x: 0,
                    y: 24,
                    width: size.0,
                    height: size.1 - 24,
                }),
            ] {
                let mut state = ScreenState {
                    console_frame: frame,
                    work_area,
                    ..ScreenState::default()
                };
                let plan = state
                    .monitors_read(vec![screen.clone()], Some(0), ScreenMode::Rehearse, None)
                    .expect("placed");
                let (console, audience) = side_by_side_rects(&plan, frame);
                let case = format!("{size:?} at {scale}, work area {work_area:?}");
                assert_eq!(console.intersect(&audience), None, "{case}: overlap");
                let usable = work_area.unwrap_or(screen.pixel_rect());
                assert!(usable.contains(&console), "{case}: console {console:?}");
                assert!(usable.contains(&audience), "{case}: audience {audience:?}");
                // The console can be as small as its half: its minimum
                // size is no larger than what it was given.
                let min = plan.console.iter().find_map(|op| match op {
                    WindowOp::MinSize(Some(min)) => Some(*min),
                    _ => None,
                });
                let min = min.expect("a minimum size");
                assert!(min.0 + frame.0 <= console.width, "{case}: min {min:?}");
                assert!(min.1 + frame.1 <= console.height, "{case}: min {min:?}");
                // Half each: neither window gets much less than half.
                assert!(console.width + 2 >= size.0 / 2, "{case}");
            }
        }
    }

    #[test]
    fn one_monitor_sits_side_by_side_until_a_projector_is_plugged_in() {
        let mut state = ScreenState::default();
        let plan = present(&mut state, &[laptop()], Some(0)).expect("placed");
        assert!(matches!(state.audience, AudienceAt::Beside));
        let (console, audience) = side_by_side_rects(&plan, (0, 0));
        assert_eq!(console.intersect(&audience), None);
        // The projector arrives: the audience goes full screen on it and
        // the console fills the laptop again, with its usual minimum.
        let plan = present(&mut state, &[laptop(), projector()], Some(0));
        assert_eq!(
            plan,
            Some(Plan {
                console: maximized(),
                audience: fullscreen_on(1),
                audience_scale: 1.0,
            })
        );
    }

    #[test]
    fn mirror_keeps_the_console_on_top_inside_the_monitor_and_presenting_takes_it_down() {
        let mut state = ScreenState::default();
        present(&mut state, &[laptop(), projector()], Some(0));
        let plan = state.place(&Placement::Mirror { monitor: 0 });
        assert_eq!(plan.audience, fullscreen_on(0));
        assert_eq!(plan.console.last(), Some(&WindowOp::OnTop(true)));
        assert!(state.console_on_top);
        let mut moved = PixelRect {
            x: 0,
            y: 0,
            width: 0,
            height: 0,
        };
        for op in &plan.console {
            match *op {
                WindowOp::MoveTo { x, y } => (moved.x, moved.y) = (x, y),
                WindowOp::Resize { width, height } => (moved.width, moved.height) = (width, height),
                _ => {}
            }
        }
        assert!(laptop().pixel_rect().contains(&moved), "{moved:?}");
        let plan = state.place(&Placement::Fullscreen {
            audience: 1,
            console: None,
        });
        assert_eq!(plan.console.first(), Some(&WindowOp::OnTop(false)));
        assert!(!state.console_on_top);
    }

    #[test]
    fn a_frame_known_late_shrinks_the_side_by_side_console_to_fit() {
        let mut state = ScreenState::default();
        present(&mut state, &[laptop()], Some(0));
        let panel = PixelRect {
            x: 0,
            y: 0,
            width: 1366,
            height: 740,
        };
        let plan = state
            .surroundings(Some((0, 28)), Some(panel))
            .expect("re-placed");
        let (console, audience) = side_by_side_rects(&plan, (0, 28));
        assert!(panel.contains(&console), "{console:?}");
        assert!(panel.contains(&audience), "{audience:?}");
        // The same again: nothing.
        assert_eq!(state.surroundings(Some((0, 28)), Some(panel)), None);
        // Full screen on a projector does not depend on them.
        present(&mut state, &[laptop(), projector()], Some(0));
        assert_eq!(state.surroundings(Some((0, 30)), None), None);
    }

    #[test]
    fn a_cable_blip_faster_than_a_reading_is_put_right_once_it_settles() {
        // The monitors read the same before and after, but the window
        // manager moved the full-screen slides onto the laptop meanwhile.
        let mut state = ScreenState::default();
        present(&mut state, &[laptop(), projector()], Some(0));
        let t0 = Instant::now();
        state.audience_rect = Some(laptop().pixel_rect());
        assert_eq!(state.audit(t0), None, "settling");
        assert!(state.checking());
        let plan = state.audit(t0 + SETTLE).expect("put back");
        assert_eq!(
            plan.audience,
            AudienceOps::Show(vec![WindowOp::Windowed, WindowOp::FullscreenOn(1)])
        );
        assert_eq!(plan.console, Vec::new(), "the console was not moved");
        // Not again at once, however long it takes the window to move.
        assert_eq!(state.audit(t0 + SETTLE * 2), None);
        // Back where it belongs: all quiet.
        state.audience_rect = Some(projector().pixel_rect());
        assert_eq!(state.audit(t0 + SETTLE * 3), None);
        assert!(!state.checking());
    }

    #[test]
    fn a_console_moved_onto_the_projector_by_the_window_manager_goes_back_to_the_laptop() {
        // Projector left of the laptop: a blip moves the laptop's
        // coordinates and the console ends up on the projector.
        let projector = monitor("HDMI-1", Some((0, 0)), (1920, 1080), 1.0);
        let laptop = monitor("eDP-1", Some((1920, 0)), (1366, 768), 1.0);
        let both = [projector.clone(), laptop.clone()];
        let mut state = ScreenState::default();
        present(&mut state, &both, Some(1));
        // The system now sees the console on the projector; the list is
        // the same, so nothing is planned, but the console is off its
        // monitor.
        assert_eq!(present(&mut state, &both, Some(0)), None);
        let t0 = Instant::now();
        assert_eq!(state.audit(t0), None);
        let plan = state.audit(t0 + SETTLE).expect("put back");
        assert_eq!(
            plan.console,
            vec![
                WindowOp::Maximize(false),
                WindowOp::MoveTo { x: 1960, y: 40 },
                WindowOp::Maximize(true),
            ]
        );
        assert_eq!(plan.audience, AudienceOps::Keep);
    }

    #[test]
    fn after_a_swap_a_pulled_cable_and_the_replug_put_the_console_back_on_its_monitor() {
        let mut state = ScreenState::default();
        let both = [laptop(), projector()];
        present(&mut state, &both, Some(0));
        // S: the slides on the laptop, the console on the projector.
        state.swap().expect("swapped");
        let remembered = laptop().id();
        let read = |state: &mut ScreenState, monitors: &[Monitor], seen| {
            state.monitors_read(
                monitors.to_vec(),
                seen,
                ScreenMode::Present,
                Some(&remembered),
            )
        };
        assert_eq!(read(&mut state, &both, Some(1)), None);
        // The projector (the console's monitor) is pulled: the window
        // manager moves the console onto the laptop, under the slides.
        let plan = read(&mut state, &[laptop()], Some(0)).expect("out of the way");
        assert_eq!(plan.audience, AudienceOps::Hide);
        // Plugged in again: the slides on the laptop as chosen, and the
        // console, which the system sees on the laptop, moved back.
        let plan = read(&mut state, &both, Some(0)).expect("placed");
        assert_eq!(plan.audience, fullscreen_on(0));
        assert!(
            plan.console.contains(&WindowOp::MoveTo { x: 1406, y: 40 }),
            "{:?}",
            plan.console
        );
    }

    #[test]
    fn a_projector_made_the_primary_display_leaves_the_console_on_the_laptop() {
        // The console opens on the primary display, the projector: the
        // laptop's panel (eDP) takes it and the slides go on the projector.
        let mut state = ScreenState::default();
        let plan = present(&mut state, &[laptop(), projector()], Some(1)).expect("placed");
        assert_eq!(plan.audience, fullscreen_on(1));
        assert!(plan.console.contains(&WindowOp::MoveTo { x: 40, y: 40 }));
        // Without a panel among them (a desktop with two screens), where
        // the console opened is where it stays.
        let a = monitor("DP-1", Some((0, 0)), (1920, 1080), 1.0);
        let b = monitor("HDMI-1", Some((1920, 0)), (1920, 1080), 1.0);
        let mut state = ScreenState::default();
        let plan = present(&mut state, &[a, b], Some(1)).expect("placed");
        assert_eq!(plan.audience, fullscreen_on(0));
        assert_eq!(laptop_panel(&[laptop(), projector()]), Some(0));
        assert_eq!(
            laptop_panel(&[monitor("Built-in Retina Display", None, (2880, 1800), 2.0)]),
            Some(0)
        );
    }

    #[test]
    fn the_console_starts_on_the_primary_display_wherever_the_window_manager_put_it() {
        // Names that say nothing (a desktop, the test's dummy outputs): the
        // console opened on the projector at 0,0, the laptop is primary.
        let projector = monitor("DUMMY1", Some((0, 0)), (1920, 1080), 1.0);
        let laptop = monitor("DUMMY0", Some((1920, 0)), (1366, 768), 1.0);
        let mut state = ScreenState {
            primary: Some(1),
            ..ScreenState::default()
        };
        let plan = present(&mut state, &[projector, laptop], Some(0)).expect("placed");
        assert_eq!(plan.audience, fullscreen_on(0));
        assert!(plan.console.contains(&WindowOp::MoveTo { x: 1960, y: 40 }));
    }

    #[test]
    fn duplicate_displays_are_one_screen_and_said_so() {
        // The projector shows the laptop's screen (both at 0,0).
        let copy = monitor("HDMI-1", Some((0, 0)), (1920, 1080), 1.0);
        let mut state = ScreenState::default();
        let plan = present(&mut state, &[laptop(), copy], Some(0)).expect("placed");
        assert!(state.duplicated());
        // Not "full screen on the other one", which would cover the
        // console: side by side on the one screen there really is.
        assert!(matches!(state.audience, AudienceAt::Beside), "{plan:?}");
        let mut state = ScreenState::default();
        present(&mut state, &[laptop(), projector()], Some(0));
        assert!(!state.duplicated());
    }

    #[test]
    fn displays_switched_to_duplicate_mid_talk_put_the_slides_beside_the_console() {
        let mut state = ScreenState::default();
        present(&mut state, &[laptop(), projector()], Some(0));
        // The projector now shows the laptop's screen (both at 0,0).
        let copy = monitor("HDMI-1", Some((0, 0)), (1920, 1080), 1.0);
        let plan = present(&mut state, &[laptop(), copy.clone()], Some(0)).expect("re-placed");
        assert!(matches!(state.audience, AudienceAt::Beside), "{plan:?}");
        // Nothing to put back: beside the console is where it belongs.
        state.audience_rect = Some(laptop().pixel_rect());
        let t0 = Instant::now();
        assert_eq!(state.audit(t0), None);
        assert_eq!(state.audit(t0 + SETTLE), None);
        // Extended again: full screen on the projector.
        let plan = present(&mut state, &[laptop(), projector()], Some(0));
        assert_eq!(plan.map(|p| p.audience), Some(fullscreen_on(1)));
        // Pulled out, then plugged in as a copy: beside, not hidden.
        present(&mut state, &[laptop()], Some(0));
        assert!(state.disconnected().is_some());
        present(&mut state, &[laptop(), copy], Some(0)).expect("placed");
        assert!(matches!(state.audience, AudienceAt::Beside));
        assert!(state.disconnected().is_none());
    }

    #[test]
    fn on_a_dock_the_chosen_screen_coming_back_takes_the_slides_back() {
        let small = monitor("DP-1", Some((1366, 0)), (1920, 1080), 1.0);
        let big = monitor("DP-2", Some((3286, 0)), (2560, 1440), 1.0);
        let three = [laptop(), small.clone(), big.clone()];
        let mut state = ScreenState::default();
        present(&mut state, &three, Some(0));
        let chosen = big.id();
        // The big screen blips: the slides go to the small one...
        let plan = state.monitors_read(
            vec![laptop(), small.clone()],
            Some(0),
            ScreenMode::Present,
            None,
        );
        assert_eq!(plan.map(|p| p.audience), Some(fullscreen_on(1)));
        // ...and back to the big one, the choice for three screens.
        let plan = state.monitors_read(three.to_vec(), Some(0), ScreenMode::Present, Some(&chosen));
        assert_eq!(plan.map(|p| p.audience), Some(fullscreen_on(2)));
    }

    #[test]
    fn rectangles_intersect_and_contain() {
        let a = PixelRect {
            x: 0,
            y: 0,
            width: 100,
            height: 100,
        };
        let b = PixelRect {
            x: 100,
            y: 0,
            width: 50,
            height: 50,
        };
        assert_eq!(a.intersect(&b), None, "touching edges do not overlap");
        let c = PixelRect {
            x: -20,
            y: 50,
            width: 40,
            height: 100,
        };
        assert_eq!(
            a.intersect(&c),
            Some(PixelRect {
                x: 0,
                y: 50,
                width: 20,
                height: 50
            })
        );
        assert!(!a.contains(&c));
        assert!(a.contains(&a));
    }
}
