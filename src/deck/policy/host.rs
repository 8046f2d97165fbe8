//! Host names that may be lookalikes of real ones: punycode (`xn--`) and
//! names that mix writing systems (a Cyrillic "а" in "аpple.com").
//!
//! The rule for mixing is Unicode Technical Standard #39's "highly
//! restrictive" level (section 5.2): all letters of the host are from one
//! script, or from Latin with the scripts written together in Japanese
//! (Han, Hiragana, Katakana), Chinese (Han, Bopomofo) or Korean (Han,
//! Hangul). Characters common to all scripts (digits, `-`) do not count.
//! Scripts come from the Unicode Character Database via ICU4X
//! (`icu_properties`).

use icu_properties::props::Script;
use icu_properties::{CodePointMapData, PropertyNamesLong};

/// Why a host name may not be what it looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookalike {
    /// The host as the browser sends it (ASCII, punycode for international
    /// names), e.g. `xn--pple-43d.com`.
    pub ascii: String,
    /// The host in Unicode, as it reads, e.g. `аpple.com`.
    pub unicode: String,
    /// Whether the deck wrote the host in punycode.
    pub punycode: bool,
    /// The scripts of the host's letters when they mix in a way UTS #39
    /// does not allow (e.g. `["Cyrillic", "Latin"]`); empty otherwise.
    pub mixed_scripts: Vec<String>,
    /// When the scripts mix: the letters that are not Latin (or, without
    /// Latin, not of the most used script), each as `"а" is Cyrillic
    /// (U+0430)`, so the presenter can see which letter is the odd one.
    pub odd_letters: Vec<String>,
}

impl std::fmt::Display for Lookalike {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.punycode {
            write!(
                f,
                "the host {} is punycode for {:?}",
                self.ascii, self.unicode
            )?;
        } else {
            write!(
                f,
                "the host {:?} is an international name (sent as {})",
                self.unicode, self.ascii
            )?;
        }
        if !self.mixed_scripts.is_empty() {
            write!(
                f,
                ", which mixes {} letters",
                self.mixed_scripts.join(" and ")
            )?;
            if !self.odd_letters.is_empty() {
                write!(f, ": {}", self.odd_letters.join(", "))?;
            }
        }
        write!(
            f,
            "; lookalikes of real sites are made this way, so check that it is the site you mean"
        )
    }
}

/// The Japanese, Chinese and Korean combinations UTS #39 allows with Latin.
const ALLOWED_WITH_LATIN: &[&[Script]] = &[
    &[
        Script::Latin,
        Script::Han,
        Script::Hiragana,
        Script::Katakana,
    ],
    &[Script::Latin, Script::Han, Script::Bopomofo],
    &[Script::Latin, Script::Han, Script::Hangul],
];

/// The scripts of `text`'s letters that break UTS #39's highly restrictive
/// level, sorted by name; empty when the text is fine.
pub fn mixed_scripts(text: &str) -> Vec<String> {
    let map = CodePointMapData::<Script>::new();
    let mut scripts: Vec<Script> = Vec::new();
    for c in text.chars() {
        let script = map.get(c);
        if script != Script::Common && script != Script::Inherited && !scripts.contains(&script) {
            scripts.push(script);
        }
    }
    let allowed = scripts.len() <= 1
        || ALLOWED_WITH_LATIN
            .iter()
            .any(|set| scripts.iter().all(|s| set.contains(s)));
    if allowed {
        return Vec::new();
    }
    let long_names = PropertyNamesLong::<Script>::new();
    let mut mixed: Vec<String> = scripts
        .iter()
        .map(|s| long_names.get(*s).unwrap_or("Unknown").replace('_', " "))
        .collect();
    mixed.sort();
    mixed
}

/// Checks a host as the URL parser gives it (`ascii`, lower case, punycode
/// for international names) and as the deck wrote it (`written`).
/// Returns why it may be a lookalike: a host written in punycode, or one
/// whose letters mix scripts (see the module's rule). Plain ASCII hosts and
/// single-script international ones (`bücher.de`, `президент.рф`) pass.
pub fn lookalike(ascii: &str, written: &str) -> Option<Lookalike> {
    let international = ascii.split('.').any(|label| label.starts_with("xn--"));
    if !international {
        return None;
    }
    let (unicode, _) = idna::domain_to_unicode(ascii);
    let punycode = written.to_ascii_lowercase().contains("xn--");
    let mixed = mixed_scripts(&unicode);
    let odd = if mixed.is_empty() {
        Vec::new()
    } else {
        odd_letters(&unicode)
    };
    (punycode || !mixed.is_empty()).then(|| Lookalike {
        ascii: ascii.to_owned(),
        unicode,
        punycode,
        mixed_scripts: mixed,
        odd_letters: odd,
    })
}

/// The distinct letters of `text` that are not Latin when Latin is among
/// its scripts (lookalikes imitate Latin names), else those not of its
/// most used script; each as `"а" is Cyrillic (U+0430)`.
fn odd_letters(text: &str) -> Vec<String> {
    let map = CodePointMapData::<Script>::new();
    let letters: Vec<(char, Script)> = text
        .chars()
        .map(|c| (c, map.get(c)))
        .filter(|(_, s)| *s != Script::Common && *s != Script::Inherited)
        .collect();
    let main = if letters.iter().any(|(_, s)| *s == Script::Latin) {
        Script::Latin
    } else {
        letters
            .iter()
            .map(|(_, s)| *s)
            .max_by_key(|s| letters.iter().filter(|(_, t)| t == s).count())
            .unwrap_or(Script::Latin)
    };
    let long_names = PropertyNamesLong::<Script>::new();
    let mut odd: Vec<String> = Vec::new();
    for (c, script) in letters {
        let shown = format!(
            "\"{c}\" is {} (U+{:04X})",
            long_names
                .get(script)
                .unwrap_or("Unknown")
                .replace('_', " "),
            u32::from(c)
        );
        if script != main && !odd.contains(&shown) {
            odd.push(shown);
        }
    }
    odd
}
