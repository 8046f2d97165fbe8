//! What cuecard remembers between runs, and how it is kept safe.
//!
//! Settings live in one small RON file, `settings.ron`, in cuecard's data
//! folder (see [`default_dir`]). It is written atomically: the new text goes
//! to a temporary file in the same folder, is flushed to disk, then renamed
//! over the old file, so a crash or power loss mid-write leaves the old file
//! or the new one, never a broken one. A file that cannot be read or parsed
//! gives the defaults and a warning; it never stops cuecard.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The settings file's name inside the data folder.
pub const FILE_NAME: &str = "settings.ron";

/// What the presenter console remembers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
/// Unknown fields are ignored, so a file written by a newer cuecard still
/// loads in an older one.
#[serde(default)]
pub struct Settings {
    /// Zoom of the speaker notes (1.0 = normal).
    pub notes_zoom: f32,
    /// The audience monitor chosen for each monitor setup, keyed by
    /// [`crate::show::monitors::setup_key`].
    pub screens: std::collections::BTreeMap<String, crate::show::monitors::MonitorId>,
    /// Decks opened recently, newest first, at most [`MAX_RECENT`].
    pub recent: Vec<PathBuf>,
    /// 12- or 24-hour clock, or as the system is set.
    pub clock: crate::show::hours::ClockFormat,
}

/// How many recent decks are remembered.
pub const MAX_RECENT: usize = 8;

impl Settings {
    /// Puts `deck` first in the recent decks (once), keeping at most
    /// [`MAX_RECENT`].
    pub fn remember_deck(recent: &mut Vec<PathBuf>, deck: &Path) {
        let deck = std::path::absolute(deck).unwrap_or_else(|_| deck.to_path_buf());
        recent.retain(|p| *p != deck);
        recent.insert(0, deck);
        recent.truncate(MAX_RECENT);
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            notes_zoom: 1.0,
            screens: std::collections::BTreeMap::new(),
            recent: Vec::new(),
            clock: crate::show::hours::ClockFormat::System,
        }
    }
}

/// cuecard's data folder: `$XDG_DATA_HOME/cuecard` or
/// `~/.local/share/cuecard` on Linux, `~/Library/Application Support/cuecard`
/// on macOS, `%APPDATA%\cuecard` on Windows. `None` when the platform says
/// nothing (no home folder).
pub fn default_dir() -> Option<PathBuf> {
    if cfg!(target_os = "windows") {
        std::env::var_os("APPDATA").map(|p| PathBuf::from(p).join("cuecard"))
    } else if cfg!(target_os = "macos") {
        std::env::home_dir().map(|h| {
            h.join("Library")
                .join("Application Support")
                .join("cuecard")
        })
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::home_dir().map(|h| h.join(".local").join("share")))
            .map(|p| p.join("cuecard"))
    }
}

impl Settings {
    /// Reads the settings in folder `dir`. Returns the defaults and no
    /// warning when there is no file yet, and the defaults with a warning
    /// (saying where and what) when the file cannot be read or parsed.
    pub fn load(dir: &Path) -> (Self, Option<String>) {
        let path = dir.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return (Self::default(), None);
            }
            Err(error) => {
                return (
                    Self::default(),
                    Some(format!(
                        "{}: cannot read the settings ({error}); using the defaults",
                        path.display()
                    )),
                );
            }
        };
        match ron::from_str::<Self>(&text) {
            Ok(settings) => (settings.sanitized(), None),
            Err(error) => (
                Self::default(),
                Some(format!(
                    "{}:{}:{}: the settings file is damaged ({}); using the defaults (it will be rewritten)",
                    path.display(),
                    error.span.start.line,
                    error.span.start.col,
                    error.code
                )),
            ),
        }
    }

    /// Writes the settings to folder `dir` atomically (temporary file,
    /// flush to disk, rename), creating the folder if needed.
    ///
    /// # Errors
    /// The I/O error of creating, writing, flushing or renaming; the old
    /// file is then untouched.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new())
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        write_atomically(&dir.join(FILE_NAME), text.as_bytes())
    }

    /// Values in their valid ranges (a hand-edited file may hold anything).
    fn sanitized(mut self) -> Self {
        self.notes_zoom = if self.notes_zoom.is_finite() {
            self.notes_zoom.clamp(0.6, 3.0)
        } else {
            1.0
        };
        self
    }
}

/// Writes `bytes` to `path` so that `path` always holds either its old
/// content or all of `bytes`: a temporary file in the same folder, flushed
/// to disk, then renamed over `path`.
///
/// # Errors
/// Any I/O error; the temporary file is removed on failure.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)?;
        // Make the rename itself durable where the platform allows it.
        #[cfg(unix)]
        if let Ok(folder) = std::fs::File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("cuecard-settings-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn round_trip_and_missing_file() {
        let dir = temp_dir("rt");
        assert_eq!(Settings::load(&dir), (Settings::default(), None));
        let mut settings = Settings {
            notes_zoom: 1.5,
            ..Settings::default()
        };
        settings.screens.insert(
            "eDP-1 1920x1080 + HDMI-1 1024x768".to_owned(),
            crate::show::monitors::MonitorId {
                name: "HDMI-1".to_owned(),
                size: (1024, 768),
            },
        );
        assert!(settings.save(&dir).is_ok());
        assert_eq!(Settings::load(&dir), (settings, None));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_damaged_file_gives_defaults_and_a_warning_with_its_place() {
        let dir = temp_dir("bad");
        assert!(std::fs::create_dir_all(&dir).is_ok());
        assert!(std::fs::write(dir.join(FILE_NAME), "(notes_zoom: \"big\"").is_ok());
        let (settings, warning) = Settings::load(&dir);
        assert_eq!(settings, Settings::default());
        let warning = warning.unwrap_or_default();
        assert!(warning.contains("settings.ron:1:"), "{warning}");
        // Out-of-range values are brought back into range.
        assert!(std::fs::write(dir.join(FILE_NAME), "(notes_zoom: 99.0)").is_ok());
        assert_eq!(Settings::load(&dir).0.notes_zoom, 3.0);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
