//! From a guide's paragraphs to slides of speaker notes, by the guide's own
//! key (see `docs/import.md`):
//!
//! - a paragraph starting "Slide One (…):" or "Slide 12:" starts a slide;
//! - italic text is slide text ([`Note::SlideText`]), bold or highlighted
//!   text a [`Note::Tip`], plain text [`Note::Script`];
//! - "(To the audience)" starts a [`Note::Prompt`] that runs to the end of
//!   the paragraph; "Here are some ideas if the group needs help" starts
//!   its ideas, split at `;` (or the list items that follow); sentences
//!   after the last idea go back to the script;
//! - a plain paragraph in quotation marks is a [`Note::Quote`], and a plain
//!   paragraph that asks a question is a prompt;
//! - list items are slide text (the guide quoting the slide's bullets);
//! - "No Notes" gives none;
//! - a paragraph cut in two by a page break (the first part ends without
//!   punctuation, the second starts in lower case) is joined again.

use std::path::Path;

use super::ImportError;
use super::headings::{self, first_sentence, is_terminal};
use super::paragraphs::{GuideText, Paragraph, Style};
use crate::deck::{Block, Bullet, Link, Note};

/// One slide's part of a guide.
#[derive(Debug, Clone, PartialEq)]
pub struct GuideSlide {
    /// The number its heading gives (1-based).
    pub number: usize,
    /// The heading's name without a trailing "Slide" ("Title", "Case Study
    /// Example"), or "Slide N".
    pub title: String,
    /// The speaker notes, in the guide's order.
    pub notes: Vec<Note>,
    /// The slide text, for a deck made from the guide alone: list items as
    /// bullets, paragraphs as paragraphs.
    pub content: Vec<Block>,
    /// The guide's http(s) hyperlinks on this slide.
    pub links: Vec<Link>,
    /// Whether the guide says "No Notes".
    pub no_notes: bool,
}

/// A guide split into slides.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Guide {
    /// The document's title, or the first short paragraph before the first
    /// slide heading.
    pub title: Option<String>,
    /// The slides, in the guide's order.
    pub slides: Vec<GuideSlide>,
    /// Paragraphs before the first heading (the guide's introduction),
    /// which are not notes of any slide.
    pub preamble: Vec<String>,
    /// Things the reader could not use, for the user: links without an
    /// http(s) target, ideas without a question.
    pub warnings: Vec<String>,
}

/// Most slide headings a guide may have (a whole series is a few hundred).
pub const MAX_GUIDE_SLIDES: usize = 10_000;

const AUDIENCE: &str = "(to the audience)";
const IDEAS: &str = "here are some ideas if the group needs help";

/// Splits a guide's paragraphs into slides of notes.
///
/// # Errors
/// [`ImportError::EmptyGuide`] when there is no text,
/// [`ImportError::NoSlideHeadings`] when no paragraph starts with a slide
/// heading, [`ImportError::TooManySlides`] past [`MAX_GUIDE_SLIDES`].
pub fn split(text: GuideText, path: &Path) -> Result<Guide, ImportError> {
    let paragraphs: Vec<Paragraph> = text
        .paragraphs
        .into_iter()
        .filter(|p| !p.text().trim().is_empty())
        .collect();
    if paragraphs.is_empty() {
        return Err(ImportError::EmptyGuide {
            path: path.to_path_buf(),
        });
    }
    let paragraphs = join_page_breaks(paragraphs);
    let mut guide = Guide {
        title: text.title,
        ..Guide::default()
    };
    let mut reader: Option<SlideReader> = None;
    for paragraph in paragraphs {
        let styled = Styled::of(&paragraph);
        let plain: String = styled.iter().map(|(c, _)| *c).collect();
        if !paragraph.list_item
            && let Some(heading) = headings::heading(&plain)
        {
            if let Some(done) = reader.take() {
                guide.slides.push(done.finish(&mut guide.warnings));
            }
            if guide.slides.len() >= MAX_GUIDE_SLIDES {
                return Err(ImportError::TooManySlides {
                    path: path.to_path_buf(),
                    limit: MAX_GUIDE_SLIDES,
                });
            }
            let title = heading
                .name
                .as_deref()
                .map(slide_title)
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| format!("Slide {}", heading.number));
            let mut slide = SlideReader::new(heading.number, title);
            let rest = styled.get(heading.chars..).unwrap_or_default();
            slide.paragraph(rest, &paragraph, false);
            reader = Some(slide);
            continue;
        }
        match reader.as_mut() {
            Some(slide) => slide.paragraph(&styled, &paragraph, paragraph.list_item),
            None => guide.preamble.push(fold(&plain)),
        }
    }
    let Some(last) = reader else {
        return Err(ImportError::NoSlideHeadings {
            path: path.to_path_buf(),
        });
    };
    guide.slides.push(last.finish(&mut guide.warnings));
    if guide.title.is_none() {
        guide.title = guide
            .preamble
            .iter()
            .find(|p| p.chars().count() <= 80 && !p.to_lowercase().contains("guide"))
            .or_else(|| guide.preamble.first().filter(|p| p.chars().count() <= 80))
            .cloned();
    }
    Ok(guide)
}

