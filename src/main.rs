//! The `cuecard` binary: all the work is in the library.

// On Windows, a GUI program: no console window opens behind the presenter
// console when a trainer double-clicks cuecard. The CLI subcommands still
// print when run from a terminal (see `attach_parent_console`).
#![cfg_attr(windows, windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    #[cfg(windows)]
    attach_parent_console();
    cuecard::cli::main()
}

/// When started from a terminal (cmd.exe, PowerShell), write to that
/// terminal's console, so `cuecard check`, `preflight`, `--help` and the
/// deck diagnostics print there. Started from Explorer or a shortcut there
/// is no parent console and this does nothing: no window flashes up.
///
/// A windows-subsystem program has no console of its own, and the terminal
/// does not wait for it: its prompt comes back at once, and the output
/// lands after it. For scripts that need the exit code, run
/// `start /wait cuecard check deck.ron` (cmd) or
/// `Start-Process -Wait -NoNewWindow cuecard check,deck.ron` (PowerShell).
#[cfg(windows)]
#[allow(unsafe_code)]
fn attach_parent_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: AttachConsole takes a process id by value and touches no
    // memory of ours; it fails harmlessly (returns 0) when there is no
    // parent console or the process already has one. Rust's std looks up
    // the standard handles on each write, so println!/eprintln! reach the
    // attached console afterwards; handles redirected to a file or a pipe
    // are left as they are.
    let _attached = unsafe { AttachConsole(ATTACH_PARENT_PROCESS) };
}
