//! The deck file's types (schema version 1).
//!
//! A deck is a RON file that a trainer writes by hand; these serde types are
//! its whole grammar. Every struct denies unknown fields, so a typo such as
//! `notez:` is an error with a line and column instead of being ignored.
//! Optional fields may be written without `Some(...)` (the loader turns on
//! ron's `implicit_some` extension). The format is documented, with a
//! complete example, in `docs/deck-format.md`.

use serde::{Deserialize, Serialize};

/// The deck schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole deck: metadata and the slides in presentation order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deck {
    /// Schema version; `1` if omitted. A newer version is refused with a
    /// message saying which cuecard reads it.
    #[serde(default = "default_version")]
    pub version: u32,
    /// Title of the training, shown on the audience window's title bar and
    /// the console. Must not be empty.
    pub title: String,
    /// Series or subtitle, e.g. `"Do It Well"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// Organization that gives the training.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Planned length of the whole talk, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<f64>,
    /// Name of a built-in theme (`"light"`, `"dark"`, `"high-contrast"`);
    /// the light theme if omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Colours that replace the theme's, as `"#RRGGBB"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colors: Option<Colors>,
    /// The slides' font; Atkinson Hyperlegible if omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font: Option<SlideFont>,
    /// A logo image shown in the top-right corner of every slide but the
    /// title slide, relative to the deck's folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// A footer on every slide but the title slide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<Footer>,
    /// A PDF whose pages slides show (`page:`), relative to the deck's
    /// folder, e.g. `"slides.pdf"`. With a PDF and no `slides`, the deck
    /// has one slide per page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdf: Option<String>,
    /// Draw the logo and footer over PDF pages too. Off by default: a PDF
    /// page usually has its own.
    #[serde(default, skip_serializing_if = "is_default")]
    pub decorate_pdf_pages: bool,
    /// The slides, in order. A deck needs at least one, unless it names a
    /// `pdf` (then one slide per page when omitted).
    #[serde(default)]
    pub slides: Vec<Slide>,
}

/// Colour overrides of a deck's theme, each `"#RRGGBB"`; an omitted one
/// keeps the theme's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    /// Slide background.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<String>,
    /// Titles and body text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Headings, bullets, the title rule, links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accent: Option<String>,
    /// Subtitles, attributions, the footer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub muted: Option<String>,
}

/// The slides' font. Both are built into cuecard.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SlideFont {
    /// Atkinson Hyperlegible, made for low-vision readers (the default).
    #[default]
    Hyperlegible,
    /// Ubuntu, egui's own font, lighter.
    Classic,
}

/// What the footer shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footer {
    /// The deck's organization, on the left (default true).
    #[serde(default = "yes")]
    pub organization: bool,
    /// "N / M", on the right (default true).
    #[serde(default = "yes")]
    pub slide_number: bool,
}

fn yes() -> bool {
    true
}

fn default_version() -> u32 {
    SCHEMA_VERSION
}

/// One slide: what the audience sees, and what only the presenter sees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slide {
    /// Stable identifier, unique in the deck (e.g. `"case-study"`). Live
    /// reload uses it to stay on the same slide when slides move.
    pub id: String,
    /// Slide title, shown large on the slide (on a slide that shows a PDF
    /// page, only in the console). Must not be empty, unless the slide
    /// shows a `page`.
    #[serde(default)]
    pub title: String,
    /// How the slide is laid out; `Content` if omitted.
    #[serde(default, skip_serializing_if = "is_default")]
    pub layout: Layout,
    /// A page of the deck's `pdf` to show, from 1. The page fills the
    /// slide (letterboxed); the slide's `content`, if any, is drawn over
    /// it (unless `draw_content: false`) and its title is not drawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// What is printed on the slide, top to bottom.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content: Vec<Block>,
    /// On a slide that shows a `page`: `false` keeps `content` as the
    /// slide's text (for the printed guide and handout, the phone remote
    /// and `check`) without drawing it over the page, which already shows
    /// it. `cuecard import` writes `false` when a PDF export of the
    /// `.pptx` sits beside it. Default `true`; ignored without a `page`.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub draw_content: bool,
    /// Planned time on this slide, in minutes (fractions allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<f64>,
    /// Links to show or play from this slide (the slide-nine video).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// A heads-up for the presenter about distressing material on this
    /// slide; the console shows it while the slide before is showing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_note: Option<String>,
    /// A hidden slide is skipped by next and previous but can be reached
    /// with go-to or the overview.
    #[serde(default, skip_serializing_if = "is_default")]
    pub hidden: bool,
    /// The speaker notes, in reading order. May be empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// Slide layouts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Layout {
    /// Large centred title with the deck's subtitle and organization.
    Title,
    /// Title on top, content below (the default).
    #[default]
    Content,
    /// A quotation or case study set as a large indented quote.
    Quotation,
    /// A slide built around a video link.
    Video,
    /// A reference list.
    References,
}

