//! Rehearsed timings written back into the deck file: each timed slide's
//! `minutes` is edited in place (the number only), so comments, layout and
//! everything else in the file stay exactly as the trainer wrote them.
//! `PowerPoint`'s "Rehearse Timings" is the model: rehearse, then keep the
//! timings, after seeing what changes ([`Rewrite::diff`]).

use std::path::{Path, PathBuf};

use super::SessionError;
use crate::deck::scan::{KeyAt, scan};
use crate::deck::{Deck, Location};

/// A slide shown for less than this many seconds was skipped through, not
/// rehearsed: its planned minutes are kept.
pub const MIN_REHEARSED_SECS: f64 = 5.0;

/// One slide's `minutes` changed.
#[derive(Debug, Clone, PartialEq)]
pub struct MinutesChange {
    /// The slide's `id`.
    pub slide_id: String,
    /// Line of the change in the original file, from 1.
    pub line: usize,
    /// The planned minutes before, if the slide had any.
    pub old_minutes: Option<f64>,
    /// The rehearsed minutes written.
    pub new_minutes: f64,
}

/// A deck file with rehearsed minutes, ready to show and to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Rewrite {
    /// The deck file.
    pub path: PathBuf,
    /// Its text before.
    pub original: String,
    /// Its text after.
    pub text: String,
    /// What changed, in file order.
    pub changes: Vec<MinutesChange>,
    /// Slides not rehearsed (shown under [`MIN_REHEARSED_SECS`] or not at
    /// all), whose minutes are kept.
    pub kept: Vec<String>,
}

impl Rewrite {
    /// A unified diff of the change (`--- path` / `+++ path`, two lines of
    /// context), to show before writing; empty when nothing changes.
    pub fn diff(&self) -> String {
        if self.original == self.text {
            return String::new();
        }
        let name = self.path.display().to_string();
        similar::TextDiff::from_lines(&self.original, &self.text)
            .unified_diff()
            .context_radius(2)
            .header(&name, &name)
            .to_string()
    }

    /// Writes the new text over the deck file atomically (temporary file,
    /// flush, rename), only if the file still holds the original text.
    ///
    /// # Errors
    /// [`SessionError::DeckChanged`] when the file changed meanwhile (an
    /// editor saved it), [`SessionError::Io`] when it cannot be read or
    /// written; the file is then unchanged.
    pub fn write(&self) -> Result<(), SessionError> {
        let now = std::fs::read_to_string(&self.path)
            .map_err(|e| SessionError::io(&self.path, "read the deck", e))?;
        if now != self.original {
            return Err(SessionError::DeckChanged {
                path: self.path.clone(),
            });
        }
        // Replacing the file would get around its read-only mark (the
        // folder is writable): leave a file someone protected alone.
        let read_only = std::fs::metadata(&self.path).is_ok_and(|m| m.permissions().readonly());
        if read_only {
            return Err(SessionError::io(
                &self.path,
                "write the deck (it is read-only; make it writable, then rehearse again)",
                std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            ));
        }
        crate::settings::write_atomically(&self.path, self.text.as_bytes())
            .map_err(|e| SessionError::io(&self.path, "write the deck", e))
    }
}

/// Rehearsed minutes for `secs` seconds: rounded to a tenth of a minute
/// (six seconds), at least 0.1.
pub fn rehearsed_minutes(secs: f64) -> f64 {
    ((secs / 6.0).round() / 10.0).max(0.1)
}

/// Reads the deck at `path` and prepares [`rewrite_minutes`].
///
/// # Errors
/// As [`rewrite_minutes`], and [`SessionError::Io`] when it cannot be read.
pub fn rehearse_file(path: &Path, timings: &[(String, f64)]) -> Result<Rewrite, SessionError> {
    let source =
        std::fs::read_to_string(path).map_err(|e| SessionError::io(path, "read the deck", e))?;
    rewrite_minutes(path, &source, timings)
}

