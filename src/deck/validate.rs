//! Checks that parsing cannot make: ids, titles, links, paths and minutes.

use std::collections::HashMap;
use std::path::Path;

use super::diagnostic::{Diagnostic, Kind, Location, Severity};
use super::locator::Locator;
use super::policy::{self, Caution, Refusal, Verdict};
use super::schema::{Block, Bullet, Deck, Note, SCHEMA_VERSION, Slide};
use super::theme;

/// Most minutes a slide, a prompt or a whole deck may plan (a full day).
pub const MAX_MINUTES: f64 = 24.0 * 60.0;

/// Lines of slide text above which `check` warns that a slide is too full.
pub const MAX_LINES: usize = 14;

/// A rough count of a slide's lines of text: a bullet or heading is one,
/// a paragraph or quotation one per 70 characters.
fn text_lines(slide: &Slide) -> usize {
    let wrapped = |text: &str| text.chars().count().div_ceil(70).max(1);
    slide
        .content
        .iter()
        .map(|block| match block {
            Block::Heading(_) | Block::Image { .. } => 1,
            Block::Paragraph(text) | Block::Quote { text, .. } => wrapped(text),
            Block::Bullets(items) => items.iter().map(|i| wrapped(&i.text)).sum(),
        })
        .sum()
}

/// Names of the built-in themes.
pub const THEMES: &[&str] = &["light", "dark", "high-contrast"];

pub(super) struct Checker<'a> {
    pub(super) path: &'a Path,
    pub(super) folder: Option<&'a Path>,
    pub(super) locator: Locator<'a>,
    pub(super) found: Vec<Diagnostic>,
}