/// A block of text or an image printed on a slide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Block {
    /// A sub-heading.
    Heading(String),
    /// A paragraph of running text.
    Paragraph(String),
    /// A bulleted list, in reading order. A bullet is a string (a top-level
    /// bullet) or `(level: 2, text: "...")` for a sub-bullet, which sits
    /// under the bullet before it.
    Bullets(Vec<Bullet>),
    /// A quotation, with an optional attribution.
    Quote {
        /// The quoted words, without quotation marks.
        text: String,
        /// Who said or wrote it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// An image file, relative to the deck's folder.
    Image {
        /// Path relative to the deck file's folder, e.g. `"images/team.png"`.
        path: String,
        /// Text alternative, read out by screen readers and shown when the
        /// image cannot be loaded. Required.
        alt: String,
        /// How the image fills its box; `Contain` if omitted.
        #[serde(default, skip_serializing_if = "is_default")]
        fit: Fit,
    },
}

/// The deepest bullet level (`PowerPoint`'s too).
pub const MAX_BULLET_LEVEL: u8 = 9;

/// One bullet of a list: its text and how deep it sits. Level 1 is a
/// top-level bullet, written as a plain string; a deeper one is written
/// `(level: 2, text: "...")` and belongs to the nearest shallower bullet
/// before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bullet {
    /// 1 for a top-level bullet, up to [`MAX_BULLET_LEVEL`].
    pub level: u8,
    /// What the bullet says.
    pub text: String,
}

impl Bullet {
    /// A bullet at `level`, clamped to `1..=MAX_BULLET_LEVEL`.
    pub fn at(level: u8, text: impl Into<String>) -> Self {
        Self {
            level: level.clamp(1, MAX_BULLET_LEVEL),
            text: text.into(),
        }
    }

    /// How many levels in from the top: 0 for a top-level bullet.
    pub fn depth(&self) -> usize {
        usize::from(self.level.saturating_sub(1))
    }
}

impl From<&str> for Bullet {
    fn from(text: &str) -> Self {
        Self::at(1, text)
    }
}

impl From<String> for Bullet {
    fn from(text: String) -> Self {
        Self::at(1, text)
    }
}

impl Serialize for Bullet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if self.level <= 1 {
            serializer.serialize_str(&self.text)
        } else {
            let mut fields = serializer.serialize_struct("Bullet", 2)?;
            fields.serialize_field("level", &self.level)?;
            fields.serialize_field("text", &self.text)?;
            fields.end()
        }
    }
}

impl<'de> Deserialize<'de> for Bullet {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BulletVisitor)
    }
}

/// Reads a bullet written either way: `"text"` or `(level: 2, text: "...")`.
struct BulletVisitor;

impl<'de> serde::de::Visitor<'de> for BulletVisitor {
    type Value = Bullet;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a bullet: a string, or `(level: 2, text: \"...\")` for a sub-bullet")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Bullet, E> {
        Ok(Bullet::at(1, text))
    }

    fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Bullet, E> {
        Ok(Bullet::at(1, text))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Bullet, A::Error> {
        use serde::de::Error;
        const FIELDS: &[&str] = &["level", "text"];
        let mut level: Option<u8> = None;
        let mut text: Option<String> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "level" if level.is_some() => return Err(A::Error::duplicate_field("level")),
                "text" if text.is_some() => return Err(A::Error::duplicate_field("text")),
                "level" => level = Some(map.next_value::<Level>()?.0),
                "text" => text = Some(map.next_value()?),
                other => return Err(A::Error::unknown_field(other, FIELDS)),
            }
        }
        let text = text.ok_or_else(|| A::Error::missing_field("text"))?;
        Ok(Bullet {
            level: level.unwrap_or(1),
            text,
        })
    }
}

/// A bullet's `level`, checked where it is written, so a mistake is
/// reported at the number: a whole number from 1 to [`MAX_BULLET_LEVEL`].
struct Level(u8);

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LevelVisitor)
    }
}

struct LevelVisitor;

impl LevelVisitor {
    fn out_of_range<E: serde::de::Error>(shown: impl std::fmt::Display) -> E {
        E::custom(format!(
            "bullet level {shown} is out of range; use a whole number from 1 (a top-level bullet) to {MAX_BULLET_LEVEL}"
        ))
    }
}

