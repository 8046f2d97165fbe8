//! Decks from guides: a new deck from a guide alone, or a guide's notes put
//! into the matching slides of an existing deck.

use super::guide::{Guide, GuideSlide, fold};
use crate::deck::{Deck, Layout, Note, Slide};

/// What came out of putting a guide into a deck.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MergeReport {
    /// For each guide slide that matched, (guide heading number, deck
    /// slide index 0-based).
    pub matched: Vec<(usize, usize)>,
    /// The guide slides no deck slide matched, as "Slide 11 (\"Extra\")".
    pub unmatched: Vec<String>,
}

/// A new deck from a guide alone: one slide per heading, titled by the
/// heading's name; italic text as the slide's content; a slide named
/// "Title" is a title slide. `fallback_title` names the deck when the guide
/// has no title (the file's name).
pub fn deck_from_guide(guide: &Guide, fallback_title: &str) -> Deck {
    let title = guide
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| fallback_title.to_owned());
    let mut ids = SlideIds::default();
    let slides = guide
        .slides
        .iter()
        .map(|part| {
            let is_title = part.title.eq_ignore_ascii_case("title");
            let slide_title = if is_title {
                title.clone()
            } else {
                part.title.clone()
            };
            let id = ids.make(&slide_title);
            Slide {
                id,
                title: slide_title,
                layout: if is_title {
                    Layout::Title
                } else {
                    Layout::Content
                },
                content: part.content.clone(),
                draw_content: true,
                minutes: None,
                links: part.links.clone(),
                content_note: None,
                hidden: false,
                page: None,
                notes: part.notes.clone(),
            }
        })
        .collect();
    Deck::titled(title, slides)
}

/// Makes slide ids from titles: lower case ASCII letters and digits joined
/// by `-`, unique in the deck (`-2`, `-3`, ... for repeats). Each id costs
/// about the same however many slides share a title.
#[derive(Debug, Clone, Default)]
pub struct SlideIds {
    taken: std::collections::HashSet<String>,
    next_suffix: std::collections::HashMap<String, usize>,
}

impl SlideIds {
    /// A new, unused id for a slide titled `title`.
    pub fn make(&mut self, title: &str) -> String {
        let mut base = String::new();
        for c in title.chars() {
            if c.is_ascii_alphanumeric() {
                base.push(c.to_ascii_lowercase());
            } else if !base.ends_with('-') && !base.is_empty() {
                base.push('-');
            }
            if base.len() >= 40 {
                break;
            }
        }
        let base = base.trim_end_matches('-').to_owned();
        let base = if base.is_empty() {
            "slide".to_owned()
        } else {
            base
        };
        let mut id = base.clone();
        if self.taken.contains(&id) {
            let mut n = self.next_suffix.get(&base).copied().unwrap_or(2);
            loop {
                id = format!("{base}-{n}");
                n += 1;
                if !self.taken.contains(&id) {
                    break;
                }
            }
            self.next_suffix.insert(base, n);
        }
        self.taken.insert(id.clone());
        id
    }
}

/// Words of a title that matter for matching: lower case, without "slide",
/// "page", articles, and a plural `s`.
fn title_words(title: &str) -> Vec<String> {
    fold(&title.to_lowercase())
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            !w.is_empty() && !matches!(*w, "slide" | "page" | "the" | "a" | "an" | "of" | "and")
        })
        .map(|w| {
            w.strip_suffix('s')
                .filter(|s| s.len() > 2)
                .unwrap_or(w)
                .to_owned()
        })
        .collect()
}

/// Whether a guide slide's title and a deck slide's title name the same
/// slide: every word of the shorter is in the longer.
fn titles_match(guide: &str, deck: &str) -> bool {
    let a = title_words(guide);
    let b = title_words(deck);
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    short.iter().all(|w| long.contains(w))
}