/// "Title Slide" → "Title"; "Reference Page Slide" → "Reference Page".
fn slide_title(name: &str) -> String {
    let trimmed = name.trim();
    let lower = trimmed.to_lowercase();
    let cut = lower.strip_suffix(" slide").map_or(trimmed.len(), str::len);
    fold(trimmed.get(..cut).unwrap_or(trimmed))
}

/// Folds runs of white space into single spaces and trims.
pub fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Joins paragraphs a page break cut in two.
fn join_page_breaks(paragraphs: Vec<Paragraph>) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::with_capacity(paragraphs.len());
    for paragraph in paragraphs {
        if let Some(previous) = out.last_mut()
            && !previous.list_item
            && !paragraph.list_item
        {
            // Only the last and first characters: a paragraph may be
            // joined thousands of times.
            let last = previous
                .runs
                .iter()
                .rev()
                .flat_map(|r| r.text.chars().rev())
                .find(|c| !c.is_whitespace());
            let first = paragraph
                .runs
                .iter()
                .flat_map(|r| r.text.chars())
                .find(|c| !c.is_whitespace());
            let ends_open = last.is_some_and(|c| !is_terminal(c));
            let starts_lower = first.is_some_and(char::is_lowercase);
            if ends_open && starts_lower {
                let style = previous.runs.last().map_or(Style::Plain, |r| r.style);
                previous.push(" ", style, None);
                for run in paragraph.runs {
                    previous.push(&run.text, run.style, run.link);
                }
                continue;
            }
        }
        out.push(paragraph);
    }
    out
}

/// A paragraph's characters with their styles.
type Styled = Vec<(char, Style)>;

trait StyledExt {
    fn of(paragraph: &Paragraph) -> Self;
}

impl StyledExt for Styled {
    fn of(paragraph: &Paragraph) -> Self {
        paragraph
            .runs
            .iter()
            .flat_map(|run| run.text.chars().map(move |c| (c, run.style)))
            .collect()
    }
}

fn text_of(styled: &[(char, Style)]) -> String {
    styled.iter().map(|(c, _)| *c).collect()
}

/// Where `needle` (lower case ASCII) occurs in `styled`, case-insensitively.
fn find_marker(styled: &[(char, Style)], needle: &str) -> Vec<(usize, usize)> {
    let needle: Vec<char> = needle.chars().collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at + needle.len() <= styled.len() {
        let hit = styled.get(at..at + needle.len()).is_some_and(|window| {
            window
                .iter()
                .zip(&needle)
                .all(|((c, _), n)| c.to_lowercase().eq(n.to_lowercase()))
        });
        if hit {
            let mut end = at + needle.len();
            // "…needs help:" — the colon belongs to the marker.
            if styled.get(end).is_some_and(|(c, _)| *c == ':') {
                end += 1;
            }
            found.push((at, end));
            at = end;
        } else {
            at += 1;
        }
    }
    found
}

/// Trims spaces and the dashes the guide puts around its markers.
fn trim_piece(piece: &[(char, Style)]) -> &[(char, Style)] {
    let junk = |c: char| c.is_whitespace() || matches!(c, '-' | '\u{2013}' | '\u{2014}' | ':');
    let start = piece.iter().take_while(|(c, _)| junk(*c)).count();
    let rest = piece.get(start..).unwrap_or_default();
    let end = rest.len()
        - rest
            .iter()
            .rev()
            .take_while(|(c, _)| junk(*c) && *c != ':')
            .count();
    rest.get(..end).unwrap_or_default()
}

