//! Web addresses written in text (`Source: https://www.dhs.gov/...`) made
//! into links: found in the lines of a block, cut into runs, and tagged as
//! `Link` elements with their annotations, so a reader can click them and
//! a screen reader knows they are links.

use std::ops::Range;

use super::doc::{Area, Flow, Item, Kind, LinkTarget, Node};

impl Flow<'_> {
    /// As [`Flow::content`], for the lines of one block of text (in
    /// order): a web address in them becomes a `Link` element with its
    /// annotation, so it can be clicked and a reader knows it is a link.
    /// Addresses [`super::art::safe_address`] refuses stay plain text.
    pub(crate) fn content_linked(&mut self, items: Vec<Item>) {
        let page = self.page;
        self.content_linked_on(page, items);
    }

    /// As [`Flow::content_linked`], on `page` (lines laid before a page
    /// break belong to the page before).
    pub(crate) fn content_linked_on(&mut self, page: usize, items: Vec<Item>) {
        let lines: Vec<String> = items
            .iter()
            .filter_map(|item| match item {
                Item::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect();
        let runs = link_runs(&lines);
        if runs.iter().flatten().all(|run| run.url.is_none()) {
            if !items.is_empty() {
                self.push_node(Node::Content { page, items });
            }
            return;
        }
        let mut pending = Vec::new();
        let mut runs = runs.into_iter();
        for item in items {
            let Item::Text {
                x,
                baseline,
                text,
                face,
                size,
                color,
            } = item
            else {
                pending.push(item);
                continue;
            };
            let font = self.faces.get(face);
            for run in runs.next().unwrap_or_default() {
                let (Some(before), Some(piece)) =
                    (text.get(..run.start), text.get(run.start..run.end))
                else {
                    continue;
                };
                let run_x = x + font.width_pt(before, size);
                let item = Item::Text {
                    x: run_x,
                    baseline,
                    text: piece.to_owned(),
                    face,
                    size,
                    color,
                };
                match run.url.and_then(|url| super::art::safe_address(&url)) {
                    None => pending.push(item),
                    Some(url) => {
                        if !pending.is_empty() {
                            let items = std::mem::take(&mut pending);
                            self.push_node(Node::Content { page, items });
                        }
                        let area = Area::new(
                            run_x,
                            baseline - font.ascent * size,
                            font.width_pt(piece.trim_end(), size),
                            font.line_height_pt(size),
                        );
                        let link = Node::Group(
                            Kind::Link,
                            vec![
                                Node::Content {
                                    page,
                                    items: vec![item],
                                },
                                Node::Annotation {
                                    page,
                                    area,
                                    target: LinkTarget::Url(url.clone()),
                                    alt: format!("Web address {url}"),
                                },
                            ],
                        );
                        self.push_node(link);
                    }
                }
            }
        }
        if !pending.is_empty() {
            self.push_node(Node::Content {
                page,
                items: pending,
            });
        }
    }
}

/// A piece of a line of text: a byte range of the line, and the web
/// address it shows, if it is (part of) one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Run {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) url: Option<String>,
}

