//! `cuecard export DECK --guide OUT.pdf --handout OUT.pdf [--per-page N]
//! [--paper letter|a4]`.

use std::path::Path;

use super::{GuideOptions, HandoutOptions, Paper, PerPage, export_guide, export_handout};
use crate::cli::{EXIT_ERRORS, EXIT_OK};

/// Runs `cuecard export`: loads `deck`, writes the guide and/or the handout,
/// prints where each went (or the error, `path: error: message`, on
/// stderr). `per_page` is `1`, `2`, `3` or `6`; `paper` is `letter` or `a4`
/// (the command line allows no others). Returns the exit code.
pub fn run(
    deck: &Path,
    guide: Option<&Path>,
    handout: Option<&Path>,
    per_page: &str,
    paper: &str,
) -> u8 {
    if let (Some(g), Some(h)) = (guide, handout)
        && same_file(g, h)
    {
        eprintln!(
            "{}: error: the guide and the handout would both be written to {}; give them different names (nothing was written)",
            deck.display(),
            g.display()
        );
        return EXIT_ERRORS;
    }
    let loaded = match crate::deck::load(deck) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("{error}");
            return EXIT_ERRORS;
        }
    };
    // Both names are checked before either file is written.
    let mut refused = false;
    for out in [guide, handout].into_iter().flatten() {
        if let Err(error) = super::check_target(&loaded, out) {
            eprintln!("{}: error: {error}", deck.display());
            refused = true;
        }
    }
    if refused {
        return EXIT_ERRORS;
    }
    // Errors the show goes on with (a missing image, a page the PDF does
    // not have) print too, with their line: the PDF shows a placeholder.
    for diagnostic in loaded.diagnostics.iter().filter(|d| d.is_error()) {
        eprintln!("{diagnostic}");
    }
    let paper = if paper.eq_ignore_ascii_case("a4") {
        Paper::A4
    } else {
        Paper::Letter
    };
    let per_page = per_page
        .parse::<usize>()
        .ok()
        .and_then(PerPage::from_count)
        .unwrap_or_default();
    let mut code = EXIT_OK;
    if let Some(out) = guide {
        match export_guide(&loaded, out, GuideOptions { paper }) {
            Ok(done) => {
                println!(
                    "Wrote the presenter's guide to {} ({}).",
                    done.path.display(),
                    crate::cli::plural(done.pages, "page")
                );
                warn_not_shown(deck, &done.not_shown);
            }
            Err(error) => {
                eprintln!("{}: error: {error}", deck.display());
                code = EXIT_ERRORS;
            }
        }
    }
    if let Some(out) = handout {
        match export_handout(&loaded, out, HandoutOptions { paper, per_page }) {
            Ok(done) => {
                println!(
                    "Wrote the handout to {} ({}, {} a page).",
                    done.path.display(),
                    crate::cli::plural(done.pages, "page"),
                    crate::cli::plural(per_page.count(), "slide")
                );
                warn_not_shown(deck, &done.not_shown);
            }
            Err(error) => {
                eprintln!("{}: error: {error}", deck.display());
                code = EXIT_ERRORS;
            }
        }
    }
    code
}

/// Says what did not print as it should (the PDF is still written, and
/// the exit code stays 0: the notes are all there).
fn warn_not_shown(deck: &Path, not_shown: &[String]) {
    for why in not_shown {
        eprintln!("{}: warning: {why}", deck.display());
    }
}

/// Whether `a` and `b` name one file (as written, or on disk).
fn same_file(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    // A file that is not there yet: compare its folder on disk and name.
    let real = |p: &Path| {
        p.canonicalize().ok().or_else(|| {
            let folder = match p.parent() {
                Some(f) if !f.as_os_str().is_empty() => f,
                _ => Path::new("."),
            };
            Some(folder.canonicalize().ok()?.join(p.file_name()?))
        })
    };
    matches!((real(a), real(b)), (Some(x), Some(y)) if x == y)
}
