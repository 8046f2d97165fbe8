//! Noticing a projector plugged in or pulled out, even while nothing
//! repaints.
//!
//! The console reads the monitor list from winit, but only while it draws
//! a frame, and before the talk timer starts it draws one a minute. So a
//! thread asks the system for a cheap summary of the monitors (a
//! fingerprint) twice a second and wakes the console only when it changed:
//! noticing costs no repaint while nothing happens.
//!
//! - X11: the `RandR` monitors and the work area (`_NET_WORKAREA`), on a
//!   connection of the watcher's own (x11rb, pure Rust).
//! - Windows: the number of monitors and the virtual desktop's rectangle
//!   (`GetSystemMetrics`).
//! - Wayland: the compositor's outputs (`wl_output`: added, removed, their
//!   positions and modes), on a connection of the watcher's own
//!   (wayland-client, the binding winit itself uses).
//! - macOS: the active displays and their bounds (Core Graphics).
//! - Elsewhere (or when the system cannot be asked), the console is woken
//!   every [`FALLBACK_EVERY`] to read the list itself (one repaint each).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::show::screen_plan::PixelRect;

/// How often the fingerprint is taken.
pub const CHECK_EVERY: Duration = Duration::from_millis(500);

/// How often the console is woken where there is no fingerprint.
pub const FALLBACK_EVERY: Duration = Duration::from_secs(2);

/// What the watcher found: a change to read, and the work area.
#[derive(Debug)]
pub struct Watched {
    changed: AtomicBool,
    work_area: Mutex<Option<PixelRect>>,
    /// How many monitors the system has (`usize::MAX`: not known).
    monitors: AtomicUsize,
}

impl Default for Watched {
    fn default() -> Self {
        Self {
            changed: AtomicBool::new(false),
            work_area: Mutex::new(None),
            monitors: AtomicUsize::new(usize::MAX),
        }
    }
}

impl Watched {
    /// Whether the monitors changed since the last call.
    pub fn take_changed(&self) -> bool {
        self.changed.swap(false, Ordering::AcqRel)
    }

    /// How many monitors the system has, if the watcher can count them: a
    /// list from the window system that disagrees is out of date.
    pub fn monitor_count(&self) -> Option<usize> {
        Some(self.monitors.load(Ordering::Acquire)).filter(|&n| n != usize::MAX)
    }

    /// The desktop's work area, if the system says.
    pub fn work_area(&self) -> Option<PixelRect> {
        *super::lock(&self.work_area)
    }
}

/// A summary of the monitors that changes when one is plugged in, pulled
/// out, moved or resized, and the work area if known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Monitors' rectangles (and whatever else the platform gives).
    pub monitors: Vec<i64>,
    /// The work area.
    pub work_area: Option<PixelRect>,
    /// How many monitors there are, if the platform counts them.
    pub count: Option<usize>,
}

/// A source of fingerprints: `None` when it cannot take one.
pub trait Probe: Send + 'static {
    /// The monitors now.
    fn fingerprint(&mut self) -> Option<Fingerprint>;

    /// Called when the fingerprint changed, before the console is woken:
    /// makes the window system's own monitor list catch up.
    fn nudge(&mut self) {}
}

impl<F: FnMut() -> Option<Fingerprint> + Send + 'static> Probe for F {
    fn fingerprint(&mut self) -> Option<Fingerprint> {
        self()
    }
}

/// Starts the watcher thread for this system. `wake` is called (from the
/// thread) when the console should read the monitors again; `x11_window`
/// is the console's X11 window, if it is one.
pub fn start(wake: impl Fn() + Send + 'static, x11_window: Option<u32>) -> Arc<Watched> {
    let watched = Arc::new(Watched::default());
    let shared = Arc::clone(&watched);
    let spawned = std::thread::Builder::new()
        .name("cuecard-monitors".to_owned())
        .spawn(move || match system_probe(x11_window) {
            Some(probe) => watch(probe, &shared, &wake, CHECK_EVERY, None),
            None => loop {
                std::thread::sleep(FALLBACK_EVERY);
                shared.changed.store(true, Ordering::Release);
                wake();
            },
        });
    if let Err(error) = spawned {
        // The console still reads the list on every frame it draws.
        eprintln!(
            "cuecard: cannot watch the monitors ({error}); a projector plugged in is noticed when the console next redraws"
        );
    }
    watched
}

