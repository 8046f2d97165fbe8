//! The command line: `cuecard [DECK]`, `cuecard check DECK...`, `cuecard import FILE`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::deck::{self, Diagnostic, LoadedDeck, Severity};

/// cuecard: present a training deck with an audience view on the projector
/// and a presenter console on the laptop.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do; with none, present DECK.
    #[command(subcommand)]
    pub command: Option<Action>,
    /// The deck to present: a .ron deck, or a PDF (with the notes of a
    /// deck or .pdfpc file beside it); the built-in Module 5 deck if
    /// omitted.
    pub deck: Option<PathBuf>,
    /// Start the phone remote at once, on the suggested network interface
    /// (the console's "Phone remote…" shows its QR code).
    #[arg(long)]
    pub remote: bool,
}

/// cuecard's subcommands.
#[derive(Debug, Subcommand)]
pub enum Action {
    /// Check decks for mistakes without presenting them.
    ///
    /// Prints each problem to stderr as `path:line:column: error|warning:
    /// message` and a summary of each deck that loads to stdout. Exits 0
    /// when clean, 2 on any error, 1 on warnings with --deny-warnings.
    Check {
        /// Deck files to check.
        #[arg(required = true)]
        decks: Vec<PathBuf>,
        /// Exit 1 when there are warnings (and no errors).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Check a deck before a venue: images decode, the PDF's pages render,
    /// the local video is there, fonts, links, timing. Prints a checklist; exits 0 when ready
    /// (warnings allowed), 2 when something will fail, 1 on warnings with
    /// --deny-warnings.
    Preflight {
        /// The deck to check.
        deck: PathBuf,
        /// Also ask every link's server whether it answers.
        #[arg(long)]
        online: bool,
        /// Exit 1 when there are warnings (and no failures).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Write a starter deck to PATH (never over an existing file).
    New {
        /// Where to write the deck, e.g. `my-training.ron`.
        path: PathBuf,
    },
    /// Print every key cuecard answers to, as a Markdown table.
    Keys,
    /// Report on a session: time per slide against the plan, discussions,
    /// prompts covered, parked questions. Prints a summary; --out also
    /// writes it as .md, .csv or .pdf.
    Report {
        /// The session file (or its name in the sessions folder); the
        /// latest session if omitted.
        session: Option<PathBuf>,
        /// Also write the report here; the format follows the extension
        /// (.md, .csv, .pdf, .txt).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Rehearse a deck: present it as usual (the talk is recorded), and when
    /// you quit, see each slide's time as a change to its `minutes` and
    /// keep it. Only the numbers change; comments and layout stay.
    Rehearse {
        /// The deck to rehearse.
        deck: PathBuf,
        /// Take the timings from this session (a file, or its name in the
        /// sessions folder) instead of presenting now.
        #[arg(long, value_name = "SESSION")]
        from: Option<PathBuf>,
        /// Write the minutes without asking.
        #[arg(long)]
        yes: bool,
    },
    /// Make a deck from a PDF (.pdf, one slide per page, with a .pdfpc
    /// file's notes), a `PowerPoint` deck (.pptx) or a presenter's guide
    /// (.docx, .txt, .md); see docs/import.md and docs/deck-format.md.
    ///
    /// Prints the summary (`10 slides, 9 prompts, 14 tips; 0 unmatched`).
    /// Exits 0 when done, 1 when guide slides matched no deck slide, 2 when
    /// nothing was written.
    Import {
        /// The .pdf, .pptx, .docx, .txt or .md file.
        input: PathBuf,
        /// Put a guide's notes into this existing deck's matching slides.
        #[arg(long, value_name = "DECK.ron")]
        into: Option<PathBuf>,
        /// Where to write the deck (default: INPUT, or the --into deck,
        /// with the extension .ron).
        #[arg(short, long, value_name = "OUT.ron")]
        output: Option<PathBuf>,
        /// Replace files that are already there.
        #[arg(long)]
        force: bool,
    },
    /// Write the presenter's guide and/or the participants' handout as
    /// accessible (tagged) PDFs. Exits 0 when written, 2 on any error.
    #[command(group = clap::ArgGroup::new("what").required(true).multiple(true).args(["guide", "handout"]))]
    Export {
        /// The deck to print.
        deck: PathBuf,
        /// Write the presenter's guide (slides, timing, speaker notes) here.
        #[arg(long, value_name = "OUT.pdf")]
        guide: Option<PathBuf>,
        /// Write the participants' handout (slides the room sees, no notes)
        /// here.
        #[arg(long, value_name = "OUT.pdf")]
        handout: Option<PathBuf>,
        /// Slides on each handout page; 3 adds lines for notes.
        #[arg(long, default_value = "3", value_parser = ["1", "2", "3", "6"])]
        per_page: String,
        /// Paper size.
        #[arg(long, default_value = "letter", value_parser = ["letter", "a4"])]
        paper: String,
    },
}

/// Exit code: everything clean.
pub const EXIT_OK: u8 = 0;
/// Exit code: warnings, with `--deny-warnings`.
pub const EXIT_WARNINGS: u8 = 1;
/// Exit code: at least one error.
pub const EXIT_ERRORS: u8 = 2;

/// Runs the command line and returns the process's exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Action::Check {
            decks,
            deny_warnings,
        }) => ExitCode::from(check(
            &decks,
            deny_warnings,
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        )),
        Some(Action::Preflight {
            deck,
            online,
            deny_warnings,
        }) => {
            let report = crate::preflight::preflight(&deck, online);
            println!("{report}");
            ExitCode::from(match report.worst() {
                crate::preflight::Status::Failed => EXIT_ERRORS,
                crate::preflight::Status::Warning if deny_warnings => EXIT_WARNINGS,
                _ => EXIT_OK,
            })
        }
        Some(Action::New { path }) => match new_deck(&path) {
            Ok(()) => {
                println!(
                    "Wrote a starter deck to {}. Edit it in any text editor, then present it with: cuecard {}",
                    path.display(),
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("{}: error: {error}", path.display());
                ExitCode::from(EXIT_ERRORS)
            }
        },
        Some(Action::Report { session, out }) => ExitCode::from(crate::session::run_report(
            session.as_deref(),
            out.as_deref(),
        )),
        Some(Action::Import {
            input,
            into,
            output,
            force,
        }) => {
            let options = crate::import::ImportOptions {
                into,
                output,
                force,
            };
            ExitCode::from(crate::import::command(
                &input,
                &options,
                &mut std::io::stdout(),
                &mut std::io::stderr(),
            ))
        }
        Some(Action::Export {
            deck,
            guide,
            handout,
            per_page,
            paper,
        }) => ExitCode::from(crate::export::command::run(
            &deck,
            guide.as_deref(),
            handout.as_deref(),
            &per_page,
            &paper,
        )),
        Some(Action::Rehearse { deck, from, yes }) => {
            let since = chrono::Utc::now().timestamp_millis();
            if from.is_none() {
                println!(
                    "Rehearsing {}: present it as you will in the room, then quit (Ctrl+Q) to see the timings.",
                    deck.display()
                );
                if let Err(error) = crate::app::run(Some(&deck), false) {
                    eprintln!("cuecard: cannot open the windows: {error}");
                    return ExitCode::from(EXIT_ERRORS);
                }
            }
            let mut ask = || {
                use std::io::{BufRead as _, IsTerminal as _, Write as _};
                if !std::io::stdin().is_terminal() {
                    return false;
                }
                print!("Write these minutes into {}? [y/N] ", deck.display());
                let _ = std::io::stdout().flush();
                let mut answer = String::new();
                let _ = std::io::stdin().lock().read_line(&mut answer);
                matches!(answer.trim(), "y" | "Y" | "yes" | "Yes")
            };
            ExitCode::from(crate::session::run_rehearse(
                &deck,
                from.as_deref(),
                if from.is_some() { i64::MIN } else { since },
                yes,
                &mut ask,
            ))
        }
        Some(Action::Keys) => {
            print!("{}", crate::show::keys::markdown_table());
            ExitCode::SUCCESS
        }
        None => match crate::app::run(cli.deck.as_deref(), cli.remote) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("cuecard: cannot open the windows: {error}");
                eprintln!(
                    "cuecard: on Linux, check that a display is available (DISPLAY or WAYLAND_DISPLAY) and that OpenGL drivers (Mesa) are installed."
                );
                ExitCode::from(EXIT_ERRORS)
            }
        },
    }
}

