//! `cuecard preflight`: the check before a venue. Everything a deck needs
//! on the day (images and the logo, the local video, fonts, links, the
//! timing), as a checklist with an exit code.
//!
//! Each item answers the trainer's question "will this play and show here,
//! now?" for one thing: an image file (however many slides show it), a
//! link (its page and its local copy together), a transcript. Every problem
//! is one item, counted once: the loader's diagnostics about files and
//! links are not repeated, because the items check the same things.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::deck::{self, Deck, Kind, Severity};

mod images;
mod links;
mod probe;

pub use images::{MAX_IMAGE_PIXELS, check_image, decode_image};
pub use probe::{PROBE_TIMEOUT_SECS, Reach, disposition_file_name, probe};

/// How one item of the checklist came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Ready.
    Ready,
    /// Works, but look at it (e.g. the local video is missing; the online
    /// link will be used).
    Warning,
    /// Will not work at the venue.
    Failed,
}

impl Status {
    fn mark(self) -> &'static str {
        match self {
            Self::Ready => "[ok]  ",
            Self::Warning => "[warn]",
            Self::Failed => "[FAIL]",
        }
    }
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// How it came out.
    pub status: Status,
    /// What was checked, and what to do if it is not ready.
    pub text: String,
}

/// The whole checklist.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The items, in checking order.
    pub items: Vec<Item>,
}

impl Report {
    fn push(&mut self, status: Status, text: impl Into<String>) {
        self.items.push(Item {
            status,
            text: text.into(),
        });
    }

    /// The worst status in the report.
    pub fn worst(&self) -> Status {
        self.items
            .iter()
            .map(|i| i.status)
            .max()
            .unwrap_or(Status::Ready)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for item in &self.items {
            writeln!(f, "{} {}", item.status.mark(), item.text)?;
        }
        let count = |s| self.items.iter().filter(|i| i.status == s).count();
        write!(
            f,
            "{} ready, {} warnings, {} failed",
            count(Status::Ready),
            count(Status::Warning),
            count(Status::Failed)
        )
    }
}

/// Checks the deck at `path` for a venue. With `online`, also asks every
/// link's server whether it answers ([`probe`], at most
/// [`PROBE_TIMEOUT_SECS`] seconds each); without it, a link's page is
/// only checked to be a well-formed address.
pub fn preflight(path: &Path, online: bool) -> Report {
    let mut report = Report::default();
    let loaded = match deck::load(path) {
        Ok(loaded) => loaded,
        Err(error) => {
            for diagnostic in &error.diagnostics {
                let status = if diagnostic.is_error() {
                    Status::Failed
                } else {
                    Status::Warning
                };
                report.push(status, diagnostic.to_string());
            }
            return report;
        }
    };
    let deck = &loaded.deck;
    let folder = loaded.folder.as_deref().unwrap_or(Path::new("."));
    report.push(
        Status::Ready,
        format!(
            "deck {} loads: {:?}, {} slides",
            path.display(),
            deck.title,
            deck.slides.len()
        ),
    );
    for diagnostic in &loaded.diagnostics {
        if checked_below(diagnostic.kind) {
            continue;
        }
        match diagnostic.severity {
            Severity::Error => report.push(Status::Failed, diagnostic.to_string()),
            Severity::Warning => report.push(Status::Warning, diagnostic.to_string()),
            Severity::Note => {}
        }
    }
    pdf_pages(&mut report, &loaded);
    images::images(&mut report, deck, folder);
    links::links(&mut report, deck, folder, online);
    fonts(&mut report);
    timing(&mut report, deck);
    report
}

/// Whether the checklist's own items cover diagnostics of `kind` (files,
/// links, the timing), so that a problem is not counted twice.
fn checked_below(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::BadUrl
            | Kind::RunsProgram
            | Kind::Credentials
            | Kind::LookalikeHost
            | Kind::PathEscapes
            | Kind::NotMedia
            | Kind::MissingFile
            | Kind::BadMinutes
    )
}