/// The watcher's loop: a fingerprint every `every`; a change marks
/// `watched` and calls `wake`. Stops after `rounds` rounds if given (tests).
pub fn watch(
    mut probe: impl Probe,
    watched: &Watched,
    wake: &dyn Fn(),
    every: Duration,
    rounds: Option<usize>,
) {
    let mut last = probe.fingerprint();
    if let Some(print) = &last {
        *super::lock(&watched.work_area) = print.work_area;
        watched
            .monitors
            .store(print.count.unwrap_or(usize::MAX), Ordering::Release);
    }
    let mut round = 0;
    while rounds.is_none_or(|n| round < n) {
        round += 1;
        std::thread::sleep(every);
        let now = probe.fingerprint();
        if now.is_some() && now != last {
            if let Some(print) = &now {
                *super::lock(&watched.work_area) = print.work_area;
                watched
                    .monitors
                    .store(print.count.unwrap_or(usize::MAX), Ordering::Release);
            }
            probe.nudge();
            watched.changed.store(true, Ordering::Release);
            wake();
            last = now;
        }
    }
}

/// The fingerprint source for the window system cuecard runs on.
#[allow(clippy::unnecessary_wraps)] // always Some on Windows and macOS
fn system_probe(x11_window: Option<u32>) -> Option<Box<dyn Probe>> {
    #[cfg(all(unix, not(target_os = "macos")))]
    if let Some(window) = x11_window {
        return x11::X11Probe::connect(window).map(|p| Box::new(p) as Box<dyn Probe>);
    }
    #[cfg(all(unix, not(target_os = "macos")))]
    if std::env::var_os("WAYLAND_DISPLAY").is_some_and(|v| !v.is_empty()) {
        return wayland::WaylandProbe::connect().map(|p| Box::new(p) as Box<dyn Probe>);
    }
    #[cfg(windows)]
    {
        let _ = x11_window;
        return Some(Box::new(windows::fingerprint) as Box<dyn Probe>);
    }
    #[cfg(target_os = "macos")]
    {
        let _ = x11_window;
        return Some(Box::new(macos::fingerprint) as Box<dyn Probe>);
    }
    #[allow(unreachable_code)]
    {
        let _ = x11_window;
        None
    }
}

impl Probe for Box<dyn Probe> {
    fn fingerprint(&mut self) -> Option<Fingerprint> {
        (**self).fingerprint()
    }