impl Checker<'_> {
    pub(super) fn push(
        &mut self,
        severity: Severity,
        kind: Kind,
        location: Location,
        message: String,
    ) {
        self.found.push(Diagnostic::new(
            severity, kind, self.path, location, message,
        ));
    }

    /// Checks planned `minutes`; `location` is only worked out for a
    /// problem (finding places costs time on a 10,000-slide deck).
    fn minutes(
        &mut self,
        what: &str,
        minutes: Option<f64>,
        location: impl FnOnce(&Locator<'_>) -> Location,
    ) {
        if let Some(minutes) = minutes
            && !(minutes.is_finite() && (0.0..=MAX_MINUTES).contains(&minutes))
        {
            let location = location(&self.locator);
            let given = if minutes.is_finite() {
                format!("{minutes} minutes")
            } else {
                "too large a number".to_owned()
            };
            self.push(
                Severity::Error,
                Kind::BadMinutes,
                location,
                format!("{what} is {given}; give a number of minutes from 0 to {MAX_MINUTES}"),
            );
        }
    }

    fn url(&mut self, slide: usize, label: &str, url: &str) {
        match policy::web_link(url) {
            Verdict::Allowed => {}
            Verdict::Refused(refusal) => {
                let location = self.locator.value(Some(slide), url);
                let kind = match refusal {
                    Refusal::RunsProgram { .. } => Kind::RunsProgram,
                    _ => Kind::BadUrl,
                };
                self.push(
                    Severity::Error,
                    kind,
                    location,
                    format!("{label}: {refusal}"),
                );
            }
            Verdict::Warned { cautions, .. } => {
                let location = self.locator.value(Some(slide), url);
                for caution in cautions {
                    let kind = match caution {
                        Caution::Credentials { .. } => Kind::Credentials,
                        Caution::Lookalike(_) => Kind::LookalikeHost,
                    };
                    self.push(
                        Severity::Warning,
                        kind,
                        location,
                        format!("{label}: {caution}; the console asks before opening it"),
                    );
                }
            }
        }
    }

    fn file(&mut self, slide: usize, label: &str, path: &str, media: bool) {
        let checked = if media {
            policy::check_media_path(path)
        } else {
            policy::check_relative_path(path)
        };
        let location = self.locator.value(Some(slide), path);
        if let Err(refusal) = checked {
            let kind = match refusal {
                Refusal::EmptyPath => Kind::Empty,
                Refusal::NotMedia { .. } | Refusal::Program { .. } => Kind::NotMedia,
                _ => Kind::PathEscapes,
            };
            self.push(
                Severity::Error,
                kind,
                location,
                format!("{label}: {refusal}"),
            );
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

    /// Warns about a sub-bullet without a parent: the first bullet of a
    /// list below level 1, or a bullet more than one level below the one
    /// before it. The room would see an indent that belongs to nothing.
    fn bullet_levels(&mut self, index: usize, name: &str, items: &[Bullet]) {
        let mut above = 0;
        for bullet in items {
            let quoted = shorten(&bullet.text, 60);
            if bullet.text.trim().is_empty() {
                let location = self.locator.value(Some(index), &bullet.text);
                self.push(
                    Severity::Warning,
                    Kind::Empty,
                    location,
                    format!("{name}: an empty bullet; the room sees a bullet mark with nothing after it; write its text or remove it"),
                );
            }
            if bullet.level > above + 1 {
                let location = self.locator.value(Some(index), &bullet.text);
                let message = if above == 0 {
                    format!(
                        "{name}: the list starts with a level-{} bullet {quoted:?}, which has no bullet above it; make it level 1 (a plain string) or put its parent before it",
                        bullet.level
                    )
                } else {
                    format!(
                        "{name}: bullet {quoted:?} is at level {} right after a level-{above} bullet, so it skips a level; make it level {}",
                        bullet.level,
                        above + 1
                    )
                };
                self.push(Severity::Warning, Kind::BulletLevel, location, message);
            }
            above = bullet.level;
        }
    }

    fn slide(&mut self, index: usize, slide: &Slide) {
        let n = index + 1;
        let name = format!("slide {n} ({:?})", slide.id);
        if slide.id.trim().is_empty() {
            let location = self
                .locator
                .slide_key(index, "id")
                .unwrap_or_else(|| self.locator.slide(index));
            self.push(
                Severity::Error,
                Kind::Empty,
                location,
                format!("slide {n}: the id is empty; give each slide a short unique id such as \"objectives\""),
            );
        }
        if slide.title.trim().is_empty() && slide.page.is_none() {
            if let Some(location) = self.locator.slide_key(index, "title") {
                self.push(
                    Severity::Error,
                    Kind::Empty,
                    location,
                    format!("{name}: the title is empty"),
                );
            } else {
                let location = self.locator.slide(index);
                self.push(
                    Severity::Error,
                    Kind::MissingField,
                    location,
                    format!("{name}: missing field `title`; add `title: \"...\"` (only a slide that shows a PDF `page` may go without)"),
                );
            }
        }
        self.minutes(&format!("{name}: the planned time"), slide.minutes, |l| {
            l.slide_key(index, "minutes")
                .unwrap_or_else(|| l.slide(index))
        });
        for block in &slide.content {
            if let Block::Bullets(items) = block {
                self.bullet_levels(index, &name, items);
            }
            if let Block::Image { path, alt, .. } = block {
                if alt.trim().is_empty() {
                    let location = self.locator.key_after_value(index, path, "alt");
                    self.push(
                        Severity::Error,
                        Kind::Empty,
                        location,
                        format!("{name}: image {path:?} has no alt text; describe it for people who cannot see it"),
                    );
                }
                self.file(index, &format!("{name}: image"), path, false);
            }
        }
        let lines = text_lines(slide);
        if lines > MAX_LINES {
            let location = self
                .locator
                .slide_key(index, "content")
                .unwrap_or_else(|| self.locator.slide(index));
            self.push(
                Severity::Warning,
                Kind::TooMuchText,
                location,
                format!(
                    "{name}: about {lines} lines of text; cuecard shrinks text to fit, but past {MAX_LINES} lines it gets too small to read from the back of a room; split the slide"
                ),
            );
        }
        for link in &slide.links {
            if link.title.trim().is_empty() {
                let location = self.locator.value(Some(index), &link.title);
                self.push(
                    Severity::Error,
                    Kind::Empty,
                    location,
                    format!("{name}: a link has an empty title; the console's button needs one"),
                );
            }
            let label = format!("{name}: link {:?}", link.title);
            self.url(index, &label, &link.url);
            if let Some(transcript) = &link.transcript {
                self.url(index, &format!("{label} transcript"), transcript);
            }
            if let Some(local) = &link.local {
                self.file(index, &label, local, true);
            }
        }
        for note in &slide.notes {
            if let Note::Prompt {
                question, minutes, ..
            } = note
            {
                self.minutes(
                    &format!("{name}: a prompt's discussion time"),
                    *minutes,
                    |l| l.key_after_value(index, question, "minutes"),
                );
            }
        }
    }
}

/// `text` cut to at most `max` characters, ending in `…` when cut: a
/// deck's text quoted in a message or a table.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// Validates a parsed `deck` whose text is `source`. Paths of images and
/// local media are checked against `folder` when given.
///
/// Returns every problem found (errors, warnings and notes), each naming
/// the slide (number and id) and the field. A deck's `pdf` is opened (when
/// `folder` is given) to count its pages.
pub fn validate(deck: &Deck, source: &str, path: &Path, folder: Option<&Path>) -> Vec<Diagnostic> {
    validate_with_pdf(deck, source, path, folder).0
}

/// As [`validate`], also returning the deck's PDF's page count when the
/// PDF opened.
pub(super) fn validate_with_pdf(
    deck: &Deck,
    source: &str,
    path: &Path,
    folder: Option<&Path>,
) -> (Vec<Diagnostic>, Option<usize>) {
    let mut checker = Checker {
        path,
        folder,
        locator: Locator::new(source),
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
        checker.push(
            Severity::Error,
            Kind::Empty,
            location,
            "the deck's title is empty".into(),
        );
    }
    checker.minutes("the deck's planned duration", deck.duration_minutes, |l| {
        l.key("duration_minutes")
    });
    if let Some(colors) = &deck.colors {
        for (name, value) in [
            ("background", &colors.background),
            ("text", &colors.text),
            ("accent", &colors.accent),
            ("muted", &colors.muted),
        ] {
            if let Some(value) = value
                && theme::parse_hex(value).is_none()
            {
                let location = checker.locator.value(None, value);
                checker.push(
                    Severity::Error,
                    Kind::BadColor,
                    location,
                    format!("colors: {name} {value:?} is not a colour; write it as \"#RRGGBB\", e.g. \"#1C222B\""),
                );
            }
        }
    }
    let palette = theme::palette(deck);
    for (what, color) in [("text", palette.text), ("muted text", palette.muted)] {
        let ratio = theme::contrast_ratio(color, palette.background);
        if ratio < theme::MIN_CONTRAST {
            let location = if deck.colors.is_some() {
                checker.locator.key("colors")
            } else {
                checker.locator.key("theme")
            };
            checker.push(
                Severity::Warning,
                Kind::LowContrast,
                location,
                format!(
                    "the {what} on the slide background has a contrast of {ratio:.1}:1, below the {}:1 that WCAG 2.2 AA asks for; it will be hard to read on a projector",
                    theme::MIN_CONTRAST
                ),
            );
        }
    }
    if let Some(logo) = &deck.logo {
        checker.file(0, "logo", logo, false);
    }
    if let Some(theme) = &deck.theme
        && !THEMES.contains(&theme.as_str())
    {
        let location = checker.locator.value(None, theme);
        checker.push(
            Severity::Warning,
            Kind::UnknownTheme,
            location,
            format!(
                "unknown theme {theme:?}; using \"light\" (themes: {})",
                THEMES.join(", ")
            ),
        );
    }
    let pages = super::pages::check(&mut checker, deck);
    let has_slides_key = checker
        .locator
        .scan
        .keys
        .iter()
        .any(|k| k.depth == 1 && k.name == "slides");
    if deck.slides.is_empty() && deck.pdf.is_none() && !has_slides_key {
        // Where ron pointed before `slides` had a default: the deck's `)`.
        let location = source
            .rfind(')')
            .map_or(Location::START, |at| checker.locator.at(at));
        checker.push(
            Severity::Error,
            Kind::MissingField,
            location,
            "missing field `slides`; add `slides: [...]` with at least one slide, or `pdf: \"slides.pdf\"` to show a PDF's pages (see docs/deck-format.md)".into(),
        );
    } else if deck.slides.is_empty() && deck.pdf.is_none() {
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
        if duration.is_finite() && duration >= 0.0 && planned > duration + 0.5 {
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
    (checker.found, pages)
}
