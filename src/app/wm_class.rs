//! The audience window's X11 `WM_CLASS`: instance `cuecard-audience`,
//! class `cuecard`, set before the window is first shown.
//!
//! ICCCM's `WM_CLASS` is two names: the instance, which window-manager
//! rules pick one window by (openbox `name=`, i3 `instance=`, xdotool
//! `--classname`), and the class, which the desktop groups an
//! application's windows by and matches to the desktop entry's
//! `StartupWMClass`. The presenter console gets (`cuecard`, `cuecard`)
//! from winit. For the audience view egui-winit 0.37 can only set an app
//! id, which it turns into (empty instance, app id), and the window
//! manager reads the names when the window is mapped.
//!
//! So on X11 the audience window opens hidden with the app id
//! [`AUDIENCE_APP_ID`]: that marks it (our process id, an empty instance,
//! that class). [`Namer::name_audience`] finds it on a connection of its
//! own and writes the proper names; then the console shows the window. If
//! the names cannot be written (no X server, an odd window manager), the
//! window is shown anyway within [`SHOW_ANYWAY_AFTER`]: the room always
//! gets its slides.

use std::time::Duration;

use crate::desktop::{AUDIENCE_APP_ID, DESKTOP_ID};

/// How long the audience window may wait hidden for its names.
pub const SHOW_ANYWAY_AFTER: Duration = Duration::from_secs(1);

/// `WM_CLASS` as stored: the instance and the class, each ended by a NUL.
pub fn encode(instance: &str, class: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(instance.len() + class.len() + 2);
    bytes.extend_from_slice(instance.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(class.as_bytes());
    bytes.push(0);
    bytes
}

/// The names the audience window is opened with (egui-winit's: empty
/// instance, the app id as class), which mark it as not yet named.
pub fn unnamed_audience() -> Vec<u8> {
    encode("", AUDIENCE_APP_ID)
}

/// The audience window's proper names.
pub fn named_audience() -> Vec<u8> {
    encode(AUDIENCE_APP_ID, DESKTOP_ID)
}

/// Whether a window with process id `pid` and `WM_CLASS` `class` is this
/// process's audience window still waiting for its names.
pub fn is_unnamed_audience(pid: Option<u32>, class: &[u8], our_pid: u32) -> bool {
    pid == Some(our_pid) && class == unnamed_audience().as_slice()
}

#[cfg(all(unix, not(target_os = "macos")))]
mod x11 {
    use x11rb::connection::Connection as _;
    use x11rb::protocol::xproto::{AtomEnum, ConnectionExt as _, PropMode};
    use x11rb::rust_connection::RustConnection;
    use x11rb::wrapper::ConnectionExt as _;

    /// A connection of its own to the X server in `DISPLAY`.
    pub struct X11 {
        conn: RustConnection,
        root: u32,
        pid_atom: u32,
    }

    impl X11 {
        pub fn connect() -> Result<Self, String> {
            let (conn, screen) = x11rb::connect(None).map_err(|e| e.to_string())?;
            let root = conn
                .setup()
                .roots
                .get(screen)
                .ok_or("the X server has no such screen")?
                .root;
            let pid_atom = conn
                .intern_atom(false, b"_NET_WM_PID")
                .map_err(|e| e.to_string())?
                .reply()
                .map_err(|e| e.to_string())?
                .atom;
            Ok(Self {
                conn,
                root,
                pid_atom,
            })
        }

        /// Names every top-level window of ours still marked as the
        /// unnamed audience window; how many it named.
        pub fn name_audience(&self) -> Result<usize, String> {
            let conn = &self.conn;
            let err = |e: &dyn std::fmt::Display| e.to_string();
            let children = conn
                .query_tree(self.root)
                .map_err(|e| err(&e))?
                .reply()
                .map_err(|e| err(&e))?
                .children;
            // Asked for all at once, then read: one round trip.
            let mut asked = Vec::with_capacity(children.len());
            for &window in &children {
                let pid = conn
                    .get_property(false, window, self.pid_atom, AtomEnum::CARDINAL, 0, 1)
                    .map_err(|e| err(&e))?;
                let class = conn
                    .get_property(false, window, AtomEnum::WM_CLASS, AtomEnum::STRING, 0, 64)
                    .map_err(|e| err(&e))?;
                asked.push((window, pid, class));
            }
            let our_pid = std::process::id();
            let mut named = 0;
            for (window, pid, class) in asked {
                // A window gone since the tree was read has no properties.
                let (Ok(pid), Ok(class)) = (pid.reply(), class.reply()) else {
                    continue;
                };
                let pid = pid.value32().and_then(|mut v| v.next());
                if super::is_unnamed_audience(pid, &class.value, our_pid) {
                    conn.change_property8(
                        PropMode::REPLACE,
                        window,
                        AtomEnum::WM_CLASS,
                        AtomEnum::STRING,
                        &super::named_audience(),
                    )
                    .map_err(|e| err(&e))?;
                    named += 1;
                }
            }
            // Written before the console asks winit to map the window.
            conn.sync().map_err(|e| err(&e))?;
            Ok(named)
        }
    }
}

/// Names the audience window on X11 (see the module docs).
pub struct Namer {
    #[cfg(all(unix, not(target_os = "macos")))]
    x11: Option<x11::X11>,
}

impl std::fmt::Debug for Namer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Namer")
    }
}

impl Namer {
    /// Connects to the X server in `DISPLAY`; `None` without one.
    pub fn connect() -> Option<Self> {
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            match x11::X11::connect() {
                Ok(x11) => Some(Self { x11: Some(x11) }),
                Err(e) => {
                    eprintln!(
                        "cuecard: cannot name the audience window for the window manager ({e}); it keeps egui's names"
                    );
                    None
                }
            }
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        None
    }

    /// Names the audience window if it exists yet: `Ok(true)` once it is
    /// named and may be shown, `Ok(false)` while it is not there yet.
    ///
    /// # Errors
    /// What the X server said when the names cannot be read or written.
    pub fn name_audience(&self) -> Result<bool, String> {
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            match &self.x11 {
                Some(x11) => x11.name_audience().map(|named| named > 0),
                None => Ok(true),
            }
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_audience_is_named_cuecard_audience_in_the_cuecard_class() {
        assert_eq!(named_audience(), b"cuecard-audience\0cuecard\0");
        // xprop shows it as: WM_CLASS(STRING) = "cuecard-audience", "cuecard"
        let bytes = named_audience();
        let names: Vec<&[u8]> = bytes.split(|&b| b == 0).filter(|s| !s.is_empty()).collect();
        assert_eq!(names, [b"cuecard-audience".as_slice(), b"cuecard"]);
    }

    #[test]
    fn only_our_unnamed_audience_window_is_renamed() {
        let me = 4242;
        // egui-winit's names for a viewport with the audience app id.
        assert!(is_unnamed_audience(Some(me), b"\0cuecard-audience\0", me));
        // Already named: left alone, so naming twice changes nothing.
        assert!(!is_unnamed_audience(Some(me), &named_audience(), me));
        // The console.
        assert!(!is_unnamed_audience(Some(me), b"cuecard\0cuecard\0", me));
        // Another cuecard's audience window (a rehearsal beside the talk).
        assert!(!is_unnamed_audience(
            Some(me + 1),
            b"\0cuecard-audience\0",
            me
        ));
        // A window with no process id.
        assert!(!is_unnamed_audience(None, b"\0cuecard-audience\0", me));
    }
}
