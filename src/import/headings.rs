//! "Slide One (Title Slide):", "Slide 12 (Case Study):", "Slide 3:" headings,
//! and the sentence helpers the guide reader needs.

/// A slide heading found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The slide number the heading gives (1-based).
    pub number: usize,
    /// The name in parentheses, if any (`"Title Slide"`).
    pub name: Option<String>,
    /// How many characters of the paragraph the heading takes, separator
    /// and following spaces included.
    pub chars: usize,
}

const ONES: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[&str] = &[
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// The value of an English number word up to ninety-nine ("Twelve",
/// "twenty-one", "Thirty Two").
pub fn number_word(words: &str) -> Option<usize> {
    let lower = words.to_lowercase();
    let parts: Vec<&str> = lower.split(['-', ' ']).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [one] => ONES.iter().position(|w| w == one).or_else(|| {
            TENS.iter()
                .position(|w| !w.is_empty() && w == one)
                .map(|t| t * 10)
        }),
        [ten, one] => {
            let tens = TENS.iter().position(|w| !w.is_empty() && w == ten)?;
            let ones = ONES
                .iter()
                .position(|w| w == one)
                .filter(|&o| (1..10).contains(&o))?;
            Some(tens * 10 + ones)
        }
        _ => None,
    }
}

/// Reads a slide heading at the start of `text`: `Slide`, a number (digits
/// or words), an optional `(name)`, then `:`, `.`, a dash, or the end of
/// the paragraph. "Slide two shows…" is not a heading.
pub fn heading(text: &str) -> Option<Heading> {
    let chars: Vec<char> = text.chars().collect();
    let mut at = chars.iter().take_while(|c| c.is_whitespace()).count();
    let word: String = chars.get(at..at + 5)?.iter().collect();
    if !word.eq_ignore_ascii_case("slide") {
        return None;
    }
    at += 5;
    let spaces = chars
        .get(at..)?
        .iter()
        .take_while(|c| c.is_whitespace())
        .count();
    if spaces == 0 {
        return None;
    }
    at += spaces;
    // The number: digits, or one or two number words.
    let number;
    let digits: String = chars
        .get(at..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if digits.is_empty() {
        let mut best: Option<(usize, usize)> = None;
        let mut end = at;
        let mut words = String::new();
        for _ in 0..2 {
            let start = end;
            let len = chars
                .get(start..)?
                .iter()
                .take_while(|c| c.is_alphabetic())
                .count();
            if len == 0 {
                break;
            }
            let piece: String = chars.get(start..start + len)?.iter().collect();
            if !words.is_empty() {
                words.push(' ');
            }
            words.push_str(&piece);
            end = start + len;
            if let Some(value) = number_word(&words) {
                best = Some((value, end));
            } else {
                break;
            }
            match chars.get(end) {
                Some('-' | ' ') => end += 1,
                _ => break,
            }
        }
        let (value, end) = best?;
        number = value;
        at = end;
    } else {
        number = digits.parse().ok()?;
        at += digits.len();
    }
    if number == 0 {
        return None;
    }
    at += chars
        .get(at..)?
        .iter()
        .take_while(|c| c.is_whitespace())
        .count();
    let mut name = None;
    if chars.get(at) == Some(&'(') {
        let close = chars.get(at..)?.iter().position(|&c| c == ')')?;
        let inner: String = chars.get(at + 1..at + close)?.iter().collect();
        name = Some(inner.trim().to_owned()).filter(|n| !n.is_empty());
        at += close + 1;
        at += chars
            .get(at..)?
            .iter()
            .take_while(|c| c.is_whitespace())
            .count();
    }
    match chars.get(at) {
        None => {}
        Some(':' | '.' | '-' | '\u{2013}' | '\u{2014}') => at += 1,
        Some(_) => return None,
    }
    at += chars
        .get(at..)?
        .iter()
        .take_while(|c| c.is_whitespace())
        .count();
    Some(Heading {
        number,
        name,
        chars: at,
    })
}

/// Whether a character ends a sentence (or a clause that ends a line).
pub fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '\u{2026}' | ':' | ';' | '"' | '\u{201D}' | '\u{2019}' | ')'
    )
}

/// Splits `text` after its first sentence: at `.`, `!`, `?` or `…`
/// followed by a space and a capital, a digit or a quotation mark, but not
/// after a lone capital ("U.S. Department").
pub fn first_sentence(text: &str) -> (&str, &str) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(offset, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '\u{2026}') {
            continue;
        }
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let after = chars.get(i + 2).map(|&(_, c)| c);
        let starts_sentence = after.is_some_and(|a| {
            a.is_uppercase() || a.is_ascii_digit() || matches!(a, '"' | '\u{201C}')
        });
        if next != Some(' ') || !starts_sentence {
            continue;
        }
        // "U.S. Department": a single capital before the period.
        let before: String = text
            .get(..offset)
            .unwrap_or_default()
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        if c == '.' && before.chars().count() == 1 && before.chars().all(char::is_uppercase) {
            continue;
        }
        let cut = offset + c.len_utf8();
        return (
            text.get(..cut).unwrap_or(text),
            text.get(cut..).unwrap_or_default().trim_start(),
        );
    }
    (text, "")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn headings_in_words_and_digits() {
        let h = heading("Slide One (Title Slide): The NMOAG").unwrap();
        assert_eq!((h.number, h.name.as_deref()), (1, Some("Title Slide")));
        assert_eq!(
            &"Slide One (Title Slide): The NMOAG"[h.chars..],
            "The NMOAG"
        );
        assert_eq!(heading("Slide 12 (Case):").unwrap().number, 12);
        assert_eq!(heading("SLIDE Twenty-One: x").unwrap().number, 21);
        assert_eq!(heading("Slide Thirty Two - x").unwrap().number, 32);
        assert_eq!(heading("Slide 3").unwrap().number, 3);
        assert_eq!(heading("Slide two shows the map."), None);
        assert_eq!(heading("Slides 3: x"), None);
        assert_eq!(heading("The Slide One (x):"), None);
        assert_eq!(heading("Slide 0:"), None);
    }

    #[test]
    fn first_sentence_skips_initials() {
        assert_eq!(
            first_sentence("It helps the U.S. Department. Next one. Third"),
            ("It helps the U.S. Department.", "Next one. Third")
        );
        assert_eq!(first_sentence("Coordination..."), ("Coordination...", ""));
    }
}
