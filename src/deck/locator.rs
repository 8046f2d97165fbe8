//! Where a field or value of a deck is in its source text: line and
//! column for a problem found after parsing.

use super::diagnostic::Location;
use super::scan::{Scan, scan};

/// Finds the places of fields and values in the deck's source text, so that
/// a problem found after parsing still points at a line and column. Where
/// a place cannot be found, the slide's own place (or the file's start) is
/// used.
pub(super) struct Locator<'a> {
    source: &'a str,
    pub(super) scan: Scan,
    /// Byte range of each slide's parentheses, in slide order.
    slides: Vec<(usize, usize)>,
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
}

/// Depth of a slide's own fields: deck `(` 1, `slides: [` 2, slide `(` 3.
const SLIDE_DEPTH: usize = 3;

impl<'a> Locator<'a> {
    pub(super) fn new(source: &'a str) -> Self {
        let scan = scan(source);
        let slides_key = scan
            .keys
            .iter()
            .find(|k| k.depth == 1 && k.name == "slides")
            .map(|k| k.offset);
        let starts: Vec<usize> = match slides_key {
            Some(after) => scan
                .opens
                .iter()
                .filter(|o| o.offset > after && o.depth == SLIDE_DEPTH)
                .map(|o| o.offset)
                .collect(),
            None => Vec::new(),
        };
        let slides = starts
            .iter()
            .enumerate()
            .map(|(i, &start)| (start, starts.get(i + 1).copied().unwrap_or(source.len())))
            .collect();
        let line_starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            source,
            scan,
            slides,
            line_starts,
        }
    }

    /// The line and column of byte `offset`, from the line index (so a
    /// deck with thousands of slides is not read from the start each time).
    pub(super) fn at(&self, offset: usize) -> Location {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let line_text = self.source.get(start..).unwrap_or_default();
        let within = Location::of_offset(line_text, offset.saturating_sub(start));
        Location {
            line,
            column: if within.line == 1 { within.column } else { 1 },
        }
    }

    fn range(&self, slide: usize) -> (usize, usize) {
        self.slides
            .get(slide)
            .copied()
            .unwrap_or((0, self.source.len()))
    }

    /// The place of slide `index`: its `id:` field, else its `(`.
    pub(super) fn slide(&self, index: usize) -> Location {
        match self.slides.get(index) {
            Some(&(start, _)) => self
                .slide_key(index, "id")
                .unwrap_or_else(|| self.at(start)),
            None => Location::START,
        }
    }

    /// The place of a deck-level field `name:`.
    pub(super) fn key(&self, name: &str) -> Location {
        self.scan
            .keys
            .iter()
            .find(|k| k.depth == 1 && k.name == name)
            .map_or(Location::START, |k| self.at(k.offset))
    }

    /// The keys whose offsets lie in `start..end` (keys are in file
    /// order, so this is a binary search, not a scan).
    fn keys_in(&self, start: usize, end: usize) -> &[crate::deck::scan::KeyAt] {
        let keys = &self.scan.keys;
        let lo = keys.partition_point(|k| k.offset < start);
        let hi = keys.partition_point(|k| k.offset < end);
        keys.get(lo..hi.max(lo)).unwrap_or_default()
    }

    /// The place of slide `index`'s own field `name:`.
    pub(super) fn slide_key(&self, index: usize, name: &str) -> Option<Location> {
        let (start, end) = self.range(index);
        self.keys_in(start, end)
            .iter()
            .find(|k| k.depth == SLIDE_DEPTH && k.name == name)
            .map(|k| self.at(k.offset))
    }

    /// Byte offset of the string literal `value` inside slide `index`
    /// (the deck header for `None`).
    fn value_offset(&self, index: Option<usize>, value: &str) -> Option<usize> {
        let literal = ron_literal(value);
        let (start, end) = match index {
            Some(i) => self.range(i),
            None => (0, self.slides.first().map_or(self.source.len(), |r| r.0)),
        };
        let strings = &self.scan.strings;
        let lo = strings.partition_point(|s| s.offset < start);
        let hi = strings.partition_point(|s| s.offset < end);
        strings
            .get(lo..hi.max(lo))
            .unwrap_or_default()
            .iter()
            .find(|s| s.raw == literal)
            .map(|s| s.offset)
    }

    /// The place of the string `value` inside slide `index` (or the deck
    /// header), else the slide's place.
    pub(super) fn value(&self, index: Option<usize>, value: &str) -> Location {
        self.value_offset(index, value).map_or_else(
            || index.map_or(Location::START, |i| self.slide(i)),
            |o| self.at(o),
        )
    }

    /// The place of the first field `name:` after the string `value` in
    /// slide `index` at that string's depth or one below (e.g. a prompt's
    /// `minutes` after its `question`), else the string's place.
    pub(super) fn key_after_value(&self, index: usize, value: &str, name: &str) -> Location {
        let Some(after) = self.value_offset(Some(index), value) else {
            return self.slide(index);
        };
        let (start, end) = self.range(index);
        let question_depth = self.keys_in(start, after).last().map_or(0, |k| k.depth);
        self.keys_in(after, end)
            .iter()
            .find(|k| k.name == name && k.depth == question_depth)
            .map_or_else(|| self.at(after), |k| self.at(k.offset))
    }
}

fn ron_literal(value: &str) -> String {
    ron::to_string(value).unwrap_or_else(|_| format!("{value:?}"))
}
