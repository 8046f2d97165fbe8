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
    let loaded = match crate::deck::load(deck) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("{error}");
            return EXIT_ERRORS;
        }
    };
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

/// Says which images and pages printed as placeholders (the PDF is still
/// written, and the exit code stays 0: the notes are all there).
fn warn_not_shown(deck: &Path, not_shown: &[String]) {
    for why in not_shown {
        eprintln!(
            "{}: warning: printed as a placeholder: {why}",
            deck.display()
        );
    }
}