/// Puts the guide's notes into `deck`, replacing the notes of each matched
/// slide (content, links and everything else are kept). A guide slide
/// matches the deck slide at its number, unless that slide's title differs
/// and another free slide's title matches; a guide slide titled "Title"
/// matches a title-layout slide.
pub fn merge_into(deck: &mut Deck, guide: &Guide) -> MergeReport {
    let mut report = MergeReport::default();
    let mut taken = vec![false; deck.slides.len()];
    let by_title = |part: &GuideSlide, slide: &Slide| {
        titles_match(&part.title, &slide.title)
            || (part.title.eq_ignore_ascii_case("title") && slide.layout == Layout::Title)
    };
    // First pass: slides whose position and title agree, or that match by
    // title alone.
    let mut choice: Vec<Option<usize>> = vec![None; guide.slides.len()];
    for (g, part) in guide.slides.iter().enumerate() {
        let at = part.number.checked_sub(1);
        let same_place = at.and_then(|i| deck.slides.get(i).map(|s| (i, s)));
        if let Some((i, slide)) = same_place
            && by_title(part, slide)
            && !taken.get(i).copied().unwrap_or(true)
        {
            mark(&mut taken, i);
            if let Some(c) = choice.get_mut(g) {
                *c = Some(i);
            }
            continue;
        }
        let elsewhere = deck
            .slides
            .iter()
            .enumerate()
            .find(|(i, slide)| !taken.get(*i).copied().unwrap_or(true) && by_title(part, slide))
            .map(|(i, _)| i);
        if let Some(i) = elsewhere {
            mark(&mut taken, i);
            if let Some(c) = choice.get_mut(g) {
                *c = Some(i);
            }
        }
    }
    // Second pass: by order, for the rest.
    for (g, part) in guide.slides.iter().enumerate() {
        if choice.get(g).copied().flatten().is_some() {
            continue;
        }
        let at = part
            .number
            .checked_sub(1)
            .filter(|i| *i < deck.slides.len());
        match at {
            Some(i) if !taken.get(i).copied().unwrap_or(true) => {
                mark(&mut taken, i);
                if let Some(c) = choice.get_mut(g) {
                    *c = Some(i);
                }
            }
            _ => report
                .unmatched
                .push(format!("Slide {} ({:?})", part.number, part.title)),
        }
    }
    for (part, chosen) in guide.slides.iter().zip(choice) {
        let Some(i) = chosen else { continue };
        if let Some(slide) = deck.slides.get_mut(i) {
            slide.notes.clone_from(&part.notes);
            report.matched.push((part.number, i));
        }
    }
    report
}

fn mark(taken: &mut [bool], i: usize) {
    if let Some(t) = taken.get_mut(i) {
        *t = true;
    }
}

/// Counts of an imported deck's notes, for the summary line.
pub fn count_notes(slides: &[Slide]) -> (usize, usize) {
    let notes = slides.iter().flat_map(|s| &s.notes);
    let prompts = notes
        .clone()
        .filter(|n| matches!(n, Note::Prompt { .. }))
        .count();
    let tips = notes.filter(|n| matches!(n, Note::Tip(_))).count();
    (prompts, tips)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_thousand_slides_of_one_title_get_unique_ids_and_more_are_refused() {
        let text = "Slide 1 (Same): words\n\n".repeat(crate::import::guide::MAX_GUIDE_SLIDES);
        let guide = crate::import::read_guide(
            text.into_bytes(),
            crate::import::InputKind::Text,
            std::path::Path::new("g.txt"),
        );
        let Ok(guide) = guide else {
            unreachable!("the guide has headings");
        };
        let deck = deck_from_guide(&guide, "T");
        let ids: std::collections::HashSet<&str> =
            deck.slides.iter().map(|s| s.id.as_str()).collect();
        let n = crate::import::guide::MAX_GUIDE_SLIDES;
        assert_eq!((deck.slides.len(), ids.len()), (n, n));
        let more = "Slide 1 (Same): words\n\n".repeat(n + 1);
        let refused = crate::import::read_guide(
            more.into_bytes(),
            crate::import::InputKind::Text,
            std::path::Path::new("g.txt"),
        );
        assert!(matches!(
            refused,
            Err(crate::import::ImportError::TooManySlides { .. })
        ));
    }

    #[test]
    fn titles_match_loosely() {
        assert!(titles_match("DOJ Disclaimer", "Disclaimer"));
        assert!(titles_match("Reference Page", "References"));
        assert!(titles_match(
            "Value of Partnership",
            "The Value of Partnership"
        ));
        assert!(!titles_match("Case Study Example", "Different Focuses"));
    }

    #[test]
    fn ids_are_unique_slugs() {
        let mut ids = SlideIds::default();
        assert_eq!(
            ids.make("The Value of Partnership"),
            "the-value-of-partnership"
        );
        assert_eq!(
            ids.make("The value of partnership!"),
            "the-value-of-partnership-2"
        );
        assert_eq!(ids.make("¿?"), "slide");
        assert_eq!(ids.make("slide"), "slide-2");
        assert_eq!(ids.make("Slide 2"), "slide-2-2");
    }
}
