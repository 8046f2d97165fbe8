//! Problems found in a deck, each with its place in the file.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing, never fails a check (e.g. a local video copy that is
    /// not there, when the online link still works).
    Note,
    /// The deck works, but something is probably wrong.
    Warning,
    /// The deck cannot be presented as written.
    Error,
}

impl Severity {
    /// The word printed before the message: `error`, `warning` or `note`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// A 1-based line and column in a deck file. Columns count characters,
/// as editors do, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1, in characters.
    pub column: usize,
}

impl Location {
    /// The start of the file.
    pub const START: Self = Self { line: 1, column: 1 };

    /// The location of byte `offset` in `source` (clamped to the end and to
    /// a character boundary).
    pub fn of_offset(source: &str, offset: usize) -> Self {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = source.get(..offset).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).unwrap_or_default().chars().count() + 1;
        Self { line, column }
    }
}

/// What kind of problem a [`Diagnostic`] reports; stable, for tests and
/// tools that sort problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The file could not be read (missing, a folder, no permission).
    Io,
    /// The file is larger than a deck can reasonably be.
    TooLarge,
    /// The file is not UTF-8 text.
    NotUtf8,
    /// A file of another kind given as a deck: a `PowerPoint`, Word or
    /// Keynote file, a zip archive, a picture.
    NotADeck,
    /// RON syntax: a missing comma, bracket or quote, a stray character.
    Syntax,
    /// Nesting deeper than the loader follows.
    TooDeep,
    /// A field name the schema does not have (often a typo).
    UnknownField,
    /// A required field is missing.
    MissingField,
    /// A field given twice.
    DuplicateField,
    /// A value of the wrong type (a number where text belongs, ...).
    WrongType,
    /// A name that is not one of an enum's variants (layout, note kind, ...).
    UnknownVariant,
    /// A deck written for a newer schema version.
    Version,
    /// A deck without slides.
    NoSlides,
    /// Two slides with the same id.
    DuplicateId,
    /// An empty or blank required text (title, id, alt text, link title).
    Empty,
    /// A URL that is not `http` or `https`.
    BadUrl,
    /// A file path that leaves the deck's folder or is absolute.
    PathEscapes,
    /// A local media file whose type cuecard will not open (e.g. `.exe`).
    NotMedia,
    /// A web link to a file that runs a program when opened (an installer,
    /// a shortcut, a script).
    RunsProgram,
    /// A web link with a user name or password in it (a warning; the
    /// console shows and opens it without them).
    Credentials,
    /// A web link whose host is in punycode or mixes scripts, a possible
    /// lookalike of a real site (a warning).
    LookalikeHost,
    /// A referenced file that does not exist.
    MissingFile,
    /// Negative, absurd or inconsistent planned minutes.
    BadMinutes,
    /// An unknown theme name.
    UnknownTheme,
    /// More text than fits on a slide legibly.
    TooMuchText,
    /// A slide whose text and images had to shrink to fit, or that does
    /// not fit even at the smallest size (found by laying it out).
    TooFull,
    /// A colour that is not `#RRGGBB`.
    BadColor,
    /// Text and background too alike to read (WCAG 2.2 AA).
    LowContrast,
    /// The deck's PDF cannot be opened (missing, not a PDF, encrypted,
    /// damaged); its pages show a placeholder.
    Pdf,
    /// A slide names a page the PDF does not have (or a page without a
    /// PDF); it shows a placeholder.
    NoSuchPage,
    /// A PDF page fails to render (found by `check` and `preflight`).
    PageRender,
    /// A sub-bullet with no parent: a list that starts below level 1, or
    /// a bullet that skips a level (a warning; it is drawn as written).
    BulletLevel,
}

impl Kind {
    /// Whether a deck with an error of this kind can still be presented:
    /// a refused link or media path only disables its button (which then
    /// explains why), and a bad image shows a placeholder. `cuecard check`
    /// fails on these all the same.
    pub fn is_presentable(self) -> bool {
        matches!(
            self,
            Self::BadUrl
                | Self::RunsProgram
                | Self::PathEscapes
                | Self::NotMedia
                | Self::MissingFile
                | Self::Pdf
                | Self::NoSuchPage
                | Self::PageRender
        )
    }
}

/// One problem in a deck: `path:line:column: severity: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// What kind of problem it is.
    pub kind: Kind,
    /// The deck file (or an embedded deck's name).
    pub path: PathBuf,
    /// Where in the file, when known.
    pub location: Location,
    /// What is wrong and what to do, in one or two sentences.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at `location` in `path`.
    pub fn new(
        severity: Severity,
        kind: Kind,
        path: &Path,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            kind,
            path: path.to_path_buf(),
            location,
            message: message.into(),
        }
    }

    /// Whether this is an error (as opposed to a warning or note).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path.display(),
            self.location.line,
            self.location.column,
            self.severity.label(),
            self.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters() {
        let src = "ab\ncé d\n";
        assert_eq!(Location::of_offset(src, 0), Location { line: 1, column: 1 });
        assert_eq!(Location::of_offset(src, 3), Location { line: 2, column: 1 });
        // 'é' is two bytes but one column.
        let d = src.find('d').unwrap_or_default();
        assert_eq!(Location::of_offset(src, d), Location { line: 2, column: 4 });
        // Inside a multi-byte character and past the end are clamped.
        assert_eq!(Location::of_offset(src, 5), Location { line: 2, column: 2 });
        assert_eq!(
            Location::of_offset(src, 999),
            Location { line: 3, column: 1 }
        );
    }

    #[test]
    fn display_reads_like_a_compiler() {
        let d = Diagnostic::new(
            Severity::Error,
            Kind::NoSlides,
            Path::new("decks/x.ron"),
            Location {
                line: 12,
                column: 5,
            },
            "no slides",
        );
        assert_eq!(d.to_string(), "decks/x.ron:12:5: error: no slides");
    }
}