/// Works out the deck text `source` (of the file `path`) with each slide in
/// `timings` (slide id, rehearsed seconds) given [`rehearsed_minutes`]:
/// an existing `minutes: N` has its number replaced; a slide without one
/// gets a `minutes: N,` line after its `id`. Nothing else changes, which is
/// checked by parsing the result.
///
/// # Errors
/// [`SessionError::Rehearse`] with the `path:line:column` when the deck
/// does not parse or a slide's text is not as expected (nothing is
/// changed then).
pub fn rewrite_minutes(
    path: &Path,
    source: &str,
    timings: &[(String, f64)],
) -> Result<Rewrite, SessionError> {
    let fail = |offset: usize, detail: String| SessionError::Rehearse {
        path: path.to_path_buf(),
        line: Location::of_offset(source, offset).line,
        column: Location::of_offset(source, offset).column,
        detail,
    };
    let deck = parse(path, source)?;
    let scanned = scan(source);
    let slides_key = scanned
        .keys
        .iter()
        .find(|k| k.depth == 1 && k.name == "slides")
        .ok_or_else(|| fail(0, "no `slides:` found".to_owned()))?;
    let opens: Vec<usize> = scanned
        .opens
        .iter()
        .filter(|o| o.depth == 3 && o.offset > slides_key.offset)
        .map(|o| o.offset)
        .collect();
    if opens.len() != deck.slides.len() {
        return Err(fail(
            slides_key.offset,
            format!(
                "found {} slides in the text but the deck has {}",
                opens.len(),
                deck.slides.len()
            ),
        ));
    }
    let newline = if source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut changes = Vec::new();
    let mut kept = Vec::new();
    let mut expected = deck.clone();
    for (i, slide) in deck.slides.iter().enumerate() {
        let start = opens.get(i).copied().unwrap_or(source.len());
        let end = opens.get(i + 1).copied().unwrap_or(source.len());
        let secs = timings
            .iter()
            .find(|(id, _)| *id == slide.id)
            .map_or(0.0, |(_, s)| *s);
        if secs < MIN_REHEARSED_SECS {
            kept.push(slide.id.clone());
            continue;
        }
        let new_minutes = rehearsed_minutes(secs);
        if slide
            .minutes
            .is_some_and(|m| (m - new_minutes).abs() < 0.05)
        {
            continue;
        }
        let field = |name: &str| {
            scanned
                .keys
                .iter()
                .find(|k| k.depth == 3 && k.name == name && (start..end).contains(&k.offset))
        };
        let number = format!("{new_minutes:.1}");
        let edit = if let Some(key) = field("minutes") {
            replace_number(source, key, &number).ok_or_else(|| {
                fail(
                    key.offset,
                    "`minutes:` is not followed by a number".to_owned(),
                )
            })?
        } else {
            let id =
                field("id").ok_or_else(|| fail(start, "this slide has no `id:`".to_owned()))?;
            insert_after_id(source, &scanned.strings, id, &number, newline)
                .ok_or_else(|| fail(id.offset, "`id:` is not followed by a string".to_owned()))?
        };
        changes.push(MinutesChange {
            slide_id: slide.id.clone(),
            line: Location::of_offset(source, edit.0).line,
            old_minutes: slide.minutes,
            new_minutes,
        });
        if let Some(s) = expected.slides.get_mut(i) {
            s.minutes = Some(new_minutes);
        }
        edits.push(edit);
    }
    let mut text = source.to_owned();
    for (from, to, with) in edits.iter().rev() {
        text.replace_range(*from..*to, with);
    }
    // Nothing but the minutes may have changed.
    let after = parse(path, &text)?;
    if after != expected {
        return Err(fail(
            0,
            "the edited deck does not read back as the same deck with new minutes".to_owned(),
        ));
    }
    Ok(Rewrite {
        path: path.to_path_buf(),
        original: source.to_owned(),
        text,
        changes,
        kept,
    })
}

fn parse(path: &Path, source: &str) -> Result<Deck, SessionError> {
    crate::deck::parse(source.as_bytes(), path, None)
        .map(|loaded| loaded.deck)
        .map_err(|error| {
            let first = error.first();
            SessionError::Rehearse {
                path: path.to_path_buf(),
                line: first.map_or(1, |d| d.location.line),
                column: first.map_or(1, |d| d.location.column),
                detail: format!(
                    "the deck does not load ({}); fix it first",
                    first.map(|d| d.message.clone()).unwrap_or_default()
                ),
            }
        })
}

/// The edit replacing the number after `minutes:` (also inside `Some(...)`).
fn replace_number(source: &str, key: &KeyAt, number: &str) -> Option<(usize, usize, String)> {
    let bytes = source.as_bytes();
    let mut i = key.offset + key.name.len();
    let skip_space = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    i = skip_space(i);
    if bytes.get(i) != Some(&b':') {
        return None;
    }
    i = skip_space(i + 1);
    if source.get(i..)?.starts_with("Some") {
        i = skip_space(i + 4);
        if bytes.get(i) != Some(&b'(') {
            return None;
        }
        i = skip_space(i + 1);
    }
    let start = i;
    while bytes
        .get(i)
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+' | b'e' | b'E' | b'_'))
    {
        i += 1;
    }
    (i > start).then(|| (start, i, number.to_owned()))
}

/// The edit adding `minutes: N,` after the slide's `id: "..."`: on a line
/// of its own when the id has a line of its own, else on the same line.
fn insert_after_id(
    source: &str,
    strings: &[crate::deck::scan::StrAt],
    id: &KeyAt,
    number: &str,
    newline: &str,
) -> Option<(usize, usize, String)> {
    let value = strings.iter().find(|s| s.offset > id.offset)?;
    let bytes = source.as_bytes();
    let mut i = value.offset + value.raw.len();
    while bytes.get(i).is_some_and(|c| *c == b' ' || *c == b'\t') {
        i += 1;
    }
    let has_comma = bytes.get(i) == Some(&b',');
    if !has_comma {
        let at = value.offset + value.raw.len();
        return Some((at, at, format!(", minutes: {number}")));
    }
    let after_comma = i + 1;
    let line_start = source.get(..id.offset)?.rfind('\n').map_or(0, |n| n + 1);
    let indent = source.get(line_start..id.offset)?;
    let line_end = source
        .get(after_comma..)?
        .find('\n')
        .map(|n| after_comma + n);
    let rest = line_end
        .and_then(|e| source.get(after_comma..e))
        .unwrap_or("");
    let own_line = indent.chars().all(|c| c == ' ' || c == '\t')
        && (rest.trim().is_empty() || rest.trim_start().starts_with("//"));
    match line_end {
        Some(end) if own_line => Some((
            end + 1,
            end + 1,
            format!("{indent}minutes: {number},{newline}"),
        )),
        _ => Some((after_comma, after_comma, format!(" minutes: {number},"))),
    }
}