/// Reads the paragraphs of one slide.
struct SlideReader {
    slide: GuideSlide,
    /// The last prompt's ideas marker had no ideas after it in its
    /// paragraph; list items that follow are its ideas.
    awaiting_ideas: bool,
    /// Consecutive slide-text list items collect into one bullet list.
    bullets: Vec<Bullet>,
    skipped_links: Vec<String>,
}

impl SlideReader {
    fn new(number: usize, title: String) -> Self {
        Self {
            slide: GuideSlide {
                number,
                title,
                notes: Vec::new(),
                content: Vec::new(),
                links: Vec::new(),
                no_notes: false,
            },
            awaiting_ideas: false,
            bullets: Vec::new(),
            skipped_links: Vec::new(),
        }
    }

    fn finish(mut self, warnings: &mut Vec<String>) -> GuideSlide {
        self.flush_bullets();
        for link in self.skipped_links {
            warnings.push(format!(
                "slide {} ({:?}): the link {link} has no http or https address; add it to the slide's links by hand",
                self.slide.number, self.slide.title
            ));
        }
        self.slide
    }

    fn flush_bullets(&mut self) {
        if !self.bullets.is_empty() {
            self.slide
                .content
                .push(Block::Bullets(std::mem::take(&mut self.bullets)));
        }
    }

    fn links(&mut self, paragraph: &Paragraph) {
        for run in &paragraph.runs {
            let Some(url) = &run.link else { continue };
            let title = fold(&run.text);
            if crate::deck::policy::check_url(url).is_ok() && !title.is_empty() {
                let room = self.slide.links.len() < super::pptx::MAX_LINKS_PER_SLIDE;
                if room && !self.slide.links.iter().any(|l| &l.url == url) {
                    self.slide.links.push(Link {
                        title,
                        url: url.clone(),
                        local: None,
                        transcript: None,
                        qr: false,
                    });
                }
            } else {
                self.skipped_links.push(format!("{title:?} ({url})"));
            }
        }
    }

    fn paragraph(&mut self, styled: &[(char, Style)], paragraph: &Paragraph, list_item: bool) {
        self.links(paragraph);
        let text = fold(&text_of(styled));
        if text.is_empty() {
            return;
        }
        if text.trim_end_matches('.').eq_ignore_ascii_case("no notes") {
            self.slide.no_notes = true;
            return;
        }
        if list_item {
            self.list_item(styled, text);
            return;
        }
        self.awaiting_ideas = false;
        self.flush_bullets();
        let mut markers: Vec<(usize, usize, bool)> = find_marker(styled, AUDIENCE)
            .into_iter()
            .map(|(s, e)| (s, e, true))
            .chain(
                find_marker(styled, IDEAS)
                    .into_iter()
                    .map(|(s, e)| (s, e, false)),
            )
            .collect();
        markers.sort_unstable();
        if markers.is_empty() && self.whole_paragraph(styled, &text) {
            return;
        }
        let mut cursor = 0;
        let mut mode = Mode::Before;
        for (start, end, audience) in markers {
            if start < cursor {
                continue;
            }
            self.piece(styled.get(cursor..start).unwrap_or_default(), mode);
            mode = if audience {
                Mode::Question
            } else {
                Mode::Ideas
            };
            cursor = end;
        }
        self.piece(styled.get(cursor..).unwrap_or_default(), mode);
    }

    fn list_item(&mut self, styled: &[(char, Style)], text: String) {
        if self.awaiting_ideas
            && let Some(Note::Prompt { ideas, .. }) = self.slide.notes.last_mut()
        {
            ideas.push(text);
            return;
        }
        if is_all(styled, Style::Tip) {
            self.slide.notes.push(Note::Tip(text));
        } else {
            self.bullets.push(Bullet::from(text.clone()));
            self.slide.notes.push(Note::SlideText(text));
        }
    }

    /// A paragraph without markers that is one thing as a whole; returns
    /// whether it was.
    fn whole_paragraph(&mut self, styled: &[(char, Style)], text: &str) -> bool {
        let note = if is_all(styled, Style::Tip) {
            Note::Tip(text.to_owned())
        } else if is_all(styled, Style::Italic) {
            self.slide.content.push(Block::Paragraph(text.to_owned()));
            Note::SlideText(text.to_owned())
        } else if !is_all(styled, Style::Plain) {
            return false;
        } else if let Some(inner) = quoted(text) {
            Note::Quote {
                text: inner.to_owned(),
                source: None,
            }
        } else if text.contains("? ") || text.ends_with('?') {
            Note::Prompt {
                question: text.to_owned(),
                ideas: Vec::new(),
                minutes: None,
            }
        } else {
            return false;
        };
        self.slide.notes.push(note);
        true
    }

