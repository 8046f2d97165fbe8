//! The three faces of Atkinson Hyperlegible (regular, bold, italic) as the
//! PDF needs them: a krilla font to embed, and the glyph advances to measure
//! and break lines with.
//!
//! Text is measured with the fonts' horizontal advances (`hmtx`, read with
//! skrifa) and drawn with exactly those advances, so what is measured is what
//! is printed. There is no kerning (the app's egui renderer applies the
//! font's kerning), so a line in the PDF is at most a few percent wider than
//! the same line on screen; lines are broken at spaces, never inside a word
//! unless a word alone is wider than the line (a long web address).

use std::cell::RefCell;
use std::collections::HashMap;

use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::MetadataProvider as _;
use skrifa::instance::{LocationRef, Size};

use super::ExportError;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/AtkinsonHyperlegible-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/AtkinsonHyperlegible-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../assets/fonts/AtkinsonHyperlegible-Italic.ttf");

/// Which of the three faces a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaceKind {
    /// Atkinson Hyperlegible Regular.
    Regular,
    /// Atkinson Hyperlegible Bold.
    Bold,
    /// Atkinson Hyperlegible Italic.
    Italic,
}

/// One face: the font to embed and its metrics.
pub(crate) struct Face {
    /// The font krilla embeds (subset) in the PDF.
    pub(crate) font: Font,
    charmap: skrifa::charmap::Charmap<'static>,
    metrics: skrifa::metrics::GlyphMetrics<'static>,
    /// Glyph and advance (over the em) of each character met so far.
    cache: RefCell<HashMap<char, (u32, f32)>>,
    units_per_em: f32,
    /// Ascent over the em (positive).
    pub(crate) ascent: f32,
    /// Descent over the em (positive, below the baseline).
    pub(crate) descent: f32,
    /// The line gap over the em.
    pub(crate) leading: f32,
}

/// The bundled faces, loaded once per export.
pub(crate) struct Faces {
    regular: Face,
    bold: Face,
    italic: Face,
    /// Characters printed as `?` because no face has them (for the
    /// warning; see [`Faces::missing`]).
    missing: std::cell::RefCell<std::collections::BTreeSet<char>>,
}

impl Face {
    fn load(bytes: &'static [u8], name: &str) -> Result<Self, ExportError> {
        let broken = || ExportError::Font {
            name: name.to_owned(),
        };
        let font_ref = skrifa::FontRef::new(bytes).map_err(|_| broken())?;
        let metrics = font_ref.metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let font = Font::new(bytes.into(), 0).ok_or_else(broken)?;
        Ok(Self {
            font,
            charmap: font_ref.charmap(),
            metrics: font_ref.glyph_metrics(Size::unscaled(), LocationRef::default()),
            cache: RefCell::new(HashMap::new()),
            units_per_em,
            ascent: metrics.ascent / units_per_em,
            descent: (-metrics.descent) / units_per_em,
            leading: metrics.leading / units_per_em,
        })
    }

    /// The glyph of `ch` (0, `.notdef`, if the font lacks it) and its
    /// advance over the em.
    fn glyph(&self, ch: char) -> (u32, f32) {
        if let Some(found) = self.cache.borrow().get(&ch) {
            return *found;
        }
        let id = self.charmap.map(ch).unwrap_or_default();
        let advance = self.metrics.advance_width(id).unwrap_or(0.0) / self.units_per_em;
        let found = (id.to_u32(), advance);
        self.cache.borrow_mut().insert(ch, found);
        found
    }

    /// The glyphs of `text` with their advances over the em; each maps back
    /// to its character (for text extraction and screen readers).
    pub(crate) fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .map(|(start, ch)| {
                let (id, advance) = self.glyph(ch);
                KrillaGlyph::new(
                    GlyphId::new(id),
                    advance,
                    0.0,
                    0.0,
                    0.0,
                    start..start + ch.len_utf8(),
                    None,
                )
            })
            .collect()
    }

    /// Whether the face has a glyph for `ch`.
    pub(crate) fn has(&self, ch: char) -> bool {
        self.glyph(ch).0 != 0
    }

    /// Width of `text` at `size_pt`, in points.
    pub(crate) fn width_pt(&self, text: &str, size_pt: f32) -> f32 {
        text.chars().map(|ch| self.glyph(ch).1).sum::<f32>() * size_pt
    }

    /// Distance between baselines at `size_pt`, in points.
    pub(crate) fn line_height_pt(&self, size_pt: f32) -> f32 {
        (self.ascent + self.descent + self.leading) * size_pt
    }
}

impl Faces {
    /// Loads the three bundled faces.
    ///
    /// # Errors
    /// [`ExportError::Font`] if a bundled font does not parse (a broken
    /// build).
    pub(crate) fn load() -> Result<Self, ExportError> {
        Ok(Self {
            regular: Face::load(REGULAR, "AtkinsonHyperlegible-Regular.ttf")?,
            bold: Face::load(BOLD, "AtkinsonHyperlegible-Bold.ttf")?,
            italic: Face::load(ITALIC, "AtkinsonHyperlegible-Italic.ttf")?,
            missing: std::cell::RefCell::default(),
        })
    }

    /// The characters of the deck's text that printed as `?` (the font
    /// lacks them and has nothing close), in code point order.
    pub(crate) fn missing(&self) -> Vec<char> {
        self.missing.borrow().iter().copied().collect()
    }

    /// The face for `kind`.
    pub(crate) fn get(&self, kind: FaceKind) -> &Face {
        match kind {
            FaceKind::Regular => &self.regular,
            FaceKind::Bold => &self.bold,
            FaceKind::Italic => &self.italic,
        }
    }

