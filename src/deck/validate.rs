//! Checks that parsing cannot make: ids, titles, links, paths and minutes.

use std::collections::HashMap;
use std::path::Path;

use super::diagnostic::{Diagnostic, Kind, Location, Severity};
use super::policy::{self, Refusal};
use super::schema::{Block, Deck, Note, SCHEMA_VERSION, Slide};

/// Most minutes a slide, a prompt or a whole deck may plan (a full day).
pub const MAX_MINUTES: f64 = 24.0 * 60.0;

/// Names of the built-in themes.
pub const THEMES: &[&str] = &["light", "dark", "high-contrast"];

/// Finds the places of values in the deck's source text, so that a problem
/// found after parsing still points at a line and column. Values are found
/// by their RON spelling, searching forward from the slide they belong to;
/// where a value cannot be found the slide's own place is used.
struct Locator<'a> {
    source: &'a str,
    /// Byte offset of each slide's `id` value, in slide order.
    slide_offsets: Vec<Option<usize>>,
}

impl<'a> Locator<'a> {
    fn new(source: &'a str, deck: &Deck) -> Self {
        let mut cursor = 0;
        let slide_offsets = deck
            .slides
            .iter()
            .map(|slide| {
                let found = find_field(source, cursor, "id", &slide.id);
                if let Some(offset) = found {
                    cursor = offset + 1;
                }
                found
            })
            .collect();
        Self {
            source,
            slide_offsets,
        }
    }

    fn slide(&self, index: usize) -> Location {
        self.slide_offsets
            .get(index)
            .copied()
            .flatten()
            .map_or(Location::START, |o| Location::of_offset(self.source, o))
    }

    /// The place of `field: "value"` at or after slide `index` (or in the
    /// deck header for `None`), else the slide's place.
    fn field(&self, index: Option<usize>, field: &str, value: &str) -> Location {
        let start = index
            .and_then(|i| self.slide_offsets.get(i).copied().flatten())
            .unwrap_or(0);
        find_field(self.source, start, field, value)
            .or_else(|| find_value(self.source, start, value))
            .map_or_else(
                || index.map_or(Location::START, |i| self.slide(i)),
                |o| Location::of_offset(self.source, o),
            )
    }

    /// The place of the first `key:` in the file (for header fields).
    fn key(&self, key: &str) -> Location {
        find_key(self.source, 0, key).map_or(Location::START, |o| Location::of_offset(self.source, o))
    }

    /// The place of `key:` inside slide `index`.
    fn slide_key(&self, index: usize, key: &str) -> Location {
        let start = self.slide_offsets.get(index).copied().flatten().unwrap_or(0);
        let end = self
            .slide_offsets
            .get(index + 1)
            .copied()
            .flatten()
            .unwrap_or(self.source.len());
        find_key(self.source, start, key)
            .filter(|o| *o < end)
            .map_or_else(|| self.slide(index), |o| Location::of_offset(self.source, o))
    }
}

fn ron_literal(value: &str) -> String {
    ron::to_string(value).unwrap_or_else(|_| format!("{value:?}"))
}

fn find_value(source: &str, start: usize, value: &str) -> Option<usize> {
    let literal = ron_literal(value);
    source.get(start..)?.find(&literal).map(|o| o + start)
}

/// Offset of `value`'s literal where it follows `field:` (white space allowed).
fn find_field(source: &str, start: usize, field: &str, value: &str) -> Option<usize> {
    let literal = ron_literal(value);
    let mut from = start;
    while let Some(found) = source.get(from..).and_then(|s| s.find(&literal)) {
        let offset = from + found;
        let before = source.get(..offset).unwrap_or_default().trim_end();
        if let Some(before) = before.strip_suffix(':')
            && before.trim_end().ends_with(field)
        {
            return Some(offset);
        }
        from = offset + literal.len().max(1);
    }
    None
}