/// Where a file written in the deck as `written` is looked for, as a path
/// the trainer can use from where preflight was run: `media/clip.mp4` for
/// a deck in the current folder, `decks/media/clip.mp4` for
/// `decks/module5.ron`.
fn expected_at(folder: &Path, written: &str) -> String {
    let relative: PathBuf = written
        .split(['/', '\\'])
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    if folder == Path::new(".") {
        relative.display().to_string()
    } else {
        folder.join(relative).display().to_string()
    }
}

fn fonts(report: &mut Report) {
    use crate::ui::fonts::{BOLD, ITALIC, REGULAR, definitions};
    let fonts = definitions();
    let ok = [REGULAR, BOLD, ITALIC].iter().all(|name| {
        fonts
            .font_data
            .get(*name)
            .is_some_and(|d| !(*d.font).as_ref().is_empty())
    });
    if ok {
        report.push(
            Status::Ready,
            format!(
                "fonts: Atkinson Hyperlegible and {} fallbacks built into cuecard, no system fonts needed",
                fonts.font_data.len().saturating_sub(3)
            ),
        );
    } else {
        report.push(
            Status::Failed,
            "fonts: Atkinson Hyperlegible is missing from this build",
        );
    }
}

fn timing(report: &mut Report, deck: &Deck) {
    let planned = deck.planned_slide_minutes();
    let unplanned = deck.slides.iter().filter(|s| s.minutes.is_none()).count();
    match deck.duration_minutes {
        None => report.push(
            Status::Warning,
            format!("timing: no duration_minutes; the slides plan {planned} minutes (pacing needs both)"),
        ),
        Some(duration) if planned > duration + 0.5 => report.push(
            Status::Warning,
            format!("timing: the slides plan {planned} minutes, more than the {duration}-minute duration"),
        ),
        Some(duration) if unplanned > 0 => report.push(
            Status::Warning,
            format!("timing: {unplanned} slides have no planned minutes; the others plan {planned} of {duration}"),
        ),
        Some(duration) => report.push(
            Status::Ready,
            format!("timing: the slides plan {planned} minutes of the {duration}-minute duration"),
        ),
    }
}

/// The deck's PDF: its page count, and every page a slide shows renders.
fn pdf_pages(report: &mut Report, loaded: &deck::LoadedDeck) {
    let Some(pdf) = loaded.pdf_path() else {
        // A PDF that cannot be used (outside the deck's folder, missing):
        // the room would see blank pages, so it is never "ready".
        if let Some(named) = &loaded.deck.pdf {
            let said: Vec<String> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.is_error() && checked_below(d.kind))
                .map(ToString::to_string)
                .filter(|d| d.contains(named.as_str()))
                .collect();
            if said.is_empty() {
                report.push(
                    Status::Failed,
                    format!("pdf {named:?}: cannot be used (not inside the deck's folder); the slides that show its pages would be blank"),
                );
            }
            for line in said {
                report.push(Status::Failed, line);
            }
        }
        return;
    };
    let failures = deck::render_check(loaded);
    match crate::pdf::PdfDocument::open(&pdf) {
        Ok(document) if failures.is_empty() => {
            // Slides naming pages the PDF does not have are reported with
            // the deck's errors above; count the pages that exist.
            let used = loaded
                .deck
                .slides
                .iter()
                .filter_map(crate::deck::Slide::page_index)
                .filter(|&i| i < document.page_count())
                .count();
            report.push(
                Status::Ready,
                format!(
                    "pdf {}: {}, {}",
                    pdf.display(),
                    crate::cli::plural(document.page_count(), "page"),
                    if used == 1 {
                        "the slide that shows one of them renders".to_owned()
                    } else {
                        format!("the {used} slides that show one of them render")
                    }
                ),
            );
        }
        Ok(_) => {
            for failure in failures {
                report.push(Status::Failed, failure.to_string());
            }
        }
        // Loading already reported why it does not open.
        Err(_) => {}
    }
}
