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

use super::monitors::{
    Monitor, MonitorId, Placement, ScreenMode, choose_placement, same_monitor, swap,
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
}

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
        let console = self.console.unwrap_or(0);
        index == console
            || self
                .monitors
                .get(index)
                .zip(self.monitors.get(console))
                .is_some_and(|(a, b)| same_monitor(a, b))
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
        self.console = console
            .or(self.console)
            .filter(|&i| i < self.monitors.len());
        let choose =
            |state: &Self| choose_placement(&state.monitors, state.console, remembered, mode);
        match &self.audience {
            AudienceAt::Unplaced => return Some(self.place(&choose(self))),
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
                match found {
                    // Still there, and not the console's: it stays where it
                    // is (its index may have changed).
                    Some(index) if !self.on_console(index) => {
                        self.audience = AudienceAt::Fullscreen { monitor, index };
                        None
                    }
                    _ => {
                        let placement = choose(self);
                        if let Placement::Fullscreen { .. } = placement {
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
            (AudienceAt::Disconnected { .. }, ScreenMode::Present) => match choose(self) {
                placement @ Placement::Fullscreen { .. } => Some(self.place(&placement)),
                _ => None,
            },
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
        // Learnt once: while a window is being resized its outer and inner
        // sizes can be read at different moments.
        let frame = match console_frame {
            Some(frame) if self.console_frame == (0, 0) => frame,
            _ => self.console_frame,
        };
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
                if let Some(target) = move_to.and_then(|i| self.monitors.get(i)) {
                    // Restore, move, and maximize again there.
                    let inset = pixels(CONSOLE_INSET_POINTS, target.scale);
                    let rect = target.pixel_rect();
                    console.push(WindowOp::Maximize(false));
                    console.push(WindowOp::MoveTo {
                        x: rect.x.saturating_add(inset),
                        y: rect.y.saturating_add(inset),
                    });
                    self.console = move_to;
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
