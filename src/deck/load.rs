//! Reading a deck file: bytes to text to [`Deck`], then validation.

use std::fmt::{self, Write as _};
use std::io::Read as _;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;

use super::diagnostic::{Diagnostic, Kind, Location, Severity};
use super::policy as deck_policy;
use super::schema::Deck;
use super::validate::validate_with_pdf;

/// Largest deck file the loader reads, in bytes (16 MiB). Module 5 is about
/// 30 KiB; anything near this limit is not a hand-written deck.
pub const MAX_DECK_BYTES: u64 = 16 * 1024 * 1024;

/// Deepest nesting of brackets the parser follows before giving up.
pub const MAX_NESTING: usize = 64;

/// A deck that loaded, with the warnings and notes found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedDeck {
    /// The deck.
    pub deck: Deck,
    /// The file it came from (or the embedded deck's name).
    pub path: PathBuf,
    /// The folder that relative image and media paths start from; `None`
    /// for a deck embedded in the binary, which has no folder.
    pub folder: Option<PathBuf>,
    /// Problems that do not stop the show: warnings, notes, and errors of
    /// [presentable](super::Kind::is_presentable) kinds (a refused link, a
    /// missing image). `cuecard check` still fails on those errors.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadedDeck {
    /// Where the deck's `pdf` is on disk, when it names one that is inside
    /// its folder and exists (what the render pipeline opens).
    pub fn pdf_path(&self) -> Option<PathBuf> {
        let pdf = self.deck.pdf.as_deref()?;
        let folder = self.folder.as_deref()?;
        deck_policy::resolve_inside(folder, pdf).ok().flatten()
    }

    /// Every slide's links checked for the console (see
    /// [`super::policy::link_status`]), by slide, in the deck's order.
    pub fn link_status(&self) -> Vec<Vec<super::policy::LinkStatus>> {
        self.deck
            .slides
            .iter()
            .map(|slide| {
                slide
                    .links
                    .iter()
                    .map(|link| super::policy::link_status(link, self.folder.as_deref()))
                    .collect()
            })
            .collect()
    }
}

/// A deck that cannot be presented: one or more diagnostics, at least one
/// of them an error that is not [presentable](super::Kind::is_presentable). `Display` prints one `path:line:column: ...` per line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct DeckError {
    /// Every problem found, errors first.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for DeckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl DeckError {
    fn single(kind: Kind, path: &Path, location: Location, message: impl Into<String>) -> Self {
        Self {
            diagnostics: vec![Diagnostic::new(
                Severity::Error,
                kind,
                path,
                location,
                message,
            )],
        }
    }

    /// The first error, for one-line displays such as a banner.
    pub fn first(&self) -> Option<&Diagnostic> {
        self.diagnostics.iter().find(|d| d.is_error())
    }
}

/// Loads and validates the deck at `path`.
///
/// Relative image and media paths are checked against the deck's folder.
///
/// # Errors
/// A [`DeckError`] when the file cannot be read, is over
/// [`MAX_DECK_BYTES`], is not UTF-8, is not valid RON for the schema, or
/// fails validation. Each diagnostic names the `path:line:column`.
pub fn load(path: &Path) -> Result<LoadedDeck, DeckError> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        return crate::pdf::import::load_pdf(path);
    }
    let bytes = read_limited(path)?;
    match super::sniff::sniff(path, &bytes) {
        Some(super::sniff::Foreign::Pdf) => return crate::pdf::import::load_pdf(path),
        Some(foreign) => {
            return Err(DeckError::single(
                Kind::NotADeck,
                path,
                Location::START,
                super::sniff::message(foreign, path),
            ));
        }
        None => {}
    }
    let folder = path
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .map(Path::to_path_buf);
    parse(&bytes, path, folder.as_deref())
}