    fn nudge(&mut self) {
        (**self).nudge();
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
mod x11 {
    use x11rb::connection::Connection as _;
    use x11rb::protocol::randr::ConnectionExt as _;
    use x11rb::protocol::xproto::{AtomEnum, ConnectionExt as _, PropMode};
    use x11rb::rust_connection::RustConnection;
    use x11rb::wrapper::ConnectionExt as _;

    use super::{Fingerprint, Probe};
    use crate::show::screen_plan::PixelRect;

    /// The `RandR` monitors and the work area, read on a connection of its
    /// own to the X server in `DISPLAY`.
    pub struct X11Probe {
        conn: RustConnection,
        root: u32,
        workarea: u32,
        /// The console's window, and the property that makes winit read
        /// the monitors again.
        console: u32,
        settings: u32,
    }

    impl X11Probe {
        /// Connects; `None` without an X server or `RandR` 1.5.
        pub fn connect(console: u32) -> Option<Self> {
            let (conn, screen) = x11rb::connect(None).ok()?;
            let root = conn.setup().roots.get(screen)?.root;
            let atom = |name: &[u8]| -> Option<u32> {
                Some(conn.intern_atom(false, name).ok()?.reply().ok()?.atom)
            };
            let workarea = atom(b"_NET_WORKAREA")?;
            let settings = atom(b"_XSETTINGS_SETTINGS")?;
            let version = conn.randr_query_version(1, 5).ok()?.reply().ok()?;
            if (version.major_version, version.minor_version) < (1, 5) {
                return None;
            }
            Some(Self {
                conn,
                root,
                workarea,
                console,
                settings,
            })
        }
    }

    impl Probe for X11Probe {
        fn fingerprint(&mut self) -> Option<Fingerprint> {
            let conn = &self.conn;
            let reply = conn
                .randr_get_monitors(self.root, true)
                .ok()?
                .reply()
                .ok()?;
            let monitors = reply
                .monitors
                .iter()
                .flat_map(|m| {
                    [
                        i64::from(m.name),
                        i64::from(m.x),
                        i64::from(m.y),
                        i64::from(m.width),
                        i64::from(m.height),
                        i64::from(m.primary),
                    ]
                })
                .collect();
            let work_area = conn
                .get_property(false, self.root, self.workarea, AtomEnum::CARDINAL, 0, 4)
                .ok()
                .and_then(|c| c.reply().ok())
                .and_then(|r| {
                    let v: Vec<u32> = r.value32()?.collect();
                    let [x, y, width, height] = <[u32; 4]>::try_from(v).ok()?;
                    Some(PixelRect {
                        x: i32::try_from(x).ok()?,
                        y: i32::try_from(y).ok()?,
                        width,
                        height,
                    })
                });
            Some(Fingerprint {
                monitors,
                work_area,
                count: Some(reply.monitors.len()),
            })
        }

        /// winit 0.30 keeps the X11 monitor list it read first: Xlib drops
        /// the `RandR` events meant to refresh it (winit issue 3405). It
        /// also reads the list again when an `_XSETTINGS_SETTINGS`
        /// property changes on a window it watches, so one is set and
        /// removed on the console's own window (nobody else reads it
        /// there: XSETTINGS lives on the settings manager's window).
        fn nudge(&mut self) {
            let conn = &self.conn;
            let set = conn.change_property8(
                PropMode::REPLACE,
                self.console,
                self.settings,
                AtomEnum::CARDINAL,
                &[],
            );
            let deleted = conn.delete_property(self.console, self.settings);
            if set.is_err() || deleted.is_err() || conn.flush().is_err() {
                eprintln!(
                    "cuecard: cannot ask for the monitor list again; it is read on the next redraw"
                );
            }
        }
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
mod wayland {
    use std::collections::BTreeMap;

    use wayland_client::protocol::{wl_output, wl_registry};
    use wayland_client::{Connection, Dispatch, EventQueue, QueueHandle};

    use super::{Fingerprint, Probe};

    /// The compositor's outputs, by their global name: position and mode.
    #[derive(Default)]
    pub struct Outputs {
        outputs: BTreeMap<u32, [i64; 4]>,
    }

    /// A connection of its own to the compositor, watching its outputs.
    pub struct WaylandProbe {
        queue: EventQueue<Outputs>,
        outputs: Outputs,
        // Kept so the compositor keeps sending the outputs' events.
        _connection: Connection,
    }

    impl WaylandProbe {
        /// Connects to the compositor in `WAYLAND_DISPLAY`.
        pub fn connect() -> Option<Self> {
            let connection = Connection::connect_to_env().ok()?;
            let mut queue = connection.new_event_queue();
            let handle = queue.handle();
            let _registry = connection.display().get_registry(&handle, ());
            let mut outputs = Outputs::default();
            // The globals, then the outputs' first events.
            queue.roundtrip(&mut outputs).ok()?;
            queue.roundtrip(&mut outputs).ok()?;
            Some(Self {
                queue,
                outputs,
                _connection: connection,
            })
        }
    }

    impl Probe for WaylandProbe {
        fn fingerprint(&mut self) -> Option<Fingerprint> {
            self.queue.roundtrip(&mut self.outputs).ok()?;
            Some(Fingerprint {
                monitors: self
                    .outputs
                    .outputs
                    .iter()
                    .flat_map(|(name, geometry)| std::iter::once(i64::from(*name)).chain(*geometry))
                    .collect(),
                work_area: None,
                count: Some(self.outputs.outputs.len()),
            })
        }
    }

    impl Dispatch<wl_registry::WlRegistry, ()> for Outputs {
        fn event(
            state: &mut Self,
            registry: &wl_registry::WlRegistry,
            event: wl_registry::Event,
            (): &(),
            _: &Connection,
            handle: &QueueHandle<Self>,
        ) {
            match event {
                wl_registry::Event::Global {
                    name,
                    interface,
                    version,
                } if interface == "wl_output" => {
                    let _output: wl_output::WlOutput =
                        registry.bind(name, version.min(2), handle, name);
                    state.outputs.insert(name, [0; 4]);
                }
                wl_registry::Event::GlobalRemove { name } => {
                    state.outputs.remove(&name);
                }
                _ => {}
            }
        }
    }

    impl Dispatch<wl_output::WlOutput, u32> for Outputs {
        fn event(
            state: &mut Self,
            _: &wl_output::WlOutput,
            event: wl_output::Event,
            name: &u32,
            _: &Connection,
            _: &QueueHandle<Self>,
        ) {
            let Some(geometry) = state.outputs.get_mut(name) else {
                return;
            };
            match event {
                wl_output::Event::Geometry { x, y, .. } => {
                    geometry[0] = i64::from(x);
                    geometry[1] = i64::from(y);
                }
                wl_output::Event::Mode {
                    flags,
                    width,
                    height,
                    ..
                } if flags
                    .into_result()
                    .is_ok_and(|f| f.contains(wl_output::Mode::Current)) =>
                {
                    geometry[2] = i64::from(width);
                    geometry[3] = i64::from(height);
                }
                _ => {}
            }
        }
    }
}

#[cfg(target_os = "macos")]
mod macos {
    use core_graphics::display::CGDisplay;

    use super::Fingerprint;

    /// The active displays: their ids and bounds (in points, which is
    /// enough to see one come, go, move or change mode).
    pub fn fingerprint() -> Option<Fingerprint> {
        let displays = CGDisplay::active_displays().ok()?;
        let monitors = displays
            .iter()
            .flat_map(|&id| {
                let bounds = CGDisplay::new(id).bounds();
                [
                    i64::from(id),
                    bounds.origin.x as i64,
                    bounds.origin.y as i64,
                    bounds.size.width as i64,
                    bounds.size.height as i64,
                ]
            })
            .collect();
        Some(Fingerprint {
            monitors,
            work_area: None,
            count: Some(displays.len()),
        })
    }
}

#[cfg(windows)]
mod windows {
    use windows_sys::Win32::UI::WindowsAndMessaging::{
        GetSystemMetrics, SM_CMONITORS, SM_CXVIRTUALSCREEN, SM_CYVIRTUALSCREEN, SM_XVIRTUALSCREEN,
        SM_YVIRTUALSCREEN,
    };

    use super::Fingerprint;

    /// The number of monitors and the virtual desktop's rectangle.
    #[allow(unsafe_code)]
    pub fn fingerprint() -> Option<Fingerprint> {
        let metrics = [
            SM_CMONITORS,
            SM_XVIRTUALSCREEN,
            SM_YVIRTUALSCREEN,
            SM_CXVIRTUALSCREEN,
            SM_CYVIRTUALSCREEN,
        ];
        // SAFETY: GetSystemMetrics takes a constant and returns a number;
        // it has no preconditions.
        let monitors = metrics
            .iter()
            .map(|&m| i64::from(unsafe { GetSystemMetrics(m) }))
            .collect();
        Some(Fingerprint {
            monitors,
            work_area: None,
            count: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[allow(clippy::unnecessary_wraps)] // a reading, which may fail
    fn print(n: i64) -> Option<Fingerprint> {
        Some(Fingerprint {
            monitors: vec![n],
            work_area: None,
            count: None,
        })
    }

    #[test]
    fn the_console_is_woken_only_when_the_monitors_change() {
        let watched = Watched::default();
        let wakes = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&wakes);
        // Two rounds the same, then a projector (2), then the same, then a
        // failed reading (ignored), then pulled out (1).
        let mut readings = vec![
            print(1),
            print(1),
            print(1),
            print(2),
            print(2),
            None,
            print(1),
        ]
        .into_iter();
        let probe = move || readings.next().flatten();
        watch(
            probe,
            &watched,
            &move || {
                counter.fetch_add(1, Ordering::SeqCst);
            },
            Duration::ZERO,
            Some(6),
        );
        assert_eq!(wakes.load(Ordering::SeqCst), 2);
        assert!(watched.take_changed());
        assert!(!watched.take_changed(), "taken once");
    }

    #[test]
    fn nothing_changing_costs_no_wake() {
        let watched = Watched::default();
        let wakes = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&wakes);
        watch(
            || print(7),
            &watched,
            &move || {
                counter.fetch_add(1, Ordering::SeqCst);
            },
            Duration::ZERO,
            Some(50),
        );
        assert_eq!(wakes.load(Ordering::SeqCst), 0);
        assert!(!watched.take_changed());
    }
}
