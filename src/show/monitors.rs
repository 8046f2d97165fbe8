//! Where the two windows go: a pure function of the monitor list.
//!
//! The app shell reads the monitors from winit and turns the [`Placement`]
//! into viewport settings; everything decided here is tested with tables.

/// One monitor as the window system reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct Monitor {
    /// The name the system gives it (may be empty or shared by two).
    pub name: String,
    /// Top-left corner in physical pixels; `None` where the platform does
    /// not say (Wayland).
    pub position: Option<(i32, i32)>,
    /// Size in physical pixels.
    pub size: (u32, u32),
    /// Scale factor (pixels per point), e.g. 2.0 on a "200%" laptop.
    pub scale: f64,
}

impl Monitor {
    /// Size in logical points.
    pub fn logical_size(&self) -> (f32, f32) {
        let scale = self.scale.max(0.1);
        (
            (f64::from(self.size.0) / scale) as f32,
            (f64::from(self.size.1) / scale) as f32,
        )
    }

    /// Top-left corner in logical points (0,0 when unknown).
    pub fn logical_position(&self) -> (f32, f32) {
        let scale = self.scale.max(0.1);
        let (x, y) = self.position.unwrap_or((0, 0));
        ((f64::from(x) / scale) as f32, (f64::from(y) / scale) as f32)
    }

    fn area(&self) -> u64 {
        u64::from(self.size.0) * u64::from(self.size.1)
    }
}

/// A rectangle in logical points: position and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WindowRect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

/// A monitor as remembered between runs: its name and size, which is what
/// stays the same when the same projector is plugged in again.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct MonitorId {
    /// The name the system gives it.
    pub name: String,
    /// Size in physical pixels.
    pub size: (u32, u32),
}

impl Monitor {
    /// The monitor's [`MonitorId`].
    pub fn id(&self) -> MonitorId {
        MonitorId {
            name: self.name.clone(),
            size: self.size,
        }
    }

    /// One line for the screen menu: name, size and scale, e.g.
    /// `HDMI-1 · 1920×1080 · 100%`.
    pub fn describe(&self) -> String {
        let name = if self.name.trim().is_empty() {
            "unnamed monitor"
        } else {
            self.name.as_str()
        };
        format!(
            "{name} · {}×{} · {:.0}%",
            self.size.0,
            self.size.1,
            self.scale * 100.0
        )
    }
}

/// Whether two entries of the list are one monitor: Wayland can list an
/// output twice (same name, size and position). Unnamed monitors are told
/// apart by their place in the list only.
pub fn same_monitor(a: &Monitor, b: &Monitor) -> bool {
    !a.name.trim().is_empty() && a.name == b.name && a.size == b.size && a.position == b.position
}

/// Whether two monitors with known positions show part of the same
/// desktop (duplicate displays).
pub fn overlapping(a: &Monitor, b: &Monitor) -> bool {
    let (Some((ax, ay)), Some((bx, by))) = (a.position, b.position) else {
        return false;
    };
    let end = |start: i32, length: u32| i64::from(start) + i64::from(length);
    i64::from(ax) < end(bx, b.size.0)
        && i64::from(bx) < end(ax, a.size.0)
        && i64::from(ay) < end(by, b.size.1)
        && i64::from(by) < end(ay, a.size.1)
}

/// Whether two entries of the list are one screen for placing windows:
/// the same monitor listed twice, or duplicate displays.
pub fn one_screen(a: &Monitor, b: &Monitor) -> bool {
    same_monitor(a, b) || overlapping(a, b)
}

/// A key for a monitor setup: the sorted names and sizes of all monitors.
/// The audience monitor is remembered per setup, so the office desk and
/// the training room each keep their own choice.
pub fn setup_key(monitors: &[Monitor]) -> String {
    let mut ids: Vec<String> = monitors
        .iter()
        .map(|m| format!("{} {}x{}", m.name, m.size.0, m.size.1))
        .collect();
    ids.sort();
    ids.join(" + ")
}

/// How the presenter wants the two windows.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum ScreenMode {
    /// Audience full screen on another monitor when there is one, else side
    /// by side (the default).
    #[default]
    Present,
    /// Both windows side by side on the console's monitor, for rehearsal.
    Rehearse,
    /// The audience view full screen on the console's monitor, the console
    /// as a window on top (for screen sharing or a mirrored projector).
    Mirror,
}

/// Where the audience view and the console go.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// The audience view full screen on monitor `audience` (an index into
    /// the list); the console moves to monitor `console` if given (after a
    /// swap), else stays where it is.
    Fullscreen {
        /// Index of the audience monitor.
        audience: usize,
        /// Index of the monitor the console should move to, if any.
        console: Option<usize>,
    },
    /// Both windows side by side on monitor `monitor` without
    /// overlapping, for rehearsal (the geometry is worked out in pixels by
    /// [`crate::show::screen_plan`]).
    SideBySide {
        /// Index of the monitor both windows share.
        monitor: usize,
    },
    /// The audience view full screen on monitor `monitor`, the console on
    /// top of it.
    Mirror {
        /// Index of the monitor.
        monitor: usize,
    },
    /// No monitor information (headless): the window system decides.
    Unknown,
}

