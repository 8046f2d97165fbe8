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

/// Where the audience view and the console go.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// Two or more monitors: the audience view full screen on monitor
    /// `audience` (an index into the list); the console stays where it is.
    Fullscreen {
        /// Index of the audience monitor.
        audience: usize,
    },
    /// One monitor: both windows side by side without overlapping, for
    /// rehearsal.
    SideBySide {
        /// The console's window.
        console: WindowRect,
        /// The audience view's window.
        audience: WindowRect,
    },
    /// No monitor information (headless): the window system decides.
    Unknown,
}

/// Chooses where the windows go. `console` is the index of the monitor the
/// console is on, if known.
///
/// With two or more monitors the audience view goes full screen on the
/// largest monitor other than the console's (by pixel count; the first
/// such in the list on a tie). With one monitor the console takes the left
/// half and the audience view the right half, 16:9 at the top.
pub fn choose_placement(monitors: &[Monitor], console: Option<usize>) -> Placement {
    let console = console.filter(|&i| i < monitors.len()).unwrap_or(0);
    let audience = monitors
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != console)
        .max_by(|(ia, a), (ib, b)| a.area().cmp(&b.area()).then(ib.cmp(ia)))
        .map(|(i, _)| i);
    if let Some(audience) = audience {
        return Placement::Fullscreen { audience };
    }
    let Some(monitor) = monitors.get(console) else {
        return Placement::Unknown;
    };
    let (x, y) = monitor.logical_position();
    let (width, height) = monitor.logical_size();
    let half = (width / 2.0).floor();
    Placement::SideBySide {
        console: WindowRect {
            x,
            y,
            width: half,
            height,
        },
        audience: WindowRect {
            x: x + half,
            y,
            width: width - half,
            height: ((width - half) * 9.0 / 16.0).min(height).floor(),
        },
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
        let projector_right = monitor("HDMI-1", Some((1440, 0)), (1024, 768), 1.0);
        let projector_left = monitor("HDMI-1", Some((-1920, 0)), (1920, 1080), 1.0);
        let dock_a = monitor("DP-1", Some((1440, 0)), (1920, 1080), 1.0);
        let dock_b = monitor("DP-2", Some((3360, 0)), (3840, 2160), 1.0);
        let wayland = monitor("", None, (1920, 1080), 1.0);
        let cases: Vec<(&str, Vec<Monitor>, Option<usize>, Placement)> = vec![
            (
                "projector right of laptop",
                vec![laptop.clone(), projector_right.clone()],
                Some(0),
                Placement::Fullscreen { audience: 1 },
            ),
            (
                "projector left of laptop",
                vec![projector_left.clone(), laptop.clone()],
                Some(1),
                Placement::Fullscreen { audience: 0 },
            ),
            (
                "three screens on a dock: the largest other one",
                vec![laptop.clone(), dock_a.clone(), dock_b.clone()],
                Some(0),
                Placement::Fullscreen { audience: 2 },
            ),
            (
                "console on the big screen of a dock",
                vec![laptop.clone(), dock_a.clone(), dock_b.clone()],
                Some(2),
                Placement::Fullscreen { audience: 0 },
            ),
            (
                "positions unknown (Wayland), console unknown",
                vec![wayland.clone(), wayland.clone()],
                None,
                Placement::Fullscreen { audience: 1 },
            ),
            (
                "two monitors with the same name",
                vec![dock_a.clone(), dock_a.clone()],
                Some(1),
                Placement::Fullscreen { audience: 0 },
            ),
            (
                "console index out of range after a monitor was removed",
                vec![laptop.clone()],
                Some(1),
                Placement::SideBySide {
                    console: WindowRect {
                        x: 0.0,
                        y: 0.0,
                        width: 720.0,
                        height: 900.0,
                    },
                    audience: WindowRect {
                        x: 720.0,
                        y: 0.0,
                        width: 720.0,
                        height: 405.0,
                    },
                },
            ),
            (
                "one 1080p screen: side by side",
                vec![monitor("screen", Some((0, 0)), (1920, 1080), 1.0)],
                Some(0),
                Placement::SideBySide {
                    console: WindowRect {
                        x: 0.0,
                        y: 0.0,
                        width: 960.0,
                        height: 1080.0,
                    },
                    audience: WindowRect {
                        x: 960.0,
                        y: 0.0,
                        width: 960.0,
                        height: 540.0,
                    },
                },
            ),
            ("no monitors (headless)", vec![], None, Placement::Unknown),
        ];
        for (name, monitors, console, expected) in cases {
            assert_eq!(choose_placement(&monitors, console), expected, "{name}");
        }
    }
}