/// Characters that end a sentence or a bracket after an address rather
/// than belong to it.
const AFTER_ADDRESS: &[char] = &['.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '"', '>'];

/// The web addresses (`http://`, `https://`) in `text`: byte ranges and
/// the addresses, without the punctuation that follows them in a sentence.
pub(crate) fn find_urls(text: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    for word in text.split_whitespace() {
        // Where the word starts in `text` (it is a slice of it).
        let word_start = (word.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        let lower = word.to_ascii_lowercase();
        let Some(offset) = ["https://", "http://"]
            .iter()
            .filter_map(|scheme| lower.find(scheme))
            .min()
        else {
            continue;
        };
        let Some(candidate) = word.get(offset..) else {
            continue;
        };
        let mut url = candidate;
        // A closing bracket belongs to the address only if it opened one.
        while let Some(last) = url.chars().last() {
            let closes_its_own =
                last == ')' && url.matches('(').count() >= url.matches(')').count();
            if AFTER_ADDRESS.contains(&last) && !closes_its_own {
                url = url.get(..url.len() - last.len_utf8()).unwrap_or_default();
            } else {
                break;
            }
        }
        let host = url.split("//").nth(1).unwrap_or_default();
        if host.is_empty() {
            continue;
        }
        let start = word_start + offset;
        found.push((start..start + url.len(), url.to_owned()));
    }
    found
}

/// The lines of one block of text (as [`wrap`] broke it: joined, they are
/// the text) cut into runs at the web addresses in it. An address broken
/// over two lines links from both.
pub(crate) fn link_runs(lines: &[String]) -> Vec<Vec<Run>> {
    let joined = lines.concat();
    let urls = find_urls(&joined);
    let mut out = Vec::with_capacity(lines.len());
    let mut line_start = 0;
    for line in lines {
        let line_end = line_start + line.len();
        let mut runs = Vec::new();
        let mut at = line_start;
        for (range, url) in &urls {
            let (start, end) = (range.start.max(line_start), range.end.min(line_end));
            if start >= end {
                continue;
            }
            if at < start {
                runs.push(Run {
                    start: at - line_start,
                    end: start - line_start,
                    url: None,
                });
            }
            runs.push(Run {
                start: start - line_start,
                end: end - line_start,
                url: Some(url.clone()),
            });
            at = end;
        }
        if at < line_end || runs.is_empty() {
            runs.push(Run {
                start: at - line_start,
                end: line_end - line_start,
                url: None,
            });
        }
        out.push(runs);
        line_start = line_end;
    }
    out
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::super::doc::{Grid, Style};
    use super::super::fonts::{FaceKind, Faces};
    use super::*;

    fn urls(text: &str) -> Vec<String> {
        find_urls(text).into_iter().map(|(_, url)| url).collect()
    }

    #[test]
    fn web_addresses_are_found_without_the_sentence_around_them() {
        assert_eq!(
            urls("Source: https://www.dhs.gov/continued-presence."),
            ["https://www.dhs.gov/continued-presence"]
        );
        assert_eq!(
            urls("(see https://example.org/a), then http://x.org/b; and HTTPS://Y.org"),
            ["https://example.org/a", "http://x.org/b", "HTTPS://Y.org"]
        );
        // A bracket the address opened is kept.
        assert_eq!(
            urls("https://en.wikipedia.org/wiki/T_visa_(United_States)."),
            ["https://en.wikipedia.org/wiki/T_visa_(United_States)"]
        );
        assert!(urls("No address here, nor in https:// alone or mailto:a@b.org").is_empty());
        let text = "Öffnen: https://ex.org/ü";
        let (range, url) = &find_urls(text)[0];
        assert_eq!(&text[range.clone()], url);
    }

    #[test]
    fn an_address_broken_over_lines_links_from_each_piece() {
        let lines = vec![
            "Read it at ".to_owned(),
            "https://www.ovcttac.gov/task".to_owned(),
            "forceguide/eguide/ today.".to_owned(),
        ];
        let runs = link_runs(&lines);
        let full = Some("https://www.ovcttac.gov/taskforceguide/eguide/".to_owned());
        assert_eq!(
            runs[0],
            [Run {
                start: 0,
                end: 11,
                url: None
            }]
        );
        assert_eq!(
            runs[1],
            [Run {
                start: 0,
                end: 28,
                url: full.clone()
            }]
        );
        assert_eq!(
            runs[2],
            [
                Run {
                    start: 0,
                    end: 18,
                    url: full
                },
                Run {
                    start: 18,
                    end: 25,
                    url: None
                },
            ]
        );
        // Lines without an address are one plain run each.
        let plain = link_runs(&["a b ".to_owned(), "c".to_owned()]);
        assert_eq!(
            plain,
            [
                vec![Run {
                    start: 0,
                    end: 4,
                    url: None
                }],
                vec![Run {
                    start: 0,
                    end: 1,
                    url: None
                }]
            ]
        );
    }

    #[test]
    fn an_address_in_a_paragraph_becomes_a_link_element_with_its_annotation() {
        let faces = Faces::load().unwrap();
        let mut flow = Flow::new(&faces, grid());
        let style = Style {
            face: FaceKind::Regular,
            size: 11.0,
            color: [0, 0, 0],
        };
        flow.open(Kind::P);
        flow.text(
            "Source: https://www.dhs.gov/continued-presence and more.",
            style,
            0.0,
        );
        flow.close();
        let doc = flow.finish();
        let Some(Node::Group(Kind::P, children)) = doc.tree.first() else {
            panic!("{:?}", doc.tree);
        };
        assert_eq!(children.len(), 3, "{children:?}");
        let Node::Group(Kind::Link, link) = &children[1] else {
            panic!("{children:?}");
        };
        let texts: Vec<_> = children
            .iter()
            .flat_map(|c| match c {
                Node::Content { items, .. } => items.clone(),
                Node::Group(_, inner) => inner
                    .iter()
                    .flat_map(|n| match n {
                        Node::Content { items, .. } => items.clone(),
                        _ => Vec::new(),
                    })
                    .collect(),
                Node::Annotation { .. } => Vec::new(),
            })
            .map(|item| match item {
                Item::Text { text, .. } => text,
                _ => String::new(),
            })
            .collect();
        assert_eq!(
            texts.concat(),
            "Source: https://www.dhs.gov/continued-presence and more."
        );
        assert!(matches!(
            &link[1],
            Node::Annotation { target: LinkTarget::Url(url), .. } if url == "https://www.dhs.gov/continued-presence"
        ));
    }

    fn grid() -> Grid {
        Grid {
            width: 612.0,
            height: 792.0,
            margin: 54.0,
            top: 72.0,
            bottom: 738.0,
        }
    }
}
