//! Plain-text and Markdown presenter's guides: `*italic*` is slide text,
//! `**bold**` a tip, `[text](url)` a link; blank lines separate paragraphs;
//! lines starting with `- `, `* `, `• ` or `1. ` are list items; leading
//! `#`s of Markdown headings are dropped.

use super::paragraphs::{GuideText, Paragraph, Style};

/// Reads a text guide into paragraphs. Never fails: any text is a guide
/// (the caller checks that it has slide headings).
pub fn parse(text: &str) -> GuideText {
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let flush = |current: &mut Vec<&str>, paragraphs: &mut Vec<Paragraph>| {
        if !current.is_empty() {
            paragraphs.push(inline(&current.join(" "), false));
            current.clear();
        }
    };
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut current, &mut paragraphs);
        } else if let Some(item) = list_item(trimmed) {
            flush(&mut current, &mut paragraphs);
            paragraphs.push(inline(item, true));
        } else {
            let heading = trimmed.trim_start_matches('#');
            if heading.len() < trimmed.len() && heading.starts_with(' ') {
                flush(&mut current, &mut paragraphs);
                paragraphs.push(inline(heading.trim(), false));
            } else {
                current.push(trimmed);
            }
        }
    }
    flush(&mut current, &mut paragraphs);
    GuideText {
        paragraphs,
        title: None,
    }
}

/// The text of a list item line, without its bullet or number.
fn list_item(line: &str) -> Option<&str> {
    for bullet in ["- ", "* ", "• ", "+ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some(rest.trim());
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        let rest = line.get(digits..)?;
        let rest = rest
            .strip_prefix(". ")
            .or_else(|| rest.strip_prefix(") "))?;
        return Some(rest.trim());
    }
    None
}

/// Splits `*…*`, `**…**` and `[text](url)` markup into styled runs. An
/// opening mark without its closing one is kept as text.
fn inline(text: &str, list_item: bool) -> Paragraph {
    let mut paragraph = Paragraph {
        runs: Vec::new(),
        list_item,
    };
    let mut rest = text;
    let mut style = Style::Plain;
    // Where each mark last occurs: "does it close later?" in constant time,
    // so a paragraph full of lone `*` stays linear.
    let last_single = text.rfind('*');
    let last_double = text.rfind("**");
    let last_link = text.rfind("](");
    while !rest.is_empty() {
        // One search for the nearer mark, so each byte is looked at once.
        let Some(next) = rest.find(['*', '[']) else {
            paragraph.push(rest, style, None);
            break;
        };
        let (before, at) = rest.split_at(next);
        paragraph.push(before, style, None);
        if at.starts_with('[') {
            let offset = text.len() - at.len();
            let may_link = last_link.is_some_and(|p| p > offset);
            if let Some((label, url, after)) = may_link.then(|| link(at)).flatten() {
                paragraph.push(label, style, Some(url.to_owned()));
                rest = after;
            } else {
                paragraph.push("[", style, None);
                rest = at.get(1..).unwrap_or_default();
            }
            continue;
        }
        let (mark, toggled) = if at.starts_with("**") {
            ("**", Style::Tip)
        } else {
            ("*", Style::Italic)
        };
        let after = at.get(mark.len()..).unwrap_or_default();
        let after_offset = text.len() - after.len();
        let last = if mark == "**" {
            last_double
        } else {
            last_single
        };
        let closes_later = last.is_some_and(|p| p >= after_offset);
        if style == Style::Plain {
            // Open only when the mark closes later in the paragraph.
            if closes_later && !after.starts_with(' ') {
                style = toggled;
            } else {
                paragraph.push(mark, style, None);
            }
        } else if style == toggled {
            style = Style::Plain;
        } else {
            // `*` inside `**…**` or the other way round: nested marks keep
            // the outer style (bold italic is a tip).
            if !closes_later {
                paragraph.push(mark, style, None);
            }
        }
        rest = after;
    }
    paragraph
}

/// Longest `[label](url)` read as a link, in bytes.
const MAX_LINK_BYTES: usize = 4096;

/// `[label](url)` at the start of `text`: (label, url, rest).
fn link(text: &str) -> Option<(&str, &str, &str)> {
    // Labels and addresses are short; looking further would make a text
    // full of `[` quadratic.
    let mut end = text.len().min(MAX_LINK_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = text.get(..end).unwrap_or(text);
    let close = window.find("](")?;
    let label = text.get(1..close)?;
    if label.contains('[') || label.contains('\n') {
        return None;
    }
    let after = text.get(close + 2..)?;
    let end = window.get(close + 2..)?.find(')')?;
    let url = after.get(..end)?;
    if url.contains(' ') {
        return None;
    }
    Some((label, url, after.get(end + 1..)?))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn markup_becomes_styles() {
        let guide = parse(
            "Slide One (Title): Say this. **A tip.** *On the slide.*\n\n- *First*\n- Second\n\nClick [the video](https://example.org/v) now. 2 * 3 = 6",
        );
        let first = &guide.paragraphs[0];
        let styles: Vec<(&str, Style)> = first
            .runs
            .iter()
            .map(|r| (r.text.as_str(), r.style))
            .collect();
        assert_eq!(
            styles,
            [
                ("Slide One (Title): Say this. ", Style::Plain),
                ("A tip.", Style::Tip),
                (" ", Style::Plain),
                ("On the slide.", Style::Italic)
            ]
        );
        assert!(guide.paragraphs[1].list_item);
        assert_eq!(guide.paragraphs[1].runs[0].style, Style::Italic);
        assert_eq!(guide.paragraphs[2].text(), "Second");
        let last = &guide.paragraphs[3];
        assert_eq!(last.text(), "Click the video now. 2 * 3 = 6");
        assert_eq!(last.runs[1].link.as_deref(), Some("https://example.org/v"));
    }

    #[test]
    fn lone_marks_stay_text_even_by_the_hundred_thousand() {
        let text = "x * [x ".repeat(100_000);
        let guide = parse(&text);
        assert!(
            guide.paragraphs[0].text() == text.trim(),
            "the marks changed"
        );
        assert!(
            guide.paragraphs[0]
                .runs
                .iter()
                .all(|r| r.style == Style::Plain)
        );
    }

    #[test]
    fn lines_join_until_a_blank_line() {
        let guide = parse("one\ntwo\n\n\nthree\r\n");
        assert_eq!(guide.paragraphs.len(), 2);
        assert_eq!(guide.paragraphs[0].text(), "one two");
    }
}