fn read_limited(path: &Path) -> Result<Vec<u8>, DeckError> {
    let io_error = |error: &std::io::Error| {
        let hint = match error.kind() {
            std::io::ErrorKind::NotFound => {
                " (check the file name and folder, or whether it was moved or deleted; `cuecard new deck.ron` writes a new deck to start from)"
            }
            std::io::ErrorKind::PermissionDenied => " (check the file's permissions)",
            _ => "",
        };
        let message = if error.kind() == std::io::ErrorKind::NotFound {
            format!("there is no deck here: the file is missing{hint}")
        } else {
            format!("cannot read the deck: {error}{hint}")
        };
        DeckError::single(Kind::Io, path, Location::START, message)
    };
    if path.is_dir() {
        return Err(DeckError::single(
            Kind::Io,
            path,
            Location::START,
            "this is a folder; give the path of a .ron deck file",
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| io_error(&e))?;
    let mut bytes = Vec::new();
    file.take(MAX_DECK_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&e))?;
    if bytes.len() as u64 > MAX_DECK_BYTES {
        return Err(DeckError::single(
            Kind::TooLarge,
            path,
            Location::START,
            format!(
                "the file is larger than {} MiB; a deck is a small text file (is this the right file?)",
                MAX_DECK_BYTES / 1024 / 1024
            ),
        ));
    }
    Ok(bytes)
}

/// Parses and validates deck `bytes`. `path` names the source in messages;
/// `folder` is where relative files are looked for (`None` skips the
/// existence checks, e.g. for the deck embedded in the binary).
///
/// # Errors
/// As [`load`], except for reading.
pub fn parse(bytes: &[u8], path: &Path, folder: Option<&Path>) -> Result<LoadedDeck, DeckError> {
    if bytes.len() as u64 > MAX_DECK_BYTES {
        return Err(DeckError::single(
            Kind::TooLarge,
            path,
            Location::START,
            "the deck is too large",
        ));
    }
    // A UTF-8 byte-order mark (Windows Notepad writes one) is allowed.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let source = match std::str::from_utf8(bytes) {
        Ok(source) => source,
        Err(error) => {
            let valid = bytes.get(..error.valid_up_to()).unwrap_or_default();
            let text = String::from_utf8_lossy(valid);
            return Err(DeckError::single(
                Kind::NotUtf8,
                path,
                Location::of_offset(&text, text.len()),
                "the file is not UTF-8 text here; save it as UTF-8 in your editor",
            ));
        }
    };
    let deck = parse_str(source, path)?;
    let mut deck = deck;
    let (mut diagnostics, pages) = validate_with_pdf(&deck, source, path, folder);
    if deck.slides.is_empty()
        && let Some(count) = pages
    {
        deck.slides = (1..=count)
            .filter_map(|n| u32::try_from(n).ok())
            .map(super::Slide::for_page)
            .collect();
    }
    diagnostics.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.location.cmp(&b.location))
    });
    if diagnostics
        .iter()
        .any(|d| d.is_error() && !d.kind.is_presentable())
    {
        return Err(DeckError { diagnostics });
    }
    Ok(LoadedDeck {
        deck,
        path: path.to_path_buf(),
        folder: folder.map(Path::to_path_buf),
        diagnostics,
    })
}

/// The ron options decks are read with: `implicit_some` on, so optional
/// fields need no `Some(...)`, and a nesting limit of [`MAX_NESTING`].
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_NESTING)
}

fn parse_str(source: &str, path: &Path) -> Result<Deck, DeckError> {
    if source.trim().is_empty() {
        return Err(DeckError::single(
            Kind::Syntax,
            path,
            Location::START,
            "the file is empty; a deck starts with `(title: \"...\", slides: [...])` (see docs/deck-format.md)",
        ));
    }
    if super::scan::scan(source).opens.is_empty() {
        return Err(DeckError::single(
            Kind::Syntax,
            path,
            Location::START,
            "there is no deck in this file; a deck starts with `(title: \"...\", slides: [...])` (see docs/deck-format.md)",
        ));
    }
    ron_options().from_str::<Deck>(source).map_err(|error| {
        let reported = Location {
            line: error.span.start.line.max(1),
            column: error.span.start.col.max(1),
        };
        let location = skip_white_space(source, reported);
        let (kind, mut message) = describe(&error.code);
        let line = source.lines().nth(location.line - 1).unwrap_or_default();
        if let Some(c) = line.chars().find(|&c| deck_policy::is_deceptive(c) && c != '\t' && c != '\r') {
            let _ = write!(
                message,
                " (line {} contains the invisible character U+{:04X}; delete it and retype that part)",
                location.line, c as u32
            );
        } else if let Some(c) = line.chars().find(|c| matches!(c, '“' | '”' | '‘' | '’'))
            && kind != Kind::UnknownField
        {
            let _ = write!(message, " (line {} has a curly quote {c}; RON strings need straight quotes \")", location.line);
        } else if let Some(hint) = hint_at(&error.code, char_at(source, location)) {
            message.push_str(hint);
        }
        DeckError::single(kind, path, location, message)
    })
}