/// `cuecard check`: checks each deck, writing diagnostics to `err` and
/// summaries to `out`. Returns the exit code ([`EXIT_OK`],
/// [`EXIT_WARNINGS`] or [`EXIT_ERRORS`]).
pub fn check(
    decks: &[PathBuf],
    deny_warnings: bool,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> u8 {
    let mut worst: Option<Severity> = None;
    for path in decks {
        let diagnostics = match deck::load(path) {
            Ok(loaded) => {
                let mut diagnostics = loaded.diagnostics.clone();
                diagnostics.extend(deck::render_check(&loaded));
                diagnostics.extend(crate::ui::slide::fit_diagnostics(&loaded));
                // The summary counts every finding, the pages that fail to
                // render and the slides that do not fit included.
                // Output errors (a closed pipe) are not the deck's problem.
                let _ = writeln!(out, "{}", summary(&loaded, &diagnostics));
                diagnostics
            }
            Err(error) => error.diagnostics,
        };
        for diagnostic in &diagnostics {
            let _ = writeln!(err, "{diagnostic}");
        }
        worst = worst.max(diagnostics.iter().map(|d| d.severity).max());
    }
    match worst {
        Some(Severity::Error) => EXIT_ERRORS,
        Some(Severity::Warning) if deny_warnings => EXIT_WARNINGS,
        _ => EXIT_OK,
    }
}

/// The starter deck `cuecard new` writes.
pub const STARTER_DECK: &str = include_str!("../assets/starter.ron");

/// Writes [`STARTER_DECK`] to `path`, creating its folder.
///
/// # Errors
/// When `path` exists (nothing is overwritten) or cannot be written.
pub fn new_deck(path: &Path) -> Result<(), String> {
    if path.exists() {
        return Err(
            "a file is already there; choose another name (nothing was changed)".to_owned(),
        );
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create the folder: {e}"))?;
    }
    // `create_new` refuses a file that appeared meanwhile.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| format!("cannot write the deck: {e}"))?;
    std::io::Write::write_all(&mut file, STARTER_DECK.as_bytes())
        .map_err(|e| format!("cannot write the deck: {e}"))
}

/// One line about a deck that loaded: slides, minutes, prompts, links,
/// and how many of `diagnostics` (everything `check` found) are errors,
/// warnings and notes.
pub fn summary(loaded: &LoadedDeck, diagnostics: &[Diagnostic]) -> String {
    let deck = &loaded.deck;
    let count = |severity| {
        diagnostics
            .iter()
            .filter(|d: &&Diagnostic| d.severity == severity)
            .count()
    };
    let minutes = match deck.duration_minutes {
        Some(duration) => format!(
            "{} planned minutes (slides plan {})",
            trim_float(duration),
            trim_float(deck.planned_slide_minutes())
        ),
        None => format!(
            "slides plan {} minutes",
            trim_float(deck.planned_slide_minutes())
        ),
    };
    let status = if count(Severity::Error) > 0 {
        "has errors"
    } else {
        "ok"
    };
    format!(
        "{}: {status}: {:?}: {}, {}, {}, {}; {}{}, {}",
        display_path(&loaded.path),
        deck.title,
        plural(deck.slides.len(), "slide"),
        minutes,
        plural(deck.prompt_count(), "prompt"),
        plural(deck.link_count(), "link"),
        match count(Severity::Error) {
            0 => String::new(),
            n => format!("{}, ", plural(n, "error")),
        },
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Note), "note"),
    )
}

/// `1 slide`, `2 slides`, `0 slides`.
pub fn plural(count: usize, one: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {one}s")
    }
}

fn display_path(path: &Path) -> String {
    path.display().to_string()
}

fn trim_float(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}
