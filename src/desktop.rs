//! How cuecard presents itself to the desktop: the ids the window manager
//! and the packages know it by, and the window icon.
//!
//! The ids here must match the files in `packaging/`: the Linux desktop
//! entry is `packaging/linux/cuecard.desktop` (so its desktop-file id is
//! [`DESKTOP_ID`]), the `AppStream` component and the macOS bundle use
//! [`BUNDLE_ID`].

use std::ffi::OsString;
use std::sync::{Arc, OnceLock};

/// The desktop-file id: the name of the desktop entry without `.desktop`,
/// the Wayland app id of the presenter console and the X11 `WM_CLASS`
/// class of both windows' program (`StartupWMClass` in the entry).
pub const DESKTOP_ID: &str = "cuecard";

/// The Wayland app id and X11 `WM_CLASS` instance of the audience view, so
/// a window manager rule can send it to the projector (its X11 class is
/// [`DESKTOP_ID`]; see `app::wm_class`).
pub const AUDIENCE_APP_ID: &str = "cuecard-audience";

/// The reverse-DNS id of the `AppStream` component
/// (`packaging/linux/org.cuecard.Cuecard.metainfo.xml`) and the macOS
/// bundle identifier (`packaging/macos/Info.plist`).
pub const BUNDLE_ID: &str = "org.cuecard.Cuecard";

/// The window icon, 256 × 256 pixels, from `assets/icon/png/cuecard-256.png`.
const ICON_PNG: &[u8] = include_bytes!("../assets/icon/png/cuecard-256.png");

/// Whether winit 0.30 will open its windows through Wayland rather than X11
/// on Linux and the BSDs: it does when `WAYLAND_DISPLAY` or `WAYLAND_SOCKET`
/// is set and not empty (winit's `EventLoop::new` in
/// `platform_impl/linux/mod.rs`). `var` reads an environment variable.
pub fn uses_wayland(var: impl Fn(&str) -> Option<OsString>) -> bool {
    ["WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
        .iter()
        .any(|name| var(name).is_some_and(|value| !value.is_empty()))
}

/// The app id to give the presenter console's viewport
/// (`ViewportBuilder::app_id`), given whether the session is Wayland
/// ([`uses_wayland`]).
///
/// On Wayland it is [`DESKTOP_ID`], which links the window to its desktop
/// entry. On X11 it is `None`: egui-winit 0.37 turns an app id into the
/// `WM_CLASS` class with an empty instance name, which breaks window rules
/// and `StartupWMClass` matching by instance; without one, winit sets both
/// instance and class to the program's file name (`cuecard`), as ICCCM
/// asks.
pub fn console_app_id(wayland: bool) -> Option<&'static str> {
    wayland.then_some(DESKTOP_ID)
}

/// The last word on the presenter console's window, for eframe's
/// `NativeOptions::window_builder` hook (which runs after eframe has filled
/// in a missing app id with the app's name): sets the app id to
/// [`console_app_id`] for this process's environment.
pub fn console_window(mut builder: egui::ViewportBuilder) -> egui::ViewportBuilder {
    builder.app_id = console_app_id(uses_wayland(|name| std::env::var_os(name))).map(str::to_owned);
    builder
}

/// The window icon for both windows (title bar, taskbar, Alt+Tab), decoded
/// once. On macOS the bundle's icon is shown instead.
pub fn window_icon() -> Arc<egui::IconData> {
    static ICON: OnceLock<Arc<egui::IconData>> = OnceLock::new();
    ICON.get_or_init(|| Arc::new(decode_icon(ICON_PNG).unwrap_or_default()))
        .clone()
}

/// Decodes a PNG into RGBA icon data; `None` if it is not a PNG.
/// (An empty [`egui::IconData`] means "no icon" to egui-winit.)
fn decode_icon(png: &[u8]) -> Option<egui::IconData> {
    let image = image::load_from_memory_with_format(png, image::ImageFormat::Png).ok()?;
    let rgba = image.into_rgba8();
    Some(egui::IconData {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
    })
}