/// Chooses where the windows go. `console` is the index of the monitor the
/// console is on, if known; `remembered` the audience monitor chosen before
/// for this setup.
///
/// In [`ScreenMode::Present`] with two or more monitors the audience view
/// goes full screen on the remembered monitor if it is present, else on the
/// largest monitor other than the console's (by pixel count; the first such
/// in the list on a tie). If the remembered monitor is the console's own
/// (the presenter swapped), the console moves to the largest other one.
/// With one monitor, or in [`ScreenMode::Rehearse`], the console takes the
/// left half of its monitor and the audience view the right half, 16:9 at
/// the top.
pub fn choose_placement(
    monitors: &[Monitor],
    console: Option<usize>,
    remembered: Option<&MonitorId>,
    mode: ScreenMode,
) -> Placement {
    if monitors.is_empty() {
        return Placement::Unknown;
    }
    let console = console.filter(|&i| i < monitors.len()).unwrap_or(0);
    // Wayland can list one output twice: a copy of the console's monitor
    // is the console's monitor.
    // A monitor that shows part of the console's (duplicate displays) is
    // the console's too: the room would see the console.
    let on_console = |i: usize| {
        i == console
            || monitors
                .get(i)
                .zip(monitors.get(console))
                .is_some_and(|(a, b)| one_screen(a, b))
    };
    let largest_other = |_console: usize| {
        monitors
            .iter()
            .enumerate()
            .filter(|(i, _)| !on_console(*i))
            .max_by(|(ia, a), (ib, b)| a.area().cmp(&b.area()).then(ib.cmp(ia)))
            .map(|(i, _)| i)
    };
    match mode {
        ScreenMode::Mirror => return Placement::Mirror { monitor: console },
        ScreenMode::Rehearse => return side_by_side(monitors, console),
        ScreenMode::Present => {}
    }
    let remembered = remembered.and_then(|id| monitors.iter().position(|m| &m.id() == id));
    match (remembered, largest_other(console)) {
        (Some(audience), _) if !on_console(audience) => Placement::Fullscreen {
            audience,
            console: None,
        },
        (Some(audience), Some(other)) => Placement::Fullscreen {
            audience,
            console: Some(other),
        },
        (_, Some(audience)) => Placement::Fullscreen {
            audience,
            console: None,
        },
        (_, None) => side_by_side(monitors, console),
    }
}

/// Swaps the windows: the audience view goes full screen on the console's
/// monitor and the console moves to the audience's. With fewer than two
/// monitors, or when both are on the same one, nothing changes (`None`).
pub fn swap(monitors: &[Monitor], console: usize, audience: usize) -> Option<Placement> {
    let distinct = monitors
        .get(console)
        .zip(monitors.get(audience))
        .is_some_and(|(c, a)| console != audience && !same_monitor(c, a));
    distinct.then_some(Placement::Fullscreen {
        audience: console,
        console: Some(audience),
    })
}