impl serde::de::Visitor<'_> for LevelVisitor {
    type Value = Level;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "a bullet level: a whole number from 1 (a top-level bullet) to {MAX_BULLET_LEVEL}"
        )
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Level, E> {
        match u8::try_from(value) {
            Ok(level) if (1..=MAX_BULLET_LEVEL).contains(&level) => Ok(Level(level)),
            _ => Err(Self::out_of_range(value)),
        }
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Level, E> {
        u64::try_from(value).map_or_else(|_| Err(Self::out_of_range(value)), |v| self.visit_u64(v))
    }

    fn visit_u128<E: serde::de::Error>(self, value: u128) -> Result<Level, E> {
        u64::try_from(value).map_or_else(|_| Err(Self::out_of_range(value)), |v| self.visit_u64(v))
    }

    fn visit_i128<E: serde::de::Error>(self, value: i128) -> Result<Level, E> {
        u64::try_from(value).map_or_else(|_| Err(Self::out_of_range(value)), |v| self.visit_u64(v))
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Level, E> {
        let whole = value.is_finite() && value.fract() == 0.0;
        Err(
            if whole && (1.0..=f64::from(MAX_BULLET_LEVEL)).contains(&value) {
                E::custom(format!(
                    "bullet level {value:.1} has a decimal point; write {value:.0}"
                ))
            } else if whole {
                Self::out_of_range(format!("{value:.0}"))
            } else {
                E::custom(format!(
                    "bullet level {value} is not a whole number; use 1 (a top-level bullet) to {MAX_BULLET_LEVEL}"
                ))
            },
        )
    }
}

/// How an image fills the box it is given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fit {
    /// The whole image is visible, letterboxed if needed.
    #[default]
    Contain,
    /// The box is filled; the image's edges may be cropped.
    Cover,
}

/// A link the presenter can open from the console.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// What the console's button says, e.g. `"A Multidisciplinary Approach"`.
    pub title: String,
    /// Where it goes online; must be `http` or `https`.
    pub url: String,
    /// A local copy (e.g. a downloaded video), relative to the deck's
    /// folder, for venues without a network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<String>,
    /// A transcript of the linked media; must be `http` or `https`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript: Option<String>,
    /// Show a QR code of `url` on the audience slide, so participants can
    /// open the link later on their phones.
    #[serde(default, skip_serializing_if = "is_default")]
    pub qr: bool,
}

/// One block of speaker notes. The kinds follow the presenter's guide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Note {
    /// What the presenter says.
    Script(String),
    /// Advice for the presenter, not to be read out (the guide's bold text).
    Tip(String),
    /// A question for the room.
    Prompt {
        /// The question as the presenter asks it.
        question: String,
        /// Answers to offer only if the room is stuck.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        ideas: Vec<String>,
        /// Suggested length of the discussion, in minutes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        minutes: Option<f64>,
    },
    /// A quotation the presenter reads, e.g. a case study.
    Quote {
        /// The quoted words.
        text: String,
        /// Where the quotation comes from.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// Text that is also on the slide (the guide's italic text).
    SlideText(String),
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference.
fn is_true(value: &bool) -> bool {
    *value
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl Slide {
    /// The slide's name for the console: its title, or "Page N" for a
    /// PDF page slide without one.
    pub fn console_title(&self) -> String {
        match (self.title.trim().is_empty(), self.page) {
            (true, Some(page)) => format!("Page {page}"),
            _ => self.title.clone(),
        }
    }

    /// The PDF page this slide shows, as an index from 0.
    pub fn page_index(&self) -> Option<usize> {
        self.page
            .and_then(|p| p.checked_sub(1))
            .and_then(|p| usize::try_from(p).ok())
    }

    /// A slide that shows PDF page `number` (from 1) and nothing else:
    /// id `page-N`, title `Page N`.
    pub fn for_page(number: u32) -> Self {
        Self {
            id: format!("page-{number}"),
            title: format!("Page {number}"),
            layout: Layout::default(),
            page: Some(number),
            content: Vec::new(),
            draw_content: true,
            minutes: None,
            links: Vec::new(),
            content_note: None,
            hidden: false,
            notes: Vec::new(),
        }
    }
}

impl Deck {
    /// A deck titled `title` with `slides` and every optional field left
    /// out (no theme, logo, footer, PDF or planned length).
    pub fn titled(title: String, slides: Vec<Slide>) -> Self {
        Self {
            version: SCHEMA_VERSION,
            title,
            subtitle: None,
            organization: None,
            duration_minutes: None,
            theme: None,
            colors: None,
            font: None,
            logo: None,
            footer: None,
            pdf: None,
            decorate_pdf_pages: false,
            slides,
        }
    }

    /// Number of audience prompts in all slides' notes.
    pub fn prompt_count(&self) -> usize {
        self.slides
            .iter()
            .flat_map(|slide| &slide.notes)
            .filter(|note| matches!(note, Note::Prompt { .. }))
            .count()
    }

    /// Number of links in all slides.
    pub fn link_count(&self) -> usize {
        self.slides.iter().map(|slide| slide.links.len()).sum()
    }

    /// Sum of the slides' planned minutes (slides without a plan count 0).
    pub fn planned_slide_minutes(&self) -> f64 {
        // `+ 0.0` turns the empty sum's -0.0 into 0.
        self.slides
            .iter()
            .filter_map(|slide| slide.minutes)
            .sum::<f64>()
            + 0.0
    }
}
