//! Slide themes: the built-in palettes, a deck's colour overrides, and the
//! WCAG contrast check. UI-free: colours are plain sRGB bytes here; the
//! views turn them into egui colours in `ui::tokens`.

use super::schema::Deck;

/// An sRGB colour: red, green, blue, 0 to 255.
pub type Rgb = [u8; 3];

/// The colours of a slide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Slide background.
    pub background: Rgb,
    /// Titles and body text.
    pub text: Rgb,
    /// Headings, bullets, the title rule, links.
    pub accent: Rgb,
    /// Secondary text: subtitles, attributions, the footer.
    pub muted: Rgb,
}

/// The light theme (the default): dark text on off-white, contrast 15:1.
pub const LIGHT: Palette = Palette {
    background: [0xFA, 0xF9, 0xF6],
    text: [0x1C, 0x22, 0x2B],
    accent: [0x1F, 0x5F, 0x99],
    muted: [0x4A, 0x55, 0x63],
};

/// The dark theme: light text on near-black.
pub const DARK: Palette = Palette {
    background: [0x16, 0x1A, 0x20],
    text: [0xEE, 0xF0, 0xF3],
    accent: [0x7F, 0xB8, 0xF0],
    muted: [0xB4, 0xBC, 0xC8],
};

/// The high-contrast theme: white on black, yellow accent.
pub const HIGH_CONTRAST: Palette = Palette {
    background: [0x00, 0x00, 0x00],
    text: [0xFF, 0xFF, 0xFF],
    accent: [0xFF, 0xE0, 0x33],
    muted: [0xE6, 0xE6, 0xE6],
};

/// The built-in themes by name, as a deck writes them.
pub const THEMES: &[(&str, Palette)] = &[
    ("light", LIGHT),
    ("dark", DARK),
    ("high-contrast", HIGH_CONTRAST),
];

/// The least contrast between text and background that `cuecard check`
/// accepts without a warning (WCAG 2.2, success criterion 1.4.3, AA).
pub const MIN_CONTRAST: f64 = 4.5;

/// The built-in palette called `name`; the light one for `None` or an
/// unknown name.
pub fn base(name: Option<&str>) -> Palette {
    THEMES
        .iter()
        .find(|(n, _)| Some(*n) == name)
        .map_or(LIGHT, |(_, p)| *p)
}

/// Parses `#RRGGBB` (or `RRGGBB`, or `#RGB`), case-insensitive.
pub fn parse_hex(text: &str) -> Option<Rgb> {
    let hex = text.trim().strip_prefix('#').unwrap_or(text.trim());
    let digits: Vec<u8> = hex
        .chars()
        .map(|c| c.to_digit(16).map(|d| d as u8))
        .collect::<Option<_>>()?;
    match digits.as_slice() {
        [r, g, b] => Some([r * 17, g * 17, b * 17]),
        [r1, r2, g1, g2, b1, b2] => Some([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2]),
        _ => None,
    }
}

/// The deck's palette: its theme, with its `colors` overrides where they
/// parse (validation reports the ones that do not).
pub fn palette(deck: &Deck) -> Palette {
    let mut palette = base(deck.theme.as_deref());
    if let Some(colors) = &deck.colors {
        let set = |slot: &mut Rgb, value: &Option<String>| {
            if let Some(rgb) = value.as_deref().and_then(parse_hex) {
                *slot = rgb;
            }
        };
        set(&mut palette.background, &colors.background);
        set(&mut palette.text, &colors.text);
        set(&mut palette.accent, &colors.accent);
        set(&mut palette.muted, &colors.muted);
    }
    palette
}

/// WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white).
pub fn luminance(rgb: Rgb) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

/// WCAG contrast ratio of two colours, 1 (none) to 21 (black on white).
pub fn contrast_ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours() {
        assert_eq!(parse_hex("#1c222b"), Some([0x1C, 0x22, 0x2B]));
        assert_eq!(parse_hex("FFF"), Some([255, 255, 255]));
        assert_eq!(parse_hex("#12345"), None);
        assert_eq!(parse_hex("red"), None);
    }

    #[test]
    fn contrast_matches_wcag() {
        assert!((contrast_ratio([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 0.01);
        assert!((contrast_ratio([0x77, 0x77, 0x77], [255, 255, 255]) - 4.48).abs() < 0.01);
        for (name, p) in THEMES {
            assert!(contrast_ratio(p.text, p.background) >= 7.0, "{name} text");
            assert!(
                contrast_ratio(p.muted, p.background) >= MIN_CONTRAST,
                "{name} muted"
            );
            assert!(
                contrast_ratio(p.accent, p.background) >= MIN_CONTRAST,
                "{name} accent"
            );
        }
    }
}
