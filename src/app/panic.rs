//! The crash report: if cuecard ever panics, the presenter is told where a
//! report is, and nothing they made is touched.

use std::path::PathBuf;

/// If cuecard ever panics, write a crash report (message, place, backtrace)
/// to `dir` (cuecard's data folder; the system's temporary folder if
/// `None`) and tell the presenter on stderr where it is. The settings file
/// is never touched by the hook.
pub fn install_panic_hook(dir: Option<PathBuf>) {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let dir = dir.clone().unwrap_or_else(std::env::temp_dir);
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let path = dir.join(format!("crash-{stamp}.txt"));
        let report = format!(
            "cuecard {} crashed at {}\n{info}\n\nbacktrace:\n{}\n",
            env!("CARGO_PKG_VERSION"),
            chrono::Local::now().to_rfc3339(),
            std::backtrace::Backtrace::force_capture()
        );
        match crate::settings::write_atomically(&path, report.as_bytes()) {
            Ok(()) => eprintln!(
                "cuecard stopped because of a bug. A crash report is in {}; please send it to the cuecard team. Your decks and settings are not changed.",
                path.display()
            ),
            Err(error) => eprintln!(
                "cuecard stopped because of a bug, and the crash report could not be written to {} ({error}):\n{report}",
                path.display()
            ),
        }
        default_hook(info);
    }));
}