fn find_key(source: &str, start: usize, key: &str) -> Option<usize> {
    let mut from = start;
    while let Some(found) = source.get(from..).and_then(|s| s.find(key)) {
        let offset = from + found;
        let after = source.get(offset + key.len()..).unwrap_or_default();
        let before_ok = source
            .get(..offset)
            .and_then(|b| b.chars().next_back())
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        if before_ok && after.trim_start().starts_with(':') {
            return Some(offset);
        }
        from = offset + key.len();
    }
    None
}

struct Checker<'a> {
    path: &'a Path,
    folder: Option<&'a Path>,
    locator: Locator<'a>,
    found: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn push(&mut self, severity: Severity, kind: Kind, location: Location, message: String) {
        self.found
            .push(Diagnostic::new(severity, kind, self.path, location, message));
    }

    fn minutes(&mut self, what: &str, minutes: Option<f64>, location: Location) {
        if let Some(minutes) = minutes
            && !(minutes.is_finite() && (0.0..=MAX_MINUTES).contains(&minutes))
        {
            self.push(
                Severity::Error,
                Kind::BadMinutes,
                location,
                format!("{what} is {minutes} minutes; give a number from 0 to {MAX_MINUTES}"),
            );
        }
    }

    fn url(&mut self, slide: usize, label: &str, field: &str, url: &str) {
        if let Err(refusal) = policy::check_url(url) {
            let location = self.locator.field(Some(slide), field, url);
            self.push(
                Severity::Error,
                Kind::BadUrl,
                location,
                format!("{label}: {refusal}"),
            );
        }
    }

    fn file(&mut self, slide: usize, label: &str, field: &str, path: &str, media: bool) {
        let checked = if media {
            policy::check_media_path(path)
        } else {
            policy::check_relative_path(path)
        };
        let location = self.locator.field(Some(slide), field, path);
        if let Err(refusal) = checked {
            let kind = match refusal {
                Refusal::EmptyPath => Kind::Empty,
                _ => Kind::PathEscapes,
            };
            self.push(Severity::Error, kind, location, format!("{label}: {refusal}"));
            return;
        }
        let Some(folder) = self.folder else {
            return;
        };
        match policy::resolve_inside(folder, path) {
            Ok(Some(_)) => {}
            Ok(None) if media => self.push(
                Severity::Note,
                Kind::MissingFile,
                location,
                format!(
                    "{label}: the local copy {path:?} is not there; the console will offer the online link (put the file at {} to play it offline)",
                    folder.join(path).display()
                ),
            ),
            Ok(None) => self.push(
                Severity::Warning,
                Kind::MissingFile,
                location,
                format!(
                    "{label}: {path:?} is not there; the slide will show a placeholder (expected at {})",
                    folder.join(path).display()
                ),
            ),
            Err(refusal) => {
                self.push(Severity::Error, Kind::PathEscapes, location, format!("{label}: {refusal}"));
            }
        }
    }

    fn slide(&mut self, index: usize, slide: &Slide) {
        let n = index + 1;
        let name = format!("slide {n} ({:?})", slide.id);
        if slide.id.trim().is_empty() {
            let location = self.locator.slide_key(index, "id");
            self.push(
                Severity::Error,
                Kind::Empty,
                location,
                format!("slide {n}: the id is empty; give each slide a short unique id such as \"objectives\""),
            );
        }
        if slide.title.trim().is_empty() {
            let location = self.locator.slide_key(index, "title");
            self.push(
                Severity::Error,
                Kind::Empty,
                location,
                format!("{name}: the title is empty"),
            );
        }
        let location = self.locator.slide_key(index, "minutes");
        self.minutes(&format!("{name}: the planned time"), slide.minutes, location);
        for block in &slide.content {
            if let Block::Image { path, alt, .. } = block {
                if alt.trim().is_empty() {
                    let location = self.locator.field(Some(index), "path", path);
                    self.push(
                        Severity::Error,
                        Kind::Empty,
                        location,
                        format!("{name}: image {path:?} has no alt text; describe it for people who cannot see it"),
                    );
                }
                self.file(index, &format!("{name}: image"), "path", path, false);
            }
        }
        for link in &slide.links {
            if link.title.trim().is_empty() {
                let location = self.locator.field(Some(index), "url", &link.url);
                self.push(
                    Severity::Error,
                    Kind::Empty,
                    location,
                    format!("{name}: a link has an empty title; the console's button needs one"),
                );
            }
            let label = format!("{name}: link {:?}", link.title);
            self.url(index, &label, "url", &link.url);
            if let Some(transcript) = &link.transcript {
                self.url(index, &format!("{label} transcript"), "transcript", transcript);
            }
            if let Some(local) = &link.local {
                self.file(index, &label, "local", local, true);
            }
        }
        for note in &slide.notes {
            if let Note::Prompt { question, minutes, .. } = note {
                let location = self.locator.field(Some(index), "question", question);
                self.minutes(&format!("{name}: a prompt's discussion time"), *minutes, location);
            }
        }
    }
}