    fn piece(&mut self, piece: &[(char, Style)], mode: Mode) {
        let piece = trim_piece(piece);
        let text = fold(&text_of(piece));
        match mode {
            Mode::Before => self.spans(piece),
            Mode::Question => {
                if !text.is_empty() {
                    self.slide.notes.push(Note::Prompt {
                        question: text,
                        ideas: Vec::new(),
                        minutes: None,
                    });
                }
            }
            Mode::Ideas => {
                if text.is_empty() {
                    self.awaiting_ideas = true;
                    return;
                }
                let mut items: Vec<String> = text.split(';').map(fold).collect();
                let mut rest = String::new();
                if let Some(last) = items.last_mut() {
                    let (first, after) = first_sentence(last);
                    after.clone_into(&mut rest);
                    *last = first.to_owned();
                }
                items.retain(|i| !i.is_empty());
                if let Some(Note::Prompt { ideas, .. }) = self
                    .slide
                    .notes
                    .iter_mut()
                    .rev()
                    .find(|n| matches!(n, Note::Prompt { .. }))
                {
                    ideas.extend(items);
                } else {
                    self.slide.notes.push(Note::Tip(items.join("; ")));
                }
                if !rest.is_empty() {
                    self.slide.notes.push(Note::Script(rest));
                }
            }
        }
    }

    /// Plain text with italic or tip sentences in it: each whole styled
    /// sentence becomes its own note; a styled word inside a sentence stays
    /// in the script.
    fn spans(&mut self, piece: &[(char, Style)]) {
        let mut spans: Vec<(Style, String)> = Vec::new();
        for &(c, style) in piece {
            match spans.last_mut() {
                Some((last, text)) if *last == style || c.is_whitespace() => text.push(c),
                _ => spans.push((style, c.to_string())),
            }
        }
        let count = spans.len();
        for i in 0..count {
            let styled = spans.get(i).is_some_and(|(s, _)| *s != Style::Plain);
            if !styled {
                continue;
            }
            let before_ok = i == 0
                || spans
                    .get(i - 1)
                    .and_then(|(_, t)| t.trim_end().chars().last())
                    .is_none_or(is_terminal);
            let own_end = spans.get(i).and_then(|(_, t)| t.trim_end().chars().last());
            let after_ok = i + 1 == count
                || own_end.is_some_and(is_terminal)
                || spans
                    .get(i + 1)
                    .and_then(|(_, t)| t.trim_start().chars().next())
                    .is_some_and(char::is_uppercase);
            if !(before_ok && after_ok)
                && let Some((style, _)) = spans.get_mut(i)
            {
                *style = Style::Plain;
            }
        }
        let mut merged: Vec<(Style, String)> = Vec::new();
        for (style, text) in spans {
            match merged.last_mut() {
                Some((last, so_far)) if *last == style => so_far.push_str(&text),
                _ => merged.push((style, text)),
            }
        }
        for (style, text) in merged {
            let text = fold(&text);
            if text.is_empty() || !text.chars().any(char::is_alphanumeric) {
                continue;
            }
            self.slide.notes.push(match style {
                Style::Plain => Note::Script(text),
                Style::Italic => {
                    self.slide.content.push(Block::Paragraph(text.clone()));
                    Note::SlideText(text)
                }
                Style::Tip => Note::Tip(text),
            });
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Before,
    Question,
    Ideas,
}

/// Whether every letter or digit of `styled` has `style`.
fn is_all(styled: &[(char, Style)], style: Style) -> bool {
    styled
        .iter()
        .filter(|(c, _)| c.is_alphanumeric())
        .all(|(_, s)| *s == style)
}

/// The text inside a paragraph's enclosing quotation marks.
fn quoted(text: &str) -> Option<&str> {
    let inner = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| {
            text.strip_prefix('\u{201C}')
                .and_then(|t| t.strip_suffix('\u{201D}'))
        })?;
    let inner = inner.trim();
    (!inner.is_empty() && !inner.contains('"')).then_some(inner)
}
