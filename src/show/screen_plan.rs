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

mod pixels;
mod place;

pub use pixels::PixelRect;
use place::move_console_to;

/// The console's smallest size in points, when nothing smaller is needed.
pub const CONSOLE_MIN_POINTS: (f32, f32) = (640.0, 400.0);

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

#[cfg(test)]
mod tests;
