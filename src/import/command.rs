//! `cuecard import`: runs [`super::run`] and prints what it did.

use std::io::Write;
use std::path::Path;

use super::{ImportOptions, run};

/// Imports `input` with `options`, printing the deck written, the summary
/// line (`10 slides, 9 prompts, 14 tips; 0 unmatched`), each unmatched
/// guide slide and each warning to `out`, or the error to `err`. Returns
/// the exit code: 0 done, 1 done with unmatched slides, 2 nothing written.
pub fn command(
    input: &Path,
    options: &ImportOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let is_pdf = input
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if is_pdf && options.into.is_none() {
        // A PDF becomes a deck of its pages, with a .pdfpc file's notes.
        return match crate::pdf::import_pdf(input, options.output.as_deref(), options.force) {
            Ok(done) => {
                let _ = writeln!(out, "Wrote {}", done.deck.display());
                let _ = writeln!(
                    out,
                    "{}, one per page",
                    crate::cli::plural(done.slides, "slide")
                );
                match &done.pdfpc {
                    Some((path, noted, hidden)) => {
                        let _ = writeln!(
                            out,
                            "Notes from {}: {} with notes, {} hidden",
                            path.display(),
                            crate::cli::plural(*noted, "slide"),
                            hidden
                        );
                    }
                    None => {
                        let _ = writeln!(
                            out,
                            "No .pdfpc file beside it: the slides have no notes yet"
                        );
                    }
                }
                for warning in &done.warnings {
                    let _ = writeln!(out, "warning: {warning}");
                }
                let _ = writeln!(
                    out,
                    "Next: add speaker notes and timing, then present it with: cuecard {}",
                    shell_word(&done.deck.display().to_string())
                );
                0
            }
            Err(error) => {
                let _ = writeln!(err, "{error}");
                2
            }
        };
    }
    match run(input, options) {
        Ok(outcome) => {
            // Output errors (a closed pipe) do not undo the import.
            let _ = writeln!(out, "Wrote {}", outcome.deck_path.display());
            if !outcome.files.is_empty() {
                let _ = writeln!(out, "Wrote {} pictures beside it", outcome.files.len());
            }
            let _ = writeln!(out, "{}", outcome.summary);
            for slide in &outcome.unmatched {
                let _ = writeln!(
                    out,
                    "unmatched: {slide}: no slide of the deck has this number or title; its notes were not imported"
                );
            }
            for said in &outcome.info {
                let _ = writeln!(out, "{said}");
            }
            for warning in &outcome.warnings {
                let _ = writeln!(out, "warning: {warning}");
            }
            let _ = writeln!(
                out,
                "Next: cuecard check {}, then present it with: cuecard {}",
                shell_word(&outcome.deck_path.display().to_string()),
                outcome.deck_path.display()
            );
            u8::from(!outcome.unmatched.is_empty())
        }
        Err(error) => {
            let _ = writeln!(err, "error: {error}");
            2
        }
    }
}

/// `path` as one word a shell reads back: quoted when it holds anything
/// but letters, digits and `/._-+,:@%=`.
pub fn shell_word(path: &str) -> String {
    let plain = !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_alphanumeric() || "/._-+,:@%=".contains(c));
    if plain {
        path.to_owned()
    } else {
        format!("'{}'", path.replace('\'', "'\\''"))
    }
}