/// Whether the system reads its clock in 12 or 24 hours: on Windows the
/// user's regional setting (`iTime`), on macOS the "24-hour time" switch
/// or else the region, elsewhere the locale (`LC_ALL`, `LC_TIME`, `LANG`).
/// 24 hours when nothing says.
pub fn system_hours() -> crate::show::hours::HourCycle {
    use crate::show::hours::{HourCycle, hour_cycle_of_locale};
    let from_env = || {
        ["LC_ALL", "LC_TIME", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .and_then(|locale| hour_cycle_of_locale(&locale))
    };
    platform_hours()
        .or_else(from_env)
        .unwrap_or(HourCycle::TwentyFour)
}

/// What a quick system command prints, if it ran and succeeded.
#[cfg(any(target_os = "macos", windows))]
fn command_output(program: &str, args: &[&str]) -> Option<String> {
    let mut command = std::process::Command::new(program);
    command.args(args).stdin(std::process::Stdio::null());
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt as _;
        // No console window flashes up.
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        command.creation_flags(CREATE_NO_WINDOW);
    }
    let output = command.output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

#[cfg(windows)]
fn platform_hours() -> Option<crate::show::hours::HourCycle> {
    use crate::show::hours::HourCycle;
    // "    iTime    REG_SZ    0": 0 is 12 hours, 1 is 24.
    let text = command_output(
        "reg",
        &["query", r"HKCU\Control Panel\International", "/v", "iTime"],
    )?;
    match text.split_whitespace().last()? {
        "0" => Some(HourCycle::Twelve),
        "1" => Some(HourCycle::TwentyFour),
        _ => None,
    }
}

#[cfg(target_os = "macos")]
fn platform_hours() -> Option<crate::show::hours::HourCycle> {
    use crate::show::hours::{HourCycle, hour_cycle_of_locale};
    let is_on =
        |key: &str| command_output("defaults", &["read", "-g", key]).as_deref() == Some("1");
    if is_on("AppleICUForce24HourTime") {
        return Some(HourCycle::TwentyFour);
    }
    if is_on("AppleICUForce12HourTime") {
        return Some(HourCycle::Twelve);
    }
    hour_cycle_of_locale(&command_output("defaults", &["read", "-g", "AppleLocale"])?)
}

#[cfg(not(any(target_os = "macos", windows)))]
fn platform_hours() -> Option<crate::show::hours::HourCycle> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| OsString::from(value))
        }
    }

    #[test]
    fn wayland_only_when_a_wayland_display_is_named() {
        assert!(uses_wayland(env(&[("WAYLAND_DISPLAY", "wayland-0")])));
        assert!(uses_wayland(env(&[
            ("WAYLAND_SOCKET", "3"),
            ("DISPLAY", ":0")
        ])));
        assert!(!uses_wayland(env(&[("DISPLAY", ":0")])));
        assert!(!uses_wayland(env(&[
            ("WAYLAND_DISPLAY", ""),
            ("DISPLAY", ":0")
        ])));
    }

    #[test]
    fn console_has_an_app_id_on_wayland_only() {
        assert_eq!(console_app_id(true), Some("cuecard"));
        assert_eq!(console_app_id(false), None);
    }

    #[test]
    fn console_window_keeps_everything_else() {
        let builder = egui::ViewportBuilder::default()
            .with_title("cuecard")
            .with_app_id(DESKTOP_ID);
        let after = console_window(builder);
        assert_eq!(after.title.as_deref(), Some("cuecard"));
        let wayland = uses_wayland(|name| std::env::var_os(name));
        assert_eq!(after.app_id.is_some(), wayland);
    }

    #[test]
    fn window_icon_is_the_256_pixel_png() {
        let icon = window_icon();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // The corners are transparent (rounded), the middle is not.
        assert_eq!(icon.rgba.get(3), Some(&0));
        let middle = (128 * 256 + 128) * 4 + 3;
        assert_eq!(icon.rgba.get(middle), Some(&255));
    }

    #[test]
    fn a_broken_png_gives_no_icon_not_a_panic() {
        assert!(decode_icon(b"not a png").is_none());
    }

    #[test]
    fn desktop_entry_and_metainfo_use_these_ids() {
        let entry = include_str!("../packaging/linux/cuecard.desktop");
        assert!(entry.contains(&format!("StartupWMClass={DESKTOP_ID}\n")));
        let metainfo = include_str!("../packaging/linux/org.cuecard.Cuecard.metainfo.xml");
        assert!(metainfo.contains(&format!("<id>{BUNDLE_ID}</id>")));
        assert!(metainfo.contains(&format!("{DESKTOP_ID}.desktop</launchable>")));
        let plist = include_str!("../packaging/macos/Info.plist");
        assert!(plist.contains(&format!("<string>{BUNDLE_ID}</string>")));
    }
}