fn side_by_side(monitors: &[Monitor], console: usize) -> Placement {
    if console < monitors.len() {
        Placement::SideBySide { monitor: console }
    } else {
        Placement::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn monitor(name: &str, position: Option<(i32, i32)>, size: (u32, u32), scale: f64) -> Monitor {
        Monitor {
            name: name.to_owned(),
            position,
            size,
            scale,
        }
    }

    #[test]
    fn placement_table() {
        let laptop = monitor("eDP-1", Some((0, 0)), (2880, 1800), 2.0);
        // Positions are pixels: the 200% laptop is 2880 pixels wide.
        let projector_right = monitor("HDMI-1", Some((2880, 0)), (1024, 768), 1.0);
        let projector_left = monitor("HDMI-1", Some((-1920, 0)), (1920, 1080), 1.0);
        let dock_a = monitor("DP-1", Some((2880, 0)), (1920, 1080), 1.0);
        let dock_b = monitor("DP-2", Some((4800, 0)), (3840, 2160), 1.0);
        let wayland = monitor("", None, (1920, 1080), 1.0);
        let cases: Vec<(&str, Vec<Monitor>, Option<usize>, Placement)> = vec![
            (
                "projector right of laptop",
                vec![laptop.clone(), projector_right.clone()],
                Some(0),
                Placement::Fullscreen {
                    audience: 1,
                    console: None,
                },
            ),
            (
                "projector left of laptop",
                vec![projector_left.clone(), laptop.clone()],
                Some(1),
                Placement::Fullscreen {
                    audience: 0,
                    console: None,
                },
            ),
            (
                "three screens on a dock: the largest other one",
                vec![laptop.clone(), dock_a.clone(), dock_b.clone()],
                Some(0),
                Placement::Fullscreen {
                    audience: 2,
                    console: None,
                },
            ),
            (
                "console on the big screen of a dock",
                vec![laptop.clone(), dock_a.clone(), dock_b.clone()],
                Some(2),
                Placement::Fullscreen {
                    audience: 0,
                    console: None,
                },
            ),
            (
                "positions unknown (Wayland), console unknown",
                vec![wayland.clone(), wayland.clone()],
                None,
                Placement::Fullscreen {
                    audience: 1,
                    console: None,
                },
            ),
            (
                "two monitors with the same name, side by side",
                vec![
                    dock_a.clone(),
                    monitor("DP-1", Some((4800, 0)), (1920, 1080), 1.0),
                ],
                Some(1),
                Placement::Fullscreen {
                    audience: 0,
                    console: None,
                },
            ),
            (
                "console index out of range after a monitor was removed",
                vec![laptop.clone()],
                Some(1),
                Placement::SideBySide { monitor: 0 },
            ),
            (
                "one 1080p screen: side by side",
                vec![monitor("screen", Some((0, 0)), (1920, 1080), 1.0)],
                Some(0),
                Placement::SideBySide { monitor: 0 },
            ),
            (
                "Wayland lists each output twice, console on the second copy",
                vec![
                    laptop.clone(),
                    dock_a.clone(),
                    laptop.clone(),
                    dock_a.clone(),
                ],
                Some(2),
                Placement::Fullscreen {
                    audience: 1,
                    console: None,
                },
            ),
            (
                "Wayland lists one monitor twice: side by side, not 'full screen on the other'",
                vec![dock_a.clone(), dock_a.clone()],
                Some(1),
                Placement::SideBySide { monitor: 1 },
            ),
            (
                "duplicate displays: the projector shows the laptop's screen",
                vec![
                    laptop.clone(),
                    monitor("HDMI-1", Some((0, 0)), (1920, 1080), 1.0),
                ],
                Some(0),
                Placement::SideBySide { monitor: 0 },
            ),
            ("no monitors (headless)", vec![], None, Placement::Unknown),
        ];
        for (name, monitors, console, expected) in cases {
            assert_eq!(
                choose_placement(&monitors, console, None, ScreenMode::Present),
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn remembered_choice_swap_and_modes() {
        let laptop = monitor("eDP-1", Some((0, 0)), (1920, 1080), 1.0);
        let projector = monitor("HDMI-1", Some((1920, 0)), (1024, 768), 1.0);
        let tv = monitor("DP-1", Some((2944, 0)), (3840, 2160), 1.0);
        let three = vec![laptop.clone(), projector.clone(), tv.clone()];
        // The presenter chose the projector last time in this room.
        assert_eq!(
            choose_placement(&three, Some(0), Some(&projector.id()), ScreenMode::Present),
            Placement::Fullscreen {
                audience: 1,
                console: None
            }
        );
        // A remembered monitor that is not plugged in is ignored.
        let gone = MonitorId {
            name: "VGA-1".to_owned(),
            size: (800, 600),
        };
        assert_eq!(
            choose_placement(&three, Some(0), Some(&gone), ScreenMode::Present),
            Placement::Fullscreen {
                audience: 2,
                console: None
            }
        );
        // After a swap the audience is remembered on the laptop: the
        // console moves to the largest other monitor.
        assert_eq!(
            choose_placement(&three, Some(0), Some(&laptop.id()), ScreenMode::Present),
            Placement::Fullscreen {
                audience: 0,
                console: Some(2)
            }
        );
        // S swaps.
        assert_eq!(
            swap(&three, 0, 1),
            Some(Placement::Fullscreen {
                audience: 0,
                console: Some(1)
            })
        );
        assert_eq!(swap(&three, 1, 1), None);
        assert_eq!(swap(std::slice::from_ref(&laptop), 0, 3), None);
        // Rehearsal and mirror on demand, even with two monitors.
        assert!(matches!(
            choose_placement(&three, Some(0), None, ScreenMode::Rehearse),
            Placement::SideBySide { .. }
        ));
        assert_eq!(
            choose_placement(&three, Some(1), None, ScreenMode::Mirror),
            Placement::Mirror { monitor: 1 }
        );
    }

    #[test]
    fn setup_keys_ignore_order_and_see_sizes() {
        let a = monitor("eDP-1", Some((0, 0)), (1920, 1080), 1.0);
        let b = monitor("HDMI-1", None, (1024, 768), 1.0);
        let c = monitor("HDMI-1", None, (1920, 1080), 1.0);
        assert_eq!(
            setup_key(&[a.clone(), b.clone()]),
            setup_key(&[b.clone(), a.clone()])
        );
        assert_ne!(setup_key(&[a.clone(), b]), setup_key(&[a, c]));
        assert_eq!(
            monitor("", None, (1920, 1080), 2.0).describe(),
            "unnamed monitor · 1920×1080 · 200%"
        );
    }
}
