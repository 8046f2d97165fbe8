//! pdfpc's notes file: `NAME.pdfpc` beside `NAME.pdf`, JSON in pdfpc's
//! "format 2" (pdfpc 4.5 and later; also written by Touying, Polylux and
//! `BeamerPresenter`). cuecard reads what a presenter console needs:
//!
//! - `pdfpcFormat`: must be 2 (older files were not JSON);
//! - `duration`: the talk's length, minutes;
//! - `endSlide`: the last page of the talk proper, from 1 (pages after it
//!   are backup slides);
//! - `pages`: one entry per page that has something: `idx` (the page,
//!   from 0), `note` (the speaker notes, text) and `hidden` (skipped while
//!   presenting).
//!
//! Other fields (`label`, `overlay`, `noteFontSize`, `disableMarkdown`,
//! `startSlide`, `lastMinutes`, ...) are read and ignored.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The notes of a `.pdfpc` file, by page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pdfpc {
    /// The talk's planned length, minutes.
    pub duration_minutes: Option<f64>,
    /// The last page of the talk proper, from 1.
    pub end_page: Option<usize>,
    /// Speaker notes by page index (from 0); pages without notes are not
    /// listed.
    pub notes: Vec<(usize, String)>,
    /// Hidden pages' indexes (from 0), in ascending order.
    pub hidden: Vec<usize>,
}

impl Pdfpc {
    /// The note of page `index` (from 0), if it has one.
    pub fn note(&self, index: usize) -> Option<&str> {
        self.notes
            .iter()
            .find(|(i, _)| *i == index)
            .map(|(_, n)| n.as_str())
    }

    /// Whether page `index` (from 0) is hidden.
    pub fn is_hidden(&self, index: usize) -> bool {
        self.hidden.binary_search(&index).is_ok()
    }
}

/// Largest `.pdfpc` file read, in bytes (4 MiB).
pub const MAX_PDFPC_BYTES: u64 = 4 * 1024 * 1024;

/// A `.pdfpc` file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{column}: {message}", path.display())]
pub struct PdfpcError {
    /// The file.
    pub path: PathBuf,
    /// Line, from 1 (1 when the whole file is at fault).
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What is wrong and what to do.
    pub message: String,
}

#[derive(Deserialize)]
struct RawFile {
    #[serde(rename = "pdfpcFormat")]
    format: Option<u32>,
    duration: Option<f64>,
    #[serde(rename = "endSlide")]
    end_slide: Option<i64>,
    #[serde(default)]
    pages: Vec<RawPage>,
}

#[derive(Deserialize)]
struct RawPage {
    idx: Option<i64>,
    note: Option<String>,
    #[serde(default)]
    hidden: bool,
}

/// Where pdfpc looks for the notes of `pdf`: the same name with `.pdfpc`.
pub fn notes_path(pdf: &Path) -> PathBuf {
    pdf.with_extension("pdfpc")
}

/// Reads the `.pdfpc` file at `path`.
///
/// # Errors
/// [`PdfpcError`]: unreadable, over [`MAX_PDFPC_BYTES`], not JSON (with
/// the line and column), or not format 2.
pub fn load(path: &Path) -> Result<Pdfpc, PdfpcError> {
    let whole = |message: String| PdfpcError {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| whole(format!("cannot read the pdfpc notes: {e}")))?
        .len();
    if size > MAX_PDFPC_BYTES {
        return Err(whole(format!(
            "the pdfpc notes file is {} MiB, over {} MiB; is this the right file?",
            size / 1024 / 1024,
            MAX_PDFPC_BYTES / 1024 / 1024
        )));
    }
    let text =
        std::fs::read(path).map_err(|e| whole(format!("cannot read the pdfpc notes: {e}")))?;
    parse(&text, path)
}

/// Parses `.pdfpc` JSON; `path` names it in messages.
///
/// # Errors
/// As [`load`], except for reading.
pub fn parse(bytes: &[u8], path: &Path) -> Result<Pdfpc, PdfpcError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.trim_ascii_start().starts_with(b"[") {
        return Err(PdfpcError {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "this is pdfpc's old notes format (before 4.5); cuecard reads its JSON format 2 (open the PDF once with pdfpc 4.5 or later, which saves it in format 2)".to_owned(),
        });
    }
    let raw: RawFile = serde_json::from_slice(bytes).map_err(|e| PdfpcError {
        path: path.to_path_buf(),
        line: e.line().max(1),
        column: e.column().max(1),
        message: format!(
            "not a pdfpc notes file cuecard can read ({e}); pdfpc 4.5 and later write JSON in format 2"
        ),
    })?;
    if raw.format != Some(2) {
        return Err(PdfpcError {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: match raw.format {
                Some(n) => format!("pdfpc format {n}; cuecard reads format 2 (open and save the file with pdfpc 4.5 or later)"),
                None => "no \"pdfpcFormat\"; cuecard reads pdfpc's format 2 (open and save the file with pdfpc 4.5 or later)".to_owned(),
            },
        });
    }
    let mut out = Pdfpc {
        duration_minutes: raw.duration.filter(|d| d.is_finite() && *d > 0.0),
        end_page: raw
            .end_slide
            .and_then(|n| usize::try_from(n).ok())
            .filter(|n| *n > 0),
        ..Pdfpc::default()
    };
    for page in raw.pages {
        let Some(index) = page.idx.and_then(|i| usize::try_from(i).ok()) else {
            continue;
        };
        if let Some(note) = page
            .note
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
        {
            // Overlays of one page repeat the note: keep the first.
            if out.note(index).is_none() {
                out.notes.push((index, note));
            }
        }
        if page.hidden {
            out.hidden.push(index);
        }
    }
    out.notes.sort_by_key(|(i, _)| *i);
    out.hidden.sort_unstable();
    out.hidden.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn reads_notes_hidden_pages_duration_and_end_slide() {
        let json = br#"{"pdfpcFormat": 2, "duration": 45, "endSlide": 3, "disableMarkdown": true,
            "pages": [{"idx": 0, "label": "1", "overlay": 0, "note": "Welcome the room"},
                      {"idx": 1, "label": "2", "overlay": 0, "hidden": true},
                      {"idx": 2, "label": "3", "overlay": 0, "note": "Ask: who has seen this?"}]}"#;
        let notes = parse(json, Path::new("talk.pdfpc")).unwrap();
        assert_eq!(notes.duration_minutes, Some(45.0));
        assert_eq!(notes.end_page, Some(3));
        assert_eq!(notes.note(0), Some("Welcome the room"));
        assert_eq!(notes.note(1), None);
        assert_eq!(notes.note(2), Some("Ask: who has seen this?"));
        assert!(notes.is_hidden(1) && !notes.is_hidden(0));
    }

    #[test]
    fn refuses_other_formats_and_broken_json_with_the_place() {
        let err = parse(br#"{"pdfpcFormat": 1, "pages": []}"#, Path::new("a.pdfpc")).unwrap_err();
        assert!(
            err.to_string().starts_with("a.pdfpc:1:1: pdfpc format 1"),
            "{err}"
        );
        let err = parse(
            b"{\n  \"pdfpcFormat\": 2,\n  \"pages\": [ oops ]}",
            Path::new("b.pdfpc"),
        )
        .unwrap_err();
        assert_eq!((err.line, err.column), (3, 14), "{err}");
        let err = parse(b"[duration]\n45\n", Path::new("old.pdfpc")).unwrap_err();
        assert!(err.message.contains("format 2"), "{err}");
    }
}