    /// `text` with every character that `kind` lacks replaced by a close
    /// one the font has (curly quotes by straight ones, an arrow by `->`),
    /// else `?`, so no `.notdef` box is printed and every glyph maps back to
    /// text (PDF/UA requires that).
    pub(crate) fn printable(&self, kind: FaceKind, text: &str) -> String {
        let face = self.get(kind);
        let mut out = String::with_capacity(text.len());
        for ch in text.chars() {
            if ch == ' ' || face.has(ch) {
                out.push(ch);
                continue;
            }
            let substitute = match ch {
                '\u{2018}' | '\u{2019}' => "'",
                '\u{201C}' | '\u{201D}' => "\"",
                '\u{2013}' | '\u{2014}' => "-",
                '\u{2026}' => "...",
                '\u{2192}' => "->",
                '\u{00A0}' | '\t' | '\n' | '\r' => " ",
                _ => {
                    self.missing.borrow_mut().insert(ch);
                    "?"
                }
            };
            out.push_str(substitute);
        }
        out
    }
}

/// Breaks `text` into lines no wider than `width_pt` at `size_pt` in `face`.
/// Breaks at spaces; a word wider than the line is broken between
/// characters. Runs of spaces and line breaks count as one space. A line
/// that ends at a space keeps it (an invisible trailing space), so text read
/// from the PDF (search, copy, screen readers) has the space between the
/// words on either side of the break; measure lines with
/// `line.trim_end()`. Returns at least one line (empty for empty text).
pub(crate) fn wrap(face: &Face, text: &str, size_pt: f32, width_pt: f32) -> Vec<String> {
    let space = face.width_pt(" ", size_pt);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for word in text.split_whitespace() {
        let word_width = face.width_pt(word, size_pt);
        if !line.is_empty() && line_width + space + word_width <= width_pt {
            line.push(' ');
            line.push_str(word);
            line_width += space + word_width;
            continue;
        }
        if !line.is_empty() {
            line.push(' ');
            lines.push(std::mem::take(&mut line));
        }
        if word_width <= width_pt {
            line.push_str(word);
            line_width = word_width;
            continue;
        }
        // A word wider than the line (a long web address): break it after
        // the last `/`, `-`, `.`, `?`, `&`, `=` or `_` that keeps the line
        // at least half full, else between characters.
        line_width = 0.0;
        // Where the line may break: the byte offset after such a character.
        let mut after_mark: Option<usize> = None;
        for ch in word.chars() {
            let mut buf = [0; 4];
            let w = face.width_pt(ch.encode_utf8(&mut buf), size_pt);
            if !line.is_empty() && line_width + w > width_pt {
                let at = after_mark.filter(|&at| {
                    face.width_pt(line.get(..at).unwrap_or_default(), size_pt) >= width_pt / 2.0
                });
                match at {
                    Some(at) if at < line.len() => {
                        let rest = line.split_off(at);
                        lines.push(std::mem::replace(&mut line, rest));
                    }
                    _ => lines.push(std::mem::take(&mut line)),
                }
                line_width = face.width_pt(&line, size_pt);
                after_mark = None;
            }
            line.push(ch);
            line_width += w;
            if matches!(ch, '/' | '-' | '.' | '?' | '&' | '=' | '_') {
                after_mark = Some(line.len());
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    #[test]
    fn a_long_address_breaks_after_a_slash_not_before_its_last_letter() {
        let faces = Faces::load().unwrap();
        let face = faces.get(FaceKind::Regular);
        let url = "https://www.ovcttac.gov/views/HowWeCanHelp/includes/Transcript_A_Multidisciplinary_Approach.cfm";
        let width = face.width_pt(url, 9.0) * 0.6;
        let lines = wrap(face, url, 9.0, width);
        assert_eq!(lines.concat(), url, "{lines:?}");
        for line in &lines {
            assert!(face.width_pt(line, 9.0) <= width + 0.01, "{line}");
        }
        for line in &lines[..lines.len() - 1] {
            assert!(
                line.ends_with(['/', '-', '.', '?', '&', '=', '_']),
                "{lines:?}"
            );
        }
        // No lone letters: every piece is a real part of the address.
        assert!(lines.iter().all(|l| l.chars().count() > 3), "{lines:?}");
    }

    #[test]
    fn lines_fit_and_keep_every_word() {
        let faces = Faces::load().unwrap();
        let face = faces.get(FaceKind::Regular);
        let text = "Collaboration among law enforcement is central to any successful human trafficking investigation.";
        let lines = wrap(face, text, 12.0, 150.0);
        assert!(lines.len() > 2, "{lines:?}");
        for line in &lines {
            assert!(face.width_pt(line.trim_end(), 12.0) <= 150.0, "{line}");
        }
        // Every line but the last ends with the space it broke at, so the
        // words stay apart when the text is read back.
        assert_eq!(lines.concat(), text);
        assert!(lines[..lines.len() - 1].iter().all(|l| l.ends_with(' ')));
        let url = "https://www.ovcttac.gov/views/HowWeCanHelp/includes/Transcript_A_Multidisciplinary_Approach.cfm";
        let lines = wrap(face, url, 12.0, 120.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), url);
    }

    #[test]
    fn missing_characters_are_replaced_not_dropped() {
        let faces = Faces::load().unwrap();
        let text = faces.printable(FaceKind::Regular, "a \u{2192} b \u{1F600}");
        assert!(!text.contains('\u{1F600}'));
        assert!(text.starts_with("a ") && text.ends_with(" b ?"), "{text}");
        // Letters the font has are kept.
        assert_eq!(faces.printable(FaceKind::Bold, "Il1 O0"), "Il1 O0");
    }
}
