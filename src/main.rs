//! The `cuecard` binary: all the work is in the library.

fn main() -> std::process::ExitCode {
    cuecard::cli::main()
}