/// Validates a parsed `deck` whose text is `source`. Paths of images and
/// local media are checked against `folder` when given.
///
/// Returns every problem found (errors, warnings and notes), each naming
/// the slide (number and id) and the field.
pub fn validate(deck: &Deck, source: &str, path: &Path, folder: Option<&Path>) -> Vec<Diagnostic> {
    let mut checker = Checker {
        path,
        folder,
        locator: Locator::new(source, deck),
        found: Vec::new(),
    };
    if deck.version > SCHEMA_VERSION {
        let location = checker.locator.key("version");
        checker.push(
            Severity::Error,
            Kind::Version,
            location,
            format!(
                "this deck is written for deck format version {}; this cuecard reads version {SCHEMA_VERSION} (update cuecard)",
                deck.version
            ),
        );
    }
    if deck.title.trim().is_empty() {
        let location = checker.locator.key("title");
        checker.push(Severity::Error, Kind::Empty, location, "the deck's title is empty".into());
    }
    let location = checker.locator.key("duration_minutes");
    checker.minutes("the deck's planned duration", deck.duration_minutes, location);
    if let Some(theme) = &deck.theme
        && !THEMES.contains(&theme.as_str())
    {
        let location = checker.locator.field(None, "theme", theme);
        checker.push(
            Severity::Warning,
            Kind::UnknownTheme,
            location,
            format!("unknown theme {theme:?}; using \"light\" (themes: {})", THEMES.join(", ")),
        );
    }
    if deck.slides.is_empty() {
        let location = checker.locator.key("slides");
        checker.push(
            Severity::Error,
            Kind::NoSlides,
            location,
            "the deck has no slides; add at least one to `slides: [...]`".into(),
        );
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (index, slide) in deck.slides.iter().enumerate() {
        if let Some(first) = seen.insert(slide.id.as_str(), index)
            && !slide.id.trim().is_empty()
        {
            let location = checker.locator.slide(index);
            checker.push(
                Severity::Error,
                Kind::DuplicateId,
                location,
                format!(
                    "slide {}: id {:?} is already used by slide {}; slide ids must be unique",
                    index + 1,
                    slide.id,
                    first + 1
                ),
            );
        }
        checker.slide(index, slide);
    }
    if let Some(duration) = deck.duration_minutes {
        let planned = deck.planned_slide_minutes();
        if duration.is_finite() && planned > duration + 0.5 {
            let location = checker.locator.key("duration_minutes");
            checker.push(
                Severity::Warning,
                Kind::BadMinutes,
                location,
                format!("the slides plan {planned} minutes, more than the deck's {duration}-minute duration"),
            );
        }
    }
    if !deck.slides.is_empty() && deck.slides.iter().all(|s| s.hidden) {
        let location = checker.locator.key("slides");
        checker.push(
            Severity::Warning,
            Kind::Empty,
            location,
            "every slide is hidden; next and previous will have nowhere to go".into(),
        );
    }
    checker.found
}