/// The line and column as ron reports them point at the white space
/// before a value in some errors; move to the value itself.
fn skip_white_space(source: &str, at: Location) -> Location {
    let Some(line) = source.lines().nth(at.line - 1) else {
        return at;
    };
    let skipped = line
        .chars()
        .skip(at.column - 1)
        .take_while(|c| *c == ' ' || *c == '\t')
        .count();
    if at.column - 1 + skipped < line.chars().count() {
        Location {
            line: at.line,
            column: at.column + skipped,
        }
    } else {
        at
    }
}

/// Advice for mistakes people make in hand-written RON, from the error
/// and the character it points at.
fn hint_at(error: &ron::Error, at: Option<char>) -> Option<&'static str> {
    use ron::Error as E;
    match (error, at) {
        (E::ExpectedIdentifier, Some('"')) => Some(
            " (names such as layouts and note kinds are written without quotes, e.g. `layout: Title`)",
        ),
        (E::ExpectedString, Some('\'')) => Some(" (RON strings use double quotes: \"text\")"),
        (E::ExpectedFloat | E::ExpectedInteger, Some('"')) => {
            Some(" (write numbers without quotes, e.g. `minutes: 1.5`)")
        }
        (E::ExpectedBoolean, Some('"')) => Some(" (write true or false without quotes)"),
        (E::InvalidEscape(_), _) => Some(
            " (inside quotes a backslash starts an escape: write \\\\ for a backslash, or use / in paths)",
        ),
        (E::TrailingCharacters, _) => {
            Some(" (there is text after the deck's last closing parenthesis)")
        }
        (E::ExpectedStructLikeEnd | E::ExpectedComma, _) => {
            Some(" (a missing comma, or a \" inside text that should be written \\\")")
        }
        _ => None,
    }
}

fn char_at(source: &str, at: Location) -> Option<char> {
    source.lines().nth(at.line - 1)?.chars().nth(at.column - 1)
}

/// Classifies a ron error and writes a message that says what to do.
fn describe(error: &ron::Error) -> (Kind, String) {
    use ron::Error as E;
    let text = error.to_string();
    let kind = match error {
        E::NoSuchStructField { .. } => Kind::UnknownField,
        E::MissingStructField { .. } => Kind::MissingField,
        E::DuplicateStructField { .. } => Kind::DuplicateField,
        E::NoSuchEnumVariant { .. } => Kind::UnknownVariant,
        E::ExceededRecursionLimit => Kind::TooDeep,
        E::InvalidValueForType { .. }
        | E::ExpectedString
        | E::ExpectedFloat
        | E::ExpectedInteger
        | E::ExpectedBoolean
        | E::ExpectedArray
        | E::ExpectedStructLike
        | E::ExpectedNamedStructLike(_)
        | E::IntegerOutOfBounds
        | E::ExpectedOption
        | E::ExpectedUnit => Kind::WrongType,
        _ => Kind::Syntax,
    };
    if kind == Kind::TooDeep {
        return (
            kind,
            format!(
                "brackets are nested more than {MAX_NESTING} levels deep here; a deck needs fewer than ten"
            ),
        );
    }
    let hint = match error {
        E::NoSuchStructField { .. } => " (a typo? see docs/deck-format.md for the fields)",
        E::MissingStructField { .. } => " (add it; see docs/deck-format.md)",
        E::Eof => " (a bracket or quote is not closed)",
        E::ExpectedStringEnd => " (a closing quote \" is missing)",
        _ => "",
    };
    let text = text
        .replace("Unexpected missing field", "missing field")
        .replace("Unexpected duplicate field", "duplicate field");
    (kind, format!("{}{hint}", lowercase_first(&text)))
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Writes `deck` as pretty RON in the style of the bundled decks, readable
/// back by [`parse`].
///
/// # Errors
/// Only if serialization itself fails (it does not for valid decks).
pub fn to_ron(deck: &Deck) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_owned())
        .struct_names(false);
    ron_options().to_string_pretty(deck, config)
}

/// Where slide `index`'s own field `key:` is in the deck text `source`
/// (else the slide's `id:`), for diagnostics found after loading.
pub fn slide_location(source: &str, index: usize, key: &str) -> super::Location {
    let locator = super::locator::Locator::new(source);
    locator
        .slide_key(index, key)
        .unwrap_or_else(|| locator.slide(index))
}
